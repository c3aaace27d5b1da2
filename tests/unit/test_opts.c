// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl's option table, value parsing and formatting (ctl/opts.c).
 *
 * The expected names, attributes, types, ranges and defaults are written
 * out here independently of opts.c: they are the kernel bonding driver's,
 * and a drift in either place must show up as a failure.
 */
#include <arpa/inet.h>
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/netlink.h>

#include <linux/nbond.h>

#include "opts.h"
#include "suites.h"

#define ERRLEN 1024

struct expected_opt {
	const char *name;
	int attr;
	enum ctl_opt_type type;
	const struct nbond_value *values;
	uint32_t min, max;
	const char *def;
};

static const struct expected_opt expected[] = {
	{ "mode", IFLA_BOND_MODE, CTL_OPT_U8, nbond_mode_values, 0, 0,
	  "balance-rr" },
	{ "miimon", IFLA_BOND_MIIMON, CTL_OPT_U32, NULL, 0, INT_MAX, "0" },
	{ "updelay", IFLA_BOND_UPDELAY, CTL_OPT_U32, NULL, 0, INT_MAX, "0" },
	{ "downdelay", IFLA_BOND_DOWNDELAY, CTL_OPT_U32, NULL, 0, INT_MAX,
	  "0" },
	{ "peer_notif_delay", IFLA_BOND_PEER_NOTIF_DELAY, CTL_OPT_U32, NULL,
	  0, 300000, "0" },
	{ "use_carrier", IFLA_BOND_USE_CARRIER, CTL_OPT_U8, NULL, 0, 1, "1" },
	{ "arp_interval", IFLA_BOND_ARP_INTERVAL, CTL_OPT_U32, NULL, 0,
	  INT_MAX, "0" },
	{ "arp_ip_target", IFLA_BOND_ARP_IP_TARGET, CTL_OPT_IP4_LIST, NULL,
	  0, 0, "" },
	{ "ns_ip6_target", IFLA_BOND_NS_IP6_TARGET, CTL_OPT_IP6_LIST, NULL,
	  0, 0, "" },
	{ "arp_validate", IFLA_BOND_ARP_VALIDATE, CTL_OPT_U32,
	  nbond_arp_validate_values, 0, 0, "none" },
	{ "arp_all_targets", IFLA_BOND_ARP_ALL_TARGETS, CTL_OPT_U32,
	  nbond_arp_all_targets_values, 0, 0, "any" },
	{ "arp_missed_max", IFLA_BOND_MISSED_MAX, CTL_OPT_U8, NULL, 1, 255,
	  "2" },
	{ "primary", IFLA_BOND_PRIMARY, CTL_OPT_PORT, NULL, 0, 0, "" },
	{ "primary_reselect", IFLA_BOND_PRIMARY_RESELECT, CTL_OPT_U8,
	  nbond_primary_reselect_values, 0, 0, "always" },
	{ "active_slave", IFLA_BOND_ACTIVE_SLAVE, CTL_OPT_PORT, NULL, 0, 0,
	  "" },
	{ "fail_over_mac", IFLA_BOND_FAIL_OVER_MAC, CTL_OPT_U8,
	  nbond_fail_over_mac_values, 0, 0, "none" },
	{ "xmit_hash_policy", IFLA_BOND_XMIT_HASH_POLICY, CTL_OPT_U8,
	  nbond_xmit_policy_values, 0, 0, "layer2" },
	{ "resend_igmp", IFLA_BOND_RESEND_IGMP, CTL_OPT_U32, NULL, 0, 255,
	  "1" },
	{ "num_grat_arp", IFLA_BOND_NUM_PEER_NOTIF, CTL_OPT_U8, NULL, 0, 255,
	  "1" },
	{ "num_unsol_na", IFLA_BOND_NUM_PEER_NOTIF, CTL_OPT_U8, NULL, 0, 255,
	  "1" },
	{ "all_slaves_active", IFLA_BOND_ALL_SLAVES_ACTIVE, CTL_OPT_U8, NULL,
	  0, 1, "0" },
	{ "min_links", IFLA_BOND_MIN_LINKS, CTL_OPT_U32, NULL, 0, INT_MAX,
	  "0" },
	{ "lp_interval", IFLA_BOND_LP_INTERVAL, CTL_OPT_U32, NULL, 1, INT_MAX,
	  "1" },
	{ "packets_per_slave", IFLA_BOND_PACKETS_PER_SLAVE, CTL_OPT_U32, NULL,
	  0, 65535, "1" },
	{ "lacp_active", IFLA_BOND_AD_LACP_ACTIVE, CTL_OPT_U8,
	  nbond_onoff_values, 0, 0, "on" },
	{ "lacp_rate", IFLA_BOND_AD_LACP_RATE, CTL_OPT_U8,
	  nbond_lacp_rate_values, 0, 0, "slow" },
	{ "ad_select", IFLA_BOND_AD_SELECT, CTL_OPT_U8, nbond_ad_select_values,
	  0, 0, "stable" },
	{ "ad_actor_sys_prio", IFLA_BOND_AD_ACTOR_SYS_PRIO, CTL_OPT_U16, NULL,
	  1, 65535, "65535" },
	{ "ad_user_port_key", IFLA_BOND_AD_USER_PORT_KEY, CTL_OPT_U16, NULL,
	  0, 1023, "0" },
	{ "ad_actor_system", IFLA_BOND_AD_ACTOR_SYSTEM, CTL_OPT_MAC, NULL, 0,
	  0, "00:00:00:00:00:00" },
	{ "tlb_dynamic_lb", IFLA_BOND_TLB_DYNAMIC_LB, CTL_OPT_U8, NULL, 0, 1,
	  "1" },
	/* IFLA_BOND_COUPLED_CONTROL (Linux 6.10): 32 in the kernel's ABI */
	{ "coupled_control", 32, CTL_OPT_U8, nbond_onoff_values, 0, 0, "on" },
	/* nbond's own: NBOND_CMD_BOND_SET, not rtnetlink */
	{ "lacp_fallback", CTL_OPT_NBOND | NBOND_A_LACP_FALLBACK, CTL_OPT_U8,
	  nbond_lacp_fallback_values, 0, 0, "individual" },
};

