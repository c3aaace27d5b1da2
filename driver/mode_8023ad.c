// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: 802.3ad. The driver runs no LACP. An agent in userspace (lacpd)
 * negotiates with the partner and tells the driver, port by port, which
 * aggregator the port is in, whether it is selected, collecting and
 * distributing (NBOND_CMD_LACP_SET, genl.c). The bond transmits over the
 * distributing ports whose link is up, by xmit_hash_policy, and accepts
 * frames only from collecting ports; its carrier needs min_links of them.
 *
 * Slow-protocol frames go to exact delivery (port.c), where the agent's
 * packet sockets read them; their group address is on every port's
 * multicast list while the port is in an 802.3ad bond that is up, as
 * bonding.ko has it. If the agent goes away, the ports keep their last
 * state until their link goes down or their partner's timeout passes
 * (below); with no agent ever, no port distributes.
 */
#include <linux/if_bonding.h>
#include <linux/seq_file.h>

#include "nbond.h"

const u8 nbond_slow_proto_addr[ETH_ALEN] __aligned(2) = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x02
};

static bool nbond_lacp_rx_accept(const struct nbond *bond,
				 const struct nbond_port *port,
				 const struct sk_buff *skb)
{
	return READ_ONCE(port->lacp.collecting);
}

static bool nbond_lacp_eligible(const struct nbond_port *port)
{
	return nbond_port_usable(port) && port->lacp.distributing;
}

/* ---- without an agent ----------------------------------------------------- */

#define NBOND_LACP_STATE_TIMEOUT	BIT(1)	/* LACP_Timeout: short */

/*
 * Without an agent nobody speaks LACP for the bond. A port's partner
 * takes the port out of its aggregate when the link goes down, and when
 * our LACPDUs have stopped for longer than its own timeout (its
 * LACP_Timeout bit: 3 s short, 90 s long; 802.1AX current_while). Our
 * last LACPDU may have left one periodic interval before the agent did
 * (1 s when the partner asks for short timeouts, 30 s for long ones), so
 * the driver takes the port out that much earlier: 2 s or 60 s after the
 * agent left. It never sends into a partner that has let the port go; an
 * agent that attaches later negotiates the port afresh.
 */
static u64 nbond_lacp_partner_timeout_ns(const struct nbond_port *port)
{
	bool short_timeout = READ_ONCE(port->lacp.partner.state) &
			     NBOND_LACP_STATE_TIMEOUT;

	return (short_timeout ? 3 - 1 : 90 - 30) * NSEC_PER_SEC;
}

/* Take @port out of its aggregate; true if it was in one. RTNL. */
static bool nbond_lacp_orphan(struct nbond_port *port, const char *why)
{
	struct nbond_lacp_port *lp = &port->lacp;
	struct nbond *bond = port->bond;
	bool in;

	spin_lock_bh(&bond->lacp_lock);
	/* What the agent asked for and the bond did not apply goes too. */
	port->lacp_next.pending = false;
	in = lp->aggregator || lp->collecting || lp->distributing;
	if (in) {
		WRITE_ONCE(lp->aggregator, 0);
		WRITE_ONCE(lp->selected, NBOND_LACP_UNSELECTED);
		WRITE_ONCE(lp->collecting, false);
		WRITE_ONCE(lp->distributing, false);
	}
	spin_unlock_bh(&bond->lacp_lock);
	if (!in)
		return false;
	netdev_info(port->bond->dev,
		    "port %s: %s with no LACP agent: out of its aggregate\n",
		    port->dev->name, why);
	return true;
}

static void nbond_lacp_link_down(struct nbond_port *port)
{
	if (!READ_ONCE(port->bond->lacp_agent))
		nbond_lacp_orphan(port, "link down");
}

static void nbond_lacp_work(struct work_struct *work)
{
	struct nbond *bond = container_of(to_delayed_work(work), struct nbond,
					  lacp_work);
	u64 now = ktime_get_ns(), next = U64_MAX, gone, until;
	struct nbond_port *port;
	bool changed;

	if (!rtnl_trylock()) {
		queue_delayed_work(system_power_efficient_wq, &bond->lacp_work,
				   1);
		return;
	}
	changed = nbond_lacp_apply_pending(bond);
	gone = READ_ONCE(bond->lacp_agent_gone_ns);
	if (!bond->mode->lacp || READ_ONCE(bond->lacp_agent) || !gone)
		goto out;
	nbond_for_each_port(bond, port) {
		if (!port->lacp.aggregator && !port->lacp.distributing)
			continue;
		until = gone + nbond_lacp_partner_timeout_ns(port);
		if (now >= until)
			changed |= nbond_lacp_orphan(port, "the partner's timeout");
		else
			next = min(next, until);
	}
	if (next != U64_MAX)
		queue_delayed_work(system_power_efficient_wq, &bond->lacp_work,
				   nsecs_to_jiffies(next - now) + 1);
out:
	if (changed)
		nbond_refresh(bond, NBOND_CAUSE_LACP);
	rtnl_unlock();
}

