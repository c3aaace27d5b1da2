// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl show's rendering (ctl/show_print.c, ctl/table.c) of hand-built
 * bonds: the exact text, its alignment and active marker, what -d and -s
 * add, and the JSON document read back with json-c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <json-c/json.h>
#include <linux/ethtool.h>
#include <linux/if_link.h>
#include <linux/netlink.h>

#include <linux/nbond.h>

#include "bond.h"
#include "show_print.h"
#include "table.h"
#include "suites.h"

#define SEC 1000000000ULL
#define NOW (1000 * SEC)

/* --------------------------------------------------- building options */

struct attrs {
	uint32_t buf[64];	/* u32: keeps the attributes aligned */
	size_t len;		/* bytes */
};

static void put_attr(struct attrs *a, int type, const void *data,
		     size_t len)
{
	struct nlattr nla = {
		.nla_len = (uint16_t)(NLA_HDRLEN + len),
		.nla_type = (uint16_t)type,
	};
	char *p = (char *)a->buf + a->len;

	ck_assert_uint_le(a->len + NLA_ALIGN(nla.nla_len), sizeof(a->buf));
	memset(p, 0, NLA_ALIGN(nla.nla_len));
	memcpy(p, &nla, sizeof(nla));
	memcpy(p + NLA_HDRLEN, data, len);
	a->len += NLA_ALIGN(nla.nla_len);
}

static void put_u8(struct attrs *a, int type, uint8_t v)
{
	put_attr(a, type, &v, sizeof(v));
}

static void put_u32(struct attrs *a, int type, uint32_t v)
{
	put_attr(a, type, &v, sizeof(v));
}

/* ------------------------------------------------------------ fixture */

static struct attrs opts;
static struct ctl_port ports[3];
static struct ctl_bond bond;

/* bond0: active-backup on three ports, enp0s31f6 active. */
static void setup(void)
{
	struct attrs targets = { .len = 0 };
	struct in_addr ip;

	memset(&opts, 0, sizeof(opts));
	put_u8(&opts, IFLA_BOND_MODE, 1);
	put_u32(&opts, IFLA_BOND_MIIMON, 100);
	put_u32(&opts, IFLA_BOND_PRIMARY, 11);
	put_u8(&opts, IFLA_BOND_XMIT_HASH_POLICY, 2);
	inet_pton(AF_INET, "192.0.2.1", &ip);
	put_attr(&targets, 0, &ip, sizeof(ip));
	inet_pton(AF_INET, "198.51.100.7", &ip);
	put_attr(&targets, 1, &ip, sizeof(ip));
	put_attr(&opts, IFLA_BOND_ARP_IP_TARGET | NLA_F_NESTED, targets.buf,
		 targets.len);

	memset(ports, 0, sizeof(ports));
	ports[0] = (struct ctl_port){
		.ifindex = 11, .name = "eth1",
		.link = NBOND_LINK_STATE_DOWN, .role = NBOND_PORT_ROLE_BACKUP,
		.admin = NBOND_ADMIN_UP, .usable = false, .prio = 5,
		.speed = CTL_SPEED_UNKNOWN, .duplex = CTL_DUPLEX_UNKNOWN,
		.perm_hwaddr = { 0x52, 0x54, 0x00, 0x00, 0x00, 0x01 },
		.perm_hwaddr_len = 6, .link_failures = 3,
		.link_cause = NBOND_CAUSE_ARP,
		.link_changed_ns = NOW - 65 * SEC, .added_ns = NOW - 100 * SEC,
		.stats = { .rx_packets = 7, .rx_nohandler = 4 },
	};
	ports[1] = (struct ctl_port){
		.ifindex = 12, .name = "enp0s31f6",
		.link = NBOND_LINK_STATE_UP, .role = NBOND_PORT_ROLE_ACTIVE,
		.admin = NBOND_ADMIN_UP, .usable = true, .prio = -10,
		.queue_id = 2, .speed = 10000, .duplex = DUPLEX_FULL,
		.perm_hwaddr = { 0x52, 0x54, 0x00, 0x00, 0x00, 0x02 },
		.perm_hwaddr_len = 6,
		.link_changed_ns = NOW - 4 * SEC / 10,
		.stats = { .rx_packets = 90, .tx_packets = 200,
			   .rx_bytes = 15000, .tx_bytes = 30000 },
	};
	ports[2] = (struct ctl_port){
		.ifindex = 13, .name = "eth3",
		.link = NBOND_LINK_STATE_UP, .role = NBOND_PORT_ROLE_BACKUP,
		.admin = NBOND_ADMIN_DOWN, .usable = false,
		.link_cause = NBOND_CAUSE_CARRIER,
		.speed = 1000, .duplex = DUPLEX_HALF, .link_failures = 12,
	};
	bond = (struct ctl_bond){
		.ifindex = 10, .name = "bond0", .carrier = true,
		.active_ifindex = 12, .changed_ns = NOW - 123 * SEC / 10,
		.stats = { .rx_packets = 100, .tx_packets = 200,
			   .rx_bytes = 15000, .tx_bytes = 30000,
			   .rx_dropped = 1, .tx_dropped = 2 },
		.options = opts.buf, .options_len = opts.len,
		.ports = ports, .n_ports = 3,
	};
}

