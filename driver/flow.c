// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: read the fields xmit_hash_policy needs from a frame and hash them
 * with the pure functions of hash.c.
 */
#include <linux/if_vlan.h>
#include <net/flow_dissector.h>

#include "nbond.h"

/*
 * The frame may be shorter than its headers claim (a packet socket can
 * send 14 bytes of ethertype 0x8100): read them only through
 * skb_header_pointer(), which fails rather than read past the data.
 */
static void nbond_flow_l2(const struct sk_buff *skb, struct nbond_flow *f)
{
	const struct vlan_ethhdr *veth;
	const struct ethhdr *eth;
	struct vlan_ethhdr vbuf;
	struct ethhdr buf;

	eth = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	if (eth) {
		ether_addr_copy(f->dst_mac, eth->h_dest);
		ether_addr_copy(f->src_mac, eth->h_source);
	}
	f->ethertype = ntohs(vlan_get_protocol(skb));

	if (skb_vlan_tag_present(skb)) {
		f->has_vlan = true;
		f->vlan_id = skb_vlan_tag_get_id(skb);
		return;
	}
	if (!eth || !eth_type_vlan(eth->h_proto))
		return;
	veth = skb_header_pointer(skb, 0, sizeof(vbuf), &vbuf);
	if (veth) {
		f->has_vlan = true;
		f->vlan_id = ntohs(veth->h_vlan_TCI) & VLAN_VID_MASK;
	}
}

static u32 nbond_fold_v6(const struct in6_addr *addr)
{
	u32 words[4];
	int i;

	for (i = 0; i < 4; i++)
		words[i] = ntohl(addr->s6_addr32[i]);
	return nbond_fold_ip6(words);
}

static void nbond_flow_l34(const struct sk_buff *skb, struct nbond_flow *f,
			   bool inner)
{
	unsigned int flags = inner ? 0 : FLOW_DISSECTOR_F_STOP_AT_ENCAP;
	struct flow_keys keys;

	if (!skb_flow_dissect_flow_keys(skb, &keys, flags))
		return;

	switch (keys.control.addr_type) {
	case FLOW_DISSECTOR_KEY_IPV4_ADDRS:
		f->src_ip = ntohl(keys.addrs.v4addrs.src);
		f->dst_ip = ntohl(keys.addrs.v4addrs.dst);
		break;
	case FLOW_DISSECTOR_KEY_IPV6_ADDRS:
		f->src_ip = nbond_fold_v6(&keys.addrs.v6addrs.src);
		f->dst_ip = nbond_fold_v6(&keys.addrs.v6addrs.dst);
		break;
	default:
		return;
	}
	f->has_l3 = true;

	if (!(keys.control.flags & FLOW_DIS_IS_FRAGMENT) && keys.ports.ports) {
		f->has_l4 = true;
		f->src_port = ntohs(keys.ports.src);
		f->dst_port = ntohs(keys.ports.dst);
	}
}

u32 nbond_skb_hash(const struct sk_buff *skb, u32 policy)
{
	struct nbond_flow f = {};

	nbond_flow_l2(skb, &f);
	switch (policy) {
	case NBOND_XMIT_LAYER23:
	case NBOND_XMIT_LAYER34:
		nbond_flow_l34(skb, &f, false);
		break;
	case NBOND_XMIT_ENCAP23:
	case NBOND_XMIT_ENCAP34:
		nbond_flow_l34(skb, &f, true);
		break;
	}
	return nbond_hash(&f, policy);
}
