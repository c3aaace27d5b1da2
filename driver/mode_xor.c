// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: balance-xor. Each flow, as xmit_hash_policy defines it, stays on
 * one usable port; different flows spread over the ports.
 */
#include "nbond.h"

/* Also 802.3ad's: every frame goes where its hash says. */
bool nbond_hashes_always(const struct nbond *bond)
{
	return true;
}

/* Also 802.3ad's transmit, over the distributing ports. */
netdev_tx_t nbond_xmit_hash(struct nbond *bond, struct sk_buff *skb,
			    struct nbond_port_array *ports)
{
	u32 hash = nbond_skb_hash(skb, READ_ONCE(bond->params.xmit_policy));

	return nbond_xmit_to(bond, ports->ports[hash % ports->count], skb);
}

const struct nbond_mode_ops nbond_mode_xor = {
	.name		= "balance-xor",
	.bonding_name	= "load balancing (xor)",
	.id		= NBOND_MODE_XOR,
	.xmit		= nbond_xmit_hash,
	.xmit_to	= nbond_xmit_to,
	.xdp_pick	= nbond_xdp_pick_hash,
	.hashes		= nbond_hashes_always,
	.rx_accept	= nbond_rx_accept_all,
	.port_eligible	= nbond_port_usable,
	.port_role	= nbond_role_active,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_HASH,
};
