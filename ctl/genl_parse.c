// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: parsing the messages of the nbond family into the plain structs
 * of bond.h. No socket here, so that the unit tests feed it messages built
 * as the driver builds them.
 *
 * Every reply is parsed with strict policies: an attribute of the wrong
 * size makes the whole reply malformed rather than half-read. Attributes
 * this version does not know (a newer driver) are skipped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>

#include <linux/nbond.h>

#include "genl.h"

static const struct nla_policy bond_policy[NBOND_A_MAX + 1] = {
	[NBOND_A_IFINDEX]		= { .type = NLA_U32 },
	[NBOND_A_IFNAME]		= { .type = NLA_STRING,
					    .maxlen = IF_NAMESIZE },
	[NBOND_A_OPTIONS]		= { .type = NLA_NESTED },
	[NBOND_A_CARRIER]		= { .type = NLA_U8 },
	[NBOND_A_ACTIVE_IFINDEX]	= { .type = NLA_U32 },
	[NBOND_A_CHANGED_NS]		= { .type = NLA_U64 },
	[NBOND_A_STATS]			= { .type = NLA_NESTED },
	[NBOND_A_PORTS]			= { .type = NLA_NESTED },
	[NBOND_A_PORT]			= { .type = NLA_NESTED },
	[NBOND_A_EVENT]			= { .type = NLA_U32 },
	[NBOND_A_TIMESTAMP_NS]		= { .type = NLA_U64 },
	[NBOND_A_OLD_PORT]		= { .type = NLA_NESTED },
	[NBOND_A_CAUSE]			= { .type = NLA_U32 },
	[NBOND_A_LACP_AGENT]		= { .type = NLA_U32 },
	[NBOND_A_LACP_FALLBACK]		= { .type = NLA_U8 },
	[NBOND_A_HWADDR]		= { .type = NLA_UNSPEC,
					    .maxlen = CTL_HWADDR_MAX },
};

static const struct nla_policy port_policy[NBOND_PORT_A_MAX + 1] = {
	[NBOND_PORT_A_IFINDEX]		= { .type = NLA_U32 },
	[NBOND_PORT_A_IFNAME]		= { .type = NLA_STRING,
					    .maxlen = IF_NAMESIZE },
	[NBOND_PORT_A_LINK]		= { .type = NLA_U8 },
	[NBOND_PORT_A_ROLE]		= { .type = NLA_U8 },
	[NBOND_PORT_A_ADMIN]		= { .type = NLA_U8 },
	[NBOND_PORT_A_USABLE]		= { .type = NLA_U8 },
	[NBOND_PORT_A_PRIO]		= { .type = NLA_S32,
					    .minlen = sizeof(int32_t) },
	[NBOND_PORT_A_QUEUE_ID]		= { .type = NLA_U16 },
	[NBOND_PORT_A_AD_PRIO]		= { .type = NLA_U16 },
	[NBOND_PORT_A_LINK_CAUSE]	= { .type = NLA_U32 },
	[NBOND_PORT_A_SPEED]		= { .type = NLA_U32 },
	[NBOND_PORT_A_DUPLEX]		= { .type = NLA_U8 },
	[NBOND_PORT_A_PERM_HWADDR]	= { .type = NLA_UNSPEC,
					    .maxlen = CTL_HWADDR_MAX },
	[NBOND_PORT_A_LINK_FAILURES]	= { .type = NLA_U32 },
	[NBOND_PORT_A_LINK_CHANGED_NS]	= { .type = NLA_U64 },
	[NBOND_PORT_A_ADDED_NS]		= { .type = NLA_U64 },
	[NBOND_PORT_A_STATS]		= { .type = NLA_NESTED },
	[NBOND_PORT_A_LACP]		= { .type = NLA_NESTED },
};

