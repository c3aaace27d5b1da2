// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: balance-rr. Frames go to the usable ports in turn,
 * packets_per_slave at a time (0: a random port for each frame). The turn
 * counter is per CPU, so transmit shares no cache line between CPUs.
 * IGMP reports all leave by the first usable port (bonding.ko sends them
 * by one port too): a snooping switch then sees the group's members on
 * one port only.
 */
#include <linux/igmp.h>
#include <linux/ip.h>
#include <linux/random.h>

#include "nbond.h"

static bool nbond_is_igmp(const struct sk_buff *skb)
{
	const struct iphdr *iph;
	struct iphdr buf;

	if (skb->protocol != htons(ETH_P_IP))
		return false;
	iph = skb_header_pointer(skb, skb_network_offset(skb), sizeof(buf),
				 &buf);
	return iph && iph->protocol == IPPROTO_IGMP;
}

static netdev_tx_t nbond_rr_xmit(struct nbond *bond, struct sk_buff *skb,
				 struct nbond_port_array *ports)
{
	u32 per_port = READ_ONCE(bond->params.packets_per_slave);
	u32 turn, idx;

	if (unlikely(nbond_is_igmp(skb))) {
		idx = 0;
	} else if (!per_port) {
		idx = reciprocal_scale(get_random_u32(), ports->count);
	} else {
		turn = this_cpu_inc_return(*bond->rr_counter) - 1;
		idx = (turn / per_port) % ports->count;
	}
	return nbond_xmit_to(bond, ports->ports[idx], skb);
}

const struct nbond_mode_ops nbond_mode_rr = {
	.name		= "balance-rr",
	.bonding_name	= "load balancing (round-robin)",
	.id		= NBOND_MODE_RR,
	.xmit		= nbond_rr_xmit,
	.xmit_to	= nbond_xmit_to,
	.rx_accept	= nbond_rx_accept_all,
	.port_eligible	= nbond_port_usable,
	.port_role	= nbond_role_active,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_ROUNDROBIN,
};
