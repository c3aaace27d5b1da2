// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated world of the LACP tests: see lacp_sim.h.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "lacp_sim.h"

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 64;
	p = realloc(p, *cap * size);
	ck_assert_ptr_nonnull(p);
	return p;
}

static struct sim_port *port_of(struct sim_sys *sys, uint32_t ifindex)
{
	int i = (int)ifindex - 10;

	ck_assert_msg(i >= 0 && i < SIM_MAX_PORTS, "ifindex %u", ifindex);
	return &sys->ports[i];
}

/* Where a frame sent on (@sys, @port) goes: the far end, if it gets it. */
static bool far_end(const struct sim *s, int sys, int port, int *to_sys,
		    int *to_port)
{
	const struct sim_port *p = &s->sys[sys].ports[port];
	const struct sim_link *l;
	int end;

	if (p->link < 0)
		return false;
	l = &s->links[p->link];
	end = l->sys[0] == sys && l->port[0] == port ? 0 : 1;
	if (!l->up || l->drop[end])
		return false;
	*to_sys = l->sys[!end];
	*to_port = l->port[!end];
	return true;
}

static void on_tx(void *ctx, uint32_t ifindex, const struct lacpdu *pdu)
{
	struct sim_sys *sys = ctx;
	struct sim *s = sys->sim;
	struct sim_port *p = port_of(sys, ifindex);
	int port = (int)(p - sys->ports);
	struct sim_frame *f;
	int to_sys, to_port;

	p->tx = grow(p->tx, &p->txcap, p->ntx, sizeof(*p->tx));
	p->tx[p->ntx++] = s->now;
	if (!far_end(s, sys->idx, port, &to_sys, &to_port))
		return;
	s->q = grow(s->q, &s->qcap, s->nq, sizeof(*s->q));
	f = &s->q[s->nq++];
	f->t = s->now + SIM_LATENCY;
	f->sys = to_sys;
	f->port = to_port;
	f->pdu = *pdu;
}

static void on_tx_marker(void *ctx, uint32_t ifindex,
			 const struct marker_pdu *pdu)
{
	struct sim_port *p = port_of(ctx, ifindex);

	ck_assert_uint_lt(p->nmarkers, SIM_MAX_MARKERS);
	p->markers[p->nmarkers++] = *pdu;
}

static void on_port_state(void *ctx, uint32_t ifindex,
			  const struct lacp_port_state *st)
{
	struct sim_sys *sys = ctx;
	struct sim_port *p = port_of(sys, ifindex);

	p->log = grow(p->log, &p->logcap, p->nlog, sizeof(*p->log));
	p->log[p->nlog].t = sys->sim->now;
	p->log[p->nlog].seq = sys->sim->nreports++;
	p->log[p->nlog].st = *st;
	p->nlog++;
}

static const struct lacp_ops sim_ops = {
	.tx = on_tx,
	.tx_marker = on_tx_marker,
	.port_state = on_port_state,
};

const uint8_t *sim_mac(const struct sim *s, int sys)
{
	return s->sys[sys].cfg.bond_mac;
}

void sim_init(struct sim *s, int nsys, const struct lacp_config *cfg)
{
	int i, j;

	memset(s, 0, sizeof(*s));
	s->nsys = nsys;
	for (i = 0; i < nsys; i++) {
		struct sim_sys *sys = &s->sys[i];

		sys->sim = s;
		sys->idx = i;
		if (cfg) {
			sys->cfg = *cfg;
		} else {
			lacp_config_init(&sys->cfg);
			sys->cfg.fallback = false;
		}
		memcpy(sys->cfg.bond_mac, "\x02\0\0\0\0", 5);
		sys->cfg.bond_mac[5] = (uint8_t)(1 + i);
		for (j = 0; j < SIM_MAX_PORTS; j++) {
			sys->ports[j].link = -1;
			sys->ports[j].prio = 255;
		}
		sys->lacp = lacp_sys_new(&sys->cfg, &sim_ops, sys);
		ck_assert_ptr_nonnull(sys->lacp);
	}
}

/* 802.1AX: at most LACP_TX_LIMIT LACPDUs in any fast periodic time. */
static void check_rate(const struct sim_port *p, int sys, int port)
{
	uint64_t dt;
	size_t k;

	for (k = LACP_TX_LIMIT; k < p->ntx; k++) {
		dt = p->tx[k] - p->tx[k - LACP_TX_LIMIT];
		ck_assert_msg(dt >= LACP_FAST_PERIODIC_TIME,
			      "%c%d: %d LACPDUs in 1 s at %llu", 'A' + sys,
			      port, LACP_TX_LIMIT + 1,
			      (unsigned long long)p->tx[k]);
	}
}

