// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl drill: the command line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "drill.h"
#include "num.h"

enum drill_opt { OPT_PORT, OPT_HOLD, OPT_CYCLES, OPT_TIMEOUT, OPT_FORCE };

static const struct {
	const char *name;
	enum drill_opt opt;
	bool has_value;
} drill_opts[] = {
	{ "--port",	OPT_PORT,	true },
	{ "--hold",	OPT_HOLD,	true },
	{ "--cycles",	OPT_CYCLES,	true },
	{ "--timeout",	OPT_TIMEOUT,	true },
	{ "--force",	OPT_FORCE,	false },
};

#define N_DRILL_OPTS (sizeof(drill_opts) / sizeof(drill_opts[0]))

/* The option @word names ("--hold" or "--hold=..."), or -1. */
static int find_opt(const char *word, const char **inline_value)
{
	size_t i, n;

	for (i = 0; i < N_DRILL_OPTS; i++) {
		n = strlen(drill_opts[i].name);
		if (strncmp(word, drill_opts[i].name, n))
			continue;
		if (word[n] == '\0') {
			*inline_value = NULL;
			return (int)i;
		}
		if (word[n] == '=') {
			*inline_value = word + n + 1;
			return (int)i;
		}
	}
	return -1;
}

/* @range: what is accepted, e.g. "1 to 10000". */
static int bad_value(char *err, size_t errlen, const char *opt,
		     const char *val, int code, const char *range)
{
	if (code == -ERANGE)
		snprintf(err, errlen, "drill: %s '%s' is out of range (%s)",
			 opt, val, range);
	else
		snprintf(err, errlen, "drill: %s '%s' is not valid (%s)",
			 opt, val, range);
	return -1;
}

static int set_opt(struct ctl_drill_args *a, enum drill_opt opt,
		   const char *name, const char *val, char *err,
		   size_t errlen)
{
	int code;

	switch (opt) {
	case OPT_PORT:
		if (ctl_check_ifname("port name", val, err, errlen) < 0)
			return -1;
		a->port = val;
		return 0;
	case OPT_HOLD:
		code = ctl_parse_seconds(val, CTL_DRILL_MAX_NS, &a->hold_ns);
		if (code)
			return bad_value(err, errlen, name, val, code,
					 "seconds, 0 to 3600, e.g. 0.5");
		return 0;
	case OPT_TIMEOUT:
		code = ctl_parse_seconds(val, CTL_DRILL_MAX_NS,
					 &a->timeout_ns);
		if (!code && !a->timeout_ns)
			code = -ERANGE;
		if (code)
			return bad_value(err, errlen, name, val, code,
					 "seconds, above 0 up to 3600");
		return 0;
	case OPT_CYCLES:
		code = ctl_parse_u32(val, 1, CTL_DRILL_MAX_CYCLES, &a->cycles);
		if (code)
			return bad_value(err, errlen, name, val, code,
					 "1 to 10000");
		return 0;
	case OPT_FORCE:
		a->force = true;
		return 0;
	}
	return -1;
}

int ctl_drill_parse(int argc, char **argv, struct ctl_drill_args *a,
		    char *err, size_t errlen)
{
	const char *word, *val;
	int i, k;

	*a = (struct ctl_drill_args){
		.hold_ns = CTL_DRILL_HOLD_NS,
		.timeout_ns = CTL_DRILL_TIMEOUT_NS,
		.cycles = 1,
	};
	for (i = 0; i < argc; i++) {
		word = argv[i];
		if (word[0] != '-') {
			if (a->bond) {
				snprintf(err, errlen,
					 "drill: unexpected argument '%s'",
					 word);
				return -1;
			}
			if (ctl_check_ifname("bond name", word, err,
					     errlen) < 0)
				return -1;
			a->bond = word;
			continue;
		}
		k = find_opt(word, &val);
		if (k < 0) {
			snprintf(err, errlen, "drill: unknown option '%s'",
				 word);
			return -1;
		}
		if (!drill_opts[k].has_value && val) {
			snprintf(err, errlen, "drill: %s takes no value",
				 drill_opts[k].name);
			return -1;
		}
		if (drill_opts[k].has_value && !val) {
			if (i + 1 >= argc) {
				snprintf(err, errlen, "drill: %s needs a value",
					 drill_opts[k].name);
				return -1;
			}
			val = argv[++i];
		}
		if (set_opt(a, drill_opts[k].opt, drill_opts[k].name, val,
			    err, errlen) < 0)
			return -1;
	}
	if (!a->bond) {
		snprintf(err, errlen, "drill: missing bond NAME");
		return -1;
	}
	return 0;
}
