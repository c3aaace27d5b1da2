// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl's parsing of the nbond family's messages (ctl/genl_parse.c).
 * The messages are built here with libnl as driver/genl.c builds them:
 * nests flagged NLA_F_NESTED, strings NUL-terminated, 64-bit values.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/genl/genl.h>

#include <linux/nbond.h>

#include "bond.h"
#include "genl.h"
#include "suites.h"

#define FAMILY 0x20

static struct nl_msg *new_msg(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(genlmsg_put(msg, 0, 0, FAMILY, 0, 0, cmd,
					  NBOND_GENL_VERSION));
	return msg;
}

static struct nlattr *nest(struct nl_msg *msg, int type)
{
	struct nlattr *n = nla_nest_start(msg, type | NLA_F_NESTED);

	ck_assert_ptr_nonnull(n);
	return n;
}

/* Counters base + 1 ... base + 7 in the order of the uapi enum. */
static void put_stats(struct nl_msg *msg, int type, uint64_t base)
{
	struct nlattr *n = nest(msg, type);
	int a;

	for (a = NBOND_STATS_A_RX_PACKETS; a <= NBOND_STATS_A_RX_NOHANDLER;
	     a++)
		ck_assert_int_eq(nla_put_u64(msg, a, base + a -
					     NBOND_STATS_A_PAD), 0);
	nla_nest_end(msg, n);
}

static void put_port(struct nl_msg *msg, uint32_t ifindex, const char *name,
		     uint8_t link, uint8_t role, bool usable, int32_t prio)
{
	static const uint8_t hw[6] = { 0x52, 0x54, 0, 0, 0, 0x07 };
	struct nlattr *n = nest(msg, NBOND_A_PORT);

	nla_put_u32(msg, NBOND_PORT_A_IFINDEX, ifindex);
	nla_put_string(msg, NBOND_PORT_A_IFNAME, name);
	nla_put_u8(msg, NBOND_PORT_A_LINK, link);
	nla_put_u8(msg, NBOND_PORT_A_ROLE, role);
	nla_put_u8(msg, NBOND_PORT_A_ADMIN, NBOND_ADMIN_UP);
	nla_put_u8(msg, NBOND_PORT_A_USABLE, usable);
	nla_put_s32(msg, NBOND_PORT_A_PRIO, prio);
	nla_put_u16(msg, NBOND_PORT_A_QUEUE_ID, 3);
	nla_put_u16(msg, NBOND_PORT_A_AD_PRIO, 17);
	nla_put_u32(msg, NBOND_PORT_A_LINK_CAUSE, NBOND_CAUSE_NS);
	nla_put_u32(msg, NBOND_PORT_A_SPEED, UINT32_MAX);
	nla_put_u8(msg, NBOND_PORT_A_DUPLEX, DUPLEX_UNKNOWN);
	nla_put(msg, NBOND_PORT_A_PERM_HWADDR, sizeof(hw), hw);
	nla_put_u32(msg, NBOND_PORT_A_LINK_FAILURES, 4);
	nla_put_u64(msg, NBOND_PORT_A_LINK_CHANGED_NS, 5000);
	nla_put_u64(msg, NBOND_PORT_A_ADDED_NS, 4000);
	put_stats(msg, NBOND_PORT_A_STATS, 100 * ifindex);
	nla_nest_end(msg, n);
}

/* Actor or partner information, as driver/genl_lacp.c puts it. */
static void put_lacp_info(struct nl_msg *msg, int type, uint16_t sys_prio,
			  const uint8_t sys[6], uint16_t key,
			  uint16_t port_prio, uint16_t port, uint8_t state)
{
	struct nlattr *n = nest(msg, type);

	nla_put_u16(msg, NBOND_LACP_INFO_A_SYSTEM_PRIO, sys_prio);
	nla_put(msg, NBOND_LACP_INFO_A_SYSTEM, 6, sys);
	nla_put_u16(msg, NBOND_LACP_INFO_A_KEY, key);
	nla_put_u16(msg, NBOND_LACP_INFO_A_PORT_PRIO, port_prio);
	nla_put_u16(msg, NBOND_LACP_INFO_A_PORT, port);
	nla_put_u8(msg, NBOND_LACP_INFO_A_STATE, state);
	nla_nest_end(msg, n);
}

/*
 * A port's NBOND_PORT_A_LACP; the counters are base + 1 ... base + 9 in
 * the order of the uapi, after a pad as nla_put_u64_64bit() may put; the
 * actor churned agg + 300 times, the partner agg + 400.
 */
