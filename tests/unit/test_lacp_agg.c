// SPDX-License-Identifier: GPL-2.0
/*
 * The LACP core (lacpd/lacp*.c) between simulated systems (lacp_sim.c):
 * aggregators and the life of ports. Partner changes, keys, ad_select,
 * churn, link flaps, ports moved or removed, configuration changes, and
 * resuming after a restart of lacpd.
 */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "lacp.h"
#include "lacp_sim.h"
#include "suites.h"

/*
 * A link re-cabled from B to C leaves the bundle for an aggregator of its
 * own, which stands by.
 */
START_TEST(partner_change)
{
	struct lacp_config cfg = sim_cfg(true);
	struct lacp_port_state a0, a1;
	struct lacp_agg_info ai;
	struct sim s;
	int l1;

	sim_init(&s, 3, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	l1 = sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 10 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 2);

	sim_link_set(&s, l1, false);
	ck_assert(!sim_state(&s, SIM_A, 1).distributing);
	ck_assert(sim_state(&s, SIM_A, 0).distributing);
	sim_run_until(&s, 11 * SIM_S);
	sim_connect(&s, SIM_A, 1, SIM_C, 0, 1000);
	sim_run_until(&s, 20 * SIM_S);

	a0 = sim_state(&s, SIM_A, 0);
	a1 = sim_state(&s, SIM_A, 1);
	ck_assert(a0.distributing && a0.agg_active);
	ck_assert_uint_ne(a1.agg_id, a0.agg_id);
	ck_assert_mem_eq(a1.partner.system, sim_mac(&s, SIM_C), 6);
	ck_assert_int_eq(a1.selected, LACP_STANDBY);
	ck_assert(!a1.collecting && !a1.distributing);
	ck_assert_int_eq(a1.mux, LACP_MUX_WAITING);
	ck_assert_int_eq(lacp_agg_get(s.sys[SIM_A].lacp, a1.agg_id, &ai), 0);
	ck_assert(!ai.active);
	ck_assert_uint_eq(ai.ports, 1);
	ck_assert_mem_eq(ai.partner_system, sim_mac(&s, SIM_C), 6);
	/* C selects its only aggregator, but A does not sync with it. */
	ck_assert_int_eq(sim_state(&s, SIM_C, 0).selected, LACP_SELECTED);
	ck_assert(!sim_state(&s, SIM_C, 0).distributing);
	ck_assert_int_eq(lacp_agg_get(s.sys[SIM_A].lacp, a0.agg_id, &ai), 0);
	ck_assert_uint_eq(ai.ports, 1);
	sim_free(&s);
}
END_TEST

/* Links 0 and 1 at 1 Gb/s, link 2 at 10 Gb/s: two keys, two aggregators. */
static void mixed_speeds(struct sim *s, enum lacp_select sel)
{
	struct lacp_config cfg = sim_cfg(true);

	cfg.select = sel;
	sim_init(s, 2, &cfg);
	sim_connect(s, SIM_A, 0, SIM_B, 0, 1000);
	sim_connect(s, SIM_A, 1, SIM_B, 1, 1000);
	sim_connect(s, SIM_A, 2, SIM_B, 2, 10000);
	sim_run_until(s, 10 * SIM_S);
}

static void assert_standby(const struct sim *s, int sys, int port)
{
	struct lacp_port_state st = sim_state(s, sys, port);

	ck_assert_int_eq(st.selected, LACP_STANDBY);
	ck_assert(!st.agg_active);
	ck_assert(!st.collecting && !st.distributing);
	ck_assert_uint_eq(st.actor.state & LACP_STATE_SYNC, 0);
}

START_TEST(key_mismatch)
{
	struct lacp_port_state p0, p1, p2;
	struct sim s;
	int sys;

	mixed_speeds(&s, LACP_SELECT_BANDWIDTH);
	for (sys = SIM_A; sys <= SIM_B; sys++) {
		p0 = sim_state(&s, sys, 0);
		p1 = sim_state(&s, sys, 1);
		p2 = sim_state(&s, sys, 2);
		ck_assert_uint_eq(p0.actor.key, 4 << 1 | 1);
		ck_assert_uint_eq(p2.actor.key, 7 << 1 | 1);
		ck_assert_uint_eq(p0.agg_id, p1.agg_id);
		ck_assert_uint_ne(p0.agg_id, p2.agg_id);
		ck_assert(p2.distributing && p2.agg_active);
		ck_assert_int_eq(p2.selected, LACP_SELECTED);
		assert_standby(&s, sys, 0);
		assert_standby(&s, sys, 1);
		ck_assert_uint_eq(lacp_active_agg(s.sys[sys].lacp), p2.agg_id);
	}
	sim_free(&s);
}
END_TEST

