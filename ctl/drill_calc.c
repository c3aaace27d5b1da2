// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl drill: the figures of a cycle, from the bond before and after
 * it, and their summary over several cycles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drill.h"

static uint64_t growth(uint64_t before, uint64_t after)
{
	return after > before ? after - before : 0;
}

uint64_t ctl_drill_dropped(const struct ctl_bond *before,
			   const struct ctl_bond *after)
{
	const struct ctl_port *p;
	uint64_t n;
	size_t i;

	n = growth(before->stats.tx_dropped, after->stats.tx_dropped) +
	    growth(before->stats.rx_dropped, after->stats.rx_dropped);
	for (i = 0; i < after->n_ports; i++) {
		p = ctl_bond_port(before, after->ports[i].ifindex);
		if (p)
			n += growth(p->stats.rx_nohandler,
				    after->ports[i].stats.rx_nohandler);
	}
	return n;
}

/* The first port usable in @a but not in @b, or NULL. */
static const struct ctl_port *usable_only_in(const struct ctl_bond *a,
					     const struct ctl_bond *b)
{
	const struct ctl_port *q;
	size_t i;

	for (i = 0; i < a->n_ports; i++) {
		if (!a->ports[i].usable)
			continue;
		q = ctl_bond_port(b, a->ports[i].ifindex);
		if (!q || !q->usable)
			return &a->ports[i];
	}
	return NULL;
}

bool ctl_drill_restored(const struct ctl_bond *before,
			const struct ctl_bond *after, char *why, size_t len)
{
	const char *was = ctl_bond_active_name(before);
	const char *now = ctl_bond_active_name(after);
	const struct ctl_port *p;

	if (before->active_ifindex != after->active_ifindex) {
		snprintf(why, len, "active %s, was %s", now ? now : "none",
			 was ? was : "none");
		return false;
	}
	if (before->carrier != after->carrier) {
		snprintf(why, len, "carrier %s, was %s",
			 after->carrier ? "up" : "down",
			 before->carrier ? "up" : "down");
		return false;
	}
	p = usable_only_in(before, after);
	if (p) {
		snprintf(why, len, "%s no longer usable", p->name);
		return false;
	}
	p = usable_only_in(after, before);
	if (p) {
		snprintf(why, len, "%s usable, was not", p->name);
		return false;
	}
	if (len)
		why[0] = '\0';
	return true;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void ctl_drill_summarize(const struct ctl_drill_cycle *c, size_t n,
			 struct ctl_drill_summary *s)
{
	uint64_t *t;
	size_t i, m = 0;

	memset(s, 0, sizeof(*s));
	s->cycles = n;
	for (i = 0; i < n; i++) {
		s->dropped += c[i].dropped;
		s->restored += c[i].restored;
		m += c[i].takeover == CTL_TAKEOVER_ACTIVE;
	}
	if (!m)
		return;
	t = malloc(m * sizeof(*t));
	if (!t)
		return;		/* the summary shows no takeover */
	for (i = 0; i < n; i++)
		if (c[i].takeover == CTL_TAKEOVER_ACTIVE)
			t[s->measured++] = c[i].takeover_ns;
	qsort(t, m, sizeof(*t), cmp_u64);
	s->min_ns = t[0];
	s->max_ns = t[m - 1];
	s->median_ns = m % 2 ? t[m / 2] : (t[m / 2 - 1] + t[m / 2]) / 2;
	free(t);
}
