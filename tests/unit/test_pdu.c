// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd's LACPDU and Marker PDU codec (lacpd/pdu.c).
 *
 * The expected frames below were written out octet by octet from the
 * layout of IEEE 802.1AX-2014 6.4.2.3 (LACPDU) and 6.5.3.3 (Marker PDU),
 * not produced by the encoder. Every frame handed to lacp_decode() is
 * first copied into a heap buffer of exactly its length, so that a build
 * with -fsanitize=address catches any read past @len.
 *
 * Offsets of a LACPDU frame:   0 dst, 6 src, 12 ethertype, 14 subtype,
 *   15 version, 16 Actor TLV, 36 Partner TLV, 56 Collector TLV,
 *   72 Terminator, 74..123 reserved.
 * Offsets of a Marker frame:   16 Marker TLV, 32 Terminator, 34..123
 *   reserved.
 */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pdu.h"
#include "suites.h"

#define OFF_SUBTYPE	14
#define OFF_VERSION	15
#define OFF_ACTOR	16
#define OFF_PARTNER	36
#define OFF_COLLECTOR	56
#define OFF_LACP_TERM	72
#define OFF_MARKER	16
#define OFF_MARKER_TERM	32

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const uint8_t src_mac[6] = { 0x00, 0x1b, 0x21, 0xaa, 0xbb, 0x01 };

/*
 * The reference LACPDU: the actor is aggregating and in sync, collecting
 * and distributing (state 0x3d = activity 0x01 | aggregation 0x04 | sync
 * 0x08 | collecting 0x10 | distributing 0x20); the partner is defaulted
 * with short timeouts (0x47 = activity | timeout 0x02 | aggregation |
 * defaulted 0x40).
 */
static const struct lacpdu ref_lacpdu = {
	.actor = {
		.system_prio = 0x8000,
		.system = { 0x00, 0x1b, 0x21, 0xaa, 0xbb, 0x00 },
		.key = 0x0011,
		.port_prio = 0x00ff,
		.port = 0x0102,
		.state = 0x3d,
	},
	.partner = {
		.system_prio = 0x0001,
		.system = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 },
		.key = 0xabcd,
		.port_prio = 0x8000,
		.port = 0xfffe,
		.state = 0x47,
	},
	.collector_max_delay = 0x1234,
};

/* ref_lacpdu from src_mac, as 802.1AX lays it out. */
static const uint8_t ref_lacpdu_frame[LACP_FRAME_LEN] = {
	/* destination, source, ethertype */
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x02,
	0x00, 0x1b, 0x21, 0xaa, 0xbb, 0x01,
	0x88, 0x09,
	/* subtype LACP, version 1 */
	0x01, 0x01,
	/* Actor Information: type 1, length 20 */
	0x01, 0x14,
	0x80, 0x00,				/* system priority */
	0x00, 0x1b, 0x21, 0xaa, 0xbb, 0x00,	/* system */
	0x00, 0x11,				/* key */
	0x00, 0xff,				/* port priority */
	0x01, 0x02,				/* port */
	0x3d,					/* state */
	0x00, 0x00, 0x00,			/* reserved */
	/* Partner Information: type 2, length 20 */
	0x02, 0x14,
	0x00, 0x01,
	0x52, 0x54, 0x00, 0x12, 0x34, 0x56,
	0xab, 0xcd,
	0x80, 0x00,
	0xff, 0xfe,
	0x47,
	0x00, 0x00, 0x00,
	/* Collector Information: type 3, length 16 */
	0x03, 0x10,
	0x12, 0x34,				/* max delay */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* reserved (12) */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	/* Terminator: type 0, length 0 */
	0x00, 0x00,
	/* octets 74..123: 50 reserved, zero (the rest of the array) */
};

static const struct marker_pdu ref_marker = {
	.tlv_type = MARKER_TLV_INFO,
	.requester_port = 0x0203,
	.requester_system = { 0x00, 0x1b, 0x21, 0xaa, 0xbb, 0x00 },
	.requester_transaction_id = 0xdeadbeef,
};

