// SPDX-License-Identifier: GPL-2.0
/*
 * The direct header parser of the L3 hash policies (driver/flow_parse.c).
 *
 * Each frame below is written out byte by byte from its network header on,
 * with the fields the flow dissector would give it (as flow.c took them
 * before the parser) worked out by hand beside it; see the top of
 * flow_parse.c for the dissector's rules, from the 6.1 and 6.12 sources.
 * A frame the parser leaves to the dissector must leave the flow alone.
 * The end-to-end tests hash what the parser gives and expect the vectors
 * of test_hash.c.
 *
 * Addresses used (host order):
 *   192.168.1.10 = c0 a8 01 0a = 0xc0a8010a    10.0.0.1 = 0x0a000001
 *   10.1.1.1     = 0x0a010101                  10.1.1.2 = 0x0a010102
 *   2001:db8::1 folds to 0x20010db8 ^ 0 ^ 0 ^ 1 = 0x20010db9
 *   2001:db8::2 folds to 0x20010dba
 */
#include <check.h>
#include <string.h>

#include "flow_parse.h"
#include "hash.h"
#include "suites.h"

#define ETH_IP		0x0800
#define ETH_IP6		0x86dd

#define IP_A		0xc0a8010aU	/* 192.168.1.10 */
#define IP_B		0x0a000001U	/* 10.0.0.1 */
#define IP6_A		0x20010db9U	/* 2001:db8::1, folded */
#define IP6_B		0x20010dbaU	/* 2001:db8::2, folded */

/* Every byte a sentinel: a frame left to the dissector must not touch f. */
#define POISON		0x5a