#define N_EXPECTED ((int)(sizeof(expected) / sizeof(expected[0])))

static const struct ctl_opt *opt(const char *name)
{
	const struct ctl_opt *o = ctl_opt_by_name(name);

	ck_assert_msg(o, "no option %s", name);
	return o;
}

static void assert_prefix(const char *s, const char *prefix)
{
	ck_assert_msg(!strncmp(s, prefix, strlen(prefix)),
		      "got \"%s\", want it to start \"%s\"", s, prefix);
}

/* ------------------------------------------------------------ the table */

START_TEST(table_matches)
{
	const struct expected_opt *e = &expected[_i];
	const struct ctl_opt *o = opt(e->name);

	ck_assert_str_eq(o->name, e->name);
	ck_assert_int_eq(o->attr, e->attr);
	ck_assert_int_eq(o->type, e->type);
	ck_assert_ptr_eq(o->values, e->values);
	if (!e->values && e->type <= CTL_OPT_U32) {
		ck_assert_uint_eq(o->min, e->min);
		ck_assert_uint_eq(o->max, e->max);
	}
	ck_assert_str_eq(o->def, e->def);
}
END_TEST

START_TEST(table_complete)
{
	const struct ctl_opt *o;
	int n = 0;

	for (o = ctl_opts; o->name; o++)
		n++;
	ck_assert_int_eq(n, N_EXPECTED);
	ck_assert_ptr_null(ctl_opt_by_name("bogus"));
	ck_assert_ptr_null(ctl_opt_by_name("MODE"));
	ck_assert_ptr_null(ctl_opt_by_name(""));
}
END_TEST

START_TEST(by_attr)
{
	const struct ctl_opt *o;

	for (o = ctl_opts; o->name; o++) {
		const struct ctl_opt *found = ctl_opt_by_attr(o->attr);

		ck_assert_ptr_nonnull(found);
		ck_assert_int_eq(found->attr, o->attr);
	}
	ck_assert_str_eq(ctl_opt_by_attr(IFLA_BOND_NUM_PEER_NOTIF)->name,
			 "num_grat_arp");
	ck_assert_str_eq(ctl_opt_by_attr(IFLA_BOND_MODE)->name, "mode");
	ck_assert_str_eq(ctl_opt_by_attr(IFLA_BOND_MISSED_MAX)->name,
			 "arp_missed_max");
	ck_assert_ptr_null(ctl_opt_by_attr(IFLA_BOND_AD_INFO));
	ck_assert_ptr_null(ctl_opt_by_attr(0));
	ck_assert_ptr_null(ctl_opt_by_attr(1000));
}
END_TEST