static const uint8_t ref_marker_frame[LACP_FRAME_LEN] = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x02,
	0x00, 0x1b, 0x21, 0xaa, 0xbb, 0x01,
	0x88, 0x09,
	/* subtype Marker, version 1 */
	0x02, 0x01,
	/* Marker Information: type 1, length 16 */
	0x01, 0x10,
	0x02, 0x03,				/* requester port */
	0x00, 0x1b, 0x21, 0xaa, 0xbb, 0x00,	/* requester system */
	0xde, 0xad, 0xbe, 0xef,			/* transaction id */
	0x00, 0x00,				/* pad */
	/* Terminator */
	0x00, 0x00,
	/* octets 34..123: 90 reserved, zero */
};

/* ---------------------------------------------------------------- helpers */

/* Decode @len octets of @buf from a heap copy of exactly that size. */
static enum lacp_decode_result decode(const uint8_t *buf, size_t len,
				      struct lacp_frame *out)
{
	enum lacp_decode_result r;
	uint8_t *copy = malloc(len ? len : 1);

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, buf, len);
	r = lacp_decode(copy, len, out);
	free(copy);
	return r;
}

#define expect_result(buf, len, want) \
	do { \
		size_t len_ = (len); \
		enum lacp_decode_result want_ = (want), got_; \
		struct lacp_frame f_; \
		got_ = decode(buf, len_, &f_); \
		ck_assert_msg(got_ == want_, "len %zu: decoded %s, want %s", \
			      len_, lacp_decode_result_name(got_), \
			      lacp_decode_result_name(want_)); \
	} while (0)

static bool info_eq(const struct lacp_info *a, const struct lacp_info *b)
{
	return a->system_prio == b->system_prio &&
	       !memcmp(a->system, b->system, LACP_ETH_ALEN) &&
	       a->key == b->key && a->port_prio == b->port_prio &&
	       a->port == b->port && a->state == b->state;
}

static bool lacpdu_eq(const struct lacpdu *a, const struct lacpdu *b)
{
	return info_eq(&a->actor, &b->actor) &&
	       info_eq(&a->partner, &b->partner) &&
	       a->collector_max_delay == b->collector_max_delay;
}

static bool marker_eq(const struct marker_pdu *a, const struct marker_pdu *b)
{
	return a->tlv_type == b->tlv_type &&
	       a->requester_port == b->requester_port &&
	       !memcmp(a->requester_system, b->requester_system,
		       LACP_ETH_ALEN) &&
	       a->requester_transaction_id == b->requester_transaction_id;
}

/* Decode @buf, which must be a LACPDU from src_mac equal to ref_lacpdu. */
static void expect_ref_lacpdu(const uint8_t *buf, size_t len)
{
	struct lacp_frame f;

	ck_assert_int_eq(decode(buf, len, &f), LACP_DECODED_LACPDU);
	ck_assert_mem_eq(f.src, src_mac, 6);
	ck_assert(lacpdu_eq(&f.lacp, &ref_lacpdu));
}

static void expect_ref_marker(const uint8_t *buf, size_t len)
{
	struct lacp_frame f;

	ck_assert_int_eq(decode(buf, len, &f), LACP_DECODED_MARKER);
	ck_assert_mem_eq(f.src, src_mac, 6);
	ck_assert(marker_eq(&f.marker, &ref_marker));
}

/* ---------------------------------------------------------------- encode */

START_TEST(encode_lacpdu_bytes)
{
	uint8_t buf[LACP_FRAME_LEN + 8];

	memset(buf, 0xee, sizeof(buf));
	ck_assert_uint_eq(lacp_encode(&ref_lacpdu, src_mac, buf, sizeof(buf)),
			  LACP_FRAME_LEN);
	ck_assert_mem_eq(buf, ref_lacpdu_frame, LACP_FRAME_LEN);
	/* Nothing past the frame is written. */
	ck_assert_uint_eq(buf[LACP_FRAME_LEN], 0xee);
	ck_assert_uint_eq(buf[LACP_FRAME_LEN + 7], 0xee);
}
END_TEST

START_TEST(encode_marker_bytes)
{
	uint8_t buf[LACP_FRAME_LEN];
	struct marker_pdu resp = ref_marker;
	uint8_t want[LACP_FRAME_LEN];

	memset(buf, 0xee, sizeof(buf));
	ck_assert_uint_eq(marker_encode(&ref_marker, src_mac, buf,
					sizeof(buf)), LACP_FRAME_LEN);
	ck_assert_mem_eq(buf, ref_marker_frame, LACP_FRAME_LEN);

	/* A Marker Response differs in the TLV type alone. */
	resp.tlv_type = MARKER_TLV_RESPONSE;
	memcpy(want, ref_marker_frame, sizeof(want));
	want[OFF_MARKER] = 0x02;
	ck_assert_uint_eq(marker_encode(&resp, src_mac, buf, sizeof(buf)),
			  LACP_FRAME_LEN);
	ck_assert_mem_eq(buf, want, LACP_FRAME_LEN);
}
END_TEST

