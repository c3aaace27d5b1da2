/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: strict parsing of the numbers commands take. Pure.
 *
 * A number is written in decimal, nothing before or after it: no blanks,
 * no "0x", no exponent. Each parser returns 0 and sets *@out, -ERANGE when
 * the number lies outside the accepted range, or -EINVAL when the text is
 * not a number; *@out is untouched on error.
 */
#ifndef BONDCTL_NUM_H
#define BONDCTL_NUM_H

#include <stdint.h>

/* Digits only, in [@min, @max]. */
int ctl_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out);
/* An optional '-' or '+', then digits; any int32_t. */
int ctl_parse_s32(const char *s, int32_t *out);
/*
 * Seconds: digits, optionally a '.' and up to 9 more digits ("1", "0.5",
 * "2.25"), at most @max_ns; written into *@out in nanoseconds.
 */
int ctl_parse_seconds(const char *s, uint64_t max_ns, uint64_t *out);

#endif /* BONDCTL_NUM_H */
