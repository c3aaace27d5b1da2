// SPDX-License-Identifier: GPL-2.0
/*
 * Option value tables and parsers (driver/values.c).
 *
 * The expected tables are written out here independently of values.c, so
 * that a changed or missing spelling shows up as a failure: these names
 * and numbers are ABI shared with the kernel bonding driver.
 */
#include <check.h>
#include <stdio.h>

#include "values.h"
#include "suites.h"

#define POISON 0xdeadbeefU

struct expected_table {
	const char *what;
	const struct nbond_value *tbl;
	/* names[v] is the name of value v; the list ends with NULL */
	const char *names[8];
};

static const struct expected_table expected[] = {
	{ "mode", nbond_mode_values, {
		"balance-rr", "active-backup", "balance-xor", "broadcast",
		"802.3ad", "balance-tlb", "balance-alb", NULL } },
	{ "xmit_hash_policy", nbond_xmit_policy_values, {
		"layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4",
		"vlan+srcmac", NULL } },
	{ "primary_reselect", nbond_primary_reselect_values, {
		"always", "better", "failure", NULL } },
	{ "fail_over_mac", nbond_fail_over_mac_values, {
		"none", "active", "follow", NULL } },
	{ "arp_validate", nbond_arp_validate_values, {
		"none", "active", "backup", "all", "filter", "filter_active",
		"filter_backup", NULL } },
	{ "arp_all_targets", nbond_arp_all_targets_values, {
		"any", "all", NULL } },
	{ "lacp_rate", nbond_lacp_rate_values, {
		"slow", "fast", NULL } },
	{ "ad_select", nbond_ad_select_values, {
		"stable", "bandwidth", "count", NULL } },
	{ "on/off", nbond_onoff_values, {
		"off", "on", NULL } },
};

#define N_TABLES ((int)(sizeof(expected) / sizeof(expected[0])))

static u32 n_names(const struct expected_table *e)
{
	u32 n = 0;

	while (e->names[n])
		n++;
	return n;
}

/* ------------------------------------------------------- table contents */

START_TEST(table_contents)
{
	const struct expected_table *e = &expected[_i];
	u32 n = n_names(e);
	u32 v;

	for (v = 0; v < n; v++) {
		ck_assert_msg(e->tbl[v].name, "%s: table ends early at %u",
			      e->what, v);
		ck_assert_str_eq(e->tbl[v].name, e->names[v]);
		ck_assert_uint_eq(e->tbl[v].value, v);
	}
	ck_assert_msg(!e->tbl[n].name, "%s: extra entry \"%s\"", e->what,
		      e->tbl[n].name ? e->tbl[n].name : "");
	ck_assert_uint_eq(e->tbl[n].value, 0);
}
END_TEST

START_TEST(names_both_ways)
{
	const struct expected_table *e = &expected[_i];
	u32 n = n_names(e);
	u32 v, out;

	for (v = 0; v < n; v++) {
		out = POISON;
		ck_assert_int_eq(nbond_value_parse(e->tbl, e->names[v], &out),
				 0);
		ck_assert_uint_eq(out, v);
		ck_assert_str_eq(nbond_value_name(e->tbl, v), e->names[v]);
		ck_assert(nbond_value_valid(e->tbl, v));
	}
	ck_assert_ptr_null(nbond_value_name(e->tbl, n));
	ck_assert(!nbond_value_valid(e->tbl, n));
	ck_assert_ptr_null(nbond_value_name(e->tbl, 0xffffffffU));
	ck_assert(!nbond_value_valid(e->tbl, 0xffffffffU));
}
END_TEST

START_TEST(numbers_of_every_table)
{
	const struct expected_table *e = &expected[_i];
	u32 n = n_names(e);
	char buf[32];
	u32 v, out;

	for (v = 0; v < n; v++) {
		snprintf(buf, sizeof(buf), "%u", v);
		out = POISON;
		ck_assert_int_eq(nbond_value_parse(e->tbl, buf, &out), 0);
		ck_assert_uint_eq(out, v);

		snprintf(buf, sizeof(buf), "%u\n", v);
		out = POISON;
		ck_assert_int_eq(nbond_value_parse(e->tbl, buf, &out), 0);
		ck_assert_uint_eq(out, v);

		snprintf(buf, sizeof(buf), "%s\n", e->names[v]);
		out = POISON;
		ck_assert_int_eq(nbond_value_parse(e->tbl, buf, &out), 0);
		ck_assert_uint_eq(out, v);
	}
	/* the first number past the table is refused */
	snprintf(buf, sizeof(buf), "%u", n);
	out = POISON;
	ck_assert_int_eq(nbond_value_parse(e->tbl, buf, &out), -EINVAL);
	ck_assert_uint_eq(out, POISON);
}
END_TEST

