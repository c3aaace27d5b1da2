// SPDX-License-Identifier: GPL-2.0
/*
 * The command lines of bondctl create, destroy, set, add and remove
 * (ctl/config_args.c): what they accept, and the message for each thing
 * they refuse.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_link.h>

#include "config_args.h"
#include "suites.h"

#define ERRLEN 1024
#define MAX_WORDS 128

typedef int (*args_fn)(int argc, char **argv, struct ctl_config_args *a,
		       char *err, size_t errlen);

static char words_buf[4096];
static char *words[MAX_WORDS + 1];

/* Split @line at spaces into words[]; "''" stands for an empty word. */
static int split(const char *line)
{
	char *w, *save = NULL;
	int n = 0;

	snprintf(words_buf, sizeof(words_buf), "%s", line);
	for (w = strtok_r(words_buf, " ", &save); w && n < MAX_WORDS;
	     w = strtok_r(NULL, " ", &save))
		words[n++] = strcmp(w, "''") ? w : w + 2;
	words[n] = NULL;
	return n;
}

static struct ctl_config_args args;
static char err[ERRLEN];

static int run(args_fn fn, const char *line)
{
	int n = split(line);

	err[0] = '\0';
	return fn(n, words, &args, err, sizeof(err));
}

static void refused(args_fn fn, const char *line, const char *msg)
{
	ck_assert_msg(run(fn, line) == -1, "'%s' accepted", line);
	ck_assert_str_eq(err, msg);
}

static void refused_prefix(args_fn fn, const char *line, const char *prefix)
{
	ck_assert_msg(run(fn, line) == -1, "'%s' accepted", line);
	ck_assert_msg(!strncmp(err, prefix, strlen(prefix)),
		      "'%s': got \"%s\", want \"%s...\"", line, err, prefix);
}

static const struct ctl_optval *find(const char *name)
{
	unsigned int i;

	for (i = 0; i < args.nopts; i++)
		if (!strcmp(args.opts[i].opt->name, name))
			return &args.opts[i];
	ck_abort_msg("option %s not parsed", name);
	return NULL;
}

/* ------------------------------------------------------------ create */

START_TEST(create_ok)
{
	ck_assert_int_eq(run(ctl_args_create, "bond0"), 0);
	ck_assert_str_eq(args.bond, "bond0");
	ck_assert_uint_eq(args.nopts, 0);

	ck_assert_int_eq(run(ctl_args_create,
			     "bond0 mode active-backup miimon 100"), 0);
	ck_assert_str_eq(args.bond, "bond0");
	ck_assert_uint_eq(args.nopts, 2);
	ck_assert_str_eq(args.opts[0].opt->name, "mode");
	ck_assert_uint_eq(args.opts[0].num, 1);
	ck_assert_int_eq(args.opts[0].opt->attr, IFLA_BOND_MODE);
	ck_assert_str_eq(args.opts[1].opt->name, "miimon");
	ck_assert_uint_eq(args.opts[1].num, 100);

	/* parses even though the driver refuses 802.3ad for now */
	ck_assert_int_eq(run(ctl_args_create,
			     "bond0 mode 802.3ad lacp_rate fast"), 0);
	ck_assert_uint_eq(find("mode")->num, 4);
	ck_assert_uint_eq(find("lacp_rate")->num, 1);

	ck_assert_int_eq(run(ctl_args_create,
			     "b mode 1 primary eth0 arp_ip_target 192.0.2.1,192.0.2.2 ad_actor_system 02:00:00:00:00:01 active_slave ''"),
			 0);
	ck_assert_str_eq(find("primary")->port, "eth0");
	ck_assert_uint_eq(find("arp_ip_target")->count, 2);
	ck_assert_uint_eq(find("ad_actor_system")->mac[5], 1);
	ck_assert_str_eq(find("active_slave")->port, "");
}
END_TEST

