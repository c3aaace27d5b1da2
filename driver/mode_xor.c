// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: balance-xor. Each flow, as xmit_hash_policy defines it, stays on
 * one usable port; different flows spread over the ports.
 */
#include "nbond.h"

static netdev_tx_t nbond_xor_xmit(struct nbond *bond, struct sk_buff *skb,
				  struct nbond_port_array *ports)
{
	u32 hash = nbond_skb_hash(skb, READ_ONCE(bond->params.xmit_policy));

	return nbond_xmit_to(bond, ports->ports[hash % ports->count], skb);
}

static bool nbond_xor_rx_accept(const struct nbond *bond,
				const struct nbond_port *port)
{
	return true;
}

const struct nbond_mode_ops nbond_mode_xor = {
	.name		= "balance-xor",
	.xmit		= nbond_xor_xmit,
	.rx_accept	= nbond_xor_rx_accept,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_HASH,
};
