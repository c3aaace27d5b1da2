// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: balance-rr. Frames go to the usable ports in turn,
 * packets_per_slave at a time (0: a random port for each frame). The turn
 * counter is per CPU, so transmit shares no cache line between CPUs.
 * IGMP reports all leave by the first usable port (bonding.ko sends them
 * by one port too): a snooping switch then sees the group's members on
 * one port only. XDP frames take the same turns.
 */
#include <linux/if_ether.h>
#include <linux/igmp.h>
#include <linux/ip.h>
#include <linux/random.h>

#include "nbond.h"

/* A header not all in the linear head: read through a copy. */
static noinline bool nbond_is_igmp_copy(const struct sk_buff *skb)
{
	const struct iphdr *iph;
	struct iphdr buf;

	iph = skb_header_pointer(skb, skb_network_offset(skb), sizeof(buf),
				 &buf);
	return iph && iph->protocol == IPPROTO_IGMP;
}

/* Read in place when the head holds the IPv4 header: no copy, no canary. */
static __always_inline bool nbond_is_igmp(const struct sk_buff *skb)
{
	int nhoff = skb_network_offset(skb);

	if (skb->protocol != htons(ETH_P_IP))
		return false;
	if (unlikely(nhoff < 0 ||
		     nhoff + sizeof(struct iphdr) > skb_headlen(skb)))
		return nbond_is_igmp_copy(skb);
	return ((const struct iphdr *)(skb->data + nhoff))->protocol ==
	       IPPROTO_IGMP;
}

/* The next port's index, below @count. */
static u32 nbond_rr_turn(struct nbond *bond, u32 count)
{
	u32 per_port = READ_ONCE(bond->params.packets_per_slave);
	u32 turn;

	if (!per_port)
		return reciprocal_scale(get_random_u32(), count);
	turn = this_cpu_inc_return(*bond->rr_counter) - 1;
	return (turn / per_port) % count;
}

static netdev_tx_t nbond_rr_xmit(struct nbond *bond, struct sk_buff *skb,
				 struct nbond_port_array *ports)
{
	u32 idx = 0;

	if (likely(!nbond_is_igmp(skb)))
		idx = nbond_rr_turn(bond, ports->count);
	return nbond_xmit_to(bond, ports->ports[idx], skb);
}

/* IGMP in an XDP frame: the IPv4 ethertype, as skb->protocol would be. */
static bool nbond_rr_xdp_igmp(const u8 *data, u32 len)
{
	return len >= ETH_HLEN + sizeof(struct iphdr) &&
	       data[12] == ETH_P_IP >> 8 && data[13] == (ETH_P_IP & 0xff) &&
	       ((const struct iphdr *)(data + ETH_HLEN))->protocol ==
	       IPPROTO_IGMP;
}

static u32 nbond_rr_xdp_pick(struct nbond *bond, const u8 *data, u32 len,
			     bool whole, u32 count)
{
	if (unlikely(nbond_rr_xdp_igmp(data, len)))
		return 0;
	return nbond_rr_turn(bond, count);
}

const struct nbond_mode_ops nbond_mode_rr = {
	.name		= "balance-rr",
	.bonding_name	= "load balancing (round-robin)",
	.id		= NBOND_MODE_RR,
	.xmit		= nbond_rr_xmit,
	.xmit_to	= nbond_xmit_to,
	.xdp_pick	= nbond_rr_xdp_pick,
	.rx_accept	= nbond_rx_accept_all,
	.port_eligible	= nbond_port_usable,
	.port_role	= nbond_role_active,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_ROUNDROBIN,
};