void sim_free(struct sim *s)
{
	int i, j;

	for (i = 0; i < s->nsys; i++) {
		lacp_sys_free(s->sys[i].lacp);
		for (j = 0; j < SIM_MAX_PORTS; j++) {
			check_rate(&s->sys[i].ports[j], i, j);
			free(s->sys[i].ports[j].tx);
			free(s->sys[i].ports[j].log);
		}
	}
	free(s->q);
}

void sim_config(struct sim *s, int sys, const struct lacp_config *cfg)
{
	struct sim_sys *y = &s->sys[sys];
	uint8_t mac[LACP_ETH_ALEN];

	memcpy(mac, y->cfg.bond_mac, sizeof(mac));
	y->cfg = *cfg;
	memcpy(y->cfg.bond_mac, mac, sizeof(mac));
	lacp_set_config(y->lacp, &y->cfg, s->now);
}

static struct lacp_link link_of(const struct sim *s, int sys, int port)
{
	const struct sim_port *p = &s->sys[sys].ports[port];
	struct lacp_link link = {
		.up = p->link >= 0 && s->links[p->link].up,
		.full_duplex = true,
		.speed_mbps = p->speed,
	};

	return link;
}

static void port_up(struct sim *s, int sys, int port)
{
	struct sim_sys *y = &s->sys[sys];
	struct sim_port *p = &y->ports[port];
	struct lacp_link link = link_of(s, sys, port);

	if (p->present) {
		if (y->lacp)
			lacp_port_link(y->lacp, sim_ifindex(port), &link,
				       s->now);
		return;
	}
	p->present = true;
	if (!y->lacp)
		return;		/* joins when the system starts */
	ck_assert_int_eq(lacp_port_add(y->lacp, sim_ifindex(port),
				       (uint16_t)(port + 1), p->prio, &link,
				       s->now), 0);
}

int sim_connect(struct sim *s, int a, int pa, int b, int pb, uint32_t speed)
{
	struct sim_link *l;
	int n = s->nlinks++;

	ck_assert_int_lt(n, SIM_MAX_LINKS);
	l = &s->links[n];
	memset(l, 0, sizeof(*l));
	l->sys[0] = a;
	l->port[0] = pa;
	l->sys[1] = b;
	l->port[1] = pb;
	l->up = true;
	s->sys[a].ports[pa].link = n;
	s->sys[a].ports[pa].speed = speed;
	s->sys[b].ports[pb].link = n;
	s->sys[b].ports[pb].speed = speed;
	port_up(s, a, pa);
	port_up(s, b, pb);
	return n;
}

void sim_link_set(struct sim *s, int link, bool up)
{
	struct sim_link *l = &s->links[link];
	int end;

	l->up = up;
	for (end = 0; end < 2; end++) {
		struct sim_sys *y = &s->sys[l->sys[end]];
		struct lacp_link ll = link_of(s, l->sys[end], l->port[end]);

		if (y->lacp && y->ports[l->port[end]].present)
			lacp_port_link(y->lacp, sim_ifindex(l->port[end]), &ll,
				       s->now);
	}
}

void sim_drop(struct sim *s, int link, int end, bool drop)
{
	s->links[link].drop[end] = drop;
}

void sim_port_prio(struct sim *s, int sys, int port, uint16_t prio)
{
	struct sim_sys *y = &s->sys[sys];

	y->ports[port].prio = prio;
	if (y->lacp && y->ports[port].present)
		lacp_port_set_prio(y->lacp, sim_ifindex(port), prio, s->now);
}

void sim_port_del(struct sim *s, int sys, int port)
{
	struct sim_sys *y = &s->sys[sys];

	y->ports[port].present = false;
	lacp_port_del(y->lacp, sim_ifindex(port), s->now);
}

void sim_stop(struct sim *s, int sys)
{
	lacp_sys_free(s->sys[sys].lacp);
	s->sys[sys].lacp = NULL;
}

