// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: read the fields xmit_hash_policy needs from a frame and hash them
 * with the pure functions of hash.c. Only what the policy reads is read:
 * the VLAN id for vlan+srcmac, the MACs and ethertype for the others
 * (layer3+4 only when the frame has no IP header), and IP addresses and
 * ports through flow_parse.c, or through the kernel's flow dissector for
 * the frames flow_parse.c leaves to it.
 */
#include <linux/if_vlan.h>
#include <net/flow_dissector.h>
#include <net/net_namespace.h>

#include "nbond.h"
#include "flow_parse.h"

/* The first VLAN tag in the data, when the head may not hold it. */
static noinline void nbond_flow_vlan_short(const struct sk_buff *skb,
					   struct nbond_flow *f)
{
	const struct vlan_ethhdr *veth;
	struct vlan_ethhdr vbuf;

	veth = skb_header_pointer(skb, 0, sizeof(vbuf), &vbuf);
	if (veth && eth_type_vlan(veth->h_vlan_proto)) {
		f->has_vlan = true;
		f->vlan_id = ntohs(veth->h_vlan_TCI) & VLAN_VID_MASK;
	}
}

/*
 * The VLAN id for vlan+srcmac: the tag out of band, or the first in the
 * data (read in place when the head holds it).
 */
static __always_inline void nbond_flow_vlan(const struct sk_buff *skb,
					    struct nbond_flow *f)
{
	const struct vlan_ethhdr *veth = (const void *)skb->data;

	if (skb_vlan_tag_present(skb)) {
		f->has_vlan = true;
		f->vlan_id = skb_vlan_tag_get_id(skb);
		return;
	}
	if (unlikely(skb_headlen(skb) < sizeof(*veth))) {
		nbond_flow_vlan_short(skb, f);
		return;
	}
	if (eth_type_vlan(veth->h_vlan_proto)) {
		f->has_vlan = true;
		f->vlan_id = ntohs(veth->h_vlan_TCI) & VLAN_VID_MASK;
	}
}

/*
 * A frame whose linear head is shorter than an Ethernet header (a packet
 * socket can send 14 bytes of ethertype 0x8100, or less): read only
 * through skb_header_pointer(), which fails rather than read past the
 * data.
 */
static noinline void nbond_flow_l2_short(const struct sk_buff *skb,
					 struct nbond_flow *f, bool vlan)
{
	const struct ethhdr *eth;
	struct ethhdr buf;

	eth = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	if (eth) {
		ether_addr_copy(f->dst_mac, eth->h_dest);
		ether_addr_copy(f->src_mac, eth->h_source);
	}
	f->ethertype = ntohs(vlan_get_protocol(skb));
	if (vlan)
		nbond_flow_vlan(skb, f);
}

/*
 * The MACs and the ethertype, and the VLAN fields only if @vlan: only
 * vlan+srcmac reads them. Inline and without a copy of the header for
 * the common frame, whose head holds its Ethernet header.
 */
static __always_inline void nbond_flow_l2(const struct sk_buff *skb,
					  struct nbond_flow *f, bool vlan)
{
	const struct ethhdr *eth = (const struct ethhdr *)skb->data;

	if (unlikely(skb_headlen(skb) < ETH_HLEN)) {
		nbond_flow_l2_short(skb, f, vlan);
		return;
	}
	ether_addr_copy(f->dst_mac, eth->h_dest);
	ether_addr_copy(f->src_mac, eth->h_source);
	f->ethertype = ntohs(vlan_get_protocol(skb));
	if (vlan)
		nbond_flow_vlan(skb, f);
}

static u32 nbond_fold_v6(const struct in6_addr *addr)
{
	u32 words[4];
	int i;

	for (i = 0; i < 4; i++)
		words[i] = ntohl(addr->s6_addr32[i]);
	return nbond_fold_ip6(words);
}

/*
 * The flow of what the dissector found (flow_keys_dissector): IPv4 or
 * IPv6 addresses, and the ports unless the frame is a fragment or has
 * none. Also xdp.c's.
 */
void nbond_flow_from_keys(const struct flow_keys *keys, struct nbond_flow *f)
{
	switch (keys->control.addr_type) {
	case FLOW_DISSECTOR_KEY_IPV4_ADDRS:
		f->src_ip = ntohl(keys->addrs.v4addrs.src);
		f->dst_ip = ntohl(keys->addrs.v4addrs.dst);
		break;
	case FLOW_DISSECTOR_KEY_IPV6_ADDRS:
		f->src_ip = nbond_fold_v6(&keys->addrs.v6addrs.src);
		f->dst_ip = nbond_fold_v6(&keys->addrs.v6addrs.dst);
		break;
	default:
		return;
	}
	f->has_l3 = true;

	if (!(keys->control.flags & FLOW_DIS_IS_FRAGMENT) && keys->ports.ports) {
		f->has_l4 = true;
		f->src_port = ntohs(keys->ports.src);
		f->dst_port = ntohs(keys->ports.dst);
	}
}

/*
 * Out of line: its struct flow_keys would give the fast path a large frame
 * and a stack canary.
 */
