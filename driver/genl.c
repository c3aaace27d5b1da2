// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: the generic netlink family "nbond" (uapi/linux/nbond.h): bond and
 * port state for GET, the port admin state, prio and queue_id for
 * PORT_SET, nbond's own bond options for BOND_SET, and events to the
 * "events" multicast group (AGENT and LACP_SET: genl_lacp.c).
 *
 * Every handler takes RTNL itself (the family runs with parallel_ops), so
 * that it sees the bonds as the control plane leaves them; LACP_SET only
 * if it is free (genl_lacp.c).
 */
#include <linux/module.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nbond.h"
#include "nbond_genl.h"
#include "options.h"

enum nbond_mcgrp {
	NBOND_MCGRP_EVENTS,
	NBOND_MCGRP_AGENT,
};

const struct nla_policy nbond_port_policy[NBOND_PORT_A_MAX + 1] = {
	[NBOND_PORT_A_IFINDEX]	= { .type = NLA_U32 },
	[NBOND_PORT_A_IFNAME]	= { .type = NLA_NUL_STRING,
				    .len = IFNAMSIZ - 1 },
	[NBOND_PORT_A_ADMIN]	= NLA_POLICY_MAX(NLA_U8, NBOND_ADMIN_DOWN),
	[NBOND_PORT_A_PRIO]	= { .type = NLA_S32 },
	[NBOND_PORT_A_QUEUE_ID]	= { .type = NLA_U16 },
	[NBOND_PORT_A_AD_PRIO]	= { .type = NLA_U16 },
	[NBOND_PORT_A_LACP]	= NLA_POLICY_NESTED(nbond_lacp_policy),
};

/*
 * What each command takes: strict validation refuses anything else, so
 * that an attribute a command would ignore is an error, and a tool can
 * tell what the loaded module knows from the answer.
 */
#define NBOND_POLICY_BOND						\
	[NBOND_A_IFINDEX]	= { .type = NLA_U32 },			\
	[NBOND_A_IFNAME]	= { .type = NLA_NUL_STRING,		\
				    .len = IFNAMSIZ - 1 }

static const struct nla_policy nbond_get_policy[NBOND_A_MAX + 1] = {
	NBOND_POLICY_BOND,
};

static const struct nla_policy nbond_port_set_policy[NBOND_A_MAX + 1] = {
	[NBOND_A_PORT]		= NLA_POLICY_NESTED(nbond_port_policy),
};

static const struct nla_policy nbond_agent_policy[NBOND_A_MAX + 1] = {
	NBOND_POLICY_BOND,
	[NBOND_A_AGENT_TAKEOVER] = { .type = NLA_FLAG },
};

/* NBOND_A_PORTS: only NBOND_A_PORT inside, each checked as one alone. */
static const struct nla_policy nbond_ports_policy[NBOND_A_PORT + 1] = {
	[NBOND_A_PORT]		= NLA_POLICY_NESTED(nbond_port_policy),
};

static const struct nla_policy nbond_lacp_set_policy[NBOND_A_MAX + 1] = {
	[NBOND_A_PORT]		= NLA_POLICY_NESTED(nbond_port_policy),
	[NBOND_A_PORTS]		= NLA_POLICY_NESTED(nbond_ports_policy),
};

static const struct nla_policy nbond_bond_set_policy[NBOND_A_MAX + 1] = {
	NBOND_POLICY_BOND,
	[NBOND_A_LACP_FALLBACK]	= NLA_POLICY_MAX(NLA_U8,
						 NBOND_LACP_FALLBACK_STRICT),
};

static struct genl_family nbond_genl_family;

/* ---- sizes --------------------------------------------------------------- */

static size_t nbond_stats_size(void)
{
	return nla_total_size(0) +
	       nla_total_size_64bit(sizeof(u64)) * NBOND_STATS_A_MAX;
}

static size_t nbond_port_name_size(void)
{
	return nla_total_size(0) + nla_total_size(sizeof(u32)) +
	       nla_total_size(IFNAMSIZ);
}