static void put_lacp(struct nl_msg *msg, uint16_t agg, uint8_t selected,
		     bool coll, bool dist, uint8_t actor_state,
		     uint8_t partner_state, uint64_t base)
{
	static const uint8_t actor_sys[6] = { 2, 0, 0, 0, 0, 0x10 };
	static const uint8_t partner_sys[6] = { 0x52, 0x54, 0, 0xaa, 0xbb,
						0xcc };
	struct nlattr *n = nest(msg, NBOND_PORT_A_LACP), *s;
	int a;

	nla_put_u16(msg, NBOND_LACP_A_AGGREGATOR, agg);
	nla_put_u8(msg, NBOND_LACP_A_SELECTED, selected);
	nla_put_u8(msg, NBOND_LACP_A_COLLECTING, coll);
	nla_put_u8(msg, NBOND_LACP_A_DISTRIBUTING, dist);
	put_lacp_info(msg, NBOND_LACP_A_ACTOR, 65535, actor_sys, 17, 255,
		      agg + 100, actor_state);
	put_lacp_info(msg, NBOND_LACP_A_PARTNER, 32768, partner_sys, 9, 128,
		      agg + 200, partner_state);
	s = nest(msg, NBOND_LACP_A_STATS);
	nla_put(msg, NBOND_LACP_STATS_A_PAD, 0, NULL);
	for (a = NBOND_LACP_STATS_A_LACPDU_RX;
	     a <= NBOND_LACP_STATS_A_MARKER_UNKNOWN_RX; a++)
		ck_assert_int_eq(nla_put_u64(msg, a, base + a -
					     NBOND_LACP_STATS_A_PAD), 0);
	nla_nest_end(msg, s);
	nla_put_u8(msg, NBOND_LACP_A_ACTOR_CHURN, NBOND_LACP_CHURN_NONE);
	nla_put_u8(msg, NBOND_LACP_A_PARTNER_CHURN,
		   coll ? NBOND_LACP_CHURN_NONE : NBOND_LACP_CHURN_CHURNED);
	nla_put_u32(msg, NBOND_LACP_A_ACTOR_CHURNS, agg + 300);
	nla_put_u32(msg, NBOND_LACP_A_PARTNER_CHURNS, agg + 400);
	nla_nest_end(msg, n);
}

/* The head of a GET reply for bond0 (ifindex 10). */
static struct nl_msg *bond_head(void)
{
	struct nl_msg *msg = new_msg(NBOND_CMD_GET);

	nla_put_u32(msg, NBOND_A_IFINDEX, 10);
	nla_put_string(msg, NBOND_A_IFNAME, "bond0");
	return msg;
}

static void free_bond(struct ctl_bond *b)
{
	free(b->options);
	free(b->ports);
}

