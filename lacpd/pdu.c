// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: LACPDU and Marker PDU codec (IEEE 802.1AX-2014 6.4.2, 6.5.3).
 *
 * Offsets count from the first octet of the Ethernet frame:
 *
 *    0  destination 01:80:c2:00:00:02
 *    6  source
 *   12  ethertype 0x8809
 *   14  subtype: 1 LACP, 2 Marker
 *   15  version
 *
 *   LACPDU                          Marker PDU
 *   16  Actor TLV (1, 20)           16  Marker Information (1, 16)
 *   36  Partner TLV (2, 20)             or Marker Response (2, 16)
 *   56  Collector TLV (3, 16)       32  Terminator (0, 0)
 *   72  Terminator (0, 0)           34  90 reserved octets
 *   74  50 reserved octets
 *
 * Either PDU ends at octet 124 (LACP_FRAME_LEN); whatever follows
 * (padding, an FCS) is ignored. Multi-octet fields are big-endian.
 *
 * What is checked. A receiver must not validate an LACPDU's Version
 * Number, TLV types or reserved octets: it acts the same whatever they
 * hold (IEEE 802.3 43.4.12, kept in 802.1AX), so that later versions of
 * the protocol still interoperate; 802.1AX-2014's version 2, for one,
 * carries the version 1 TLVs in their places and adds TLVs (Port
 * Algorithm, Port Conversation ID Digest, ...) before the Terminator. It
 * may check the lengths, and this codec does:
 *
 *  - the Actor, Partner and Collector TLVs are 20, 20 and 16 octets long
 *    where version 1 puts them (LACP_BAD_TLV otherwise);
 *  - then come TLVs of any type, each at least 2 octets long and inside
 *    the frame, up to the first of length 0: the Terminator, whatever
 *    its type. A TLV of length 1 is LACP_BAD_TLV, one that overruns the
 *    frame LACP_BAD_LENGTH, a frame with no Terminator
 *    LACP_BAD_TERMINATOR.
 *
 * A Marker PDU's TLV type says what it is (Information or Response), so
 * it is read, and another type is LACP_BAD_TLV; its version is not
 * checked either, and the same walk finds its Terminator.
 */
#include <string.h>

#include "pdu.h"

const uint8_t lacp_slow_proto_addr[LACP_ETH_ALEN] = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x02,
};

#define OFF_DST			0
#define OFF_SRC			6
#define OFF_ETHERTYPE		12
#define OFF_SUBTYPE		14
#define OFF_VERSION		15
#define OFF_TLVS		16

#define TLV_ACTOR		1
#define TLV_PARTNER		2
#define TLV_COLLECTOR		3

#define INFO_TLV_LEN		20
#define COLLECTOR_TLV_LEN	16
#define MARKER_TLV_LEN		16
#define TLV_HDR_LEN		2

#define OFF_ACTOR		OFF_TLVS
#define OFF_PARTNER		(OFF_ACTOR + INFO_TLV_LEN)
#define OFF_COLLECTOR		(OFF_PARTNER + INFO_TLV_LEN)
#define OFF_LACP_END		(OFF_COLLECTOR + COLLECTOR_TLV_LEN)

#define OFF_MARKER		OFF_TLVS
#define OFF_MARKER_END		(OFF_MARKER + MARKER_TLV_LEN)

static void put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* ---------------------------------------------------------------- encode */

/* Zero the frame and write the Ethernet header, subtype and version. */
static void put_header(uint8_t *buf, const uint8_t src[LACP_ETH_ALEN],
		       uint8_t subtype, uint8_t version)
{
	memset(buf, 0, LACP_FRAME_LEN);
	memcpy(buf + OFF_DST, lacp_slow_proto_addr, LACP_ETH_ALEN);
	memcpy(buf + OFF_SRC, src, LACP_ETH_ALEN);
	put_be16(buf + OFF_ETHERTYPE, LACP_ETHERTYPE_SLOW);
	buf[OFF_SUBTYPE] = subtype;
	buf[OFF_VERSION] = version;
}

/* An Actor or Partner Information TLV; its reserved octets stay zero. */
static void put_info(uint8_t *p, uint8_t type, const struct lacp_info *info)
{
	p[0] = type;
	p[1] = INFO_TLV_LEN;
	put_be16(p + 2, info->system_prio);
	memcpy(p + 4, info->system, LACP_ETH_ALEN);
	put_be16(p + 10, info->key);
	put_be16(p + 12, info->port_prio);
	put_be16(p + 14, info->port);
	p[16] = info->state;
}

size_t lacp_encode(const struct lacpdu *pdu, const uint8_t src[LACP_ETH_ALEN],
		   uint8_t *buf, size_t size)
{
	uint8_t *p;

	if (size < LACP_FRAME_LEN)
		return 0;
	put_header(buf, src, LACP_SUBTYPE_LACP, LACP_VERSION);
	put_info(buf + OFF_ACTOR, TLV_ACTOR, &pdu->actor);
	put_info(buf + OFF_PARTNER, TLV_PARTNER, &pdu->partner);
	p = buf + OFF_COLLECTOR;
	p[0] = TLV_COLLECTOR;
	p[1] = COLLECTOR_TLV_LEN;
	put_be16(p + 2, pdu->collector_max_delay);
	/* The Terminator (0, 0) and the reserved octets are already zero. */
	return LACP_FRAME_LEN;
}

