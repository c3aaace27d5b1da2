/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: what the command files share.
 *
 * Configuration goes over rtnetlink (IFLA_BOND_* in IFLA_INFO_DATA, see
 * config.c), state, port admin state and events over the generic netlink
 * family "nbond" (see genl.c). Each command is a cmd_*() function that
 * gets the words after its name and returns an exit code.
 */
#ifndef BONDCTL_H
#define BONDCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <net/if.h>

#define BONDCTL_VERSION "0.3.0"

/* Exit codes, as iproute2's. */
enum {
	CTL_OK = 0,
	CTL_FAIL = 1,		/* could not do it: no device, no module, I/O */
	CTL_REFUSED = 2,	/* the kernel refused the request */
	CTL_USAGE = 255,	/* bad command line */
};

/* The global options. */
struct ctl {
	bool json;		/* -j, --json */
	bool pretty;		/* -p, --pretty */
	bool details;		/* -d, --details */
	bool stats;		/* -s, --stats */
	const char *netns;	/* -n, --netns */
};

/* main.c */
void ctl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "bondctl: ..." and "Try 'bondctl help'."; returns CTL_USAGE. */
int ctl_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Commands: argv[0] is the first word after the command's name. */
int cmd_create(struct ctl *ctl, int argc, char **argv);
int cmd_destroy(struct ctl *ctl, int argc, char **argv);
int cmd_set(struct ctl *ctl, int argc, char **argv);
int cmd_add(struct ctl *ctl, int argc, char **argv);
int cmd_remove(struct ctl *ctl, int argc, char **argv);
int cmd_show(struct ctl *ctl, int argc, char **argv);
int cmd_port(struct ctl *ctl, int argc, char **argv);
int cmd_monitor(struct ctl *ctl, int argc, char **argv);
int cmd_drill(struct ctl *ctl, int argc, char **argv);

#endif /* BONDCTL_H */