START_TEST(full_reply)
{
	struct nl_msg *msg = bond_head();
	struct ctl_bond b;
	struct nlattr *n;
	const uint8_t *mode;
	size_t len;

	nla_put_u8(msg, NBOND_A_CARRIER, 1);
	nla_put_u32(msg, NBOND_A_ACTIVE_IFINDEX, 12);
	nla_put_u64(msg, NBOND_A_CHANGED_NS, 123456789);
	put_stats(msg, NBOND_A_STATS, 0);
	n = nest(msg, NBOND_A_OPTIONS);
	nla_put_u8(msg, IFLA_BOND_MODE, 1);
	nla_put_u32(msg, IFLA_BOND_MIIMON, 100);
	nla_nest_end(msg, n);
	n = nest(msg, NBOND_A_PORTS);
	put_port(msg, 11, "eth1", NBOND_LINK_STATE_DOWN,
		 NBOND_PORT_ROLE_BACKUP, false, -7);
	put_port(msg, 12, "eth2", NBOND_LINK_STATE_UP, NBOND_PORT_ROLE_ACTIVE,
		 true, 2147483647);
	nla_nest_end(msg, n);

	ck_assert_int_eq(ctl_genl_parse_bond(msg, &b), 0);
	ck_assert_uint_eq(b.ifindex, 10);
	ck_assert_str_eq(b.name, "bond0");
	ck_assert(b.carrier);
	ck_assert_uint_eq(b.active_ifindex, 12);
	ck_assert_uint_eq(b.changed_ns, 123456789);
	ck_assert_uint_eq(b.stats.rx_packets, 1);
	ck_assert_uint_eq(b.stats.tx_packets, 2);
	ck_assert_uint_eq(b.stats.rx_bytes, 3);
	ck_assert_uint_eq(b.stats.tx_bytes, 4);
	ck_assert_uint_eq(b.stats.rx_dropped, 5);
	ck_assert_uint_eq(b.stats.tx_dropped, 6);
	ck_assert_uint_eq(b.stats.rx_nohandler, 7);
	ck_assert_int_eq(ctl_bond_mode(&b), 1);
	mode = ctl_bond_option(&b, IFLA_BOND_MIIMON, &len);
	ck_assert_ptr_nonnull(mode);
	ck_assert_uint_eq(len, 4);

	ck_assert_uint_eq(b.n_ports, 2);
	ck_assert_uint_eq(b.ports[0].ifindex, 11);
	ck_assert_str_eq(b.ports[0].name, "eth1");
	ck_assert_uint_eq(b.ports[0].link, NBOND_LINK_STATE_DOWN);
	ck_assert_uint_eq(b.ports[0].role, NBOND_PORT_ROLE_BACKUP);
	ck_assert_uint_eq(b.ports[0].admin, NBOND_ADMIN_UP);
	ck_assert(!b.ports[0].usable);
	ck_assert_int_eq(b.ports[0].prio, -7);
	ck_assert_uint_eq(b.ports[0].queue_id, 3);
	ck_assert_uint_eq(b.ports[0].ad_prio, 17);
	ck_assert_uint_eq(b.ports[0].link_cause, NBOND_CAUSE_NS);
	ck_assert_uint_eq(b.ports[0].speed, CTL_SPEED_UNKNOWN);
	ck_assert_uint_eq(b.ports[0].duplex, CTL_DUPLEX_UNKNOWN);
	ck_assert_uint_eq(b.ports[0].perm_hwaddr_len, 6);
	ck_assert_uint_eq(b.ports[0].perm_hwaddr[5], 0x07);
	ck_assert_uint_eq(b.ports[0].link_failures, 4);
	ck_assert_uint_eq(b.ports[0].link_changed_ns, 5000);
	ck_assert_uint_eq(b.ports[0].added_ns, 4000);
	ck_assert_uint_eq(b.ports[0].stats.rx_packets, 1101);
	ck_assert_uint_eq(b.ports[0].stats.rx_nohandler, 1107);
	ck_assert_str_eq(b.ports[1].name, "eth2");
	ck_assert(b.ports[1].usable);
	ck_assert_int_eq(b.ports[1].prio, 2147483647);
	ck_assert_str_eq(ctl_bond_active_name(&b), "eth2");
	/* not 802.3ad: no LACP state, no agent reported */
	ck_assert(!b.ports[0].has_lacp && !b.ports[1].has_lacp);
	ck_assert(!b.has_lacp_agent);
	ck_assert_uint_eq(b.hwaddr_len, 0);
	free_bond(&b);
	nlmsg_free(msg);
}
END_TEST