START_TEST(encode_buffer_too_small)
{
	uint8_t buf[LACP_FRAME_LEN];
	uint8_t untouched[LACP_FRAME_LEN];

	memset(buf, 0x5a, sizeof(buf));
	memset(untouched, 0x5a, sizeof(untouched));
	ck_assert_uint_eq(lacp_encode(&ref_lacpdu, src_mac, buf,
				      LACP_FRAME_LEN - 1), 0);
	ck_assert_uint_eq(marker_encode(&ref_marker, src_mac, buf,
					LACP_FRAME_LEN - 1), 0);
	ck_assert_uint_eq(lacp_encode(&ref_lacpdu, src_mac, buf, 0), 0);
	ck_assert_mem_eq(buf, untouched, sizeof(buf));
}
END_TEST

START_TEST(encode_marker_bad_type)
{
	static const uint8_t bad_types[] = { 0, 3, 0x80, 0xff };
	struct marker_pdu m = ref_marker;
	uint8_t buf[LACP_FRAME_LEN];
	size_t i;

	for (i = 0; i < sizeof(bad_types); i++) {
		m.tlv_type = bad_types[i];
		ck_assert_uint_eq(marker_encode(&m, src_mac, buf, sizeof(buf)),
				  0);
	}
}
END_TEST

/* ------------------------------------------------------------- round trip */

/* Encode @pdu, check where the states land, decode, compare. */
static bool lacpdu_round_trip(const struct lacpdu *pdu,
			      const uint8_t src[LACP_ETH_ALEN])
{
	uint8_t buf[LACP_FRAME_LEN];
	struct lacp_frame f;

	if (lacp_encode(pdu, src, buf, sizeof(buf)) != LACP_FRAME_LEN)
		return false;
	if (buf[OFF_ACTOR + 16] != pdu->actor.state ||
	    buf[OFF_PARTNER + 16] != pdu->partner.state)
		return false;
	if (lacp_decode(buf, sizeof(buf), &f) != LACP_DECODED_LACPDU)
		return false;
	return !memcmp(f.src, src, LACP_ETH_ALEN) && lacpdu_eq(&f.lacp, pdu);
}

START_TEST(round_trip_every_state)
{
	struct lacpdu pdu = ref_lacpdu;
	unsigned int a, p;

	for (a = 0; a < 256; a++) {
		for (p = 0; p < 256; p++) {
			pdu.actor.state = a;
			pdu.partner.state = p;
			if (!lacpdu_round_trip(&pdu, src_mac))
				ck_abort_msg("states %#x/%#x", a, p);
		}
	}
}
END_TEST

START_TEST(round_trip_extremes)
{
	static const uint8_t zero_mac[6];
	static const uint8_t ones_mac[6] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	};
	struct lacpdu pdu;

	memset(&pdu, 0, sizeof(pdu));
	ck_assert(lacpdu_round_trip(&pdu, zero_mac));

	memset(&pdu, 0xff, sizeof(pdu));
	ck_assert(lacpdu_round_trip(&pdu, ones_mac));

	/* Each field on its own at its largest, the rest zero. */
	memset(&pdu, 0, sizeof(pdu));
	pdu.actor.system_prio = 0xffff;
	ck_assert(lacpdu_round_trip(&pdu, src_mac));
	pdu.partner.key = 0xffff;
	ck_assert(lacpdu_round_trip(&pdu, src_mac));
	pdu.actor.port = 0x8000;
	pdu.partner.port_prio = 0x0001;
	ck_assert(lacpdu_round_trip(&pdu, src_mac));
	pdu.collector_max_delay = 0xffff;
	ck_assert(lacpdu_round_trip(&pdu, src_mac));
	memcpy(pdu.partner.system, ones_mac, 6);
	ck_assert(lacpdu_round_trip(&pdu, src_mac));
}
END_TEST

