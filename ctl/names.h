/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: the words printed for the numbers of uapi/linux/nbond.h (link
 * states, roles, admin states, events, causes). Pure.
 *
 * Every function returns the word for @value, or, for a number it does
 * not know (a newer driver), the number written into @buf.
 */
#ifndef BONDCTL_NAMES_H
#define BONDCTL_NAMES_H

#include <stdint.h>

/* Big enough for any u32 in decimal. */
#define CTL_NAME_BUFLEN 11

/* enum nbond_link_state: up, fail, down, back */
const char *ctl_link_name(uint32_t value, char buf[CTL_NAME_BUFLEN]);
/* enum nbond_port_role: active, backup */
const char *ctl_role_name(uint32_t value, char buf[CTL_NAME_BUFLEN]);
/* enum nbond_admin_state: up, down */
const char *ctl_admin_name(uint32_t value, char buf[CTL_NAME_BUFLEN]);
/* enum nbond_event: bond-created ... carrier-changed */
const char *ctl_event_name(uint32_t value, char buf[CTL_NAME_BUFLEN]);
/* enum nbond_cause: none, carrier, miimon, admin, ... port-removed */
const char *ctl_cause_name(uint32_t value, char buf[CTL_NAME_BUFLEN]);

#endif /* BONDCTL_NAMES_H */
