// SPDX-License-Identifier: GPL-2.0
/*
 * The command lines of bondctl port, monitor and drill (ctl/port_args.c,
 * ctl/monitor_print.c, ctl/drill_args.c) and the number parsers they use
 * (ctl/num.c).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/nbond.h>

#include "drill.h"
#include "monitor_print.h"
#include "num.h"
#include "port_args.h"
#include "suites.h"

#define ERRLEN 256
#define MAX_WORDS 16

struct words {
	char buf[256];
	char *argv[MAX_WORDS + 1];
	int argc;
};

/* Split @line at spaces, as the shell would hand the words over. */
static struct words *split(struct words *w, const char *line)
{
	char *word;

	snprintf(w->buf, sizeof(w->buf), "%s", line);
	w->argc = 0;
	for (word = strtok(w->buf, " "); word && w->argc < MAX_WORDS;
	     word = strtok(NULL, " "))
		w->argv[w->argc++] = word;
	w->argv[w->argc] = NULL;
	return w;
}

/* ---------------------------------------------------------------- num */

START_TEST(numbers)
{
	uint64_t ns = 42;
	uint32_t u = 42;
	int32_t s = 42;

	ck_assert_int_eq(ctl_parse_u32("0", 0, 10, &u), 0);
	ck_assert_uint_eq(u, 0);
	ck_assert_int_eq(ctl_parse_u32("4294967295", 0, UINT32_MAX, &u), 0);
	ck_assert_uint_eq(u, UINT32_MAX);
	ck_assert_int_eq(ctl_parse_u32("4294967296", 0, UINT32_MAX, &u),
			 -ERANGE);
	ck_assert_int_eq(ctl_parse_u32("99999999999999999999999", 0,
				       UINT32_MAX, &u), -ERANGE);
	ck_assert_int_eq(ctl_parse_u32("11", 0, 10, &u), -ERANGE);
	ck_assert_int_eq(ctl_parse_u32("", 0, 10, &u), -EINVAL);
	ck_assert_int_eq(ctl_parse_u32(" 1", 0, 10, &u), -EINVAL);
	ck_assert_int_eq(ctl_parse_u32("1 ", 0, 10, &u), -EINVAL);
	ck_assert_int_eq(ctl_parse_u32("-1", 0, 10, &u), -EINVAL);
	ck_assert_int_eq(ctl_parse_u32("0x1", 0, 10, &u), -EINVAL);
	ck_assert_uint_eq(u, UINT32_MAX);	/* untouched on error */

	ck_assert_int_eq(ctl_parse_s32("-2147483648", &s), 0);
	ck_assert_int_eq(s, INT32_MIN);
	ck_assert_int_eq(ctl_parse_s32("+2147483647", &s), 0);
	ck_assert_int_eq(s, INT32_MAX);
	ck_assert_int_eq(ctl_parse_s32("-0", &s), 0);
	ck_assert_int_eq(s, 0);
	ck_assert_int_eq(ctl_parse_s32("2147483648", &s), -ERANGE);
	ck_assert_int_eq(ctl_parse_s32("-2147483649", &s), -ERANGE);
	ck_assert_int_eq(ctl_parse_s32("-", &s), -EINVAL);
	ck_assert_int_eq(ctl_parse_s32("--1", &s), -EINVAL);
	ck_assert_int_eq(ctl_parse_s32("1e3", &s), -EINVAL);
	ck_assert_int_eq(s, 0);

	ck_assert_int_eq(ctl_parse_seconds("0.5", 10 * 1000000000ULL, &ns), 0);
	ck_assert_uint_eq(ns, 500000000);
	ck_assert_int_eq(ctl_parse_seconds("2", 10 * 1000000000ULL, &ns), 0);
	ck_assert_uint_eq(ns, 2000000000);
	ck_assert_int_eq(ctl_parse_seconds("1.000000001", 10 * 1000000000ULL,
					   &ns), 0);
	ck_assert_uint_eq(ns, 1000000001);
	ck_assert_int_eq(ctl_parse_seconds("0", 10 * 1000000000ULL, &ns), 0);
	ck_assert_uint_eq(ns, 0);
	ck_assert_int_eq(ctl_parse_seconds("10.5", 10 * 1000000000ULL, &ns),
			 -ERANGE);
	ck_assert_int_eq(ctl_parse_seconds("1.0000000001", 10 * 1000000000ULL,
					   &ns), -EINVAL);
	ck_assert_int_eq(ctl_parse_seconds(".5", 10 * 1000000000ULL, &ns),
			 -EINVAL);
	ck_assert_int_eq(ctl_parse_seconds("1.", 10 * 1000000000ULL, &ns),
			 -EINVAL);
	ck_assert_int_eq(ctl_parse_seconds("-1", 10 * 1000000000ULL, &ns),
			 -EINVAL);
	ck_assert_int_eq(ctl_parse_seconds("1s", 10 * 1000000000ULL, &ns),
			 -EINVAL);
	ck_assert_int_eq(ctl_parse_seconds("inf", 10 * 1000000000ULL, &ns),
			 -EINVAL);
	ck_assert_uint_eq(ns, 0);
}
END_TEST