void sim_start(struct sim *s, int sys, const struct lacp_port_state *saved)
{
	struct sim_sys *y = &s->sys[sys];
	int i;

	ck_assert_ptr_null(y->lacp);
	y->lacp = lacp_sys_new(&y->cfg, &sim_ops, y);
	ck_assert_ptr_nonnull(y->lacp);
	for (i = 0; i < SIM_MAX_PORTS; i++) {
		struct lacp_link link = link_of(s, sys, i);

		if (!y->ports[i].present)
			continue;
		if (saved)
			ck_assert_int_eq(lacp_port_resume(y->lacp,
							  sim_ifindex(i),
							  (uint16_t)(i + 1),
							  y->ports[i].prio,
							  &link,
							  &saved[i], s->now),
					 0);
		else
			ck_assert_int_eq(lacp_port_add(y->lacp, sim_ifindex(i),
						       (uint16_t)(i + 1),
						       y->ports[i].prio,
						       &link, s->now), 0);
	}
	if (saved)
		lacp_tick(y->lacp, s->now);
}

static void deliver(struct sim *s, const struct sim_frame *f)
{
	struct sim_sys *y = &s->sys[f->sys];
	const struct sim_port *p = &y->ports[f->port];

	/* Lost if the system stopped or the link went down meanwhile. */
	if (!y->lacp || !p->present || p->link < 0 || !s->links[p->link].up)
		return;
	lacp_rx_lacpdu(y->lacp, sim_ifindex(f->port), &f->pdu, s->now);
}

/* Runs of the loop at one instant before the world is declared stuck. */
#define SIM_STUCK 10000

void sim_run_until(struct sim *s, uint64_t end)
{
	uint64_t next, last = s->now;
	struct sim_frame f;
	int i, same = 0;

	for (;;) {
		next = UINT64_MAX;
		for (i = 0; i < s->nsys; i++) {
			struct lacp_sys *sys = s->sys[i].lacp;

			if (sys)
				next = min_u64(next, lacp_next_deadline(sys));
		}
		if (s->nq)
			next = min_u64(next, s->q[0].t);
		if (next > end)
			break;
		if (next > s->now)
			s->now = next;
		same = s->now == last ? same + 1 : 0;
		last = s->now;
		ck_assert_msg(same < SIM_STUCK, "stuck at %llu ns",
			      (unsigned long long)s->now);

		while (s->nq && s->q[0].t <= s->now) {
			f = s->q[0];
			memmove(&s->q[0], &s->q[1], --s->nq * sizeof(*s->q));
			deliver(s, &f);
		}
		for (i = 0; i < s->nsys; i++)
			if (s->sys[i].lacp &&
			    lacp_next_deadline(s->sys[i].lacp) <= s->now)
				lacp_tick(s->sys[i].lacp, s->now);
	}
	if (end > s->now)
		s->now = end;
}

void sim_run_for(struct sim *s, uint64_t dt)
{
	sim_run_until(s, s->now + dt);
}

struct lacp_port_state sim_state(const struct sim *s, int sys, int port)
{
	struct lacp_port_state st;

	ck_assert_int_eq(lacp_port_get(s->sys[sys].lacp, sim_ifindex(port),
				       &st), 0);
	return st;
}

size_t sim_tx_count(const struct sim *s, int sys, int port, uint64_t from,
		    uint64_t to)
{
	const struct sim_port *p = &s->sys[sys].ports[port];
	size_t i, n = 0;

	for (i = 0; i < p->ntx; i++)
		if (p->tx[i] >= from && p->tx[i] < to)
			n++;
	return n;
}

uint64_t sim_last_tx(const struct sim *s, int sys, int port, uint64_t t)
{
	const struct sim_port *p = &s->sys[sys].ports[port];
	uint64_t last = 0;
	size_t i;

	for (i = 0; i < p->ntx; i++)
		if (p->tx[i] < t)
			last = p->tx[i];
	return last;
}

uint64_t sim_when(const struct sim *s, int sys, int port, sim_pred pred,
		  uint64_t from)
{
	const struct sim_port *p = &s->sys[sys].ports[port];
	size_t i;

	for (i = 0; i < p->nlog; i++)
		if (p->log[i].t >= from && pred(&p->log[i].st))
			return p->log[i].t;
	return UINT64_MAX;
}

bool sim_ever(const struct sim *s, int sys, int port, sim_pred pred,
	      uint64_t from, uint64_t to)
{
	const struct sim_port *p = &s->sys[sys].ports[port];
	size_t i;

	for (i = 0; i < p->nlog; i++)
		if (p->log[i].t >= from && p->log[i].t < to &&
		    pred(&p->log[i].st))
			return true;
	return false;
}

