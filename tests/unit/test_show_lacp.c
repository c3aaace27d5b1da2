// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl show of an 802.3ad bond (ctl/show_print.c, ctl/show_lacp.c):
 * the agent in the header, the LACP columns, the -d and -s tables, and
 * the "lacp" objects of the JSON read back with json-c; the LACP state
 * letters (ctl/names.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>
#include <linux/netlink.h>

#include <linux/nbond.h>

#include "bond.h"
#include "names.h"
#include "show_print.h"
#include "suites.h"

#define SEC 1000000000ULL
#define NOW (1000 * SEC)

/* ------------------------------------------------------------ fixture */

/* IFLA_BOND_MODE 802.3ad and IFLA_BOND_AD_LACP_RATE fast, as netlink. */
static uint32_t opts[4];
static struct ctl_port ports[2];
static struct ctl_bond bond;

static void put_u8_opt(uint32_t *at, int type, uint8_t v)
{
	struct nlattr nla = { .nla_len = NLA_HDRLEN + 1,
			      .nla_type = (uint16_t)type };

	memset(at, 0, 8);
	memcpy(at, &nla, sizeof(nla));
	memcpy((char *)at + NLA_HDRLEN, &v, 1);
}

/*
 * bond1, 802.3ad, its agent attached: eth1 in aggregator 1, selected,
 * collecting and distributing with its partner, in sync (no churn; the
 * partner churned once before); eth2 in aggregator 2, standby, its
 * partner defaulted, both ends churned.
 */
static void setup(void)
{
	put_u8_opt(&opts[0], IFLA_BOND_MODE, 4);
	put_u8_opt(&opts[2], IFLA_BOND_AD_LACP_RATE, 1);

	ports[0] = (struct ctl_port){
		.ifindex = 21, .name = "eth1",
		.link = NBOND_LINK_STATE_UP, .role = NBOND_PORT_ROLE_ACTIVE,
		.admin = NBOND_ADMIN_UP, .usable = true,
		.speed = 10000, .duplex = DUPLEX_FULL,
		.perm_hwaddr = { 0x52, 0x54, 0x00, 0x00, 0x00, 0x21 },
		.perm_hwaddr_len = 6,
		.link_changed_ns = NOW - 5 * SEC,
		.stats = { .rx_packets = 10, .tx_packets = 20 },
		.has_lacp = true,
		.lacp = {
			.aggregator = 1, .selected = NBOND_LACP_SELECTED,
			.collecting = true, .distributing = true,
			.actor = { .has_system = true,
				   .system_prio = 65535,
				   .system = { 2, 0, 0, 0, 0, 0x10 },
				   .key = 17, .port_prio = 255, .port = 1,
				   .state = 0x3f },
			.partner = { .has_system = true,
				     .system_prio = 32768,
				     .system = { 0x52, 0x54, 0, 0xaa, 0xbb,
						 0xcc },
				     .key = 9, .port_prio = 128, .port = 7,
				     .state = 0x3d },
			.has_churn = true,
			.actor_churn = NBOND_LACP_CHURN_NONE,
			.partner_churn = NBOND_LACP_CHURN_NONE,
			.partner_churns = 1,
			.stats = { .lacpdu_rx = 120, .lacpdu_tx = 121,
				   .lacpdu_illegal_rx = 1, .marker_rx = 2,
				   .marker_resp_tx = 2 },
		},
	};
	ports[1] = (struct ctl_port){
		.ifindex = 22, .name = "eth2",
		.link = NBOND_LINK_STATE_UP, .role = NBOND_PORT_ROLE_BACKUP,
		.admin = NBOND_ADMIN_UP, .usable = false, .link_failures = 2,
		.speed = 1000, .duplex = DUPLEX_FULL,
		.link_changed_ns = NOW - 65 * SEC,
		.has_lacp = true,
		.lacp = {
			.aggregator = 2, .selected = NBOND_LACP_STANDBY,
			.actor = { .has_system = true,
				   .system_prio = 65535,
				   .system = { 2, 0, 0, 0, 0, 0x10 },
				   .key = 33, .port_prio = 255, .port = 2,
				   .state = 0x47 },
			.partner = { .has_system = true, .state = 0x40 },
			.has_churn = true,
			.actor_churn = NBOND_LACP_CHURN_CHURNED,
			.partner_churn = NBOND_LACP_CHURN_CHURNED,
			.actor_churns = 3, .partner_churns = 2,
			.stats = { .lacpdu_tx = 7, .marker_unknown_rx = 3 },
		},
	};
	bond = (struct ctl_bond){
		.ifindex = 20, .name = "bond1", .carrier = true,
		.changed_ns = NOW - 5 * SEC,
		.hwaddr = { 2, 0, 0, 0, 0, 0x10 }, .hwaddr_len = 6,
		.has_lacp_agent = true, .lacp_agent = 4242,
		.options = opts, .options_len = sizeof(opts),
		.ports = ports, .n_ports = 2,
	};
}

static char *render(const struct ctl *ctl, const struct ctl_bond *b)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(ctl_show_print(f, ctl, b, 1, NOW), 0);
	fclose(f);
	return text;
}