static const struct nla_policy stats_policy[NBOND_STATS_A_MAX + 1] = {
	[NBOND_STATS_A_RX_PACKETS]	= { .type = NLA_U64 },
	[NBOND_STATS_A_TX_PACKETS]	= { .type = NLA_U64 },
	[NBOND_STATS_A_RX_BYTES]	= { .type = NLA_U64 },
	[NBOND_STATS_A_TX_BYTES]	= { .type = NLA_U64 },
	[NBOND_STATS_A_RX_DROPPED]	= { .type = NLA_U64 },
	[NBOND_STATS_A_TX_DROPPED]	= { .type = NLA_U64 },
	[NBOND_STATS_A_RX_NOHANDLER]	= { .type = NLA_U64 },
};

static void copy_name(char dst[IF_NAMESIZE], const struct nlattr *a)
{
	if (a)
		snprintf(dst, IF_NAMESIZE, "%s", nla_get_string(a));
	else
		dst[0] = '\0';
}

static int parse_stats(struct nlattr *nest, struct ctl_stats *s)
{
	struct nlattr *tb[NBOND_STATS_A_MAX + 1];
	static const struct {
		int attr;
		size_t off;
	} map[] = {
		{ NBOND_STATS_A_RX_PACKETS,
		  offsetof(struct ctl_stats, rx_packets) },
		{ NBOND_STATS_A_TX_PACKETS,
		  offsetof(struct ctl_stats, tx_packets) },
		{ NBOND_STATS_A_RX_BYTES,
		  offsetof(struct ctl_stats, rx_bytes) },
		{ NBOND_STATS_A_TX_BYTES,
		  offsetof(struct ctl_stats, tx_bytes) },
		{ NBOND_STATS_A_RX_DROPPED,
		  offsetof(struct ctl_stats, rx_dropped) },
		{ NBOND_STATS_A_TX_DROPPED,
		  offsetof(struct ctl_stats, tx_dropped) },
		{ NBOND_STATS_A_RX_NOHANDLER,
		  offsetof(struct ctl_stats, rx_nohandler) },
	};
	uint64_t v;
	size_t i;

	memset(s, 0, sizeof(*s));
	if (!nest)
		return 0;
	if (nla_parse_nested(tb, NBOND_STATS_A_MAX, nest, stats_policy) < 0)
		return -1;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (!tb[map[i].attr])
			continue;
		v = nla_get_u64(tb[map[i].attr]);
		memcpy((char *)s + map[i].off, &v, sizeof(v));
	}
	return 0;
}

