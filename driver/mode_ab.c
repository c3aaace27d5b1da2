// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: active-backup. One port, the active one, carries all traffic and
 * the bond's addresses; the others receive nothing unless
 * all_slaves_active is set. mode.c chooses the active port.
 */
#include "nbond.h"

static netdev_tx_t nbond_ab_xmit(struct nbond *bond, struct sk_buff *skb,
				 struct nbond_port_array *ports)
{
	return nbond_xmit_to(bond, ports->ports[0], skb);
}

/* XDP: the usable-port array holds the active port alone. */
static u32 nbond_ab_xdp_pick(struct nbond *bond, const u8 *data, u32 len,
			     bool whole, u32 count)
{
	return 0;
}

const struct nbond_mode_ops nbond_mode_ab = {
	.name		= "active-backup",
	.bonding_name	= "fault-tolerance (active-backup)",
	.bonding_shows_fom = true,
	.id		= NBOND_MODE_AB,
	.xmit		= nbond_ab_xmit,
	.xmit_to	= nbond_xmit_to,
	.xdp_pick	= nbond_ab_xdp_pick,
	.rx_accept	= nbond_rx_accept_active,
	.port_eligible	= nbond_port_usable,
	.port_role	= nbond_role_active,
	.active_only	= true,
	.has_active	= true,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_ACTIVEBACKUP,
};