START_TEST(select_count)
{
	struct lacp_port_state p0;
	struct sim s;

	mixed_speeds(&s, LACP_SELECT_COUNT);
	p0 = sim_state(&s, SIM_A, 0);
	ck_assert(p0.distributing && p0.agg_active);
	ck_assert(sim_state(&s, SIM_A, 1).distributing);
	assert_standby(&s, SIM_A, 2);
	ck_assert_uint_eq(lacp_active_agg(s.sys[SIM_A].lacp), p0.agg_id);
	sim_free(&s);
}
END_TEST

/*
 * Two 1 Gb/s links form first; a 10 Gb/s link joins later. stable keeps
 * the first aggregator until all its links are down, and keeps the new
 * one when they come back; bandwidth moves to the faster one at once and
 * stays with it.
 */
static void late_fast_link(enum lacp_select sel)
{
	struct lacp_config cfg = sim_cfg(true);
	bool stable = sel == LACP_SELECT_STABLE;
	struct sim s;
	int l0, l1;

	cfg.select = sel;
	sim_init(&s, 2, &cfg);
	l0 = sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	l1 = sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 10 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 2);

	sim_connect(&s, SIM_A, 2, SIM_B, 2, 10000);
	sim_run_until(&s, 20 * SIM_S);
	if (stable) {
		sim_assert_bundle(&s, SIM_A, SIM_B, 2);
		assert_standby(&s, SIM_A, 2);
	} else {
		ck_assert(sim_state(&s, SIM_A, 2).distributing);
		assert_standby(&s, SIM_A, 0);
		assert_standby(&s, SIM_A, 1);
	}

	sim_link_set(&s, l0, false);
	sim_run_until(&s, 25 * SIM_S);
	if (stable) {
		/* One link of the active aggregator is still up. */
		ck_assert(sim_state(&s, SIM_A, 1).distributing);
		assert_standby(&s, SIM_A, 2);
	}
	sim_link_set(&s, l1, false);
	sim_run_until(&s, 30 * SIM_S);
	ck_assert(sim_state(&s, SIM_A, 2).distributing);
	ck_assert(sim_state(&s, SIM_B, 2).distributing);

	sim_link_set(&s, l0, true);
	sim_link_set(&s, l1, true);
	sim_run_until(&s, 40 * SIM_S);
	ck_assert(sim_state(&s, SIM_A, 2).distributing);
	assert_standby(&s, SIM_A, 0);
	assert_standby(&s, SIM_A, 1);
	sim_free(&s);
}

START_TEST(select_stable)
{
	late_fast_link(LACP_SELECT_STABLE);
}
END_TEST

START_TEST(select_bandwidth)
{
	late_fast_link(LACP_SELECT_BANDWIDTH);
}
END_TEST

/* count fails over when the active aggregator loses a link. */
START_TEST(select_count_partial_failure)
{
	struct sim s;

	mixed_speeds(&s, LACP_SELECT_COUNT);
	ck_assert(sim_state(&s, SIM_A, 0).distributing);
	/* Two links against one; a third 1 Gb/s link down makes it 1:1. */
	sim_link_set(&s, 0, false);
	sim_run_until(&s, 20 * SIM_S);
	/* A tie keeps the active aggregator. */
	ck_assert(sim_state(&s, SIM_A, 1).distributing);
	assert_standby(&s, SIM_A, 2);
	sim_link_set(&s, 1, false);
	sim_run_until(&s, 30 * SIM_S);
	ck_assert(sim_state(&s, SIM_A, 2).distributing);
	sim_free(&s);
}
END_TEST