static int parse_port(struct nlattr *nest, struct ctl_port *p)
{
	struct nlattr *tb[NBOND_PORT_A_MAX + 1];

	memset(p, 0, sizeof(*p));
	p->speed = CTL_SPEED_UNKNOWN;
	p->duplex = CTL_DUPLEX_UNKNOWN;
	if (nla_parse_nested(tb, NBOND_PORT_A_MAX, nest, port_policy) < 0)
		return -1;
	if (!tb[NBOND_PORT_A_IFINDEX])
		return -1;
	p->ifindex = nla_get_u32(tb[NBOND_PORT_A_IFINDEX]);
	copy_name(p->name, tb[NBOND_PORT_A_IFNAME]);
	if (tb[NBOND_PORT_A_LINK])
		p->link = nla_get_u8(tb[NBOND_PORT_A_LINK]);
	if (tb[NBOND_PORT_A_ROLE])
		p->role = nla_get_u8(tb[NBOND_PORT_A_ROLE]);
	if (tb[NBOND_PORT_A_ADMIN])
		p->admin = nla_get_u8(tb[NBOND_PORT_A_ADMIN]);
	if (tb[NBOND_PORT_A_USABLE])
		p->usable = nla_get_u8(tb[NBOND_PORT_A_USABLE]);
	if (tb[NBOND_PORT_A_PRIO])
		p->prio = nla_get_s32(tb[NBOND_PORT_A_PRIO]);
	if (tb[NBOND_PORT_A_QUEUE_ID])
		p->queue_id = nla_get_u16(tb[NBOND_PORT_A_QUEUE_ID]);
	if (tb[NBOND_PORT_A_AD_PRIO])
		p->ad_prio = nla_get_u16(tb[NBOND_PORT_A_AD_PRIO]);
	if (tb[NBOND_PORT_A_LINK_CAUSE])
		p->link_cause = nla_get_u32(tb[NBOND_PORT_A_LINK_CAUSE]);
	if (tb[NBOND_PORT_A_SPEED])
		p->speed = nla_get_u32(tb[NBOND_PORT_A_SPEED]);
	if (tb[NBOND_PORT_A_DUPLEX])
		p->duplex = nla_get_u8(tb[NBOND_PORT_A_DUPLEX]);
	if (tb[NBOND_PORT_A_PERM_HWADDR]) {
		p->perm_hwaddr_len = nla_len(tb[NBOND_PORT_A_PERM_HWADDR]);
		memcpy(p->perm_hwaddr, nla_data(tb[NBOND_PORT_A_PERM_HWADDR]),
		       p->perm_hwaddr_len);
	}
	if (tb[NBOND_PORT_A_LINK_FAILURES])
		p->link_failures = nla_get_u32(tb[NBOND_PORT_A_LINK_FAILURES]);
	if (tb[NBOND_PORT_A_LINK_CHANGED_NS])
		p->link_changed_ns =
			nla_get_u64(tb[NBOND_PORT_A_LINK_CHANGED_NS]);
	if (tb[NBOND_PORT_A_ADDED_NS])
		p->added_ns = nla_get_u64(tb[NBOND_PORT_A_ADDED_NS]);
	if (tb[NBOND_PORT_A_LACP]) {
		p->has_lacp = true;
		if (ctl_genl_parse_lacp(tb[NBOND_PORT_A_LACP], &p->lacp) < 0)
			return -1;
	}
	return parse_stats(tb[NBOND_PORT_A_STATS], &p->stats);
}

static int parse_ports(struct nlattr *nest, struct ctl_bond *b)
{
	struct nlattr *pos;
	size_t n = 0;
	int rem;

	if (!nest)
		return 0;
	nla_for_each_nested(pos, nest, rem)
		if (nla_type(pos) == NBOND_A_PORT)
			n++;
	if (!n)
		return 0;
	b->ports = calloc(n, sizeof(*b->ports));
	if (!b->ports)
		return -ENOMEM;
	nla_for_each_nested(pos, nest, rem) {
		if (nla_type(pos) != NBOND_A_PORT)
			continue;
		if (parse_port(pos, &b->ports[b->n_ports]) < 0)
			return -1;
		b->n_ports++;
	}
	return 0;
}

int ctl_genl_parse_bond(struct nl_msg *msg, struct ctl_bond *b)
{
	struct nlattr *tb[NBOND_A_MAX + 1];
	struct nlattr *opts;

	memset(b, 0, sizeof(*b));
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NBOND_A_MAX,
			  bond_policy) < 0)
		return -1;
	if (!tb[NBOND_A_IFINDEX] || !tb[NBOND_A_IFNAME])
		return -1;
	b->ifindex = nla_get_u32(tb[NBOND_A_IFINDEX]);
	copy_name(b->name, tb[NBOND_A_IFNAME]);
	if (tb[NBOND_A_CARRIER])
		b->carrier = nla_get_u8(tb[NBOND_A_CARRIER]);
	if (tb[NBOND_A_ACTIVE_IFINDEX])
		b->active_ifindex = nla_get_u32(tb[NBOND_A_ACTIVE_IFINDEX]);
	if (tb[NBOND_A_CHANGED_NS])
		b->changed_ns = nla_get_u64(tb[NBOND_A_CHANGED_NS]);
	if (tb[NBOND_A_HWADDR]) {
		b->hwaddr_len = nla_len(tb[NBOND_A_HWADDR]);
		memcpy(b->hwaddr, nla_data(tb[NBOND_A_HWADDR]), b->hwaddr_len);
	}
	if (tb[NBOND_A_LACP_FALLBACK]) {
		b->has_lacp_fallback = true;
		b->lacp_fallback = nla_get_u8(tb[NBOND_A_LACP_FALLBACK]);
	}
	if (tb[NBOND_A_LACP_AGENT]) {
		b->has_lacp_agent = true;
		b->lacp_agent = nla_get_u32(tb[NBOND_A_LACP_AGENT]);
	}
	if (parse_stats(tb[NBOND_A_STATS], &b->stats) < 0)
		return -1;
	opts = tb[NBOND_A_OPTIONS];
	if (opts && nla_len(opts) > 0) {
		b->options = malloc(nla_len(opts));
		if (!b->options)
			return -ENOMEM;
		memcpy(b->options, nla_data(opts), nla_len(opts));
		b->options_len = nla_len(opts);
	}
	return parse_ports(tb[NBOND_A_PORTS], b);
}

