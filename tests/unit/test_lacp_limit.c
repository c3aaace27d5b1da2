// SPDX-License-Identifier: GPL-2.0
/*
 * The LACP core (lacpd/lacp*.c) between simulated systems (lacp_sim.c):
 * the limit on the ports of the active aggregator (cfg.max_ports). Only
 * that many are SELECTED, the rest STANDBY; the Port Identifiers of the
 * end with the better System Identifier choose them (802.1AX-2014
 * 6.4.14.1), so both ends pick the same links; a port with link down
 * ranks last.
 *
 * Every test joins A and B by four 1 Gb/s links, A's port i to B's port i.
 */
#include <check.h>
#include <string.h>

#include "lacp.h"
#include "lacp_sim.h"
#include "suites.h"

#define NLINKS 4
#define ALL_LINKS ((1u << NLINKS) - 1)

/* A prefers links 0 and 1, B links 2 and 3. */
static const uint16_t prio_a[NLINKS] = { 100, 100, 200, 200 };
static const uint16_t prio_b[NLINKS] = { 200, 200, 100, 100 };

/* A's order is 0, 1, 2, 3; B's 3, 2, 1, 0. No ties. */
static const uint16_t rank_a[NLINKS] = { 100, 110, 120, 130 };
static const uint16_t rank_b[NLINKS] = { 130, 120, 110, 100 };

/*
 * A with @ca and B with @cb, their ports with priorities @pa and @pb,
 * cabled; then 10 s to converge.
 */
static void four_links(struct sim *s, const struct lacp_config *ca,
		       const struct lacp_config *cb, const uint16_t *pa,
		       const uint16_t *pb)
{
	int i;

	sim_init(s, 2, ca);
	sim_config(s, SIM_B, cb);
	for (i = 0; i < NLINKS; i++) {
		sim_port_prio(s, SIM_A, i, pa[i]);
		sim_port_prio(s, SIM_B, i, pb[i]);
	}
	for (i = 0; i < NLINKS; i++)
		ck_assert_int_eq(sim_connect(s, SIM_A, i, SIM_B, i, 1000), i);
	sim_run_until(s, 10 * SIM_S);
}

static int peer_of(int sys)
{
	return sys == SIM_A ? SIM_B : SIM_A;
}

static bool limited(const struct sim *s, int sys)
{
	return s->sys[sys].cfg.max_ports != 0;
}

/* Port @i of @sys collects and distributes, in sync with its partner. */
static void assert_on(const struct sim *s, int sys, int i)
{
	struct lacp_port_state st = sim_state(s, sys, i);
	struct lacp_port_state peer = sim_state(s, peer_of(sys), i);

	ck_assert_msg(st.collecting && st.distributing,
		      "%c%d: does not carry traffic", 'A' + sys, i);
	ck_assert_int_eq(st.selected, LACP_SELECTED);
	ck_assert_int_eq(st.mux, LACP_MUX_COLL_DIST);
	ck_assert_int_eq(st.rx, LACP_RX_CURRENT);
	ck_assert_uint_eq(st.actor.state & SIM_ALL_ON, SIM_ALL_ON);
	ck_assert_uint_eq(st.partner.state & SIM_ALL_ON, SIM_ALL_ON);
	ck_assert_mem_eq(st.partner.system, peer.actor.system, LACP_ETH_ALEN);
	ck_assert_uint_eq(st.partner.port, peer.actor.port);
	ck_assert_uint_eq(st.partner.port_prio, peer.actor.port_prio);
}

/*
 * Port @i of @sys carries no traffic. An end with a limit holds it
 * STANDBY, in Mux WAITING and out of sync; an end without one keeps it
 * SELECTED but ATTACHED, for its partner never syncs.
 */