/* --------------------------------------------------------------- text */

START_TEST(text_plain)
{
	struct ctl ctl = { 0 };
	char *out = render(&ctl, &bond);

	ck_assert_str_eq(out,
		"bond1: mode 802.3ad, agent attached, carrier up, active none, since 5.0s ago\n"
		"    PORT  LINK  ROLE    ADMIN  AGG  SEL       C/D        PRIO  FAILURES  SINCE\n"
		"    eth1  up    active  up       1  selected  coll+dist     0         0  5.0s ago\n"
		"    eth2  up    backup  up       2  standby   none          0         2  1m05s ago\n");
	free(out);
}
END_TEST

/* No agent; ports collecting or distributing only; no LACP state. */
START_TEST(text_states)
{
	struct ctl ctl = { 0 };
	char *out;

	bond.lacp_agent = 0;
	ports[0].lacp.distributing = false;
	ports[0].lacp.aggregator = 0;
	ports[1].lacp.distributing = true;
	ports[1].lacp.selected = NBOND_LACP_UNSELECTED;
	out = render(&ctl, &bond);
	ck_assert_ptr_nonnull(strstr(out,
		"bond1: mode 802.3ad, no LACP agent, carrier up, active none,"));
	ck_assert_ptr_nonnull(strstr(out,
		"    eth1  up    active  up       -  selected    coll     "));
	ck_assert_ptr_nonnull(strstr(out,
		"    eth2  up    backup  up       2  unselected  dist     "));
	free(out);

	ports[1].has_lacp = false;
	ports[0].lacp.selected = 9;	/* a newer driver's */
	out = render(&ctl, &bond);
	ck_assert_ptr_nonnull(strstr(out,
		"    eth1  up    active  up       -  9    coll     "));
	ck_assert_ptr_nonnull(strstr(out,
		"    eth2  up    backup  up       -  -    -        "));
	free(out);
}
END_TEST

START_TEST(text_details)
{
	struct ctl ctl = { .details = true };
	char *out = render(&ctl, &bond);

	ck_assert_ptr_nonnull(strstr(out,
		"since 5.0s ago\n"
		"  hwaddr      02:00:00:00:00:10\n"
		"  lacp_agent  4242\n"
		"  options:\n"
		"    mode       802.3ad\n"
		"    lacp_rate  fast\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"    PORT  LINK  ROLE    ADMIN  AGG  SEL       C/D        PRIO  FAILURES  SINCE      USABLE      SPEED  DUPLEX  QUEUE_ID  PERM_HWADDR\n"
		"    eth1  up    active  up       1  selected  coll+dist     0         0  5.0s ago   yes     10000Mb/s  full           0  52:54:00:00:00:21\n"
		"    eth2  up    backup  up       2  standby   none          0         2  1m05s ago  no       1000Mb/s  full           0  -\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"  PORT  ACTOR_KEY  ACTOR_PORT  ACTOR_STATE    PARTNER_SYSTEM           PARTNER_KEY  PARTNER_PORT  PARTNER_STATE  ACTOR_CHURN  PARTNER_CHURN\n"
		"  eth1         17  255,1       0x3f ATGSCD--  32768,52:54:00:aa:bb:cc            9  128,7         0x3d A-GSCD--  none,0       none,1\n"
		"  eth2         33  255,2       0x47 ATG---F-  0,00:00:00:00:00:00                0  0,0           0x40 ------F-  churned,3    churned,2\n"));
	/* without -s, no counters */
	ck_assert_ptr_null(strstr(out, "LACPDU_RX"));
	free(out);
}
END_TEST

/* Without CAP_NET_ADMIN the driver gives no system ids: "-". */
START_TEST(text_no_system)
{
	struct ctl ctl = { .details = true };
	char *out;

	ports[0].lacp.partner.has_system = false;
	out = render(&ctl, &bond);
	ck_assert_ptr_nonnull(strstr(out,
		"  eth1         17  255,1       0x3f ATGSCD--  -                              9  128,7         0x3d A-GSCD--  none,0       none,1\n"));
	free(out);
}
END_TEST

