// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: parsing a port's LACP state (NBOND_PORT_A_LACP, 802.3ad) into
 * struct ctl_lacp, with the same strict policies as genl_parse.c: a wrong
 * size anywhere in the nest makes the whole reply malformed.
 */
#include <string.h>
#include <netlink/attr.h>

#include <linux/nbond.h>

#include "genl.h"

static const struct nla_policy lacp_policy[NBOND_LACP_A_MAX + 1] = {
	[NBOND_LACP_A_AGGREGATOR]	= { .type = NLA_U16 },
	[NBOND_LACP_A_SELECTED]		= { .type = NLA_U8 },
	[NBOND_LACP_A_COLLECTING]	= { .type = NLA_U8 },
	[NBOND_LACP_A_DISTRIBUTING]	= { .type = NLA_U8 },
	[NBOND_LACP_A_ACTOR]		= { .type = NLA_NESTED },
	[NBOND_LACP_A_PARTNER]		= { .type = NLA_NESTED },
	[NBOND_LACP_A_STATS]		= { .type = NLA_NESTED },
	[NBOND_LACP_A_ACTOR_CHURN]	= { .type = NLA_U8 },
	[NBOND_LACP_A_PARTNER_CHURN]	= { .type = NLA_U8 },
	[NBOND_LACP_A_ACTOR_CHURNS]	= { .type = NLA_U32 },
	[NBOND_LACP_A_PARTNER_CHURNS]	= { .type = NLA_U32 },
};

static const struct nla_policy info_policy[NBOND_LACP_INFO_A_MAX + 1] = {
	[NBOND_LACP_INFO_A_SYSTEM_PRIO]	= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_SYSTEM]	= { .type = NLA_UNSPEC,
					    .minlen = CTL_LACP_SYSTEM_LEN,
					    .maxlen = CTL_LACP_SYSTEM_LEN },
	[NBOND_LACP_INFO_A_KEY]		= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_PORT_PRIO]	= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_PORT]	= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_STATE]	= { .type = NLA_U8 },
};

static const struct nla_policy stats_policy[NBOND_LACP_STATS_A_MAX + 1] = {
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

static int parse_info(struct nlattr *nest, struct ctl_lacp_info *li)
{
	struct nlattr *tb[NBOND_LACP_INFO_A_MAX + 1];

	memset(li, 0, sizeof(*li));
	if (!nest)
		return 0;
	if (nla_parse_nested(tb, NBOND_LACP_INFO_A_MAX, nest,
			     info_policy) < 0)
		return -1;
	if (tb[NBOND_LACP_INFO_A_SYSTEM_PRIO])
		li->system_prio =
			nla_get_u16(tb[NBOND_LACP_INFO_A_SYSTEM_PRIO]);
	if (tb[NBOND_LACP_INFO_A_SYSTEM]) {
		li->has_system = true;
		memcpy(li->system, nla_data(tb[NBOND_LACP_INFO_A_SYSTEM]),
		       sizeof(li->system));
	}
	if (tb[NBOND_LACP_INFO_A_KEY])
		li->key = nla_get_u16(tb[NBOND_LACP_INFO_A_KEY]);
	if (tb[NBOND_LACP_INFO_A_PORT_PRIO])
		li->port_prio = nla_get_u16(tb[NBOND_LACP_INFO_A_PORT_PRIO]);
	if (tb[NBOND_LACP_INFO_A_PORT])
		li->port = nla_get_u16(tb[NBOND_LACP_INFO_A_PORT]);
	if (tb[NBOND_LACP_INFO_A_STATE])
		li->state = nla_get_u8(tb[NBOND_LACP_INFO_A_STATE]);
	return 0;
}

static int parse_stats(struct nlattr *nest, struct ctl_lacp_stats *s)
{
	struct nlattr *tb[NBOND_LACP_STATS_A_MAX + 1];
	static const struct {
		int attr;
		size_t off;
	} map[] = {
		{ NBOND_LACP_STATS_A_LACPDU_RX,
		  offsetof(struct ctl_lacp_stats, lacpdu_rx) },
		{ NBOND_LACP_STATS_A_LACPDU_TX,
		  offsetof(struct ctl_lacp_stats, lacpdu_tx) },
		{ NBOND_LACP_STATS_A_LACPDU_UNKNOWN_RX,
		  offsetof(struct ctl_lacp_stats, lacpdu_unknown_rx) },
		{ NBOND_LACP_STATS_A_LACPDU_ILLEGAL_RX,
		  offsetof(struct ctl_lacp_stats, lacpdu_illegal_rx) },
		{ NBOND_LACP_STATS_A_MARKER_RX,
		  offsetof(struct ctl_lacp_stats, marker_rx) },
		{ NBOND_LACP_STATS_A_MARKER_TX,
		  offsetof(struct ctl_lacp_stats, marker_tx) },
		{ NBOND_LACP_STATS_A_MARKER_RESP_RX,
		  offsetof(struct ctl_lacp_stats, marker_resp_rx) },
		{ NBOND_LACP_STATS_A_MARKER_RESP_TX,
		  offsetof(struct ctl_lacp_stats, marker_resp_tx) },
		{ NBOND_LACP_STATS_A_MARKER_UNKNOWN_RX,
		  offsetof(struct ctl_lacp_stats, marker_unknown_rx) },
	};
	uint64_t v;
	size_t i;

	memset(s, 0, sizeof(*s));
	if (!nest)
		return 0;
	if (nla_parse_nested(tb, NBOND_LACP_STATS_A_MAX, nest,
			     stats_policy) < 0)
		return -1;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		if (!tb[map[i].attr])
			continue;
		v = nla_get_u64(tb[map[i].attr]);
		memcpy((char *)s + map[i].off, &v, sizeof(v));
	}
	return 0;
}

