// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: the global options (before the command word) and device name
 * checks. Pure, so that the unit tests can call it.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cmdline.h"

static const struct option ctl_long_opts[] = {
	{ "json",	no_argument,		NULL, 'j' },
	{ "pretty",	no_argument,		NULL, 'p' },
	{ "details",	no_argument,		NULL, 'd' },
	{ "stats",	no_argument,		NULL, 's' },
	{ "netns",	required_argument,	NULL, 'n' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL,		0,			NULL, 0 }
};

/* '+': stop at the command word; ':': report a missing argument as ':'. */
static const char ctl_short_opts[] = "+:jpdsn:hV";

/* A name under /run/netns: one path component. */
static int ctl_check_netns(const char *name, char *err, size_t errlen)
{
	if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, "..") || strlen(name) > NAME_MAX) {
		snprintf(err, errlen,
			 "'%s' is not a network namespace name (a file name under /run/netns)",
			 name);
		return -1;
	}
	return 0;
}

/* The option getopt_long() just refused, as the user wrote it. */
static void ctl_bad_option(int argc, char **argv, int c, char *err,
			   size_t errlen)
{
	const char *word = optind > 0 && optind <= argc ? argv[optind - 1] : "";

	if (c == ':')
		snprintf(err, errlen, "option '%s' needs an argument", word);
	else if (!strncmp(word, "--", 2) && optopt)
		snprintf(err, errlen, "option '%.*s' takes no argument",
			 (int)strcspn(word, "="), word);
	else if (!strncmp(word, "--", 2))
		snprintf(err, errlen, "unknown option '%s'", word);
	else
		snprintf(err, errlen, "unknown option '-%c'", optopt);
}

int ctl_parse_globals(struct ctl *ctl, int argc, char **argv,
		      struct ctl_cmdline *cl, char *err, size_t errlen)
{
	bool help = false, version = false;
	int c;

	memset(cl, 0, sizeof(*cl));
	/* 0 makes glibc start over: the unit tests call this many times. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ctl_short_opts, ctl_long_opts,
				NULL)) != -1) {
		switch (c) {
		case 'j':
			ctl->json = true;
			break;
		case 'p':
			ctl->pretty = true;
			break;
		case 'd':
			ctl->details = true;
			break;
		case 's':
			ctl->stats = true;
			break;
		case 'n':
			if (ctl_check_netns(optarg, err, errlen))
				return -1;
			ctl->netns = optarg;
			break;
		case 'h':
			help = true;
			break;
		case 'V':
			version = true;
			break;
		default:
			ctl_bad_option(argc, argv, c, err, errlen);
			return -1;
		}
	}

	if (help || version) {
		cl->cmd = help ? "help" : "version";
		cl->argc = 0;
		cl->argv = argv + argc;
		return 0;
	}
	if (optind < argc) {
		cl->cmd = argv[optind];
		cl->argc = argc - optind - 1;
		cl->argv = argv + optind + 1;
		ctl_take_output_flags(ctl, cl);
	} else {
		cl->argv = argv + argc;
	}
	return 0;
}

/* Is @word one of the output options, and which? */
static bool ctl_output_flag(struct ctl *ctl, const char *word)
{
	if (!strcmp(word, "-j") || !strcmp(word, "--json"))
		ctl->json = true;
	else if (!strcmp(word, "-p") || !strcmp(word, "--pretty"))
		ctl->pretty = true;
	else if (!strcmp(word, "-d") || !strcmp(word, "--details"))
		ctl->details = true;
	else if (!strcmp(word, "-s") || !strcmp(word, "--stats"))
		ctl->stats = true;
	else
		return false;
	return true;
}

/*
 * The output options may also follow the command ("bondctl show -j"):
 * take them out of the command's words, keeping the others in order.
 */
void ctl_take_output_flags(struct ctl *ctl, struct ctl_cmdline *cl)
{
	int i, kept = 0;

	for (i = 0; i < cl->argc; i++)
		if (!ctl_output_flag(ctl, cl->argv[i]))
			cl->argv[kept++] = cl->argv[i];
	cl->argc = kept;
}

int ctl_check_ifname(const char *what, const char *name, char *err,
		     size_t errlen)
{
	size_t len = strlen(name);
	const char *p;

	if (!len) {
		snprintf(err, errlen, "%s: a device name cannot be empty",
			 what);
		return -1;
	}
	if (len >= IFNAMSIZ) {
		snprintf(err, errlen,
			 "%s: '%s' is too long for a device name (at most %d characters)",
			 what, name, IFNAMSIZ - 1);
		return -1;
	}
	for (p = name; *p; p++) {
		if (*p == '/' || *p == ':' || *p == ' ' ||
		    (*p >= '\t' && *p <= '\r'))
			break;
	}
	if (*p || !strcmp(name, ".") || !strcmp(name, "..")) {
		snprintf(err, errlen,
			 "%s: '%s' is not a valid device name (no '/', ':' or spaces; not '.' or '..')",
			 what, name);
		return -1;
	}
	return 0;
}
