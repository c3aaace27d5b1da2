// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: the help text. The option list is generated from ctl_opts[],
 * so that it always shows what the parser accepts; docs/bondctl.8 repeats
 * it, and a unit test checks that every name printed here is there.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "opts.h"

#define HELP_WIDTH	79
#define HELP_INDENT	22

const char *const ctl_help_syntax[] = {
	"bondctl [GLOBAL] create NAME [OPTION VALUE]...",
	"bondctl [GLOBAL] destroy NAME",
	"bondctl [GLOBAL] set NAME OPTION VALUE [OPTION VALUE]...",
	"bondctl [GLOBAL] add NAME PORT...",
	"bondctl [GLOBAL] remove NAME PORT...",
	"bondctl [GLOBAL] show [NAME]",
	"bondctl [GLOBAL] port set PORT { up | down | prio N | queue_id N | actor_port_prio N }...",
	"bondctl [GLOBAL] monitor [NAME]",
	"bondctl [GLOBAL] drill NAME [--port PORT] [--hold SECONDS] [--cycles N] [--timeout SECONDS] [--force]",
	"bondctl help [COMMAND]",
	"bondctl version",
	NULL
};

const char ctl_help_globals[] =
	"GLOBAL: -j/--json  -p/--pretty  -d/--details  -s/--stats  -n/--netns NAME\n"
	"        (-j, -p, -d and -s may also follow the command: bondctl show -j)";

/*
 * Print the words of @text, then @tail as one unbroken unit, from column
 * @col on: lines break at spaces before HELP_WIDTH, and continuation lines
 * are indented by HELP_INDENT.
 */
static void help_wrap(FILE *out, size_t col, const char *text,
		      const char *tail)
{
	const char *p = text;
	bool first = true;

	for (;;) {
		const char *sp = strchr(p, ' ');
		size_t word;

		/* "balance-rr (0)" stays on one line */
		while (sp && sp[1] == '(')
			sp = strchr(sp + 1, ' ');

		if (!*p) {
			if (!tail)
				break;
			p = tail;
			sp = NULL;
			tail = NULL;
		}
		word = sp ? (size_t)(sp - p) : strlen(p);
		if (!first && col + 1 + word > HELP_WIDTH) {
			fprintf(out, "\n%*s", HELP_INDENT, "");
			col = HELP_INDENT;
		} else if (!first) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, word, out);
		col += word;
		p += word;
		while (*p == ' ')
			p++;
		first = false;
	}
	fputc('\n', out);
}

static void help_option(FILE *out, const struct ctl_opt *opt)
{
	char accepted[512], def[64];
	int col;

	ctl_opt_accepted(opt, accepted, sizeof(accepted));
	snprintf(def, sizeof(def), "(default %s)",
		 *opt->def ? opt->def : "none");
	col = fprintf(out, "  %-*s ", HELP_INDENT - 3, opt->name);
	help_wrap(out, (size_t)col, accepted, def);
}

static void help_options(FILE *out)
{
	const struct ctl_opt *opt;

	fputs("Bond options (OPTION VALUE of create and set):\n", out);
	for (opt = ctl_opts; opt->name; opt++)
		help_option(out, opt);
	fputs("\n", out);
	fputs("Times are in milliseconds (miimon, updelay, downdelay, peer_notif_delay,\n", out);
	fputs("arp_interval), lp_interval is in seconds.\n", out);
}

/* Whether syntax line @line is about @cmd: "bondctl [[GLOBAL]] CMD ...". */
static bool help_line_is(const char *line, const char *cmd)
{
	static const char prog[] = "bondctl ", global[] = "[GLOBAL] ";
	size_t n = strlen(cmd);

	if (strncmp(line, prog, sizeof(prog) - 1))
		return false;
	line += sizeof(prog) - 1;
	if (!strncmp(line, global, sizeof(global) - 1))
		line += sizeof(global) - 1;
	return !strncmp(line, cmd, n) && (line[n] == ' ' || !line[n]);
}

bool ctl_help_cmd(FILE *out, const char *cmd)
{
	const char *const *line;
	bool found = false, globals = false;

	for (line = ctl_help_syntax; *line; line++) {
		if (!help_line_is(*line, cmd))
			continue;
		if (!found)
			fputs("Usage:\n", out);
		fprintf(out, "%s\n", *line);
		found = true;
		globals |= strstr(*line, "[GLOBAL]") != NULL;
	}
	if (!found)
		return false;
	if (globals)
		fprintf(out, "%s\n", ctl_help_globals);
	if (!strcmp(cmd, "create") || !strcmp(cmd, "set")) {
		fputc('\n', out);
		help_options(out);
	}
	fputs("See bondctl help, and bondctl(8).\n", out);
	return true;
}

bool ctl_wants_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

void ctl_help(FILE *out)
{
	const char *const *line;

	fputs("Usage:\n", out);
	for (line = ctl_help_syntax; *line; line++)
		fprintf(out, "%s\n", *line);
	fprintf(out, "%s\n\n", ctl_help_globals);

	help_options(out);
	fputs("Port settings (port set): up, down, prio N, queue_id N,\n"
	      "actor_port_prio N (802.3ad: the LACP port priority).\n", out);
	fputs("Exit codes: 0 done, 1 failed, 2 refused by the kernel, 255 usage error.\n", out);
	fputs("See bondctl(8).\n", out);
}