static void assert_off(const struct sim *s, int sys, int i)
{
	struct lacp_port_state st = sim_state(s, sys, i);

	ck_assert_msg(!st.collecting && !st.distributing,
		      "%c%d: carries traffic", 'A' + sys, i);
	ck_assert_uint_eq(st.actor.state & SIM_MUX_ON, 0);
	if (limited(s, peer_of(sys)))
		ck_assert_uint_eq(st.partner.state & LACP_STATE_SYNC, 0);
	if (!limited(s, sys)) {
		ck_assert_int_eq(st.selected, LACP_SELECTED);
		ck_assert_int_eq(st.mux, LACP_MUX_ATTACHED);
		return;
	}
	ck_assert_msg(st.selected == LACP_STANDBY, "%c%d: %s, not standby",
		      'A' + sys, i, lacp_selected_name(st.selected));
	ck_assert_int_eq(st.mux, LACP_MUX_WAITING);
	ck_assert_uint_eq(st.actor.state & LACP_STATE_SYNC, 0);
}

/*
 * The links in @on carry traffic at both ends, the others at neither. All
 * four ports of each end are in its active aggregator.
 */
static void assert_links(const struct sim *s, unsigned int on)
{
	struct lacp_port_state st;
	int sys, i, n;
	uint16_t agg;

	for (sys = SIM_A; sys <= SIM_B; sys++) {
		agg = lacp_active_agg(s->sys[sys].lacp);
		ck_assert_uint_ne(agg, 0);
		n = 0;
		for (i = 0; i < NLINKS; i++) {
			st = sim_state(s, sys, i);
			ck_assert_msg(st.agg_id == agg && st.agg_active,
				      "%c%d: not in the active aggregator %u",
				      'A' + sys, i, agg);
			if (on & 1u << i) {
				assert_on(s, sys, i);
				n++;
			} else {
				assert_off(s, sys, i);
			}
		}
		ck_assert_int_eq(n, __builtin_popcount(on));
		if (limited(s, sys))
			ck_assert_int_le(n, s->sys[sys].cfg.max_ports);
	}
}

/*
 * From @from to now, the links in @on carried traffic at both ends without
 * a break, the others never did.
 */
static void assert_steady(const struct sim *s, unsigned int on,
			  uint64_t from)
{
	int sys, i;

	for (sys = SIM_A; sys <= SIM_B; sys++) {
		for (i = 0; i < NLINKS; i++) {
			sim_pred bad = on & 1u << i ? sim_not_distributing :
						      sim_distributing;

			ck_assert_msg(!sim_ever(s, sys, i, bad, from, s->now),
				      "%c%d: %s since %llu ns", 'A' + sys, i,
				      on & 1u << i ? "stopped" : "started",
				      (unsigned long long)from);
		}
	}
}

static bool is_selected(const struct lacp_port_state *st)
{
	return st->selected == LACP_SELECTED;
}

/* What @pred says of the port at @t: its last report at or before @t. */
static bool port_at(const struct sim_port *p, sim_pred pred, uint64_t t)
{
	bool yes = false;
	size_t k;

	for (k = 0; k < p->nlog && p->log[k].t <= t; k++)
		yes = pred(&p->log[k].st);
	return yes;
}

/*
 * The most ports of @sys for which @pred held together, at any time a
 * report was made, from the start to now.
 */
static int peak(const struct sim *s, int sys, sim_pred pred)
{
	const struct sim_sys *y = &s->sys[sys];
	int most = 0, n, i, j;
	size_t k;

	for (i = 0; i < NLINKS; i++) {
		for (k = 0; k < y->ports[i].nlog; k++) {
			uint64_t t = y->ports[i].log[k].t;

			n = 0;
			for (j = 0; j < NLINKS; j++)
				n += port_at(&y->ports[j], pred, t);
			if (n > most)
				most = n;
		}
	}
	return most;
}

/*
 * Every end with a limit reached it and kept to it all along: never more
 * ports SELECTED, or distributing, than it allows.
 */
