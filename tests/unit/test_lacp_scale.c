// SPDX-License-Identifier: GPL-2.0
/*
 * The LACP core (lacpd/lacp*.c) with many ports: two systems joined by
 * 1024 links converge, every port distributing at both ends; with a
 * limit of 8 ports over 300 links, exactly 8 distribute, the same links
 * at both ends; in the steady state, the work of an event (a LACPDU
 * received, a timer) is the same with 16 links as with 1024. lacp_sim.c
 * stops at a few ports; this drives the core directly, with a queue of
 * PDUs between the two systems.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "lacp.h"
#include "lacp_sim.h"
#include "pdu.h"
#include "suites.h"

#define SCALE_MAX_LINKS 1024
/* Port i of system 0 is ifindex BASE0 + i; of system 1, BASE1 + i. */
#define BASE0 100
#define BASE1 5000

/* From a LACPDU sent to its delivery, in the steady state test. */
#define SCALE_LATENCY (100 * 1000ULL)	/* 100 us */

struct queued {
	uint64_t t;			/* when it arrives */
	int to;				/* system */
	uint32_t ifindex;		/* its port */
	struct lacpdu pdu;
};

static struct scale {
	struct lacp_sys *sys[2];
	int ctx[2];
	struct queued *q;
	size_t head, nq, capq;		/* in flight: q[head..nq) */
	uint64_t now;
	uint64_t ntx;			/* LACPDUs sent, by both */
	/* What the steady state test watches, while measuring. */
	bool measuring;
	uint64_t delivered, ticks, idle_ticks, reports, irregular;
	uint64_t last_tx[2][SCALE_MAX_LINKS];	/* when each port last sent */
	uint32_t sent[2][SCALE_MAX_LINKS];	/* LACPDUs while measuring */
} sc;

/* Port i of system @s: its ifindex, and back. */
static uint32_t ifindex_of(int s, int i)
{
	return (uint32_t)((s ? BASE1 : BASE0) + i);
}

static int index_of(int s, uint32_t ifindex)
{
	return (int)ifindex - (s ? BASE1 : BASE0);
}

/* Sends are periodic alone: each exactly a second after the last. */
static void watch_tx(int s, uint32_t port)
{
	int i = index_of(s, port);

	if (!sc.measuring) {
		sc.last_tx[s][i] = sc.now;
		return;
	}
	if (sc.now - sc.last_tx[s][i] != LACP_FAST_PERIODIC_TIME)
		sc.irregular++;
	sc.last_tx[s][i] = sc.now;
	sc.sent[s][i]++;
}

static void on_tx(void *ctx, uint32_t port, const struct lacpdu *pdu)
{
	int from = *(int *)ctx;
	struct queued *e;

	sc.ntx++;
	watch_tx(from, port);
	if (sc.nq == sc.capq) {
		sc.capq = sc.capq ? 2 * sc.capq : 1024;
		sc.q = realloc(sc.q, sc.capq * sizeof(*sc.q));
		ck_assert_ptr_nonnull(sc.q);
	}
	e = &sc.q[sc.nq++];
	e->t = sc.now + SCALE_LATENCY;
	e->to = !from;
	e->ifindex = from ? port - BASE1 + BASE0 : port - BASE0 + BASE1;
	e->pdu = *pdu;
}

static void on_port_state(void *ctx, uint32_t port,
			  const struct lacp_port_state *st)
{
	(void)ctx;
	(void)port;
	(void)st;
	sc.reports += sc.measuring;
}

static const struct lacp_ops scale_ops = {
	.tx = on_tx,
	.port_state = on_port_state,
};

static void scale_init(int nlinks, uint16_t max_ports)
{
	struct lacp_link link = { true, true, 1000 };
	struct lacp_config cfg = sim_cfg(true);
	int s, i;

	memset(&sc, 0, sizeof(sc));
	cfg.max_ports = max_ports;
	for (s = 0; s < 2; s++) {
		sc.ctx[s] = s;
		memset(cfg.bond_mac, 0, sizeof(cfg.bond_mac));
		cfg.bond_mac[0] = 0x02;
		cfg.bond_mac[5] = (uint8_t)(s + 1);
		sc.sys[s] = lacp_sys_new(&cfg, &scale_ops, &sc.ctx[s]);
		ck_assert_ptr_nonnull(sc.sys[s]);
		for (i = 0; i < nlinks; i++)
			ck_assert_int_eq(lacp_port_add(sc.sys[s],
						       (s ? BASE1 : BASE0) + i,
						       (uint16_t)(i + 1), 255,
						       &link, 0), 0);
	}
}

