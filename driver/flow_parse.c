// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: the IP addresses and ports of the common frames, read straight
 * from their headers.
 *
 * The layer2+3, layer3+4, encap2+3 and encap3+4 policies hash the fields
 * skb_flow_dissect_flow_keys() finds (FLOW_DISSECTOR_F_STOP_AT_ENCAP for
 * the first two, no flag for the others), as flow.c takes them: the
 * addresses when control.addr_type says IPv4 or IPv6, the ports when they
 * are non-zero and control.flags has no FLOW_DIS_IS_FRAGMENT. For the
 * frames below this parser gives the same fields without the dissector;
 * flow.c sends every other frame to it. What __skb_flow_dissect() does with
 * these frames, the same in Debian's 6.1.192 and 6.12.118
 * (net/core/flow_dissector.c):
 *
 * IPv4 (ETH_P_IP): 20 bytes of header must be readable, and ihl at least
 * 5, else the dissection fails (no addresses). The version, total length
 * and options are not looked at; the transport header starts ihl * 4
 * bytes in. Addresses are taken. Any fragment, first or not
 * (ip_is_fragment(): MF or a non-zero offset), ends the dissection there
 * without ports, whatever the protocol: FLOW_DISSECTOR_F_PARSE_1ST_FRAG
 * is not passed.
 *
 * IPv6 (ETH_P_IPV6): 40 bytes must be readable, else it fails. The
 * version, payload length and flow label (stored, but the flags do not
 * stop on it) change nothing; the addresses are taken and the transport
 * header starts 40 bytes in, at next header.
 *
 * Transport: for the protocols below the dissector's own handling is empty
 * for flow_keys_dissector (TCP: no FLOW_DISSECTOR_KEY_TCP; ICMP, ICMPv6:
 * no KEY_ICMP; ESP, AH on 6.12: no KEY_IPSEC; 6.1 has no case for ESP and
 * AH), so what remains is __skb_flow_dissect_ports(): four bytes at
 * proto_ports_offset() past the transport header (0 for TCP, UDP,
 * UDP-Lite, SCTP, DCCP and ESP, whose SPI stands in; 4 for AH, its SPI),
 * or 0 when they cannot be read or the protocol has no such offset. flow.c
 * took ports only when they were non-zero. FLOW_DISSECTOR_F_STOP_AT_ENCAP
 * is looked at only for IP-in-IP, IPv6-in-IP, GRE and batman-adv, none of
 * them handled here, so the encap policies get the same fields as their
 * outer counterparts.
 *
 * Sent to the dissector: every other ethertype (in-band VLAN tags, MPLS,
 * PPPoE...), every other transport protocol (GRE, IP-in-IP, IPv6
 * extension headers...) of an unfragmented datagram, and any read that
 * would pass @len when the frame goes on beyond it.
 */
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/in6.h>

#include "pure.h"
#include "flow_parse.h"

#define NBOND_IP4_HLEN		20	/* without options */
#define NBOND_IP4_FRAG		0x3fff	/* More Fragments and the offset */
#define NBOND_IP6_HLEN		40

/* Transport protocols read no ports from (nbond_ports_offset()). */
#define NBOND_PORTS_NONE	(-1)
/* Transport protocols left to the dissector. */
#define NBOND_PORTS_DISSECT	(-2)

static u16 nbond_be16(const u8 *p)
{
	return (u16)((u16)p[0] << 8 | p[1]);
}

static u32 nbond_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline u32 nbond_ip6_addr(const u8 *p)
{
	const u32 words[4] = {
		nbond_be32(p), nbond_be32(p + 4),
		nbond_be32(p + 8), nbond_be32(p + 12),
	};

	return nbond_fold_ip6(words);
}

/*
 * Where the ports are past the transport header, as proto_ports_offset()
 * has it, for the protocols whose dissection is known to be nothing but
 * that.
 */
static int nbond_ports_offset(u8 ip_proto)
{
	/* The common case first: a switch would test a bit mask for it. */
	if (ip_proto == IPPROTO_TCP || ip_proto == IPPROTO_UDP)
		return 0;
	switch (ip_proto) {
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
	case IPPROTO_ESP:
		return 0;
	case IPPROTO_AH:
		return 4;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return NBOND_PORTS_NONE;
	default:
		return NBOND_PORTS_DISSECT;
	}
}

static bool nbond_policy_l3(enum nbond_xmit_policy policy)
{
	switch (policy) {
	case NBOND_XMIT_LAYER23:
	case NBOND_XMIT_LAYER34:
	case NBOND_XMIT_ENCAP23:
	case NBOND_XMIT_ENCAP34:
		return true;
	default:
		return false;
	}
}

/* The fields of a handled frame; has_l3 false leaves them all empty. */
static bool nbond_parse_set(struct nbond_flow *f, bool has_l3, u32 src_ip,
			    u32 dst_ip, u32 ports)
{
	f->has_l3 = has_l3;
	f->src_ip = src_ip;
	f->dst_ip = dst_ip;
	f->has_l4 = ports != 0;
	f->src_port = (u16)(ports >> 16);
	f->dst_port = (u16)ports;
	return true;
}

bool nbond_flow_parse(const u8 *buf, u32 len, bool complete, u16 proto,
		      enum nbond_xmit_policy policy, struct nbond_flow *f)
{
	u32 src_ip, dst_ip, thoff, ports = 0;
	u8 ip_proto, ihl;
	int poff;

	if (!nbond_policy_l3(policy))
		return false;

	switch (proto) {
	case ETH_P_IP:
		if (len < NBOND_IP4_HLEN)
			return complete && nbond_parse_set(f, false, 0, 0, 0);
		ihl = buf[0] & 0x0f;
		if (ihl < 5)
			return nbond_parse_set(f, false, 0, 0, 0);
		src_ip = nbond_be32(buf + 12);
		dst_ip = nbond_be32(buf + 16);
		if (nbond_be16(buf + 6) & NBOND_IP4_FRAG)
			return nbond_parse_set(f, true, src_ip, dst_ip, 0);
		ip_proto = buf[9];
		thoff = (u32)ihl * 4;
		break;
	case ETH_P_IPV6:
		if (len < NBOND_IP6_HLEN)
			return complete && nbond_parse_set(f, false, 0, 0, 0);
		src_ip = nbond_ip6_addr(buf + 8);
		dst_ip = nbond_ip6_addr(buf + 24);
		ip_proto = buf[6];
		thoff = NBOND_IP6_HLEN;
		break;
	default:
		return false;
	}

	poff = nbond_ports_offset(ip_proto);
	if (poff == NBOND_PORTS_DISSECT)
		return false;
	if (poff >= 0) {
		thoff += (u32)poff;
		if (thoff + 4 <= len)
			ports = nbond_be32(buf + thoff);
		else if (!complete)
			return false;
	}
	return nbond_parse_set(f, true, src_ip, dst_ip, ports);
}
