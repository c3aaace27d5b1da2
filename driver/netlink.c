// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: the IFLA_BOND_* and IFLA_BOND_SLAVE_* attributes, typed and
 * reported exactly as the kernel's bonding driver does, so that iproute2
 * and other tools read and write them unchanged.
 */
#include <linux/if_link.h>
#include <net/netlink.h>

#include "nbond.h"

/* Not const: 6.1's nla_policy takes a plain pointer. */
static struct netlink_range_validation nbond_pps_range = {
	.max = U16_MAX,
};

static struct netlink_range_validation nbond_delay_range = {
	.max = 300000,
};

/*
 * Bounds that hold in every mode are checked here; the rules between
 * options, and the named values' messages, in options.c.
 */
const struct nla_policy nbond_nl_policy[IFLA_BOND_MAX + 1] = {
	[IFLA_BOND_MODE]		= NLA_POLICY_MAX(NLA_U8, NBOND_MODE_ALB),
	[IFLA_BOND_ACTIVE_SLAVE]	= { .type = NLA_U32 },
	[IFLA_BOND_MIIMON]		= { .type = NLA_U32 },
	[IFLA_BOND_UPDELAY]		= { .type = NLA_U32 },
	[IFLA_BOND_DOWNDELAY]		= { .type = NLA_U32 },
	[IFLA_BOND_USE_CARRIER]		= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_BOND_ARP_INTERVAL]	= { .type = NLA_U32 },
	[IFLA_BOND_ARP_IP_TARGET]	= { .type = NLA_NESTED },
	[IFLA_BOND_ARP_VALIDATE]	= NLA_POLICY_MAX(NLA_U32, 6),
	[IFLA_BOND_ARP_ALL_TARGETS]	= NLA_POLICY_MAX(NLA_U32, 1),
	[IFLA_BOND_PRIMARY]		= { .type = NLA_U32 },
	[IFLA_BOND_PRIMARY_RESELECT]	= NLA_POLICY_MAX(NLA_U8, 2),
	[IFLA_BOND_FAIL_OVER_MAC]	= NLA_POLICY_MAX(NLA_U8, 2),
	[IFLA_BOND_XMIT_HASH_POLICY]	= NLA_POLICY_MAX(NLA_U8, 5),
	[IFLA_BOND_RESEND_IGMP]		= NLA_POLICY_MAX(NLA_U32, 255),
	[IFLA_BOND_NUM_PEER_NOTIF]	= { .type = NLA_U8 },
	[IFLA_BOND_ALL_SLAVES_ACTIVE]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_BOND_MIN_LINKS]		= { .type = NLA_U32 },
	[IFLA_BOND_LP_INTERVAL]		= { .type = NLA_U32 },
	[IFLA_BOND_PACKETS_PER_SLAVE]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &nbond_pps_range),
	[IFLA_BOND_AD_LACP_ACTIVE]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_BOND_AD_LACP_RATE]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_BOND_AD_SELECT]		= NLA_POLICY_MAX(NLA_U8, 2),
	[IFLA_BOND_AD_INFO]		= { .type = NLA_NESTED },
	[IFLA_BOND_AD_ACTOR_SYS_PRIO]	= NLA_POLICY_MIN(NLA_U16, 1),
	[IFLA_BOND_AD_USER_PORT_KEY]	= NLA_POLICY_MAX(NLA_U16, 1023),
	[IFLA_BOND_AD_ACTOR_SYSTEM]	= { .type = NLA_BINARY,
					    .len = ETH_ALEN },
	[IFLA_BOND_TLB_DYNAMIC_LB]	= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_BOND_PEER_NOTIF_DELAY]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &nbond_delay_range),
	[IFLA_BOND_MISSED_MAX]		= NLA_POLICY_MIN(NLA_U8, 1),
	[IFLA_BOND_NS_IP6_TARGET]	= { .type = NLA_NESTED },
#ifdef HAVE_IFLA_BOND_COUPLED_CONTROL
	[IFLA_BOND_COUPLED_CONTROL]	= NLA_POLICY_MAX(NLA_U8, 1),
#endif
};

const struct nla_policy nbond_port_nl_policy[IFLA_BOND_SLAVE_MAX + 1] = {
	[IFLA_BOND_SLAVE_QUEUE_ID]	= { .type = NLA_U16 },
	[IFLA_BOND_SLAVE_PRIO]		= { .type = NLA_S32 },
	[IFLA_BOND_SLAVE_ACTOR_PORT_PRIO] = { .type = NLA_U16 },
};

size_t nbond_nl_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u8)) * 13 +	/* u8 attributes */
	       nla_total_size(sizeof(u32)) * 13 +	/* u32 attributes */
	       nla_total_size(sizeof(u16)) * 2 +	/* u16 attributes */
	       nla_total_size(ETH_ALEN) +		/* AD_ACTOR_SYSTEM */
	       nla_total_size(0) +			/* AD_INFO */
	       nla_total_size(sizeof(u16)) * 4 +
	       nla_total_size(ETH_ALEN) +
	       nla_total_size(0) * 2 +			/* target nests */
	       nla_total_size(sizeof(__be32)) * NBOND_MAX_TARGETS +
	       nla_total_size(sizeof(struct in6_addr)) * NBOND_MAX_TARGETS;
}