/* Every default is a value the option itself accepts. */
START_TEST(defaults_parse)
{
	char err[ERRLEN];
	struct ctl_optval v;
	const struct ctl_opt *o;

	for (o = ctl_opts; o->name; o++)
		ck_assert_msg(!ctl_opt_parse(o, o->def, &v, err, sizeof(err)),
			      "%s: default '%s' refused: %s", o->name, o->def,
			      err);
}
END_TEST

/* ------------------------------------------------------- named values */

START_TEST(named_values)
{
	const struct expected_opt *e = &expected[_i];
	const struct ctl_opt *o = opt(e->name);
	const struct nbond_value *v;
	char err[ERRLEN], num[16];
	struct ctl_optval val;

	if (!e->values)
		return;
	for (v = e->values; v->name; v++) {
		val.num = 0xdead;
		ck_assert_int_eq(ctl_opt_parse(o, v->name, &val, err,
					       sizeof(err)), 0);
		ck_assert_uint_eq(val.num, v->value);
		ck_assert_ptr_eq(val.opt, o);

		snprintf(num, sizeof(num), "%u", v->value);
		val.num = 0xdead;
		ck_assert_int_eq(ctl_opt_parse(o, num, &val, err,
					       sizeof(err)), 0);
		ck_assert_uint_eq(val.num, v->value);
	}
}
END_TEST

START_TEST(named_refused)
{
	const struct expected_opt *e = &expected[_i];
	const struct ctl_opt *o = opt(e->name);
	const char *bad[] = { "bogus", "", "99", "-1", "0x1" };
	const struct nbond_value *v;
	char err[ERRLEN], want[128], item[64];
	struct ctl_optval val;
	size_t i;

	if (!e->values)
		return;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(ctl_opt_parse(o, bad[i], &val, err,
					       sizeof(err)), -1);
		snprintf(want, sizeof(want),
			 "%s: '%s' is not a valid %s; accepted: ", e->name,
			 bad[i], e->name);
		ck_assert_msg(!strncmp(err, want, strlen(want)),
			      "got \"%s\", want it to start \"%s\"", err, want);
		for (v = e->values; v->name; v++) {
			snprintf(item, sizeof(item), "%s (%u)", v->name,
				 v->value);
			ck_assert_msg(strstr(err, item), "\"%s\" lacks \"%s\"",
				      err, item);
		}
	}
	/* Case matters, as in the kernel. */
	ck_assert_int_eq(ctl_opt_parse(o, "STABLE", &val, err, sizeof(err)),
			 -1);
}
END_TEST

START_TEST(mode_message)
{
	char err[ERRLEN];
	struct ctl_optval val;

	ck_assert_int_eq(ctl_opt_parse(opt("mode"), "foo", &val, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err,
			 "mode: 'foo' is not a valid mode; accepted: balance-rr (0), active-backup (1), balance-xor (2), broadcast (3), 802.3ad (4), balance-tlb (5), balance-alb (6)");
	ck_assert_int_eq(ctl_opt_parse(opt("mode"), "802.3ad", &val, err,
				       sizeof(err)), 0);
	ck_assert_uint_eq(val.num, 4);
}
END_TEST

/* ------------------------------------------------------------- ranges */

START_TEST(range_bounds)
{
	const struct expected_opt *e = &expected[_i];
	const struct ctl_opt *o = opt(e->name);
	char err[ERRLEN], text[32], want[160];
	struct ctl_optval val;

	if (e->values || e->type > CTL_OPT_U32)
		return;

	snprintf(text, sizeof(text), "%u", e->min);
	ck_assert_int_eq(ctl_opt_parse(o, text, &val, err, sizeof(err)), 0);
	ck_assert_uint_eq(val.num, e->min);
	snprintf(text, sizeof(text), "%u", e->max);
	ck_assert_int_eq(ctl_opt_parse(o, text, &val, err, sizeof(err)), 0);
	ck_assert_uint_eq(val.num, e->max);
	snprintf(text, sizeof(text), "%u", (e->min + e->max) / 2);
	ck_assert_int_eq(ctl_opt_parse(o, text, &val, err, sizeof(err)), 0);
	ck_assert_uint_eq(val.num, (e->min + e->max) / 2);

	/* one above the maximum */
	snprintf(text, sizeof(text), "%lu", (unsigned long)e->max + 1);
	ck_assert_int_eq(ctl_opt_parse(o, text, &val, err, sizeof(err)), -1);
	if (e->max == e->min + 1)
		snprintf(want, sizeof(want),
			 "%s: %s is out of range; accepted: %u or %u",
			 e->name, text, e->min, e->max);
	else
		snprintf(want, sizeof(want),
			 "%s: %s is out of range; accepted: %u-%u",
			 e->name, text, e->min, e->max);
	ck_assert_str_eq(err, want);

	/* one below the minimum */
	if (e->min) {
		snprintf(text, sizeof(text), "%u", e->min - 1);
		ck_assert_int_eq(ctl_opt_parse(o, text, &val, err,
					       sizeof(err)), -1);
		ck_assert_msg(strstr(err, "is out of range"), "%s", err);
	}

	/* beyond 32 bits */
	ck_assert_int_eq(ctl_opt_parse(o, "99999999999", &val, err,
				       sizeof(err)), -1);
	ck_assert_msg(strstr(err, "is out of range"), "%s", err);
}
END_TEST

START_TEST(range_not_numbers)
{
	const struct expected_opt *e = &expected[_i];
	const struct ctl_opt *o = opt(e->name);
	const char *bad[] = { "abc", "", "-1", "+1", "1.5", "0x10", "1k",
			      "on" };
	char err[ERRLEN], want[128];
	struct ctl_optval val;
	size_t i;

	if (e->values || e->type > CTL_OPT_U32)
		return;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(ctl_opt_parse(o, bad[i], &val, err,
					       sizeof(err)), -1);
		snprintf(want, sizeof(want),
			 "%s: '%s' is not a number; accepted: ", e->name,
			 bad[i]);
		ck_assert_msg(!strncmp(err, want, strlen(want)),
			      "got \"%s\", want it to start \"%s\"", err, want);
	}
}
END_TEST

