// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl's global options, device name checks and help text
 * (ctl/cmdline.c, ctl/help.c), and that docs/bondctl.8 documents every
 * command, global option, bond option and value the help text prints.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "opts.h"
#include "suites.h"

#define ERRLEN 512
#define MAX_WORDS 16

/* Parse the words of @line (split at spaces) as bondctl's command line. */
static int parse(const char *line, struct ctl *ctl, struct ctl_cmdline *cl,
		 char *err)
{
	static char buf[512];
	static char *argv[MAX_WORDS + 1];
	char *word;
	int argc = 0;

	snprintf(buf, sizeof(buf), "bondctl %s", line);
	for (word = strtok(buf, " "); word && argc < MAX_WORDS;
	     word = strtok(NULL, " "))
		argv[argc++] = word;
	argv[argc] = NULL;
	memset(ctl, 0, sizeof(*ctl));
	err[0] = '\0';
	return ctl_parse_globals(ctl, argc, argv, cl, err, ERRLEN);
}

/* ----------------------------------------------------------- globals */

START_TEST(globals_short)
{
	struct ctl_cmdline cl;
	char err[ERRLEN];
	struct ctl ctl;

	ck_assert_int_eq(parse("-j -p -d -s show bond0", &ctl, &cl, err), 0);
	ck_assert(ctl.json && ctl.pretty && ctl.details && ctl.stats);
	ck_assert_ptr_null(ctl.netns);
	ck_assert_str_eq(cl.cmd, "show");
	ck_assert_int_eq(cl.argc, 1);
	ck_assert_str_eq(cl.argv[0], "bond0");
	ck_assert_ptr_null(cl.argv[1]);

	ck_assert_int_eq(parse("-jd -n blue monitor", &ctl, &cl, err), 0);
	ck_assert(ctl.json && ctl.details && !ctl.pretty && !ctl.stats);
	ck_assert_str_eq(ctl.netns, "blue");
	ck_assert_str_eq(cl.cmd, "monitor");
	ck_assert_int_eq(cl.argc, 0);

	ck_assert_int_eq(parse("-nred show", &ctl, &cl, err), 0);
	ck_assert_str_eq(ctl.netns, "red");
}
END_TEST

START_TEST(globals_long)
{
	struct ctl_cmdline cl;
	char err[ERRLEN];
	struct ctl ctl;

	ck_assert_int_eq(parse("--json --pretty --details --stats --netns=ns1 show",
			       &ctl, &cl, err), 0);
	ck_assert(ctl.json && ctl.pretty && ctl.details && ctl.stats);
	ck_assert_str_eq(ctl.netns, "ns1");
	ck_assert_str_eq(cl.cmd, "show");

	ck_assert_int_eq(parse("--netns ns2 set bond0 miimon 100", &ctl, &cl,
			       err), 0);
	ck_assert_str_eq(ctl.netns, "ns2");
	ck_assert(!ctl.json);
	ck_assert_str_eq(cl.cmd, "set");
	ck_assert_int_eq(cl.argc, 3);
	ck_assert_str_eq(cl.argv[2], "100");

	/* -p alone does not turn JSON on */
	ck_assert_int_eq(parse("-p show", &ctl, &cl, err), 0);
	ck_assert(ctl.pretty && !ctl.json);
}
END_TEST

/*
 * Options after the command word belong to the command, except the output
 * options -j -p -d -s, which are taken out wherever they stand.
 */
START_TEST(globals_stop_at_command)
{
	struct ctl_cmdline cl;
	char err[ERRLEN];
	struct ctl ctl;

	ck_assert_int_eq(parse("drill bond0 --cycles 3 -j", &ctl, &cl, err),
			 0);
	ck_assert(ctl.json);
	ck_assert_str_eq(cl.cmd, "drill");
	ck_assert_int_eq(cl.argc, 3);
	ck_assert_str_eq(cl.argv[0], "bond0");
	ck_assert_str_eq(cl.argv[1], "--cycles");
	ck_assert_str_eq(cl.argv[2], "3");

	ck_assert_int_eq(parse("show -d bond0 --stats -p", &ctl, &cl, err),
			 0);
	ck_assert(ctl.details && ctl.stats && ctl.pretty && !ctl.json);
	ck_assert_int_eq(cl.argc, 1);
	ck_assert_str_eq(cl.argv[0], "bond0");

	/* Other dashed words stay the command's, in order. */
	ck_assert_int_eq(parse("port set e0 prio -1 --port x", &ctl, &cl,
			       err), 0);
	ck_assert(!ctl.json && !ctl.details && !ctl.stats && !ctl.pretty);
	ck_assert_int_eq(cl.argc, 6);
	ck_assert_str_eq(cl.argv[3], "-1");
	ck_assert_str_eq(cl.argv[4], "--port");

	ck_assert_int_eq(parse("-s -- show", &ctl, &cl, err), 0);
	ck_assert(ctl.stats);
	ck_assert_str_eq(cl.cmd, "show");
}
END_TEST