static size_t nbond_port_size(void)
{
	return nbond_port_name_size() +
	       nla_total_size(sizeof(u8)) * 5 +		/* link ... duplex */
	       /* prio, speed, failures, link cause */
	       nla_total_size(sizeof(u32)) * 4 +
	       nla_total_size(sizeof(u16)) * 2 +	/* queue_id, ad_prio */
	       nla_total_size(MAX_ADDR_LEN) +
	       nla_total_size_64bit(sizeof(u64)) * 2 +
	       nbond_stats_size() +
	       nbond_genl_lacp_size();
}

static size_t nbond_bond_size(const struct nbond *bond)
{
	return nla_total_size(sizeof(u32)) * 3 +	/* ifindex, active, agent */
	       nla_total_size(IFNAMSIZ) + nla_total_size(MAX_ADDR_LEN) +
	       nla_total_size(0) + nbond_nl_size(bond->dev) +
	       nla_total_size(sizeof(u8)) * 2 +	/* carrier, fallback */
	       nla_total_size_64bit(sizeof(u64)) +	/* changed */
	       nbond_stats_size() +
	       nla_total_size(0) + nbond_port_size() * bond->port_count;
}

/* ---- filling ------------------------------------------------------------- */

static int nbond_put_stats(struct sk_buff *skb, int attr,
			   struct net_device *dev)
{
	struct rtnl_link_stats64 st;
	struct nlattr *nest;