/* The port of the first report not replayed yet (@next), or -1. */
static int replay_next(const struct sim_port *ports, int n,
		       const size_t *next)
{
	int i, first = -1;

	for (i = 0; i < n; i++) {
		if (next[i] == ports[i].nlog)
			continue;
		if (first < 0 || ports[i].log[next[i]].seq <
				 ports[first].log[next[first]].seq)
			first = i;
	}
	return first;
}

void sim_replay(const struct sim *s, int sys, int n, uint64_t from,
		uint64_t to, sim_view fn, void *arg)
{
	const struct sim_port *ports = s->sys[sys].ports;
	struct lacp_port_state st[SIM_MAX_PORTS];
	size_t next[SIM_MAX_PORTS] = { 0 };
	const struct sim_report *r;
	bool shown = false;
	int i;

	ck_assert_int_le(n, SIM_MAX_PORTS);
	memset(st, 0, sizeof(st));
	while ((i = replay_next(ports, n, next)) >= 0) {
		r = &ports[i].log[next[i]];
		if (r->t >= to)
			break;
		if (r->t >= from && !shown) {
			fn(arg, from, st, n);
			shown = true;
		}
		st[i] = r->st;
		next[i]++;
		if (shown)
			fn(arg, r->t, st, n);
	}
	if (!shown)
		fn(arg, from, st, n);
}

void sim_marker(struct sim *s, int sys, int port,
		const struct marker_pdu *pdu)
{
	lacp_rx_marker(s->sys[sys].lacp, sim_ifindex(port), pdu, s->now);
}

struct lacp_config sim_cfg(bool fast)
{
	struct lacp_config cfg;

	lacp_config_init(&cfg);
	cfg.fast = fast;
	cfg.fallback = false;
	return cfg;
}

bool sim_distributing(const struct lacp_port_state *st)
{
	return st->distributing;
}

bool sim_not_distributing(const struct lacp_port_state *st)
{
	return !st->distributing;
}

bool sim_collecting(const struct lacp_port_state *st)
{
	return st->collecting;
}

bool sim_expired(const struct lacp_port_state *st)
{
	return st->actor.state & LACP_STATE_EXPIRED;
}

bool sim_defaulted(const struct lacp_port_state *st)
{
	return st->actor.state & LACP_STATE_DEFAULTED;
}

bool sim_actor_churned(const struct lacp_port_state *st)
{
	return st->actor_churn == LACP_CHURN_CHURNED;
}

bool sim_partner_churned(const struct lacp_port_state *st)
{
	return st->partner_churn == LACP_CHURN_CHURNED;
}

void sim_assert_bundle(const struct sim *s, int a, int b, int n)
{
	struct lacp_port_state st, first, peer;
	int i;

	first = sim_state(s, a, 0);
	for (i = 0; i < n; i++) {
		st = sim_state(s, a, i);
		peer = sim_state(s, b, i);
		ck_assert_msg(st.collecting && st.distributing,
			      "%c%d: not collecting and distributing",
			      'A' + a, i);
		ck_assert_int_eq(st.selected, LACP_SELECTED);
		ck_assert(st.agg_active);
		ck_assert_uint_eq(st.agg_id, first.agg_id);
		ck_assert_uint_eq(st.actor.state & SIM_ALL_ON, SIM_ALL_ON);
		ck_assert_uint_eq(st.actor.state & (LACP_STATE_EXPIRED |
						    LACP_STATE_DEFAULTED), 0);
		ck_assert_uint_eq(st.partner.state & SIM_ALL_ON, SIM_ALL_ON);
		ck_assert_mem_eq(st.partner.system, sim_mac(s, b), 6);
		ck_assert_uint_eq(st.partner.port, peer.actor.port);
		ck_assert_uint_eq(st.partner.key, peer.actor.key);
		ck_assert_uint_eq(st.partner.state, peer.actor.state);
		ck_assert_int_eq(st.rx, LACP_RX_CURRENT);
		ck_assert_int_eq(st.mux, LACP_MUX_COLL_DIST);
	}
	ck_assert_uint_eq(lacp_active_agg(s->sys[a].lacp), first.agg_id);
}

uint64_t sim_converged_at(const struct sim *s, int sys, int n)
{
	uint64_t t, last = 0;
	int i;

	for (i = 0; i < n; i++) {
		t = sim_when(s, sys, i, sim_distributing, 0);
		ck_assert_uint_ne(t, UINT64_MAX);
		if (t > last)
			last = t;
	}
	return last;
}