/*
 * The port of an event into @ifindex and @name. With @ev (NBOND_A_PORT)
 * also the link, speed and duplex that PORT_CHANGED carries.
 */
static void parse_event_port(struct nlattr *nest, uint32_t *ifindex,
			     char name[IF_NAMESIZE], struct ctl_event *ev)
{
	struct nlattr *tb[NBOND_PORT_A_MAX + 1];

	*ifindex = 0;
	name[0] = '\0';
	if (!nest ||
	    nla_parse_nested(tb, NBOND_PORT_A_MAX, nest, port_policy) < 0)
		return;
	if (tb[NBOND_PORT_A_IFINDEX])
		*ifindex = nla_get_u32(tb[NBOND_PORT_A_IFINDEX]);
	copy_name(name, tb[NBOND_PORT_A_IFNAME]);
	if (!ev)
		return;
	if (tb[NBOND_PORT_A_LINK]) {
		ev->has_link = true;
		ev->link = nla_get_u8(tb[NBOND_PORT_A_LINK]);
	}
	if (tb[NBOND_PORT_A_SPEED])
		ev->speed = nla_get_u32(tb[NBOND_PORT_A_SPEED]);
	if (tb[NBOND_PORT_A_DUPLEX])
		ev->duplex = nla_get_u8(tb[NBOND_PORT_A_DUPLEX]);
}

int ctl_genl_parse_event(struct nl_msg *msg, struct ctl_event *ev)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nlattr *tb[NBOND_A_MAX + 1];

	memset(ev, 0, sizeof(*ev));
	ev->speed = CTL_SPEED_UNKNOWN;
	ev->duplex = CTL_DUPLEX_UNKNOWN;
	if (genlmsg_hdr(nlh)->cmd != NBOND_CMD_EVENT)
		return -1;
	if (genlmsg_parse(nlh, 0, tb, NBOND_A_MAX, bond_policy) < 0)
		return -1;
	if (!tb[NBOND_A_EVENT])
		return -1;
	ev->type = nla_get_u32(tb[NBOND_A_EVENT]);
	if (tb[NBOND_A_TIMESTAMP_NS])
		ev->timestamp_ns = nla_get_u64(tb[NBOND_A_TIMESTAMP_NS]);
	if (tb[NBOND_A_IFINDEX])
		ev->bond_ifindex = nla_get_u32(tb[NBOND_A_IFINDEX]);
	copy_name(ev->bond, tb[NBOND_A_IFNAME]);
	parse_event_port(tb[NBOND_A_PORT], &ev->port_ifindex, ev->port, ev);
	parse_event_port(tb[NBOND_A_OLD_PORT], &ev->old_port_ifindex,
			 ev->old_port, NULL);
	if (tb[NBOND_A_CAUSE]) {
		ev->has_cause = true;
		ev->cause = nla_get_u32(tb[NBOND_A_CAUSE]);
	}
	if (tb[NBOND_A_CARRIER]) {
		ev->has_carrier = true;
		ev->carrier = nla_get_u8(tb[NBOND_A_CARRIER]);
	}
	return 0;
}