int ctl_genl_parse_lacp(struct nlattr *nest, struct ctl_lacp *lacp)
{
	struct nlattr *tb[NBOND_LACP_A_MAX + 1];

	memset(lacp, 0, sizeof(*lacp));
	if (nla_parse_nested(tb, NBOND_LACP_A_MAX, nest, lacp_policy) < 0)
		return -1;
	if (tb[NBOND_LACP_A_AGGREGATOR])
		lacp->aggregator = nla_get_u16(tb[NBOND_LACP_A_AGGREGATOR]);
	if (tb[NBOND_LACP_A_SELECTED])
		lacp->selected = nla_get_u8(tb[NBOND_LACP_A_SELECTED]);
	if (tb[NBOND_LACP_A_COLLECTING])
		lacp->collecting = nla_get_u8(tb[NBOND_LACP_A_COLLECTING]);
	if (tb[NBOND_LACP_A_DISTRIBUTING])
		lacp->distributing =
			nla_get_u8(tb[NBOND_LACP_A_DISTRIBUTING]);
	lacp->has_churn = tb[NBOND_LACP_A_ACTOR_CHURN] ||
			  tb[NBOND_LACP_A_PARTNER_CHURN];
	if (tb[NBOND_LACP_A_ACTOR_CHURN])
		lacp->actor_churn = nla_get_u8(tb[NBOND_LACP_A_ACTOR_CHURN]);
	if (tb[NBOND_LACP_A_PARTNER_CHURN])
		lacp->partner_churn =
			nla_get_u8(tb[NBOND_LACP_A_PARTNER_CHURN]);
	if (tb[NBOND_LACP_A_ACTOR_CHURNS])
		lacp->actor_churns = nla_get_u32(tb[NBOND_LACP_A_ACTOR_CHURNS]);
	if (tb[NBOND_LACP_A_PARTNER_CHURNS])
		lacp->partner_churns =
			nla_get_u32(tb[NBOND_LACP_A_PARTNER_CHURNS]);
	if (parse_info(tb[NBOND_LACP_A_ACTOR], &lacp->actor) < 0 ||
	    parse_info(tb[NBOND_LACP_A_PARTNER], &lacp->partner) < 0)
		return -1;
	return parse_stats(tb[NBOND_LACP_A_STATS], &lacp->stats);
}
