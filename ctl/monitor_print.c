// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl monitor: the command line and one event as a line.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <linux/nbond.h>

#include "cmdline.h"
#include "json.h"
#include "monitor_print.h"
#include "names.h"

int ctl_monitor_parse(int argc, char **argv, const char **name,
		      char *err, size_t errlen)
{
	*name = NULL;
	if (argc > 1) {
		snprintf(err, errlen, "monitor: unexpected argument '%s'",
			 argv[1]);
		return -1;
	}
	if (argc == 1) {
		if (argv[0][0] == '-') {
			snprintf(err, errlen, "monitor: unknown option '%s'",
				 argv[0]);
			return -1;
		}
		if (ctl_check_ifname("bond name", argv[0], err, errlen) < 0)
			return -1;
		*name = argv[0];
	}
	return 0;
}

/* The name of a device of an event: its name, else its ifindex. */
static const char *dev_name(const char *name, uint32_t ifindex,
			    char buf[IF_NAMESIZE])
{
	if (name[0])
		return name;
	if (!ifindex)
		return NULL;
	snprintf(buf, IF_NAMESIZE, "%u", ifindex);
	return buf;
}

/* PORT_CHANGED: " link up speed 10000 duplex full". */
static void port_state_text(FILE *f, const struct ctl_event *ev)
{
	char nb[CTL_NAME_BUFLEN];

	if (ev->has_link)
		fprintf(f, " link %s", ctl_link_name(ev->link, nb));
	if (ev->speed == CTL_SPEED_UNKNOWN)
		fputs(" speed unknown", f);
	else
		fprintf(f, " speed %" PRIu32, ev->speed);
	fprintf(f, " duplex %s", ctl_duplex_name(ev->duplex));
}

static void port_state_json(struct jw *j, const struct ctl_event *ev)
{
	char nb[CTL_NAME_BUFLEN];

	jw_kv_string(j, "link", ev->has_link ? ctl_link_name(ev->link, nb) :
			NULL);
	if (ev->speed == CTL_SPEED_UNKNOWN)
		jw_kv_null(j, "speed");
	else
		jw_kv_uint(j, "speed", ev->speed);
	jw_kv_string(j, "duplex", ctl_duplex_name(ev->duplex));
}

static void event_text(FILE *f, const struct ctl_event *ev)
{
	char nb[CTL_NAME_BUFLEN], b1[IF_NAMESIZE], b2[IF_NAMESIZE];
	char b3[IF_NAMESIZE];
	const char *bond = dev_name(ev->bond, ev->bond_ifindex, b1);
	const char *port = dev_name(ev->port, ev->port_ifindex, b2);
	const char *old = dev_name(ev->old_port, ev->old_port_ifindex, b3);

	fprintf(f, "%" PRIu64 ".%06" PRIu64 " %s %s",
		ev->timestamp_ns / 1000000000,
		ev->timestamp_ns % 1000000000 / 1000,
		bond ? bond : "?", ctl_event_name(ev->type, nb));
	if (ev->type == NBOND_EVENT_ACTIVE_CHANGED)
		fprintf(f, " %s -> %s", old ? old : "none",
			port ? port : "none");
	else if (port)
		fprintf(f, " %s", port);
	if (ev->type == NBOND_EVENT_PORT_CHANGED)
		port_state_text(f, ev);
	if (ev->has_carrier)
		fprintf(f, " %s", ev->carrier ? "up" : "down");
	if (ev->has_cause)
		fprintf(f, " cause %s", ctl_cause_name(ev->cause, nb));
	fputc('\n', f);
}

static void event_json(FILE *f, const struct ctl_event *ev, bool pretty)
{
	char nb[CTL_NAME_BUFLEN], b1[IF_NAMESIZE], b2[IF_NAMESIZE];
	char b3[IF_NAMESIZE];
	const char *bond = dev_name(ev->bond, ev->bond_ifindex, b1);
	const char *port = dev_name(ev->port, ev->port_ifindex, b2);
	const char *old = dev_name(ev->old_port, ev->old_port_ifindex, b3);
	bool active = ev->type == NBOND_EVENT_ACTIVE_CHANGED;
	struct jw j;

	jw_init(&j, f, pretty);
	jw_obj_open(&j);
	jw_kv_uint(&j, "timestamp_ns", ev->timestamp_ns);
	jw_kv_string(&j, "event", ctl_event_name(ev->type, nb));
	jw_kv_string(&j, "bond", bond);
	if (port || active)
		jw_kv_string(&j, "port", port);
	if (old || active)
		jw_kv_string(&j, "old_port", old);
	if (ev->has_cause)
		jw_kv_string(&j, "cause", ctl_cause_name(ev->cause, nb));
	if (ev->has_carrier)
		jw_kv_string(&j, "carrier", ev->carrier ? "up" : "down");
	if (ev->type == NBOND_EVENT_PORT_CHANGED)
		port_state_json(&j, ev);
	jw_obj_close(&j);
}

void ctl_event_print(FILE *f, const struct ctl_event *ev, bool json,
		     bool pretty)
{
	if (json)
		event_json(f, ev, pretty);
	else
		event_text(f, ev);
}
