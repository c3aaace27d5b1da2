// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd's conversions of a port's LACP state between the core and the
 * driver (lacpd/drv_state.c): every field survives the round trip, the
 * enumerations map value for value, and a state without an aggregator is
 * nothing to resume.
 */
#include <check.h>
#include <string.h>
#include <linux/nbond.h>

#include "drv_state.h"
#include "suites.h"

static struct lacp_port_state sample(void)
{
	struct lacp_port_state st;

	memset(&st, 0, sizeof(st));
	st.agg_id = 7;
	st.selected = LACP_STANDBY;
	st.collecting = true;
	st.distributing = false;
	st.actor = (struct lacp_info){
		.system_prio = 100, .system = { 2, 0, 0, 0, 0, 1 }, .key = 9,
		.port_prio = 255, .port = 3, .state = 0x3d,
	};
	st.partner = (struct lacp_info){
		.system_prio = 200, .system = { 2, 0, 0, 0, 0, 2 }, .key = 11,
		.port_prio = 128, .port = 4, .state = 0x3f,
	};
	st.actor_churn = LACP_CHURN_CHURNED;
	st.partner_churn = LACP_CHURN_NONE;
	st.actor_churn_count = 5;
	st.partner_churn_count = 6;
	st.counters = (struct lacp_counters){ 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	return st;
}

/* Field by field: the struct has padding. */
static void info_eq(const struct lacp_info *a, const struct lacp_info *b)
{
	ck_assert_uint_eq(a->system_prio, b->system_prio);
	ck_assert(!memcmp(a->system, b->system, sizeof(a->system)));
	ck_assert_uint_eq(a->key, b->key);
	ck_assert_uint_eq(a->port_prio, b->port_prio);
	ck_assert_uint_eq(a->port, b->port);
	ck_assert_uint_eq(a->state, b->state);
}

START_TEST(round_trip)
{
	struct lacp_port_state st = sample(), back;
	struct drv_lacp d;

	drv_state_from_lacp(&st, &d);
	ck_assert_uint_eq(d.aggregator, 7);
	ck_assert_uint_eq(d.selected, NBOND_LACP_STANDBY);
	ck_assert(d.collecting && !d.distributing);
	ck_assert_uint_eq(d.actor_churn, NBOND_LACP_CHURN_CHURNED);
	ck_assert_uint_eq(d.partner_churn, NBOND_LACP_CHURN_NONE);
	ck_assert_uint_eq(d.stats[0], 1);
	ck_assert_uint_eq(d.stats[DRV_NSTATS - 1], 9);

	memset(&back, 0xa5, sizeof(back));
	ck_assert(drv_state_to_lacp(&d, &back));
	ck_assert_uint_eq(back.agg_id, st.agg_id);
	ck_assert_int_eq(back.selected, st.selected);
	ck_assert(back.collecting == st.collecting);
	ck_assert(back.distributing == st.distributing);
	info_eq(&back.actor, &st.actor);
	info_eq(&back.partner, &st.partner);
	ck_assert_int_eq(back.actor_churn, st.actor_churn);
	ck_assert_int_eq(back.partner_churn, st.partner_churn);
	ck_assert_uint_eq(back.actor_churn_count, 5);
	ck_assert_uint_eq(back.partner_churn_count, 6);
	ck_assert(!memcmp(&back.counters, &st.counters, sizeof(st.counters)));
}
END_TEST

START_TEST(every_selected_and_churn)
{
	static const enum lacp_selected sel[] = {
		LACP_UNSELECTED, LACP_SELECTED, LACP_STANDBY,
	};
	static const enum lacp_churn churn[] = {
		LACP_CHURN_MONITOR, LACP_CHURN_NONE, LACP_CHURN_CHURNED,
	};
	struct lacp_port_state st = sample(), back;
	struct drv_lacp d;
	unsigned int i;

	for (i = 0; i < 3; i++) {
		st.selected = sel[i];
		st.actor_churn = churn[i];
		st.partner_churn = churn[2 - i];
		drv_state_from_lacp(&st, &d);
		ck_assert(drv_state_to_lacp(&d, &back));
		ck_assert_int_eq(back.selected, sel[i]);
		ck_assert_int_eq(back.actor_churn, churn[i]);
		ck_assert_int_eq(back.partner_churn, churn[2 - i]);
	}
}
END_TEST

START_TEST(no_aggregator_nothing_to_resume)
{
	struct lacp_port_state st = sample(), back;
	struct drv_lacp d;

	st.agg_id = 0;
	drv_state_from_lacp(&st, &d);
	memset(&back, 0x5a, sizeof(back));
	ck_assert(!drv_state_to_lacp(&d, &back));
	ck_assert_uint_eq(back.agg_id, 0x5a5a);
}
END_TEST

Suite *drv_state_suite(void)
{
	Suite *s = suite_create("lacpd drv_state");
	TCase *tc = tcase_create("convert");

	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, every_selected_and_churn);
	tcase_add_test(tc, no_aggregator_nothing_to_resume);
	suite_add_tcase(s, tc);
	return s;
}
