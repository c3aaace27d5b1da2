// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: the command lines of create, destroy, set, add and remove.
 *
 * Everything is checked here, before the first request goes out: the
 * names, that every OPTION has a VALUE, that each value is one the option
 * accepts and that no setting is given twice.
 */
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "config_args.h"

/* "CMD: unknown bond option 'x'; options: mode, miimon, ..." */
static int ctl_args_unknown(const char *cmd, const char *word, char *err,
			    size_t errlen)
{
	const struct ctl_opt *o;
	size_t pos;
	int n;

	n = snprintf(err, errlen, "%s: unknown bond option '%s'; options:",
		     cmd, word);
	pos = n > 0 ? (size_t)n : 0;
	for (o = ctl_opts; o->name && pos < errlen; o++) {
		n = snprintf(err + pos, errlen - pos, "%s %s",
			     o == ctl_opts ? "" : ",", o->name);
		pos += n > 0 ? (size_t)n : 0;
	}
	return -1;
}

/* NAME: the first word, which must be a valid device name. */
static int ctl_args_name(const char *cmd, int argc, char **argv,
			 struct ctl_config_args *a, char *err, size_t errlen)
{
	memset(a, 0, sizeof(*a));
	if (argc < 1) {
		snprintf(err, errlen, "%s: missing the bond NAME", cmd);
		return -1;
	}
	if (ctl_check_ifname(cmd, argv[0], err, errlen))
		return -1;
	a->bond = argv[0];
	return 0;
}

/* OPTION VALUE pairs; @argv starts after NAME. */
static int ctl_args_options(const char *cmd, int argc, char **argv,
			    struct ctl_config_args *a, char *err,
			    size_t errlen)
{
	const struct ctl_opt *opt;
	unsigned int i;
	int w;

	for (w = 0; w < argc; w += 2) {
		opt = ctl_opt_by_name(argv[w]);
		if (!opt)
			return ctl_args_unknown(cmd, argv[w], err, errlen);
		if (w + 1 >= argc) {
			snprintf(err, errlen, "%s: option '%s' needs a VALUE",
				 cmd, opt->name);
			return -1;
		}
		for (i = 0; i < a->nopts; i++) {
			const struct ctl_opt *prev = a->opts[i].opt;

			if (prev == opt) {
				snprintf(err, errlen, "%s: given twice",
					 opt->name);
				return -1;
			}
			if (prev->attr == opt->attr) {
				snprintf(err, errlen,
					 "%s: sets the same value as %s, given before",
					 opt->name, prev->name);
				return -1;
			}
		}
		if (a->nopts == CTL_ARGS_MAX_OPTS) {
			snprintf(err, errlen, "%s: too many options", cmd);
			return -1;
		}
		if (ctl_opt_parse(opt, argv[w + 1], &a->opts[a->nopts], err,
				  errlen))
			return -1;
		a->nopts++;
	}
	return 0;
}

/* PORT...; @argv starts after NAME. */
static int ctl_args_ports(const char *cmd, int argc, char **argv,
			  struct ctl_config_args *a, char *err, size_t errlen)
{
	int i, j;

	if (argc < 1) {
		snprintf(err, errlen, "%s: missing PORT (a device name)", cmd);
		return -1;
	}
	for (i = 0; i < argc; i++) {
		if (ctl_check_ifname(cmd, argv[i], err, errlen))
			return -1;
		if (!strcmp(argv[i], a->bond)) {
			snprintf(err, errlen,
				 "%s: %s cannot be a port of itself", cmd,
				 a->bond);
			return -1;
		}
		for (j = 0; j < i; j++) {
			if (!strcmp(argv[i], argv[j])) {
				snprintf(err, errlen,
					 "%s: port %s is given twice", cmd,
					 argv[i]);
				return -1;
			}
		}
	}
	a->nports = argc;
	a->ports = argv;
	return 0;
}

int ctl_args_create(int argc, char **argv, struct ctl_config_args *a,
		    char *err, size_t errlen)
{
	if (ctl_args_name("create", argc, argv, a, err, errlen))
		return -1;
	return ctl_args_options("create", argc - 1, argv + 1, a, err, errlen);
}

int ctl_args_destroy(int argc, char **argv, struct ctl_config_args *a,
		     char *err, size_t errlen)
{
	if (ctl_args_name("destroy", argc, argv, a, err, errlen))
		return -1;
	if (argc > 1) {
		snprintf(err, errlen, "destroy: unexpected argument '%s'",
			 argv[1]);
		return -1;
	}
	return 0;
}

int ctl_args_set(int argc, char **argv, struct ctl_config_args *a,
		 char *err, size_t errlen)
{
	if (ctl_args_name("set", argc, argv, a, err, errlen))
		return -1;
	if (argc < 2) {
		snprintf(err, errlen, "set: missing OPTION VALUE");
		return -1;
	}
	return ctl_args_options("set", argc - 1, argv + 1, a, err, errlen);
}

int ctl_args_add(int argc, char **argv, struct ctl_config_args *a,
		 char *err, size_t errlen)
{
	if (ctl_args_name("add", argc, argv, a, err, errlen))
		return -1;
	return ctl_args_ports("add", argc - 1, argv + 1, a, err, errlen);
}

int ctl_args_remove(int argc, char **argv, struct ctl_config_args *a,
		    char *err, size_t errlen)
{
	if (ctl_args_name("remove", argc, argv, a, err, errlen))
		return -1;
	return ctl_args_ports("remove", argc - 1, argv + 1, a, err, errlen);
}