START_TEST(range_messages)
{
	char err[ERRLEN];
	struct ctl_optval val;

	ck_assert_int_eq(ctl_opt_parse(opt("arp_missed_max"), "0", &val, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err,
			 "arp_missed_max: 0 is out of range; accepted: 1-255");
	ck_assert_int_eq(ctl_opt_parse(opt("use_carrier"), "2", &val, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err,
			 "use_carrier: 2 is out of range; accepted: 0 or 1");
	ck_assert_int_eq(ctl_opt_parse(opt("ad_user_port_key"), "1024", &val,
				       err, sizeof(err)), -1);
	ck_assert_str_eq(err,
			 "ad_user_port_key: 1024 is out of range; accepted: 0-1023");
	ck_assert_int_eq(ctl_opt_parse(opt("miimon"), "fast", &val, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err,
			 "miimon: 'fast' is not a number; accepted: 0-2147483647");
}
END_TEST

/* A short error buffer is cut, never overrun. */
START_TEST(short_err_buffer)
{
	char err[16 + 8];
	struct ctl_optval val;

	memset(err, 'x', sizeof(err));
	ck_assert_int_eq(ctl_opt_parse(opt("mode"), "foo", &val, err, 16),
			 -1);
	ck_assert_uint_eq(strlen(err), 15);
	ck_assert_int_eq(err[16], 'x');
	ck_assert_int_eq(ctl_opt_parse(opt("mode"), "foo", &val, err, 0), -1);
}
END_TEST

/* ---------------------------------------------------------------- MAC */

START_TEST(mac_parse)
{
	const uint8_t want[6] = { 0x00, 0x11, 0x22, 0xaa, 0xbb, 0xcc };
	const struct ctl_opt *o = opt("ad_actor_system");
	const char *bad[] = { "00:11:22:33:44", "00:11:22:33:44:55:66",
			      "001122334455", "00-11-22-33-44-55",
			      "0:11:22:33:44:55", "zz:11:22:33:44:55", "" };
	char err[ERRLEN], want_err[128];
	struct ctl_optval val;
	size_t i;

	ck_assert_int_eq(ctl_opt_parse(o, "00:11:22:aa:BB:cc", &val, err,
				       sizeof(err)), 0);
	ck_assert_mem_eq(val.mac, want, 6);

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(ctl_opt_parse(o, bad[i], &val, err,
					       sizeof(err)), -1);
		snprintf(want_err, sizeof(want_err),
			 "ad_actor_system: '%s' is not a MAC address; accepted: a unicast MAC address xx:xx:xx:xx:xx:xx",
			 bad[i]);
		ck_assert_str_eq(err, want_err);
	}

	ck_assert_int_eq(ctl_opt_parse(o, "01:00:5e:00:00:01", &val, err,
				       sizeof(err)), -1);
	ck_assert_str_eq(err,
			 "ad_actor_system: 01:00:5e:00:00:01 is a multicast address; accepted: a unicast MAC address xx:xx:xx:xx:xx:xx");
}
END_TEST

/* --------------------------------------------------------------- PORT */

START_TEST(port_parse)
{
	const struct ctl_opt *o = opt(expected[_i].name);
	char err[ERRLEN], want[160];
	struct ctl_optval val;

	if (expected[_i].type != CTL_OPT_PORT)
		return;
	ck_assert_int_eq(ctl_opt_parse(o, "eth0", &val, err, sizeof(err)), 0);
	ck_assert_str_eq(val.port, "eth0");
	ck_assert_int_eq(ctl_opt_parse(o, "", &val, err, sizeof(err)), 0);
	ck_assert_str_eq(val.port, "");
	ck_assert_int_eq(ctl_opt_parse(o, "fifteen_chars_x", &val, err,
				       sizeof(err)), 0);
	ck_assert_str_eq(val.port, "fifteen_chars_x");

	ck_assert_int_eq(ctl_opt_parse(o, "sixteen_chars_xx", &val, err,
				       sizeof(err)), -1);
	snprintf(want, sizeof(want),
		 "%s: 'sixteen_chars_xx' is too long for a device name (at most 15 characters)",
		 o->name);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(ctl_opt_parse(o, "a/b", &val, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "'a/b' is not a valid device name"), "%s",
		      err);
	ck_assert_int_eq(strncmp(err, o->name, strlen(o->name)), 0);
}
END_TEST

/* -------------------------------------------------------------- lists */

static void make_list(char *buf, size_t size, int n, bool v6)
{
	size_t pos = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		pos += (size_t)snprintf(buf + pos, size - pos,
					v6 ? "%s2001:db8::%x" : "%s10.0.0.%d",
					i ? "," : "", i + 1);
}

START_TEST(ip4_list)
{
	const struct ctl_opt *o = opt("arp_ip_target");
	char text[1024], err[ERRLEN];
	struct ctl_optval val;
	struct in_addr a;
	int i;

	make_list(text, sizeof(text), 16, false);
	ck_assert_int_eq(ctl_opt_parse(o, text, &val, err, sizeof(err)), 0);
	ck_assert_uint_eq(val.count, 16);
	for (i = 0; i < 16; i++) {
		char one[24];

		snprintf(one, sizeof(one), "10.0.0.%d", i + 1);
		inet_pton(AF_INET, one, &a);
		ck_assert_uint_eq(val.ip4[i].s_addr, a.s_addr);
	}

	make_list(text, sizeof(text), 17, false);
	ck_assert_int_eq(ctl_opt_parse(o, text, &val, err, sizeof(err)), -1);
	ck_assert_str_eq(err,
			 "arp_ip_target: more than 16 addresses; accepted: up to 16 IPv4 addresses a.b.c.d, comma-separated, or '' for none");

	ck_assert_int_eq(ctl_opt_parse(o, "", &val, err, sizeof(err)), 0);
	ck_assert_uint_eq(val.count, 0);

	ck_assert_int_eq(ctl_opt_parse(o, "192.0.2.1", &val, err,
				       sizeof(err)), 0);
	ck_assert_uint_eq(val.count, 1);
	ck_assert_uint_eq(ntohl(val.ip4[0].s_addr), 0xc0000201);
}
END_TEST

START_TEST(ip4_list_refused)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "1.2.3", "'1.2.3' is not an IPv4 address" },
		{ "1.2.3.4,x", "'x' is not an IPv4 address" },
		{ "1.2.3.4,,5.6.7.8", "'1.2.3.4,,5.6.7.8' has an empty address" },
		{ "1.2.3.4,", "'1.2.3.4,' has an empty address" },
		{ ",1.2.3.4", "',1.2.3.4' has an empty address" },
		{ "1.2.3.4 ", "'1.2.3.4 ' is not an IPv4 address" },
		{ "2001:db8::1", "'2001:db8::1' is not an IPv4 address" },
		{ "1.2.3.4,1.2.3.4", "1.2.3.4 is given twice" },
		{ "0.0.0.0", "0.0.0.0 cannot be a target" },
		{ "0.1.2.3", "0.1.2.3 cannot be a target" },
		{ "255.255.255.255", "255.255.255.255 cannot be a target" },
		{ "1.2.3.4,11111111111111111111111111111111111111111111111",
		  "'11111111111111111111111111111111111111111111111' is not an IPv4 address" },
	};
	const struct ctl_opt *o = opt("arp_ip_target");
	char err[ERRLEN], want[256];
	struct ctl_optval val;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(ctl_opt_parse(o, bad[i].text, &val, err,
					       sizeof(err)), -1);
		snprintf(want, sizeof(want), "arp_ip_target: %s; accepted: ",
			 bad[i].msg);
		ck_assert_msg(!strncmp(err, want, strlen(want)),
			      "%s: got \"%s\", want \"%s...\"", bad[i].text,
			      err, want);
	}
}
END_TEST

