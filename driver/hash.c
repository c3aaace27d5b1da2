// SPDX-License-Identifier: GPL-2.0
/*
 * nbond transmit hash policies.
 *
 * The numbers produced here decide which port carries a frame, so they are
 * specified exactly (the unit tests hold hand-computed vectors):
 *
 *   l2(f)   = dst_mac[5] XOR src_mac[5] XOR ethertype
 *   fold(h) = h XOR= h >> 16; then h XOR= h >> 8; result h
 *   ports   = has_l4 ? (src_port << 16 | dst_port) : 0
 *
 *   layer2               l2(f)
 *   layer2+3, encap2+3   fold(l2(f) XOR src_ip XOR dst_ip)    if has_l3
 *   layer3+4, encap3+4   fold(src_ip XOR dst_ip XOR ports)    if has_l3
 *   vlan+srcmac          vid XOR src_mac[0..2] XOR src_mac[3..5], where vid
 *                        is vlan_id when the frame is tagged and 0 if not,
 *                        and each half of the source MAC is read as a
 *                        24-bit big-endian number
 *   anything else        layer2
 *
 * The L3 policies fall back to l2(f) for frames without an IP header (ARP,
 * LLDP, ...). Only the first IP fragment carries ports, so the driver
 * clears has_l4 for every fragment, the first too, and all fragments of a
 * datagram hash alike. The encap
 * policies differ from layer2+3 and layer3+4 only in which headers the
 * driver copies into the flow (the innermost ones); the arithmetic is the
 * same. IPv6 addresses enter as the XOR of their four 32-bit words.
 *
 * The driver sends on port nbond_hash() % number_of_usable_ports.
 */
#include "pure.h"
#include "hash.h"

static u32 nbond_hash_l2(const struct nbond_flow *f)
{
	return (u32)f->dst_mac[5] ^ (u32)f->src_mac[5] ^ (u32)f->ethertype;
}

static u32 nbond_hash_fold(u32 h)
{
	h ^= h >> 16;
	h ^= h >> 8;
	return h;
}

static u32 nbond_hash_l23(const struct nbond_flow *f)
{
	if (!f->has_l3)
		return nbond_hash_l2(f);
	return nbond_hash_fold(nbond_hash_l2(f) ^ f->src_ip ^ f->dst_ip);
}

static u32 nbond_hash_l34(const struct nbond_flow *f)
{
	u32 ports = 0;

	if (!f->has_l3)
		return nbond_hash_l2(f);
	if (f->has_l4)
		ports = (u32)f->src_port << 16 | (u32)f->dst_port;
	return nbond_hash_fold(f->src_ip ^ f->dst_ip ^ ports);
}

static u32 nbond_hash_mac24(const u8 *b)
{
	return (u32)b[0] << 16 | (u32)b[1] << 8 | (u32)b[2];
}

static u32 nbond_hash_vlan_srcmac(const struct nbond_flow *f)
{
	u32 vid = f->has_vlan ? f->vlan_id : 0;

	return vid ^ nbond_hash_mac24(&f->src_mac[0]) ^
	       nbond_hash_mac24(&f->src_mac[3]);
}

u32 nbond_hash(const struct nbond_flow *f, enum nbond_xmit_policy policy)
{
	switch (policy) {
	case NBOND_XMIT_LAYER23:
	case NBOND_XMIT_ENCAP23:
		return nbond_hash_l23(f);
	case NBOND_XMIT_LAYER34:
	case NBOND_XMIT_ENCAP34:
		return nbond_hash_l34(f);
	case NBOND_XMIT_VLAN_SRCMAC:
		return nbond_hash_vlan_srcmac(f);
	case NBOND_XMIT_LAYER2:
	default:
		return nbond_hash_l2(f);
	}
}
