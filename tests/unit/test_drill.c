// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl drill's figures and output (ctl/drill_calc.c, drill_print.c):
 * dropped packets, "restored", the takeover summary, the text lines and
 * the JSON document read back with json-c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include <linux/nbond.h>

#include "drill.h"
#include "suites.h"

static struct ctl_port ports_a[3], ports_b[3];
static struct ctl_bond before, after;

/* active-backup, eth0 active, eth1 and eth2 usable backups. */
static void setup(void)
{
	static const char *const names[] = { "eth0", "eth1", "eth2" };
	int i;

	memset(ports_a, 0, sizeof(ports_a));
	for (i = 0; i < 3; i++) {
		ports_a[i].ifindex = 2 + i;
		snprintf(ports_a[i].name, sizeof(ports_a[i].name), "%s",
			 names[i]);
		ports_a[i].usable = true;
		ports_a[i].link = NBOND_LINK_STATE_UP;
		ports_a[i].stats.rx_nohandler = 100 * (i + 1);
	}
	before = (struct ctl_bond){
		.ifindex = 10, .name = "bond0", .carrier = true,
		.active_ifindex = 2, .ports = ports_a, .n_ports = 3,
		.stats = { .rx_dropped = 5, .tx_dropped = 7 },
	};
	memcpy(ports_b, ports_a, sizeof(ports_b));
	after = before;
	after.ports = ports_b;
}

START_TEST(dropped_counts)
{
	ck_assert_uint_eq(ctl_drill_dropped(&before, &after), 0);

	after.stats.tx_dropped += 3;
	after.stats.rx_dropped += 2;
	ports_b[1].stats.rx_nohandler += 4;
	ports_b[2].stats.rx_nohandler += 1;
	/* counters that do not count drops */
	after.stats.tx_packets += 1000;
	ports_b[0].stats.rx_dropped += 50;
	ck_assert_uint_eq(ctl_drill_dropped(&before, &after), 10);

	/* a counter going backwards counts nothing */
	ports_b[0].stats.rx_nohandler = 0;
	ck_assert_uint_eq(ctl_drill_dropped(&before, &after), 10);

	/* a port only in one of the two is skipped */
	ports_b[2].ifindex = 99;
	ck_assert_uint_eq(ctl_drill_dropped(&before, &after), 9);
}
END_TEST

START_TEST(restored_checks)
{
	char why[96];

	ck_assert(ctl_drill_restored(&before, &after, why, sizeof(why)));
	ck_assert_str_eq(why, "");

	after.active_ifindex = 3;
	ck_assert(!ctl_drill_restored(&before, &after, why, sizeof(why)));
	ck_assert_str_eq(why, "active eth1, was eth0");
	after.active_ifindex = 0;
	ck_assert(!ctl_drill_restored(&before, &after, why, sizeof(why)));
	ck_assert_str_eq(why, "active none, was eth0");
	after.active_ifindex = 2;

	after.carrier = false;
	ck_assert(!ctl_drill_restored(&before, &after, why, sizeof(why)));
	ck_assert_str_eq(why, "carrier down, was up");
	after.carrier = true;

	ports_b[2].usable = false;
	ck_assert(!ctl_drill_restored(&before, &after, why, sizeof(why)));
	ck_assert_str_eq(why, "eth2 no longer usable");
	ports_b[2].usable = true;

	ports_a[1].usable = false;
	ck_assert(!ctl_drill_restored(&before, &after, why, sizeof(why)));
	ck_assert_str_eq(why, "eth1 usable, was not");
	ports_a[1].usable = true;

	/* other fields do not matter */
	ports_b[0].link_failures = 9;
	ports_b[0].prio = 3;
	ck_assert(ctl_drill_restored(&before, &after, why, sizeof(why)));
}
END_TEST

static struct ctl_drill_cycle cycle(const char *port, enum ctl_takeover how,
				    const char *to, uint64_t ns,
				    uint64_t dropped, bool restored)
{
	struct ctl_drill_cycle c = {
		.takeover = how, .takeover_ns = ns, .dropped = dropped,
		.restored = restored,
	};

	snprintf(c.port, sizeof(c.port), "%s", port);
	snprintf(c.takeover_port, sizeof(c.takeover_port), "%s", to);
	return c;
}