START_TEST(ip6_list)
{
	const struct ctl_opt *o = opt("ns_ip6_target");
	char text[1024], err[ERRLEN];
	struct ctl_optval val;
	struct in6_addr a;

	make_list(text, sizeof(text), 16, true);
	ck_assert_int_eq(ctl_opt_parse(o, text, &val, err, sizeof(err)), 0);
	ck_assert_uint_eq(val.count, 16);
	inet_pton(AF_INET6, "2001:db8::10", &a);
	ck_assert_mem_eq(&val.ip6[15], &a, sizeof(a));

	make_list(text, sizeof(text), 17, true);
	ck_assert_int_eq(ctl_opt_parse(o, text, &val, err, sizeof(err)), -1);
	assert_prefix(err,
		      "ns_ip6_target: more than 16 addresses; accepted: up to 16 IPv6 addresses");

	ck_assert_int_eq(ctl_opt_parse(o, "", &val, err, sizeof(err)), 0);
	ck_assert_uint_eq(val.count, 0);

	ck_assert_int_eq(ctl_opt_parse(o, "1.2.3.4", &val, err, sizeof(err)),
			 -1);
	assert_prefix(err,
		      "ns_ip6_target: '1.2.3.4' is not an IPv6 address; accepted: ");
	ck_assert_int_eq(ctl_opt_parse(o, "::1", &val, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "::1 cannot be a target"), "%s", err);
	ck_assert_int_eq(ctl_opt_parse(o, "::", &val, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, ":: cannot be a target"), "%s", err);
	ck_assert_int_eq(ctl_opt_parse(o, "ff02::1", &val, err, sizeof(err)),
			 -1);
	ck_assert_msg(strstr(err, "ff02::1 cannot be a target"), "%s", err);
	ck_assert_int_eq(ctl_opt_parse(o, "fe80::1,fe80::1", &val, err,
				       sizeof(err)), -1);
	ck_assert_msg(strstr(err, "fe80::1 is given twice"), "%s", err);
}
END_TEST