	dev_get_stats(dev, &st);
	nest = nla_nest_start(skb, attr);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u64_64bit(skb, NBOND_STATS_A_RX_PACKETS, st.rx_packets,
			      NBOND_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, NBOND_STATS_A_TX_PACKETS, st.tx_packets,
			      NBOND_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, NBOND_STATS_A_RX_BYTES, st.rx_bytes,
			      NBOND_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, NBOND_STATS_A_TX_BYTES, st.tx_bytes,
			      NBOND_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, NBOND_STATS_A_RX_DROPPED, st.rx_dropped,
			      NBOND_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, NBOND_STATS_A_TX_DROPPED, st.tx_dropped,
			      NBOND_STATS_A_PAD) ||
	    nla_put_u64_64bit(skb, NBOND_STATS_A_RX_NOHANDLER,
			      st.rx_nohandler, NBOND_STATS_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* A port's name only, as events carry it. */
static int nbond_put_port_name(struct sk_buff *skb, int attr,
			       const struct nbond_port *port)
{
	struct nlattr *nest = nla_nest_start(skb, attr);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NBOND_PORT_A_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, NBOND_PORT_A_IFNAME, port->dev->name)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int nbond_put_port(struct sk_buff *skb, struct nbond_port *port,
			  bool ids)
{
	struct nlattr *nest = nla_nest_start(skb, NBOND_A_PORT);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NBOND_PORT_A_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, NBOND_PORT_A_IFNAME, port->dev->name) ||
	    nla_put_u8(skb, NBOND_PORT_A_LINK, port->link) ||
	    nla_put_u8(skb, NBOND_PORT_A_ROLE, port->role) ||
	    nla_put_u8(skb, NBOND_PORT_A_ADMIN, port->admin_down ?
			NBOND_ADMIN_DOWN : NBOND_ADMIN_UP) ||
	    nla_put_u8(skb, NBOND_PORT_A_USABLE,
		       port->bond->mode->port_eligible(port)) ||
	    nla_put_s32(skb, NBOND_PORT_A_PRIO, port->prio) ||
	    nla_put_u16(skb, NBOND_PORT_A_QUEUE_ID, port->queue_id) ||
	    nla_put_u16(skb, NBOND_PORT_A_AD_PRIO, port->ad_port_prio) ||
	    (port->link_cause &&
	     nla_put_u32(skb, NBOND_PORT_A_LINK_CAUSE, port->link_cause)) ||
	    nla_put_u32(skb, NBOND_PORT_A_SPEED, port->speed) ||
	    nla_put_u8(skb, NBOND_PORT_A_DUPLEX, port->duplex) ||
	    nla_put(skb, NBOND_PORT_A_PERM_HWADDR, port->dev->addr_len,
		    port->perm_addr) ||
	    nla_put_u32(skb, NBOND_PORT_A_LINK_FAILURES,
			port->link_failure_count) ||
	    nla_put_u64_64bit(skb, NBOND_PORT_A_LINK_CHANGED_NS,
			      port->link_changed_ns, NBOND_PORT_A_PAD) ||
	    nla_put_u64_64bit(skb, NBOND_PORT_A_ADDED_NS, port->added_ns,
			      NBOND_PORT_A_PAD) ||
	    nbond_put_stats(skb, NBOND_PORT_A_STATS, port->dev) ||
	    nbond_genl_put_lacp(skb, port, ids)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * @bond with its ports from the *@from'th on, as many as fit; *@from
 * moves past those put. -EMSGSIZE if not even one more port fits.
 */
static int nbond_put_bond(struct sk_buff *skb, struct nbond *bond, bool ids,
			  unsigned long *from)
{
	struct nbond_port *active = nbond_active_rtnl(bond);
	unsigned long first = *from, i = 0;
	struct net_device *dev = bond->dev;
	struct nbond_port *port;
	struct nlattr *nest;

	if (nla_put_u32(skb, NBOND_A_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, NBOND_A_IFNAME, dev->name) ||
	    nla_put(skb, NBOND_A_HWADDR, dev->addr_len, dev->dev_addr) ||
	    nla_put_u8(skb, NBOND_A_CARRIER, netif_carrier_ok(dev)) ||
	    nla_put_u8(skb, NBOND_A_LACP_FALLBACK,
		       READ_ONCE(bond->params.lacp_fallback)) ||
	    (active &&
	     nla_put_u32(skb, NBOND_A_ACTIVE_IFINDEX, active->dev->ifindex)) ||
	    nla_put_u64_64bit(skb, NBOND_A_CHANGED_NS, bond->changed_ns,
			      NBOND_A_PAD) ||
	    nbond_put_stats(skb, NBOND_A_STATS, dev) ||
	    (bond->mode->lacp &&
	     nla_put_u32(skb, NBOND_A_LACP_AGENT, READ_ONCE(bond->lacp_agent))))
		return -EMSGSIZE;

	nest = nla_nest_start(skb, NBOND_A_OPTIONS);
	if (!nest || nbond_nl_fill(skb, dev))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);

	nest = nla_nest_start(skb, NBOND_A_PORTS);
	if (!nest)
		return -EMSGSIZE;
	nbond_for_each_port(bond, port) {
		if (i++ < first)
			continue;
		if (nbond_put_port(skb, port, ids))
			break;
		(*from)++;
	}
	if (*from == first && first < bond->port_count)
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * LACP system ids go only to a requester with CAP_NET_ADMIN over the
 * namespace, as /proc/net/nbond shows them (nbond.h; GET is open to all).
 */
static bool nbond_genl_may_see_ids(const struct sk_buff *request,
				   const struct net *net)
{
	return netlink_ns_capable(request, net->user_ns, CAP_NET_ADMIN);
}

/* A GET message of @bond, with its ports from *@from on (above). */
static int nbond_fill_bond(struct sk_buff *skb, struct nbond *bond,
			   u32 portid, u32 seq, int flags, bool ids,
			   unsigned long *from)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &nbond_genl_family, flags,
			  NBOND_CMD_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nbond_put_bond(skb, bond, ids, from)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* ---- commands ------------------------------------------------------------ */

/*
 * The device named by @ifindex_attr or @name_attr in @tb. RTNL, or
 * under RCU if @rcu.
 */
static struct net_device *nbond_genl_lookup(struct net *net,
					    struct nlattr **tb,
					    int ifindex_attr, int name_attr,
					    struct netlink_ext_ack *extack,
					    bool rcu)
{
	struct net_device *dev = NULL;
	u32 ifindex;

	if (tb[ifindex_attr]) {
		ifindex = nla_get_u32(tb[ifindex_attr]);
		dev = rcu ? dev_get_by_index_rcu(net, ifindex) :
			    __dev_get_by_index(net, ifindex);
	} else if (tb[name_attr]) {
		dev = rcu ? dev_get_by_name_rcu(net, nla_data(tb[name_attr])) :
			    __dev_get_by_name(net, nla_data(tb[name_attr]));
	} else {
		NL_SET_ERR_MSG(extack, "no device given (ifindex or name)");
	}
	if (!dev && (tb[ifindex_attr] || tb[name_attr]))
		NL_SET_ERR_MSG_ATTR(extack, tb[ifindex_attr] ?: tb[name_attr],
				    "no such device");
	return dev;
}

/* The bond that @info's NBOND_A_IFINDEX or _IFNAME names. RTNL. */
struct nbond *nbond_genl_bond(struct genl_info *info)
{
	struct net_device *dev;

	dev = nbond_genl_lookup(genl_info_net(info), info->attrs,
				NBOND_A_IFINDEX, NBOND_A_IFNAME, info->extack,
				false);
	if (!dev)
		return ERR_PTR(-ENODEV);
	if (!nbond_is_nbond(dev)) {
		GENL_SET_ERR_MSG(info, "the device is not an nbond bond");
		return ERR_PTR(-EINVAL);
	}
	return netdev_priv(dev);
}

/*
 * The port that @tb, a parsed NBOND_A_PORT, names. RTNL, or under RCU if
 * @rcu (a port then may be on its way out of its bond).
 */
struct nbond_port *nbond_genl_port(struct genl_info *info, struct nlattr **tb,
				   bool rcu)
{
	struct nbond_port *port = NULL;
	struct net_device *dev;

	dev = nbond_genl_lookup(genl_info_net(info), tb, NBOND_PORT_A_IFINDEX,
				NBOND_PORT_A_IFNAME, info->extack, rcu);
	if (!dev)
		return ERR_PTR(-ENODEV);
	if (nbond_is_port(dev))
		port = rcu ? nbond_port_rcu(dev) : nbond_port_rtnl(dev);
	if (!port) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    tb[NBOND_PORT_A_IFINDEX] ?:
				    tb[NBOND_PORT_A_IFNAME],
				    "the device is not a port of an nbond bond");
		return ERR_PTR(-EINVAL);
	}
	return port;
}