/* Standby ports never sync: both churn machines fire after 60 s, once. */
START_TEST(churn)
{
	struct lacp_port_state st;
	struct sim s;
	uint64_t t;
	int i;

	mixed_speeds(&s, LACP_SELECT_BANDWIDTH);
	sim_run_until(&s, 59 * SIM_S);
	st = sim_state(&s, SIM_A, 0);
	ck_assert_int_eq(st.actor_churn, LACP_CHURN_MONITOR);
	ck_assert_int_eq(st.partner_churn, LACP_CHURN_MONITOR);

	sim_run_until(&s, 200 * SIM_S);
	for (i = 0; i < 2; i++) {
		t = sim_when(&s, SIM_A, i, sim_actor_churned, 0);
		ck_assert_uint_eq(t, LACP_CHURN_DETECTION_TIME);
		t = sim_when(&s, SIM_A, i, sim_partner_churned, 0);
		ck_assert_uint_ge(t, LACP_CHURN_DETECTION_TIME);
		ck_assert_uint_le(t, LACP_CHURN_DETECTION_TIME + 10 * SIM_MS);
		st = sim_state(&s, SIM_A, i);
		ck_assert_int_eq(st.actor_churn, LACP_CHURN_CHURNED);
		ck_assert_int_eq(st.partner_churn, LACP_CHURN_CHURNED);
		ck_assert_uint_eq(st.actor_churn_count, 1);
		ck_assert_uint_eq(st.partner_churn_count, 1);
	}
	st = sim_state(&s, SIM_A, 2);
	ck_assert_int_eq(st.actor_churn, LACP_CHURN_NONE);
	ck_assert_int_eq(st.partner_churn, LACP_CHURN_NONE);
	ck_assert_uint_eq(st.actor_churn_count, 0);
	ck_assert_uint_eq(st.partner_churn_count, 0);
	ck_assert_str_eq(lacp_churn_name(LACP_CHURN_CHURNED), "churned");
	sim_free(&s);
}
END_TEST

/*
 * lacpd restarts: A's core goes away for half a second and comes back
 * seeded with what the driver kept. Nothing stops distributing, on either
 * side, and A speaks at once.
 */
START_TEST(resume)
{
	struct lacp_config cfg = sim_cfg(true);
	struct lacp_port_state saved[2];
	uint64_t t_stop = 10 * SIM_S, t_start = t_stop + 500 * SIM_MS;
	struct sim s;
	int sys, i;

	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, t_stop);
	sim_assert_bundle(&s, SIM_A, SIM_B, 2);
	for (i = 0; i < 2; i++) {
		saved[i] = sim_state(&s, SIM_A, i);
		/* The driver keeps no churn or machine state. */
		saved[i].actor_churn = LACP_CHURN_MONITOR;
		saved[i].partner_churn = LACP_CHURN_MONITOR;
		saved[i].rx = 0;
		saved[i].mux = 0;
		saved[i].agg_active = false;
	}

	sim_stop(&s, SIM_A);
	sim_run_until(&s, t_start);
	sim_start(&s, SIM_A, saved);
	ck_assert_uint_eq(sim_tx_count(&s, SIM_A, 0, t_start, t_start + 1), 1);
	ck_assert_uint_eq(sim_tx_count(&s, SIM_A, 1, t_start, t_start + 1), 1);
	sim_run_until(&s, 30 * SIM_S);

	sim_assert_bundle(&s, SIM_A, SIM_B, 2);
	sim_assert_bundle(&s, SIM_B, SIM_A, 2);
	for (sys = SIM_A; sys <= SIM_B; sys++) {
		for (i = 0; i < 2; i++) {
			ck_assert(!sim_ever(&s, sys, i, sim_not_distributing,
					    t_stop, 30 * SIM_S));
			ck_assert(!sim_ever(&s, sys, i, sim_expired, t_stop,
					    30 * SIM_S));
		}
	}
	for (i = 0; i < 2; i++) {
		ck_assert_uint_eq(sim_state(&s, SIM_A, i).agg_id,
				  saved[i].agg_id);
		ck_assert_uint_ge(sim_state(&s, SIM_A, i).counters.lacpdu_tx,
				  saved[i].counters.lacpdu_tx + 19);
	}
	sim_free(&s);
}
END_TEST

/* Saved state that no longer fits (another key): the port starts over. */
START_TEST(resume_mismatch)
{
	struct lacp_config cfg = sim_cfg(true);
	struct lacp_port_state saved[1];
	uint64_t t = 10 * SIM_S, back;
	struct sim s;

	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_run_until(&s, t);
	saved[0] = sim_state(&s, SIM_A, 0);
	sim_stop(&s, SIM_A);
	s.sys[SIM_A].cfg.user_key = 3;
	sim_start(&s, SIM_A, saved);
	ck_assert(!sim_state(&s, SIM_A, 0).distributing);
	ck_assert_uint_eq(sim_state(&s, SIM_A, 0).actor.key, 3 << 6 | 9);
	sim_run_until(&s, 20 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 1);
	sim_assert_bundle(&s, SIM_B, SIM_A, 1);
	back = sim_when(&s, SIM_A, 0, sim_distributing, t);
	ck_assert_uint_ge(back, t + LACP_AGGREGATE_WAIT_TIME);
	ck_assert_uint_le(back, t + LACP_AGGREGATE_WAIT_TIME + 10 * SIM_MS);
	ck_assert_uint_eq(sim_state(&s, SIM_B, 0).partner.key, 3 << 6 | 9);
	sim_free(&s);
}
END_TEST