/* An 802.3ad bond: the agent, the bond's address and each port's LACP. */
START_TEST(lacp_reply)
{
	static const uint8_t hw[6] = { 2, 0, 0, 0, 0, 0x10 };
	struct nl_msg *msg = bond_head();
	const struct ctl_lacp *l;
	struct nlattr *n, *p;
	struct ctl_bond b;

	nla_put(msg, NBOND_A_HWADDR, sizeof(hw), hw);
	nla_put_u8(msg, NBOND_A_CARRIER, 1);
	nla_put_u32(msg, NBOND_A_LACP_AGENT, 4242);
	n = nest(msg, NBOND_A_OPTIONS);
	nla_put_u8(msg, IFLA_BOND_MODE, 4);
	nla_nest_end(msg, n);
	n = nest(msg, NBOND_A_PORTS);
	put_port(msg, 11, "eth1", NBOND_LINK_STATE_UP,
		 NBOND_PORT_ROLE_ACTIVE, true, 0);
	p = nest(msg, NBOND_A_PORT);
	nla_put_u32(msg, NBOND_PORT_A_IFINDEX, 12);
	nla_put_string(msg, NBOND_PORT_A_IFNAME, "eth2");
	put_lacp(msg, 2, NBOND_LACP_STANDBY, false, false, 0x47, 0x00, 1000);
	nla_nest_end(msg, p);
	p = nest(msg, NBOND_A_PORT);
	nla_put_u32(msg, NBOND_PORT_A_IFINDEX, 13);
	nla_put_string(msg, NBOND_PORT_A_IFNAME, "eth3");
	put_lacp(msg, 1, NBOND_LACP_SELECTED, true, true, 0x3d, 0xbd, 2000);
	nla_nest_end(msg, p);
	nla_nest_end(msg, n);

	ck_assert_int_eq(ctl_genl_parse_bond(msg, &b), 0);
	ck_assert(ctl_bond_is_8023ad(&b));
	ck_assert(b.has_lacp_agent);
	ck_assert_uint_eq(b.lacp_agent, 4242);
	ck_assert_uint_eq(b.hwaddr_len, 6);
	ck_assert_mem_eq(b.hwaddr, hw, 6);
	ck_assert_uint_eq(b.n_ports, 3);
	/* put_port() puts no LACP nest */
	ck_assert(!b.ports[0].has_lacp);
	ck_assert_uint_eq(b.ports[0].link_failures, 4);

	ck_assert(b.ports[1].has_lacp);
	l = &b.ports[1].lacp;
	ck_assert_uint_eq(l->aggregator, 2);
	ck_assert_uint_eq(l->selected, NBOND_LACP_STANDBY);
	ck_assert(!l->collecting && !l->distributing);
	ck_assert(l->actor.has_system && l->partner.has_system);
	ck_assert_uint_eq(l->actor.system_prio, 65535);
	ck_assert_mem_eq(l->actor.system, hw, 6);
	ck_assert_uint_eq(l->actor.key, 17);
	ck_assert_uint_eq(l->actor.port_prio, 255);
	ck_assert_uint_eq(l->actor.port, 102);
	ck_assert_uint_eq(l->actor.state, 0x47);
	ck_assert_uint_eq(l->partner.system_prio, 32768);
	ck_assert_mem_eq(l->partner.system, "\x52\x54\x00\xaa\xbb\xcc", 6);
	ck_assert_uint_eq(l->partner.key, 9);
	ck_assert_uint_eq(l->partner.port_prio, 128);
	ck_assert_uint_eq(l->partner.port, 202);
	ck_assert_uint_eq(l->partner.state, 0);
	ck_assert_uint_eq(l->stats.lacpdu_rx, 1001);
	ck_assert_uint_eq(l->stats.lacpdu_tx, 1002);
	ck_assert_uint_eq(l->stats.lacpdu_unknown_rx, 1003);
	ck_assert_uint_eq(l->stats.lacpdu_illegal_rx, 1004);
	ck_assert_uint_eq(l->stats.marker_rx, 1005);
	ck_assert_uint_eq(l->stats.marker_tx, 1006);
	ck_assert_uint_eq(l->stats.marker_resp_rx, 1007);
	ck_assert_uint_eq(l->stats.marker_resp_tx, 1008);
	ck_assert_uint_eq(l->stats.marker_unknown_rx, 1009);
	ck_assert(l->has_churn);
	ck_assert_uint_eq(l->actor_churn, NBOND_LACP_CHURN_NONE);
	ck_assert_uint_eq(l->partner_churn, NBOND_LACP_CHURN_CHURNED);
	ck_assert_uint_eq(l->actor_churns, 302);
	ck_assert_uint_eq(l->partner_churns, 402);

	l = &b.ports[2].lacp;
	ck_assert(b.ports[2].has_lacp);
	ck_assert_str_eq(b.ports[2].name, "eth3");
	ck_assert_uint_eq(l->aggregator, 1);
	ck_assert_uint_eq(l->selected, NBOND_LACP_SELECTED);
	ck_assert(l->collecting && l->distributing);
	ck_assert_uint_eq(l->actor.state, 0x3d);
	ck_assert_uint_eq(l->partner.state, 0xbd);
	ck_assert_uint_eq(l->actor.port, 101);
	ck_assert_uint_eq(l->stats.lacpdu_rx, 2001);
	ck_assert_uint_eq(l->stats.marker_unknown_rx, 2009);
	ck_assert(l->has_churn);
	ck_assert_uint_eq(l->partner_churn, NBOND_LACP_CHURN_NONE);
	ck_assert_uint_eq(l->actor_churns, 301);
	ck_assert_uint_eq(l->partner_churns, 401);
	free_bond(&b);
	nlmsg_free(msg);
}
END_TEST