/* The output of ctl_show_print(); the caller frees it. */
static char *render(const struct ctl *ctl, const struct ctl_bond *b,
		    size_t n)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(ctl_show_print(f, ctl, b, n, NOW), 0);
	fclose(f);
	return text;
}

/* --------------------------------------------------------------- text */

START_TEST(text_plain)
{
	struct ctl ctl = { 0 };
	char *out = render(&ctl, &bond, 1);

	ck_assert_str_eq(out,
		"bond0: mode active-backup, carrier up, active enp0s31f6, since 12.3s ago\n"
		"     PORT       LINK        ROLE    ADMIN  PRIO  FAILURES  SINCE\n"
		"     eth1       down (arp)  backup  up        5         3  1m05s ago\n"
		"  *  enp0s31f6  up          active  up      -10         0  0.4s ago\n"
		"     eth3       up          backup  down      0        12  -\n");
	free(out);
}
END_TEST

/* Every line of the port table puts each column at the header's offset. */
START_TEST(text_columns_aligned)
{
	static const char *const heads[] = {
		"PORT", "LINK", "ROLE", "ADMIN", "SINCE",
	};
	struct ctl ctl = { 0 };
	char *out = render(&ctl, &bond, 1);
	char *line, *save = NULL, *header = NULL;
	size_t i, off, rows = 0;

	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		ck_assert_msg(line[strlen(line) - 1] != ' ',
			      "trailing blank: '%s'", line);
		if (strstr(line, "PORT")) {
			header = line;
			continue;
		}
		if (!header)
			continue;
		rows++;
		for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
			off = (size_t)(strstr(header, heads[i]) - header);
			ck_assert_uint_gt(strlen(line), off);
			/* a left-aligned cell starts at the header's column */
			ck_assert_msg(line[off] != ' ' && line[off - 1] == ' ',
				      "column %s misplaced in '%s'", heads[i],
				      line);
		}
		/* the marker column */
		ck_assert_int_eq(line[2], strstr(line, "enp0s31f6") ? '*' : ' ');
	}
	ck_assert_uint_eq(rows, 3);
	free(out);
}
END_TEST

START_TEST(text_details)
{
	struct ctl ctl = { .details = true };
	char *out = render(&ctl, &bond, 1);

	ck_assert_ptr_nonnull(strstr(out,
		"  options:\n"
		"    mode              active-backup\n"
		"    miimon            100\n"
		"    arp_ip_target     192.0.2.1,198.51.100.7\n"
		"    primary           eth1\n"
		"    xmit_hash_policy  layer2+3\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"  SINCE      USABLE      SPEED  DUPLEX   QUEUE_ID  PERM_HWADDR\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"  1m05s ago  no        unknown  unknown         0  52:54:00:00:00:01\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"  0.4s ago   yes     10000Mb/s  full            2  52:54:00:00:00:02\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"  -          no       1000Mb/s  half            0  -\n"));
	/* options an old driver does not send are not printed */
	ck_assert_ptr_null(strstr(out, "updelay"));
	free(out);
}
END_TEST

