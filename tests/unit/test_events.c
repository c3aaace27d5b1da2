// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl monitor's lines (ctl/monitor_print.c): the text of each kind of
 * event, and the JSON objects read back with json-c.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <linux/ethtool.h>

#include <linux/nbond.h>

#include "monitor_print.h"
#include "suites.h"

#define TS 12345678901234ULL	/* 12345.678901234 s */

static struct ctl_event event(uint32_t type, const char *port,
			      const char *old)
{
	struct ctl_event ev = {
		.type = type, .timestamp_ns = TS, .bond_ifindex = 10,
	};

	snprintf(ev.bond, sizeof(ev.bond), "bond0");
	if (port) {
		ev.port_ifindex = 11;
		snprintf(ev.port, sizeof(ev.port), "%s", port);
	}
	if (old) {
		ev.old_port_ifindex = 12;
		snprintf(ev.old_port, sizeof(ev.old_port), "%s", old);
	}
	return ev;
}

static struct ctl_event with_cause(struct ctl_event ev, uint32_t cause)
{
	ev.has_cause = true;
	ev.cause = cause;
	return ev;
}

/* PORT_CHANGED of eth1 as the driver reports it. */
static struct ctl_event port_changed(uint8_t link, uint32_t speed,
				     uint8_t duplex)
{
	struct ctl_event ev = event(NBOND_EVENT_PORT_CHANGED, "eth1", NULL);

	ev.has_link = true;
	ev.link = link;
	ev.speed = speed;
	ev.duplex = duplex;
	return ev;
}

static char *line(const struct ctl_event *ev, bool json)
{
	char *text = NULL;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	ctl_event_print(f, ev, json, false);
	fclose(f);
	return text;
}

static void check_text(struct ctl_event ev, const char *expected)
{
	char *out = line(&ev, false);

	ck_assert_str_eq(out, expected);
	free(out);
}

START_TEST(text_lines)
{
	struct ctl_event ev;

	check_text(with_cause(event(NBOND_EVENT_ACTIVE_CHANGED, "eth2", "eth1"),
			      NBOND_CAUSE_ADMIN),
		   "12345.678901 bond0 active-changed eth1 -> eth2 cause admin\n");
	check_text(with_cause(event(NBOND_EVENT_ACTIVE_CHANGED, NULL, "eth1"),
			      NBOND_CAUSE_CARRIER),
		   "12345.678901 bond0 active-changed eth1 -> none cause carrier\n");
	check_text(with_cause(event(NBOND_EVENT_ACTIVE_CHANGED, "eth2", NULL),
			      NBOND_CAUSE_PORT_ADDED),
		   "12345.678901 bond0 active-changed none -> eth2 cause port-added\n");
	check_text(with_cause(event(NBOND_EVENT_PORT_DOWN, "eth1", NULL),
			      NBOND_CAUSE_CARRIER),
		   "12345.678901 bond0 port-down eth1 cause carrier\n");
	check_text(with_cause(event(NBOND_EVENT_PORT_UP, "eth1", NULL),
			      NBOND_CAUSE_MIIMON),
		   "12345.678901 bond0 port-up eth1 cause miimon\n");
	check_text(event(NBOND_EVENT_PORT_ADDED, "eth3", NULL),
		   "12345.678901 bond0 port-added eth3\n");
	check_text(event(NBOND_EVENT_BOND_CREATED, NULL, NULL),
		   "12345.678901 bond0 bond-created\n");

	ev = event(NBOND_EVENT_CARRIER_CHANGED, NULL, NULL);
	ev.has_carrier = true;
	check_text(ev, "12345.678901 bond0 carrier-changed down\n");
	ev.carrier = true;
	ev.timestamp_ns = 5000001999;	/* microseconds keep 6 digits */
	check_text(ev, "5.000001 bond0 carrier-changed up\n");

	check_text(port_changed(NBOND_LINK_STATE_UP, 10000, DUPLEX_FULL),
		   "12345.678901 bond0 port-changed eth1 link up speed 10000 duplex full\n");
	check_text(port_changed(NBOND_LINK_STATE_FAIL, 100, DUPLEX_HALF),
		   "12345.678901 bond0 port-changed eth1 link fail speed 100 duplex half\n");
	check_text(port_changed(NBOND_LINK_STATE_DOWN, CTL_SPEED_UNKNOWN,
				CTL_DUPLEX_UNKNOWN),
		   "12345.678901 bond0 port-changed eth1 link down speed unknown duplex unknown\n");
	/* link, speed and duplex belong to port-changed only */
	ev = port_changed(NBOND_LINK_STATE_UP, 10000, DUPLEX_FULL);
	ev.type = NBOND_EVENT_PORT_ADDED;
	check_text(ev, "12345.678901 bond0 port-added eth1\n");

	/* a newer driver's event, and a port without a name */
	ev = event(42, NULL, NULL);
	ev.port_ifindex = 7;
	check_text(ev, "12345.678901 bond0 42 7\n");
}
END_TEST

static struct json_object *parse_line(const struct ctl_event *ev)
{
	char *out = line(ev, true);
	struct json_object *o;