/* No agent attached (0), and an LACP nest with only what is set. */
START_TEST(lacp_sparse)
{
	struct nl_msg *msg = bond_head();
	struct nlattr *n, *p, *l;
	struct ctl_bond b;

	nla_put_u32(msg, NBOND_A_LACP_AGENT, 0);
	n = nest(msg, NBOND_A_PORTS);
	p = nest(msg, NBOND_A_PORT);
	nla_put_u32(msg, NBOND_PORT_A_IFINDEX, 5);
	l = nest(msg, NBOND_PORT_A_LACP);
	nla_put_u8(msg, NBOND_LACP_A_COLLECTING, 1);
	nla_put_u16(msg, NBOND_LACP_A_MAX + 1, 9);	/* a newer driver's */
	nla_nest_end(msg, l);
	nla_nest_end(msg, p);
	nla_nest_end(msg, n);

	ck_assert_int_eq(ctl_genl_parse_bond(msg, &b), 0);
	ck_assert(b.has_lacp_agent);
	ck_assert_uint_eq(b.lacp_agent, 0);
	ck_assert(b.ports[0].has_lacp);
	ck_assert(b.ports[0].lacp.collecting);
	ck_assert(!b.ports[0].lacp.distributing);
	ck_assert_uint_eq(b.ports[0].lacp.aggregator, 0);
	ck_assert_uint_eq(b.ports[0].lacp.selected, NBOND_LACP_UNSELECTED);
	ck_assert_uint_eq(b.ports[0].lacp.partner.key, 0);
	ck_assert_uint_eq(b.ports[0].lacp.stats.lacpdu_rx, 0);
	/* an older driver: no churn */
	ck_assert(!b.ports[0].lacp.has_churn);
	free_bond(&b);
	nlmsg_free(msg);
}
END_TEST

/* What an older driver may leave out has a sane default. */
START_TEST(minimal_reply)
{
	struct nl_msg *msg = bond_head();
	struct nlattr *ports, *p;
	struct ctl_bond b;

	ports = nest(msg, NBOND_A_PORTS);
	p = nla_nest_start(msg, NBOND_A_PORT);	/* no NLA_F_NESTED */
	nla_put_u32(msg, NBOND_PORT_A_IFINDEX, 5);
	nla_nest_end(msg, p);
	nla_nest_end(msg, ports);
	ck_assert_int_eq(ctl_genl_parse_bond(msg, &b), 0);
	ck_assert(!b.carrier);
	ck_assert_uint_eq(b.active_ifindex, 0);
	ck_assert_ptr_null(b.options);
	ck_assert_int_eq(ctl_bond_mode(&b), -1);
	ck_assert_uint_eq(b.n_ports, 1);
	ck_assert_str_eq(b.ports[0].name, "");
	ck_assert_uint_eq(b.ports[0].speed, CTL_SPEED_UNKNOWN);
	ck_assert_uint_eq(b.ports[0].duplex, CTL_DUPLEX_UNKNOWN);
	free_bond(&b);
	nlmsg_free(msg);
}
END_TEST

/* Padding and attributes of a newer driver are skipped. */
START_TEST(unknown_attributes)
{
	struct nl_msg *msg = bond_head();
	struct ctl_bond b;
	struct nlattr *n, *p;

	nla_put(msg, NBOND_A_PAD, 0, NULL);
	nla_put_u32(msg, NBOND_A_MAX + 5, 77);
	n = nest(msg, NBOND_A_PORTS);
	p = nest(msg, NBOND_A_PORT);
	nla_put_u32(msg, NBOND_PORT_A_IFINDEX, 5);
	nla_put(msg, NBOND_PORT_A_PAD, 0, NULL);
	nla_put_string(msg, NBOND_PORT_A_MAX + 1, "future");
	nla_nest_end(msg, p);
	nla_put_u32(msg, NBOND_A_MAX + 1, 1);	/* not a port: skipped */
	nla_nest_end(msg, n);
	ck_assert_int_eq(ctl_genl_parse_bond(msg, &b), 0);
	ck_assert_uint_eq(b.n_ports, 1);
	ck_assert_uint_eq(b.ports[0].ifindex, 5);
	free_bond(&b);
	nlmsg_free(msg);
}
END_TEST