START_TEST(text_stats)
{
	struct ctl ctl = { .stats = true };
	char *out = render(&ctl, &bond, 1);

	ck_assert_ptr_nonnull(strstr(out,
		"  DEVICE     RX_PACKETS  RX_BYTES  RX_DROPPED  RX_NOHANDLER  TX_PACKETS  TX_BYTES  TX_DROPPED\n"
		"  bond0             100     15000           1             0         200     30000           2\n"
		"  eth1                7         0           0             4           0         0           0\n"
		"  enp0s31f6          90     15000           0             0         200     30000           0\n"
		"  eth3                0         0           0             0           0         0           0\n"));
	free(out);
}
END_TEST

/* No active port, no change time, no ports; and a blank line between. */
START_TEST(text_two_bonds)
{
	struct ctl_bond two[2];
	struct ctl ctl = { 0 };
	struct attrs rr = { .len = 0 };
	char *out;

	put_u8(&rr, IFLA_BOND_MODE, 0);
	two[0] = bond;
	two[1] = (struct ctl_bond){
		.ifindex = 20, .name = "bond1",
		.options = rr.buf, .options_len = rr.len,
	};
	out = render(&ctl, two, 2);
	ck_assert_ptr_nonnull(strstr(out,
		"  -\n\nbond1: mode balance-rr, carrier down, active none\n"));
	ck_assert_int_eq(out[strlen(out) - 1], '\n');
	ck_assert_ptr_null(strstr(strstr(out, "bond1"), "PORT"));
	free(out);
}
END_TEST