/* A driver older than churn: "-"; a newer driver's state: its number. */
START_TEST(text_churn_unknown)
{
	struct ctl ctl = { .details = true };
	char *out;

	ports[0].lacp.has_churn = false;
	ports[1].lacp.actor_churn = NBOND_LACP_CHURN_MONITOR;
	ports[1].lacp.partner_churn = NBOND_LACP_CHURN_NONE + 1;
	out = render(&ctl, &bond);
	ck_assert_ptr_nonnull(strstr(out,
		"  0x3d A-GSCD--  -             -\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"  0x40 ------F-  monitoring,3  3,2\n"));
	free(out);
}
END_TEST

START_TEST(text_stats)
{
	struct ctl ctl = { .stats = true };
	char *out = render(&ctl, &bond);

	ck_assert_ptr_nonnull(strstr(out,
		"  DEVICE  RX_PACKETS  RX_BYTES  RX_DROPPED  RX_NOHANDLER  TX_PACKETS  TX_BYTES  TX_DROPPED\n"
		"  bond1            0         0           0             0           0         0           0\n"
		"  eth1            10         0           0             0          20         0           0\n"
		"  eth2             0         0           0             0           0         0           0\n"
		"  PORT  LACPDU_RX  LACPDU_TX  LACPDU_UNKNOWN_RX  LACPDU_ILLEGAL_RX  MARKER_RX  MARKER_TX  MARKER_RESP_RX  MARKER_RESP_TX  MARKER_UNKNOWN_RX\n"
		"  eth1        120        121                  0                  1          2          0               0               2                  0\n"
		"  eth2          0          7                  0                  0          0          0               0               0                  3\n"));
	/* without -d, no actor or partner */
	ck_assert_ptr_null(strstr(out, "PARTNER"));
	ck_assert_ptr_null(strstr(out, "hwaddr"));
	free(out);
}
END_TEST

/* Outside 802.3ad: no agent, no LACP columns, even with LACP state. */
START_TEST(text_not_8023ad)
{
	struct ctl ctl = { .details = true, .stats = true };
	char *out;

	put_u8_opt(&opts[0], IFLA_BOND_MODE, 2);
	bond.has_lacp_agent = false;
	bond.lacp_agent = 0;
	out = render(&ctl, &bond);
	ck_assert_ptr_nonnull(strstr(out,
		"bond1: mode balance-xor, carrier up, active none,"));
	ck_assert_ptr_nonnull(strstr(out,
		"  hwaddr  02:00:00:00:00:10\n"
		"  options:\n"));
	ck_assert_ptr_null(strstr(out, "agent"));
	ck_assert_ptr_null(strstr(out, "AGG"));
	ck_assert_ptr_null(strstr(out, "ACTOR"));
	ck_assert_ptr_null(strstr(out, "LACPDU"));
	free(out);
}
END_TEST

/* --------------------------------------------------------------- JSON */

static struct json_object *get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	ck_assert_msg(json_object_object_get_ex(o, key, &v), "no key '%s'",
		      key);
	return v;
}

static const char *get_str(struct json_object *o, const char *key)
{
	struct json_object *v = get(o, key);

	ck_assert_msg(json_object_is_type(v, json_type_string),
		      "'%s' is not a string", key);
	return json_object_get_string(v);
}

static int64_t get_int(struct json_object *o, const char *key)
{
	struct json_object *v = get(o, key);

	ck_assert_msg(json_object_is_type(v, json_type_int),
		      "'%s' is not a number", key);
	return json_object_get_int64(v);
}

static bool get_bool(struct json_object *o, const char *key)
{
	struct json_object *v = get(o, key);

	ck_assert_msg(json_object_is_type(v, json_type_boolean),
		      "'%s' is not a boolean", key);
	return json_object_get_boolean(v);
}

static bool is_null(struct json_object *o, const char *key)
{
	return json_object_is_type(get(o, key), json_type_null);
}

static bool has(struct json_object *o, const char *key)
{
	return json_object_object_get_ex(o, key, NULL);
}

/* The one bond of the JSON array; put the returned root. */
static struct json_object *parse_bond(const struct ctl *ctl,
				      struct json_object **b)
{
	char *out = render(ctl, &bond);
	struct json_object *root = json_tokener_parse(out);

	ck_assert_msg(root, "not JSON: %s", out);
	ck_assert_uint_eq(json_object_array_length(root), 1);
	*b = json_object_array_get_idx(root, 0);
	free(out);
	return root;
}

static struct json_object *port_lacp(struct json_object *b, size_t i)
{
	return get(json_object_array_get_idx(get(b, "ports"), i), "lacp");
}

START_TEST(json_plain)
{
	struct ctl ctl = { .json = true };
	struct json_object *b, *root = parse_bond(&ctl, &b);
	struct json_object *l;

	ck_assert_str_eq(get_str(b, "mode"), "802.3ad");
	ck_assert_int_eq(get_int(b, "lacp_agent"), 4242);
	ck_assert_str_eq(get_str(b, "hwaddr"), "02:00:00:00:00:10");
	ck_assert(is_null(b, "active"));

	l = port_lacp(b, 0);
	ck_assert_int_eq(get_int(l, "aggregator"), 1);
	ck_assert_str_eq(get_str(l, "selected"), "selected");
	ck_assert(get_bool(l, "collecting"));
	ck_assert(get_bool(l, "distributing"));
	/* actor and partner come with -d, the counters with -s */
	ck_assert(!has(l, "actor") && !has(l, "partner") && !has(l, "stats"));
	ck_assert_int_eq(json_object_object_length(l), 4);

	l = port_lacp(b, 1);
	ck_assert_int_eq(get_int(l, "aggregator"), 2);
	ck_assert_str_eq(get_str(l, "selected"), "standby");
	ck_assert(!get_bool(l, "collecting"));
	ck_assert(!get_bool(l, "distributing"));
	json_object_put(root);
}
END_TEST

static void check_info(struct json_object *i, int64_t sys_prio,
		       const char *sys, int64_t key, int64_t port_prio,
		       int64_t port, int64_t state)
{
	ck_assert_int_eq(get_int(i, "system_prio"), sys_prio);
	ck_assert_str_eq(get_str(i, "system"), sys);
	ck_assert_int_eq(get_int(i, "key"), key);
	ck_assert_int_eq(get_int(i, "port_prio"), port_prio);
	ck_assert_int_eq(get_int(i, "port"), port);
	ck_assert_int_eq(get_int(i, "state"), state);
	ck_assert_int_eq(json_object_object_length(i), 6);
}

START_TEST(json_details_stats)
{
	struct ctl ctl = { .json = true, .details = true, .stats = true };
	struct json_object *b, *root = parse_bond(&ctl, &b);
	struct json_object *l, *s;

	ck_assert_str_eq(get_str(get(b, "options"), "lacp_rate"), "fast");
	l = port_lacp(b, 0);
	check_info(get(l, "actor"), 65535, "02:00:00:00:00:10", 17, 255, 1,
		   0x3f);
	check_info(get(l, "partner"), 32768, "52:54:00:aa:bb:cc", 9, 128, 7,
		   0x3d);
	ck_assert_str_eq(get_str(l, "actor_churn"), "none");
	ck_assert_int_eq(get_int(l, "actor_churns"), 0);
	ck_assert_str_eq(get_str(l, "partner_churn"), "none");
	ck_assert_int_eq(get_int(l, "partner_churns"), 1);
	/* and the 4 keys without -d */
	ck_assert_int_eq(json_object_object_length(l), 4 + 2 + 4 + 1);
	s = get(l, "stats");
	ck_assert_int_eq(get_int(s, "lacpdu_rx"), 120);
	ck_assert_int_eq(get_int(s, "lacpdu_tx"), 121);
	ck_assert_int_eq(get_int(s, "lacpdu_unknown_rx"), 0);
	ck_assert_int_eq(get_int(s, "lacpdu_illegal_rx"), 1);
	ck_assert_int_eq(get_int(s, "marker_rx"), 2);
	ck_assert_int_eq(get_int(s, "marker_tx"), 0);
	ck_assert_int_eq(get_int(s, "marker_resp_rx"), 0);
	ck_assert_int_eq(get_int(s, "marker_resp_tx"), 2);
	ck_assert_int_eq(get_int(s, "marker_unknown_rx"), 0);
	ck_assert_int_eq(json_object_object_length(s), 9);

	l = port_lacp(b, 1);
	check_info(get(l, "actor"), 65535, "02:00:00:00:00:10", 33, 255, 2,
		   0x47);
	check_info(get(l, "partner"), 0, "00:00:00:00:00:00", 0, 0, 0, 0x40);
	ck_assert_str_eq(get_str(l, "actor_churn"), "churned");
	ck_assert_int_eq(get_int(l, "actor_churns"), 3);
	ck_assert_str_eq(get_str(l, "partner_churn"), "churned");
	ck_assert_int_eq(get_int(l, "partner_churns"), 2);
	s = get(l, "stats");
	ck_assert_int_eq(get_int(s, "lacpdu_tx"), 7);
	ck_assert_int_eq(get_int(s, "marker_unknown_rx"), 3);
	/* the port's device counters stay where they were */
	s = get(json_object_array_get_idx(get(b, "ports"), 0), "stats");
	ck_assert_int_eq(get_int(s, "tx_packets"), 20);
	json_object_put(root);
}
END_TEST

/* No agent, no aggregator, no LACP state, no address: nulls. */
START_TEST(json_nulls)
{
	struct ctl ctl = { .json = true, .details = true };
	struct json_object *b, *root;

	bond.lacp_agent = 0;
	bond.hwaddr_len = 0;
	ports[0].lacp.aggregator = 0;
	ports[1].has_lacp = false;
	root = parse_bond(&ctl, &b);
	ck_assert(is_null(b, "lacp_agent"));
	ck_assert(is_null(b, "hwaddr"));
	ck_assert(is_null(port_lacp(b, 0), "aggregator"));
	ck_assert(json_object_is_type(port_lacp(b, 1), json_type_null));
	json_object_put(root);

	/* a driver older than churn */
	ports[0].lacp.has_churn = false;
	root = parse_bond(&ctl, &b);
	ck_assert(is_null(port_lacp(b, 0), "actor_churn"));
	ck_assert(is_null(port_lacp(b, 0), "actor_churns"));
	ck_assert(is_null(port_lacp(b, 0), "partner_churn"));
	ck_assert(is_null(port_lacp(b, 0), "partner_churns"));
	json_object_put(root);
}
END_TEST

/* Without CAP_NET_ADMIN: the system and its priority are null. */
START_TEST(json_no_system)
{
	struct ctl ctl = { .json = true, .details = true };
	struct json_object *b, *root, *i;

	ports[0].lacp.partner.has_system = false;
	root = parse_bond(&ctl, &b);
	i = get(port_lacp(b, 0), "partner");
	ck_assert(is_null(i, "system"));
	ck_assert(is_null(i, "system_prio"));
	ck_assert_int_eq(get_int(i, "key"), 9);
	json_object_put(root);
}
END_TEST

/* Outside 802.3ad the ports have no "lacp" key; the bond's are null. */
START_TEST(json_not_8023ad)
{
	struct ctl ctl = { .json = true, .details = true, .stats = true };
	struct json_object *b, *root;

	put_u8_opt(&opts[0], IFLA_BOND_MODE, 0);
	bond.has_lacp_agent = false;
	bond.lacp_agent = 0;
	root = parse_bond(&ctl, &b);
	ck_assert_str_eq(get_str(b, "mode"), "balance-rr");
	ck_assert(is_null(b, "lacp_agent"));
	ck_assert_str_eq(get_str(b, "hwaddr"), "02:00:00:00:00:10");
	ck_assert(!has(json_object_array_get_idx(get(b, "ports"), 0),
		       "lacp"));
	json_object_put(root);
}
END_TEST

/* ------------------------------------------------------- state letters */

START_TEST(state_letters)
{
	static const struct {
		uint8_t state;
		const char *text;
	} cases[] = {
		{ 0x00, "0x00 --------" },
		{ 0x01, "0x01 A-------" },
		{ 0x02, "0x02 -T------" },
		{ 0x04, "0x04 --G-----" },
		{ 0x08, "0x08 ---S----" },
		{ 0x10, "0x10 ----C---" },
		{ 0x20, "0x20 -----D--" },
		{ 0x40, "0x40 ------F-" },
		{ 0x80, "0x80 -------E" },
		{ 0x3d, "0x3d A-GSCD--" },
		{ 0xff, "0xff ATGSCDFE" },
	};
	char buf[CTL_LACP_STATE_BUFLEN];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_ptr_eq(ctl_lacp_state_text(cases[i].state, buf),
				 buf);
		ck_assert_str_eq(buf, cases[i].text);
	}
}
END_TEST

Suite *show_lacp_suite(void)
{
	Suite *s = suite_create("show_lacp");
	TCase *tc;

	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, text_plain);
	tcase_add_test(tc, text_states);
	tcase_add_test(tc, text_details);
	tcase_add_test(tc, text_no_system);
	tcase_add_test(tc, text_churn_unknown);
	tcase_add_test(tc, text_stats);
	tcase_add_test(tc, text_not_8023ad);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, json_plain);
	tcase_add_test(tc, json_details_stats);
	tcase_add_test(tc, json_nulls);
	tcase_add_test(tc, json_no_system);
	tcase_add_test(tc, json_not_8023ad);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_test(tc, state_letters);
	suite_add_tcase(s, tc);
	return s;
}
