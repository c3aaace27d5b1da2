/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Option value tables and parsers of nbond.
 *
 * Pure code, shared by the module (options, sysfs, module parameters) and
 * userspace (unit tests, tools). Names and numbers are those of the kernel
 * bonding driver, so that the same spellings are accepted.
 */
#ifndef _NBOND_VALUES_H
#define _NBOND_VALUES_H

#include "pure.h"

/* One accepted spelling of an option value; tables end with { NULL, 0 }. */
struct nbond_value {
	const char *name;
	u32 value;
};

/*
 * balance-rr 0, active-backup 1, balance-xor 2, broadcast 3, 802.3ad 4,
 * balance-tlb 5, balance-alb 6
 */
extern const struct nbond_value nbond_mode_values[];
/* layer2 0, layer3+4 1, layer2+3 2, encap2+3 3, encap3+4 4, vlan+srcmac 5 */
extern const struct nbond_value nbond_xmit_policy_values[];
/* always 0, better 1, failure 2 */
extern const struct nbond_value nbond_primary_reselect_values[];
/* none 0, active 1, follow 2 */
extern const struct nbond_value nbond_fail_over_mac_values[];
/*
 * none 0, active 1, backup 2, all 3, filter 4, filter_active 5,
 * filter_backup 6
 */
extern const struct nbond_value nbond_arp_validate_values[];
/* any 0, all 1 */
extern const struct nbond_value nbond_arp_all_targets_values[];
/* slow 0, fast 1 */
extern const struct nbond_value nbond_lacp_rate_values[];
/* stable 0, bandwidth 1, count 2 */
extern const struct nbond_value nbond_ad_select_values[];
/* individual 0, strict 1 */
extern const struct nbond_value nbond_lacp_fallback_values[];
/* off 0, on 1 (lacp_active, coupled_control) */
extern const struct nbond_value nbond_onoff_values[];

/*
 * Whitespace rules of every parser below: spaces and tabs may surround the
 * text, and one newline may end it (as sysfs writes do), so that a blank,
 * "1", a blank and a newline read as "1". Nothing else may precede or
 * follow the value.
 */

/*
 * Parse a name of @tbl (exact, case-sensitive match) or a decimal number
 * that is a value of @tbl. Returns 0 and sets *@out, or -EINVAL.
 */
int nbond_value_parse(const struct nbond_value *tbl, const char *str,
		      u32 *out);

/* Name of @value in @tbl (the first one if several), or NULL. */
const char *nbond_value_name(const struct nbond_value *tbl, u32 value);

/* Whether @value is a value of @tbl. */
bool nbond_value_valid(const struct nbond_value *tbl, u32 value);

/*
 * Parse a decimal unsigned number in [@min, @max]: digits only (no sign,
 * no "0x"). Returns 0 and sets *@out; -ERANGE if the number does not fit
 * in 32 bits or lies outside [@min, @max]; -EINVAL if it is not a number.
 */
int nbond_parse_u32(const char *str, u32 min, u32 max, u32 *out);

/*
 * Parse a MAC address written "xx:xx:xx:xx:xx:xx": exactly two hex digits
 * (either case) per octet, separated by ':'. Returns 0 and fills @mac, or
 * -EINVAL leaving @mac untouched.
 */
int nbond_parse_mac(const char *str, u8 mac[6]);

/*
 * Copy the one word of @str (an interface name, an address) into @out of
 * @size bytes, NUL-terminated; blank input gives "". Returns 0, or
 * -EINVAL if the word does not fit or has blanks inside, leaving @out
 * untouched.
 */
int nbond_parse_word(const char *str, char *out, size_t size);

#endif /* _NBOND_VALUES_H */
