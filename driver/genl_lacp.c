// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: the 802.3ad half of the "nbond" family. The LACP agent attaches
 * to a bond (NBOND_CMD_AGENT) and sets, port by port, what it negotiated
 * (NBOND_CMD_LACP_SET); GET reports it back in NBOND_PORT_A_LACP. The
 * agent is detached when its netlink socket closes: the bond then reports
 * no agent, and its ports leave their aggregates at link loss or at their
 * partner's timeout (mode_8023ad.c).
 */
#include <linux/netlink.h>

#include "nbond.h"
#include "nbond_genl.h"

static const struct nla_policy
nbond_lacp_info_policy[NBOND_LACP_INFO_A_MAX + 1] = {
	[NBOND_LACP_INFO_A_SYSTEM_PRIO]	= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_SYSTEM]	= NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[NBOND_LACP_INFO_A_KEY]		= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_PORT_PRIO]	= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_PORT]	= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_STATE]	= { .type = NLA_U8 },
};

static const struct nla_policy
nbond_lacp_stats_policy[NBOND_LACP_STATS_A_MAX + 1] = {
	[NBOND_LACP_STATS_A_LACPDU_RX]		= { .type = NLA_U64 },
	[NBOND_LACP_STATS_A_LACPDU_TX]		= { .type = NLA_U64 },
	[NBOND_LACP_STATS_A_LACPDU_UNKNOWN_RX]	= { .type = NLA_U64 },
	[NBOND_LACP_STATS_A_LACPDU_ILLEGAL_RX]	= { .type = NLA_U64 },
	[NBOND_LACP_STATS_A_MARKER_RX]		= { .type = NLA_U64 },
	[NBOND_LACP_STATS_A_MARKER_TX]		= { .type = NLA_U64 },
	[NBOND_LACP_STATS_A_MARKER_RESP_RX]	= { .type = NLA_U64 },
	[NBOND_LACP_STATS_A_MARKER_RESP_TX]	= { .type = NLA_U64 },
	[NBOND_LACP_STATS_A_MARKER_UNKNOWN_RX]	= { .type = NLA_U64 },
};

const struct nla_policy nbond_lacp_policy[NBOND_LACP_A_MAX + 1] = {
	[NBOND_LACP_A_AGGREGATOR]	= { .type = NLA_U16 },
	[NBOND_LACP_A_SELECTED]		= NLA_POLICY_MAX(NLA_U8,
							 NBOND_LACP_STANDBY),
	[NBOND_LACP_A_COLLECTING]	= NLA_POLICY_MAX(NLA_U8, 1),
	[NBOND_LACP_A_DISTRIBUTING]	= NLA_POLICY_MAX(NLA_U8, 1),
	[NBOND_LACP_A_ACTOR]	= NLA_POLICY_NESTED(nbond_lacp_info_policy),
	[NBOND_LACP_A_PARTNER]	= NLA_POLICY_NESTED(nbond_lacp_info_policy),
	[NBOND_LACP_A_STATS]	= NLA_POLICY_NESTED(nbond_lacp_stats_policy),
	[NBOND_LACP_A_ACTOR_CHURN]	= NLA_POLICY_MAX(NLA_U8,
							 NBOND_LACP_CHURN_NONE),
	[NBOND_LACP_A_PARTNER_CHURN]	= NLA_POLICY_MAX(NLA_U8,
							 NBOND_LACP_CHURN_NONE),
	[NBOND_LACP_A_ACTOR_CHURNS]	= { .type = NLA_U32 },
	[NBOND_LACP_A_PARTNER_CHURNS]	= { .type = NLA_U32 },
};

/* ---- GET ----------------------------------------------------------------- */

static size_t nbond_genl_info_size(void)
{
	return nla_total_size(0) + nla_total_size(sizeof(u16)) * 4 +
	       nla_total_size(ETH_ALEN) + nla_total_size(sizeof(u8));
}

size_t nbond_genl_lacp_size(void)
{
	return nla_total_size(0) +
	       nla_total_size(sizeof(u16)) +		/* aggregator */
	       nla_total_size(sizeof(u8)) * 3 +	/* selected ... */
	       nbond_genl_info_size() * 2 +
	       nla_total_size(0) +
	       nla_total_size_64bit(sizeof(u64)) * NBOND_LACP_NSTATS +
	       nla_total_size(sizeof(u8)) * 2 +	/* churn states */
	       nla_total_size(sizeof(u32)) * 2;	/* churn counts */
}