	/* one object, one line */
	ck_assert_ptr_eq(strchr(out, '\n'), out + strlen(out) - 1);
	o = json_tokener_parse(out);
	ck_assert_msg(o, "not JSON: %s", out);
	free(out);
	return o;
}

static const char *str(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	ck_assert_msg(json_object_object_get_ex(o, key, &v), "no '%s'", key);
	return json_object_get_string(v);
}

static bool has(struct json_object *o, const char *key)
{
	return json_object_object_get_ex(o, key, NULL);
}

START_TEST(json_objects)
{
	struct ctl_event ev;
	struct json_object *o, *v;

	ev = with_cause(event(NBOND_EVENT_ACTIVE_CHANGED, "eth2", "eth1"),
			NBOND_CAUSE_ADMIN);
	o = parse_line(&ev);
	ck_assert(json_object_object_get_ex(o, "timestamp_ns", &v));
	ck_assert_int_eq(json_object_get_int64(v), (int64_t)TS);
	ck_assert_str_eq(str(o, "event"), "active-changed");
	ck_assert_str_eq(str(o, "bond"), "bond0");
	ck_assert_str_eq(str(o, "port"), "eth2");
	ck_assert_str_eq(str(o, "old_port"), "eth1");
	ck_assert_str_eq(str(o, "cause"), "admin");
	ck_assert(!has(o, "carrier"));
	ck_assert_int_eq(json_object_object_length(o), 6);
	json_object_put(o);

	/* active-changed to none: the key is there, null */
	ev = with_cause(event(NBOND_EVENT_ACTIVE_CHANGED, NULL, "eth1"),
			NBOND_CAUSE_CARRIER);
	o = parse_line(&ev);
	ck_assert(json_object_object_get_ex(o, "port", &v));
	ck_assert(json_object_is_type(v, json_type_null));
	json_object_put(o);

	ev = with_cause(event(NBOND_EVENT_PORT_DOWN, "eth1", NULL),
			NBOND_CAUSE_CARRIER);
	o = parse_line(&ev);
	ck_assert_str_eq(str(o, "event"), "port-down");
	ck_assert_str_eq(str(o, "port"), "eth1");
	ck_assert(!has(o, "old_port"));
	ck_assert(!has(o, "carrier"));
	json_object_put(o);

	ev = event(NBOND_EVENT_CARRIER_CHANGED, NULL, NULL);
	ev.has_carrier = true;
	ev.carrier = true;
	o = parse_line(&ev);
	ck_assert_str_eq(str(o, "carrier"), "up");
	ck_assert(!has(o, "port") && !has(o, "old_port") && !has(o, "cause"));
	ck_assert(!has(o, "link") && !has(o, "speed") && !has(o, "duplex"));
	json_object_put(o);
}
END_TEST

START_TEST(json_port_changed)
{
	struct ctl_event ev;
	struct json_object *o, *v;

	ev = port_changed(NBOND_LINK_STATE_BACK, 25000, DUPLEX_FULL);
	o = parse_line(&ev);
	ck_assert_str_eq(str(o, "event"), "port-changed");
	ck_assert_str_eq(str(o, "bond"), "bond0");
	ck_assert_str_eq(str(o, "port"), "eth1");
	ck_assert_str_eq(str(o, "link"), "back");
	ck_assert(json_object_object_get_ex(o, "speed", &v));
	ck_assert(json_object_is_type(v, json_type_int));
	ck_assert_int_eq(json_object_get_int64(v), 25000);
	ck_assert_str_eq(str(o, "duplex"), "full");
	ck_assert(!has(o, "cause") && !has(o, "carrier") &&
		  !has(o, "old_port"));
	/* timestamp_ns, event, bond, port, link, speed, duplex */
	ck_assert_int_eq(json_object_object_length(o), 7);
	json_object_put(o);

	/* unknown speed: null; unknown duplex: "unknown" */
	ev = port_changed(NBOND_LINK_STATE_DOWN, CTL_SPEED_UNKNOWN,
			  CTL_DUPLEX_UNKNOWN);
	o = parse_line(&ev);
	ck_assert_str_eq(str(o, "link"), "down");
	ck_assert(json_object_object_get_ex(o, "speed", &v));
	ck_assert(json_object_is_type(v, json_type_null));
	ck_assert_str_eq(str(o, "duplex"), "unknown");
	json_object_put(o);

	/* other events never carry them */
	ev = port_changed(NBOND_LINK_STATE_UP, 10000, DUPLEX_FULL);
	ev.type = NBOND_EVENT_PORT_UP;
	o = parse_line(&ev);
	ck_assert(!has(o, "link") && !has(o, "speed") && !has(o, "duplex"));
	json_object_put(o);
}
END_TEST

Suite *events_suite(void)
{
	Suite *s = suite_create("events");
	TCase *tc = tcase_create("print");

	tcase_add_test(tc, text_lines);
	tcase_add_test(tc, json_objects);
	tcase_add_test(tc, json_port_changed);
	suite_add_tcase(s, tc);
	return s;
}