START_TEST(globals_help_version)
{
	struct ctl_cmdline cl;
	char err[ERRLEN];
	struct ctl ctl;

	ck_assert_int_eq(parse("-h", &ctl, &cl, err), 0);
	ck_assert_str_eq(cl.cmd, "help");
	ck_assert_int_eq(cl.argc, 0);
	ck_assert_int_eq(parse("--help show", &ctl, &cl, err), 0);
	ck_assert_str_eq(cl.cmd, "help");
	ck_assert_int_eq(cl.argc, 0);
	ck_assert_int_eq(parse("-V", &ctl, &cl, err), 0);
	ck_assert_str_eq(cl.cmd, "version");
	ck_assert_int_eq(parse("-j --version", &ctl, &cl, err), 0);
	ck_assert_str_eq(cl.cmd, "version");
	ck_assert_int_eq(cl.argc, 0);

	ck_assert_int_eq(parse("", &ctl, &cl, err), 0);
	ck_assert_ptr_null(cl.cmd);
	ck_assert_int_eq(cl.argc, 0);
	ck_assert_int_eq(parse("-j", &ctl, &cl, err), 0);
	ck_assert_ptr_null(cl.cmd);
	ck_assert(ctl.json);

	ck_assert_int_eq(parse("help", &ctl, &cl, err), 0);
	ck_assert_str_eq(cl.cmd, "help");
}
END_TEST

START_TEST(globals_refused)
{
	static const struct {
		const char *line, *msg;
	} bad[] = {
		{ "-x show", "unknown option '-x'" },
		{ "-jx show", "unknown option '-x'" },
		{ "--bogus show", "unknown option '--bogus'" },
		{ "--json=1 show", "option '--json' takes no argument" },
		{ "--bogus=1 show", "unknown option '--bogus=1'" },
		{ "-n", "option '-n' needs an argument" },
		{ "--netns", "option '--netns' needs an argument" },
		{ "-n a/b show", "'a/b' is not a network namespace name (a file name under /run/netns)" },
		{ "-n .. show", "'..' is not a network namespace name (a file name under /run/netns)" },
		{ "--netns= show", "'' is not a network namespace name (a file name under /run/netns)" },
	};
	struct ctl_cmdline cl;
	char err[ERRLEN];
	struct ctl ctl;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(parse(bad[i].line, &ctl, &cl, err) == -1,
			      "'%s' accepted", bad[i].line);
		ck_assert_str_eq(err, bad[i].msg);
	}
}
END_TEST

/* ------------------------------------------------------- device names */

START_TEST(ifnames)
{
	static const char *const good[] = { "bond0", "a", "eth0.100",
					    "fifteen_chars_x", "br-lan" };
	static const char *const bad[] = { "a/b", "a:b", "a b", "a\tb", ".",
					   ".." };
	char err[ERRLEN], want[160];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_msg(!ctl_check_ifname("x", good[i], err,
						sizeof(err)),
			      "%s refused: %s", good[i], err);

	ck_assert_int_eq(ctl_check_ifname("add", "", err, sizeof(err)), -1);
	ck_assert_str_eq(err, "add: a device name cannot be empty");
	ck_assert_int_eq(ctl_check_ifname("add", "sixteen_chars_xx", err,
					  sizeof(err)), -1);
	ck_assert_str_eq(err,
			 "add: 'sixteen_chars_xx' is too long for a device name (at most 15 characters)");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(ctl_check_ifname("create", bad[i], err,
						  sizeof(err)), -1);
		snprintf(want, sizeof(want),
			 "create: '%s' is not a valid device name (no '/', ':' or spaces; not '.' or '..')",
			 bad[i]);
		ck_assert_str_eq(err, want);
	}
}
END_TEST

