// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the LACP core's entry points. Each event updates what it touches
 * and marks those ports dirty, then lacp_run() runs the state machines of
 * the dirty ports until none moves, sends what their Transmit machines
 * have to send and reports those whose state changed. A port that is not
 * dirty is at rest: stepping it would change nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lacp_int.h"

/* Linux bonding's speed codes: a speed's place in this table, from 1. */
static const uint32_t speed_codes[] = {
	1, 10, 100, 1000, 2500, 5000, 10000, 14000, 20000, 25000, 40000,
	50000, 56000, 80000, 100000, 200000, 400000, 800000,
};

uint16_t lacp_port_key(uint16_t user_key, const struct lacp_link *link)
{
	uint16_t code = 0, i;

	for (i = 0; i < sizeof(speed_codes) / sizeof(speed_codes[0]); i++)
		if (speed_codes[i] == link->speed_mbps)
			code = i + 1;
	return (uint16_t)((user_key & 0x3ff) << 6 | code << 1 |
			  (link->full_duplex ? 1 : 0));
}

void lacp_config_init(struct lacp_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->sys_prio = 0xffff;
	cfg->active = true;
	cfg->fast = false;
	cfg->select = LACP_SELECT_STABLE;
	cfg->coupled = true;
	cfg->fallback = true;
}

static void sys_take_config(struct lacp_sys *sys, const struct lacp_config *cfg)
{
	static const uint8_t zero[LACP_ETH_ALEN];

	sys->cfg = *cfg;
	if (memcmp(cfg->system, zero, LACP_ETH_ALEN))
		memcpy(sys->system, cfg->system, LACP_ETH_ALEN);
	else
		memcpy(sys->system, cfg->bond_mac, LACP_ETH_ALEN);
}

struct lacp_sys *lacp_sys_new(const struct lacp_config *cfg,
			      const struct lacp_ops *ops, void *ctx)
{
	struct lacp_sys *sys = calloc(1, sizeof(*sys));

	if (!sys)
		return NULL;
	sys_take_config(sys, cfg);
	sys->ops = *ops;
	sys->ctx = ctx;
	return sys;
}

void lacp_sys_free(struct lacp_sys *sys)
{
	size_t i;

	if (!sys)
		return;
	for (i = 0; i < sys->nports; i++)
		free(sys->ports[i]);
	for (i = 0; i < sys->naggs; i++)
		free(sys->aggs[i]);
	free(sys->ports);
	free(sys->aggs);
	free(sys->by_rank);
	free(sys->dirty);
	free(sys->heap);
	free(sys->disabled);
	ifindex_map_free(&sys->by_ifindex);
	free(sys);
}

struct lacp_port *lacp_port_find(const struct lacp_sys *sys, uint32_t ifindex)
{
	return ifindex_map_get(&sys->by_ifindex, ifindex);
}

/*
 * Bring the actor's operational information in line with the
 * configuration and the link. A change of the LAG ID (system, key,
 * aggregatability) takes the port out of its aggregator; any change is
 * news for the partner.
 */
static void port_refresh(struct lacp_port *port)
{
	const struct lacp_sys *sys = port->sys;
	struct lacp_info *a = &port->actor;
	const uint8_t admin = LACP_STATE_ACTIVITY | LACP_STATE_TIMEOUT |
			      LACP_STATE_AGGREGATION;
	uint8_t state = a->state & ~admin;
	uint16_t key = lacp_port_key(sys->cfg.user_key, &port->link);

	if (sys->cfg.active)
		state |= LACP_STATE_ACTIVITY;
	if (sys->cfg.fast)
		state |= LACP_STATE_TIMEOUT;
	if (port->lacp_enabled)
		state |= LACP_STATE_AGGREGATION;

	if (a->key != key || a->system_prio != sys->cfg.sys_prio ||
	    memcmp(a->system, sys->system, LACP_ETH_ALEN) ||
	    ((a->state ^ state) & LACP_STATE_AGGREGATION)) {
		lacp_unselect(port);
		port->ntt = true;
	}
	if (a->state != state)
		port->ntt = true;
	a->key = key;
	a->system_prio = sys->cfg.sys_prio;
	memcpy(a->system, sys->system, LACP_ETH_ALEN);
	a->state = state;
}

/* Mark @port dirty: lacp_run() is to step its machines. */
void lacp_port_dirty(struct lacp_port *port)
{
	struct lacp_sys *sys = port->sys;

	if (port->dirty)
		return;
	port->dirty = true;
	sys->dirty[sys->ndirty++] = port;
}