static bool marker_round_trip(const struct marker_pdu *m)
{
	uint8_t buf[LACP_FRAME_LEN];
	struct lacp_frame f;

	if (marker_encode(m, src_mac, buf, sizeof(buf)) != LACP_FRAME_LEN)
		return false;
	if (lacp_decode(buf, sizeof(buf), &f) != LACP_DECODED_MARKER)
		return false;
	return !memcmp(f.src, src_mac, LACP_ETH_ALEN) && marker_eq(&f.marker, m);
}

START_TEST(round_trip_marker)
{
	static const uint32_t ids[] = {
		0, 1, 0x7fffffff, 0x80000000, 0xdeadbeef, 0xffffffff,
	};
	static const uint16_t ports[] = { 0, 1, 0x8000, 0xffff };
	struct marker_pdu m = ref_marker;
	size_t i, j;
	int type;

	for (type = MARKER_TLV_INFO; type <= MARKER_TLV_RESPONSE; type++) {
		for (i = 0; i < ARRAY_SIZE(ids); i++) {
			for (j = 0; j < ARRAY_SIZE(ports); j++) {
				m.tlv_type = type;
				m.requester_transaction_id = ids[i];
				m.requester_port = ports[j];
				m.requester_system[5] = i + j;
				ck_assert(marker_round_trip(&m));
			}
		}
	}
	memset(m.requester_system, 0xff, LACP_ETH_ALEN);
	ck_assert(marker_round_trip(&m));
}
END_TEST

/* ------------------------------------------------------------- length */

START_TEST(every_truncation_rejected)
{
	size_t n;

	for (n = 0; n < LACP_FRAME_LEN; n++) {
		expect_result(ref_lacpdu_frame, n, LACP_BAD_LENGTH);
		expect_result(ref_marker_frame, n, LACP_BAD_LENGTH);
	}
	expect_ref_lacpdu(ref_lacpdu_frame, LACP_FRAME_LEN);
	expect_ref_marker(ref_marker_frame, LACP_FRAME_LEN);
}
END_TEST

START_TEST(padding_accepted)
{
	static uint8_t buf[1518];

	/* An FCS left on, then a maximum-size frame of padding. */
	memset(buf, 0xa5, sizeof(buf));
	memcpy(buf, ref_lacpdu_frame, LACP_FRAME_LEN);
	expect_ref_lacpdu(buf, LACP_FRAME_LEN + 4);
	expect_ref_lacpdu(buf, sizeof(buf));

	memcpy(buf, ref_marker_frame, LACP_FRAME_LEN);
	expect_ref_marker(buf, LACP_FRAME_LEN + 4);
	expect_ref_marker(buf, sizeof(buf));
}
END_TEST

/* A short frame of another protocol is told apart before its length. */
START_TEST(short_frames_classified)
{
	uint8_t buf[60];

	memcpy(buf, ref_lacpdu_frame, sizeof(buf));
	buf[OFF_SUBTYPE] = 3;		/* OAM */
	expect_result(buf, sizeof(buf), LACP_BAD_SUBTYPE);
	expect_result(buf, OFF_SUBTYPE + 1, LACP_BAD_SUBTYPE);
	buf[OFF_SUBTYPE] = LACP_SUBTYPE_LACP;
	expect_result(buf, sizeof(buf), LACP_BAD_LENGTH);
	buf[12] = 0x08;
	buf[13] = 0x00;
	expect_result(buf, 14, LACP_BAD_ETHERTYPE);
	buf[0] = 0xff;
	expect_result(buf, 14, LACP_BAD_ADDRESS);
	expect_result(buf, 13, LACP_BAD_LENGTH);
}
END_TEST

/* ------------------------------------------------------ header fields */

START_TEST(wrong_destination)
{
	static const uint8_t others[][6] = {
		{ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },	/* broadcast */
		{ 0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e },	/* LLDP */
		{ 0x01, 0x80, 0xc2, 0x00, 0x00, 0x00 },	/* STP */
		{ 0x00, 0x1b, 0x21, 0xaa, 0xbb, 0x02 },	/* unicast */
	};
	uint8_t buf[LACP_FRAME_LEN];
	size_t i;
	int bit;

	/* Every single-bit change of the destination. */
	for (bit = 0; bit < 48; bit++) {
		memcpy(buf, ref_lacpdu_frame, sizeof(buf));
		buf[bit / 8] ^= 1 << (bit % 8);
		expect_result(buf, sizeof(buf), LACP_BAD_ADDRESS);
		memcpy(buf, ref_marker_frame, sizeof(buf));
		buf[bit / 8] ^= 1 << (bit % 8);
		expect_result(buf, sizeof(buf), LACP_BAD_ADDRESS);
	}
	for (i = 0; i < ARRAY_SIZE(others); i++) {
		memcpy(buf, ref_lacpdu_frame, sizeof(buf));
		memcpy(buf, others[i], 6);
		expect_result(buf, sizeof(buf), LACP_BAD_ADDRESS);
	}
}
END_TEST