void nbond_lacp_init(struct nbond *bond)
{
	spin_lock_init(&bond->lacp_lock);
	INIT_DELAYED_WORK(&bond->lacp_work, nbond_lacp_work);
}

/* Run the LACP work now (any context). */
void nbond_lacp_kick(struct nbond *bond)
{
	spin_lock_bh(&bond->lacp_lock);
	if (!bond->lacp_closed)
		mod_delayed_work(system_power_efficient_wq, &bond->lacp_work,
				 0);
	spin_unlock_bh(&bond->lacp_lock);
}

/*
 * The bond is going away (RTNL). Once lacp_closed is set, neither the
 * agent's release notifier nor an LACP_SET that still finds one of its
 * ports queues the work again (nbond_lacp_kick()).
 */
void nbond_lacp_uninit(struct nbond *bond)
{
	spin_lock_bh(&bond->lacp_lock);
	bond->lacp_closed = true;
	spin_unlock_bh(&bond->lacp_lock);
	cancel_delayed_work_sync(&bond->lacp_work);
}

/*
 * The agent's socket closed (the netlink notifier: no RTNL, under RCU).
 * The ports keep their state up to their partner's timeout, so that a
 * restarted agent takes them over without a break.
 */
void nbond_lacp_agent_gone(struct nbond *bond)
{
	WRITE_ONCE(bond->lacp_agent_gone_ns, ktime_get_ns());
	nbond_lacp_kick(bond);
}

/* Ports of the active aggregator are active; the others stand by. */
static u8 nbond_lacp_role(const struct nbond_port *port)
{
	return port->lacp.selected == NBOND_LACP_SELECTED ?
	       NBOND_ROLE_ACTIVE : NBOND_ROLE_BACKUP;
}

/* @port listens to slow protocols while its 802.3ad bond is up. RTNL. */
static int nbond_lacp_listen(struct nbond_port *port)
{
	int err;

	if (port->slow_joined)
		return 0;
	err = dev_mc_add(port->dev, nbond_slow_proto_addr);
	if (!err)
		port->slow_joined = true;
	return err;
}

static void nbond_lacp_unlisten(struct nbond_port *port)
{
	if (!port->slow_joined)
		return;
	dev_mc_del(port->dev, nbond_slow_proto_addr);
	port->slow_joined = false;
}

static void nbond_lacp_stop(struct nbond *bond)
{
	struct nbond_port *port;

	nbond_for_each_port(bond, port)
		nbond_lacp_unlisten(port);
}

static int nbond_lacp_open(struct nbond *bond)
{
	struct nbond_port *port;
	int err;

	if (!READ_ONCE(bond->lacp_agent))
		netdev_info(bond->dev,
			    "no LACP agent attached: no port distributes until one (lacpd) does\n");
	nbond_for_each_port(bond, port) {
		err = nbond_lacp_listen(port);
		if (err) {
			nbond_lacp_stop(bond);
			return err;
		}
	}
	return 0;
}

/* ---- what bonding.ko's status files show of 802.3ad (kind=bond) ---- */

/* The active aggregator, under RTNL or RCU: -ENOENT when there is none. */
static int nbond_lacp_ad_info(const struct nbond *bond,
			      struct nbond_ad_info *info)
{
	const struct nbond_port *agg = nbond_lacp_active_agg(bond);

	if (!agg)
		return -ENOENT;
	info->aggregator = READ_ONCE(agg->lacp.aggregator);
	info->ports = nbond_lacp_agg_ports(agg);
	info->actor_key = READ_ONCE(agg->lacp.actor.key);
	info->partner_key = READ_ONCE(agg->lacp.partner.key);
	memcpy(info->partner_system, agg->lacp.partner.system, ETH_ALEN);
	return 0;
}

