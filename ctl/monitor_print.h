/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl monitor: the command line and one event as a line. Pure.
 */
#ifndef BONDCTL_MONITOR_PRINT_H
#define BONDCTL_MONITOR_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "bond.h"

/*
 * Parse the words after "monitor": [NAME]. Sets *@name to NAME or NULL.
 * Returns 0, or -1 with a message in @err.
 */
int ctl_monitor_parse(int argc, char **argv, const char **name,
		      char *err, size_t errlen);

/*
 * Print @ev to @f. Text, one line:
 *
 *   12345.678901 bond0 port-down eth1 cause carrier
 *   12345.678901 bond0 active-changed eth1 -> eth2 cause admin
 *   12345.678901 bond0 carrier-changed down
 *   12345.678901 bond0 port-changed eth1 link up speed 10000 duplex full
 *
 * (CLOCK_MONOTONIC seconds.microseconds; "none" for an absent port of
 * active-changed; "speed unknown", "duplex unknown" when the driver does
 * not know). With @json one JSON object with the keys timestamp_ns,
 * event, bond, port, old_port, cause, carrier, and link, speed and duplex
 * (port-changed only), each only when it applies (port and old_port of
 * active-changed are null when absent, so is an unknown speed).
 */
void ctl_event_print(FILE *f, const struct ctl_event *ev, bool json,
		     bool pretty);

#endif /* BONDCTL_MONITOR_PRINT_H */