/* --------------------------------------------------------------- help */

static char *help_text(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	ctl_help(f);
	fclose(f);
	return text;
}

/* Whether @word occurs in @text with no name character on either side. */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = strstr(text, word); p; p = strstr(p + 1, word)) {
		bool left = p == text || !(isalnum((unsigned char)p[-1]) ||
					   strchr("_-+.", p[-1]));
		bool right = !(isalnum((unsigned char)p[n]) ||
			       (p[n] && strchr("_-+", p[n])));

		if (left && right)
			return true;
	}
	return false;
}

static char *help_cmd_text(const char *cmd, bool *found)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	*found = ctl_help_cmd(f, cmd);
	fclose(f);
	return text;
}

/* Each command's help: its own syntax lines, no other command's. */
START_TEST(help_per_command)
{
	static const char *const cmds[] = {
		"create", "destroy", "set", "add", "remove", "show", "port",
		"monitor", "drill", "help", "version",
	};
	const char *const *line;
	char *text, prefix[64];
	bool found;
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		text = help_cmd_text(cmds[i], &found);
		ck_assert_msg(found, "no help for %s", cmds[i]);
		snprintf(prefix, sizeof(prefix), "] %s", cmds[i]);
		for (line = ctl_help_syntax; *line; line++) {
			bool mine = strstr(*line, prefix) ||
				    !strncmp(*line + 8, cmds[i],
					     strlen(cmds[i]));

			ck_assert_msg(!strstr(text, *line) == !mine,
				      "help %s: \"%s\" %s", cmds[i], *line,
				      mine ? "missing" : "shown");
		}
		ck_assert_msg(!strstr(text, "miimon") ==
			      !(!strcmp(cmds[i], "create") ||
				!strcmp(cmds[i], "set")),
			      "help %s: bond options wrongly %s", cmds[i],
			      strstr(text, "miimon") ? "shown" : "missing");
		free(text);
	}
	text = help_cmd_text("frobnicate", &found);
	ck_assert(!found);
	ck_assert_str_eq(text, "");
	free(text);
	/* a prefix of a command is not that command */
	text = help_cmd_text("cre", &found);
	ck_assert(!found);
	free(text);
}
END_TEST

START_TEST(help_wanted)
{
	char *a[] = { "bond0", "mode", "802.3ad" };
	char *b[] = { "bond0", "--help" };
	char *c[] = { "-h" };
	char *d[] = { "bond0", "--helpful", "-hx" };

	ck_assert(!ctl_wants_help(3, a));
	ck_assert(ctl_wants_help(2, b));
	ck_assert(ctl_wants_help(1, c));
	ck_assert(!ctl_wants_help(3, d));
	ck_assert(!ctl_wants_help(0, NULL));
}
END_TEST

START_TEST(help_lists_everything)
{
	const struct nbond_value *v;
	const char *const *line;
	const struct ctl_opt *o;
	char *text = help_text();
	char def[64];

	for (line = ctl_help_syntax; *line; line++)
		ck_assert_msg(strstr(text, *line), "help lacks \"%s\"", *line);
	ck_assert_ptr_nonnull(strstr(text, ctl_help_globals));
	for (o = ctl_opts; o->name; o++) {
		ck_assert_msg(has_word(text, o->name), "help lacks %s",
			      o->name);
		for (v = o->values; v && v->name; v++)
			ck_assert_msg(has_word(text, v->name),
				      "help lacks %s value %s", o->name,
				      v->name);
		snprintf(def, sizeof(def), "(default %s)",
			 *o->def ? o->def : "none");
		ck_assert_msg(strstr(text, def), "help lacks %s's %s",
			      o->name, def);
	}
	free(text);
}
END_TEST

/* The generated lines fit in 79 columns (the syntax lines are verbatim). */
START_TEST(help_width)
{
	char *text = help_text();
	char *line, *save = NULL;
	bool in_options = false;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "Bond options", 12))
			in_options = true;
		if (in_options)
			ck_assert_msg(strlen(line) <= 79, "too long: \"%s\"",
				      line);
	}
	ck_assert(in_options);
	free(text);
}
END_TEST

