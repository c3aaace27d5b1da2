/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl show: rendering bonds as text or JSON. Pure: it prints the
 * structs of bond.h, however they were filled.
 */
#ifndef BONDCTL_SHOW_PRINT_H
#define BONDCTL_SHOW_PRINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bond.h"
#include "bondctl.h"
#include "json.h"

/*
 * Print @n bonds to @f: text blocks separated by blank lines, or with
 * ctl->json one JSON array. ctl->details and ctl->stats add what -d and
 * -s add. @now_ns is CLOCK_MONOTONIC now, for "12.3s ago". Returns 0, or
 * -1 when memory ran out (the output is then incomplete).
 */
int ctl_show_print(FILE *f, const struct ctl *ctl,
		   const struct ctl_bond *bonds, size_t n, uint64_t now_ns);

/* One bond as text. */
int ctl_show_text(FILE *f, const struct ctl *ctl, const struct ctl_bond *b,
		  uint64_t now_ns);
/* One bond as a JSON object. */
void ctl_show_json(struct jw *j, const struct ctl *ctl,
		   const struct ctl_bond *b, uint64_t now_ns);

/*
 * A duration for people: "0.4s", "12.3s", "5m02s", "3h05m", "2d04h"
 * (rounded down).
 */
void ctl_format_duration(uint64_t ns, char *buf, size_t len);

/*
 * The @n bytes at @addr as "52:54:00:12:34:56" into @buf ("" for none);
 * cut at a whole byte when @len is too small.
 */
void ctl_format_hwaddr(const uint8_t *addr, size_t n, char *buf,
		       size_t len);

#endif /* BONDCTL_SHOW_PRINT_H */