START_TEST(empty_list)
{
	struct ctl ctl = { 0 };
	char *out = render(&ctl, NULL, 0);

	ck_assert_str_eq(out, "");
	free(out);
	ctl.json = true;
	out = render(&ctl, NULL, 0);
	ck_assert_str_eq(out, "[]\n");
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

static bool has(struct json_object *o, const char *key)
{
	return json_object_object_get_ex(o, key, NULL);
}

static struct json_object *parse_show(const struct ctl *ctl,
				      const struct ctl_bond *b, size_t n)
{
	char *out = render(ctl, b, n);
	struct json_object *root = json_tokener_parse(out);

	ck_assert_msg(root, "not JSON: %s", out);
	ck_assert(json_object_is_type(root, json_type_array));
	ck_assert_uint_eq(json_object_array_length(root), n);
	free(out);
	return root;
}

START_TEST(json_plain)
{
	struct ctl ctl = { .json = true };
	struct json_object *root = parse_show(&ctl, &bond, 1);
	struct json_object *b = json_object_array_get_idx(root, 0);
	struct json_object *ports, *p;

	ck_assert_int_eq(get_int(b, "ifindex"), 10);
	ck_assert_str_eq(get_str(b, "name"), "bond0");
	ck_assert_str_eq(get_str(b, "mode"), "active-backup");
	ck_assert_str_eq(get_str(b, "carrier"), "up");
	ck_assert_str_eq(get_str(b, "active"), "enp0s31f6");
	ck_assert_int_eq(get_int(b, "since_ns"), NOW - 123 * SEC / 10);
	ck_assert_int_eq(get_int(b, "ago_ns"), 123 * SEC / 10);
	ck_assert(!has(b, "options"));
	ck_assert(!has(b, "stats"));

	ports = get(b, "ports");
	ck_assert_uint_eq(json_object_array_length(ports), 3);
	p = json_object_array_get_idx(ports, 0);
	ck_assert_str_eq(get_str(p, "name"), "eth1");
	ck_assert_int_eq(get_int(p, "ifindex"), 11);
	ck_assert(!get_bool(p, "active"));
	ck_assert_str_eq(get_str(p, "link"), "down");
	ck_assert_str_eq(get_str(p, "link_cause"), "arp");
	ck_assert_str_eq(get_str(p, "role"), "backup");
	ck_assert_str_eq(get_str(p, "admin"), "up");
	ck_assert(!get_bool(p, "usable"));
	ck_assert_int_eq(get_int(p, "prio"), 5);
	ck_assert_int_eq(get_int(p, "failures"), 3);
	ck_assert_int_eq(get_int(p, "since_ns"), NOW - 65 * SEC);
	ck_assert_int_eq(get_int(p, "ago_ns"), 65 * SEC);
	ck_assert(!has(p, "speed"));
	ck_assert(!has(p, "stats"));
	/* not 802.3ad */
	ck_assert(!has(p, "lacp"));

	p = json_object_array_get_idx(ports, 1);
	ck_assert_str_eq(get_str(p, "name"), "enp0s31f6");
	ck_assert(get_bool(p, "active"));
	ck_assert_str_eq(get_str(p, "role"), "active");
	ck_assert_int_eq(get_int(p, "prio"), -10);

	p = json_object_array_get_idx(ports, 2);
	ck_assert_str_eq(get_str(p, "admin"), "down");
	ck_assert(json_object_is_type(get(p, "since_ns"), json_type_null));
	ck_assert(json_object_is_type(get(p, "ago_ns"), json_type_null));
	json_object_put(root);
}
END_TEST

START_TEST(json_details_stats)
{
	struct ctl ctl = { .json = true, .details = true, .stats = true };
	struct json_object *root = parse_show(&ctl, &bond, 1);
	struct json_object *b = json_object_array_get_idx(root, 0);
	struct json_object *o, *t, *p, *s;

	o = get(b, "options");
	ck_assert_str_eq(get_str(o, "mode"), "active-backup");
	ck_assert_int_eq(get_int(o, "miimon"), 100);
	ck_assert_str_eq(get_str(o, "primary"), "eth1");
	ck_assert_str_eq(get_str(o, "xmit_hash_policy"), "layer2+3");
	t = get(o, "arp_ip_target");
	ck_assert(json_object_is_type(t, json_type_array));
	ck_assert_uint_eq(json_object_array_length(t), 2);
	ck_assert_str_eq(json_object_get_string(
			 json_object_array_get_idx(t, 0)), "192.0.2.1");
	ck_assert_str_eq(json_object_get_string(
			 json_object_array_get_idx(t, 1)), "198.51.100.7");
	ck_assert(!has(o, "updelay"));

	p = json_object_array_get_idx(get(b, "ports"), 0);
	ck_assert(json_object_is_type(get(p, "speed"), json_type_null));
	ck_assert_str_eq(get_str(p, "duplex"), "unknown");
	ck_assert_int_eq(get_int(p, "queue_id"), 0);
	ck_assert_str_eq(get_str(p, "perm_hwaddr"), "52:54:00:00:00:01");
	ck_assert_int_eq(get_int(p, "added_ns"), NOW - 100 * SEC);
	s = get(p, "stats");
	ck_assert_int_eq(get_int(s, "rx_packets"), 7);
	ck_assert_int_eq(get_int(s, "rx_nohandler"), 4);

	p = json_object_array_get_idx(get(b, "ports"), 1);
	ck_assert_int_eq(get_int(p, "speed"), 10000);
	ck_assert_str_eq(get_str(p, "duplex"), "full");
	ck_assert_int_eq(get_int(p, "queue_id"), 2);

	s = get(b, "stats");
	ck_assert_int_eq(get_int(s, "rx_packets"), 100);
	ck_assert_int_eq(get_int(s, "tx_packets"), 200);
	ck_assert_int_eq(get_int(s, "rx_bytes"), 15000);
	ck_assert_int_eq(get_int(s, "tx_bytes"), 30000);
	ck_assert_int_eq(get_int(s, "rx_dropped"), 1);
	ck_assert_int_eq(get_int(s, "tx_dropped"), 2);
	ck_assert_int_eq(get_int(s, "rx_nohandler"), 0);
	json_object_put(root);
}
END_TEST

/* Pretty output is the same document. */
START_TEST(json_pretty_same)
{
	struct ctl compact = { .json = true, .details = true, .stats = true };
	struct ctl pretty = compact;
	struct json_object *a, *b;
	char *ta, *tb;

	pretty.pretty = true;
	ta = render(&compact, &bond, 1);
	tb = render(&pretty, &bond, 1);
	/* compact: one line */
	ck_assert_ptr_eq(strchr(ta, '\n'), ta + strlen(ta) - 1);
	ck_assert_ptr_nonnull(strstr(tb, "\n    \"name\": \"bond0\",\n"));
	a = json_tokener_parse(ta);
	b = json_tokener_parse(tb);
	ck_assert(a && b);
	ck_assert(json_object_equal(a, b));
	json_object_put(a);
	json_object_put(b);
	free(ta);
	free(tb);
}
END_TEST

/* No active port and no mode attribute: nulls, not missing keys. */
START_TEST(json_nulls)
{
	struct ctl ctl = { .json = true, .details = true };
	struct ctl_bond b = { .ifindex = 30, .name = "bond2" };
	struct json_object *root = parse_show(&ctl, &b, 1);
	struct json_object *o = json_object_array_get_idx(root, 0);

	ck_assert(json_object_is_type(get(o, "mode"), json_type_null));
	ck_assert(json_object_is_type(get(o, "active"), json_type_null));
	ck_assert(json_object_is_type(get(o, "since_ns"), json_type_null));
	ck_assert(json_object_is_type(get(o, "hwaddr"), json_type_null));
	ck_assert(json_object_is_type(get(o, "lacp_agent"), json_type_null));
	ck_assert_str_eq(get_str(o, "carrier"), "down");
	ck_assert_uint_eq(json_object_array_length(get(o, "ports")), 0);
	ck_assert_uint_eq(json_object_object_length(get(o, "options")), 0);
	json_object_put(root);
}
END_TEST

/* ----------------------------------------------------- durations, table */

START_TEST(durations)
{
	static const struct {
		unsigned long long ns;
		const char *text;
	} cases[] = {
		{ 0, "0.0s" },
		{ 4 * SEC / 10, "0.4s" },
		{ 999999999ULL, "0.9s" },
		{ 123 * SEC / 10, "12.3s" },
		{ 59 * SEC + 999999999ULL, "59.9s" },
		{ 60 * SEC, "1m00s" },
		{ 302 * SEC, "5m02s" },
		{ 3599 * SEC, "59m59s" },
		{ 3600 * SEC, "1h00m" },
		{ (3 * 3600 + 5 * 60 + 59) * SEC, "3h05m" },
		{ 86400 * SEC, "1d00h" },
		{ (2 * 86400 + 4 * 3600) * SEC, "2d04h" },
	};
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ctl_format_duration(cases[i].ns, buf, sizeof(buf));
		ck_assert_str_eq(buf, cases[i].text);
	}
}
END_TEST