/* @ids: with the system priority and id (see nbond_genl_may_see_ids()). */
static int nbond_put_lacp_info(struct sk_buff *skb, int attr,
			       const struct nbond_lacp_info *li, bool ids)
{
	struct nlattr *nest = nla_nest_start(skb, attr);

	if (!nest)
		return -EMSGSIZE;
	if ((ids &&
	     (nla_put_u16(skb, NBOND_LACP_INFO_A_SYSTEM_PRIO,
			  li->system_prio) ||
	      nla_put(skb, NBOND_LACP_INFO_A_SYSTEM, ETH_ALEN, li->system))) ||
	    nla_put_u16(skb, NBOND_LACP_INFO_A_KEY, li->key) ||
	    nla_put_u16(skb, NBOND_LACP_INFO_A_PORT_PRIO, li->port_prio) ||
	    nla_put_u16(skb, NBOND_LACP_INFO_A_PORT, li->port) ||
	    nla_put_u8(skb, NBOND_LACP_INFO_A_STATE, li->state)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int nbond_put_lacp_stats(struct sk_buff *skb,
				const struct nbond_lacp_port *lp)
{
	struct nlattr *nest = nla_nest_start(skb, NBOND_LACP_A_STATS);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < NBOND_LACP_NSTATS; i++) {
		if (nla_put_u64_64bit(skb, NBOND_LACP_STATS_A_LACPDU_RX + i,
				      lp->stats[i], NBOND_LACP_STATS_A_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* A port's LACP state; nothing outside 802.3ad. */
int nbond_genl_put_lacp(struct sk_buff *skb, const struct nbond_port *port,
			bool ids)
{
	const struct nbond_lacp_port *lp = &port->lacp;
	struct nlattr *nest;

	if (!port->bond->mode->lacp)
		return 0;
	nest = nla_nest_start(skb, NBOND_PORT_A_LACP);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u16(skb, NBOND_LACP_A_AGGREGATOR, lp->aggregator) ||
	    nla_put_u8(skb, NBOND_LACP_A_SELECTED, lp->selected) ||
	    nla_put_u8(skb, NBOND_LACP_A_COLLECTING, lp->collecting) ||
	    nla_put_u8(skb, NBOND_LACP_A_DISTRIBUTING, lp->distributing) ||
	    nbond_put_lacp_info(skb, NBOND_LACP_A_ACTOR, &lp->actor, ids) ||
	    nbond_put_lacp_info(skb, NBOND_LACP_A_PARTNER, &lp->partner,
				ids) ||
	    nbond_put_lacp_stats(skb, lp) ||
	    nla_put_u8(skb, NBOND_LACP_A_ACTOR_CHURN, lp->actor_churn) ||
	    nla_put_u8(skb, NBOND_LACP_A_PARTNER_CHURN, lp->partner_churn) ||
	    nla_put_u32(skb, NBOND_LACP_A_ACTOR_CHURNS, lp->actor_churns) ||
	    nla_put_u32(skb, NBOND_LACP_A_PARTNER_CHURNS, lp->partner_churns)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* ---- LACP_SET ------------------------------------------------------------ */

static void nbond_get_lacp_info(struct nbond_lacp_info *li,
				const struct nlattr *nla)
{
	struct nlattr *tb[NBOND_LACP_INFO_A_MAX + 1];

	/* Validated with the request's policy already. */
	if (nla_parse_nested(tb, NBOND_LACP_INFO_A_MAX, nla,
			     nbond_lacp_info_policy, NULL))
		return;
	/*
	 * Readers (/proc, sysfs) take no lock: one field each; a system id
	 * read meanwhile may mix two (it is only shown).
	 */
	if (tb[NBOND_LACP_INFO_A_SYSTEM_PRIO])
		WRITE_ONCE(li->system_prio,
			   nla_get_u16(tb[NBOND_LACP_INFO_A_SYSTEM_PRIO]));
	if (tb[NBOND_LACP_INFO_A_SYSTEM])
		nla_memcpy(li->system, tb[NBOND_LACP_INFO_A_SYSTEM], ETH_ALEN);
	if (tb[NBOND_LACP_INFO_A_KEY])
		WRITE_ONCE(li->key, nla_get_u16(tb[NBOND_LACP_INFO_A_KEY]));
	if (tb[NBOND_LACP_INFO_A_PORT_PRIO])
		WRITE_ONCE(li->port_prio,
			   nla_get_u16(tb[NBOND_LACP_INFO_A_PORT_PRIO]));
	if (tb[NBOND_LACP_INFO_A_PORT])
		WRITE_ONCE(li->port, nla_get_u16(tb[NBOND_LACP_INFO_A_PORT]));
	if (tb[NBOND_LACP_INFO_A_STATE])
		WRITE_ONCE(li->state, nla_get_u8(tb[NBOND_LACP_INFO_A_STATE]));
}

static void nbond_get_lacp_stats(struct nbond_lacp_port *lp,
				 const struct nlattr *nla)
{
	struct nlattr *tb[NBOND_LACP_STATS_A_MAX + 1];
	int i;

	if (nla_parse_nested(tb, NBOND_LACP_STATS_A_MAX, nla,
			     nbond_lacp_stats_policy, NULL))
		return;
	for (i = 0; i < NBOND_LACP_NSTATS; i++)
		if (tb[NBOND_LACP_STATS_A_LACPDU_RX + i])
			lp->stats[i] =
				nla_get_u64(tb[NBOND_LACP_STATS_A_LACPDU_RX + i]);
}

/*
 * What only shows, from @tb: actor and partner information, churn and
 * counters, written at once (readers take no lock). Under lacp_lock, so
 * that two requests do not mix. True if the actor's or the partner's
 * state changed: the bond reports that (nbond_refresh()).
 */
static bool nbond_lacp_set_shown(struct nbond_lacp_port *lp,
				 struct nlattr **tb)
{
	u8 actor = lp->actor.state, partner = lp->partner.state;

	if (tb[NBOND_LACP_A_ACTOR])
		nbond_get_lacp_info(&lp->actor, tb[NBOND_LACP_A_ACTOR]);
	if (tb[NBOND_LACP_A_PARTNER])
		nbond_get_lacp_info(&lp->partner, tb[NBOND_LACP_A_PARTNER]);
	if (tb[NBOND_LACP_A_STATS])
		nbond_get_lacp_stats(lp, tb[NBOND_LACP_A_STATS]);
	if (tb[NBOND_LACP_A_ACTOR_CHURN])
		WRITE_ONCE(lp->actor_churn,
			   nla_get_u8(tb[NBOND_LACP_A_ACTOR_CHURN]));
	if (tb[NBOND_LACP_A_PARTNER_CHURN])
		WRITE_ONCE(lp->partner_churn,
			   nla_get_u8(tb[NBOND_LACP_A_PARTNER_CHURN]));
	if (tb[NBOND_LACP_A_ACTOR_CHURNS])
		WRITE_ONCE(lp->actor_churns,
			   nla_get_u32(tb[NBOND_LACP_A_ACTOR_CHURNS]));
	if (tb[NBOND_LACP_A_PARTNER_CHURNS])
		WRITE_ONCE(lp->partner_churns,
			   nla_get_u32(tb[NBOND_LACP_A_PARTNER_CHURNS]));
	return lp->actor.state != actor || lp->partner.state != partner;
}

/*
 * What the data path uses, from @tb, into the port's lacp_next: on top
 * of a request still pending, or of the port's state. Under lacp_lock.
 * Collecting, which only the receive path reads, is in force at once:
 * before the agent's next LACPDU says so, as the mux machine orders it.
 * True if the bond has something to apply or to report.
 */
static bool nbond_lacp_set_next(struct nbond_port *port, struct nlattr **tb)
{
	struct nbond_lacp_next *next = &port->lacp_next;
	struct nbond_lacp_port *lp = &port->lacp;
	bool collecting = lp->collecting;

	/* lp's fields are written under lacp_lock too (or at port add). */
	if (!next->pending) {
		next->aggregator = lp->aggregator;
		next->selected = lp->selected;
		next->collecting = lp->collecting;
		next->distributing = lp->distributing;
	}
	if (tb[NBOND_LACP_A_AGGREGATOR])
		next->aggregator = nla_get_u16(tb[NBOND_LACP_A_AGGREGATOR]);
	if (tb[NBOND_LACP_A_SELECTED])
		next->selected = nla_get_u8(tb[NBOND_LACP_A_SELECTED]);
	if (tb[NBOND_LACP_A_COLLECTING]) {
		next->collecting = nla_get_u8(tb[NBOND_LACP_A_COLLECTING]);
		WRITE_ONCE(lp->collecting, next->collecting);
	}
	if (tb[NBOND_LACP_A_DISTRIBUTING])
		next->distributing = nla_get_u8(tb[NBOND_LACP_A_DISTRIBUTING]);
	next->pending = next->aggregator != lp->aggregator ||
			next->selected != lp->selected ||
			next->distributing != lp->distributing;
	return next->pending || lp->collecting != collecting;
}

/*
 * Apply what the agent set and the bond has not applied yet; true if the
 * bond is to be refreshed (nbond_refresh()): something changed since the
 * last call, applied here or only shown. RTNL.
 */
bool nbond_lacp_apply_pending(struct nbond *bond)
{
	struct nbond_lacp_next *next;
	struct nbond_lacp_port *lp;
	struct nbond_port *port;
	bool changed;

	spin_lock_bh(&bond->lacp_lock);
	changed = bond->lacp_refresh;
	bond->lacp_refresh = false;
	nbond_for_each_port(bond, port) {
		next = &port->lacp_next;
		if (!next->pending || !bond->mode->lacp)
			continue;
		/*
		 * Under the lock with the request: one that comes meanwhile
		 * builds on what is written here (nbond_lacp_set_next()).
		 * sysfs, /proc and the LACP_SET path read without RTNL.
		 */
		lp = &port->lacp;
		WRITE_ONCE(lp->aggregator, next->aggregator);
		WRITE_ONCE(lp->selected, next->selected);
		WRITE_ONCE(lp->collecting, next->collecting);
		WRITE_ONCE(lp->distributing, next->distributing);
		next->pending = false;
		changed = true;
	}
	spin_unlock_bh(&bond->lacp_lock);
	return changed;
}

/*
 * The bond that a LACP_SET left with state to apply, held until it is
 * applied: once per bond and request, after every port of it was taken,
 * so that a batch changes the bond at once and RTNL is tried once.
 */
struct nbond_lacp_apply {
	struct nbond *bond;
	netdevice_tracker tracker;
};

/*
 * Apply what @ap holds now if RTNL is free, else by the bond's LACP work
 * as soon as it is (in order: a later request adds to a pending one).
 */
static void nbond_lacp_apply_flush(struct nbond_lacp_apply *ap)
{
	struct nbond *bond = ap->bond;

	if (!bond)
		return;
	if (rtnl_trylock()) {
		if (!bond->lacp_closed && nbond_lacp_apply_pending(bond))
			nbond_refresh(bond, NBOND_CAUSE_LACP);
		rtnl_unlock();
	} else {
		nbond_lacp_kick(bond);
	}
	netdev_put(bond->dev, &ap->tracker);
	ap->bond = NULL;
}

/*
 * One port's LACP state from NBOND_CMD_LACP_SET, @nla its NBOND_A_PORT
 * (validated by the command's policy). It does not wait for RTNL: the
 * agent's LACPDUs would wait with it. What only shows is written at once;
 * what the data path uses is left for nbond_lacp_apply_flush(), with the
 * port's bond in @ap.
 */
static int nbond_lacp_set_port(struct genl_info *info,
			       const struct nlattr *nla,
			       struct nbond_lacp_apply *ap)
{
	struct nlattr *ptb[NBOND_PORT_A_MAX + 1];
	struct nlattr *tb[NBOND_LACP_A_MAX + 1];
	netdevice_tracker tracker;
	struct nbond_port *port;
	bool refresh = false;
	struct nbond *bond;
	int err;

	err = nla_parse_nested(ptb, NBOND_PORT_A_MAX, nla, nbond_port_policy,
			       info->extack);
	if (err)
		return err;
	if (!ptb[NBOND_PORT_A_LACP]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla, "no LACP state given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, NBOND_LACP_A_MAX, ptb[NBOND_PORT_A_LACP],
			       nbond_lacp_policy, info->extack);
	if (err)
		return err;

	rcu_read_lock();
	port = nbond_genl_port(info, ptb, true);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out_unlock;
	}
	bond = port->bond;
	/* The mode changes only while the bond has no port. */
	if (!bond->mode->lacp) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "the port's bond is not in 802.3ad mode");
		err = -EINVAL;
		goto out_unlock;
	}
	/* The agent changes under the lock: no request lands after a takeover. */
	spin_lock_bh(&bond->lacp_lock);
	if (info->snd_portid == bond->lacp_agent) {
		refresh = nbond_lacp_set_shown(&port->lacp, tb);
		refresh |= nbond_lacp_set_next(port, tb);
		refresh &= !bond->lacp_closed;
		bond->lacp_refresh |= refresh;
	} else {
		err = -EPERM;
	}
	spin_unlock_bh(&bond->lacp_lock);
	if (err) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "only the bond's LACP agent sets LACP state");
		goto out_unlock;
	}
	/* Held under RCU: the flush of another bond comes after unlock. */
	refresh &= bond != ap->bond;
	if (refresh)
		netdev_hold(bond->dev, &tracker, GFP_ATOMIC);
	rcu_read_unlock();
	if (refresh) {
		nbond_lacp_apply_flush(ap);
		ap->bond = bond;
		ap->tracker = tracker;
	}
	return 0;

out_unlock:
	rcu_read_unlock();
	return err;
}

/*
 * NBOND_CMD_LACP_SET, from the bond's agent: one port (NBOND_A_PORT), or
 * several in one message (NBOND_A_PORTS, every one validated by the
 * policy before any is taken), as the agent sends the ports' counters
 * each second. Several are taken in order; the first refused one ends
 * the request, those before it are applied.
 */
int nbond_cmd_lacp_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *ports = info->attrs[NBOND_A_PORTS];
	struct nbond_lacp_apply ap = {};
	struct nlattr *nla;
	int rem, err = 0;

	if (info->attrs[NBOND_A_PORT] && ports) {
		NL_SET_ERR_MSG_ATTR(info->extack, ports,
				    "one port or a list of ports, not both");
		return -EINVAL;
	}
	if (info->attrs[NBOND_A_PORT]) {
		err = nbond_lacp_set_port(info, info->attrs[NBOND_A_PORT],
					  &ap);
		goto out;
	}
	if (!ports || !nla_len(ports)) {
		GENL_SET_ERR_MSG(info, "no port given (NBOND_A_PORT or NBOND_A_PORTS)");
		return -EINVAL;
	}
	nla_for_each_nested(nla, ports, rem) {
		err = nbond_lacp_set_port(info, nla, &ap);
		if (err)
			break;
		cond_resched();
	}
out:
	nbond_lacp_apply_flush(&ap);
	return err;
}

