/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl show: the 802.3ad part, a port's LACP state as text and JSON.
 * show_print.c calls these for bonds in mode 802.3ad only. Pure.
 */
#ifndef BONDCTL_SHOW_LACP_H
#define BONDCTL_SHOW_LACP_H

#include <stdio.h>

#include "bond.h"
#include "bondctl.h"
#include "json.h"
#include "table.h"

/*
 * The cells AGG, SEL and C/D of @p in the port table (whose headers
 * show_print.c writes), "-" each without LACP state.
 */
void ctl_lacp_cells(struct ctl_table *t, const struct ctl_port *p);

/*
 * -d: the table of each port's actor and partner information. Returns -1
 * if memory ran out.
 */
int ctl_lacp_text_details(FILE *f, const struct ctl_bond *b);
/* -s: the table of each port's LACPDU and marker counters. */
int ctl_lacp_text_stats(FILE *f, const struct ctl_bond *b);

/*
 * The port's "lacp" key: an object, or null without LACP state. Actor and
 * partner come with ctl->details, the counters with ctl->stats.
 */
void ctl_lacp_json(struct jw *j, const struct ctl *ctl,
		   const struct ctl_port *p);

#endif /* BONDCTL_SHOW_LACP_H */