/* Every option at once, each with its default. */
START_TEST(create_every_option)
{
	char line[4096];
	const struct ctl_opt *o;
	size_t pos;
	unsigned int n = 0;

	pos = (size_t)snprintf(line, sizeof(line), "bond0");
	for (o = ctl_opts; o->name; o++) {
		/* one name per setting */
		if (!strcmp(o->name, "num_unsol_na"))
			continue;
		pos += (size_t)snprintf(line + pos, sizeof(line) - pos,
					" %s %s", o->name,
					*o->def ? o->def : "''");
		n++;
	}
	ck_assert_msg(run(ctl_args_create, line) == 0, "%s", err);
	ck_assert_uint_eq(args.nopts, n);
	ck_assert_uint_eq(find("ad_actor_sys_prio")->num, 65535);
	ck_assert_uint_eq(find("use_carrier")->num, 1);
	ck_assert_uint_eq(find("arp_missed_max")->num, 2);
}
END_TEST

START_TEST(create_refused)
{
	refused(ctl_args_create, "", "create: missing the bond NAME");
	refused(ctl_args_create, "sixteen_chars_xx",
		"create: 'sixteen_chars_xx' is too long for a device name (at most 15 characters)");
	refused(ctl_args_create, "a/b",
		"create: 'a/b' is not a valid device name (no '/', ':' or spaces; not '.' or '..')");
	refused(ctl_args_create, "bond0 mode",
		"create: option 'mode' needs a VALUE");
	refused(ctl_args_create, "bond0 mode 1 miimon",
		"create: option 'miimon' needs a VALUE");
	refused_prefix(ctl_args_create, "bond0 foo 1",
		       "create: unknown bond option 'foo'; options: mode, miimon, updelay, ");
	refused_prefix(ctl_args_create, "bond0 mode foo",
		       "mode: 'foo' is not a valid mode; accepted: balance-rr (0), ");
	refused(ctl_args_create, "bond0 miimon -5",
		"miimon: '-5' is not a number; accepted: 0-2147483647");
	refused(ctl_args_create, "bond0 miimon 1 updelay 2 miimon 3",
		"miimon: given twice");
	refused(ctl_args_create, "bond0 num_grat_arp 1 num_unsol_na 2",
		"num_unsol_na: sets the same value as num_grat_arp, given before");
	refused_prefix(ctl_args_create, "bond0 primary sixteen_chars_xx",
		       "primary: 'sixteen_chars_xx' is too long");
	refused_prefix(ctl_args_create, "bond0 arp_ip_target 1.2.3.4,bad",
		       "arp_ip_target: 'bad' is not an IPv4 address; accepted: ");
}
END_TEST

/* The whole unknown-option message names every option. */
START_TEST(unknown_lists_options)
{
	const struct ctl_opt *o;
	char want[64];

	ck_assert_int_eq(run(ctl_args_set, "bond0 Mode 1"), -1);
	for (o = ctl_opts; o->name; o++) {
		snprintf(want, sizeof(want), " %s", o->name);
		ck_assert_msg(strstr(err, want), "\"%s\" lacks %s", err,
			      o->name);
	}
}
END_TEST

/* ----------------------------------------------------------- destroy */

START_TEST(destroy_args)
{
	ck_assert_int_eq(run(ctl_args_destroy, "bond0"), 0);
	ck_assert_str_eq(args.bond, "bond0");
	refused(ctl_args_destroy, "", "destroy: missing the bond NAME");
	refused(ctl_args_destroy, "bond0 bond1",
		"destroy: unexpected argument 'bond1'");
	refused(ctl_args_destroy, "sixteen_chars_xx",
		"destroy: 'sixteen_chars_xx' is too long for a device name (at most 15 characters)");
}
END_TEST

/* --------------------------------------------------------------- set */