static void assert_never_over(const struct sim *s)
{
	int sys, max;

	for (sys = SIM_A; sys <= SIM_B; sys++) {
		max = s->sys[sys].cfg.max_ports;
		if (!max)
			continue;
		ck_assert_int_eq(peak(s, sys, is_selected),
				 max < NLINKS ? max : NLINKS);
		ck_assert_int_le(peak(s, sys, sim_distributing), max);
	}
}

static struct lacp_config limit_cfg(uint16_t sys_prio, uint16_t max_ports)
{
	struct lacp_config cfg = sim_cfg(true);

	cfg.sys_prio = sys_prio;
	cfg.max_ports = max_ports;
	return cfg;
}

/*
 * Both ends limited to 2, each preferring other links: the better system
 * priority wins at both ends. B takes the better priority: the choice
 * turns over to B's links, at both ends. Fast and slow lacp_rate.
 */
START_TEST(limit_sys_prio)
{
	struct lacp_config ca = limit_cfg(100, 2), cb = limit_cfg(200, 2);
	struct sim s;

	ca.fast = _i == 0;
	cb.fast = ca.fast;
	four_links(&s, &ca, &cb, prio_a, prio_b);
	assert_links(&s, 0x3);
	sim_run_until(&s, 20 * SIM_S);
	assert_links(&s, 0x3);
	assert_steady(&s, 0x3, 10 * SIM_S);

	cb.sys_prio = 50;
	sim_config(&s, SIM_B, &cb);
	ck_assert_uint_eq(sim_state(&s, SIM_B, 0).actor.system_prio, 50);
	sim_run_until(&s, 30 * SIM_S);
	assert_links(&s, 0xc);
	ck_assert_uint_eq(sim_state(&s, SIM_A, 2).partner.system_prio, 50);
	sim_run_until(&s, 40 * SIM_S);
	assert_links(&s, 0xc);
	assert_steady(&s, 0xc, 30 * SIM_S);
	assert_never_over(&s);
	sim_free(&s);
}
END_TEST

/*
 * Equal system priorities: the lower system address decides. A's bond
 * address (:01) is lower than B's (:02); then A takes ad_actor_system :09
 * and B decides.
 */
START_TEST(limit_mac_decides)
{
	static const uint8_t high[LACP_ETH_ALEN] = { 2, 0, 0, 0, 0, 9 };
	struct lacp_config ca = limit_cfg(1000, 2), cb = limit_cfg(1000, 2);
	struct sim s;

	four_links(&s, &ca, &cb, prio_a, prio_b);
	ck_assert_int_lt(memcmp(sim_mac(&s, SIM_A), sim_mac(&s, SIM_B),
				LACP_ETH_ALEN), 0);
	assert_links(&s, 0x3);

	memcpy(ca.system, high, LACP_ETH_ALEN);
	sim_config(&s, SIM_A, &ca);
	sim_run_until(&s, 20 * SIM_S);
	ck_assert_mem_eq(sim_state(&s, SIM_B, 0).partner.system, high,
			 LACP_ETH_ALEN);
	ck_assert_int_gt(memcmp(high, sim_mac(&s, SIM_B), LACP_ETH_ALEN), 0);
	assert_links(&s, 0xc);
	sim_run_until(&s, 30 * SIM_S);
	assert_links(&s, 0xc);
	assert_steady(&s, 0xc, 20 * SIM_S);
	assert_never_over(&s);
	sim_free(&s);
}
END_TEST

/*
 * The limit at one end only (bit 0 of _i: B's, else A's), the better
 * system priority at either (bit 1: B's, else A's). Exactly the two links
 * the better system prefers carry traffic; when that is the unlimited
 * end, the limited one ranks its ports by the partner's port priorities,
 * against its own.
 */