START_TEST(wrong_ethertype)
{
	uint8_t buf[LACP_FRAME_LEN];
	struct lacp_frame f;
	unsigned int type;

	memcpy(buf, ref_lacpdu_frame, sizeof(buf));
	for (type = 0; type <= 0xffff; type++) {
		if (type == LACP_ETHERTYPE_SLOW)
			continue;
		buf[12] = type >> 8;
		buf[13] = type & 0xff;
		if (lacp_decode(buf, sizeof(buf), &f) != LACP_BAD_ETHERTYPE)
			ck_abort_msg("ethertype %#06x not refused", type);
	}
	/* Byte-swapped, and the 802.1Q tag a VLAN would put there. */
	buf[12] = 0x09;
	buf[13] = 0x88;
	expect_result(buf, sizeof(buf), LACP_BAD_ETHERTYPE);
	buf[12] = 0x81;
	buf[13] = 0x00;
	expect_result(buf, sizeof(buf), LACP_BAD_ETHERTYPE);
}
END_TEST

START_TEST(wrong_subtype)
{
	uint8_t buf[LACP_FRAME_LEN];
	unsigned int st;

	for (st = 0; st < 256; st++) {
		if (st == LACP_SUBTYPE_LACP || st == LACP_SUBTYPE_MARKER)
			continue;
		memcpy(buf, ref_lacpdu_frame, sizeof(buf));
		buf[OFF_SUBTYPE] = st;
		expect_result(buf, sizeof(buf), LACP_BAD_SUBTYPE);
		memcpy(buf, ref_marker_frame, sizeof(buf));
		buf[OFF_SUBTYPE] = st;
		expect_result(buf, sizeof(buf), LACP_BAD_SUBTYPE);
	}
}
END_TEST

/* A LACPDU with the Marker subtype, and the other way round. */
START_TEST(swapped_subtype)
{
	uint8_t buf[LACP_FRAME_LEN];

	memcpy(buf, ref_lacpdu_frame, sizeof(buf));
	buf[OFF_SUBTYPE] = LACP_SUBTYPE_MARKER;
	/* Its Actor TLV has Marker Information's type but length 20. */
	expect_result(buf, sizeof(buf), LACP_BAD_TLV);

	memcpy(buf, ref_marker_frame, sizeof(buf));
	buf[OFF_SUBTYPE] = LACP_SUBTYPE_LACP;
	expect_result(buf, sizeof(buf), LACP_BAD_TLV);
}
END_TEST

/*
 * The version is not checked (802.3 43.4.12): 0, 1 and every later one
 * read the same.
 */
START_TEST(any_version_accepted)
{
	uint8_t buf[LACP_FRAME_LEN];
	unsigned int v;

	for (v = 0; v < 256; v++) {
		memcpy(buf, ref_lacpdu_frame, sizeof(buf));
		buf[OFF_VERSION] = v;
		expect_ref_lacpdu(buf, sizeof(buf));
		memcpy(buf, ref_marker_frame, sizeof(buf));
		buf[OFF_VERSION] = v;
		expect_ref_marker(buf, sizeof(buf));
	}
}
END_TEST

/* ------------------------------------------------------------- TLVs */

struct tlv_at {
	const uint8_t *frame;
	size_t off;
	uint8_t type;
	uint8_t len;
};

static const struct tlv_at lacp_tlvs[] = {
	{ ref_lacpdu_frame, OFF_ACTOR, 1, 20 },
	{ ref_lacpdu_frame, OFF_PARTNER, 2, 20 },
	{ ref_lacpdu_frame, OFF_COLLECTOR, 3, 16 },
};