/* The active aggregator, as bonding.ko reports it. */
static int nbond_nl_fill_ad_info(struct sk_buff *skb,
				 const struct nbond_port *port)
{
	struct nlattr *nest = nla_nest_start_noflag(skb, IFLA_BOND_AD_INFO);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, IFLA_BOND_AD_INFO_AGGREGATOR,
			port->lacp.aggregator) ||
	    nla_put_u16(skb, IFLA_BOND_AD_INFO_NUM_PORTS,
			nbond_lacp_agg_ports(port)) ||
	    nla_put_u16(skb, IFLA_BOND_AD_INFO_ACTOR_KEY,
			port->lacp.actor.key) ||
	    nla_put_u16(skb, IFLA_BOND_AD_INFO_PARTNER_KEY,
			port->lacp.partner.key) ||
	    nla_put(skb, IFLA_BOND_AD_INFO_PARTNER_MAC, ETH_ALEN,
		    port->lacp.partner.system)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * 802.3ad only: the actor's system options (to CAP_NET_ADMIN only, as
 * bonding.ko does) and the active aggregator, when there is one.
 */
static int nbond_nl_fill_ad(struct sk_buff *skb, const struct nbond *bond)
{
	const struct nbond_params *p = &bond->params;
	const struct nbond_port *agg = nbond_lacp_active_agg(bond);

	if (capable(CAP_NET_ADMIN) &&
	    (nla_put_u16(skb, IFLA_BOND_AD_ACTOR_SYS_PRIO,
			 p->ad_actor_sys_prio) ||
	     nla_put_u16(skb, IFLA_BOND_AD_USER_PORT_KEY,
			 p->ad_user_port_key) ||
	     nla_put(skb, IFLA_BOND_AD_ACTOR_SYSTEM, ETH_ALEN,
		     p->ad_actor_system)))
		return -EMSGSIZE;
	if (agg && nbond_nl_fill_ad_info(skb, agg))
		return -EMSGSIZE;
	return 0;
}

/* The monitor targets, each list as a nest indexed from 0, if not empty. */
static int nbond_nl_fill_targets(struct sk_buff *skb,
				 const struct nbond_params *p)
{
	unsigned int i, n4 = nbond_arp_count(p), n6 = nbond_ns_count(p);
	struct nlattr *nest;

	if (n4) {
		nest = nla_nest_start_noflag(skb, IFLA_BOND_ARP_IP_TARGET);
		if (!nest)
			return -EMSGSIZE;
		for (i = 0; i < n4; i++)
			if (nla_put_be32(skb, i, p->arp_targets[i]))
				goto cancel;
		nla_nest_end(skb, nest);
	}
	if (IS_ENABLED(CONFIG_IPV6) && n6) {
		nest = nla_nest_start_noflag(skb, IFLA_BOND_NS_IP6_TARGET);
		if (!nest)
			return -EMSGSIZE;
		for (i = 0; i < n6; i++)
			if (nla_put_in6_addr(skb, i, &p->ns_targets[i]))
				goto cancel;
		nla_nest_end(skb, nest);
	}
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

int nbond_nl_fill(struct sk_buff *skb, const struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);
	const struct nbond_params *p = &bond->params;
	struct nbond_port *active, *primary = NULL;

	active = nbond_active_rtnl(bond);
	if (p->primary[0])
		primary = nbond_port_by_name(bond, p->primary);

	if (nla_put_u8(skb, IFLA_BOND_MODE, p->mode) ||
	    (active &&
	     nla_put_u32(skb, IFLA_BOND_ACTIVE_SLAVE, active->dev->ifindex)) ||
	    nla_put_u32(skb, IFLA_BOND_MIIMON, p->miimon) ||
	    nla_put_u32(skb, IFLA_BOND_UPDELAY, p->updelay) ||
	    nla_put_u32(skb, IFLA_BOND_DOWNDELAY, p->downdelay) ||
	    nla_put_u32(skb, IFLA_BOND_PEER_NOTIF_DELAY, p->peer_notif_delay) ||
	    nla_put_u8(skb, IFLA_BOND_USE_CARRIER, p->use_carrier) ||
	    nla_put_u32(skb, IFLA_BOND_ARP_INTERVAL, p->arp_interval) ||
	    nla_put_u32(skb, IFLA_BOND_ARP_VALIDATE, p->arp_validate) ||
	    nla_put_u32(skb, IFLA_BOND_ARP_ALL_TARGETS, p->arp_all_targets) ||
	    (primary &&
	     nla_put_u32(skb, IFLA_BOND_PRIMARY, primary->dev->ifindex)) ||
	    nla_put_u8(skb, IFLA_BOND_PRIMARY_RESELECT, p->primary_reselect) ||
	    nla_put_u8(skb, IFLA_BOND_FAIL_OVER_MAC, p->fail_over_mac) ||
	    nla_put_u8(skb, IFLA_BOND_XMIT_HASH_POLICY, p->xmit_policy) ||
	    nla_put_u32(skb, IFLA_BOND_RESEND_IGMP, p->resend_igmp) ||
	    nla_put_u8(skb, IFLA_BOND_NUM_PEER_NOTIF, p->num_peer_notif) ||
	    nla_put_u8(skb, IFLA_BOND_ALL_SLAVES_ACTIVE,
		       p->all_slaves_active) ||
	    nla_put_u32(skb, IFLA_BOND_MIN_LINKS, p->min_links) ||
	    nla_put_u32(skb, IFLA_BOND_LP_INTERVAL, p->lp_interval) ||
	    nla_put_u32(skb, IFLA_BOND_PACKETS_PER_SLAVE,
			p->packets_per_slave) ||
	    nla_put_u8(skb, IFLA_BOND_AD_LACP_ACTIVE, p->lacp_active) ||
	    nla_put_u8(skb, IFLA_BOND_AD_LACP_RATE, p->lacp_rate) ||
	    nla_put_u8(skb, IFLA_BOND_AD_SELECT, p->ad_select) ||
	    nla_put_u8(skb, IFLA_BOND_TLB_DYNAMIC_LB, p->tlb_dynamic_lb) ||
	    nla_put_u8(skb, IFLA_BOND_MISSED_MAX, p->arp_missed_max) ||
	    nbond_nl_fill_targets(skb, p))
		return -EMSGSIZE;
#ifdef HAVE_IFLA_BOND_COUPLED_CONTROL
	if (nla_put_u8(skb, IFLA_BOND_COUPLED_CONTROL, p->coupled_control))
		return -EMSGSIZE;
#endif
	if (bond->mode->lacp)
		return nbond_nl_fill_ad(skb, bond);
	return 0;
}