/*
 * The largest reply a doit GET makes: anyone may ask, so no bigger
 * allocation than a dump's (32 KiB with the skb's own overhead). A bigger
 * bond is read by a dump that names it.
 */
#define NBOND_GET_DOIT_MAX \
	(SKB_WITH_OVERHEAD(32768) - NLMSG_HDRLEN - GENL_HDRLEN)

static int nbond_cmd_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	unsigned long from = 0;
	struct sk_buff *msg;
	struct nbond *bond;
	size_t size;
	int err;

	rtnl_lock();
	bond = nbond_genl_bond(info);
	if (IS_ERR(bond)) {
		err = PTR_ERR(bond);
		goto out_unlock;
	}

	size = nbond_bond_size(bond);
	if (size > NBOND_GET_DOIT_MAX) {
		GENL_SET_ERR_MSG(info, "too many ports for one reply: dump it");
		err = -EMSGSIZE;
		goto out_unlock;
	}
	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg) {
		err = -ENOMEM;
		goto out_unlock;
	}
	err = nbond_fill_bond(msg, bond, info->snd_portid, info->snd_seq, 0,
			      nbond_genl_may_see_ids(skb,
						     genl_info_net(info)),
			      &from);
	if (!err && from < bond->port_count)
		err = -EMSGSIZE;
	if (err) {
		nlmsg_free(msg);
		goto out_unlock;
	}
	rtnl_unlock();
	return genlmsg_reply(msg, info);

