// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the agent, which wires the pure LACP core to the world.
 *
 * The driver is the one source of truth: the bonds, their options and
 * their ports are read from it (NBOND_CMD_GET) at start, on SIGHUP, and
 * whenever one of its events says a bond or a port changed; the LACP state
 * the core decides goes back to it (NBOND_CMD_LACP_SET), which applies it
 * to the data path. The core's counters are pushed once a second.
 *
 * Restart: on start, a port that the driver shows in an aggregator is
 * resumed with that state (lacp_port_resume()), so that a new lacpd
 * takes over within the partner's timeout without a port leaving
 * distribution. On SIGTERM lacpd just exits: the driver keeps the ports'
 * last state.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ethtool.h>
#include <linux/nbond.h>

#include "agent_int.h"
#include "lock.h"
#include "log.h"
#include "loop.h"
#include "pdu.h"
#include "port_io.h"
#include "trace.h"

/* ---- from the core to the world ------------------------------------------ */

struct aport *agent_find_port(struct abond *b, uint32_t ifindex)
{
	return ifindex_map_get(&b->ports_by_ifindex, ifindex);
}

static void on_tx(void *ctx, uint32_t port, const struct lacpdu *pdu)
{
	struct abond *b = ctx;
	struct aport *p = agent_find_port(b, port);
	uint8_t buf[LACP_FRAME_LEN];

	if (p)
		agent_out_frame(p, buf, lacp_encode(pdu, p->mac, buf,
						     sizeof(buf)));
}

static void on_tx_marker(void *ctx, uint32_t port,
			 const struct marker_pdu *pdu)
{
	struct abond *b = ctx;
	struct aport *p = agent_find_port(b, port);
	uint8_t buf[LACP_FRAME_LEN];

	if (p)
		agent_out_frame(p, buf, marker_encode(pdu, p->mac, buf,
						       sizeof(buf)));
}

static void on_port_state(void *ctx, uint32_t port,
			  const struct lacp_port_state *st)
{
	struct aport *p = agent_find_port(ctx, port);

	if (p)
		agent_out_state(p, st);
}

const struct lacp_ops agent_lacp_ops = {
	.tx		= on_tx,
	.tx_marker	= on_tx_marker,
	.port_state	= on_port_state,
};

/* ---- the timer ----------------------------------------------------------- */

/*
 * The timer for the earliest deadline, rounded up to AGENT_TIMER_GRAIN.
 * Set only when that moves: most events (an LACPDU in) leave it where it
 * was, and cost no system call for it.
 */
static void arm_timer(struct agent *a)
{
	uint64_t next = a->next_stats, t;
	struct abond *b;

	for (b = a->bonds; b; b = b->next) {
		t = lacp_next_deadline(b->sys);
		if (t < next)
			next = t;
	}
	next = (next / AGENT_TIMER_GRAIN + 1) * AGENT_TIMER_GRAIN;
	if (next == a->timer_armed)
		return;
	a->timer_armed = next;
	loop_set_deadline(a->loop, next);
}

/*
 * Managing what our lock vouches for: every bond of the namespace has
 * been read and the last read worked; for lacpd -i, that bond is among
 * them (a lacpd -i for a bond that does not exist, or is not in 802.3ad
 * mode, manages nothing).
 */
static bool managing(const struct agent *a)
{
	return a->synced && !a->sync_err &&
	       (!a->opt->only_bond || a->bonds);
}

/* Once a second: the counters, which the core reports only on request. */
static void push_counters(struct agent *a, uint64_t now)
{
	struct abond *b;
	struct aport *p;

	if (now < a->next_stats)
		return;
	a->next_stats = now + AGENT_STATS_PERIOD;
	if (managing(a))
		lock_heartbeat();
	agent_out_counters(a);
	for (b = a->bonds; b; b = b->next) {
		for (p = b->ports; p; p = p->next) {
			rx_limit_roll(&p->strangers, b->name, p->name, now);
			rx_limit_roll(&p->markers, b->name, p->name, now);
			rx_limit_roll(&p->junk, b->name, p->name, now);
		}
	}
}

/* ---- from the world to the core ------------------------------------------ */

/*
 * The partner's frames get a socket of their own: the port's first
 * socket leaves out the partner's source address and the new one takes
 * only it, so that a flood from anyone else fills only the first one's
 * buffer in the kernel. Called when an LACPDU of the recorded partner
 * came from @src. A partner that moves to another address is followed
 * there once its old one has been silent for AGENT_PARTNER_MOVE_NS (its
 * LACPDUs reach the first socket meanwhile); the old socket then has
 * nothing left unread.
 */