static void nbond_lacp_bonding_show(struct seq_file *seq, struct nbond *bond)
{
	const struct nbond_params *p = &bond->params;
	struct nbond_ad_info info;

	seq_puts(seq, "\n802.3ad info\n");
	seq_printf(seq, "LACP active: %s\n", p->lacp_active ? "on" : "off");
	seq_printf(seq, "LACP rate: %s\n", p->lacp_rate ? "fast" : "slow");
	seq_printf(seq, "Min links: %u\n", p->min_links);
	seq_printf(seq, "Aggregator selection policy (ad_select): %s\n",
		   nbond_opt_value_name("ad_select", p->ad_select));
	if (!nbond_bonding_may_see_ids(seq))
		return;
	/* The system the bond negotiates as: its own address by default. */
	seq_printf(seq, "System priority: %u\n", p->ad_actor_sys_prio);
	seq_printf(seq, "System MAC address: %pM\n",
		   is_zero_ether_addr(p->ad_actor_system) ?
		   bond->dev->dev_addr : p->ad_actor_system);
	if (nbond_lacp_ad_info(bond, &info)) {
		seq_printf(seq, "bond %s has no active aggregator\n",
			   bond->dev->name);
		return;
	}
	seq_puts(seq, "Active Aggregator Info:\n");
	seq_printf(seq, "\tAggregator ID: %u\n", info.aggregator);
	seq_printf(seq, "\tNumber of ports: %u\n", info.ports);
	seq_printf(seq, "\tActor Key: %u\n", info.actor_key);
	seq_printf(seq, "\tPartner Key: %u\n", info.partner_key);
	seq_printf(seq, "\tPartner Mac Address: %pM\n", info.partner_system);
}

static const char *nbond_lacp_churn_name(u8 churn)
{
	static const char *const names[] = {
		[NBOND_LACP_CHURN_MONITOR] = "monitoring",
		[NBOND_LACP_CHURN_CHURNED] = "churned",
		[NBOND_LACP_CHURN_NONE] = "none",
	};

	return churn < ARRAY_SIZE(names) ? names[churn] : "unknown";
}

static void nbond_lacp_bonding_show_info(struct seq_file *seq,
					 const struct nbond_lacp_info *li,
					 const char *key)
{
	seq_printf(seq, "    system priority: %u\n", READ_ONCE(li->system_prio));
	seq_printf(seq, "    system mac address: %pM\n", li->system);
	seq_printf(seq, "    %s: %u\n", key, READ_ONCE(li->key));
	seq_printf(seq, "    port priority: %u\n", READ_ONCE(li->port_prio));
	seq_printf(seq, "    port number: %u\n", READ_ONCE(li->port));
	seq_printf(seq, "    port state: %u\n", READ_ONCE(li->state));
}

static void nbond_lacp_bonding_show_port(struct seq_file *seq,
					 struct nbond_port *port)
{
	const struct nbond_lacp_port *lp = &port->lacp;
	u16 agg = READ_ONCE(lp->aggregator);

	if (!agg) {
		seq_puts(seq, "Aggregator ID: N/A\n");
		return;
	}
	seq_printf(seq, "Aggregator ID: %u\n", agg);
	seq_printf(seq, "Actor Churn State: %s\n",
		   nbond_lacp_churn_name(READ_ONCE(lp->actor_churn)));
	seq_printf(seq, "Partner Churn State: %s\n",
		   nbond_lacp_churn_name(READ_ONCE(lp->partner_churn)));
	seq_printf(seq, "Actor Churned Count: %u\n",
		   READ_ONCE(lp->actor_churns));
	seq_printf(seq, "Partner Churned Count: %u\n",
		   READ_ONCE(lp->partner_churns));
	if (!nbond_bonding_may_see_ids(seq))
		return;
	seq_puts(seq, "details actor lacp pdu:\n");
	nbond_lacp_bonding_show_info(seq, &lp->actor, "port key");
	seq_puts(seq, "details partner lacp pdu:\n");
	nbond_lacp_bonding_show_info(seq, &lp->partner, "oper key");
}

const struct nbond_mode_ops nbond_mode_8023ad = {
	.name		= "802.3ad",
	.bonding_name	= "IEEE 802.3ad Dynamic link aggregation",
	.id		= NBOND_MODE_8023AD,
	.lacp		= true,
	.open		= nbond_lacp_open,
	.stop		= nbond_lacp_stop,
	.link_down	= nbond_lacp_link_down,
	.xmit		= nbond_xmit_hash,
	.xmit_to	= nbond_xmit_to,
	.xdp_pick	= nbond_xdp_pick_hash,
	.hashes		= nbond_hashes_always,
	.rx_accept	= nbond_lacp_rx_accept,
	.port_eligible	= nbond_lacp_eligible,
	.port_role	= nbond_lacp_role,
	.bonding_show	= nbond_lacp_bonding_show,
	.bonding_show_port = nbond_lacp_bonding_show_port,
	.ad_info	= nbond_lacp_ad_info,
	.uses_min_links	= true,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_HASH,
};

/*
 * A new port of an 802.3ad bond listens to slow protocols if the bond is
 * up. RTNL.
 */