static void scale_free(void)
{
	lacp_sys_free(sc.sys[0]);
	lacp_sys_free(sc.sys[1]);
	free(sc.q);
}

/* Deliver what was sent (and what that makes them send), then tick. */
static void scale_step(uint64_t now)
{
	struct queued e;
	size_t i;
	int s;

	sc.now = now;
	for (i = 0; i < sc.nq; i++) {
		e = sc.q[i];
		lacp_rx_lacpdu(sc.sys[e.to], e.ifindex, &e.pdu, now);
	}
	sc.nq = 0;
	for (s = 0; s < 2; s++)
		lacp_tick(sc.sys[s], now);
}

static int distributing(int s, int nlinks, bool *which)
{
	struct lacp_port_state st;
	int i, n = 0;

	for (i = 0; i < nlinks; i++) {
		ck_assert_int_eq(lacp_port_get(sc.sys[s],
					       (s ? BASE1 : BASE0) + i,
					       &st), 0);
		if (which)
			which[i] = st.distributing;
		n += st.distributing;
	}
	return n;
}

START_TEST(thousand_links)
{
	const int n = SCALE_MAX_LINKS;
	uint64_t t;

	scale_init(n, 0);
	for (t = 0; t < 10 * SIM_S; t += 100 * SIM_MS) {
		scale_step(t);
		if (distributing(0, n, NULL) == n &&
		    distributing(1, n, NULL) == n)
			break;
	}
	ck_assert_int_eq(distributing(0, n, NULL), n);
	ck_assert_int_eq(distributing(1, n, NULL), n);
	/* The Aggregate wait (2 s) is the bulk of it. */
	ck_assert_uint_lt(t, 5 * SIM_S);
	scale_free();
}
END_TEST

START_TEST(limit_over_many_links)
{
	const int n = 300;
	bool on0[300], on1[300];
	uint64_t t;

	scale_init(n, 8);
	for (t = 0; t < 15 * SIM_S; t += 100 * SIM_MS)
		scale_step(t);
	ck_assert_int_eq(distributing(0, n, on0), 8);
	ck_assert_int_eq(distributing(1, n, on1), 8);
	ck_assert_mem_eq(on0, on1, sizeof(on0));
	scale_free();
}
END_TEST

static uint64_t min_u64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* The next thing to happen: a system's deadline or a delivery. */
static uint64_t scale_next(void)
{
	uint64_t t = min_u64(lacp_next_deadline(sc.sys[0]),
			     lacp_next_deadline(sc.sys[1]));

	if (sc.head < sc.nq)
		t = min_u64(t, sc.q[sc.head].t);
	return t;
}

/* Deliver the LACPDUs due by now, those their delivery sends too. */
static void scale_deliver(void)
{
	struct queued e;

	while (sc.head < sc.nq && sc.q[sc.head].t <= sc.now) {
		e = sc.q[sc.head++];	/* a copy: delivery may grow sc.q */
		lacp_rx_lacpdu(sc.sys[e.to], e.ifindex, &e.pdu, sc.now);
		sc.delivered++;
	}
	if (sc.head == sc.nq) {		/* all delivered: start afresh */
		sc.head = 0;
		sc.nq = 0;
	}
}

/*
 * Run to @end as lacpd does: each LACPDU delivered SCALE_LATENCY after it
 * was sent, each system ticked when its lacp_next_deadline() comes, and
 * only then. A tick that sends nothing, while measuring, is counted: in
 * the steady state every deadline is a periodic transmission.
 */
static void scale_run_until(uint64_t end)
{
	uint64_t t, sent;
	int s;

	while ((t = scale_next()) <= end) {
		ck_assert_uint_ge(t, sc.now);	/* no deadline in the past */
		sc.now = t;
		scale_deliver();
		for (s = 0; s < 2; s++) {
			if (lacp_next_deadline(sc.sys[s]) > sc.now)
				continue;
			sent = sc.ntx;
			lacp_tick(sc.sys[s], sc.now);
			sc.ticks++;
			if (sc.measuring && sc.ntx == sent)
				sc.idle_ticks++;
		}
	}
	sc.now = end;
}

