// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl drill NAME: take a port of the bond out of use, measure how the
 * bond takes over, put the port back, and check that nothing was lost.
 *
 * One cycle:
 *
 *  1. GET the bond; pick the port (--port, else the active one) and check
 *     that another port can take over (--force skips that check).
 *  2. Set the port admin down. The events socket was joined before, so
 *     no event of the cycle can be missed.
 *  3. Wait for the port's PORT_DOWN (cause admin) and, if the port was the
 *     active one, for the ACTIVE_CHANGED away from it. The takeover time
 *     is the difference of the two events' timestamps, both taken by the
 *     driver on CLOCK_MONOTONIC: it does not include the time netlink or
 *     this program took. A drilled backup port leaves the active one in
 *     place ("stayed"); a mode without an active port (balance-rr, xor,
 *     broadcast) spreads the traffic over the remaining ports from the
 *     PORT_DOWN on, which shows as a takeover of 0 us ("all").
 *  4. Hold the port down for --hold, then set it admin up and wait for its
 *     PORT_UP, then until the bond is settled: no event of the bond for
 *     200 ms.
 *  5. GET the bond again: the packets dropped are the growth of the bond's
 *     tx_dropped + rx_dropped and of every port's rx_nohandler; the bond
 *     is restored if its active port, carrier and set of usable ports are
 *     those of step 1.
 *
 * Each wait is bounded by --timeout. Whatever stops the drill (a timeout,
 * a refusal, SIGINT, SIGTERM, SIGHUP), the port is set admin up again before
 * bondctl exits.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/nbond.h>

#include "bondctl.h"
#include "drill.h"
#include "genl.h"
#include "wait.h"

#define SETTLE_NS UINT64_C(200000000)

enum phase {
	PHASE_IDLE,		/* events are not for this cycle */
	PHASE_DOWN,		/* the port was set down */
	PHASE_UP,		/* the port was set up again */
};

/* What a wait waits for. */
enum until {
	UNTIL_DOWN,		/* PORT_DOWN (and ACTIVE_CHANGED) */
	UNTIL_UP,		/* PORT_UP */
	UNTIL_DEADLINE,		/* nothing: just the time (--hold) */
};

struct drill {
	struct ctl_drill_args a;
	struct ctl_genl g;
	int fd;
	unsigned long lost;

	/* The cycle under way. */
	enum phase phase;
	uint32_t bond_ifindex;
	uint32_t port_ifindex;
	char port[IF_NAMESIZE];
	bool port_down;		/* set down by us and not yet set up */
	bool expect_active;	/* the port is the active one */
	bool seen_down, seen_active, seen_up;
	struct ctl_event down_ev, active_ev;
	uint64_t last_event_ns;	/* when an event of the bond last came */

	struct ctl_drill_cycle *cycles;
	size_t n;
	int num_width, name_width;
	char error[160];	/* why the drill stopped early */
};

static void on_event(const struct ctl_event *ev, void *arg)
{
	struct drill *d = arg;

	if (d->phase == PHASE_IDLE || ev->bond_ifindex != d->bond_ifindex)
		return;
	d->last_event_ns = ctl_now_ns();
	switch (ev->type) {
	case NBOND_EVENT_PORT_DOWN:
		if (d->phase == PHASE_DOWN && !d->seen_down &&
		    ev->port_ifindex == d->port_ifindex && ev->has_cause &&
		    ev->cause == NBOND_CAUSE_ADMIN) {
			d->seen_down = true;
			d->down_ev = *ev;
		}
		break;
	case NBOND_EVENT_ACTIVE_CHANGED:
		if (d->phase == PHASE_DOWN && !d->seen_active &&
		    ev->old_port_ifindex == d->port_ifindex) {
			d->seen_active = true;
			d->active_ev = *ev;
		}
		break;
	case NBOND_EVENT_PORT_UP:
		if (d->phase == PHASE_UP && ev->port_ifindex == d->port_ifindex)
			d->seen_up = true;
		break;
	}
}

