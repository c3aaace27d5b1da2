/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transmit hash policies (xmit_hash_policy) of nbond.
 *
 * Pure code: no kernel or libc calls, so that the same functions run in the
 * module and in the userspace unit tests. The driver extracts the fields
 * of a frame into a struct nbond_flow; nbond_hash() turns it into a number
 * and the driver sends on port nbond_hash() % number_of_usable_ports.
 */
#ifndef _NBOND_HASH_H
#define _NBOND_HASH_H

#include "pure.h"

/* Values equal the kernel's BOND_XMIT_POLICY_* numbers. */
enum nbond_xmit_policy {
	NBOND_XMIT_LAYER2 = 0,
	NBOND_XMIT_LAYER34 = 1,
	NBOND_XMIT_LAYER23 = 2,
	NBOND_XMIT_ENCAP23 = 3,
	NBOND_XMIT_ENCAP34 = 4,
	NBOND_XMIT_VLAN_SRCMAC = 5,
};

/*
 * What the hash looks at, filled by the driver from an skb. For the encap
 * policies the driver fills the L3/L4 fields from the innermost headers.
 * The driver fills only what the policy reads: has_vlan and vlan_id only
 * for vlan+srcmac; for layer3+4 and encap3+4 the MACs and the ethertype
 * only when the frame has no IP header.
 */
struct nbond_flow {
	u8 dst_mac[6];
	u8 src_mac[6];
	u16 ethertype;		/* host order, after any VLAN tags */
	u16 vlan_id;		/* valid if has_vlan */
	bool has_vlan;
	bool has_l3;		/* src_ip and dst_ip are valid */
	bool has_l4;		/* ports valid (never for IP fragments) */
	u32 src_ip;		/* IPv4 in host order, or nbond_fold_ip6() */
	u32 dst_ip;
	u16 src_port;		/* host order */
	u16 dst_port;
};

/*
 * Fold an IPv6 address, given as four host-order words, to 32 bits. Inline
 * so that the header parsers of the transmit path make no call for it.
 */
static inline u32 nbond_fold_ip6(const u32 words[4])
{
	return words[0] ^ words[1] ^ words[2] ^ words[3];
}

/* Hash of @f under @policy; an unknown policy hashes like layer2. */
u32 nbond_hash(const struct nbond_flow *f, enum nbond_xmit_policy policy);

#endif /* _NBOND_HASH_H */