/* What changed concerns every port, and the Selection Logic. */
static void dirty_all(struct lacp_sys *sys)
{
	size_t i;

	for (i = 0; i < sys->nports; i++)
		lacp_port_dirty(sys->ports[i]);
	sys->reselect = true;
}

void lacp_set_config(struct lacp_sys *sys, const struct lacp_config *cfg,
		     uint64_t now)
{
	bool recouple = sys->cfg.coupled != cfg->coupled;
	size_t i;

	sys_take_config(sys, cfg);
	dirty_all(sys);
	for (i = 0; i < sys->nports; i++) {
		struct lacp_port *port = sys->ports[i];

		port_refresh(port);
		/* A defaulted partner takes the new rate, as when recorded. */
		if (port->actor.state & LACP_STATE_DEFAULTED)
			lacp_record_default(port);
		if (recouple)
			lacp_mux_recouple(port, now);
	}
	lacp_run(sys, now);
}

static int grow(struct lacp_sys *sys)
{
	size_t cap = sys->cap ? sys->cap * 2 : 4;
	struct lacp_port **ports;
	struct lacp_agg **aggs;

	if (sys->nports < sys->cap)
		return 0;
	ports = realloc(sys->ports, cap * sizeof(*ports));
	if (!ports)
		return -ENOMEM;
	sys->ports = ports;
	aggs = realloc(sys->aggs, cap * sizeof(*aggs));
	if (!aggs)
		return -ENOMEM;
	sys->aggs = aggs;
	ports = realloc(sys->by_rank, cap * sizeof(*ports));
	if (!ports)
		return -ENOMEM;
	sys->by_rank = ports;
	ports = realloc(sys->dirty, cap * sizeof(*ports));
	if (!ports)
		return -ENOMEM;
	sys->dirty = ports;
	ports = realloc(sys->heap, cap * sizeof(*ports));
	if (!ports)
		return -ENOMEM;
	sys->heap = ports;
	ports = realloc(sys->disabled, cap * sizeof(*ports));
	if (!ports)
		return -ENOMEM;
	sys->disabled = ports;
	sys->cap = cap;
	return 0;
}

static uint64_t port_deadline(const struct lacp_port *port)
{
	uint64_t t = lacp_rx_deadline(port);

	t = lacp_min(t, lacp_tx_deadline(port));
	return lacp_min(t, lacp_mux_deadline(port));
}

/*
 * The schedule: every port in a binary min-heap on its deadline, the
 * earliest of its timers (LACP_NEVER if none runs), so that the next
 * deadline is at the root and the due ports are a walk down from it. A
 * port's timers change only when it is stepped or sends: its key is
 * brought up to date at the end of each run that had it dirty, and by
 * lacp_farewell().
 */
static bool heap_less(const struct lacp_sys *sys, size_t a, size_t b)
{
	return sys->heap[a]->deadline < sys->heap[b]->deadline;
}

static void heap_swap(struct lacp_sys *sys, size_t a, size_t b)
{
	struct lacp_port *port = sys->heap[a];

	sys->heap[a] = sys->heap[b];
	sys->heap[b] = port;
	sys->heap[a]->heap_index = a;
	sys->heap[b]->heap_index = b;
}