static bool reached(const struct drill *d, enum until until)
{
	switch (until) {
	case UNTIL_DOWN:
		return d->seen_down && (!d->expect_active || d->seen_active);
	case UNTIL_UP:
		return d->seen_up;
	case UNTIL_DEADLINE:
		return false;
	}
	return false;
}

/* Read the queued events; warns when some were lost. */
static int read_events(struct drill *d)
{
	if (ctl_genl_events_read(&d->g) != CTL_OK) {
		snprintf(d->error, sizeof(d->error), "reading events failed");
		return -1;
	}
	if (d->g.lost != d->lost) {
		d->lost = d->g.lost;
		ctl_err("events lost");
	}
	return 0;
}

static int stopped(struct drill *d)
{
	if (ctl_caught_signal())
		snprintf(d->error, sizeof(d->error), "interrupted");
	else if (!d->error[0])
		snprintf(d->error, sizeof(d->error), "waiting failed");
	return -1;
}

/*
 * Read events until @until is reached (0) or @deadline passes (1; for
 * UNTIL_DEADLINE that is the normal end). -1 when stopped by a signal or
 * an error, with d->error set.
 */
static int wait_for(struct drill *d, enum until until, uint64_t deadline)
{
	uint64_t now;
	int r;

	for (;;) {
		if (reached(d, until))
			return 0;
		now = ctl_now_ns();
		if (now >= deadline)
			return 1;
		r = ctl_wait(d->fd, deadline - now);
		if (r < 0)
			return stopped(d);
		if (r > 0 && read_events(d) < 0)
			return -1;
	}
}

/* Wait until no event of the bond came for SETTLE_NS (0), or as above. */
static int wait_settled(struct drill *d, uint64_t deadline)
{
	uint64_t now, quiet, until;
	int r;

	d->last_event_ns = ctl_now_ns();
	for (;;) {
		now = ctl_now_ns();
		quiet = d->last_event_ns + SETTLE_NS;
		if (now >= quiet)
			return 0;
		if (now >= deadline)
			return 1;
		until = quiet < deadline ? quiet : deadline;
		r = ctl_wait(d->fd, until - now);
		if (r < 0)
			return stopped(d);
		if (r > 0 && read_events(d) < 0)
			return -1;
	}
}

static int set_admin(struct drill *d, uint8_t admin)
{
	struct ctl_port_req req = {
		.set_admin = true,
		.admin = admin,
	};

	snprintf(req.port, sizeof(req.port), "%s", d->port);
	return ctl_genl_port_set(&d->g, &req);
}

/* Put the port back in use after the drill was cut short. */
static void restore(struct drill *d)
{
	if (!d->port_down)
		return;
	d->phase = PHASE_IDLE;
	if (set_admin(d, NBOND_ADMIN_UP) == CTL_OK) {
		d->port_down = false;
		ctl_err("%s set admin up again", d->port);
		return;
	}
	ctl_err("%s is still admin down: run 'bondctl port set %s up'",
		d->port, d->port);
}

/* Note why the drill stops; returns CTL_FAIL. */
static int fail(struct drill *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct drill *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->error, sizeof(d->error), fmt, ap);
	va_end(ap);
	return CTL_FAIL;
}