size_t marker_encode(const struct marker_pdu *pdu,
		     const uint8_t src[LACP_ETH_ALEN], uint8_t *buf,
		     size_t size)
{
	uint8_t *p;

	if (size < LACP_FRAME_LEN)
		return 0;
	if (pdu->tlv_type != MARKER_TLV_INFO &&
	    pdu->tlv_type != MARKER_TLV_RESPONSE)
		return 0;
	put_header(buf, src, LACP_SUBTYPE_MARKER, MARKER_VERSION);
	p = buf + OFF_MARKER;
	p[0] = pdu->tlv_type;
	p[1] = MARKER_TLV_LEN;
	put_be16(p + 2, pdu->requester_port);
	memcpy(p + 4, pdu->requester_system, LACP_ETH_ALEN);
	put_be32(p + 10, pdu->requester_transaction_id);
	return LACP_FRAME_LEN;
}

/* ---------------------------------------------------------------- decode */

static int tlv_len_is(const uint8_t *p, uint8_t len)
{
	return p[1] == len;
}

static void get_info(const uint8_t *p, struct lacp_info *info)
{
	info->system_prio = get_be16(p + 2);
	memcpy(info->system, p + 4, LACP_ETH_ALEN);
	info->key = get_be16(p + 10);
	info->port_prio = get_be16(p + 12);
	info->port = get_be16(p + 14);
	info->state = p[16];
}

/*
 * Find the Terminator of the @len-octet frame: the first TLV from @off on
 * whose length is 0, whatever its type. Returns @ok, or why the frame is
 * bad.
 */
static enum lacp_decode_result find_terminator(const uint8_t *buf, size_t len,
					       size_t off,
					       enum lacp_decode_result ok)
{
	while (len - off >= TLV_HDR_LEN) {
		uint8_t tlv_len = buf[off + 1];

		if (tlv_len == 0)
			return ok;
		if (tlv_len < TLV_HDR_LEN)
			return LACP_BAD_TLV;
		if (tlv_len > len - off)
			return LACP_BAD_LENGTH;
		off += tlv_len;
	}
	return LACP_BAD_TERMINATOR;
}

static enum lacp_decode_result decode_lacpdu(const uint8_t *buf, size_t len,
					     struct lacpdu *pdu)
{
	const uint8_t *coll = buf + OFF_COLLECTOR;

	if (!tlv_len_is(buf + OFF_ACTOR, INFO_TLV_LEN) ||
	    !tlv_len_is(buf + OFF_PARTNER, INFO_TLV_LEN) ||
	    !tlv_len_is(coll, COLLECTOR_TLV_LEN))
		return LACP_BAD_TLV;
	get_info(buf + OFF_ACTOR, &pdu->actor);
	get_info(buf + OFF_PARTNER, &pdu->partner);
	pdu->collector_max_delay = get_be16(coll + 2);
	return find_terminator(buf, len, OFF_LACP_END, LACP_DECODED_LACPDU);
}

static enum lacp_decode_result decode_marker(const uint8_t *buf, size_t len,
					     struct marker_pdu *pdu)
{
	const uint8_t *p = buf + OFF_MARKER;

	if ((p[0] != MARKER_TLV_INFO && p[0] != MARKER_TLV_RESPONSE) ||
	    !tlv_len_is(p, MARKER_TLV_LEN))
		return LACP_BAD_TLV;
	pdu->tlv_type = p[0];
	pdu->requester_port = get_be16(p + 2);
	memcpy(pdu->requester_system, p + 4, LACP_ETH_ALEN);
	pdu->requester_transaction_id = get_be32(p + 10);
	return find_terminator(buf, len, OFF_MARKER_END, LACP_DECODED_MARKER);
}

/*
 * Each field is checked as soon as the frame is long enough to hold it,
 * so that a short frame of another protocol is counted as that, and any
 * prefix of a good PDU is LACP_BAD_LENGTH.
 */
enum lacp_decode_result lacp_decode(const uint8_t *buf, size_t len,
				    struct lacp_frame *out)
{
	uint8_t subtype;

	memset(out, 0, sizeof(*out));
	if (len < OFF_SUBTYPE)
		return LACP_BAD_LENGTH;
	if (memcmp(buf + OFF_DST, lacp_slow_proto_addr, LACP_ETH_ALEN))
		return LACP_BAD_ADDRESS;
	if (get_be16(buf + OFF_ETHERTYPE) != LACP_ETHERTYPE_SLOW)
		return LACP_BAD_ETHERTYPE;
	if (len <= OFF_SUBTYPE)
		return LACP_BAD_LENGTH;
	subtype = buf[OFF_SUBTYPE];
	if (subtype != LACP_SUBTYPE_LACP && subtype != LACP_SUBTYPE_MARKER)
		return LACP_BAD_SUBTYPE;
	if (len < LACP_FRAME_LEN)
		return LACP_BAD_LENGTH;
	memcpy(out->src, buf + OFF_SRC, LACP_ETH_ALEN);
	if (subtype == LACP_SUBTYPE_LACP)
		return decode_lacpdu(buf, len, &out->lacp);
	return decode_marker(buf, len, &out->marker);
}

const char *lacp_decode_result_name(enum lacp_decode_result r)
{
	static const char *const names[LACP_DECODE_NR] = {
		[LACP_DECODED_LACPDU]	= "lacpdu",
		[LACP_DECODED_MARKER]	= "marker",
		[LACP_BAD_LENGTH]	= "bad-length",
		[LACP_BAD_ADDRESS]	= "bad-address",
		[LACP_BAD_ETHERTYPE]	= "bad-ethertype",
		[LACP_BAD_SUBTYPE]	= "bad-subtype",
		[LACP_BAD_TLV]		= "bad-tlv",
		[LACP_BAD_TERMINATOR]	= "bad-terminator",
	};

	if ((unsigned int)r >= LACP_DECODE_NR)
		return "unknown";
	return names[r];
}