START_TEST(set_args)
{
	ck_assert_int_eq(run(ctl_args_set, "bond0 miimon 100 updelay 200"),
			 0);
	ck_assert_str_eq(args.bond, "bond0");
	ck_assert_uint_eq(args.nopts, 2);
	ck_assert_uint_eq(find("miimon")->num, 100);
	ck_assert_uint_eq(find("updelay")->num, 200);

	ck_assert_int_eq(run(ctl_args_set, "bond0 primary eth1"), 0);
	ck_assert_str_eq(find("primary")->port, "eth1");
	ck_assert_int_eq(run(ctl_args_set, "bond0 arp_ip_target ''"), 0);
	ck_assert_uint_eq(find("arp_ip_target")->count, 0);
	ck_assert_int_eq(run(ctl_args_set, "bond0 num_unsol_na 3"), 0);
	ck_assert_int_eq(find("num_unsol_na")->opt->attr,
			 IFLA_BOND_NUM_PEER_NOTIF);
	ck_assert_uint_eq(find("num_unsol_na")->num, 3);

	refused(ctl_args_set, "", "set: missing the bond NAME");
	refused(ctl_args_set, "bond0", "set: missing OPTION VALUE");
	refused(ctl_args_set, "bond0 miimon",
		"set: option 'miimon' needs a VALUE");
	refused(ctl_args_set, "bond0 miimon 100 updelay",
		"set: option 'updelay' needs a VALUE");
	refused_prefix(ctl_args_set, "bond0 100 miimon",
		       "set: unknown bond option '100'; options: ");
	refused(ctl_args_set, "bond0 lacp_rate medium",
		"lacp_rate: 'medium' is not a valid lacp_rate; accepted: slow (0), fast (1)");
	refused(ctl_args_set, "bond0 ad_actor_sys_prio 0",
		"ad_actor_sys_prio: 0 is out of range; accepted: 1-65535");
	refused(ctl_args_set, "bond0 mode 1 mode 2", "mode: given twice");
}
END_TEST

/* ------------------------------------------------------- add, remove */

START_TEST(ports_args)
{
	args_fn fns[] = { ctl_args_add, ctl_args_remove };
	const char *names[] = { "add", "remove" };
	char want[256];
	int i;

	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(run(fns[i], "bond0 eth0 eth1"), 0);
		ck_assert_str_eq(args.bond, "bond0");
		ck_assert_int_eq(args.nports, 2);
		ck_assert_str_eq(args.ports[0], "eth0");
		ck_assert_str_eq(args.ports[1], "eth1");
		ck_assert_uint_eq(args.nopts, 0);

		ck_assert_int_eq(run(fns[i], "bond0 eth0"), 0);
		ck_assert_int_eq(args.nports, 1);

		snprintf(want, sizeof(want), "%s: missing the bond NAME",
			 names[i]);
		refused(fns[i], "", want);
		snprintf(want, sizeof(want), "%s: missing PORT (a device name)",
			 names[i]);
		refused(fns[i], "bond0", want);
		snprintf(want, sizeof(want), "%s: port eth0 is given twice",
			 names[i]);
		refused(fns[i], "bond0 eth0 eth1 eth0", want);
		snprintf(want, sizeof(want),
			 "%s: bond0 cannot be a port of itself", names[i]);
		refused(fns[i], "bond0 eth0 bond0", want);
		snprintf(want, sizeof(want),
			 "%s: 'sixteen_chars_xx' is too long for a device name (at most 15 characters)",
			 names[i]);
		refused(fns[i], "bond0 sixteen_chars_xx", want);
		refused(fns[i], "sixteen_chars_xx eth0", want);
		snprintf(want, sizeof(want),
			 "%s: 'a:b' is not a valid device name (no '/', ':' or spaces; not '.' or '..')",
			 names[i]);
		refused(fns[i], "bond0 eth0 a:b", want);
	}
}
END_TEST

Suite *config_args_suite(void)
{
	Suite *s = suite_create("config_args");
	TCase *tc = tcase_create("commands");

	tcase_add_test(tc, create_ok);
	tcase_add_test(tc, create_every_option);
	tcase_add_test(tc, create_refused);
	tcase_add_test(tc, unknown_lists_options);
	tcase_add_test(tc, destroy_args);
	tcase_add_test(tc, set_args);
	tcase_add_test(tc, ports_args);
	suite_add_tcase(s, tc);
	return s;
}