/* Step 1: pick the port and check that the drill makes sense. */
static int choose_port(struct drill *d, const struct ctl_bond *b)
{
	const struct ctl_port *p;
	size_t i, others = 0;
	char ifbuf[IF_NAMESIZE];

	if (d->a.port) {
		p = ctl_bond_port_by_name(b, d->a.port);
		if (!p)
			return fail(d, "%s is not a port of %s", d->a.port,
				    b->name);
	} else {
		if (!b->active_ifindex)
			return fail(d, "%s has no active port: name the port to take down with --port",
				    b->name);
		p = ctl_bond_port(b, b->active_ifindex);
		if (!p)
			return fail(d, "%s: the active port %s is not among its ports",
				    b->name, ctl_ifname(b, b->active_ifindex,
							ifbuf));
	}
	if (p->admin == NBOND_ADMIN_DOWN)
		return fail(d, "%s is admin down already: 'bondctl port set %s up' first",
			    p->name, p->name);
	if (!ctl_port_ready(p))
		return fail(d, "%s is not in use (link %s): there is nothing to take over",
			    p->name, p->link == NBOND_LINK_STATE_DOWN ?
				     "down" : "not up");
	for (i = 0; i < b->n_ports; i++)
		if (&b->ports[i] != p && ctl_port_ready(&b->ports[i]))
			others++;
	if (!others && !d->a.force)
		return fail(d, "no other port of %s could take over from %s; --force takes it down anyway",
			    b->name, p->name);

	d->bond_ifindex = b->ifindex;
	d->port_ifindex = p->ifindex;
	snprintf(d->port, sizeof(d->port), "%s", p->name);
	d->expect_active = b->active_ifindex == p->ifindex;
	return CTL_OK;
}

static int max_name_len(const struct ctl_bond *b)
{
	size_t i, n, max = 0;

	for (i = 0; i < b->n_ports; i++) {
		n = strlen(b->ports[i].name);
		if (n > max)
			max = n;
	}
	return (int)max;
}

/* Steps 2 and 3: down, and who took over. */
static int take_down(struct drill *d, const struct ctl_bond *before,
		     struct ctl_drill_cycle *c)
{
	const char *active = ctl_bond_active_name(before);
	int ret;

	d->seen_down = false;
	d->seen_active = false;
	d->seen_up = false;
	d->phase = PHASE_DOWN;
	d->port_down = true;	/* even a failed request may have acted */
	ret = set_admin(d, NBOND_ADMIN_DOWN);
	if (ret == CTL_REFUSED)
		d->port_down = false;	/* the driver changed nothing */
	if (ret != CTL_OK) {
		snprintf(d->error, sizeof(d->error), "%s could not be set down",
			 d->port);
		return ret;
	}
	ret = wait_for(d, UNTIL_DOWN, ctl_now_ns() + d->a.timeout_ns);
	if (ret < 0)
		return CTL_FAIL;
	if (ret > 0 && d->seen_down)
		return fail(d, "timed out waiting for the active port of %s to change from %s",
			    before->name, d->port);
	if (ret > 0)
		return fail(d, "timed out waiting for %s to report %s down",
			    before->name, d->port);

	snprintf(c->port, sizeof(c->port), "%s", d->port);
	if (d->expect_active) {
		if (d->active_ev.port_ifindex) {
			c->takeover = CTL_TAKEOVER_ACTIVE;
			snprintf(c->takeover_port, sizeof(c->takeover_port),
				 "%s", d->active_ev.port);
			if (d->active_ev.timestamp_ns > d->down_ev.timestamp_ns)
				c->takeover_ns = d->active_ev.timestamp_ns -
						 d->down_ev.timestamp_ns;
		} else {
			c->takeover = CTL_TAKEOVER_NONE;
		}
	} else if (active) {
		c->takeover = CTL_TAKEOVER_STAYED;
		snprintf(c->takeover_port, sizeof(c->takeover_port), "%s",
			 active);
	} else {
		c->takeover = CTL_TAKEOVER_ALL;
	}
	return CTL_OK;
}

/* Step 4: hold, bring the port back, let the bond settle. */
static int bring_back(struct drill *d, const struct ctl_bond *before)
{
	int ret;

	if (d->a.hold_ns &&
	    wait_for(d, UNTIL_DEADLINE, ctl_now_ns() + d->a.hold_ns) < 0)
		return CTL_FAIL;

	d->phase = PHASE_UP;
	ret = set_admin(d, NBOND_ADMIN_UP);
	if (ret != CTL_OK) {
		snprintf(d->error, sizeof(d->error),
			 "%s could not be set up again", d->port);
		return ret;
	}
	d->port_down = false;

	ret = wait_for(d, UNTIL_UP, ctl_now_ns() + d->a.timeout_ns);
	if (ret < 0)
		return CTL_FAIL;
	if (ret > 0)
		return fail(d, "timed out waiting for %s to report %s up",
			    before->name, d->port);
	ret = wait_settled(d, ctl_now_ns() + d->a.timeout_ns);
	if (ret < 0)
		return CTL_FAIL;
	if (ret > 0)
		return fail(d, "timed out waiting for %s to settle (events kept coming)",
			    before->name);
	return CTL_OK;
}