/* Nor are the LACPDU's TLV types: any value reads the same. */
START_TEST(lacpdu_tlv_type_ignored)
{
	uint8_t buf[LACP_FRAME_LEN];
	size_t i;
	unsigned int t;

	for (i = 0; i < ARRAY_SIZE(lacp_tlvs); i++) {
		const struct tlv_at *tlv = &lacp_tlvs[i];

		for (t = 0; t < 256; t++) {
			memcpy(buf, tlv->frame, sizeof(buf));
			buf[tlv->off] = t;
			expect_ref_lacpdu(buf, sizeof(buf));
		}
	}
}
END_TEST

START_TEST(lacpdu_tlv_length_wrong)
{
	uint8_t buf[LACP_FRAME_LEN];
	size_t i;
	unsigned int l;

	for (i = 0; i < ARRAY_SIZE(lacp_tlvs); i++) {
		const struct tlv_at *tlv = &lacp_tlvs[i];

		for (l = 0; l < 256; l++) {
			if (l == tlv->len)
				continue;
			memcpy(buf, tlv->frame, sizeof(buf));
			buf[tlv->off + 1] = l;
			expect_result(buf, sizeof(buf), LACP_BAD_TLV);
		}
	}
}
END_TEST

/*
 * The Actor and Partner TLVs in each other's places: the places say what
 * they are, not the types.
 */
START_TEST(lacpdu_tlvs_swapped)
{
	uint8_t buf[LACP_FRAME_LEN];
	struct lacp_frame f;

	memcpy(buf, ref_lacpdu_frame, sizeof(buf));
	memcpy(buf + OFF_ACTOR, ref_lacpdu_frame + OFF_PARTNER, 20);
	memcpy(buf + OFF_PARTNER, ref_lacpdu_frame + OFF_ACTOR, 20);
	ck_assert_int_eq(decode(buf, sizeof(buf), &f), LACP_DECODED_LACPDU);
	ck_assert(info_eq(&f.lacp.actor, &ref_lacpdu.partner));
	ck_assert(info_eq(&f.lacp.partner, &ref_lacpdu.actor));
}
END_TEST

/*
 * The Terminator at @off of @frame, with its type or length changed. Any
 * type ends the PDU. A length of 1 is no TLV; from 2 on it is taken as an
 * unknown TLV and skipped, and the reserved zeros after it hold a
 * Terminator while 2 octets are left; past that no Terminator follows,
 * and past the end of the frame the TLV overruns it.
 */
static void terminator_changed(const uint8_t *frame, size_t off)
{
	uint8_t buf[LACP_FRAME_LEN];
	struct lacp_frame f;
	enum lacp_decode_result good, r;
	unsigned int v;

	good = decode(frame, LACP_FRAME_LEN, &f);
	for (v = 1; v < 256; v++) {
		memcpy(buf, frame, sizeof(buf));
		buf[off] = v;
		expect_result(buf, sizeof(buf), good);
		memcpy(buf, frame, sizeof(buf));
		buf[off + 1] = v;
		if (v == 1)
			r = LACP_BAD_TLV;
		else if (off + v + 2 <= LACP_FRAME_LEN)
			r = good;
		else if (off + v <= LACP_FRAME_LEN)
			r = LACP_BAD_TERMINATOR;
		else
			r = LACP_BAD_LENGTH;
		expect_result(buf, sizeof(buf), r);
	}
}

START_TEST(lacpdu_terminator_changed)
{
	terminator_changed(ref_lacpdu_frame, OFF_LACP_TERM);
}
END_TEST

START_TEST(marker_tlv_type_wrong)
{
	uint8_t buf[LACP_FRAME_LEN];
	unsigned int t;

	for (t = 0; t < 256; t++) {
		if (t == MARKER_TLV_INFO || t == MARKER_TLV_RESPONSE)
			continue;
		memcpy(buf, ref_marker_frame, sizeof(buf));
		buf[OFF_MARKER] = t;
		expect_result(buf, sizeof(buf), LACP_BAD_TLV);
	}
}
END_TEST

START_TEST(marker_tlv_length_wrong)
{
	uint8_t buf[LACP_FRAME_LEN];
	unsigned int l;
	int type;

	for (type = MARKER_TLV_INFO; type <= MARKER_TLV_RESPONSE; type++) {
		for (l = 0; l < 256; l++) {
			if (l == 16)
				continue;
			memcpy(buf, ref_marker_frame, sizeof(buf));
			buf[OFF_MARKER] = type;
			buf[OFF_MARKER + 1] = l;
			expect_result(buf, sizeof(buf), LACP_BAD_TLV);
		}
	}
}
END_TEST