START_TEST(summary_median)
{
	struct ctl_drill_cycle c[5];
	struct ctl_drill_summary s;

	c[0] = cycle("eth0", CTL_TAKEOVER_ACTIVE, "eth1", 50000, 1, true);
	c[1] = cycle("eth1", CTL_TAKEOVER_ACTIVE, "eth0", 30000, 0, true);
	c[2] = cycle("eth0", CTL_TAKEOVER_STAYED, "eth1", 0, 0, false);
	c[3] = cycle("eth0", CTL_TAKEOVER_ACTIVE, "eth1", 41000, 2, true);
	c[4] = cycle("eth1", CTL_TAKEOVER_ACTIVE, "eth0", 90000, 0, true);

	/* odd count of measured cycles: the middle one */
	ctl_drill_summarize(c, 4, &s);
	ck_assert_uint_eq(s.cycles, 4);
	ck_assert_uint_eq(s.measured, 3);
	ck_assert_uint_eq(s.min_ns, 30000);
	ck_assert_uint_eq(s.median_ns, 41000);
	ck_assert_uint_eq(s.max_ns, 50000);
	ck_assert_uint_eq(s.dropped, 3);
	ck_assert_uint_eq(s.restored, 3);

	/* even count: the mean of the two middle ones */
	ctl_drill_summarize(c, 5, &s);
	ck_assert_uint_eq(s.measured, 4);
	ck_assert_uint_eq(s.median_ns, (41000 + 50000) / 2);
	ck_assert_uint_eq(s.max_ns, 90000);

	/* nothing measured */
	ctl_drill_summarize(&c[2], 1, &s);
	ck_assert_uint_eq(s.measured, 0);
	ck_assert_uint_eq(s.min_ns, 0);
	ck_assert_uint_eq(s.restored, 0);
}
END_TEST

static char *print_cycles(const struct ctl_drill_cycle *c, size_t n)
{
	char *text = NULL;
	size_t len, i;
	FILE *f = open_memstream(&text, &len);

	for (i = 0; i < n; i++)
		ctl_drill_print_cycle(f, i + 1, 2, 4, &c[i]);
	ctl_drill_print_summary(f, "bond0", c, n);
	fclose(f);
	return text;
}

START_TEST(text_lines)
{
	struct ctl_drill_cycle c[4];
	char *out;

	c[0] = cycle("eth0", CTL_TAKEOVER_ACTIVE, "eth1", 37400, 0, true);
	c[1] = cycle("eth1", CTL_TAKEOVER_STAYED, "eth0", 0, 1, true);
	c[2] = cycle("eth0", CTL_TAKEOVER_NONE, "", 0, 12, false);
	snprintf(c[2].why, sizeof(c[2].why), "carrier down, was up");
	c[3] = cycle("eth2", CTL_TAKEOVER_ALL, "", 0, 0, true);
	out = print_cycles(c, 4);
	ck_assert_str_eq(out,
		"cycle  1: eth0 down, eth1 took over in 37 us, dropped 0 packets, restored yes\n"
		"cycle  2: eth1 down, eth0 stayed active, dropped 1 packet, restored yes\n"
		"cycle  3: eth0 down, no port took over, dropped 12 packets, restored no (carrier down, was up)\n"
		"cycle  4: eth2 down, took over: (all remaining ports), dropped 0 packets, restored yes\n"
		"bond0: 4 cycles, takeover min 37 us, median 37 us, max 37 us, dropped 13 packets, restored 3/4\n");
	free(out);

	/* no takeover measured: no figures in the summary */
	out = print_cycles(&c[3], 1);
	ck_assert_ptr_nonnull(strstr(out,
		"bond0: 1 cycle, dropped 0 packets, restored 1/1\n"));
	free(out);
}
END_TEST

static struct json_object *member(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	ck_assert_msg(json_object_object_get_ex(o, key, &v), "no key '%s'",
		      key);
	return v;
}

static char *drill_json(const struct ctl_drill_args *a,
			const struct ctl_drill_cycle *c, size_t n,
			const char *error)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	ctl_drill_json(f, false, a, c, n, error);
	fclose(f);
	return text;
}