/* ------------------------------------------------------- value parsing */

static void parse_ok(const struct nbond_value *tbl, const char *s, u32 want)
{
	u32 out = POISON;

	ck_assert_msg(nbond_value_parse(tbl, s, &out) == 0,
		      "\"%s\" refused", s);
	ck_assert_msg(out == want, "\"%s\" gave %u, want %u", s, out, want);
}

static void parse_bad(const struct nbond_value *tbl, const char *s)
{
	u32 out = POISON;

	ck_assert_msg(nbond_value_parse(tbl, s, &out) == -EINVAL,
		      "\"%s\" not refused with -EINVAL", s ? s : "(null)");
	ck_assert_msg(out == POISON, "\"%s\" wrote out on failure",
		      s ? s : "(null)");
}

START_TEST(sysfs_style)
{
	parse_ok(nbond_mode_values, "1\n", 1);
	parse_ok(nbond_mode_values, "active-backup\n", 1);
	parse_ok(nbond_mode_values, "  802.3ad  \n", 4);
	parse_ok(nbond_mode_values, " 4 \n ", 4);
	parse_ok(nbond_mode_values, "\tbalance-alb\t", 6);
	parse_ok(nbond_xmit_policy_values, "layer3+4\n", 1);
	parse_ok(nbond_lacp_rate_values, "fast \n", 1);
	parse_ok(nbond_onoff_values, "on\n", 1);
	/* only one newline, and only at the end */
	parse_bad(nbond_mode_values, "1\n\n");
	parse_bad(nbond_mode_values, "\n1");
	parse_bad(nbond_mode_values, "1\n1");
	parse_bad(nbond_mode_values, "active-backup\n\n");
	parse_bad(nbond_mode_values, "active-\nbackup");
}
END_TEST

START_TEST(numbers)
{
	parse_ok(nbond_mode_values, "0", 0);
	parse_ok(nbond_mode_values, "6", 6);
	parse_ok(nbond_mode_values, "04", 4);
	parse_ok(nbond_xmit_policy_values, "5", 5);
	parse_ok(nbond_arp_validate_values, "6", 6);
}
END_TEST

START_TEST(out_of_table_numbers)
{
	parse_bad(nbond_mode_values, "7");
	parse_bad(nbond_mode_values, "99");
	parse_bad(nbond_mode_values, "4294967295");
	parse_bad(nbond_mode_values, "4294967296");
	parse_bad(nbond_mode_values, "99999999999999999999999");
	parse_bad(nbond_xmit_policy_values, "6");
	parse_bad(nbond_primary_reselect_values, "3");
	parse_bad(nbond_fail_over_mac_values, "3");
	parse_bad(nbond_arp_validate_values, "7");
	parse_bad(nbond_arp_all_targets_values, "2");
	parse_bad(nbond_lacp_rate_values, "2");
	parse_bad(nbond_ad_select_values, "3");
	parse_bad(nbond_onoff_values, "2");
}
END_TEST

START_TEST(empty)
{
	parse_bad(nbond_mode_values, "");
	parse_bad(nbond_mode_values, " ");
	parse_bad(nbond_mode_values, "\n");
	parse_bad(nbond_mode_values, " \t\n ");
	parse_bad(nbond_onoff_values, "");
	parse_bad(nbond_mode_values, NULL);
}
END_TEST