static void follow_partner(struct aport *p, const uint8_t *src, uint64_t now)
{
	struct agent *a = p->bond->agent;
	int fd;

	if (p->partner_fd >= 0 &&
	    !memcmp(p->partner_src, src, LACP_ETH_ALEN)) {
		p->partner_heard_ns = now;
		return;
	}
	if (p->partner_fd_failed || (p->partner_fd >= 0 &&
	    now - p->partner_heard_ns < AGENT_PARTNER_MOVE_NS))
		return;
	fd = port_io_open_from((int)p->ifindex, p->name, src);
	if (fd < 0)
		goto err;
	if (loop_add(a->loop, fd, agent_port_readable, p) < 0)
		goto err_close;
	if (port_io_exclude(p->fd, p->name, src) < 0)
		goto err_del;
	if (p->partner_fd >= 0) {
		loop_del(a->loop, p->partner_fd);
		port_io_close(p->partner_fd);
	}
	p->partner_fd = fd;
	memcpy(p->partner_src, src, LACP_ETH_ALEN);
	p->partner_heard_ns = now;
	log_debug("%s: %s: the partner's frames (from %02x:%02x:%02x:%02x:%02x:%02x) on a socket of their own",
		  p->bond->name, p->name, src[0], src[1], src[2], src[3],
		  src[4], src[5]);
	return;
err_del:
	loop_del(a->loop, fd);
err_close:
	port_io_close(fd);
err:
	/* Not tried again for every LACPDU: the socket it has serves. */
	p->partner_fd_failed = true;
	log_warn("%s: %s: the partner's frames share the port's socket",
		 p->bond->name, p->name);
}

/*
 * Policing comes after decoding, so that each kind of frame has a budget
 * of its own: LACPDUs from the port's partner always get through (the
 * core's transmit limit bounds what they make us send); LACPDUs from any
 * other system and Marker PDUs are limited per second; malformed frames
 * are only counted, and the debug log and the trace get a limited number
 * of them.
 */
static void rx_frame(struct aport *p, const uint8_t *buf, size_t len,
		     uint64_t now)
{
	struct agent *a = p->bond->agent;
	struct lacp_sys *sys = p->bond->sys;
	struct lacp_frame f;
	enum lacp_decode_result r;

	r = lacp_decode(buf, len, &f);
	switch (r) {
	case LACP_DECODED_LACPDU:
		if (lacp_port_knows(sys, p->ifindex, &f.lacp))
			follow_partner(p, buf + LACP_ETH_ALEN, now);
		else if (!rx_limit_take(&p->strangers, p->bond->name,
					p->name, now))
			return;
		trace_frame(a->trace, buf, len);
		lacp_rx_lacpdu(sys, p->ifindex, &f.lacp, now);
		return;
	case LACP_DECODED_MARKER:
		if (!rx_limit_take(&p->markers, p->bond->name, p->name, now))
			return;
		trace_frame(a->trace, buf, len);
		lacp_rx_marker(sys, p->ifindex, &f.marker, now);
		return;
	case LACP_BAD_SUBTYPE:
		lacp_rx_bad(sys, p->ifindex, LACP_RX_ERR_UNKNOWN);
		break;
	default:
		lacp_rx_bad(sys, p->ifindex,
			    len > 14 && buf[14] == LACP_SUBTYPE_MARKER ?
			    LACP_RX_ERR_MARKER : LACP_RX_ERR_ILLEGAL);
		break;
	}
	/* In a flood, writing every frame out would be the bottleneck. */
	if (!rx_limit_take(&p->junk, p->bond->name, p->name, now))
		return;
	log_debug("%s: %s: bad PDU: %s", p->bond->name, p->name,
		  lacp_decode_result_name(r));
	trace_frame(a->trace, buf, len);
}