/* --------------------------------------------------------------- port */

static int port(const char *line, struct ctl_port_req *req, char *err)
{
	struct words w;

	err[0] = '\0';
	split(&w, line);
	return ctl_port_parse(w.argc, w.argv, req, err, ERRLEN);
}

START_TEST(port_ok)
{
	struct ctl_port_req r;
	char err[ERRLEN];

	ck_assert_int_eq(port("set eth0 down", &r, err), 0);
	ck_assert_str_eq(r.port, "eth0");
	ck_assert(r.set_admin && !r.set_prio && !r.set_queue_id);
	ck_assert_uint_eq(r.admin, NBOND_ADMIN_DOWN);

	ck_assert_int_eq(port("set eth1 up prio -5 queue_id 65535", &r, err),
			 0);
	ck_assert(r.set_admin && r.set_prio && r.set_queue_id);
	ck_assert_uint_eq(r.admin, NBOND_ADMIN_UP);
	ck_assert_int_eq(r.prio, -5);
	ck_assert_uint_eq(r.queue_id, 65535);

	ck_assert_int_eq(port("set eth1 queue_id 0", &r, err), 0);
	ck_assert(!r.set_admin && !r.set_prio && r.set_queue_id);
	ck_assert_uint_eq(r.queue_id, 0);

	ck_assert_int_eq(port("set eth1 prio 2147483647", &r, err), 0);
	ck_assert_int_eq(r.prio, INT32_MAX);
	ck_assert(!r.set_ad_prio);

	ck_assert_int_eq(port("set eth2 actor_port_prio 0", &r, err), 0);
	ck_assert(r.set_ad_prio && !r.set_prio && !r.set_admin);
	ck_assert_uint_eq(r.ad_prio, 0);
	ck_assert_int_eq(port("set eth2 actor_port_prio 65535 up", &r, err),
			 0);
	ck_assert(r.set_ad_prio && r.set_admin);
	ck_assert_uint_eq(r.ad_prio, 65535);
}
END_TEST

START_TEST(port_refused)
{
	static const struct {
		const char *line;
		const char *msg;	/* a part of the message */
	} cases[] = {
		{ "", "missing subcommand" },
		{ "show eth0", "unknown subcommand 'show'" },
		{ "set", "missing PORT" },
		{ "set eth0", "nothing to set" },
		{ "set eth0 sideways", "unknown setting 'sideways'" },
		{ "set eth0 prio", "prio needs a number" },
		{ "set eth0 prio x", "prio 'x' is not a number" },
		{ "set eth0 prio 2147483648", "out of range" },
		{ "set eth0 queue_id 65536", "queue_id '65536' is out of range (0..65535)" },
		{ "set eth0 queue_id -1", "queue_id '-1' is not a number" },
		{ "set eth0 up down", "up or down given twice" },
		{ "set eth0 prio 1 prio 2", "prio given twice" },
		{ "set eth0 queue_id 1 queue_id 1", "queue_id given twice" },
		{ "set eth0 actor_port_prio", "actor_port_prio needs a number" },
		{ "set eth0 actor_port_prio 65536", "actor_port_prio '65536' is out of range (0..65535)" },
		{ "set eth0 actor_port_prio -1", "is not a number" },
		{ "set eth0 actor_port_prio 1 actor_port_prio 2", "actor_port_prio given twice" },
		{ "set averyveryverylongname up", "port name" },
		{ "set a/b up", "port name" },
	};
	struct ctl_port_req r;
	char err[ERRLEN];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(port(cases[i].line, &r, err) == -1,
			      "'%s' accepted", cases[i].line);
		ck_assert_msg(strstr(err, cases[i].msg),
			      "'%s': message '%s' lacks '%s'", cases[i].line,
			      err, cases[i].msg);
	}
}
END_TEST

/* ------------------------------------------------------------ monitor */

