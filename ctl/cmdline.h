/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: the global options, the help text and device name checks.
 * Pure: the unit tests compile these in.
 */
#ifndef BONDCTL_CMDLINE_H
#define BONDCTL_CMDLINE_H

#include <stddef.h>
#include <stdio.h>

#include "bondctl.h"

/* What the words after the global options ask for. */
struct ctl_cmdline {
	/* the command word: "help" for -h, "version" for -V, NULL if none */
	const char *cmd;
	int argc;		/* the words after the command word */
	char **argv;
};

/*
 * Parse the global options at the start of @argv (@argv[0] is the
 * program) into @ctl, stopping at the first word that is not an option.
 * Returns 0 and fills @cl, or -1 with a message in @err.
 */
int ctl_parse_globals(struct ctl *ctl, int argc, char **argv,
		      struct ctl_cmdline *cl, char *err, size_t errlen);

/*
 * Take the output options (-j -p -d -s and their long forms) out of the
 * words after the command, setting them in @ctl. ctl_parse_globals() does
 * this; the words left keep their order.
 */
void ctl_take_output_flags(struct ctl *ctl, struct ctl_cmdline *cl);

/*
 * Check that @name can be a network device name: 1 to IFNAMSIZ - 1 bytes,
 * not "." or "..", no '/', ':' or white space. Returns 0, or -1 with a
 * message naming @what (e.g. "bond name") in @err.
 */
int ctl_check_ifname(const char *what, const char *name, char *err,
		     size_t errlen);

/* help.c: the syntax of every command, one line each; ends with NULL. */
extern const char *const ctl_help_syntax[];
/* help.c: the line that lists the global options. */
extern const char ctl_help_globals[];

/* help.c: print the whole help text (syntax, options, exit codes). */
void ctl_help(FILE *out);

/*
 * help.c: print the help of command @cmd (its syntax lines, the globals,
 * and for create and set the bond options); false if there is no such
 * command.
 */
bool ctl_help_cmd(FILE *out, const char *cmd);

/* Whether @argv holds -h or --help (a request for the command's help). */
bool ctl_wants_help(int argc, char **argv);

#endif /* BONDCTL_CMDLINE_H */