int nbond_lacp_port_add(struct nbond_port *port)
{
	memset(&port->lacp, 0, sizeof(port->lacp));
	if (port->bond->params.mode != NBOND_MODE_8023AD ||
	    !netif_running(port->bond->dev))
		return 0;
	return nbond_lacp_listen(port);
}

void nbond_lacp_port_del(struct nbond_port *port)
{
	nbond_lacp_unlisten(port);
}

/*
 * A port of the active aggregator: the agent selects only the ports of
 * the aggregator it chose. NULL when there is none. RTNL or RCU.
 */
const struct nbond_port *nbond_lacp_active_agg(const struct nbond *bond)
{
	const struct nbond_port *port;

	if (READ_ONCE(bond->params.mode) != NBOND_MODE_8023AD)
		return NULL;
	list_for_each_entry_rcu(port, &bond->ports, list,
				lockdep_rtnl_is_held())
		if (READ_ONCE(port->lacp.selected) == NBOND_LACP_SELECTED &&
		    READ_ONCE(port->lacp.aggregator))
			return port;
	return NULL;
}

/* The number of ports in @port's aggregator. RTNL or RCU. */
unsigned int nbond_lacp_agg_ports(const struct nbond_port *port)
{
	u16 agg = READ_ONCE(port->lacp.aggregator);
	const struct nbond_port *other;
	unsigned int n = 0;

	list_for_each_entry_rcu(other, &port->bond->ports, list,
				lockdep_rtnl_is_held())
		if (READ_ONCE(other->lacp.aggregator) == agg)
			n++;
	return n;
}

/* ---- LINK_XSTATS_TYPE_BOND: the 3ad counters the agent reports ------- */

/* Our counter index to the kernel's BOND_3AD_STAT_* attribute. */
static const int nbond_3ad_stat_attr[NBOND_LACP_NSTATS] = {
	BOND_3AD_STAT_LACPDU_RX,
	BOND_3AD_STAT_LACPDU_TX,
	BOND_3AD_STAT_LACPDU_UNKNOWN_RX,
	BOND_3AD_STAT_LACPDU_ILLEGAL_RX,
	BOND_3AD_STAT_MARKER_RX,
	BOND_3AD_STAT_MARKER_TX,
	BOND_3AD_STAT_MARKER_RESP_RX,
	BOND_3AD_STAT_MARKER_RESP_TX,
	BOND_3AD_STAT_MARKER_UNKNOWN_RX,
};

/* The bond of @dev, a bond or one of its ports, when it is in 802.3ad. */
static struct nbond *nbond_xstats_bond(const struct net_device *dev,
				       const struct nbond_port **port)
{
	struct nbond *bond;

	*port = NULL;
	if (nbond_is_nbond(dev)) {
		bond = netdev_priv(dev);
	} else if (nbond_is_port(dev)) {
		*port = nbond_port_rtnl(dev);
		bond = (*port)->bond;
	} else {
		return NULL;
	}
	return bond->params.mode == NBOND_MODE_8023AD ? bond : NULL;
}

size_t nbond_lacp_xstats_size(const struct net_device *dev, int attr)
{
	return nla_total_size(0) + nla_total_size(0) +
	       nla_total_size_64bit(sizeof(u64)) * NBOND_LACP_NSTATS;
}

int nbond_lacp_xstats_fill(struct sk_buff *skb, const struct net_device *dev,
			   int *prividx, int attr)
{
	u64 sum[NBOND_LACP_NSTATS] = {};
	const struct nbond_port *port, *one;
	struct nlattr *bond_nest, *ad_nest;
	struct nbond *bond;
	int i;

	bond = nbond_xstats_bond(dev, &one);
	if (!bond)
		return 0;

	list_for_each_entry(port, &bond->ports, list) {
		if (one && port != one)
			continue;
		for (i = 0; i < NBOND_LACP_NSTATS; i++)
			sum[i] += port->lacp.stats[i];
	}

	bond_nest = nla_nest_start_noflag(skb, LINK_XSTATS_TYPE_BOND);
	if (!bond_nest)
		return -EMSGSIZE;
	ad_nest = nla_nest_start_noflag(skb, BOND_XSTATS_3AD);
	if (!ad_nest)
		goto err;
	for (i = 0; i < NBOND_LACP_NSTATS; i++)
		if (nla_put_u64_64bit(skb, nbond_3ad_stat_attr[i], sum[i],
				      BOND_3AD_STAT_PAD))
			goto err;
	nla_nest_end(skb, ad_nest);
	nla_nest_end(skb, bond_nest);
	return 0;
err:
	nla_nest_cancel(skb, bond_nest);
	return -EMSGSIZE;
}