START_TEST(limit_one_end)
{
	bool b_limited = _i & 1, b_decides = _i & 2;
	struct lacp_config ca = limit_cfg(b_decides ? 200 : 100,
					  b_limited ? 0 : 2);
	struct lacp_config cb = limit_cfg(b_decides ? 100 : 200,
					  b_limited ? 2 : 0);
	unsigned int on = b_decides ? 0xc : 0x3;
	struct sim s;

	four_links(&s, &ca, &cb, prio_a, prio_b);
	assert_links(&s, on);
	sim_run_until(&s, 20 * SIM_S);
	assert_links(&s, on);
	assert_steady(&s, on, 10 * SIM_S);
	assert_never_over(&s);
	sim_free(&s);
}
END_TEST

/* The links of @order from @first on, @n of them, as a mask. */
static unsigned int links(const int *order, int first, int n)
{
	unsigned int mask = 0;
	int i;

	for (i = first; i < first + n; i++)
		mask |= 1u << order[i];
	return mask;
}

/*
 * A SELECTED link goes down: the best standby link takes its place, at
 * once (it has waited already), and the dead one stands by. The link
 * comes back: it takes its place again, at once too, and the stand-in
 * stands by again.
 * _i: 0, A decides; 1, B decides.
 */
START_TEST(limit_link_loss)
{
	static const int order_a[NLINKS] = { 0, 1, 2, 3 };
	static const int order_b[NLINKS] = { 3, 2, 1, 0 };
	bool b_decides = _i;
	const int *order = b_decides ? order_b : order_a;
	struct lacp_config ca = limit_cfg(b_decides ? 200 : 100, 2);
	struct lacp_config cb = limit_cfg(b_decides ? 100 : 200, 2);
	uint64_t t_down = 10 * SIM_S, t_up = 20 * SIM_S, t;
	struct lacp_port_state st;
	struct sim s;
	int sys;

	four_links(&s, &ca, &cb, rank_a, rank_b);
	assert_links(&s, links(order, 0, 2));

	sim_link_set(&s, order[0], false);
	for (sys = SIM_A; sys <= SIM_B; sys++)
		ck_assert(!sim_state(&s, sys, order[0]).distributing);
	sim_run_until(&s, t_up);
	assert_links(&s, links(order, 1, 2));
	for (sys = SIM_A; sys <= SIM_B; sys++) {
		st = sim_state(&s, sys, order[0]);
		ck_assert_int_eq(st.rx, LACP_RX_PORT_DISABLED);
		/* Hot standby: no second aggregate wait. */
		t = sim_when(&s, sys, order[2], sim_distributing, t_down);
		ck_assert_uint_lt(t, t_down + 10 * SIM_MS);
		/* The last one never moved. */
		ck_assert(!sim_ever(&s, sys, order[3], sim_distributing, 0,
				    s.now));
	}
	assert_steady(&s, links(order, 1, 2), t_down + SIM_S);

	sim_link_set(&s, order[0], true);
	sim_run_until(&s, 30 * SIM_S);
	assert_links(&s, links(order, 0, 2));
	for (sys = SIM_A; sys <= SIM_B; sys++) {
		ck_assert(sim_ever(&s, sys, order[2], sim_not_distributing,
				   t_up, t_up + SIM_S));
		/* It waited while down: back within a round trip. */
		t = sim_when(&s, sys, order[0], sim_distributing, t_up);
		ck_assert_uint_lt(t, t_up + 10 * SIM_MS);
	}
	sim_run_until(&s, 40 * SIM_S);
	assert_links(&s, links(order, 0, 2));
	assert_steady(&s, links(order, 0, 2), 30 * SIM_S);
	assert_never_over(&s);
	sim_free(&s);
}
END_TEST

/*
 * lacp_port_set_prio() at the deciding end moves a link up its order: it
 * takes the place of the worse of the two. The same at the other end
 * changes nothing. Put back, the first choice returns.
 * _i: 0, A decides; 1, B decides.
 */