START_TEST(marker_terminator_changed)
{
	terminator_changed(ref_marker_frame, OFF_MARKER_TERM);
}
END_TEST

/* Reserved octets and the Marker pad are ignored on receipt. */
START_TEST(reserved_ignored)
{
	uint8_t buf[LACP_FRAME_LEN];

	memcpy(buf, ref_lacpdu_frame, sizeof(buf));
	memset(buf + OFF_ACTOR + 17, 0xa5, 3);
	memset(buf + OFF_PARTNER + 17, 0xa5, 3);
	memset(buf + OFF_COLLECTOR + 4, 0xa5, 12);
	memset(buf + OFF_LACP_TERM + 2, 0xa5, 50);
	expect_ref_lacpdu(buf, sizeof(buf));

	memcpy(buf, ref_marker_frame, sizeof(buf));
	memset(buf + OFF_MARKER + 14, 0xa5, 2);
	memset(buf + OFF_MARKER_TERM + 2, 0xa5, 90);
	expect_ref_marker(buf, sizeof(buf));
}
END_TEST

/* ------------------------------------------------- version 2 extensions */

/*
 * @frame with version @version and, in place of its Terminator at @off,
 * a TLV of @type and @len (its value 0x5a) followed by a Terminator.
 * Returns the frame length: LACP_FRAME_LEN or, if the TLV needs it, more.
 */
static size_t with_extension(uint8_t *buf, size_t size, const uint8_t *frame,
			     size_t off, uint8_t version, uint8_t type,
			     uint8_t len)
{
	size_t end = off + (len < 2 ? 2 : len) + 2;

	ck_assert_uint_le(end, size);
	memset(buf, 0, size);
	memcpy(buf, frame, LACP_FRAME_LEN);
	buf[OFF_VERSION] = version;
	memset(buf + off, 0x5a, end - off - 2);
	buf[off] = type;
	buf[off + 1] = len;
	buf[end - 2] = 0;
	buf[end - 1] = 0;
	return end > LACP_FRAME_LEN ? end : LACP_FRAME_LEN;
}

START_TEST(v2_extension_skipped)
{
	uint8_t buf[512];
	size_t n;

	/* A Port Algorithm TLV (type 4, length 6). */
	n = with_extension(buf, sizeof(buf), ref_lacpdu_frame, OFF_LACP_TERM,
			   2, 4, 6);
	expect_ref_lacpdu(buf, n);
	/* A Port Conversation Mask-1 TLV (type 6, length 131): long. */
	n = with_extension(buf, sizeof(buf), ref_lacpdu_frame, OFF_LACP_TERM,
			   2, 6, 131);
	ck_assert_uint_eq(n, OFF_LACP_TERM + 131 + 2);
	expect_ref_lacpdu(buf, n);
	/* Two of them, then the Terminator. */
	buf[OFF_LACP_TERM + 131] = 5;
	buf[OFF_LACP_TERM + 132] = 20;
	memset(buf + OFF_LACP_TERM + 133, 0, 20);
	expect_ref_lacpdu(buf, OFF_LACP_TERM + 131 + 20 + 2);

	n = with_extension(buf, sizeof(buf), ref_marker_frame, OFF_MARKER_TERM,
			   2, 3, 10);
	expect_ref_marker(buf, n);
}
END_TEST

/* A version 1 PDU is read by the same rules: its extensions skipped. */
START_TEST(v1_extension_skipped)
{
	uint8_t buf[512];
	size_t n;

	n = with_extension(buf, sizeof(buf), ref_lacpdu_frame, OFF_LACP_TERM,
			   1, 4, 6);
	expect_ref_lacpdu(buf, n);
	n = with_extension(buf, sizeof(buf), ref_marker_frame, OFF_MARKER_TERM,
			   1, 3, 10);
	expect_ref_marker(buf, n);
}
END_TEST