/* ------------------------------------------------------------ format */

/* The nest payload config.c sends for a list: attributes 0, 1, ... */
static size_t make_nest(uint8_t *buf, const void *addrs, size_t size,
			unsigned int count)
{
	size_t pos = 0;
	unsigned int i;

	for (i = 0; i < count; i++) {
		struct nlattr nla = {
			.nla_len = (uint16_t)(NLA_HDRLEN + size),
			.nla_type = (uint16_t)i,
		};

		memcpy(buf + pos, &nla, sizeof(nla));
		memcpy(buf + pos + NLA_HDRLEN, (const uint8_t *)addrs + i * size,
		       size);
		pos += NLA_ALIGN(nla.nla_len);
	}
	return pos;
}

/* The attribute payload config.c would send for @val. */
static size_t payload(const struct ctl_optval *val, uint8_t *buf)
{
	uint16_t u16 = (uint16_t)val->num;

	switch (val->opt->type) {
	case CTL_OPT_U8:
		buf[0] = (uint8_t)val->num;
		return 1;
	case CTL_OPT_U16:
		memcpy(buf, &u16, 2);
		return 2;
	case CTL_OPT_U32:
	case CTL_OPT_PORT:
		memcpy(buf, &val->num, 4);
		return 4;
	case CTL_OPT_MAC:
		memcpy(buf, val->mac, 6);
		return 6;
	case CTL_OPT_IP4_LIST:
		return make_nest(buf, val->ip4, 4, val->count);
	case CTL_OPT_IP6_LIST:
		return make_nest(buf, val->ip6, 16, val->count);
	}
	return 0;
}

static void round_trip(const char *name, const char *text, const char *want)
{
	const struct ctl_opt *o = opt(name);
	char err[ERRLEN], out[1024];
	struct ctl_optval val;
	uint8_t buf[1024];
	size_t len;

	ck_assert_msg(!ctl_opt_parse(o, text, &val, err, sizeof(err)),
		      "%s %s: %s", name, text, err);
	len = payload(&val, buf);
	ck_assert_int_eq(ctl_opt_format(o, buf, len, out, sizeof(out)), 0);
	ck_assert_str_eq(out, want);
}