START_TEST(json_document)
{
	struct ctl_drill_args a = {
		.bond = "bond0", .hold_ns = 500000000, .timeout_ns = 5000000000ULL,
		.cycles = 3,
	};
	struct json_object *root, *cy, *one, *sum, *t;
	struct ctl_drill_cycle c[2];
	char *out;

	c[0] = cycle("eth0", CTL_TAKEOVER_ACTIVE, "eth1", 37400, 2, true);
	c[1] = cycle("eth1", CTL_TAKEOVER_ALL, "", 0, 0, false);
	snprintf(c[1].why, sizeof(c[1].why), "active eth1, was eth0");
	out = drill_json(&a, c, 2, NULL);
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
	root = json_tokener_parse(out);
	ck_assert_msg(root, "not JSON: %s", out);

	ck_assert_str_eq(json_object_get_string(member(root, "bond")), "bond0");
	ck_assert_int_eq(json_object_get_int64(member(root, "hold_ns")),
			 500000000);
	ck_assert_int_eq(json_object_get_int64(member(root, "timeout_ns")),
			 5000000000LL);
	ck_assert(!json_object_object_get_ex(root, "error", NULL));

	cy = member(root, "cycles");
	ck_assert_uint_eq(json_object_array_length(cy), 2);
	one = json_object_array_get_idx(cy, 0);
	ck_assert_int_eq(json_object_get_int(member(one, "cycle")), 1);
	ck_assert_str_eq(json_object_get_string(member(one, "port")), "eth0");
	ck_assert_str_eq(json_object_get_string(member(one, "takeover")),
			 "active");
	ck_assert_str_eq(json_object_get_string(member(one, "takeover_port")),
			 "eth1");
	ck_assert_int_eq(json_object_get_int(member(one, "takeover_us")), 37);
	ck_assert_int_eq(json_object_get_int(member(one, "takeover_ns")),
			 37400);
	ck_assert_int_eq(json_object_get_int(member(one, "dropped")), 2);
	ck_assert(json_object_get_boolean(member(one, "restored")));
	ck_assert(!json_object_object_get_ex(one, "not_restored", NULL));

	one = json_object_array_get_idx(cy, 1);
	ck_assert_str_eq(json_object_get_string(member(one, "takeover")),
			 "all");
	ck_assert(json_object_is_type(member(one, "takeover_port"),
				      json_type_null));
	ck_assert_int_eq(json_object_get_int(member(one, "takeover_us")), 0);
	ck_assert(!json_object_get_boolean(member(one, "restored")));
	ck_assert_str_eq(json_object_get_string(member(one, "not_restored")),
			 "active eth1, was eth0");

	sum = member(root, "summary");
	ck_assert_int_eq(json_object_get_int(member(sum, "cycles")), 2);
	ck_assert_int_eq(json_object_get_int(member(sum, "dropped")), 2);
	ck_assert_int_eq(json_object_get_int(member(sum, "restored")), 1);
	t = member(sum, "takeover_us");
	ck_assert_int_eq(json_object_get_int(member(t, "min")), 37);
	ck_assert_int_eq(json_object_get_int(member(t, "median")), 37);
	ck_assert_int_eq(json_object_get_int(member(t, "max")), 37);
	json_object_put(root);
	free(out);

	/* stopped early: the cycles done and why */
	out = drill_json(&a, c, 0, "timed out waiting for bond0 to report eth0 down");
	root = json_tokener_parse(out);
	ck_assert_ptr_nonnull(root);
	ck_assert_uint_eq(json_object_array_length(member(root, "cycles")), 0);
	ck_assert(json_object_is_type(member(member(root, "summary"),
					     "takeover_us"), json_type_null));
	ck_assert_str_eq(json_object_get_string(member(root, "error")),
			 "timed out waiting for bond0 to report eth0 down");
	json_object_put(root);
	free(out);
}
END_TEST

Suite *drill_suite(void)
{
	Suite *s = suite_create("drill");
	TCase *tc;

	tc = tcase_create("figures");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, dropped_counts);
	tcase_add_test(tc, restored_checks);
	tcase_add_test(tc, summary_median);
	suite_add_tcase(s, tc);

	tc = tcase_create("output");
	tcase_add_test(tc, text_lines);
	tcase_add_test(tc, json_document);
	suite_add_tcase(s, tc);
	return s;
}