START_TEST(junk)
{
	parse_bad(nbond_mode_values, "foo");
	parse_bad(nbond_mode_values, "balance");
	parse_bad(nbond_mode_values, "balance-rr2");
	parse_bad(nbond_mode_values, "balance-rr x");
	parse_bad(nbond_mode_values, "xbalance-rr");
	parse_bad(nbond_mode_values, "active backup");
	parse_bad(nbond_mode_values, "802.3");
	parse_bad(nbond_mode_values, "1x");
	parse_bad(nbond_mode_values, "1 2");
	parse_bad(nbond_mode_values, "-1");
	parse_bad(nbond_mode_values, "+1");
	parse_bad(nbond_mode_values, "0x1");
	parse_bad(nbond_mode_values, "1.0");
	parse_bad(nbond_xmit_policy_values, "layer3 4");
	parse_bad(nbond_xmit_policy_values, "layer34");
	parse_bad(nbond_arp_validate_values, "filter-active");
	parse_bad(nbond_onoff_values, "yes");
	parse_bad(nbond_onoff_values, "true");
}
END_TEST

START_TEST(case_mismatch)
{
	parse_bad(nbond_mode_values, "Active-Backup");
	parse_bad(nbond_mode_values, "ACTIVE-BACKUP");
	parse_bad(nbond_mode_values, "Balance-RR");
	parse_bad(nbond_xmit_policy_values, "Layer2");
	parse_bad(nbond_xmit_policy_values, "VLAN+SRCMAC");
	parse_bad(nbond_lacp_rate_values, "Fast");
	parse_bad(nbond_ad_select_values, "Stable");
	parse_bad(nbond_onoff_values, "On");
	parse_bad(nbond_onoff_values, "OFF");
}
END_TEST

START_TEST(names_are_per_table)
{
	/* the same word means different numbers in different options */
	parse_ok(nbond_fail_over_mac_values, "active", 1);
	parse_ok(nbond_arp_validate_values, "active", 1);
	parse_ok(nbond_arp_validate_values, "all", 3);
	parse_ok(nbond_arp_all_targets_values, "all", 1);
	parse_ok(nbond_fail_over_mac_values, "none", 0);
	/* and a word of another table is refused */
	parse_bad(nbond_mode_values, "fast");
	parse_bad(nbond_fail_over_mac_values, "filter");
	parse_bad(nbond_fail_over_mac_values, "backup");
	parse_bad(nbond_lacp_rate_values, "on");
	parse_bad(nbond_xmit_policy_values, "802.3ad");
}
END_TEST

START_TEST(name_lookup)
{
	ck_assert_str_eq(nbond_value_name(nbond_mode_values, 4), "802.3ad");
	ck_assert_str_eq(nbond_value_name(nbond_xmit_policy_values, 1),
			 "layer3+4");
	ck_assert_str_eq(nbond_value_name(nbond_arp_validate_values, 5),
			 "filter_active");
	ck_assert_ptr_null(nbond_value_name(nbond_mode_values, 7));
	ck_assert_ptr_null(nbond_value_name(nbond_onoff_values, 2));
	ck_assert(nbond_value_valid(nbond_mode_values, 0));
	ck_assert(!nbond_value_valid(nbond_mode_values, 7));
}
END_TEST

/* ----------------------------------------------------- nbond_parse_u32 */

static void u32_ok(const char *s, u32 min, u32 max, u32 want)
{
	u32 out = POISON;
	int err = nbond_parse_u32(s, min, max, &out);

	ck_assert_msg(err == 0, "\"%s\" in [%u, %u]: error %d", s, min, max,
		      err);
	ck_assert_msg(out == want, "\"%s\" gave %u, want %u", s, out, want);
}

static void u32_bad(const char *s, u32 min, u32 max, int want_err)
{
	u32 out = POISON;
	int err = nbond_parse_u32(s, min, max, &out);

	ck_assert_msg(err == want_err, "\"%s\" in [%u, %u]: %d, want %d",
		      s ? s : "(null)", min, max, err, want_err);
	ck_assert_msg(out == POISON, "\"%s\" wrote out on failure",
		      s ? s : "(null)");
}

START_TEST(u32_good)
{
	u32_ok("0", 0, 100, 0);
	u32_ok("100", 0, 100, 100);
	u32_ok("42", 0, 100, 42);
	u32_ok("007", 0, 100, 7);
	u32_ok("10", 10, 20, 10);
	u32_ok("20", 10, 20, 20);
	u32_ok("15", 15, 15, 15);
	u32_ok("4294967295", 0, 0xffffffffU, 0xffffffffU);
	u32_ok("4294967294", 0, 0xffffffffU, 0xfffffffeU);
	u32_ok("429496729", 0, 0xffffffffU, 429496729U);
}
END_TEST