START_TEST(v2_extension_malformed)
{
	uint8_t buf[512];
	size_t n;
	unsigned int t;

	/* Too short to be a TLV at all. */
	n = with_extension(buf, sizeof(buf), ref_lacpdu_frame, OFF_LACP_TERM,
			   2, 4, 1);
	expect_result(buf, n, LACP_BAD_TLV);
	/* A version 1 TLV type again is just another TLV. */
	for (t = 1; t <= 3; t++) {
		n = with_extension(buf, sizeof(buf), ref_lacpdu_frame,
				   OFF_LACP_TERM, 2, t, 20);
		expect_ref_lacpdu(buf, n);
	}
	for (t = MARKER_TLV_INFO; t <= MARKER_TLV_RESPONSE; t++) {
		n = with_extension(buf, sizeof(buf), ref_marker_frame,
				   OFF_MARKER_TERM, 2, t, 16);
		expect_ref_marker(buf, n);
	}
	/* Running past the end of the frame, at every shorter length. */
	n = with_extension(buf, sizeof(buf), ref_lacpdu_frame, OFF_LACP_TERM,
			   2, 6, 131);
	for (n = LACP_FRAME_LEN; n < OFF_LACP_TERM + 131; n++)
		expect_result(buf, n, LACP_BAD_LENGTH);
	/* Ending exactly at, or one octet before, the end: no Terminator. */
	expect_result(buf, OFF_LACP_TERM + 131, LACP_BAD_TERMINATOR);
	expect_result(buf, OFF_LACP_TERM + 132, LACP_BAD_TERMINATOR);
	/* A TLV of length 1 after a good extension. */
	buf[OFF_LACP_TERM + 132] = 1;
	expect_result(buf, OFF_LACP_TERM + 134, LACP_BAD_TLV);
}
END_TEST

/* ---------------------------------------------------------------- names */

START_TEST(result_names)
{
	const char *names[LACP_DECODE_NR];
	int i, j;

	for (i = 0; i < LACP_DECODE_NR; i++) {
		names[i] = lacp_decode_result_name(i);
		ck_assert_ptr_nonnull(names[i]);
		ck_assert_str_ne(names[i], "");
		ck_assert_str_ne(names[i], "unknown");
		for (j = 0; j < i; j++)
			ck_assert_str_ne(names[i], names[j]);
	}
	ck_assert_str_eq(lacp_decode_result_name(LACP_BAD_LENGTH),
			 "bad-length");
	ck_assert_str_eq(lacp_decode_result_name(LACP_DECODE_NR), "unknown");
	ck_assert_str_eq(lacp_decode_result_name(-1), "unknown");
}
END_TEST

Suite *pdu_suite(void)
{
	Suite *s = suite_create("pdu");
	TCase *tc;

	tc = tcase_create("encode");
	tcase_add_test(tc, encode_lacpdu_bytes);
	tcase_add_test(tc, encode_marker_bytes);
	tcase_add_test(tc, encode_buffer_too_small);
	tcase_add_test(tc, encode_marker_bad_type);
	suite_add_tcase(s, tc);

	tc = tcase_create("round_trip");
	tcase_add_test(tc, round_trip_every_state);
	tcase_add_test(tc, round_trip_extremes);
	tcase_add_test(tc, round_trip_marker);
	suite_add_tcase(s, tc);

	tc = tcase_create("length");
	tcase_add_test(tc, every_truncation_rejected);
	tcase_add_test(tc, padding_accepted);
	tcase_add_test(tc, short_frames_classified);
	suite_add_tcase(s, tc);

	tc = tcase_create("header");
	tcase_add_test(tc, wrong_destination);
	tcase_add_test(tc, wrong_ethertype);
	tcase_add_test(tc, wrong_subtype);
	tcase_add_test(tc, swapped_subtype);
	tcase_add_test(tc, any_version_accepted);
	suite_add_tcase(s, tc);

	tc = tcase_create("tlv");
	tcase_add_test(tc, lacpdu_tlv_type_ignored);
	tcase_add_test(tc, lacpdu_tlv_length_wrong);
	tcase_add_test(tc, lacpdu_tlvs_swapped);
	tcase_add_test(tc, lacpdu_terminator_changed);
	tcase_add_test(tc, marker_tlv_type_wrong);
	tcase_add_test(tc, marker_tlv_length_wrong);
	tcase_add_test(tc, marker_terminator_changed);
	tcase_add_test(tc, reserved_ignored);
	suite_add_tcase(s, tc);

	tc = tcase_create("version2");
	tcase_add_test(tc, v2_extension_skipped);
	tcase_add_test(tc, v1_extension_skipped);
	tcase_add_test(tc, v2_extension_malformed);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_test(tc, result_names);
	suite_add_tcase(s, tc);

	return s;
}
