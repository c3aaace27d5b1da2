/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: LACPDU and Marker PDU encoding and strict decoding (IEEE 802.1AX,
 * Slow Protocols subtypes 1 and 2). Pure: no I/O, no allocation.
 *
 * The frames are whole Ethernet frames as a packet socket sees them:
 * destination 01:80:c2:00:00:02, source, ethertype 0x8809, then the
 * Slow Protocols PDU. A LACPDU or Marker PDU is 110 octets after the
 * ethertype; frames are padded to at least 124 octets.
 */
#ifndef LACPD_PDU_H
#define LACPD_PDU_H

#include <stddef.h>
#include <stdint.h>

#define LACP_ETH_ALEN		6
#define LACP_ETHERTYPE_SLOW	0x8809
#define LACP_SUBTYPE_LACP	1
#define LACP_SUBTYPE_MARKER	2
#define LACP_VERSION		1
#define MARKER_VERSION		1
#define LACP_PDU_LEN		110	/* after the ethertype */
#define LACP_FRAME_LEN		(14 + LACP_PDU_LEN)

extern const uint8_t lacp_slow_proto_addr[LACP_ETH_ALEN];

/* Actor_State / Partner_State bits. */
#define LACP_STATE_ACTIVITY	0x01	/* active LACP */
#define LACP_STATE_TIMEOUT	0x02	/* short timeout */
#define LACP_STATE_AGGREGATION	0x04	/* aggregatable */
#define LACP_STATE_SYNC		0x08	/* in sync */
#define LACP_STATE_COLLECTING	0x10
#define LACP_STATE_DISTRIBUTING	0x20
#define LACP_STATE_DEFAULTED	0x40
#define LACP_STATE_EXPIRED	0x80

/* The Actor or Partner Information of a LACPDU. */
struct lacp_info {
	uint16_t system_prio;
	uint8_t system[LACP_ETH_ALEN];
	uint16_t key;
	uint16_t port_prio;
	uint16_t port;
	uint8_t state;			/* LACP_STATE_* */
};

struct lacpdu {
	struct lacp_info actor;
	struct lacp_info partner;
	uint16_t collector_max_delay;	/* tens of microseconds */
};

#define MARKER_TLV_INFO		1
#define MARKER_TLV_RESPONSE	2

struct marker_pdu {
	uint8_t tlv_type;		/* MARKER_TLV_INFO or _RESPONSE */
	uint16_t requester_port;
	uint8_t requester_system[LACP_ETH_ALEN];
	uint32_t requester_transaction_id;
};

/* What lacp_decode() found. */
enum lacp_decode_result {
	LACP_DECODED_LACPDU,
	LACP_DECODED_MARKER,
	LACP_BAD_LENGTH,		/* frame too short, or a TLV overruns */
	LACP_BAD_ADDRESS,		/* not sent to 01:80:c2:00:00:02 */
	LACP_BAD_ETHERTYPE,
	LACP_BAD_SUBTYPE,		/* a Slow Protocol other than 1 and 2 */
	LACP_BAD_TLV,			/* a TLV of the wrong length */
	LACP_BAD_TERMINATOR,
};

/* How many lacp_decode_result values there are: for arrays of counters. */
#define LACP_DECODE_NR		(LACP_BAD_TERMINATOR + 1)

/* A decoded frame: which PDU, and its contents. */
struct lacp_frame {
	uint8_t src[LACP_ETH_ALEN];
	union {
		struct lacpdu lacp;
		struct marker_pdu marker;
	};
};

/*
 * Decode the Ethernet frame @buf of @len octets: length, address,
 * ethertype, subtype, the TLVs' lengths and the Terminator. The version,
 * the LACPDU TLVs' types and reserved octets are not checked, as IEEE
 * 802.3 43.4.12 asks (see the top of pdu.c). Octets after the PDU
 * (padding, FCS) are ignored, and nothing at or past @len is read.
 * Returns LACP_DECODED_* and fills @out,
 * or a LACP_BAD_* (then @out is unspecified).
 */
enum lacp_decode_result lacp_decode(const uint8_t *buf, size_t len,
				    struct lacp_frame *out);

/* A short name of @r for logs and counters ("bad-length", ...). */
const char *lacp_decode_result_name(enum lacp_decode_result r);

/*
 * Encode a LACPDU from @src into @buf (at least LACP_FRAME_LEN octets):
 * the whole frame, reserved octets zero. Returns the frame length
 * (LACP_FRAME_LEN), or 0 if @size is smaller than that.
 */
size_t lacp_encode(const struct lacpdu *pdu, const uint8_t src[LACP_ETH_ALEN],
		   uint8_t *buf, size_t size);

/*
 * Encode a Marker PDU likewise. Returns the frame length, or 0 if @size is
 * too small or @pdu->tlv_type is neither MARKER_TLV_INFO nor _RESPONSE.
 */
size_t marker_encode(const struct marker_pdu *pdu,
		     const uint8_t src[LACP_ETH_ALEN], uint8_t *buf,
		     size_t size);

#endif /* LACPD_PDU_H */