START_TEST(limit_set_prio)
{
	bool b_decides = _i;
	int decider = b_decides ? SIM_B : SIM_A, other = peer_of(decider);
	struct lacp_config ca = limit_cfg(b_decides ? 200 : 100, 2);
	struct lacp_config cb = limit_cfg(b_decides ? 100 : 200, 2);
	/* A standby link of the decider's, raised; the links used then. */
	int port = b_decides ? 0 : 3;
	unsigned int first = b_decides ? 0xc : 0x3;
	unsigned int then = b_decides ? 0x5 : 0x9;
	const uint16_t *prios = b_decides ? prio_b : prio_a;
	struct sim s;
	int i;

	four_links(&s, &ca, &cb, prio_a, prio_b);
	assert_links(&s, first);

	sim_port_prio(&s, decider, port, 50);
	ck_assert_uint_eq(sim_state(&s, decider, port).actor.port_prio, 50);
	sim_run_until(&s, 20 * SIM_S);
	assert_links(&s, then);
	ck_assert_uint_eq(sim_state(&s, other, port).partner.port_prio, 50);
	assert_steady(&s, then, 15 * SIM_S);

	/* The other end prefers the links left out: it has no say. */
	for (i = 0; i < NLINKS; i++)
		if (!(then & 1u << i))
			sim_port_prio(&s, other, i, 1);
	sim_run_until(&s, 30 * SIM_S);
	assert_links(&s, then);
	assert_steady(&s, then, 15 * SIM_S);
	for (i = 0; i < NLINKS; i++)
		if (!(then & 1u << i))
			ck_assert_uint_eq(sim_state(&s, decider, i)
					  .partner.port_prio, 1);

	sim_port_prio(&s, decider, port, prios[port]);
	sim_run_until(&s, 40 * SIM_S);
	assert_links(&s, first);
	sim_run_until(&s, 50 * SIM_S);
	assert_steady(&s, first, 40 * SIM_S);
	assert_never_over(&s);
	sim_free(&s);
}
END_TEST

/*
 * max_ports of every size at both ends: 0 (no limit) and any limit as
 * large as the bond or larger leave all four links in use, as without
 * the option; 1 to 3 take A's first choices (the default system
 * priorities tie; A's address is the lower).
 */
static const struct {
	uint16_t max;
	unsigned int on;
} sizes[] = {
	{ 0, ALL_LINKS },
	{ 4, ALL_LINKS },
	{ 5, ALL_LINKS },
	{ 0xffff, ALL_LINKS },
	{ 1, 0x1 },
	{ 2, 0x3 },
	{ 3, 0x7 },
};

#define NSIZES ((int)(sizeof(sizes) / sizeof(sizes[0])))

START_TEST(limit_sizes)
{
	struct lacp_config cfg = sim_cfg(true);
	unsigned int on = sizes[_i].on;
	struct sim s;

	cfg.max_ports = sizes[_i].max;
	four_links(&s, &cfg, &cfg, rank_a, rank_b);
	ck_assert_uint_eq(sim_state(&s, SIM_A, 0).actor.system_prio, 0xffff);
	assert_links(&s, on);
	if (on == ALL_LINKS) {
		sim_assert_bundle(&s, SIM_A, SIM_B, NLINKS);
		sim_assert_bundle(&s, SIM_B, SIM_A, NLINKS);
	}
	sim_run_until(&s, 20 * SIM_S);
	assert_links(&s, on);
	assert_steady(&s, on, 10 * SIM_S);
	assert_never_over(&s);
	sim_free(&s);
}
END_TEST

Suite *lacp_limit_suite(void)
{
	Suite *s = suite_create("lacp_limit");
	TCase *tc = tcase_create("sim");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, limit_sys_prio, 0, 2);
	tcase_add_test(tc, limit_mac_decides);
	tcase_add_loop_test(tc, limit_one_end, 0, 4);
	tcase_add_loop_test(tc, limit_link_loss, 0, 2);
	tcase_add_loop_test(tc, limit_set_prio, 0, 2);
	tcase_add_loop_test(tc, limit_sizes, 0, NSIZES);
	suite_add_tcase(s, tc);
	return s;
}
