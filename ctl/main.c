// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: the entry point. Global options, the network namespace, then
 * one command from the table below.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bondctl.h"
#include "cmdline.h"

#define NETNS_RUN_DIR "/run/netns"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct ctl_cmd {
	const char *name;
	int (*run)(struct ctl *ctl, int argc, char **argv);
};

static int cmd_help(struct ctl *ctl, int argc, char **argv)
{
	(void)ctl;
	if (argc > 1)
		return ctl_usage("help: unexpected argument '%s'", argv[1]);
	if (argc && !ctl_help_cmd(stdout, argv[0]))
		return ctl_usage("help: unknown command '%s'", argv[0]);
	if (!argc)
		ctl_help(stdout);
	return CTL_OK;
}

static int cmd_version(struct ctl *ctl, int argc, char **argv)
{
	(void)ctl;
	if (argc)
		return ctl_usage("version: unexpected argument '%s'", argv[0]);
	printf("bondctl %s\n", BONDCTL_VERSION);
	return CTL_OK;
}

static const struct ctl_cmd ctl_cmds[] = {
	{ "create",	cmd_create },
	{ "destroy",	cmd_destroy },
	{ "set",	cmd_set },
	{ "add",	cmd_add },
	{ "remove",	cmd_remove },
	{ "show",	cmd_show },
	{ "port",	cmd_port },
	{ "monitor",	cmd_monitor },
	{ "drill",	cmd_drill },
	{ "help",	cmd_help },
	{ "version",	cmd_version },
};

void ctl_err(const char *fmt, ...)
{
	va_list ap;

	fputs("bondctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int ctl_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("bondctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'bondctl help'.\n", stderr);
	return CTL_USAGE;
}

static const struct ctl_cmd *ctl_find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ctl_cmds); i++)
		if (!strcmp(ctl_cmds[i].name, name))
			return &ctl_cmds[i];
	return NULL;
}

/* Move this process into the network namespace named @name. */
static int ctl_enter_netns(const char *name)
{
	char path[sizeof(NETNS_RUN_DIR) + NAME_MAX + 1];
	int fd, err;

	snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		if (err == ENOENT)
			ctl_err("network namespace '%s' does not exist (no %s)",
				name, path);
		else
			ctl_err("cannot open network namespace '%s' (%s): %s",
				name, path, strerror(err));
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		err = errno;
		ctl_err("cannot enter network namespace '%s': %s%s", name,
			strerror(err),
			err == EPERM ? " (bondctl needs CAP_SYS_ADMIN)" : "");
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	const struct ctl_cmd *cmd;
	struct ctl_cmdline cl;
	struct ctl ctl = { 0 };
	char err[256];

	if (ctl_parse_globals(&ctl, argc, argv, &cl, err, sizeof(err)))
		return ctl_usage("%s", err);
	if (!cl.cmd) {
		ctl_help(stderr);
		return CTL_USAGE;
	}
	cmd = ctl_find_cmd(cl.cmd);
	if (!cmd)
		return ctl_usage("unknown command '%s'", cl.cmd);
	/* "bondctl create --help" asks for help, never for a bond "--help". */
	if (ctl_wants_help(cl.argc, cl.argv) &&
	    ctl_help_cmd(stdout, cl.cmd))
		return CTL_OK;
	if (ctl.netns && ctl_enter_netns(ctl.netns))
		return CTL_FAIL;
	return cmd->run(&ctl, cl.argc, cl.argv);
}