START_TEST(format_round_trips)
{
	char list[1024];

	/* U8 named, by name and by number */
	round_trip("mode", "active-backup", "active-backup");
	round_trip("mode", "4", "802.3ad");
	round_trip("xmit_hash_policy", "vlan+srcmac", "vlan+srcmac");
	round_trip("lacp_active", "off", "off");
	round_trip("coupled_control", "1", "on");
	round_trip("lacp_fallback", "1", "strict");
	round_trip("lacp_fallback", "individual", "individual");
	/* U8 range */
	round_trip("arp_missed_max", "255", "255");
	round_trip("num_unsol_na", "0", "0");
	/* U16 */
	round_trip("ad_actor_sys_prio", "65535", "65535");
	round_trip("ad_user_port_key", "1023", "1023");
	/* U32 range and named */
	round_trip("miimon", "2147483647", "2147483647");
	round_trip("peer_notif_delay", "300000", "300000");
	round_trip("arp_validate", "filter_backup", "filter_backup");
	round_trip("arp_all_targets", "1", "all");
	/* MAC: lower case */
	round_trip("ad_actor_system", "02:AB:cd:00:00:0F",
		   "02:ab:cd:00:00:0f");
	/* lists */
	round_trip("arp_ip_target", "", "");
	round_trip("arp_ip_target", "192.0.2.1,198.51.100.7",
		   "192.0.2.1,198.51.100.7");
	make_list(list, sizeof(list), 16, false);
	round_trip("arp_ip_target", list, list);
	round_trip("ns_ip6_target", "2001:DB8:0:0::1,fe80::abcd",
		   "2001:db8::1,fe80::abcd");
	make_list(list, sizeof(list), 16, true);
	round_trip("ns_ip6_target", list, list);
	round_trip("ns_ip6_target", "", "");
}
END_TEST

/* Every option formats every value it parses back to the same text. */
START_TEST(format_every_option)
{
	const struct ctl_opt *o;
	const struct nbond_value *v;
	char text[32];

	for (o = ctl_opts; o->name; o++) {
		if (o->values) {
			for (v = o->values; v->name; v++)
				round_trip(o->name, v->name, v->name);
		} else if (o->type <= CTL_OPT_U32) {
			snprintf(text, sizeof(text), "%u", o->min);
			round_trip(o->name, text, text);
			snprintf(text, sizeof(text), "%u", o->max);
			round_trip(o->name, text, text);
		} else if (o->type != CTL_OPT_PORT) {
			round_trip(o->name, o->def, o->def);
		}
	}
}
END_TEST

START_TEST(format_ports_and_unknown)
{
	const uint8_t mode9 = 9;
	uint32_t idx = 7;
	char out[64];

	ck_assert_int_eq(ctl_opt_format(opt("primary"), &idx, 4, out,
					 sizeof(out)), 0);
	ck_assert_str_eq(out, "7");
	idx = 0;
	ck_assert_int_eq(ctl_opt_format(opt("active_slave"), &idx, 4, out,
					 sizeof(out)), 0);
	ck_assert_str_eq(out, "0");
	/* a value a newer driver may have: shown as its number */
	ck_assert_int_eq(ctl_opt_format(opt("mode"), &mode9, 1, out,
					 sizeof(out)), 0);
	ck_assert_str_eq(out, "9");
}
END_TEST

START_TEST(format_malformed)
{
	uint8_t buf[64] = { 0 };
	struct nlattr nla;
	char out[64];

	/* wrong lengths */
	ck_assert_int_eq(ctl_opt_format(opt("mode"), buf, 4, out,
					 sizeof(out)), -1);
	ck_assert_int_eq(ctl_opt_format(opt("mode"), buf, 0, out,
					 sizeof(out)), -1);
	ck_assert_int_eq(ctl_opt_format(opt("ad_actor_sys_prio"), buf, 4, out,
					 sizeof(out)), -1);
	ck_assert_int_eq(ctl_opt_format(opt("miimon"), buf, 1, out,
					 sizeof(out)), -1);
	ck_assert_int_eq(ctl_opt_format(opt("primary"), buf, 2, out,
					 sizeof(out)), -1);
	ck_assert_int_eq(ctl_opt_format(opt("ad_actor_system"), buf, 5, out,
					 sizeof(out)), -1);

	/* a list entry of the wrong size */
	nla.nla_len = NLA_HDRLEN + 6;
	nla.nla_type = 0;
	memcpy(buf, &nla, sizeof(nla));
	ck_assert_int_eq(ctl_opt_format(opt("arp_ip_target"), buf, 12, out,
					 sizeof(out)), -1);
	/* an entry longer than the payload */
	nla.nla_len = NLA_HDRLEN + 4;
	memcpy(buf, &nla, sizeof(nla));
	ck_assert_int_eq(ctl_opt_format(opt("arp_ip_target"), buf, 6, out,
					 sizeof(out)), -1);
	/* trailing bytes too short for a header */
	ck_assert_int_eq(ctl_opt_format(opt("arp_ip_target"), buf, 10, out,
					 sizeof(out)), -1);
	/* an IPv4 entry in the IPv6 list */
	ck_assert_int_eq(ctl_opt_format(opt("ns_ip6_target"), buf, 8, out,
					 sizeof(out)), -1);
	/* the well-formed one */
	buf[4] = 10;
	buf[7] = 1;
	ck_assert_int_eq(ctl_opt_format(opt("arp_ip_target"), buf, 8, out,
					 sizeof(out)), 0);
	ck_assert_str_eq(out, "10.0.0.1");
}
END_TEST