/* ---------------------------------------------------- the man page */

/* docs/bondctl.8 as plain text: "\-" is '-', "\&", "\fB"... go. */
static char *man_text(void)
{
	const char *path = NBOND_TOP "/docs/bondctl.8";
	FILE *f = fopen(path, "r");
	char *raw, *out, *o;
	const char *p;
	long len;

	ck_assert_msg(f, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	raw = calloc(1, (size_t)len + 1);
	ck_assert_ptr_nonnull(raw);
	ck_assert_uint_eq(fread(raw, 1, (size_t)len, f), (size_t)len);
	fclose(f);

	out = calloc(1, (size_t)len + 1);
	ck_assert_ptr_nonnull(out);
	for (p = raw, o = out; *p; p++) {
		if (p[0] == '\\' && p[1] == '-') {
			*o++ = '-';
			p++;
		} else if (p[0] == '\\' && p[1] == '&') {
			p++;
		} else if (p[0] == '\\' && p[1] == 'f' && p[2]) {
			p += 2;
		} else if (p[0] == '\\' && p[1] == '(' && p[2] && p[3]) {
			*o++ = ' ';
			p += 3;
		} else {
			*o++ = *p;
		}
	}
	free(raw);
	return out;
}

/* Collapse every run of blanks and newlines in @s into one space. */
static void squeeze(char *s)
{
	char *o = s;
	bool blank = false;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			blank = true;
			continue;
		}
		if (blank && o != s)
			*o++ = ' ';
		blank = false;
		*o++ = *s;
	}
	*o = '\0';
}

/* Whether @line, blanks squeezed, is in the squeezed @man. */
static bool man_has_line(const char *man, const char *line)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s", line);
	squeeze(buf);
	return strstr(man, buf);
}

START_TEST(man_documents_help)
{
	static const char *const globals[] = {
		"-j", "--json", "-p", "--pretty", "-d", "--details", "-s",
		"--stats", "-n", "--netns", "-h", "--help", "-V", "--version",
	};
	const struct nbond_value *v;
	const char *const *line;
	const struct ctl_opt *o;
	char *man = man_text();
	char def[64];
	size_t i;

	/*
	 * Every syntax line, hence every command, word for word (the man
	 * page may break a long line).
	 */
	squeeze(man);
	for (line = ctl_help_syntax; *line; line++)
		ck_assert_msg(man_has_line(man, *line),
			      "docs/bondctl.8 lacks \"%s\"", *line);
	ck_assert_msg(man_has_line(man, ctl_help_globals),
		      "docs/bondctl.8 lacks \"%s\"", ctl_help_globals);
	for (i = 0; i < sizeof(globals) / sizeof(globals[0]); i++)
		ck_assert_msg(has_word(man, globals[i]),
			      "docs/bondctl.8 lacks %s", globals[i]);

	/* Every option, its values and its default. */
	for (o = ctl_opts; o->name; o++) {
		ck_assert_msg(has_word(man, o->name),
			      "docs/bondctl.8 lacks option %s", o->name);
		for (v = o->values; v && v->name; v++)
			ck_assert_msg(has_word(man, v->name),
				      "docs/bondctl.8 lacks %s value %s",
				      o->name, v->name);
		snprintf(def, sizeof(def), "default %s",
			 *o->def ? o->def : "none");
		ck_assert_msg(strstr(man, def),
			      "docs/bondctl.8 lacks \"%s\" (option %s)", def,
			      o->name);
	}
	free(man);
}
END_TEST

Suite *cmdline_suite(void)
{
	Suite *s = suite_create("cmdline");
	TCase *tc;

	tc = tcase_create("globals");
	tcase_add_test(tc, globals_short);
	tcase_add_test(tc, globals_long);
	tcase_add_test(tc, globals_stop_at_command);
	tcase_add_test(tc, globals_help_version);
	tcase_add_test(tc, globals_refused);
	tcase_add_test(tc, ifnames);
	suite_add_tcase(s, tc);

	tc = tcase_create("help");
	tcase_add_test(tc, help_lists_everything);
	tcase_add_test(tc, help_per_command);
	tcase_add_test(tc, help_wanted);
	tcase_add_test(tc, help_width);
	tcase_add_test(tc, man_documents_help);
	suite_add_tcase(s, tc);

	return s;
}