out_unlock:
	rtnl_unlock();
	return err;
}

/* The attributes of a dump's request, parsed by GET's policy. */
static struct nlattr **nbond_dump_attrs(struct netlink_callback *cb)
{
#ifdef HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * Every bond of the namespace, or the one that NBOND_A_IFINDEX or
 * NBOND_A_IFNAME names. A bond too big for one message goes on in the
 * next ones: each has the bond's attributes and the ports that follow,
 * in order; a reader joins the messages of one ifindex. A port that
 * joins or leaves the bond between them marks the next NLM_F_DUMP_INTR.
 *
 * cb->args[0]: bonds that earlier messages finished; [1]: ports of the
 * next one that they held; [2]: its ports_gen then; [3]: the ifindex of
 * the bond the request named (a name may pass to another bond meanwhile).
 */
static int nbond_cmd_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb)
{
	struct nlattr **attrs = nbond_dump_attrs(cb);
	struct net *net = sock_net(skb->sk);
	bool ids = nbond_genl_may_see_ids(cb->skb, net);
	struct net_device *dev, *only = NULL;
	struct nlmsghdr *nlh;
	struct nbond *bond;
	bool moved;
	long idx = 0;
	int err = 0;

	rtnl_lock();
	if (cb->args[3]) {
		only = __dev_get_by_index(net, cb->args[3]);
		err = -ENODEV;
		if (!only || !nbond_is_nbond(only))
			goto out;
		err = 0;
	} else if (attrs[NBOND_A_IFINDEX] || attrs[NBOND_A_IFNAME]) {
		only = nbond_genl_lookup(net, attrs, NBOND_A_IFINDEX,
					 NBOND_A_IFNAME, cb->extack, false);
		err = -ENODEV;
		if (!only)
			goto out;
		err = -EINVAL;
		if (!nbond_is_nbond(only)) {
			NL_SET_ERR_MSG(cb->extack,
				       "the device is not an nbond bond");
			goto out;
		}
		err = 0;
		cb->args[3] = only->ifindex;
	}
	/* Bonds that come or go between messages mark them too. */
	cb->seq = net->dev_base_seq;
	for_each_netdev(net, dev) {
		if (!nbond_is_nbond(dev) || (only && dev != only))
			continue;
		if (idx++ < cb->args[0])
			continue;
		bond = netdev_priv(dev);
		moved = cb->args[1] && cb->args[2] != bond->ports_gen;
		cb->args[2] = bond->ports_gen;
		nlh = (struct nlmsghdr *)skb_tail_pointer(skb);
		err = nbond_fill_bond(skb, bond, NETLINK_CB(cb->skb).portid,
				      cb->nlh->nlmsg_seq, NLM_F_MULTI, ids,
				      &cb->args[1]);
		if (err)
			break;
		nl_dump_check_consistent(cb, nlh);
		if (moved)
			nlh->nlmsg_flags |= NLM_F_DUMP_INTR;
		if (cb->args[1] < bond->port_count)
			break;		/* the rest in the next message */
		cb->args[0] = idx;
		cb->args[1] = 0;
	}
out:
	rtnl_unlock();

	/* A bond too big for an empty message is an error, not the end. */
	if (err && !skb->len)
		return err;
	return skb->len;
}