START_TEST(format_small_buffer)
{
	const uint8_t mode = 1;	/* active-backup */
	const uint32_t big = 2147483647;
	char out[16];

	ck_assert_int_eq(ctl_opt_format(opt("mode"), &mode, 1, out, 8), -1);
	ck_assert_int_eq(ctl_opt_format(opt("mode"), &mode, 1, out, 13), -1);
	ck_assert_int_eq(ctl_opt_format(opt("miimon"), &big, 4, out, 10), -1);
	ck_assert_int_eq(ctl_opt_format(opt("miimon"), &big, 4, out, 11), 0);
	ck_assert_str_eq(out, "2147483647");
	ck_assert_int_eq(ctl_opt_format(opt("mode"), &mode, 1, out, 0), -1);
	ck_assert_int_eq(ctl_opt_format(opt("mode"), &mode, 1, out, 14), 0);
	ck_assert_str_eq(out, "active-backup");
}
END_TEST

START_TEST(accepted_text)
{
	char buf[512];

	ck_assert_int_eq(ctl_opt_accepted(opt("lacp_rate"), buf, sizeof(buf)),
			 0);
	ck_assert_str_eq(buf, "slow (0), fast (1)");
	ck_assert_int_eq(ctl_opt_accepted(opt("lp_interval"), buf,
					  sizeof(buf)), 0);
	ck_assert_str_eq(buf, "1-2147483647");
	ck_assert_int_eq(ctl_opt_accepted(opt("all_slaves_active"), buf,
					  sizeof(buf)), 0);
	ck_assert_str_eq(buf, "0 or 1");
	ck_assert_int_eq(ctl_opt_accepted(opt("primary"), buf, sizeof(buf)),
			 0);
	ck_assert_str_eq(buf, "a device name, or '' for none");
	ck_assert_int_eq(ctl_opt_accepted(opt("mode"), buf, 10), -1);
	ck_assert_uint_eq(strlen(buf), 9);
}
END_TEST

Suite *opts_suite(void)
{
	Suite *s = suite_create("opts");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_loop_test(tc, table_matches, 0, N_EXPECTED);
	tcase_add_test(tc, table_complete);
	tcase_add_test(tc, by_attr);
	tcase_add_test(tc, defaults_parse);
	suite_add_tcase(s, tc);

	tc = tcase_create("values");
	tcase_add_loop_test(tc, named_values, 0, N_EXPECTED);
	tcase_add_loop_test(tc, named_refused, 0, N_EXPECTED);
	tcase_add_test(tc, mode_message);
	tcase_add_loop_test(tc, range_bounds, 0, N_EXPECTED);
	tcase_add_loop_test(tc, range_not_numbers, 0, N_EXPECTED);
	tcase_add_test(tc, range_messages);
	tcase_add_test(tc, short_err_buffer);
	tcase_add_test(tc, mac_parse);
	tcase_add_loop_test(tc, port_parse, 0, N_EXPECTED);
	suite_add_tcase(s, tc);

	tc = tcase_create("lists");
	tcase_add_test(tc, ip4_list);
	tcase_add_test(tc, ip4_list_refused);
	tcase_add_test(tc, ip6_list);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, format_round_trips);
	tcase_add_test(tc, format_every_option);
	tcase_add_test(tc, format_ports_and_unknown);
	tcase_add_test(tc, format_malformed);
	tcase_add_test(tc, format_small_buffer);
	tcase_add_test(tc, accepted_text);
	suite_add_tcase(s, tc);

	return s;
}