void agent_port_readable(int fd, void *arg)
{
	struct aport *p = arg;
	struct agent *a = p->bond->agent;
	uint8_t buf[AGENT_FRAME_MAX];
	ssize_t n;
	int budget = 64;

	while (budget-- > 0 && !p->bond->taken_over) {
		n = port_io_recv(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		rx_frame(p, buf, (size_t)n, now_ns());
	}
	/* @p may be gone from here on. */
	agent_reap(a);
	arm_timer(a);
}

static void on_event(const struct drv_event *ev, void *arg)
{
	struct agent *a = arg;

	switch (ev->type) {
	case DRV_EVENT_MODULE_GONE:
		log_warn("the nbond module was unloaded; waiting for it");
		agent_drop_all(a);
		a->n_dirty = 0;
		a->resync = false;
		break;
	case DRV_EVENT_MODULE_BACK:
		log_info("the nbond module is back: reading its bonds");
		a->resync = true;
		break;
	case NBOND_EVENT_PORT_CHANGED:
		log_debug("%s: event %u port %s", ev->bond, ev->type, ev->port);
		if (!agent_port_changed(a, ev))
			agent_mark_dirty(a, ev->bond_ifindex);
		break;
	case NBOND_EVENT_BOND_CREATED:
	case NBOND_EVENT_BOND_CHANGED:
	case NBOND_EVENT_BOND_DELETED:
	case NBOND_EVENT_PORT_ADDED:
	case NBOND_EVENT_PORT_REMOVED:
		log_debug("%s: event %u%s%s", ev->bond, ev->type,
			  ev->port_ifindex ? " port " : "", ev->port);
		agent_mark_dirty(a, ev->bond_ifindex);
		break;
	}
}

/*
 * Events are read until none is left (or a bound, so that the loop keeps
 * turning), and each bond they name is read from the driver once: a
 * storm of events on the ports of a big bond costs one read of it, not
 * one per event.
 */
#define AGENT_EVENTS_PER_WAKEUP 1024

static void on_events_readable(int fd, void *arg)
{
	struct agent *a = arg;
	int i, n = 0;

	(void)fd;
	for (i = 0; i < AGENT_EVENTS_PER_WAKEUP; i++) {
		n = drv_read_events(a->drv, on_event, a);
		if (n <= 0)
			break;
	}
	if (n == -ENOBUFS) {
		log_warn("driver events were lost: re-reading every bond");
		a->resync = true;
	}
	if (a->resync) {
		a->n_dirty = 0;
		agent_sync_all(a);
	} else {
		agent_sync_dirty(a);
	}
	agent_reap(a);
	arm_timer(a);
}

/* ---- signals, timer, dump ------------------------------------------------ */

static void dump_state(struct agent *a)
{
	struct lacp_port_state st;
	struct lacp_agg_info ai;
	struct abond *b;
	struct aport *p;

	for (b = a->bonds; b; b = b->next) {
		log_info("bond %s: active aggregator %u, %s, lacp_rate %s, ad_select %s",
			 b->name, lacp_active_agg(b->sys),
			 b->cfg.active ? "active" : "passive",
			 b->cfg.fast ? "fast" : "slow",
			 lacp_select_name(b->cfg.select));
		for (p = b->ports; p; p = p->next) {
			if (lacp_port_get(b->sys, p->ifindex, &st))
				continue;
			log_info("  %s: port %u,%u agg %u %s rx %s mux %s actor 0x%02x partner 0x%02x key %u/%u lacpdu rx %llu tx %llu illegal %llu",
				 p->name, st.actor.port_prio, p->number,
				 st.agg_id,
				 lacp_selected_name(st.selected),
				 lacp_rx_state_name(st.rx),
				 lacp_mux_state_name(st.mux),
				 st.actor.state, st.partner.state,
				 st.actor.key, st.partner.key,
				 (unsigned long long)st.counters.lacpdu_rx,
				 (unsigned long long)st.counters.lacpdu_tx,
				 (unsigned long long)
				 st.counters.lacpdu_illegal_rx);
		}
		if (!lacp_agg_get(b->sys, lacp_active_agg(b->sys), &ai))
			log_info("  aggregator %u: %u ports, %llu Mb/s",
				 ai.id, ai.ports,
				 (unsigned long long)ai.bandwidth_mbps);
	}
}

static void on_signal(int sig, void *arg)
{
	struct agent *a = arg;
	struct abond *b;

	switch (sig) {
	case SIGHUP:
		log_info("SIGHUP: re-reading the bonds from the driver");
		agent_sync_all(a);
		arm_timer(a);
		break;
	case SIGUSR1:
		dump_state(a);
		break;
	default:
		log_info("signal %d: exiting; the driver keeps the ports' state",
			 sig);
		for (b = a->bonds; b; b = b->next)
			lacp_farewell(b->sys, now_ns());
		break;
	}
}

static void on_timer(void *arg)
{
	struct agent *a = arg;
	uint64_t now = now_ns();
	struct abond *b;

	a->timer_armed = 0;		/* it fired: set it again */
	if (a->resync && now >= a->next_stats)
		agent_sync_all(a);
	agent_retry_refused(a, now);
	for (b = a->bonds; b; b = b->next)
		lacp_tick(b->sys, now);
	push_counters(a, now);
	agent_reap(a);
	arm_timer(a);
}

/* After the events of a wakeup: send what they decided. */
static void on_idle(void *arg)
{
	struct agent *a = arg;

	agent_flush(a);
	agent_reap(a);
}

static const struct loop_ops agent_loop_ops = {
	.on_timer	= on_timer,
	.on_signal	= on_signal,
	.on_idle	= on_idle,
};

int agent_run(const struct agent_options *opt)
{
	struct agent a = { .opt = opt };
	struct abond *b;
	int ret = 1;

	a.loop = loop_new();
	if (!a.loop)
		return 1;
	a.drv = drv_open();
	if (!a.drv)
		goto out;
	if (opt->trace_path) {
		a.trace = trace_open(opt->trace_path,
				     (uint64_t)opt->trace_max_mib << 20);
		if (!a.trace)
			goto out;
	}
	if (loop_add(a.loop, drv_events_fd(a.drv), on_events_readable, &a))
		goto out;

	a.next_stats = now_ns() + AGENT_STATS_PERIOD;
	agent_sync_all(&a);
	agent_flush(&a);
	agent_reap(&a);
	arm_timer(&a);
	ret = loop_run(a.loop, &agent_loop_ops, &a) ? 1 : 0;
	if (managing(&a))
		lock_heartbeat();
out:
	while ((b = a.bonds)) {
		a.bonds = b->next;
		agent_bond_free(&a, b);
	}
	free(a.dirty);
	free(a.batch);
	free(a.out_states);
	free(a.out_frames);
	ifindex_map_free(&a.refused);
	trace_close(a.trace);
	drv_close(a.drv);
	loop_free(a.loop);
	return ret;
}
