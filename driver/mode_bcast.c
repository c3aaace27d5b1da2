// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: broadcast. Every frame goes out on every usable port; the bond
 * counts it once.
 */
#include "nbond.h"

static netdev_tx_t nbond_bcast_xmit(struct nbond *bond, struct sk_buff *skb,
				    struct nbond_port_array *ports)
{
	unsigned int len = skb->len, i, last = ports->count - 1;
	bool sent = false;
	struct sk_buff *copy;

	for (i = 0; i < last; i++) {
		copy = skb_clone(skb, GFP_ATOMIC);
		if (!copy)
			continue;
		sent |= nbond_xmit_port(ports->ports[i], copy);
	}
	sent |= nbond_xmit_port(ports->ports[last], skb);

	if (sent)
		dev_sw_netstats_tx_add(bond->dev, 1, len);
	else
		dev_core_stats_tx_dropped_inc(bond->dev);
	return NETDEV_TX_OK;
}

const struct nbond_mode_ops nbond_mode_bcast = {
	.name		= "broadcast",
	.bonding_name	= "fault-tolerance (broadcast)",
	.id		= NBOND_MODE_BCAST,
	.xmit		= nbond_bcast_xmit,
	.xmit_to	= nbond_xmit_to,
	.rx_accept	= nbond_rx_accept_all,
	.port_eligible	= nbond_port_usable,
	.port_role	= nbond_role_active,
	.speed_of_slowest = true,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_BROADCAST,
};