static int nbond_cmd_port_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NBOND_PORT_A_MAX + 1];
	struct nlattr *port_opts[IFLA_BOND_SLAVE_MAX + 1] = {};
	struct nbond_port *port;
	bool down;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NBOND_A_PORT))
		return -EINVAL;
	err = nla_parse_nested(tb, NBOND_PORT_A_MAX, info->attrs[NBOND_A_PORT],
			       nbond_port_policy, info->extack);
	if (err)
		return err;
	if (tb[NBOND_PORT_A_LACP]) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NBOND_PORT_A_LACP],
				    "LACP state is set with NBOND_CMD_LACP_SET");
		return -EINVAL;
	}

	rtnl_lock();
	port = nbond_genl_port(info, tb, false);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto out;
	}

	/* prio, queue_id, ad_prio are checked and set as over rtnetlink. */
	port_opts[IFLA_BOND_SLAVE_PRIO] = tb[NBOND_PORT_A_PRIO];
	port_opts[IFLA_BOND_SLAVE_QUEUE_ID] = tb[NBOND_PORT_A_QUEUE_ID];
	port_opts[IFLA_BOND_SLAVE_ACTOR_PORT_PRIO] = tb[NBOND_PORT_A_AD_PRIO];
	err = nbond_port_opts_set_nl(port, port_opts, info->extack);
	if (err)
		goto out;

	if (tb[NBOND_PORT_A_ADMIN]) {
		down = nla_get_u8(tb[NBOND_PORT_A_ADMIN]) == NBOND_ADMIN_DOWN;
		if (down != port->admin_down) {
			WRITE_ONCE(port->admin_down, down);
			if (!down)
				nbond_port_came_up(port);
			port->link_changed_ns = ktime_get_ns();
			netdev_info(port->bond->dev, "port %s: admin %s\n",
				    port->dev->name, down ? "down" : "up");
			nbond_refresh(port->bond, NBOND_CAUSE_ADMIN);
		}
	}
out:
	rtnl_unlock();
	return err;
}

/*
 * The options rtnetlink has no attribute for, through the options table
 * as the others: checked first, all or nothing, then BOND_CHANGED.
 */
static int nbond_cmd_bond_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *data[NBOND_OPT_MAX + 1] = {};
	struct nbond *bond;
	int err;

	data[NBOND_OPT_LACP_FALLBACK] = info->attrs[NBOND_A_LACP_FALLBACK];
	if (!data[NBOND_OPT_LACP_FALLBACK]) {
		GENL_SET_ERR_MSG(info, "no option to set");
		return -EINVAL;
	}

	rtnl_lock();
	bond = nbond_genl_bond(info);
	if (IS_ERR(bond)) {
		err = PTR_ERR(bond);
		goto out;
	}
	err = nbond_opts_set(bond, data, NBOND_OPT_MAX, info->extack);
	if (err)
		goto out;
	call_netdevice_notifiers(NETDEV_CHANGEINFODATA, bond->dev);
	nbond_event_bond(bond, NBOND_EVENT_BOND_CHANGED);
out:
	rtnl_unlock();
	return err;
}

static const struct genl_ops nbond_genl_ops[] = {
	{
		.cmd	= NBOND_CMD_GET,
		.doit	= nbond_cmd_get_doit,
		.dumpit	= nbond_cmd_get_dumpit,
		.policy	= nbond_get_policy,
		.maxattr = NBOND_A_MAX,
	},
	{
		.cmd	= NBOND_CMD_PORT_SET,
		.doit	= nbond_cmd_port_set,
		.flags	= GENL_UNS_ADMIN_PERM,
		.policy	= nbond_port_set_policy,
		.maxattr = NBOND_A_MAX,
	},
	{
		.cmd	= NBOND_CMD_AGENT,
		.doit	= nbond_cmd_agent,
		.flags	= GENL_UNS_ADMIN_PERM,
		.policy	= nbond_agent_policy,
		.maxattr = NBOND_A_MAX,
	},
	{
		.cmd	= NBOND_CMD_LACP_SET,
		.doit	= nbond_cmd_lacp_set,
		.flags	= GENL_UNS_ADMIN_PERM,
		.policy	= nbond_lacp_set_policy,
		.maxattr = NBOND_A_MAX,
	},
	{
		.cmd	= NBOND_CMD_BOND_SET,
		.doit	= nbond_cmd_bond_set,
		.flags	= GENL_UNS_ADMIN_PERM,
		.policy	= nbond_bond_set_policy,
		.maxattr = NBOND_A_MAX,
	},
};