static int run_cycle(struct drill *d, struct ctl_drill_cycle *c)
{
	struct ctl_bond *before = NULL, *after = NULL;
	int ret;

	memset(c, 0, sizeof(*c));
	ret = ctl_genl_get(&d->g, d->a.bond, &before);
	if (ret != CTL_OK)
		return fail(d, "cannot read %s", d->a.bond);
	ret = choose_port(d, before);
	if (ret != CTL_OK)
		goto out;
	if (!d->name_width)
		d->name_width = max_name_len(before);

	/* Events from before this cycle are not its own. */
	d->phase = PHASE_IDLE;
	if (read_events(d) < 0) {
		ret = CTL_FAIL;
		goto out;
	}
	ret = take_down(d, before, c);
	if (ret != CTL_OK)
		goto out;
	ret = bring_back(d, before);
	if (ret != CTL_OK)
		goto out;
	d->phase = PHASE_IDLE;

	ret = ctl_genl_get(&d->g, d->a.bond, &after);
	if (ret != CTL_OK) {
		fail(d, "cannot read %s after the cycle", d->a.bond);
		goto out;
	}
	c->dropped = ctl_drill_dropped(before, after);
	c->restored = ctl_drill_restored(before, after, c->why,
					 sizeof(c->why));
out:
	ctl_bond_free(after);
	ctl_bond_free(before);
	return ret;
}

static int width_of(size_t n)
{
	int w = 1;

	while (n >= 10) {
		n /= 10;
		w++;
	}
	return w;
}

int cmd_drill(struct ctl *ctl, int argc, char **argv)
{
	struct drill d = { 0 };
	char err[160];
	int ret;

	if (ctl_drill_parse(argc, argv, &d.a, err, sizeof(err)) < 0)
		return ctl_usage("%s", err);
	d.cycles = calloc(d.a.cycles, sizeof(*d.cycles));
	if (!d.cycles) {
		ctl_err("drill: %s", strerror(ENOMEM));
		return CTL_FAIL;
	}
	d.num_width = width_of(d.a.cycles);

	ret = ctl_genl_open(&d.g);
	if (ret != CTL_OK)
		goto out_free;
	ret = CTL_FAIL;
	if (ctl_catch_signals() < 0 ||
	    ctl_genl_subscribe(&d.g, on_event, &d) != CTL_OK)
		goto out_close;
	d.fd = ctl_genl_events_fd(&d.g);

	while (d.n < d.a.cycles) {
		ret = run_cycle(&d, &d.cycles[d.n]);
		if (ret != CTL_OK)
			break;
		d.n++;
		if (!ctl->json) {
			ctl_drill_print_cycle(stdout, d.n, d.num_width,
					      d.name_width,
					      &d.cycles[d.n - 1]);
			fflush(stdout);
		}
	}
	restore(&d);

	if (ctl->json)
		ctl_drill_json(stdout, ctl->pretty, &d.a, d.cycles, d.n,
			       ret == CTL_OK ? NULL : d.error);
	else if (d.a.cycles > 1 && d.n)
		ctl_drill_print_summary(stdout, d.a.bond, d.cycles, d.n);
	fflush(stdout);
	if (ret != CTL_OK && d.error[0])
		ctl_err("drill: %s", d.error);

out_close:
	ctl_genl_close(&d.g);
out_free:
	free(d.cycles);
	return ret;
}