/* ---- the agent ----------------------------------------------------------- */

/*
 * One agent a bond: a second one would fight the first over every port.
 * A restart does not need the takeover flag (the old agent's socket is
 * closed, which detaches it); a tool that means to replace a live agent
 * says so.
 */
int nbond_cmd_agent(struct sk_buff *skb, struct genl_info *info)
{
	u32 portid = info->snd_portid;
	struct nbond *bond;
	int err = 0;
	u32 agent;

	rtnl_lock();
	bond = nbond_genl_bond(info);
	if (IS_ERR(bond)) {
		err = PTR_ERR(bond);
		goto out;
	}
	/* Under lacp_lock: the release notifier and LACP_SET take no RTNL. */
	spin_lock_bh(&bond->lacp_lock);
	agent = bond->lacp_agent;
	if (agent && agent != portid &&
	    !nla_get_flag(info->attrs[NBOND_A_AGENT_TAKEOVER]))
		err = -EBUSY;
	else
		WRITE_ONCE(bond->lacp_agent, portid);
	spin_unlock_bh(&bond->lacp_lock);
	if (err)
		GENL_SET_ERR_MSG(info, "another LACP agent is attached to the bond");
	else if (agent && agent != portid)
		netdev_info(bond->dev, "LACP agent netlink port %u takes over from %u\n",
			    portid, agent);
	else if (!agent)
		netdev_info(bond->dev, "LACP agent attached (netlink port %u)\n",
			    portid);
out:
	rtnl_unlock();
	return err;
}