/* A link flap: out at once, back without a new aggregate wait. */
START_TEST(link_flap)
{
	struct lacp_config cfg = sim_cfg(true);
	uint16_t agg;
	uint64_t back;
	struct sim s;
	int l0;

	sim_init(&s, 2, &cfg);
	l0 = sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 10 * SIM_S);
	agg = sim_state(&s, SIM_A, 0).agg_id;

	sim_link_set(&s, l0, false);
	ck_assert(!sim_state(&s, SIM_A, 0).distributing);
	ck_assert(!sim_state(&s, SIM_B, 0).distributing);
	ck_assert(sim_state(&s, SIM_A, 1).distributing);
	sim_run_until(&s, 12 * SIM_S);
	ck_assert_uint_eq(sim_state(&s, SIM_A, 0).agg_id, agg);

	sim_link_set(&s, l0, true);
	sim_run_until(&s, 20 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 2);
	back = sim_when(&s, SIM_A, 0, sim_distributing, 12 * SIM_S);
	ck_assert_uint_le(back, 12 * SIM_S + 10 * SIM_MS);
	ck_assert_uint_eq(sim_state(&s, SIM_A, 0).agg_id, agg);
	sim_free(&s);
}
END_TEST

/* A port taken out of the bond: the rest goes on, its partner times out. */
START_TEST(port_removed)
{
	struct lacp_config cfg = sim_cfg(true);
	struct lacp_port_state st;
	struct lacp_agg_info ai;
	struct sim s;

	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 10 * SIM_S);
	sim_port_del(&s, SIM_A, 1);
	ck_assert_int_eq(lacp_port_get(s.sys[SIM_A].lacp, sim_ifindex(1),
				       &st), -ENOENT);
	sim_run_until(&s, 20 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 1);
	ck_assert_int_eq(lacp_agg_get(s.sys[SIM_A].lacp,
				      lacp_active_agg(s.sys[SIM_A].lacp), &ai),
			 0);
	ck_assert_uint_eq(ai.ports, 1);
	ck_assert_int_eq(sim_state(&s, SIM_B, 1).rx, LACP_RX_DEFAULTED);
	ck_assert(sim_ever(&s, SIM_B, 1, sim_expired, 10 * SIM_S, 14 * SIM_S));
	ck_assert(sim_state(&s, SIM_B, 0).distributing);
	sim_free(&s);
}
END_TEST

/* ad_user_port_key changes the key: the bundle forms again with it. */
START_TEST(user_key_change)
{
	struct lacp_config cfg = sim_cfg(true);
	struct sim s;
	uint64_t back;

	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 10 * SIM_S);
	cfg.user_key = 5;
	sim_config(&s, SIM_A, &cfg);
	sim_run_until(&s, 20 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 2);
	sim_assert_bundle(&s, SIM_B, SIM_A, 2);
	ck_assert_uint_eq(sim_state(&s, SIM_A, 0).actor.key, 5 << 6 | 9);
	back = sim_when(&s, SIM_A, 1, sim_distributing, 10 * SIM_S + 1);
	ck_assert_uint_ge(back, 10 * SIM_S + LACP_AGGREGATE_WAIT_TIME);
	ck_assert_uint_le(back, 10 * SIM_S + LACP_AGGREGATE_WAIT_TIME +
				10 * SIM_MS);
	sim_free(&s);
}
END_TEST