enum bad {
	BAD_NO_IFINDEX, BAD_NAME_UNTERMINATED, BAD_NAME_TOO_LONG,
	BAD_CARRIER_EMPTY, BAD_PORT_NO_IFINDEX, BAD_PRIO_SHORT,
	BAD_STATS_SHORT, BAD_HWADDR_LONG, BAD_BOND_HWADDR_LONG,
	BAD_AGENT_SHORT, BAD_LACP_AGG_SHORT, BAD_LACP_SELECTED_EMPTY,
	BAD_LACP_SYSTEM_SHORT, BAD_LACP_SYSTEM_LONG, BAD_LACP_KEY_SHORT,
	BAD_LACP_STATS_SHORT, BAD_LACP_CHURN_EMPTY, BAD_LACP_CHURNS_SHORT,
	N_BAD
};

/* A port's LACP nest that breaks rule @bad, if it is one of LACP's. */
static void put_bad_lacp(struct nl_msg *msg, int bad)
{
	static const uint8_t sys[7] = { 2, 0, 0, 0, 0, 1, 9 };
	struct nlattr *l, *i;

	if (bad < BAD_LACP_AGG_SHORT)
		return;
	l = nest(msg, NBOND_PORT_A_LACP);
	if (bad == BAD_LACP_AGG_SHORT)
		nla_put_u8(msg, NBOND_LACP_A_AGGREGATOR, 1);
	if (bad == BAD_LACP_SELECTED_EMPTY)
		nla_put(msg, NBOND_LACP_A_SELECTED, 0, NULL);
	if (bad == BAD_LACP_SYSTEM_SHORT || bad == BAD_LACP_SYSTEM_LONG ||
	    bad == BAD_LACP_KEY_SHORT) {
		i = nest(msg, NBOND_LACP_A_PARTNER);
		if (bad == BAD_LACP_KEY_SHORT)
			nla_put_u8(msg, NBOND_LACP_INFO_A_KEY, 1);
		else
			nla_put(msg, NBOND_LACP_INFO_A_SYSTEM,
				bad == BAD_LACP_SYSTEM_SHORT ? 5 : 7, sys);
		nla_nest_end(msg, i);
	}
	if (bad == BAD_LACP_STATS_SHORT) {
		i = nest(msg, NBOND_LACP_A_STATS);
		nla_put_u32(msg, NBOND_LACP_STATS_A_MARKER_TX, 1);
		nla_nest_end(msg, i);
	}
	if (bad == BAD_LACP_CHURN_EMPTY)
		nla_put(msg, NBOND_LACP_A_PARTNER_CHURN, 0, NULL);
	if (bad == BAD_LACP_CHURNS_SHORT)
		nla_put_u16(msg, NBOND_LACP_A_ACTOR_CHURNS, 1);
	nla_nest_end(msg, l);
}

/* Each case breaks one rule of the policies: the reply is refused. */
START_TEST(malformed_reply)
{
	static const uint8_t big[40];
	struct nl_msg *msg = new_msg(NBOND_CMD_GET);
	struct ctl_bond b;
	struct nlattr *n, *p, *s;

	if (_i != BAD_NO_IFINDEX)
		nla_put_u32(msg, NBOND_A_IFINDEX, 10);
	if (_i == BAD_NAME_UNTERMINATED)
		nla_put(msg, NBOND_A_IFNAME, 5, "bond0");
	else if (_i == BAD_NAME_TOO_LONG)
		nla_put_string(msg, NBOND_A_IFNAME, "a-name-far-too-long");
	else
		nla_put_string(msg, NBOND_A_IFNAME, "bond0");
	if (_i == BAD_CARRIER_EMPTY)
		nla_put(msg, NBOND_A_CARRIER, 0, NULL);
	if (_i == BAD_BOND_HWADDR_LONG)
		nla_put(msg, NBOND_A_HWADDR, sizeof(big), big);
	if (_i == BAD_AGENT_SHORT)
		nla_put_u16(msg, NBOND_A_LACP_AGENT, 1);
	n = nest(msg, NBOND_A_PORTS);
	p = nest(msg, NBOND_A_PORT);
	if (_i != BAD_PORT_NO_IFINDEX)
		nla_put_u32(msg, NBOND_PORT_A_IFINDEX, 5);
	nla_put_string(msg, NBOND_PORT_A_IFNAME, "eth5");
	if (_i == BAD_PRIO_SHORT)
		nla_put_u16(msg, NBOND_PORT_A_PRIO, 1);
	if (_i == BAD_HWADDR_LONG)
		nla_put(msg, NBOND_PORT_A_PERM_HWADDR, sizeof(big), big);
	if (_i == BAD_STATS_SHORT) {
		s = nest(msg, NBOND_PORT_A_STATS);
		nla_put_u32(msg, NBOND_STATS_A_RX_PACKETS, 1);
		nla_nest_end(msg, s);
	}
	put_bad_lacp(msg, _i);
	nla_nest_end(msg, p);
	nla_nest_end(msg, n);

	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(ctl_genl_parse_bond(msg, &b), -1);
	free_bond(&b);
	nlmsg_free(msg);
}
END_TEST

