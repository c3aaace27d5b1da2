/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: the words printed for the numbers of uapi/linux/nbond.h (link
 * states, roles, admin states, events, causes, LACP selection and state
 * bits) and for a port's duplex. Pure.
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
/* enum nbond_lacp_selected: unselected, selected, standby */
const char *ctl_selected_name(uint32_t value, char buf[CTL_NAME_BUFLEN]);
/* enum nbond_lacp_churn: monitoring, churned, none (bonding's words) */
const char *ctl_churn_name(uint32_t value, char buf[CTL_NAME_BUFLEN]);

/* DUPLEX_* of <linux/ethtool.h>: half, full; any other value: unknown. */
const char *ctl_duplex_name(uint8_t value);

/* "0x3d A-GSCD--" and its NUL */
#define CTL_LACP_STATE_BUFLEN 14

/*
 * An 802.1AX Actor_State or Partner_State octet as text: its value in hex,
 * a space, then one character per bit from bit 0 to bit 7, the bit's
 * letter when it is set, '-' when it is clear:
 *
 *   A  0x01  LACP_Activity: active (clear: passive)
 *   T  0x02  LACP_Timeout: short timeout, fast rate (clear: long, slow)
 *   G  0x04  Aggregation: aggregatable (clear: individual)
 *   S  0x08  Synchronization: in sync
 *   C  0x10  Collecting
 *   D  0x20  Distributing
 *   F  0x40  Defaulted: the partner's information is the default
 *   E  0x80  Expired
 *
 * So 0x3d, an active, aggregatable port in sync, collecting and
 * distributing, is "0x3d A-GSCD--". Returns @buf.
 */
const char *ctl_lacp_state_text(uint8_t state,
				char buf[CTL_LACP_STATE_BUFLEN]);

#endif /* BONDCTL_NAMES_H */