START_TEST(u32_sysfs_style)
{
	u32_ok("100\n", 0, 1000, 100);
	u32_ok("  100  \n", 0, 1000, 100);
	u32_ok("\t5\t", 0, 1000, 5);
	u32_ok("5 \n ", 0, 1000, 5);
	u32_bad("100\n\n", 0, 1000, -EINVAL);
	u32_bad("\n100", 0, 1000, -EINVAL);
}
END_TEST

START_TEST(u32_range)
{
	u32_bad("101", 0, 100, -ERANGE);
	u32_bad("9", 10, 20, -ERANGE);
	u32_bad("0", 10, 20, -ERANGE);
	u32_bad("21", 10, 20, -ERANGE);
	u32_bad("16", 15, 15, -ERANGE);
	u32_bad("4294967295", 0, 0xfffffffeU, -ERANGE);
}
END_TEST

START_TEST(u32_overflow)
{
	u32_bad("4294967296", 0, 0xffffffffU, -ERANGE);
	u32_bad("4294967300", 0, 0xffffffffU, -ERANGE);
	u32_bad("42949672950", 0, 0xffffffffU, -ERANGE);
	u32_bad("99999999999999999999", 0, 0xffffffffU, -ERANGE);
	u32_bad("18446744073709551616", 0, 0xffffffffU, -ERANGE);
	u32_bad("4294967296\n", 0, 0xffffffffU, -ERANGE);
}
END_TEST

START_TEST(u32_garbage)
{
	u32_bad("", 0, 100, -EINVAL);
	u32_bad(" ", 0, 100, -EINVAL);
	u32_bad("\n", 0, 100, -EINVAL);
	u32_bad(NULL, 0, 100, -EINVAL);
	u32_bad("-1", 0, 100, -EINVAL);
	u32_bad("+1", 0, 100, -EINVAL);
	u32_bad("-0", 0, 100, -EINVAL);
	u32_bad("0x10", 0, 100, -EINVAL);
	u32_bad("1e3", 0, 10000, -EINVAL);
	u32_bad("1.5", 0, 100, -EINVAL);
	u32_bad("12a", 0, 100, -EINVAL);
	u32_bad("a12", 0, 100, -EINVAL);
	u32_bad("1 2", 0, 100, -EINVAL);
	u32_bad("ten", 0, 100, -EINVAL);
	/* garbage wins over overflow */
	u32_bad("99999999999999999999x", 0, 0xffffffffU, -EINVAL);
}
END_TEST

/* ----------------------------------------------------- nbond_parse_mac */

static void mac_ok(const char *s, const u8 want[6])
{
	u8 mac[6] = { 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a };

	ck_assert_msg(nbond_parse_mac(s, mac) == 0, "\"%s\" refused", s);
	ck_assert_mem_eq(mac, want, 6);
}

static void mac_bad(const char *s)
{
	static const u8 poison[6] = { 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a };
	u8 mac[6] = { 0x5a, 0x5a, 0x5a, 0x5a, 0x5a, 0x5a };

	ck_assert_msg(nbond_parse_mac(s, mac) == -EINVAL,
		      "\"%s\" not refused with -EINVAL", s ? s : "(null)");
	ck_assert_mem_eq(mac, poison, 6);
}