/*
 * Two systems joined by @n links at the fast rate, converged. Port i of
 * each is added at i/n s, so that each link has timers of its own phase,
 * as in a bond whose ports came one by one: added at once, they would
 * all fall due at the same instants, one tick for them all.
 */
static void steady_init(int n)
{
	struct lacp_link link = { true, true, 1000 };
	uint64_t t;
	int s, i;

	scale_init(0, 0);
	for (i = 0; i < n; i++) {
		t = (uint64_t)i * SIM_S / (uint64_t)n;
		scale_run_until(t);
		for (s = 0; s < 2; s++)
			ck_assert_int_eq(lacp_port_add(sc.sys[s],
						       ifindex_of(s, i),
						       (uint16_t)(i + 1), 255,
						       &link, t), 0);
	}
	/* The last added, its aggregate wait, and a little more. */
	scale_run_until(SIM_S + LACP_AGGREGATE_WAIT_TIME + 2 * SIM_S);
	ck_assert_int_eq(distributing(0, n, NULL), n);
	ck_assert_int_eq(distributing(1, n, NULL), n);
}

/* What 10 s of the steady state cost. */
struct steady {
	uint64_t events;		/* LACPDUs delivered, ticks */
	uint64_t steps;			/* lacp_stat_port_steps() */
	uint64_t per100;		/* steps per 100 events */
};

/*
 * 10 s of the steady state of @n links, each end of each sending a
 * LACPDU a second: what it cost, and that the caller saw nothing change.
 */
static struct steady steady_work(int n)
{
	const uint64_t secs = 10;
	uint64_t steps, events, next;
	struct steady w;
	int s, i;

	steady_init(n);
	steps = lacp_stat_port_steps(sc.sys[0]) +
		lacp_stat_port_steps(sc.sys[1]);
	events = sc.delivered + sc.ticks;
	sc.measuring = true;
	scale_run_until(sc.now + secs * SIM_S);
	sc.measuring = false;
	w.steps = lacp_stat_port_steps(sc.sys[0]) +
		  lacp_stat_port_steps(sc.sys[1]) - steps;
	w.events = sc.delivered + sc.ticks - events;
	w.per100 = 100 * w.steps / w.events;

	/* A tick a second for each end of each link, and a delivery. */
	ck_assert_uint_eq(w.events, 4 * secs * (uint64_t)n);
	/* No state changed; every deadline was a transmission, on time. */
	ck_assert_uint_eq(sc.reports, 0);
	ck_assert_uint_eq(sc.idle_ticks, 0);
	ck_assert_uint_eq(sc.irregular, 0);
	for (s = 0; s < 2; s++) {
		next = LACP_NEVER;
		for (i = 0; i < n; i++) {
			ck_assert_uint_eq(sc.sent[s][i], secs);
			next = min_u64(next, sc.last_tx[s][i] +
					     LACP_FAST_PERIODIC_TIME);
		}
		/* The next deadline is the next of them. */
		ck_assert_uint_eq(lacp_next_deadline(sc.sys[s]), next);
		ck_assert_int_eq(distributing(s, n, NULL), n);
	}
	return w;
}

/*
 * The work of an event does not grow with the ports: the port steps per
 * LACPDU delivered or tick are a small number, about the same with 16
 * links as with 1024. A core that stepped every port on every event
 * would do a hundred times more at 1024 than at 16.
 */
START_TEST(steady_work_flat)
{
	struct steady small, large;

	small = steady_work(16);
	scale_free();
	large = steady_work(SCALE_MAX_LINKS);
	scale_free();
	ck_assert_uint_le(small.per100, 400);
	ck_assert_uint_le(large.per100, 400);
	ck_assert_uint_le(large.per100, small.per100 + 25);
}
END_TEST

Suite *lacp_scale_suite(void)
{
	Suite *s = suite_create("lacp_scale");
	TCase *tc = tcase_create("lacp_scale");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, thousand_links);
	tcase_add_test(tc, limit_over_many_links);
	tcase_add_test(tc, steady_work_flat);
	suite_add_tcase(s, tc);
	return s;
}