START_TEST(monitor_args)
{
	const char *name = "poison";
	char err[ERRLEN];
	struct words w;

	split(&w, "");
	ck_assert_int_eq(ctl_monitor_parse(w.argc, w.argv, &name, err, ERRLEN),
			 0);
	ck_assert_ptr_null(name);

	split(&w, "bond0");
	ck_assert_int_eq(ctl_monitor_parse(w.argc, w.argv, &name, err, ERRLEN),
			 0);
	ck_assert_str_eq(name, "bond0");

	split(&w, "bond0 bond1");
	ck_assert_int_eq(ctl_monitor_parse(w.argc, w.argv, &name, err, ERRLEN),
			 -1);
	ck_assert_ptr_nonnull(strstr(err, "unexpected argument 'bond1'"));

	split(&w, "--all");
	ck_assert_int_eq(ctl_monitor_parse(w.argc, w.argv, &name, err, ERRLEN),
			 -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown option '--all'"));

	split(&w, "a:b");
	ck_assert_int_eq(ctl_monitor_parse(w.argc, w.argv, &name, err, ERRLEN),
			 -1);
	ck_assert_ptr_nonnull(strstr(err, "bond name"));
}
END_TEST

/* -------------------------------------------------------------- drill */

static int drill(const char *line, struct ctl_drill_args *a, char *err)
{
	/* Static: the parsed arguments point into the words. */
	static struct words w;

	err[0] = '\0';
	split(&w, line);
	return ctl_drill_parse(w.argc, w.argv, a, err, ERRLEN);
}

START_TEST(drill_defaults)
{
	struct ctl_drill_args a;
	char err[ERRLEN];

	ck_assert_int_eq(drill("bond0", &a, err), 0);
	ck_assert_str_eq(a.bond, "bond0");
	ck_assert_ptr_null(a.port);
	ck_assert_uint_eq(a.hold_ns, 1000000000);
	ck_assert_uint_eq(a.timeout_ns, 5000000000ULL);
	ck_assert_uint_eq(a.cycles, 1);
	ck_assert(!a.force);
}
END_TEST

START_TEST(drill_options)
{
	struct ctl_drill_args a;
	char err[ERRLEN];

	ck_assert_int_eq(drill("bond0 --port eth1 --hold 0.5 --cycles 20 --timeout 2.25 --force",
			       &a, err), 0);
	ck_assert_str_eq(a.bond, "bond0");
	ck_assert_str_eq(a.port, "eth1");
	ck_assert_uint_eq(a.hold_ns, 500000000);
	ck_assert_uint_eq(a.cycles, 20);
	ck_assert_uint_eq(a.timeout_ns, 2250000000ULL);
	ck_assert(a.force);

	/* --opt=value, options before NAME, hold 0 */
	ck_assert_int_eq(drill("--hold=0 --cycles=3 bond1 --port=eth2", &a,
			       err), 0);
	ck_assert_str_eq(a.bond, "bond1");
	ck_assert_str_eq(a.port, "eth2");
	ck_assert_uint_eq(a.hold_ns, 0);
	ck_assert_uint_eq(a.cycles, 3);
	ck_assert_uint_eq(a.timeout_ns, 5000000000ULL);
}
END_TEST

START_TEST(drill_refused)
{
	static const struct {
		const char *line;
		const char *msg;
	} cases[] = {
		{ "", "missing bond NAME" },
		{ "--port eth1", "missing bond NAME" },
		{ "bond0 bond1", "unexpected argument 'bond1'" },
		{ "bond0 --frobnicate", "unknown option '--frobnicate'" },
		{ "bond0 -f", "unknown option '-f'" },
		{ "bond0 --portx eth1", "unknown option '--portx'" },
		{ "bond0 --port", "--port needs a value" },
		{ "bond0 --hold", "--hold needs a value" },
		{ "bond0 --hold abc", "--hold 'abc' is not valid" },
		{ "bond0 --hold -1", "--hold '-1' is not valid" },
		{ "bond0 --hold 1e3", "--hold '1e3' is not valid" },
		{ "bond0 --hold 3601", "--hold '3601' is out of range" },
		{ "bond0 --timeout 0", "--timeout '0' is out of range" },
		{ "bond0 --timeout 0.0", "--timeout '0.0' is out of range" },
		{ "bond0 --cycles 0", "--cycles '0' is out of range (1 to 10000)" },
		{ "bond0 --cycles 10001", "out of range" },
		{ "bond0 --cycles 2.5", "--cycles '2.5' is not valid" },
		{ "bond0 --force=yes", "--force takes no value" },
		{ "bond0 --port a/b", "port name" },
		{ "bo:nd0", "bond name" },
	};
	struct ctl_drill_args a;
	char err[ERRLEN];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_msg(drill(cases[i].line, &a, err) == -1,
			      "'%s' accepted", cases[i].line);
		ck_assert_msg(strstr(err, cases[i].msg),
			      "'%s': message '%s' lacks '%s'", cases[i].line,
			      err, cases[i].msg);
	}
}
END_TEST

Suite *ctl_args_suite(void)
{
	Suite *s = suite_create("ctl_args");
	TCase *tc;

	tc = tcase_create("numbers");
	tcase_add_test(tc, numbers);
	suite_add_tcase(s, tc);

	tc = tcase_create("port");
	tcase_add_test(tc, port_ok);
	tcase_add_test(tc, port_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("monitor");
	tcase_add_test(tc, monitor_args);
	suite_add_tcase(s, tc);

	tc = tcase_create("drill");
	tcase_add_test(tc, drill_defaults);
	tcase_add_test(tc, drill_options);
	tcase_add_test(tc, drill_refused);
	suite_add_tcase(s, tc);
	return s;
}