START_TEST(mac_good)
{
	static const u8 m1[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
	static const u8 m2[6] = { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
	static const u8 m3[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
	static const u8 zero[6] = { 0 };
	static const u8 ones[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	mac_ok("00:11:22:33:44:55", m1);
	mac_ok("aa:bb:cc:dd:ee:ff", m2);
	mac_ok("AA:BB:CC:DD:EE:FF", m2);
	mac_ok("aA:Bb:cC:Dd:eE:Ff", m2);
	mac_ok("00:00:00:00:00:00", zero);
	mac_ok("ff:ff:ff:ff:ff:ff", ones);
	mac_ok("02:00:00:00:00:01\n", m3);
	mac_ok("  02:00:00:00:00:01 \n", m3);
}
END_TEST

START_TEST(mac_invalid)
{
	mac_bad("");
	mac_bad("\n");
	mac_bad(NULL);
	mac_bad("00:11:22:33:44");
	mac_bad("00:11:22:33:44:");
	mac_bad("00:11:22:33:44:5");
	mac_bad("00:11:22:33:44:55:");
	mac_bad("00:11:22:33:44:55:66");
	mac_bad("00-11-22-33-44-55");
	mac_bad("00.11.22.33.44.55");
	mac_bad("0011.2233.4455");
	mac_bad("001122334455");
	mac_bad("0:11:22:33:44:55");
	mac_bad("0:11:22:33:44:555");
	mac_bad("00:11:22:33:44:5g");
	mac_bad("g0:11:22:33:44:55");
	mac_bad("00:11:22:33:44:55x");
	mac_bad("x00:11:22:33:44:55");
	mac_bad("00::11:22:33:44:55");
	mac_bad(":00:11:22:33:44:5");
	mac_bad("00:11:22:33:44:55\n\n");
	mac_bad("00:11:22 33:44:55");
	mac_bad("+0:11:22:33:44:55");
	mac_bad("0x:11:22:33:44:55");
}
END_TEST

/* ---------------------------------------------------- nbond_parse_word */

static void word_ok(const char *s, size_t size, const char *want)
{
	char out[32];

	memset(out, 0x5a, sizeof(out));
	ck_assert_msg(nbond_parse_word(s, out, size) == 0, "\"%s\" refused", s);
	ck_assert_str_eq(out, want);
}

static void word_bad(const char *s, size_t size)
{
	char out[32];

	memset(out, 0x5a, sizeof(out));
	ck_assert_msg(nbond_parse_word(s, out, size) == -EINVAL,
		      "\"%s\" not refused with -EINVAL", s ? s : "(null)");
	ck_assert_int_eq(out[0], 0x5a);
}

START_TEST(word_good)
{
	word_ok("eth0", 16, "eth0");
	word_ok("eth0\n", 16, "eth0");
	word_ok("  eth0 \t\n", 16, "eth0");
	word_ok("", 16, "");
	word_ok("\n", 16, "");
	word_ok(" \n", 16, "");
	/* IFNAMSIZ: 15 characters and the NUL */
	word_ok("abcdefghijklmno", 16, "abcdefghijklmno");
	word_ok("+192.0.2.1\n", 32, "+192.0.2.1");
}
END_TEST

START_TEST(word_invalid)
{
	word_bad(NULL, 16);
	word_bad("eth0", 0);
	word_bad("abcdefghijklmnop", 16);
	word_bad("eth0 eth1", 16);
	word_bad("eth0\teth1", 16);
	word_bad("eth0\n\n", 16);
	word_bad("eth0\neth1", 16);
}
END_TEST

Suite *values_suite(void)
{
	Suite *s = suite_create("values");
	TCase *tc;

	tc = tcase_create("tables");
	tcase_add_loop_test(tc, table_contents, 0, N_TABLES);
	tcase_add_loop_test(tc, names_both_ways, 0, N_TABLES);
	tcase_add_loop_test(tc, numbers_of_every_table, 0, N_TABLES);
	tcase_add_test(tc, name_lookup);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_test(tc, sysfs_style);
	tcase_add_test(tc, numbers);
	tcase_add_test(tc, out_of_table_numbers);
	tcase_add_test(tc, empty);
	tcase_add_test(tc, junk);
	tcase_add_test(tc, case_mismatch);
	tcase_add_test(tc, names_are_per_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("word");
	tcase_add_test(tc, word_good);
	tcase_add_test(tc, word_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("u32");
	tcase_add_test(tc, u32_good);
	tcase_add_test(tc, u32_sysfs_style);
	tcase_add_test(tc, u32_range);
	tcase_add_test(tc, u32_overflow);
	tcase_add_test(tc, u32_garbage);
	suite_add_tcase(s, tc);

	tc = tcase_create("mac");
	tcase_add_test(tc, mac_good);
	tcase_add_test(tc, mac_invalid);
	suite_add_tcase(s, tc);

	return s;
}