size_t nbond_port_nl_size(const struct net_device *bond_dev,
			  const struct net_device *port_dev)
{
	return nla_total_size(sizeof(u8)) * 2 +	/* STATE, MII_STATUS */
	       nla_total_size(sizeof(u32)) +	/* LINK_FAILURE_COUNT */
	       nla_total_size(MAX_ADDR_LEN) +	/* PERM_HWADDR */
	       nla_total_size(sizeof(u16)) +	/* QUEUE_ID */
	       nla_total_size(sizeof(s32)) +	/* PRIO */
	       nla_total_size(sizeof(u16)) +	/* ACTOR_PORT_PRIO */
	       nla_total_size(sizeof(u16)) * 2 +	/* AD_AGGREGATOR_ID, */
	       nla_total_size(sizeof(u8)) +	/* AD_*_OPER_PORT_STATE */
	       nla_total_size(sizeof(u8)) * 2;	/* AD_CHURN_*_STATE */
}

int nbond_port_nl_fill(struct sk_buff *skb, const struct net_device *bond_dev,
		       const struct net_device *port_dev)
{
	const struct nbond_port *port = nbond_port_rtnl(port_dev);

	if (nla_put_u8(skb, IFLA_BOND_SLAVE_STATE, nbond_port_state(port)) ||
	    nla_put_u8(skb, IFLA_BOND_SLAVE_MII_STATUS, port->link) ||
	    nla_put_u32(skb, IFLA_BOND_SLAVE_LINK_FAILURE_COUNT,
			port->link_failure_count) ||
	    nla_put(skb, IFLA_BOND_SLAVE_PERM_HWADDR, port_dev->addr_len,
		    port->perm_addr) ||
	    nla_put_u16(skb, IFLA_BOND_SLAVE_QUEUE_ID, port->queue_id) ||
	    nla_put_s32(skb, IFLA_BOND_SLAVE_PRIO, port->prio))
		return -EMSGSIZE;

	if (!port->bond->mode->lacp)
		return 0;
	if (nla_put_u16(skb, IFLA_BOND_SLAVE_ACTOR_PORT_PRIO,
			port->ad_port_prio))
		return -EMSGSIZE;

	/* The port's aggregator and states, once it has one. */
	if (!port->lacp.aggregator)
		return 0;
	if (nla_put_u16(skb, IFLA_BOND_SLAVE_AD_AGGREGATOR_ID,
			port->lacp.aggregator) ||
	    nla_put_u8(skb, IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE,
		       port->lacp.actor.state) ||
	    nla_put_u16(skb, IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE,
			port->lacp.partner.state) ||
	    nla_put_u8(skb, IFLA_BOND_SLAVE_AD_CHURN_ACTOR_STATE,
		       port->lacp.actor_churn) ||
	    nla_put_u8(skb, IFLA_BOND_SLAVE_AD_CHURN_PARTNER_STATE,
		       port->lacp.partner_churn))
		return -EMSGSIZE;
	return 0;
}