/*
 * A generic netlink socket closed: detach it from the bonds it was the
 * agent of. Called in process context, maybe under locks of the socket
 * layer, so no RTNL: the bonds are walked under RCU, and lacp_agent is
 * tested and cleared under the bond's lacp_lock (an AGENT in between may
 * have given the bond to another socket).
 */
static int nbond_agent_release(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct netlink_notify *n = ptr;
	struct net_device *dev;
	struct nbond *bond;
	bool mine;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC ||
	    !n->portid)
		return NOTIFY_DONE;

	rcu_read_lock();
	for_each_netdev_rcu(n->net, dev) {
		if (!nbond_is_nbond(dev))
			continue;
		bond = netdev_priv(dev);
		spin_lock_bh(&bond->lacp_lock);
		mine = bond->lacp_agent == n->portid;
		if (mine)
			WRITE_ONCE(bond->lacp_agent, 0);
		spin_unlock_bh(&bond->lacp_lock);
		if (!mine)
			continue;
		nbond_lacp_agent_gone(bond);
		netdev_info(dev, "LACP agent gone: its ports leave their aggregates at link loss or at their partner's timeout\n");
	}
	rcu_read_unlock();
	return NOTIFY_DONE;
}

static struct notifier_block nbond_agent_nb = {
	.notifier_call = nbond_agent_release,
};

int nbond_agent_watch(void)
{
	return netlink_register_notifier(&nbond_agent_nb);
}

void nbond_agent_unwatch(void)
{
	netlink_unregister_notifier(&nbond_agent_nb);
}
