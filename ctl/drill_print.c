// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl drill: the output, a line per cycle and a summary, or one JSON
 * document.
 */
#include <inttypes.h>
#include <string.h>

#include "drill.h"
#include "json.h"

static const char *const takeover_words[] = {
	[CTL_TAKEOVER_ACTIVE]	= "active",
	[CTL_TAKEOVER_NONE]	= "none",
	[CTL_TAKEOVER_STAYED]	= "stayed",
	[CTL_TAKEOVER_ALL]	= "all",
};

void ctl_drill_print_cycle(FILE *f, size_t num, int num_width,
			   int name_width, const struct ctl_drill_cycle *c)
{
	fprintf(f, "cycle %*zu: %-*s down, ", num_width, num, name_width,
		c->port);
	switch (c->takeover) {
	case CTL_TAKEOVER_ACTIVE:
		fprintf(f, "%-*s took over in %" PRIu64 " us", name_width,
			c->takeover_port, c->takeover_ns / 1000);
		break;
	case CTL_TAKEOVER_NONE:
		fputs("no port took over", f);
		break;
	case CTL_TAKEOVER_STAYED:
		fprintf(f, "%s stayed active", c->takeover_port);
		break;
	case CTL_TAKEOVER_ALL:
		fputs("took over: (all remaining ports)", f);
		break;
	}
	fprintf(f, ", dropped %" PRIu64 " packet%s, restored %s", c->dropped,
		c->dropped == 1 ? "" : "s", c->restored ? "yes" : "no");
	if (!c->restored && c->why[0])
		fprintf(f, " (%s)", c->why);
	fputc('\n', f);
}

void ctl_drill_print_summary(FILE *f, const char *bond,
			     const struct ctl_drill_cycle *c, size_t n)
{
	struct ctl_drill_summary s;

	ctl_drill_summarize(c, n, &s);
	fprintf(f, "%s: %zu cycle%s, ", bond, s.cycles,
		s.cycles == 1 ? "" : "s");
	if (s.measured)
		fprintf(f, "takeover min %" PRIu64 " us, median %" PRIu64
			" us, max %" PRIu64 " us, ", s.min_ns / 1000,
			s.median_ns / 1000, s.max_ns / 1000);
	fprintf(f, "dropped %" PRIu64 " packet%s, restored %zu/%zu\n",
		s.dropped, s.dropped == 1 ? "" : "s", s.restored, s.cycles);
}

static void put_cycle(struct jw *j, size_t num,
		      const struct ctl_drill_cycle *c)
{
	bool has_port = c->takeover == CTL_TAKEOVER_ACTIVE ||
			c->takeover == CTL_TAKEOVER_STAYED;

	jw_obj_open(j);
	jw_kv_uint(j, "cycle", num);
	jw_kv_string(j, "port", c->port);
	jw_kv_string(j, "takeover", takeover_words[c->takeover]);
	jw_kv_string(j, "takeover_port", has_port ? c->takeover_port : NULL);
	jw_kv_uint(j, "takeover_us", c->takeover_ns / 1000);
	jw_kv_uint(j, "takeover_ns", c->takeover_ns);
	jw_kv_uint(j, "dropped", c->dropped);
	jw_kv_bool(j, "restored", c->restored);
	if (!c->restored)
		jw_kv_string(j, "not_restored", c->why);
	jw_obj_close(j);
}

void ctl_drill_json(FILE *f, bool pretty, const struct ctl_drill_args *a,
		    const struct ctl_drill_cycle *c, size_t n,
		    const char *error)
{
	struct ctl_drill_summary s;
	struct jw j;
	size_t i;

	ctl_drill_summarize(c, n, &s);
	jw_init(&j, f, pretty);
	jw_obj_open(&j);
	jw_kv_string(&j, "bond", a->bond);
	jw_kv_uint(&j, "hold_ns", a->hold_ns);
	jw_kv_uint(&j, "timeout_ns", a->timeout_ns);
	jw_kv_arr_open(&j, "cycles");
	for (i = 0; i < n; i++)
		put_cycle(&j, i + 1, &c[i]);
	jw_arr_close(&j);

	jw_kv_obj_open(&j, "summary");
	jw_kv_uint(&j, "cycles", s.cycles);
	if (s.measured) {
		jw_kv_obj_open(&j, "takeover_us");
		jw_kv_uint(&j, "min", s.min_ns / 1000);
		jw_kv_uint(&j, "median", s.median_ns / 1000);
		jw_kv_uint(&j, "max", s.max_ns / 1000);
		jw_obj_close(&j);
	} else {
		jw_kv_null(&j, "takeover_us");
	}
	jw_kv_uint(&j, "dropped", s.dropped);
	jw_kv_uint(&j, "restored", s.restored);
	jw_obj_close(&j);

	if (error)
		jw_kv_string(&j, "error", error);
	jw_obj_close(&j);
}