static const struct genl_multicast_group nbond_mcgrps[] = {
	[NBOND_MCGRP_EVENTS] = { .name = NBOND_GENL_MCGRP_EVENTS },
	[NBOND_MCGRP_AGENT] = { .name = NBOND_GENL_MCGRP_AGENT },
};

static struct genl_family nbond_genl_family __ro_after_init = {
	.name		= NBOND_GENL_NAME,
	.version	= NBOND_GENL_VERSION,
	.maxattr	= NBOND_A_MAX,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= nbond_genl_ops,
	.n_ops		= ARRAY_SIZE(nbond_genl_ops),
	.mcgrps		= nbond_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(nbond_mcgrps),
};

/* A request for the family loads the module, as for any genl family. */
MODULE_ALIAS_GENL_FAMILY(NBOND_GENL_NAME);

/* ---- events -------------------------------------------------------------- */

struct nbond_event_msg {
	u64 when;			/* monotonic ns; 0: now */
	enum nbond_event event;
	enum nbond_cause cause;
	const struct nbond_port *port;
	const struct nbond_port *old;
	int carrier;			/* -1: not part of the event */
	bool port_link;			/* the port's link, speed, duplex */
};

/* PORT_CHANGED: the port with what an LACP agent derives its info from. */
static int nbond_put_port_link(struct sk_buff *skb,
			       const struct nbond_port *port)
{
	struct nlattr *nest = nla_nest_start(skb, NBOND_A_PORT);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, NBOND_PORT_A_IFINDEX, port->dev->ifindex) ||
	    nla_put_string(skb, NBOND_PORT_A_IFNAME, port->dev->name) ||
	    nla_put_u8(skb, NBOND_PORT_A_LINK, port->link) ||
	    nla_put_u32(skb, NBOND_PORT_A_SPEED, port->speed) ||
	    nla_put_u8(skb, NBOND_PORT_A_DUPLEX, port->duplex) ||
	    nla_put_u16(skb, NBOND_PORT_A_AD_PRIO, port->ad_port_prio)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int nbond_put_event(struct sk_buff *skb, const struct nbond *bond,
			   const struct nbond_event_msg *ev)
{
	if (nla_put_u32(skb, NBOND_A_EVENT, ev->event) ||
	    nla_put_u64_64bit(skb, NBOND_A_TIMESTAMP_NS,
			      ev->when ?: ktime_get_ns(), NBOND_A_PAD) ||
	    nla_put_u32(skb, NBOND_A_IFINDEX, bond->dev->ifindex) ||
	    nla_put_string(skb, NBOND_A_IFNAME, bond->dev->name))
		return -EMSGSIZE;
	if (ev->port_link && nbond_put_port_link(skb, ev->port))
		return -EMSGSIZE;
	if (ev->port && !ev->port_link &&
	    nbond_put_port_name(skb, NBOND_A_PORT, ev->port))
		return -EMSGSIZE;
	if (ev->old && nbond_put_port_name(skb, NBOND_A_OLD_PORT, ev->old))
		return -EMSGSIZE;
	if (ev->cause != NBOND_CAUSE_NONE &&
	    nla_put_u32(skb, NBOND_A_CAUSE, ev->cause))
		return -EMSGSIZE;
	if (ev->carrier >= 0 && nla_put_u8(skb, NBOND_A_CARRIER, ev->carrier))
		return -EMSGSIZE;
	return 0;
}

/* Whether an LACP agent acts on @event (the "agent" group has those). */
static bool nbond_event_for_agent(enum nbond_event event)
{
	switch (event) {
	case NBOND_EVENT_BOND_CREATED:
	case NBOND_EVENT_BOND_DELETED:
	case NBOND_EVENT_BOND_CHANGED:
	case NBOND_EVENT_PORT_ADDED:
	case NBOND_EVENT_PORT_REMOVED:
	case NBOND_EVENT_PORT_CHANGED:
		return true;
	default:
		return false;
	}
}