/* ad_actor_system and ad_actor_sys_prio show up at the partner. */
START_TEST(actor_system)
{
	struct lacp_config cfg = sim_cfg(true);
	static const uint8_t sysid[6] = { 0x02, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
	struct lacp_port_state st;
	struct sim s;

	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_run_until(&s, 10 * SIM_S);
	memcpy(cfg.system, sysid, 6);
	cfg.sys_prio = 100;
	sim_config(&s, SIM_A, &cfg);
	sim_run_until(&s, 20 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 1);
	st = sim_state(&s, SIM_B, 0);
	ck_assert_mem_eq(st.partner.system, sysid, 6);
	ck_assert_uint_eq(st.partner.system_prio, 100);
	sim_free(&s);
}
END_TEST

/*
 * port_moved: B's cable moves from A1 (now link down) to A2. A1 forgets
 * its partner as soon as that partner shows up on A2, and A2 joins the
 * bundle.
 */
START_TEST(port_moved)
{
	struct lacp_config cfg = sim_cfg(true);
	struct lacp_port_state a1, a2;
	struct sim s;
	int l1, l2;

	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	l1 = sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 10 * SIM_S);
	sim_link_set(&s, l1, false);
	sim_run_until(&s, 11 * SIM_S);
	a1 = sim_state(&s, SIM_A, 1);
	ck_assert_int_eq(a1.rx, LACP_RX_PORT_DISABLED);
	ck_assert_mem_eq(a1.partner.system, sim_mac(&s, SIM_B), 6);

	/* The same B port, cabled to A2 now. */
	l2 = sim_connect(&s, SIM_A, 2, SIM_B, 1, 1000);
	ck_assert_int_ne(l1, l2);
	sim_run_until(&s, 20 * SIM_S);
	a1 = sim_state(&s, SIM_A, 1);
	a2 = sim_state(&s, SIM_A, 2);
	ck_assert_int_eq(a1.rx, LACP_RX_PORT_DISABLED);
	ck_assert_uint_eq(a1.partner.system[5], 0);
	ck_assert_uint_eq(a1.actor.state & LACP_STATE_DEFAULTED,
			  LACP_STATE_DEFAULTED);
	ck_assert_uint_ne(a1.agg_id, a2.agg_id);
	ck_assert(a2.distributing);
	ck_assert_uint_eq(a2.agg_id, sim_state(&s, SIM_A, 0).agg_id);
	ck_assert_uint_eq(a2.partner.port, 2);
	sim_free(&s);
}
END_TEST

/*
 * A half-duplex link cannot run LACP: no LACPDU, an individual aggregator,
 * and with bonding's fallback the bond still uses it when alone.
 */
START_TEST(half_duplex)
{
	struct lacp_config cfg = sim_cfg(true);
	struct lacp_link half = { .up = true, .speed_mbps = 100 };
	struct lacp_port_state st;
	struct lacp_agg_info ai;
	struct sim s;

	cfg.fallback = true;
	sim_init(&s, 1, &cfg);
	ck_assert_int_eq(lacp_port_add(s.sys[SIM_A].lacp, sim_ifindex(0), 1,
				       255, &half, 0), 0);
	s.sys[SIM_A].ports[0].present = true;
	sim_run_until(&s, 10 * SIM_S);
	st = sim_state(&s, SIM_A, 0);
	ck_assert_uint_eq(s.sys[SIM_A].ports[0].ntx, 0);
	ck_assert_int_eq(st.rx, LACP_RX_LACP_DISABLED);
	ck_assert_uint_eq(st.actor.key, 3 << 1);
	ck_assert_uint_eq(st.actor.state & LACP_STATE_AGGREGATION, 0);
	ck_assert_int_eq(st.mux, LACP_MUX_ATTACHED);
	ck_assert(st.agg_active && st.collecting && st.distributing);
	ck_assert_int_eq(lacp_agg_get(s.sys[SIM_A].lacp, st.agg_id, &ai), 0);
	ck_assert(ai.individual);

	cfg.fallback = false;
	sim_config(&s, SIM_A, &cfg);
	ck_assert(!sim_state(&s, SIM_A, 0).distributing);
	sim_free(&s);
}
END_TEST

Suite *lacp_agg_suite(void)
{
	Suite *s = suite_create("lacp_agg");
	TCase *tc = tcase_create("sim");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, partner_change);
	tcase_add_test(tc, key_mismatch);
	tcase_add_test(tc, select_count);
	tcase_add_test(tc, select_stable);
	tcase_add_test(tc, select_bandwidth);
	tcase_add_test(tc, select_count_partial_failure);
	tcase_add_test(tc, churn);
	tcase_add_test(tc, resume);
	tcase_add_test(tc, resume_mismatch);
	tcase_add_test(tc, link_flap);
	tcase_add_test(tc, port_removed);
	tcase_add_test(tc, user_key_change);
	tcase_add_test(tc, actor_system);
	tcase_add_test(tc, port_moved);
	tcase_add_test(tc, half_duplex);
	suite_add_tcase(s, tc);
	return s;
}