static void heap_up(struct lacp_sys *sys, size_t i)
{
	while (i && heap_less(sys, i, (i - 1) / 2)) {
		heap_swap(sys, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void heap_down(struct lacp_sys *sys, size_t i)
{
	size_t least, child;

	for (;;) {
		least = i;
		child = 2 * i + 1;
		if (child < sys->nheap && heap_less(sys, child, least))
			least = child;
		if (child + 1 < sys->nheap && heap_less(sys, child + 1, least))
			least = child + 1;
		if (least == i)
			return;
		heap_swap(sys, i, least);
		i = least;
	}
}

static void heap_add(struct lacp_port *port)
{
	struct lacp_sys *sys = port->sys;

	port->deadline = port_deadline(port);
	port->heap_index = sys->nheap;
	sys->heap[sys->nheap++] = port;
	heap_up(sys, port->heap_index);
}

static void heap_del(struct lacp_port *port)
{
	struct lacp_sys *sys = port->sys;
	size_t i = port->heap_index;

	heap_swap(sys, i, --sys->nheap);
	if (i == sys->nheap)
		return;		/* it was the last */
	heap_up(sys, i);
	heap_down(sys, i);
}

/* @port's timers may have changed: its place in the schedule too. */
static void port_reschedule(struct lacp_port *port)
{
	uint64_t t = port_deadline(port);

	if (t == port->deadline)
		return;
	port->deadline = t;
	heap_up(port->sys, port->heap_index);
	heap_down(port->sys, port->heap_index);
}

/* Mark dirty the ports with a timer due at @now, from heap node @i down. */
static void dirty_due(struct lacp_sys *sys, size_t i, uint64_t now)
{
	if (i >= sys->nheap || sys->heap[i]->deadline > now)
		return;
	lacp_port_dirty(sys->heap[i]);
	dirty_due(sys, 2 * i + 1, now);
	dirty_due(sys, 2 * i + 2, now);
}

/* Add a port in its initial state; no machine has run yet. */
int lacp_port_new(struct lacp_sys *sys, uint32_t ifindex, uint16_t number,
		  uint16_t prio, const struct lacp_link *link,
		  struct lacp_port **out)
{
	struct lacp_port *port;
	struct lacp_agg *agg;
	size_t i;

	if (!number || !ifindex)
		return -EINVAL;
	if (lacp_port_find(sys, ifindex))
		return -EEXIST;
	for (i = 0; i < sys->nports; i++)
		if (sys->ports[i]->actor.port == number)
			return -EEXIST;
	if (grow(sys))
		return -ENOMEM;
	port = calloc(1, sizeof(*port));
	agg = calloc(1, sizeof(*agg));
	if (!port || !agg ||
	    ifindex_map_put(&sys->by_ifindex, ifindex, port)) {
		free(port);
		free(agg);
		return -ENOMEM;
	}
	port->sys = sys;
	port->ifindex = ifindex;
	port->index = sys->nports;
	port->disabled_index = LACP_NOWHERE;
	port->link = *link;
	port->port_enabled = link->up;
	port->lacp_enabled = link->full_duplex;
	port->actor.port = number;
	port->actor.port_prio = prio;
	port_refresh(port);
	lacp_rx_init(port);
	lacp_periodic_init(port);
	lacp_mux_init(port);
	sys->ports[sys->nports++] = port;
	sys->aggs[sys->naggs++] = agg;
	heap_add(port);
	lacp_port_dirty(port);
	*out = port;
	return 0;
}

int lacp_port_add(struct lacp_sys *sys, uint32_t ifindex, uint16_t number,
		  uint16_t prio, const struct lacp_link *link, uint64_t now)
{
	struct lacp_port *port;
	int err;

	err = lacp_port_new(sys, ifindex, number, prio, link, &port);
	if (err)
		return err;
	lacp_run(sys, now);
	return 0;
}

/* Put @port in the list of ports in PORT_DISABLED (@in), or out of it. */
static void disabled_put(struct lacp_port *port, bool in)
{
	struct lacp_sys *sys = port->sys;
	bool listed = port->disabled_index != LACP_NOWHERE;
	struct lacp_port *last;

	if (in == listed)
		return;
	if (in) {
		port->disabled_index = sys->ndisabled;
		sys->disabled[sys->ndisabled++] = port;
		return;
	}
	last = sys->disabled[--sys->ndisabled];
	sys->disabled[port->disabled_index] = last;
	last->disabled_index = port->disabled_index;
	port->disabled_index = LACP_NOWHERE;
}

/* The Receive machine of @port moved: keep the list in step. */
void lacp_port_disabled_update(struct lacp_port *port)
{
	disabled_put(port, port->rx == LACP_RX_PORT_DISABLED);
}

/* Take @port off the dirty list (it goes before any run). */
static void dirty_del(struct lacp_port *port)
{
	struct lacp_sys *sys = port->sys;
	size_t i;

	for (i = 0; i < sys->ndirty; i++) {
		if (sys->dirty[i] == port) {
			sys->dirty[i] = sys->dirty[--sys->ndirty];
			return;
		}
	}
}

void lacp_port_del(struct lacp_sys *sys, uint32_t ifindex, uint64_t now)
{
	struct lacp_port *port = lacp_port_find(sys, ifindex);
	size_t i;

	if (!port)
		return;
	lacp_agg_release(port);
	ifindex_map_del(&sys->by_ifindex, ifindex);
	if (port->dirty)	/* resumed, and not run since */
		dirty_del(port);
	heap_del(port);
	disabled_put(port, false);
	for (i = port->index; i + 1 < sys->nports; i++) {
		sys->ports[i] = sys->ports[i + 1];
		sys->ports[i]->index = i;
	}
	sys->nports--;
	free(port);
	/* One aggregator per port: one of the unused ones goes too. */
	for (i = 0; i < sys->naggs; i++) {
		if (!sys->aggs[i]->ports) {
			free(sys->aggs[i]);
			sys->aggs[i] = sys->aggs[--sys->naggs];
			break;
		}
	}
	/* Its aggregator lost a port: the choice of the active one may go. */
	sys->reselect = true;
	lacp_run(sys, now);
}

/*
 * A link that goes down keeps the speed and duplex it had, so that its key
 * and its place in the aggregator survive a flap.
 */
void lacp_port_link(struct lacp_sys *sys, uint32_t ifindex,
		    const struct lacp_link *link, uint64_t now)
{
	struct lacp_port *port = lacp_port_find(sys, ifindex);
	bool was_enabled;

	if (!port)
		return;
	if (port->port_enabled == link->up &&
	    (!link->up || (port->link.full_duplex == link->full_duplex &&
			   port->link.speed_mbps == link->speed_mbps)))
		return;		/* nothing new: nothing to run */
	was_enabled = port->port_enabled;
	port->port_enabled = link->up;
	if (link->up) {
		port->link = *link;
		port->lacp_enabled = link->full_duplex;
	}
	port->link.up = link->up;
	port_refresh(port);
	/* Speak at once on a link that comes up (802.1AX waits a period). */
	if (!was_enabled && port->port_enabled)
		port->ntt = true;
	/* Links up and their speeds choose the active aggregator. */
	sys->reselect = true;
	lacp_port_dirty(port);
	lacp_run(sys, now);
}

void lacp_port_set_prio(struct lacp_sys *sys, uint32_t ifindex, uint16_t prio,
			uint64_t now)
{
	struct lacp_port *port = lacp_port_find(sys, ifindex);

	if (!port || port->actor.port_prio == prio)
		return;
	port->actor.port_prio = prio;
	port->ntt = true;
	/* Port priorities rank the ports of a limited aggregator. */
	sys->reselect = true;
	lacp_port_dirty(port);
	lacp_run(sys, now);
}

/*
 * port_moved: a port that lost its link, whose partner now shows up on
 * another port, forgets that partner. Only ports in PORT_DISABLED can,
 * and they are listed: a LACPDU costs nothing more while all links are
 * up.
 */
static void mark_moved(struct lacp_sys *sys, const struct lacp_port *rx_port,
		       const struct lacpdu *pdu)
{
	size_t i;

	for (i = 0; i < sys->ndisabled; i++) {
		struct lacp_port *port = sys->disabled[i];

		if (port == rx_port)
			continue;
		if (port->partner.port == pdu->actor.port &&
		    port->partner.system_prio == pdu->actor.system_prio &&
		    !memcmp(port->partner.system, pdu->actor.system,
			    LACP_ETH_ALEN)) {
			port->port_moved = true;
			lacp_port_dirty(port);
		}
	}
}

void lacp_rx_lacpdu(struct lacp_sys *sys, uint32_t ifindex,
		    const struct lacpdu *pdu, uint64_t now)
{
	struct lacp_port *port = lacp_port_find(sys, ifindex);

	if (!port)
		return;
	port->counters.lacpdu_rx++;
	if (port->port_enabled)
		mark_moved(sys, port, pdu);
	lacp_rx_pdu(port, pdu, now);
	lacp_port_dirty(port);
	lacp_run(sys, now);
}

void lacp_rx_marker(struct lacp_sys *sys, uint32_t ifindex,
		    const struct marker_pdu *pdu, uint64_t now)
{
	struct lacp_port *port = lacp_port_find(sys, ifindex);

	(void)now;
	if (port)
		lacp_marker_rx(port, pdu);
}

void lacp_rx_bad(struct lacp_sys *sys, uint32_t ifindex, enum lacp_rx_error e)
{
	struct lacp_port *port = lacp_port_find(sys, ifindex);

	if (!port)
		return;
	switch (e) {
	case LACP_RX_ERR_UNKNOWN:
		port->counters.lacpdu_unknown_rx++;
		break;
	case LACP_RX_ERR_ILLEGAL:
		port->counters.lacpdu_illegal_rx++;
		break;
	case LACP_RX_ERR_MARKER:
		port->counters.marker_unknown_rx++;
		break;
	}
}

void lacp_tick(struct lacp_sys *sys, uint64_t now)
{
	lacp_run(sys, now);
}

void lacp_farewell(struct lacp_sys *sys, uint64_t now)
{
	size_t i;

	for (i = 0; i < sys->nports; i++) {
		sys->ports[i]->ntt = true;
		lacp_tx_run(sys->ports[i], now);
		/* One held back by the rate limit goes when it allows. */
		port_reschedule(sys->ports[i]);
	}
}

uint64_t lacp_next_deadline(const struct lacp_sys *sys)
{
	if (sys->pending)
		return 0;
	return sys->nheap ? sys->heap[0]->deadline : LACP_NEVER;
}

uint64_t lacp_stat_port_steps(const struct lacp_sys *sys)
{
	return sys->stat_port_steps;
}

static int by_index(const void *a, const void *b)
{
	const struct lacp_port *pa = *(struct lacp_port *const *)a;
	const struct lacp_port *pb = *(struct lacp_port *const *)b;

	return pa->index < pb->index ? -1 : pa->index > pb->index;
}

/* Sort the dirty ports from the @from'th on into the order of sys->ports. */
static void sort_dirty(struct lacp_sys *sys, size_t from)
{
	if (sys->ndirty > from + 1)
		qsort(sys->dirty + from, sys->ndirty - from, sizeof(*sys->dirty),
		      by_index);
}

/*
 * Step every dirty port in the order of sys->ports, exactly as a pass over
 * all the ports would (the machines of one port can depend on another's
 * that came before it in the same pass: its aggregator's Ready). A port
 * marked dirty meanwhile is stepped in this pass if it comes later in
 * that order; if it comes earlier, in the next round. Whether anything
 * moved.
 */
static bool each_dirty(struct lacp_sys *sys,
		       bool (*step)(struct lacp_port *port, uint64_t now),
		       uint64_t now)
{
	size_t i, next = 0, seen;
	bool changed = false;

	sort_dirty(sys, 0);
	seen = sys->ndirty;
	for (i = 0; i < sys->ndirty; i++) {
		struct lacp_port *port = sys->dirty[i];

		if (port->index < next)
			continue;	/* passed already: the next round */
		next = port->index + 1;
		changed |= step(port, now);
		if (sys->ndirty != seen) {
			sort_dirty(sys, i + 1);
			seen = sys->ndirty;
		}
	}
	return changed;
}

/* Receive and Periodic Transmit. */
static bool step_receive(struct lacp_port *port, uint64_t now)
{
	bool changed;

	port->sys->stat_port_steps++;
	changed = lacp_rx_step(port, now);
	changed |= lacp_periodic_step(port, now);
	lacp_agg_recount(port);
	return changed;
}

/* Mux and Churn Detection. */
static bool step_mux(struct lacp_port *port, uint64_t now)
{
	bool changed;

	changed = lacp_mux_step(port, now);
	lacp_agg_recount(port);
	changed |= lacp_churn_step(port, now);
	return changed;
}

/* Enough rounds for any chain of transitions; a bound, not a budget. */
#define LACP_RUN_ROUNDS 32

/*
 * One round: the Receive and Periodic Transmit machines of every dirty
 * port, the Selection Logic if anything it depends on changed, then the
 * Mux and Churn Detection machines. A port marked dirty during the round
 * makes another. Whether anything moved.
 */
static bool run_round(struct lacp_sys *sys, uint64_t now)
{
	size_t n = sys->ndirty;
	bool changed;

	changed = each_dirty(sys, step_receive, now);
	if (sys->reselect) {
		sys->reselect = false;
		changed |= lacp_select(sys);
	}
	changed |= each_dirty(sys, step_mux, now);
	return changed || sys->ndirty != n;
}

/*
 * Report the dirty ports whose state changed: first those that stop
 * collecting or distributing, then the others, each time in the order of
 * sys->ports. The caller applies each report as it comes; this way it
 * never has a port start carrying traffic while one that is to stop
 * still does (two individual links distributing at once, or the ports
 * of two aggregators).
 */
static void report(struct lacp_sys *sys)
{
	size_t i;

	for (i = 0; i < sys->ndirty; i++)
		if (lacp_port_stops(sys->dirty[i]))
			lacp_port_report(sys->dirty[i]);
	for (i = 0; i < sys->ndirty; i++)
		lacp_port_report(sys->dirty[i]);
}

void lacp_run(struct lacp_sys *sys, uint64_t now)
{
	size_t i;
	int round;

	if (sys->pending) {
		/* Resumed ports: nothing is known to be at rest. */
		sys->pending = false;
		dirty_all(sys);
		lacp_agg_count_unready(sys);
	}
	dirty_due(sys, 0, now);
	for (round = 0; round < LACP_RUN_ROUNDS; round++)
		if (!run_round(sys, now))
			break;
	sort_dirty(sys, 0);
	for (i = 0; i < sys->ndirty; i++)
		lacp_tx_run(sys->dirty[i], now);
	report(sys);
	for (i = 0; i < sys->ndirty; i++) {
		sys->dirty[i]->dirty = false;
		port_reschedule(sys->dirty[i]);
	}
	sys->ndirty = 0;
}