static const enum nbond_xmit_policy l3_policies[] = {
	NBOND_XMIT_LAYER34, NBOND_XMIT_LAYER23,
	NBOND_XMIT_ENCAP34, NBOND_XMIT_ENCAP23,
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define N_L3 ARRAY_LEN(l3_policies)

/*
 * 192.168.1.10:40000 -> 10.0.0.1:80, TCP SYN, no options.
 * Flow: has_l3, c0a8010a -> 0a000001, has_l4, 40000 (9c40) -> 80 (0050).
 */
static const u8 ip4_tcp[] = {
	0x45, 0x00, 0x00, 0x28,	/* v4, ihl 5, tos 0, total length 40 */
	0x00, 0x01, 0x40, 0x00,	/* id 1, DF, offset 0 */
	0x40, 0x06, 0x00, 0x00,	/* ttl 64, TCP, checksum (not read) */
	0xc0, 0xa8, 0x01, 0x0a,	/* 192.168.1.10 */
	0x0a, 0x00, 0x00, 0x01,	/* 10.0.0.1 */
	0x9c, 0x40, 0x00, 0x50,	/* 40000 -> 80 */
	0x00, 0x00, 0x00, 0x01,	/* seq */
	0x00, 0x00, 0x00, 0x00,	/* ack */
	0x50, 0x02, 0xff, 0xff,	/* doff 5, SYN, window */
	0x00, 0x00, 0x00, 0x00,	/* checksum, urgent */
};

/*
 * 10.1.1.1:53 -> 10.1.1.2:1025, UDP.
 * Flow: has_l3, 0a010101 -> 0a010102, has_l4, 53 (0035) -> 1025 (0401).
 */
static const u8 ip4_udp[] = {
	0x45, 0x00, 0x00, 0x20,	/* v4, ihl 5, total length 32 */
	0x12, 0x34, 0x00, 0x00,	/* id, no flags, offset 0 */
	0x40, 0x11, 0x00, 0x00,	/* ttl 64, UDP (17) */
	0x0a, 0x01, 0x01, 0x01,	/* 10.1.1.1 */
	0x0a, 0x01, 0x01, 0x02,	/* 10.1.1.2 */
	0x00, 0x35, 0x04, 0x01,	/* 53 -> 1025 */
	0x00, 0x0c, 0x00, 0x00,	/* length 12, checksum */
	0xde, 0xad, 0xbe, 0xef,	/* payload */
};

/*
 * 192.168.1.10:5000 -> 10.0.0.1:36412, SCTP common header.
 * Flow: has_l3, c0a8010a -> 0a000001, has_l4, 5000 (1388) -> 36412 (8e3c).
 */
static const u8 ip4_sctp[] = {
	0x45, 0x00, 0x00, 0x20,	/* v4, ihl 5, total length 32 */
	0x00, 0x00, 0x40, 0x00,	/* DF */
	0x40, 0x84, 0x00, 0x00,	/* ttl 64, SCTP (132) */
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x13, 0x88, 0x8e, 0x3c,	/* 5000 -> 36412 */
	0x00, 0x00, 0x00, 0x07,	/* verification tag */
	0x00, 0x00, 0x00, 0x00,	/* checksum */
};

/*
 * ihl 6: four bytes of options (router alert) before the TCP header, which
 * starts at 24, not 20. The bytes at 20 (the option) are not the ports.
 * Flow: has_l3, c0a8010a -> 0a000001, has_l4, 40000 -> 80.
 */
static const u8 ip4_opts[] = {
	0x46, 0x00, 0x00, 0x2c,	/* v4, ihl 6, total length 44 */
	0x00, 0x01, 0x40, 0x00,
	0x01, 0x06, 0x00, 0x00,	/* ttl 1, TCP */
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x94, 0x04, 0x00, 0x00,	/* option: router alert */
	0x9c, 0x40, 0x00, 0x50,	/* 40000 -> 80, at ihl * 4 = 24 */
	0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00,
	0x50, 0x02, 0xff, 0xff,
	0x00, 0x00, 0x00, 0x00,
};

/*
 * ihl 15: forty bytes of options (NOPs), the ports at 60.
 * Flow: has_l3, c0a8010a -> 0a000001, has_l4, 1 -> 2.
 */
static const u8 ip4_opts_max[] = {
	0x4f, 0x00, 0x00, 0x40,	/* v4, ihl 15, total length 64 */
	0x00, 0x01, 0x00, 0x00,
	0x40, 0x11, 0x00, 0x00,	/* UDP */
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x01, 0x01, 0x01, 0x01,	/* 40 bytes of NOP options */
	0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01,
	0x01, 0x01, 0x01, 0x01,
	0x00, 0x01, 0x00, 0x02,	/* 1 -> 2, at 60 */
};

/*
 * The first fragment of a TCP segment: MF set, offset 0. The ports are
 * there but, FLOW_DISSECTOR_F_PARSE_1ST_FRAG not being passed, the
 * dissector stops at the fragment and gives none.
 * Flow: has_l3, c0a8010a -> 0a000001, no l4.
 */
static const u8 ip4_frag_first[] = {
	0x45, 0x00, 0x05, 0xdc,	/* total length 1500 */
	0x00, 0x07, 0x20, 0x00,	/* MF, offset 0 */
	0x40, 0x06, 0x00, 0x00,	/* TCP */
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x9c, 0x40, 0x00, 0x50,	/* ports, not taken */
};

/*
 * A later fragment: MF set, offset 185 (0x00b9, 1480 bytes). What sits at
 * 20 is payload, not ports.
 * Flow: has_l3, c0a8010a -> 0a000001, no l4.
 */
static const u8 ip4_frag_middle[] = {
	0x45, 0x00, 0x05, 0xdc,
	0x00, 0x07, 0x20, 0xb9,	/* MF, offset 185 */
	0x40, 0x06, 0x00, 0x00,
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x11, 0x22, 0x33, 0x44,	/* payload */
};

/*
 * The last fragment: MF clear, offset 370 (0x0172). DF is set too, which
 * does not matter: only MF and the offset make a fragment.
 * Flow: has_l3, c0a8010a -> 0a000001, no l4.
 */
static const u8 ip4_frag_last[] = {
	0x45, 0x00, 0x00, 0x30,
	0x00, 0x07, 0x41, 0x72,	/* DF, offset 370 */
	0x40, 0x06, 0x00, 0x00,
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x11, 0x22, 0x33, 0x44,
};

/*
 * A later fragment of an IP-in-IP datagram: the dissector stops at the
 * fragment before it looks at the protocol, so even under encap3+4 the
 * outer addresses are the flow.
 * Flow: has_l3, c0a8010a -> 0a000001, no l4.
 */
static const u8 ip4_frag_ipip[] = {
	0x45, 0x00, 0x00, 0x30,
	0x00, 0x07, 0x00, 0x10,	/* offset 16 */
	0x40, 0x04, 0x00, 0x00,	/* IP-in-IP (4) */
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x45, 0x00, 0x00, 0x14,	/* inner bytes, not read */
};

/*
 * The top flag bit (reserved, "congestion") alone is no fragment: the
 * ports are taken.
 * Flow: has_l3, c0a8010a -> 0a000001, has_l4, 40000 -> 80.
 */
static const u8 ip4_flag_ce[] = {
	0x45, 0x00, 0x00, 0x18,
	0x00, 0x01, 0x80, 0x00,	/* reserved flag bit only */
	0x40, 0x06, 0x00, 0x00,
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x9c, 0x40, 0x00, 0x50,
};

/*
 * ihl 4: the dissector fails the frame (iph->ihl < 5), so no L3 at all.
 * Flow: no l3, no l4.
 */
static const u8 ip4_ihl4[] = {
	0x44, 0x00, 0x00, 0x18,	/* v4, ihl 4 */
	0x00, 0x01, 0x00, 0x00,
	0x40, 0x06, 0x00, 0x00,
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x9c, 0x40, 0x00, 0x50,
};

/*
 * The version nibble says 6 under ethertype IPv4: the dissector does not
 * read the version, nor does the parser.
 * Flow: has_l3, c0a8010a -> 0a000001, has_l4, 40000 -> 80.
 */
static const u8 ip4_version6[] = {
	0x65, 0x00, 0x00, 0x18,	/* "v6", ihl 5 */
	0x00, 0x01, 0x00, 0x00,
	0x40, 0x06, 0x00, 0x00,
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x9c, 0x40, 0x00, 0x50,
};

/*
 * TCP with both ports zero: the dissector's ports are 0, which flow.c
 * took as no ports.
 * Flow: has_l3, c0a8010a -> 0a000001, no l4.
 */
static const u8 ip4_zero_ports[] = {
	0x45, 0x00, 0x00, 0x18,
	0x00, 0x01, 0x00, 0x00,
	0x40, 0x06, 0x00, 0x00,
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00,	/* 0 -> 0 */
};

/*
 * UDP from port 0 to 80: the pair 0x00000050 is not zero, so it counts.
 * Flow: has_l3, c0a8010a -> 0a000001, has_l4, 0 -> 80.
 */
static const u8 ip4_src_port0[] = {
	0x45, 0x00, 0x00, 0x18,
	0x00, 0x01, 0x00, 0x00,
	0x40, 0x11, 0x00, 0x00,
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x50,	/* 0 -> 80 */
};

/*
 * ICMP echo request: proto_ports_offset() knows no ports for ICMP, and
 * flow_keys has no ICMP key, so the type/code/checksum bytes are not
 * ports.
 * Flow: has_l3, c0a8010a -> 0a000001, no l4.
 */
static const u8 ip4_icmp[] = {
	0x45, 0x00, 0x00, 0x1c,
	0x00, 0x01, 0x40, 0x00,
	0x40, 0x01, 0x00, 0x00,	/* ICMP (1) */
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x08, 0x00, 0xf7, 0xfe,	/* echo request, code 0, checksum */
	0x00, 0x01, 0x00, 0x01,	/* id 1, sequence 1 */
};

/*
 * ESP: the SPI (0x00001234) stands in for the ports, at offset 0.
 * Flow: has_l3, c0a8010a -> 0a000001, has_l4, 0x0000 -> 0x1234.
 */
static const u8 ip4_esp[] = {
	0x45, 0x00, 0x00, 0x20,
	0x00, 0x01, 0x40, 0x00,
	0x40, 0x32, 0x00, 0x00,	/* ESP (50) */
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x12, 0x34,	/* SPI */
	0x00, 0x00, 0x00, 0x01,	/* sequence */
};

/*
 * AH: the SPI (0xdeadbeef) at offset 4 stands in for the ports.
 * Flow: has_l3, c0a8010a -> 0a000001, has_l4, 0xdead -> 0xbeef.
 */
static const u8 ip4_ah[] = {
	0x45, 0x00, 0x00, 0x2c,
	0x00, 0x01, 0x40, 0x00,
	0x40, 0x33, 0x00, 0x00,	/* AH (51) */
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x06, 0x04, 0x00, 0x00,	/* next TCP, length, reserved */
	0xde, 0xad, 0xbe, 0xef,	/* SPI */
	0x00, 0x00, 0x00, 0x01,	/* sequence */
};

/*
 * 2001:db8::1:50000 -> 2001:db8::2:443, TCP.
 * Flow: has_l3, 20010db9 -> 20010dba, has_l4, 50000 (c350) -> 443 (01bb).
 */
static const u8 ip6_tcp[] = {
	0x60, 0x00, 0x00, 0x00,	/* v6, class 0, flow label 0 */
	0x00, 0x14, 0x06, 0x40,	/* payload 20, next TCP, hop limit 64 */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,	/* 2001:db8::1 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,	/* 2001:db8::2 */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0xc3, 0x50, 0x01, 0xbb,	/* 50000 -> 443 */
	0x00, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x00, 0x00,
	0x50, 0x02, 0xff, 0xff,
	0x00, 0x00, 0x00, 0x00,
};

/*
 * fe80::211:22ff:fe33:4455 -> ff02::fb, UDP 5353 -> 5353, with a flow
 * label, which the flow does not hold.
 * src words fe800000 00000000 021122ff fe334455, byte by byte:
 *   fe^00^02^fe = 02, 80^00^11^33 = a2, 00^00^22^44 = 66, 00^00^ff^55 = aa
 *   -> 0x02a266aa
 * dst words ff020000 0 0 000000fb -> 0xff0200fb
 * Flow: has_l3, 02a266aa -> ff0200fb, has_l4, 5353 (14e9) -> 5353.
 */
static const u8 ip6_udp[] = {
	0x60, 0x0a, 0xbc, 0xde,	/* v6, flow label 0xabcde */
	0x00, 0x10, 0x11, 0xff,	/* payload 16, next UDP, hop limit 255 */
	0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55,
	0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xfb,
	0x14, 0xe9, 0x14, 0xe9,	/* 5353 -> 5353 */
	0x00, 0x10, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/*
 * ICMPv6 echo request: no ports.
 * Flow: has_l3, 20010db9 -> 20010dba, no l4.
 */
static const u8 ip6_icmp[] = {
	0x60, 0x00, 0x00, 0x00,
	0x00, 0x08, 0x3a, 0x40,	/* next ICMPv6 (58) */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x80, 0x00, 0x12, 0x34,	/* echo request */
	0x00, 0x01, 0x00, 0x01,
};

/*
 * A hop-by-hop options header before TCP (a jumbogram, an MLD report...):
 * the dissector walks extension headers, the parser leaves them to it.
 */
static const u8 ip6_hbh[] = {
	0x60, 0x00, 0x00, 0x00,
	0x00, 0x1c, 0x00, 0x40,	/* next hop-by-hop (0) */
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x06, 0x00, 0x05, 0x02,	/* next TCP, length 0, router alert */
	0x00, 0x00, 0x01, 0x00,	/* ... PadN */
	0xc3, 0x50, 0x01, 0xbb,	/* TCP ports */
};

/* 192.168.1.10 -> 10.0.0.1 carrying IPv4 (IP-in-IP): for the dissector. */
static const u8 ip4_ipip[] = {
	0x45, 0x00, 0x00, 0x28,
	0x00, 0x01, 0x40, 0x00,
	0x40, 0x04, 0x00, 0x00,	/* IP-in-IP (4) */
	0xc0, 0xa8, 0x01, 0x0a,
	0x0a, 0x00, 0x00, 0x01,
	0x45, 0x00, 0x00, 0x14,	/* inner IPv4 header */
	0x00, 0x00, 0x00, 0x00,
	0x40, 0x11, 0x00, 0x00,
	0x0a, 0x01, 0x01, 0x01,
	0x0a, 0x01, 0x01, 0x02,
};

/* A flow whose every byte is POISON. */
static struct nbond_flow poisoned(void)
{
	struct nbond_flow f;

	memset(&f, POISON, sizeof(f));
	return f;
}

static bool parse(const u8 *buf, u32 len, bool complete, u16 proto,
		  enum nbond_xmit_policy policy, struct nbond_flow *f)
{
	memset(f, 0, sizeof(*f));
	return nbond_flow_parse(buf, len, complete, proto, policy, f);
}

/*
 * Parse @buf whole under every L3 policy and check the L3/L4 fields; the
 * L2 fields are not the parser's and stay zero.
 */
#define EXPECT_FLOW(buf, proto, l3, sip, dip, l4, sport, dport)		\
	do {								\
		struct nbond_flow f_;					\
		size_t i_;						\
									\
		for (i_ = 0; i_ < N_L3; i_++) {				\
			ck_assert(parse(buf, sizeof(buf), true, proto,	\
					l3_policies[i_], &f_));		\
			ck_assert_int_eq(f_.has_l3, l3);		\
			ck_assert_uint_eq(f_.src_ip, sip);		\
			ck_assert_uint_eq(f_.dst_ip, dip);		\
			ck_assert_int_eq(f_.has_l4, l4);		\
			ck_assert_uint_eq(f_.src_port, sport);		\
			ck_assert_uint_eq(f_.dst_port, dport);		\
			ck_assert_uint_eq(f_.ethertype, 0);		\
			ck_assert_int_eq(f_.has_vlan, false);		\
		}							\
	} while (0)

/* The frame, whole or not, goes to the dissector, and f is untouched. */
static void expect_dissector(const u8 *buf, u32 len, u16 proto)
{
	struct nbond_flow f = poisoned();
	struct nbond_flow before = f;
	size_t i;

	for (i = 0; i < N_L3; i++) {
		ck_assert(!nbond_flow_parse(buf, len, true, proto,
					    l3_policies[i], &f));
		ck_assert(!nbond_flow_parse(buf, len, false, proto,
					    l3_policies[i], &f));
		ck_assert_mem_eq(&f, &before, sizeof(f));
	}
}

/* ------------------------------------------------------------------ IPv4 */

START_TEST(ip4_tcp_ports)
{
	EXPECT_FLOW(ip4_tcp, ETH_IP, true, IP_A, IP_B, true, 40000, 80);
}
END_TEST

START_TEST(ip4_udp_ports)
{
	EXPECT_FLOW(ip4_udp, ETH_IP, true, 0x0a010101U, 0x0a010102U, true,
		    53, 1025);
}
END_TEST

START_TEST(ip4_sctp_ports)
{
	EXPECT_FLOW(ip4_sctp, ETH_IP, true, IP_A, IP_B, true, 5000, 36412);
}
END_TEST

START_TEST(ip4_udplite_dccp_ports)
{
	struct nbond_flow f;
	u8 buf[sizeof(ip4_udp)];

	/*
	 * ip4_udp with the protocol byte (9) made UDP-Lite (136 = 0x88), then
	 * DCCP (33 = 0x21): both have their ports at offset 0 too.
	 * Flow: has_l3, 0a010101 -> 0a010102, has_l4, 53 -> 1025.
	 */
	memcpy(buf, ip4_udp, sizeof(buf));
	buf[9] = 0x88;
	ck_assert(parse(buf, sizeof(buf), true, ETH_IP, NBOND_XMIT_LAYER34,
			&f));
	ck_assert(f.has_l3 && f.has_l4);
	ck_assert_uint_eq(f.src_port, 53);
	ck_assert_uint_eq(f.dst_port, 1025);
	buf[9] = 0x21;
	ck_assert(parse(buf, sizeof(buf), true, ETH_IP, NBOND_XMIT_LAYER34,
			&f));
	ck_assert(f.has_l3 && f.has_l4);
	ck_assert_uint_eq(f.src_ip, 0x0a010101U);
	ck_assert_uint_eq(f.src_port, 53);
	ck_assert_uint_eq(f.dst_port, 1025);
}
END_TEST

START_TEST(ip4_options)
{
	EXPECT_FLOW(ip4_opts, ETH_IP, true, IP_A, IP_B, true, 40000, 80);
	EXPECT_FLOW(ip4_opts_max, ETH_IP, true, IP_A, IP_B, true, 1, 2);
}
END_TEST

START_TEST(ip4_fragments)
{
	EXPECT_FLOW(ip4_frag_first, ETH_IP, true, IP_A, IP_B, false, 0, 0);
	EXPECT_FLOW(ip4_frag_middle, ETH_IP, true, IP_A, IP_B, false, 0, 0);
	EXPECT_FLOW(ip4_frag_last, ETH_IP, true, IP_A, IP_B, false, 0, 0);
	EXPECT_FLOW(ip4_frag_ipip, ETH_IP, true, IP_A, IP_B, false, 0, 0);
	EXPECT_FLOW(ip4_flag_ce, ETH_IP, true, IP_A, IP_B, true, 40000, 80);
}
END_TEST

START_TEST(ip4_fragment_needs_no_ports)
{
	struct nbond_flow f;

	/*
	 * A fragment's 20 bytes of header are enough, whole frame or not: the
	 * dissector reads nothing after them.
	 * Flow: has_l3, c0a8010a -> 0a000001, no l4.
	 */
	ck_assert(parse(ip4_frag_first, 20, false, ETH_IP,
			NBOND_XMIT_LAYER34, &f));
	ck_assert(f.has_l3 && !f.has_l4);
	ck_assert_uint_eq(f.src_ip, IP_A);
	ck_assert_uint_eq(f.dst_ip, IP_B);
}
END_TEST

START_TEST(ip4_bad_ihl)
{
	struct nbond_flow f;
	u8 buf[sizeof(ip4_ihl4)];

	EXPECT_FLOW(ip4_ihl4, ETH_IP, false, 0, 0, false, 0, 0);
	/* ihl 0 too, and so whether the frame goes on or not */
	memcpy(buf, ip4_ihl4, sizeof(buf));
	buf[0] = 0x40;
	ck_assert(parse(buf, sizeof(buf), false, ETH_IP, NBOND_XMIT_LAYER23,
			&f));
	ck_assert(!f.has_l3 && !f.has_l4);
}
END_TEST

START_TEST(ip4_version_not_read)
{
	EXPECT_FLOW(ip4_version6, ETH_IP, true, IP_A, IP_B, true, 40000, 80);
}
END_TEST

START_TEST(ip4_truncated_header)
{
	struct nbond_flow f;
	struct nbond_flow before = poisoned();
	u32 len;

	/*
	 * Fewer than 20 bytes: when the frame ends there the dissector cannot
	 * read the header and fails (no l3); when it goes on in fragments,
	 * it would read the header from them: the dissector's.
	 */
	for (len = 0; len < 20; len++) {
		ck_assert(parse(ip4_tcp, len, true, ETH_IP,
				NBOND_XMIT_LAYER34, &f));
		ck_assert(!f.has_l3 && !f.has_l4);
		ck_assert_uint_eq(f.src_ip, 0);
		f = before;
		ck_assert(!nbond_flow_parse(ip4_tcp, len, false, ETH_IP,
					    NBOND_XMIT_LAYER34, &f));
		ck_assert_mem_eq(&f, &before, sizeof(f));
	}
}
END_TEST

START_TEST(ip4_truncated_ports)
{
	struct nbond_flow f;
	struct nbond_flow before = poisoned();
	u32 len;

	/*
	 * 20 to 23 bytes: the header is there, the ports are not. A frame
	 * that ends there has addresses and no ports (the dissector's ports
	 * read fails and gives 0); one that goes on is the dissector's.
	 */
	for (len = 20; len < 24; len++) {
		ck_assert(parse(ip4_tcp, len, true, ETH_IP,
				NBOND_XMIT_LAYER34, &f));
		ck_assert(f.has_l3 && !f.has_l4);
		ck_assert_uint_eq(f.src_ip, IP_A);
		ck_assert_uint_eq(f.dst_ip, IP_B);
		ck_assert_uint_eq(f.src_port, 0);
		f = before;
		ck_assert(!nbond_flow_parse(ip4_tcp, len, false, ETH_IP,
					    NBOND_XMIT_LAYER34, &f));
		ck_assert_mem_eq(&f, &before, sizeof(f));
	}
	/* 24 bytes hold the ports exactly: 40000 -> 80 either way */
	ck_assert(parse(ip4_tcp, 24, false, ETH_IP, NBOND_XMIT_LAYER34, &f));
	ck_assert(f.has_l4);
	ck_assert_uint_eq(f.src_port, 40000);
	ck_assert_uint_eq(f.dst_port, 80);

	/*
	 * ihl 15 with only 60 bytes: the options are all there but the
	 * ports, at 60, are not. Ending there: l3 only. The header itself
	 * needs only its first 20 bytes: with 20 bytes and the frame ending,
	 * still l3 only.
	 */
	ck_assert(parse(ip4_opts_max, 60, true, ETH_IP, NBOND_XMIT_LAYER34,
			&f));
	ck_assert(f.has_l3 && !f.has_l4);
	ck_assert(parse(ip4_opts_max, 20, true, ETH_IP, NBOND_XMIT_LAYER34,
			&f));
	ck_assert(f.has_l3 && !f.has_l4);
	ck_assert_uint_eq(f.dst_ip, IP_B);
	ck_assert(!parse(ip4_opts_max, 63, false, ETH_IP, NBOND_XMIT_LAYER34,
			 &f));
}
END_TEST

START_TEST(ip4_zero_ports_no_l4)
{
	EXPECT_FLOW(ip4_zero_ports, ETH_IP, true, IP_A, IP_B, false, 0, 0);
	EXPECT_FLOW(ip4_src_port0, ETH_IP, true, IP_A, IP_B, true, 0, 80);
}
END_TEST

START_TEST(ip4_icmp_no_ports)
{
	struct nbond_flow f;

	EXPECT_FLOW(ip4_icmp, ETH_IP, true, IP_A, IP_B, false, 0, 0);
	/* no ports to read, so nothing past the header is needed */
	ck_assert(parse(ip4_icmp, 20, false, ETH_IP, NBOND_XMIT_LAYER34, &f));
	ck_assert(f.has_l3 && !f.has_l4);
}
END_TEST

START_TEST(ip4_ipsec_spi)
{
	EXPECT_FLOW(ip4_esp, ETH_IP, true, IP_A, IP_B, true, 0x0000, 0x1234);
	EXPECT_FLOW(ip4_ah, ETH_IP, true, IP_A, IP_B, true, 0xdead, 0xbeef);
}
END_TEST

START_TEST(ip4_ah_truncated_spi)
{
	struct nbond_flow f;

	/* AH's SPI is at 20 + 4: 27 bytes do not hold it */
	ck_assert(parse(ip4_ah, 27, true, ETH_IP, NBOND_XMIT_LAYER34, &f));
	ck_assert(f.has_l3 && !f.has_l4);
	ck_assert(!parse(ip4_ah, 27, false, ETH_IP, NBOND_XMIT_LAYER34, &f));
	ck_assert(parse(ip4_ah, 28, false, ETH_IP, NBOND_XMIT_LAYER34, &f));
	ck_assert(f.has_l4);
	ck_assert_uint_eq(f.dst_port, 0xbeef);
}
END_TEST

/* ------------------------------------------------------------------ IPv6 */

START_TEST(ip6_tcp_ports)
{
	EXPECT_FLOW(ip6_tcp, ETH_IP6, true, IP6_A, IP6_B, true, 50000, 443);
}
END_TEST

START_TEST(ip6_udp_flow_label)
{
	EXPECT_FLOW(ip6_udp, ETH_IP6, true, 0x02a266aaU, 0xff0200fbU, true,
		    5353, 5353);
}
END_TEST

START_TEST(ip6_icmp_no_ports)
{
	EXPECT_FLOW(ip6_icmp, ETH_IP6, true, IP6_A, IP6_B, false, 0, 0);
}
END_TEST

START_TEST(ip6_truncated)
{
	struct nbond_flow f;
	u32 len;

	/* under 40 bytes: ending there, no l3; going on, the dissector's */
	for (len = 0; len < 40; len++) {
		ck_assert(parse(ip6_tcp, len, true, ETH_IP6,
				NBOND_XMIT_LAYER34, &f));
		ck_assert(!f.has_l3 && !f.has_l4);
		ck_assert(!parse(ip6_tcp, len, false, ETH_IP6,
				 NBOND_XMIT_LAYER34, &f));
	}
	/* 40 to 43: addresses, no ports, when the frame ends */
	for (len = 40; len < 44; len++) {
		ck_assert(parse(ip6_tcp, len, true, ETH_IP6,
				NBOND_XMIT_LAYER34, &f));
		ck_assert(f.has_l3 && !f.has_l4);
		ck_assert_uint_eq(f.src_ip, IP6_A);
		ck_assert(!parse(ip6_tcp, len, false, ETH_IP6,
				 NBOND_XMIT_LAYER34, &f));
	}
	ck_assert(parse(ip6_tcp, 44, false, ETH_IP6, NBOND_XMIT_LAYER34, &f));
	ck_assert(f.has_l4);
	ck_assert_uint_eq(f.src_port, 50000);
}
END_TEST

START_TEST(ip6_extension_headers_dissected)
{
	u8 buf[sizeof(ip6_hbh)];

	expect_dissector(ip6_hbh, sizeof(ip6_hbh), ETH_IP6);
	/* routing (43), fragment (44), destination options (60) as well */
	memcpy(buf, ip6_hbh, sizeof(buf));
	buf[6] = 43;
	expect_dissector(buf, sizeof(buf), ETH_IP6);
	buf[6] = 44;
	expect_dissector(buf, sizeof(buf), ETH_IP6);
	buf[6] = 60;
	expect_dissector(buf, sizeof(buf), ETH_IP6);
	/* and no next header (59), and IPv6-in-IPv6 (41) */
	buf[6] = 59;
	expect_dissector(buf, sizeof(buf), ETH_IP6);
	buf[6] = 41;
	expect_dissector(buf, sizeof(buf), ETH_IP6);
}
END_TEST

/* ------------------------------------------------- left to the dissector */

START_TEST(ip4_encapsulation_dissected)
{
	u8 buf[sizeof(ip4_ipip)];

	expect_dissector(ip4_ipip, sizeof(ip4_ipip), ETH_IP);
	/* GRE (47), IPv6-in-IPv4 (41), MPLS-in-IP (137), L2TP (115) */
	memcpy(buf, ip4_ipip, sizeof(buf));
	buf[9] = 47;
	expect_dissector(buf, sizeof(buf), ETH_IP);
	buf[9] = 41;
	expect_dissector(buf, sizeof(buf), ETH_IP);
	buf[9] = 137;
	expect_dissector(buf, sizeof(buf), ETH_IP);
	buf[9] = 115;
	expect_dissector(buf, sizeof(buf), ETH_IP);
	/* and a protocol the parser does not know: OSPF (89) */
	buf[9] = 89;
	expect_dissector(buf, sizeof(buf), ETH_IP);
}
END_TEST

START_TEST(other_ethertypes_dissected)
{
	/*
	 * The TCP segment's bytes under ethertypes that are not IPv4 or
	 * IPv6: ARP, an in-band 802.1Q or 802.1ad tag, MPLS, PPPoE session,
	 * LLDP, and two that mean nothing.
	 */
	static const u16 types[] = {
		0x0806, 0x8100, 0x88a8, 0x8847, 0x8864, 0x88cc, 0x0000, 0xffff,
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(types); i++)
		expect_dissector(ip4_tcp, sizeof(ip4_tcp), types[i]);
}
END_TEST

START_TEST(l2_policies_not_parsed)
{
	struct nbond_flow f = poisoned();
	struct nbond_flow before = f;

	ck_assert(!nbond_flow_parse(ip4_tcp, sizeof(ip4_tcp), true, ETH_IP,
				    NBOND_XMIT_LAYER2, &f));
	ck_assert(!nbond_flow_parse(ip4_tcp, sizeof(ip4_tcp), true, ETH_IP,
				    NBOND_XMIT_VLAN_SRCMAC, &f));
	ck_assert(!nbond_flow_parse(ip4_tcp, sizeof(ip4_tcp), true, ETH_IP,
				    (enum nbond_xmit_policy)6, &f));
	ck_assert_mem_eq(&f, &before, sizeof(f));
}
END_TEST

START_TEST(handled_overwrites_l3_l4_only)
{
	struct nbond_flow f = poisoned();
	struct nbond_flow before = f;

	/*
	 * A handled frame sets all six L3/L4 fields, to zero where absent,
	 * and nothing else.
	 */
	ck_assert(nbond_flow_parse(ip4_icmp, sizeof(ip4_icmp), true, ETH_IP,
				   NBOND_XMIT_LAYER34, &f));
	ck_assert(f.has_l3 && !f.has_l4);
	ck_assert_uint_eq(f.src_port, 0);
	ck_assert_uint_eq(f.dst_port, 0);
	ck_assert_mem_eq(f.dst_mac, before.dst_mac, 6);
	ck_assert_mem_eq(f.src_mac, before.src_mac, 6);
	ck_assert_uint_eq(f.ethertype, before.ethertype);
	ck_assert_uint_eq(f.vlan_id, before.vlan_id);
	ck_assert_mem_eq(&f.has_vlan, &before.has_vlan, sizeof(f.has_vlan));

	f = before;
	ck_assert(nbond_flow_parse(ip4_ihl4, sizeof(ip4_ihl4), true, ETH_IP,
				   NBOND_XMIT_LAYER34, &f));
	ck_assert(!f.has_l3 && !f.has_l4);
	ck_assert_uint_eq(f.src_ip, 0);
	ck_assert_uint_eq(f.dst_ip, 0);
}
END_TEST

/* ------------------------------------------------------------ end to end */

/*
 * What flow.c adds for the L2 part: the MACs of test_hash.c's reference
 * flow (00:11:22:33:44:55 <- 00:aa:bb:cc:dd:ee) and the ethertype.
 */
static u32 hash_frame(const u8 *buf, u32 len, u16 proto,
		      enum nbond_xmit_policy policy)
{
	static const u8 dst[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
	static const u8 src[6] = { 0x00, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
	struct nbond_flow f;

	memset(&f, 0, sizeof(f));
	memcpy(f.dst_mac, dst, 6);
	memcpy(f.src_mac, src, 6);
	f.ethertype = proto;
	ck_assert(nbond_flow_parse(buf, len, true, proto, policy, &f));
	return nbond_hash(&f, policy);
}

START_TEST(e2e_ip4_tcp)
{
	/* test_hash.c: layer3+4 0x56bebfe4, layer2+3 0xca626bdb */
	ck_assert_uint_eq(hash_frame(ip4_tcp, sizeof(ip4_tcp), ETH_IP,
				     NBOND_XMIT_LAYER34), 0x56bebfe4U);
	ck_assert_uint_eq(hash_frame(ip4_tcp, sizeof(ip4_tcp), ETH_IP,
				     NBOND_XMIT_ENCAP34), 0x56bebfe4U);
	ck_assert_uint_eq(hash_frame(ip4_tcp, sizeof(ip4_tcp), ETH_IP,
				     NBOND_XMIT_LAYER23), 0xca626bdbU);
	ck_assert_uint_eq(hash_frame(ip4_tcp, sizeof(ip4_tcp), ETH_IP,
				     NBOND_XMIT_ENCAP23), 0xca626bdbU);
	/* options change nothing: the same flow */
	ck_assert_uint_eq(hash_frame(ip4_opts, sizeof(ip4_opts), ETH_IP,
				     NBOND_XMIT_LAYER34), 0x56bebfe4U);
	/* test_hash.c port_choice_mod_2: port 0 of 2 */
	ck_assert_uint_eq(hash_frame(ip4_tcp, sizeof(ip4_tcp), ETH_IP,
				     NBOND_XMIT_LAYER34) % 2, 0);
}
END_TEST

START_TEST(e2e_ip4_fragments)
{
	/* test_hash.c layer34_fragment: 0xca626368, for every fragment */
	ck_assert_uint_eq(hash_frame(ip4_frag_first, sizeof(ip4_frag_first),
				     ETH_IP, NBOND_XMIT_LAYER34), 0xca626368U);
	ck_assert_uint_eq(hash_frame(ip4_frag_middle,
				     sizeof(ip4_frag_middle), ETH_IP,
				     NBOND_XMIT_LAYER34), 0xca626368U);
	ck_assert_uint_eq(hash_frame(ip4_frag_last, sizeof(ip4_frag_last),
				     ETH_IP, NBOND_XMIT_ENCAP34), 0xca626368U);
	/* layer2+3 hashes fragments like the whole: 0xca626bdb */
	ck_assert_uint_eq(hash_frame(ip4_frag_middle,
				     sizeof(ip4_frag_middle), ETH_IP,
				     NBOND_XMIT_LAYER23), 0xca626bdbU);
	/* zero ports hash like a fragment */
	ck_assert_uint_eq(hash_frame(ip4_zero_ports, sizeof(ip4_zero_ports),
				     ETH_IP, NBOND_XMIT_LAYER34), 0xca626368U);
}
END_TEST

START_TEST(e2e_ip4_udp)
{
	/* test_hash.c layer34_udp_dns: 0x00353133 */
	ck_assert_uint_eq(hash_frame(ip4_udp, sizeof(ip4_udp), ETH_IP,
				     NBOND_XMIT_LAYER34), 0x00353133U);
}
END_TEST

START_TEST(e2e_ip4_no_l3)
{
	/*
	 * ihl 4: no l3, so layer3+4 falls back to l2 = 0x55 ^ 0xee ^ 0x0800
	 * = 0x08bb, as test_hash.c's layer2_tcp.
	 */
	ck_assert_uint_eq(hash_frame(ip4_ihl4, sizeof(ip4_ihl4), ETH_IP,
				     NBOND_XMIT_LAYER34), 0x08bbU);
	ck_assert_uint_eq(hash_frame(ip4_ihl4, sizeof(ip4_ihl4), ETH_IP,
				     NBOND_XMIT_LAYER23), 0x08bbU);
}
END_TEST

START_TEST(e2e_ip6_tcp)
{
	/* test_hash.c ip6_layer34 0xc393922a, ip6_layer23 0x86e3 */
	ck_assert_uint_eq(hash_frame(ip6_tcp, sizeof(ip6_tcp), ETH_IP6,
				     NBOND_XMIT_LAYER34), 0xc393922aU);
	ck_assert_uint_eq(hash_frame(ip6_tcp, sizeof(ip6_tcp), ETH_IP6,
				     NBOND_XMIT_ENCAP34), 0xc393922aU);
	ck_assert_uint_eq(hash_frame(ip6_tcp, sizeof(ip6_tcp), ETH_IP6,
				     NBOND_XMIT_LAYER23), 0x86e3U);
	ck_assert_uint_eq(hash_frame(ip6_tcp, sizeof(ip6_tcp), ETH_IP6,
				     NBOND_XMIT_ENCAP23), 0x86e3U);
}
END_TEST

Suite *flow_parse_suite(void)
{
	Suite *s = suite_create("flow_parse");
	TCase *tc;

	tc = tcase_create("ip4");
	tcase_add_test(tc, ip4_tcp_ports);
	tcase_add_test(tc, ip4_udp_ports);
	tcase_add_test(tc, ip4_sctp_ports);
	tcase_add_test(tc, ip4_udplite_dccp_ports);
	tcase_add_test(tc, ip4_options);
	tcase_add_test(tc, ip4_fragments);
	tcase_add_test(tc, ip4_fragment_needs_no_ports);
	tcase_add_test(tc, ip4_bad_ihl);
	tcase_add_test(tc, ip4_version_not_read);
	tcase_add_test(tc, ip4_truncated_header);
	tcase_add_test(tc, ip4_truncated_ports);
	tcase_add_test(tc, ip4_zero_ports_no_l4);
	tcase_add_test(tc, ip4_icmp_no_ports);
	tcase_add_test(tc, ip4_ipsec_spi);
	tcase_add_test(tc, ip4_ah_truncated_spi);
	suite_add_tcase(s, tc);

	tc = tcase_create("ip6");
	tcase_add_test(tc, ip6_tcp_ports);
	tcase_add_test(tc, ip6_udp_flow_label);
	tcase_add_test(tc, ip6_icmp_no_ports);
	tcase_add_test(tc, ip6_truncated);
	tcase_add_test(tc, ip6_extension_headers_dissected);
	suite_add_tcase(s, tc);

	tc = tcase_create("dissector");
	tcase_add_test(tc, ip4_encapsulation_dissected);
	tcase_add_test(tc, other_ethertypes_dissected);
	tcase_add_test(tc, l2_policies_not_parsed);
	tcase_add_test(tc, handled_overwrites_l3_l4_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("end_to_end");
	tcase_add_test(tc, e2e_ip4_tcp);
	tcase_add_test(tc, e2e_ip4_fragments);
	tcase_add_test(tc, e2e_ip4_udp);
	tcase_add_test(tc, e2e_ip4_no_l3);
	tcase_add_test(tc, e2e_ip6_tcp);
	suite_add_tcase(s, tc);

	return s;
}
