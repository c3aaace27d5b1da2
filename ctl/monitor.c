// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl monitor [NAME]: print the driver's events as they come, until
 * SIGINT, SIGTERM or SIGHUP. Each line is flushed at once, so that a pipe or a
 * test reading the output sees every event when it happens.
 */
#include <errno.h>
#include <string.h>

#include "bondctl.h"
#include "genl.h"
#include "monitor_print.h"
#include "wait.h"

struct monitor {
	const struct ctl *ctl;
	uint32_t ifindex;		/* the bond to show, or 0 for all */
	int broken;			/* errno of a failed write, or 0 */
};

static void on_event(const struct ctl_event *ev, void *arg)
{
	struct monitor *m = arg;

	if (m->broken || (m->ifindex && ev->bond_ifindex != m->ifindex))
		return;
	ctl_event_print(stdout, ev, m->ctl->json, m->ctl->pretty);
	if (fflush(stdout) == EOF)
		m->broken = errno ? errno : EIO;
}

/* The ifindex of nbond bond @name; 0 after reporting why not. */
static uint32_t bond_ifindex(struct ctl_genl *g, const char *name)
{
	struct ctl_bond *b;
	uint32_t ifindex;

	if (ctl_genl_get(g, name, &b) != CTL_OK)
		return 0;
	ifindex = b->ifindex;
	ctl_bond_free(b);
	return ifindex;
}

int cmd_monitor(struct ctl *ctl, int argc, char **argv)
{
	struct monitor m = { .ctl = ctl };
	unsigned long lost = 0;
	const char *name;
	struct ctl_genl g;
	char err[128];
	int ret, fd;

	if (ctl_monitor_parse(argc, argv, &name, err, sizeof(err)) < 0)
		return ctl_usage("%s", err);

	ret = ctl_genl_open(&g);
	if (ret != CTL_OK)
		return ret;
	ret = CTL_FAIL;
	if (name) {
		m.ifindex = bond_ifindex(&g, name);
		if (!m.ifindex)
			goto out;
	}
	if (ctl_catch_signals() < 0)
		goto out;
	if (ctl_genl_subscribe(&g, on_event, &m) != CTL_OK)
		goto out;
	fd = ctl_genl_events_fd(&g);

	for (;;) {
		if (ctl_wait(fd, CTL_WAIT_FOREVER) < 0)
			break;
		if (ctl_genl_events_read(&g) != CTL_OK)
			goto out;
		if (g.lost != lost) {
			lost = g.lost;
			ctl_err("events lost");
		}
		if (m.broken) {
			ctl_err("monitor: writing events: %s",
				strerror(m.broken));
			goto out;
		}
	}
	/* Stopped by a signal: the normal end; anything else is an error. */
	if (ctl_caught_signal())
		ret = CTL_OK;
out:
	ctl_genl_close(&g);
	return ret;
}