static noinline void nbond_flow_dissect(const struct sk_buff *skb,
					struct nbond_flow *f, u32 policy,
					__be16 proto, int nhoff)
{
	bool inner = policy == NBOND_XMIT_ENCAP23 ||
		     policy == NBOND_XMIT_ENCAP34;
	unsigned int flags = inner ? 0 : FLOW_DISSECTOR_F_STOP_AT_ENCAP;
	struct flow_keys keys;

	/* Past VLAN tags in the data, it starts where they end. */
	memset(&keys, 0, sizeof(keys));
	if (nhoff != skb_network_offset(skb) || proto != skb->protocol) {
		if (!__skb_flow_dissect(NULL, skb, &flow_keys_dissector, &keys,
					skb->data, proto, nhoff,
					skb_headlen(skb), flags))
			return;
	} else if (!skb_flow_dissect_flow_keys(skb, &keys, flags)) {
		return;
	}
	nbond_flow_from_keys(&keys, f);
}

/*
 * A BPF flow dissector, attached to the initial namespace or else to the
 * skb's (its device's, or its socket's), has the first say in
 * __skb_flow_dissect() on 6.1 and 6.12. Its frames go to the dissector.
 */
static inline bool nbond_flow_bpf_dissector(const struct sk_buff *skb)
{
	const struct net *net = NULL;

	if (skb->dev)
		net = dev_net(skb->dev);
	else if (skb->sk)
		net = sock_net(skb->sk);
	return nbond_bpf_flow_dissector(net);
}

/* Deeper than this, the tags in the data are left to the dissector. */
#define NBOND_FLOW_VLAN_DEPTH	8

/*
 * Where the network header is and its protocol. VLAN tags in the data
 * (skb->protocol says 802.1Q or 802.1ad: stacked VLANs over the bond,
 * QinQ) are stepped over from the Ethernet header, since the stack leaves
 * the network header past a tag it pushes into the data: started there
 * with the tag's protocol, the dissector would read the IP header as a
 * tag and the frame hash as if it had none (bonding.ko does that). Else
 * what skb_flow_dissect_flow_keys() takes: skb->protocol (past a tag out
 * of band) at the network offset. False: tags that cannot be read.
 */
static inline bool nbond_flow_l3(const struct sk_buff *skb, __be16 *proto,
				 int *nhoff)
{
	const struct vlan_hdr *vh;
	struct vlan_hdr vbuf;
	int depth;

	*proto = skb->protocol;
	*nhoff = skb_network_offset(skb);
	if (!eth_type_vlan(*proto))
		return true;
	*nhoff = ETH_HLEN;
	for (depth = 0; eth_type_vlan(*proto); depth++) {
		if (depth == NBOND_FLOW_VLAN_DEPTH)
			return false;
		vh = skb_header_pointer(skb, *nhoff, sizeof(vbuf), &vbuf);
		if (!vh)
			return false;
		*proto = vh->h_vlan_encapsulated_proto;
		*nhoff += VLAN_HLEN;
	}
	return true;
}

/*
 * flow_parse.c on the linear head from @nhoff on: skb_headlen() is where
 * the dissector goes on to copy from the page fragments, so the head is
 * complete only in a linear skb. A network header so far in that the
 * transport offset could pass U16_MAX, which fails the dissection, goes
 * to the dissector, as does a tag out of band of another protocol than
 * 802.1Q or 802.1ad (the dissector then stops at it).
 */
static inline bool nbond_flow_parsed(const struct sk_buff *skb,
				     struct nbond_flow *f, u32 policy,
				     __be16 proto, int nhoff)
{
	if (skb_vlan_tag_present(skb) && !eth_type_vlan(skb->vlan_proto))
		return false;
	if (nhoff < 0 || nhoff > U16_MAX - NBOND_FLOW_PARSE_L3_MAX ||
	    (unsigned int)nhoff > skb_headlen(skb))
		return false;
	return nbond_flow_parse(skb->data + nhoff, skb_headlen(skb) - nhoff,
				!skb_is_nonlinear(skb), ntohs(proto), policy,
				f);
}

static __always_inline void nbond_flow_l34(const struct sk_buff *skb,
					   struct nbond_flow *f, u32 policy)
{
	__be16 proto;
	int nhoff;

	/* An attached BPF flow dissector has the first say, as before. */
	if (nbond_flow_bpf_dissector(skb) ||
	    !nbond_flow_l3(skb, &proto, &nhoff)) {
		nbond_flow_dissect(skb, f, policy, skb->protocol,
				   skb_network_offset(skb));
		return;
	}
	if (!nbond_flow_parsed(skb, f, policy, proto, nhoff))
		nbond_flow_dissect(skb, f, policy, proto, nhoff);
}

u32 nbond_skb_hash(const struct sk_buff *skb, u32 policy)
{
	struct nbond_flow f = {};

	switch (policy) {
	case NBOND_XMIT_LAYER34:
	case NBOND_XMIT_ENCAP34:
		/* With an IP header these hash no MAC and no ethertype. */
		nbond_flow_l34(skb, &f, policy);
		if (!f.has_l3)
			nbond_flow_l2(skb, &f, false);
		break;
	case NBOND_XMIT_LAYER23:
	case NBOND_XMIT_ENCAP23:
		nbond_flow_l2(skb, &f, false);
		nbond_flow_l34(skb, &f, policy);
		break;
	default:
		nbond_flow_l2(skb, &f, policy == NBOND_XMIT_VLAN_SRCMAC);
		break;
	}
	return nbond_hash(&f, policy);
}