static void put_event_port(struct nl_msg *msg, int type, uint32_t ifindex,
			   const char *name)
{
	struct nlattr *n = nest(msg, type);

	nla_put_u32(msg, NBOND_PORT_A_IFINDEX, ifindex);
	nla_put_string(msg, NBOND_PORT_A_IFNAME, name);
	nla_nest_end(msg, n);
}

static struct nl_msg *event_head(uint32_t type)
{
	struct nl_msg *msg = new_msg(NBOND_CMD_EVENT);

	nla_put_u32(msg, NBOND_A_EVENT, type);
	nla_put_u64(msg, NBOND_A_TIMESTAMP_NS, 987654321);
	nla_put_u32(msg, NBOND_A_IFINDEX, 10);
	nla_put_string(msg, NBOND_A_IFNAME, "bond0");
	return msg;
}

START_TEST(events)
{
	struct ctl_event ev;
	struct nl_msg *msg;

	msg = event_head(NBOND_EVENT_ACTIVE_CHANGED);
	put_event_port(msg, NBOND_A_PORT, 12, "eth2");
	put_event_port(msg, NBOND_A_OLD_PORT, 11, "eth1");
	nla_put_u32(msg, NBOND_A_CAUSE, NBOND_CAUSE_ADMIN);
	ck_assert_int_eq(ctl_genl_parse_event(msg, &ev), 0);
	ck_assert_uint_eq(ev.type, NBOND_EVENT_ACTIVE_CHANGED);
	ck_assert_uint_eq(ev.timestamp_ns, 987654321);
	ck_assert_uint_eq(ev.bond_ifindex, 10);
	ck_assert_str_eq(ev.bond, "bond0");
	ck_assert_uint_eq(ev.port_ifindex, 12);
	ck_assert_str_eq(ev.port, "eth2");
	ck_assert_uint_eq(ev.old_port_ifindex, 11);
	ck_assert_str_eq(ev.old_port, "eth1");
	ck_assert(ev.has_cause);
	ck_assert_uint_eq(ev.cause, NBOND_CAUSE_ADMIN);
	ck_assert(!ev.has_carrier);
	/* only PORT_CHANGED carries the port's link, speed and duplex */
	ck_assert(!ev.has_link);
	ck_assert_uint_eq(ev.speed, CTL_SPEED_UNKNOWN);
	ck_assert_uint_eq(ev.duplex, CTL_DUPLEX_UNKNOWN);
	nlmsg_free(msg);

	msg = event_head(NBOND_EVENT_CARRIER_CHANGED);
	nla_put_u8(msg, NBOND_A_CARRIER, 0);
	ck_assert_int_eq(ctl_genl_parse_event(msg, &ev), 0);
	ck_assert(ev.has_carrier && !ev.carrier);
	ck_assert(!ev.has_cause);
	ck_assert_uint_eq(ev.port_ifindex, 0);
	ck_assert_str_eq(ev.port, "");
	nlmsg_free(msg);

	/* no event number */
	msg = new_msg(NBOND_CMD_EVENT);
	nla_put_u32(msg, NBOND_A_IFINDEX, 10);
	ck_assert_int_eq(ctl_genl_parse_event(msg, &ev), -1);
	nlmsg_free(msg);

	/* not an event */
	msg = bond_head();
	nla_put_u32(msg, NBOND_A_EVENT, NBOND_EVENT_PORT_UP);
	ck_assert_int_eq(ctl_genl_parse_event(msg, &ev), -1);
	nlmsg_free(msg);
}
END_TEST

