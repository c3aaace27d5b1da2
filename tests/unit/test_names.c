// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl's words for the numbers of the nbond family (ctl/names.c). The
 * expected words are written out here, indexed by the uapi constants, so
 * that a renumbered enum or a changed word fails.
 */
#include <check.h>
#include <stdint.h>
#include <linux/ethtool.h>

#include <linux/nbond.h>

#include "names.h"
#include "suites.h"

typedef const char *(*name_fn)(uint32_t value, char buf[CTL_NAME_BUFLEN]);

struct expected_names {
	const char *what;
	name_fn fn;
	uint32_t first, count;		/* first .. first + count - 1 */
	const char *words[12];		/* the word of first + i */
};

static const struct expected_names expected[] = {
	{ "link", ctl_link_name, NBOND_LINK_STATE_UP, 4, {
		[NBOND_LINK_STATE_UP]	= "up",
		[NBOND_LINK_STATE_FAIL]	= "fail",
		[NBOND_LINK_STATE_DOWN]	= "down",
		[NBOND_LINK_STATE_BACK]	= "back" } },
	{ "role", ctl_role_name, NBOND_PORT_ROLE_ACTIVE, 2, {
		[NBOND_PORT_ROLE_ACTIVE] = "active",
		[NBOND_PORT_ROLE_BACKUP] = "backup" } },
	{ "admin", ctl_admin_name, NBOND_ADMIN_UP, 2, {
		[NBOND_ADMIN_UP]	= "up",
		[NBOND_ADMIN_DOWN]	= "down" } },
	{ "event", ctl_event_name, NBOND_EVENT_BOND_CREATED, 10, {
		[NBOND_EVENT_BOND_CREATED - 1]	= "bond-created",
		[NBOND_EVENT_BOND_DELETED - 1]	= "bond-deleted",
		[NBOND_EVENT_BOND_CHANGED - 1]	= "bond-changed",
		[NBOND_EVENT_PORT_ADDED - 1]	= "port-added",
		[NBOND_EVENT_PORT_REMOVED - 1]	= "port-removed",
		[NBOND_EVENT_PORT_UP - 1]	= "port-up",
		[NBOND_EVENT_PORT_DOWN - 1]	= "port-down",
		[NBOND_EVENT_ACTIVE_CHANGED - 1] = "active-changed",
		[NBOND_EVENT_CARRIER_CHANGED - 1] = "carrier-changed",
		[NBOND_EVENT_PORT_CHANGED - 1]	= "port-changed" } },
	{ "cause", ctl_cause_name, NBOND_CAUSE_NONE, 10, {
		[NBOND_CAUSE_NONE]		= "none",
		[NBOND_CAUSE_CARRIER]		= "carrier",
		[NBOND_CAUSE_MIIMON]		= "miimon",
		[NBOND_CAUSE_ADMIN]		= "admin",
		[NBOND_CAUSE_ARP]		= "arp",
		[NBOND_CAUSE_NS]		= "ns",
		[NBOND_CAUSE_LACP]		= "lacp",
		[NBOND_CAUSE_CONFIG]		= "config",
		[NBOND_CAUSE_PORT_ADDED]	= "port-added",
		[NBOND_CAUSE_PORT_REMOVED]	= "port-removed" } },
	{ "selected", ctl_selected_name, NBOND_LACP_UNSELECTED, 3, {
		[NBOND_LACP_UNSELECTED]		= "unselected",
		[NBOND_LACP_SELECTED]		= "selected",
		[NBOND_LACP_STANDBY]		= "standby" } },
	{ "churn", ctl_churn_name, NBOND_LACP_CHURN_MONITOR, 3, {
		[NBOND_LACP_CHURN_MONITOR]	= "monitoring",
		[NBOND_LACP_CHURN_CHURNED]	= "churned",
		[NBOND_LACP_CHURN_NONE]		= "none" } },
};

#define N_EXPECTED (sizeof(expected) / sizeof(expected[0]))

START_TEST(every_word)
{
	const struct expected_names *e = &expected[_i];
	char buf[CTL_NAME_BUFLEN];
	uint32_t i;

	for (i = 0; i < e->count; i++) {
		ck_assert_msg(e->words[i], "%s %u: no expected word", e->what,
			      e->first + i);
		ck_assert_str_eq(e->fn(e->first + i, buf), e->words[i]);
	}
}
END_TEST

/* The tables cover each enum to its end: the uapi max is the last word. */
START_TEST(tables_cover_uapi)
{
	char buf[CTL_NAME_BUFLEN];

	ck_assert_uint_eq(expected[3].first + expected[3].count - 1,
			  NBOND_EVENT_MAX);
	ck_assert_uint_eq(expected[4].first + expected[4].count - 1,
			  NBOND_CAUSE_MAX);
	ck_assert_str_eq(ctl_event_name(NBOND_EVENT_MAX, buf),
			 "port-changed");
	ck_assert_str_eq(ctl_cause_name(NBOND_CAUSE_MAX, buf),
			 "port-removed");
}
END_TEST

START_TEST(unknown_numbers)
{
	char buf[CTL_NAME_BUFLEN];
	const char *s;

	ck_assert_str_eq(ctl_link_name(4, buf), "4");
	ck_assert_str_eq(ctl_role_name(2, buf), "2");
	ck_assert_str_eq(ctl_admin_name(7, buf), "7");
	/* NBOND_EVENT_UNSPEC has no word */
	ck_assert_str_eq(ctl_event_name(NBOND_EVENT_UNSPEC, buf), "0");
	ck_assert_str_eq(ctl_event_name(NBOND_EVENT_MAX + 1, buf), "11");
	ck_assert_str_eq(ctl_cause_name(NBOND_CAUSE_MAX + 1, buf), "10");
	ck_assert_str_eq(ctl_selected_name(NBOND_LACP_STANDBY + 1, buf), "3");
	ck_assert_str_eq(ctl_churn_name(NBOND_LACP_CHURN_NONE + 1, buf), "3");
	s = ctl_cause_name(UINT32_MAX, buf);
	ck_assert_str_eq(s, "4294967295");
	ck_assert_ptr_eq(s, buf);
}
END_TEST

START_TEST(duplex_words)
{
	ck_assert_str_eq(ctl_duplex_name(DUPLEX_HALF), "half");
	ck_assert_str_eq(ctl_duplex_name(DUPLEX_FULL), "full");
	ck_assert_str_eq(ctl_duplex_name(DUPLEX_UNKNOWN), "unknown");
	ck_assert_str_eq(ctl_duplex_name(7), "unknown");
}
END_TEST

Suite *names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("names");

	tcase_add_loop_test(tc, every_word, 0, N_EXPECTED);
	tcase_add_test(tc, tables_cover_uapi);
	tcase_add_test(tc, unknown_numbers);
	tcase_add_test(tc, duplex_words);
	suite_add_tcase(s, tc);
	return s;
}