static void nbond_event_send(const struct nbond *bond,
			     const struct nbond_event_msg *ev)
{
	struct net *net = dev_net(bond->dev);
	struct sk_buff *skb, *copy = NULL;
	bool all, agent;
	void *hdr;

	all = genl_has_listeners(&nbond_genl_family, net, NBOND_MCGRP_EVENTS);
	agent = nbond_event_for_agent(ev->event) &&
		genl_has_listeners(&nbond_genl_family, net, NBOND_MCGRP_AGENT);
	if (!all && !agent)
		return;

	skb = genlmsg_new(nla_total_size(sizeof(u32)) * 3 +
			  nla_total_size_64bit(sizeof(u64)) +
			  nla_total_size(IFNAMSIZ) +
			  nbond_port_name_size() * 2 +
			  nla_total_size(sizeof(u8)) * 3 +
			  nla_total_size(sizeof(u16)) +
			  nla_total_size(sizeof(u32)), GFP_KERNEL);
	if (!skb)
		goto err;
	hdr = genlmsg_put(skb, 0, 0, &nbond_genl_family, 0, NBOND_CMD_EVENT);
	if (!hdr || nbond_put_event(skb, bond, ev)) {
		nlmsg_free(skb);
		goto err;
	}
	genlmsg_end(skb, hdr);
	/*
	 * A clone for the second group: a multicast takes the skb it is
	 * given and marks it with its group, so one skb is not sent twice.
	 */
	if (all && agent) {
		copy = skb_clone(skb, GFP_KERNEL);
		if (!copy) {
			nlmsg_free(skb);
			goto err;
		}
	}
	if (agent)
		genlmsg_multicast_netns(&nbond_genl_family, net, copy ?: skb,
					0, NBOND_MCGRP_AGENT, GFP_KERNEL);
	if (all)
		genlmsg_multicast_netns(&nbond_genl_family, net, skb, 0,
					NBOND_MCGRP_EVENTS, GFP_KERNEL);
	return;
err:
	netdev_warn(bond->dev, "cannot send event %d\n", ev->event);
}

void nbond_event_bond(struct nbond *bond, enum nbond_event event)
{
	struct nbond_event_msg ev = { .event = event, .carrier = -1 };

	nbond_event_send(bond, &ev);
}

void nbond_event_port(struct nbond_port *port, enum nbond_event event,
		      enum nbond_cause cause)
{
	struct nbond_event_msg ev = {
		.event = event, .cause = cause, .port = port, .carrier = -1,
	};

	/* A change of use is stamped as GET reports it. */
	if (event == NBOND_EVENT_PORT_UP || event == NBOND_EVENT_PORT_DOWN)
		ev.when = port->link_changed_ns;

	nbond_event_send(port->bond, &ev);
}

void nbond_event_active(struct nbond *bond, struct nbond_port *old,
			struct nbond_port *new, enum nbond_cause cause)
{
	struct nbond_event_msg ev = {
		.when = bond->changed_ns, .event = NBOND_EVENT_ACTIVE_CHANGED,
		.cause = cause, .port = new, .old = old, .carrier = -1,
	};

	nbond_event_send(bond, &ev);
}

void nbond_event_carrier(struct nbond *bond, bool carrier)
{
	struct nbond_event_msg ev = {
		.when = bond->changed_ns, .event = NBOND_EVENT_CARRIER_CHANGED,
		.carrier = carrier,
	};

	nbond_event_send(bond, &ev);
}

void nbond_event_port_changed(struct nbond_port *port)
{
	struct nbond_event_msg ev = {
		.event = NBOND_EVENT_PORT_CHANGED, .port = port,
		.carrier = -1, .port_link = true,
	};

	nbond_event_send(port->bond, &ev);
}

int nbond_genl_init(void)
{
	int err;

	err = nbond_agent_watch();
	if (err)
		return err;
	err = genl_register_family(&nbond_genl_family);
	if (err)
		nbond_agent_unwatch();
	return err;
}

void nbond_genl_exit(void)
{
	genl_unregister_family(&nbond_genl_family);
	nbond_agent_unwatch();
}