/* PORT_CHANGED as driver/genl.c's nbond_put_port_link() builds it. */
START_TEST(port_changed)
{
	struct ctl_event ev;
	struct nl_msg *msg;
	struct nlattr *n;

	msg = event_head(NBOND_EVENT_PORT_CHANGED);
	n = nest(msg, NBOND_A_PORT);
	nla_put_u32(msg, NBOND_PORT_A_IFINDEX, 11);
	nla_put_string(msg, NBOND_PORT_A_IFNAME, "eth1");
	nla_put_u8(msg, NBOND_PORT_A_LINK, NBOND_LINK_STATE_BACK);
	nla_put_u32(msg, NBOND_PORT_A_SPEED, 10000);
	nla_put_u8(msg, NBOND_PORT_A_DUPLEX, DUPLEX_FULL);
	nla_nest_end(msg, n);
	ck_assert_int_eq(ctl_genl_parse_event(msg, &ev), 0);
	ck_assert_uint_eq(ev.type, NBOND_EVENT_PORT_CHANGED);
	ck_assert_uint_eq(ev.port_ifindex, 11);
	ck_assert_str_eq(ev.port, "eth1");
	ck_assert(ev.has_link);
	ck_assert_uint_eq(ev.link, NBOND_LINK_STATE_BACK);
	ck_assert_uint_eq(ev.speed, 10000);
	ck_assert_uint_eq(ev.duplex, DUPLEX_FULL);
	ck_assert(!ev.has_cause && !ev.has_carrier);
	nlmsg_free(msg);

	/* a link down port: speed and duplex unknown, as ethtool says */
	msg = event_head(NBOND_EVENT_PORT_CHANGED);
	n = nest(msg, NBOND_A_PORT);
	nla_put_u32(msg, NBOND_PORT_A_IFINDEX, 12);
	nla_put_string(msg, NBOND_PORT_A_IFNAME, "eth2");
	nla_put_u8(msg, NBOND_PORT_A_LINK, NBOND_LINK_STATE_DOWN);
	nla_put_u32(msg, NBOND_PORT_A_SPEED, UINT32_MAX);
	nla_put_u8(msg, NBOND_PORT_A_DUPLEX, DUPLEX_UNKNOWN);
	nla_nest_end(msg, n);
	ck_assert_int_eq(ctl_genl_parse_event(msg, &ev), 0);
	ck_assert(ev.has_link);
	ck_assert_uint_eq(ev.link, NBOND_LINK_STATE_DOWN);
	ck_assert_uint_eq(ev.speed, CTL_SPEED_UNKNOWN);
	ck_assert_uint_eq(ev.duplex, CTL_DUPLEX_UNKNOWN);
	nlmsg_free(msg);
}
END_TEST

/* A message of bond0 holding ports @first ... @first + @n - 1. */
static void parse_part(struct ctl_bond *b, uint32_t first, uint32_t n)
{
	struct nl_msg *msg = bond_head();
	struct nlattr *ports;
	char name[IF_NAMESIZE];
	uint32_t i;

	ports = nest(msg, NBOND_A_PORTS);
	for (i = first; i < first + n; i++) {
		snprintf(name, sizeof(name), "e%u", i);
		put_port(msg, 100 + i, name, NBOND_LINK_STATE_UP,
			 NBOND_PORT_ROLE_ACTIVE, true, 0);
	}
	nla_nest_end(msg, ports);
	ck_assert_int_eq(ctl_genl_parse_bond(msg, b), 0);
	nlmsg_free(msg);
}

/* A dump splits a bond of many ports: the parts join in order. */
START_TEST(split_bond)
{
	struct ctl_bond b, part;
	uint32_t i;

	parse_part(&b, 0, 3);
	parse_part(&part, 3, 0);	/* a part may hold no port */
	ck_assert_int_eq(ctl_bond_join(&b, &part), 0);
	parse_part(&part, 3, 10);
	ck_assert_int_eq(ctl_bond_join(&b, &part), 0);
	ck_assert_ptr_null(part.ports);
	ck_assert_uint_eq(part.n_ports, 0);
	ck_assert_uint_eq(b.n_ports, 13);
	for (i = 0; i < b.n_ports; i++)
		ck_assert_uint_eq(b.ports[i].ifindex, 100 + i);
	ck_assert_str_eq(b.ports[12].name, "e12");
	ck_assert_str_eq(b.name, "bond0");
	free_bond(&b);
}
END_TEST

Suite *genl_suite(void)
{
	Suite *s = suite_create("genl");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, full_reply);
	tcase_add_test(tc, minimal_reply);
	tcase_add_test(tc, unknown_attributes);
	tcase_add_test(tc, lacp_reply);
	tcase_add_test(tc, lacp_sparse);
	tcase_add_loop_test(tc, malformed_reply, 0, N_BAD);
	tcase_add_test(tc, events);
	tcase_add_test(tc, port_changed);
	tcase_add_test(tc, split_bond);
	suite_add_tcase(s, tc);
	return s;
}