START_TEST(table_layout)
{
	struct ctl_table t;
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	ctl_table_init(&t, 3);
	ctl_table_align_right(&t, 1);
	ctl_table_row(&t);
	ctl_table_cell(&t, "NAME");
	ctl_table_cell(&t, "N");
	ctl_table_cell(&t, "NOTE");
	ctl_table_row(&t);
	ctl_table_cell(&t, "a");
	ctl_table_cell(&t, "12345");
	ctl_table_cell(&t, "%s", "");
	ctl_table_row(&t);
	ctl_table_cell(&t, "longer");
	ctl_table_cell(&t, "%d", 7);
	ctl_table_cell(&t, "x");
	ck_assert_int_eq(ctl_table_print(&t, f, "> "), 0);
	ctl_table_free(&t);
	fclose(f);
	ck_assert_str_eq(text,
			 "> NAME        N  NOTE\n"
			 "> a       12345\n"
			 "> longer      7  x\n");
	free(text);
}
END_TEST

Suite *show_suite(void)
{
	Suite *s = suite_create("show");
	TCase *tc;

	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, text_plain);
	tcase_add_test(tc, text_columns_aligned);
	tcase_add_test(tc, text_details);
	tcase_add_test(tc, text_stats);
	tcase_add_test(tc, text_two_bonds);
	tcase_add_test(tc, empty_list);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, json_plain);
	tcase_add_test(tc, json_details_stats);
	tcase_add_test(tc, json_pretty_same);
	tcase_add_test(tc, json_nulls);
	suite_add_tcase(s, tc);

	tc = tcase_create("helpers");
	tcase_add_test(tc, durations);
	tcase_add_test(tc, table_layout);
	suite_add_tcase(s, tc);
	return s;
}
