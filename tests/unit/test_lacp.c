// SPDX-License-Identifier: GPL-2.0
/*
 * The LACP core (lacpd/lacp*.c) between simulated systems (lacp_sim.c):
 * the protocol of one bundle. Convergence, periodic rates, timeouts,
 * Marker responses, passive LACP, independent control and the transmit
 * rate limit, asserted on the state the core reports and on the LACPDUs
 * it sends, at simulated times.
 */
#include <check.h>
#include <errno.h>
#include <string.h>

#include "lacp.h"
#include "lacp_sim.h"
#include "suites.h"

static void converge(int nlinks, bool fast)
{
	struct lacp_config cfg = sim_cfg(fast);
	struct lacp_agg_info ai;
	struct sim s;
	uint64_t t;
	int i;

	sim_init(&s, 2, &cfg);
	for (i = 0; i < nlinks; i++)
		sim_connect(&s, SIM_A, i, SIM_B, i, 10000);
	sim_run_until(&s, 10 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, nlinks);
	sim_assert_bundle(&s, SIM_B, SIM_A, nlinks);

	/* Bounded below by the aggregate wait, and not much above it. */
	for (i = SIM_A; i <= SIM_B; i++) {
		t = sim_converged_at(&s, i, nlinks);
		ck_assert_uint_ge(t, LACP_AGGREGATE_WAIT_TIME);
		ck_assert_uint_le(t, LACP_AGGREGATE_WAIT_TIME + 10 * SIM_MS);
	}

	ck_assert_int_eq(lacp_agg_get(s.sys[SIM_A].lacp,
				      lacp_active_agg(s.sys[SIM_A].lacp), &ai),
			 0);
	ck_assert(ai.active);
	ck_assert(!ai.individual);
	ck_assert_uint_eq(ai.ports, nlinks);
	ck_assert_uint_eq(ai.ports_up, nlinks);
	ck_assert_uint_eq(ai.bandwidth_mbps, 10000ULL * nlinks);
	ck_assert_mem_eq(ai.partner_system, sim_mac(&s, SIM_B), 6);
	sim_free(&s);
}

START_TEST(converge_two_links)
{
	converge(2, true);
}
END_TEST

START_TEST(converge_four_links)
{
	converge(4, false);
}
END_TEST

/* The actor's lacp_rate sets the rate at which its partner sends. */
START_TEST(rate_fast_and_slow)
{
	struct lacp_config fast = sim_cfg(true), slow = sim_cfg(false);
	struct sim s;

	sim_init(&s, 2, &slow);
	sim_config(&s, SIM_A, &fast);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_run_until(&s, 100 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 1);

	/* A asks for short timeouts: B sends every second... */
	ck_assert_uint_ge(sim_tx_count(&s, SIM_B, 0, 10 * SIM_S, 70 * SIM_S),
			  59);
	ck_assert_uint_le(sim_tx_count(&s, SIM_B, 0, 10 * SIM_S, 70 * SIM_S),
			  61);
	/* ...B for long ones: A every 30 s. */
	ck_assert_uint_ge(sim_tx_count(&s, SIM_A, 0, 10 * SIM_S, 70 * SIM_S),
			  1);
	ck_assert_uint_le(sim_tx_count(&s, SIM_A, 0, 10 * SIM_S, 70 * SIM_S),
			  3);
	ck_assert_uint_eq(sim_state(&s, SIM_A, 0).actor.state &
			  LACP_STATE_TIMEOUT, LACP_STATE_TIMEOUT);
	ck_assert_uint_eq(sim_state(&s, SIM_B, 0).actor.state &
			  LACP_STATE_TIMEOUT, 0);
	sim_free(&s);
}
END_TEST

/*
 * A port that never hears a partner (the partner defaulted) sends at its
 * own lacp_rate: about once a second when fast, once in 30 s when slow.
 */
START_TEST(rate_no_partner)
{
	struct lacp_config fast = sim_cfg(true), slow = sim_cfg(false);
	struct sim s;
	size_t n;

	sim_init(&s, 2, &fast);
	sim_config(&s, SIM_B, &slow);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_stop(&s, SIM_B);
	sim_run_until(&s, 70 * SIM_S);
	ck_assert_int_eq(sim_state(&s, SIM_A, 0).rx, LACP_RX_DEFAULTED);
	n = sim_tx_count(&s, SIM_A, 0, 10 * SIM_S, 70 * SIM_S);
	ck_assert_uint_ge(n, 59);
	ck_assert_uint_le(n, 61);
	sim_free(&s);

	/* B's first LACPDU makes A wait a long timeout before defaulting. */
	sim_init(&s, 2, &slow);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_stop(&s, SIM_B);
	sim_run_until(&s, 200 * SIM_S);
	ck_assert_int_eq(sim_state(&s, SIM_A, 0).rx, LACP_RX_DEFAULTED);
	n = sim_tx_count(&s, SIM_A, 0, 100 * SIM_S, 190 * SIM_S);
	ck_assert_uint_ge(n, 2);
	ck_assert_uint_le(n, 4);
	sim_free(&s);
}
END_TEST

/*
 * lacp_rate changed while the port is DEFAULTED (no partner): the rate of
 * its LACPDUs follows at once, both ways, with the new state sent right
 * away, and the defaulted partner's timeout with it.
 */
START_TEST(rate_change_defaulted)
{
	struct lacp_config fast = sim_cfg(true), slow = sim_cfg(false);
	struct sim s;
	size_t n;

	sim_init(&s, 2, &slow);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_stop(&s, SIM_B);
	/* Defaulted by 100 s (B's first LACPDU holds it a long timeout). */
	sim_run_until(&s, 190 * SIM_S);
	ck_assert_int_eq(sim_state(&s, SIM_A, 0).rx, LACP_RX_DEFAULTED);
	ck_assert_uint_le(sim_tx_count(&s, SIM_A, 0, 100 * SIM_S, 190 * SIM_S),
			  4);

	sim_config(&s, SIM_A, &fast);
	sim_run_until(&s, 190 * SIM_S + SIM_MS);
	ck_assert_uint_eq(sim_tx_count(&s, SIM_A, 0, 190 * SIM_S,
				       190 * SIM_S + SIM_MS), 1);
	ck_assert_uint_eq(sim_state(&s, SIM_A, 0).partner.state &
			  LACP_STATE_TIMEOUT, LACP_STATE_TIMEOUT);
	sim_run_until(&s, 220 * SIM_S);
	ck_assert_int_eq(sim_state(&s, SIM_A, 0).rx, LACP_RX_DEFAULTED);
	n = sim_tx_count(&s, SIM_A, 0, 190 * SIM_S, 220 * SIM_S);
	ck_assert_uint_ge(n, 29);
	ck_assert_uint_le(n, 31);

	/* Half-way between two periodic LACPDUs. */
	sim_run_until(&s, 220 * SIM_S + 500 * SIM_MS);
	sim_config(&s, SIM_A, &slow);
	sim_run_until(&s, 220 * SIM_S + 501 * SIM_MS);
	ck_assert_uint_eq(sim_tx_count(&s, SIM_A, 0, 220 * SIM_S + 500 * SIM_MS,
				       220 * SIM_S + 501 * SIM_MS), 1);
	ck_assert_uint_eq(sim_state(&s, SIM_A, 0).partner.state &
			  LACP_STATE_TIMEOUT, 0);
	sim_run_until(&s, 340 * SIM_S);
	n = sim_tx_count(&s, SIM_A, 0, 221 * SIM_S, 340 * SIM_S);
	ck_assert_uint_ge(n, 3);
	ck_assert_uint_le(n, 5);
	sim_free(&s);
}
END_TEST

/*
 * lacp_port_knows(): a LACPDU whose Actor is the partner A's port has
 * recorded, while CURRENT or EXPIRED; not another system's, port's or
 * key's, and nothing once the port is DEFAULTED.
 */
START_TEST(port_knows_partner)
{
	struct lacp_config cfg = sim_cfg(true);
	struct lacpdu pdu = { 0 };
	struct lacp_sys *a;
	struct sim s;
	int l0;

	sim_init(&s, 2, &cfg);
	l0 = sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_run_until(&s, 5 * SIM_S);
	a = s.sys[SIM_A].lacp;
	pdu.actor = sim_state(&s, SIM_B, 0).actor;
	pdu.partner = sim_state(&s, SIM_A, 0).actor;
	ck_assert(lacp_port_knows(a, sim_ifindex(0), &pdu));
	ck_assert(!lacp_port_knows(a, sim_ifindex(1), &pdu));

	pdu.actor.key++;
	ck_assert(!lacp_port_knows(a, sim_ifindex(0), &pdu));
	pdu.actor.key--;
	pdu.actor.port++;
	ck_assert(!lacp_port_knows(a, sim_ifindex(0), &pdu));
	pdu.actor.port--;
	pdu.actor.port_prio++;
	ck_assert(!lacp_port_knows(a, sim_ifindex(0), &pdu));
	pdu.actor.port_prio--;
	pdu.actor.system[5] ^= 1;
	ck_assert(!lacp_port_knows(a, sim_ifindex(0), &pdu));
	pdu.actor.system[5] ^= 1;
	pdu.actor.system_prio++;
	ck_assert(!lacp_port_knows(a, sim_ifindex(0), &pdu));
	pdu.actor.system_prio--;
	/* The state octet is not part of who it is. */
	pdu.actor.state ^= LACP_STATE_SYNC;
	ck_assert(lacp_port_knows(a, sim_ifindex(0), &pdu));

	/* B falls silent: known while EXPIRED, not once DEFAULTED. */
	sim_drop(&s, l0, 1, true);
	sim_run_until(&s, 5 * SIM_S + LACP_SHORT_TIMEOUT_TIME + 500 * SIM_MS);
	ck_assert_int_eq(sim_state(&s, SIM_A, 0).rx, LACP_RX_EXPIRED);
	ck_assert(lacp_port_knows(a, sim_ifindex(0), &pdu));
	sim_run_until(&s, 15 * SIM_S);
	ck_assert_int_eq(sim_state(&s, SIM_A, 0).rx, LACP_RX_DEFAULTED);
	ck_assert(!lacp_port_knows(a, sim_ifindex(0), &pdu));
	sim_free(&s);
}
END_TEST

START_TEST(rate_slow_both)
{
	struct lacp_config slow = sim_cfg(false);
	struct sim s;
	int sys;

	sim_init(&s, 2, &slow);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 400 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 2);
	for (sys = SIM_A; sys <= SIM_B; sys++) {
		size_t n = sim_tx_count(&s, sys, 1, 30 * SIM_S, 330 * SIM_S);

		ck_assert_uint_ge(n, 9);
		ck_assert_uint_le(n, 11);
	}
	sim_free(&s);
}
END_TEST

/*
 * B goes silent on link 0 at 10 s: A's port expires one timeout after the
 * last LACPDU it got and stops distributing, goes DEFAULTED a short
 * timeout later and leaves the bundle; link 1 carries on.
 */
static void silent_partner(bool fast, uint64_t timeout)
{
	struct lacp_config cfg = sim_cfg(fast);
	struct lacp_port_state st;
	uint64_t heard, t;
	struct sim s;
	int l0;

	sim_init(&s, 2, &cfg);
	l0 = sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 10 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, 2);

	/* What B sent up to now is on its way; nothing after. */
	sim_drop(&s, l0, 1, true);
	heard = sim_last_tx(&s, SIM_B, 0, 10 * SIM_S + 1) + SIM_LATENCY;
	sim_run_until(&s, heard + timeout + LACP_SHORT_TIMEOUT_TIME +
			  SIM_S);

	/* Still in the bundle just before the timeout. */
	ck_assert(!sim_ever(&s, SIM_A, 0, sim_not_distributing, 10 * SIM_S,
			    heard + timeout));
	t = sim_when(&s, SIM_A, 0, sim_expired, 10 * SIM_S);
	ck_assert_uint_eq(t, heard + timeout);
	ck_assert_uint_eq(sim_when(&s, SIM_A, 0, sim_not_distributing,
				   10 * SIM_S), t);
	t = sim_when(&s, SIM_A, 0, sim_defaulted, 10 * SIM_S);
	ck_assert_uint_eq(t, heard + timeout + LACP_SHORT_TIMEOUT_TIME);

	st = sim_state(&s, SIM_A, 0);
	ck_assert_int_eq(st.rx, LACP_RX_DEFAULTED);
	ck_assert(!st.collecting && !st.distributing);
	ck_assert_uint_eq(st.actor.state & LACP_STATE_EXPIRED, 0);
	ck_assert_uint_ne(st.agg_id, sim_state(&s, SIM_A, 1).agg_id);
	ck_assert_int_eq(st.selected, LACP_STANDBY);
	/* Partner_Admin: nothing but the actor's own rate. */
	ck_assert_uint_eq(st.partner.state, fast ? LACP_STATE_TIMEOUT : 0);
	ck_assert(sim_state(&s, SIM_A, 1).distributing);
	sim_free(&s);
}

START_TEST(timeout_short)
{
	silent_partner(true, LACP_SHORT_TIMEOUT_TIME);
}
END_TEST

START_TEST(timeout_long)
{
	silent_partner(false, LACP_LONG_TIMEOUT_TIME);
}
END_TEST

START_TEST(marker_response)
{
	struct lacp_config cfg = sim_cfg(true);
	struct marker_pdu info = {
		.tlv_type = MARKER_TLV_INFO,
		.requester_port = 7,
		.requester_system = { 0x02, 0, 0, 0, 0, 0x99 },
		.requester_transaction_id = 0x12345678,
	};
	struct marker_pdu resp = info;
	const struct sim_port *p;
	struct lacp_counters c;
	struct sim s;

	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_run_until(&s, 5 * SIM_S);
	p = &s.sys[SIM_A].ports[0];

	sim_marker(&s, SIM_A, 0, &info);
	ck_assert_uint_eq(p->nmarkers, 1);
	ck_assert_uint_eq(p->markers[0].tlv_type, MARKER_TLV_RESPONSE);
	ck_assert_uint_eq(p->markers[0].requester_port, 7);
	ck_assert_mem_eq(p->markers[0].requester_system,
			 info.requester_system, 6);
	ck_assert_uint_eq(p->markers[0].requester_transaction_id, 0x12345678);

	/* Every one is answered, even in a burst. */
	info.requester_transaction_id++;
	sim_marker(&s, SIM_A, 0, &info);
	sim_marker(&s, SIM_A, 0, &info);
	ck_assert_uint_eq(p->nmarkers, 3);
	ck_assert_uint_eq(p->markers[2].requester_transaction_id, 0x12345679);

	/* A Response is counted, not answered. */
	resp.tlv_type = MARKER_TLV_RESPONSE;
	sim_marker(&s, SIM_A, 0, &resp);
	ck_assert_uint_eq(p->nmarkers, 3);
	lacp_rx_bad(s.sys[SIM_A].lacp, sim_ifindex(0), LACP_RX_ERR_UNKNOWN);
	lacp_rx_bad(s.sys[SIM_A].lacp, sim_ifindex(0), LACP_RX_ERR_ILLEGAL);
	lacp_rx_bad(s.sys[SIM_A].lacp, sim_ifindex(0), LACP_RX_ERR_ILLEGAL);
	lacp_rx_bad(s.sys[SIM_A].lacp, sim_ifindex(0), LACP_RX_ERR_MARKER);

	c = sim_state(&s, SIM_A, 0).counters;
	ck_assert_uint_eq(c.marker_rx, 3);
	ck_assert_uint_eq(c.marker_resp_tx, 3);
	ck_assert_uint_eq(c.marker_resp_rx, 1);
	ck_assert_uint_eq(c.marker_tx, 0);
	ck_assert_uint_eq(c.lacpdu_unknown_rx, 1);
	ck_assert_uint_eq(c.lacpdu_illegal_rx, 2);
	ck_assert_uint_eq(c.marker_unknown_rx, 1);
	ck_assert_uint_eq(c.lacpdu_tx, s.sys[SIM_A].ports[0].ntx);
	/* All that B sent but what is still on the wire. */
	ck_assert_uint_eq(c.lacpdu_rx, sim_tx_count(&s, SIM_B, 0, 0,
						    s.now - SIM_LATENCY + 1));
	/* The bundle did not notice. */
	sim_assert_bundle(&s, SIM_A, SIM_B, 1);
	sim_free(&s);
}
END_TEST

/* A passive port against an active one converges, and keeps sending. */
START_TEST(passive_against_active)
{
	struct lacp_config passive = sim_cfg(true), active = sim_cfg(true);
	struct lacp_port_state st;
	struct sim s;
	uint64_t t;
	size_t n;

	passive.active = false;
	sim_init(&s, 2, &active);
	sim_config(&s, SIM_A, &passive);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 60 * SIM_S);

	t = sim_converged_at(&s, SIM_A, 2);
	ck_assert_uint_ge(t, LACP_AGGREGATE_WAIT_TIME);
	ck_assert_uint_le(t, LACP_AGGREGATE_WAIT_TIME + 10 * SIM_MS);
	st = sim_state(&s, SIM_A, 0);
	ck_assert(st.distributing);
	ck_assert_uint_eq(st.actor.state & LACP_STATE_ACTIVITY, 0);
	ck_assert_uint_eq(sim_state(&s, SIM_B, 0).partner.state &
			  LACP_STATE_ACTIVITY, 0);
	/* B asks for fast LACPDUs: A sends one every second. */
	n = sim_tx_count(&s, SIM_A, 0, 20 * SIM_S, 50 * SIM_S);
	ck_assert_uint_ge(n, 29);
	ck_assert_uint_le(n, 31);
	sim_free(&s);
}
END_TEST

static void passive_pair(bool fallback)
{
	struct lacp_config cfg = sim_cfg(true);
	struct lacp_port_state st;
	int sys, i, n;
	struct sim s;

	cfg.active = false;
	cfg.fallback = fallback;
	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, 100 * SIM_S);
	for (sys = SIM_A; sys <= SIM_B; sys++) {
		for (i = 0, n = 0; i < 2; i++) {
			ck_assert_uint_eq(s.sys[sys].ports[i].ntx, 0);
			st = sim_state(&s, sys, i);
			ck_assert_uint_eq(st.actor.state & SIM_MUX_ON, 0);
			ck_assert_int_eq(st.rx, LACP_RX_DEFAULTED);
			ck_assert_uint_eq(st.partner.state &
					  ~LACP_STATE_TIMEOUT, 0);
			n += st.distributing;
			if (st.distributing) {
				/* bonding's fallback: one individual link */
				ck_assert(st.agg_active && st.collecting);
				ck_assert_int_eq(st.mux, LACP_MUX_ATTACHED);
			}
		}
		ck_assert_int_eq(n, fallback ? 1 : 0);
	}
	sim_free(&s);
}

START_TEST(passive_against_passive)
{
	passive_pair(false);
}
END_TEST

START_TEST(passive_pair_fallback)
{
	passive_pair(true);
}
END_TEST

/*
 * Independent control: a port collects once its partner is in sync and
 * distributes only once the partner says it collects.
 */
START_TEST(independent_control)
{
	struct lacp_config cfg = sim_cfg(true);
	const struct sim_port *p;
	uint64_t tc, td;
	struct sim s;
	size_t i;
	int sys;

	cfg.coupled = false;
	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_run_until(&s, 10 * SIM_S);
	for (sys = SIM_A; sys <= SIM_B; sys++) {
		tc = sim_when(&s, sys, 0, sim_collecting, 0);
		td = sim_when(&s, sys, 0, sim_distributing, 0);
		ck_assert_uint_ge(tc, LACP_AGGREGATE_WAIT_TIME);
		ck_assert_uint_gt(td, tc);
		ck_assert_uint_le(td, LACP_AGGREGATE_WAIT_TIME + 10 * SIM_MS);
		p = &s.sys[sys].ports[0];
		for (i = 0; i < p->nlog; i++) {
			const struct lacp_port_state *st = &p->log[i].st;

			if (st->collecting && !st->distributing)
				ck_assert_int_eq(st->mux, LACP_MUX_COLLECTING);
			if (st->distributing) {
				ck_assert_int_eq(st->mux,
						 LACP_MUX_DISTRIBUTING);
				ck_assert(st->partner.state &
					  LACP_STATE_COLLECTING);
			}
		}
	}
	ck_assert_uint_eq(sim_state(&s, SIM_A, 0).actor.state & SIM_ALL_ON,
			  SIM_ALL_ON);

	/* Back to coupled control: the port goes on distributing. */
	cfg.coupled = true;
	sim_config(&s, SIM_A, &cfg);
	ck_assert_int_eq(sim_state(&s, SIM_A, 0).mux, LACP_MUX_COLL_DIST);
	sim_run_for(&s, 5 * SIM_S);
	ck_assert(!sim_ever(&s, SIM_A, 0, sim_not_distributing, 10 * SIM_S,
			    15 * SIM_S));
	ck_assert(sim_state(&s, SIM_B, 0).distributing);
	sim_free(&s);
}
END_TEST

/* Many reasons to send within a second: at most 3 go, the rest wait. */
START_TEST(tx_rate_limit)
{
	struct lacp_config cfg = sim_cfg(true);
	uint64_t t0 = 10 * SIM_S + 500 * SIM_MS;
	struct sim s;
	size_t burst;
	int i;

	sim_init(&s, 2, &cfg);
	sim_connect(&s, SIM_A, 0, SIM_B, 0, 1000);
	sim_run_until(&s, t0);
	sim_assert_bundle(&s, SIM_A, SIM_B, 1);

	/* 11 changes of lacp_rate, 1 ms apart: each one sets NTT. */
	for (i = 0; i < 11; i++) {
		cfg.fast = !cfg.fast;
		sim_config(&s, SIM_A, &cfg);
		sim_run_for(&s, SIM_MS);
	}
	burst = sim_tx_count(&s, SIM_A, 0, t0, t0 + 11 * SIM_MS);
	ck_assert_uint_ge(burst, 1);
	ck_assert_uint_le(burst, LACP_TX_LIMIT);
	ck_assert_uint_le(sim_tx_count(&s, SIM_A, 0, t0 - SIM_S + 11 * SIM_MS,
				       t0 + 11 * SIM_MS), LACP_TX_LIMIT);

	/* The last change was deferred, not lost: B learns it in time. */
	sim_run_until(&s, t0 + 1100 * SIM_MS);
	ck_assert_uint_eq(cfg.fast, false);
	ck_assert_uint_eq(sim_state(&s, SIM_B, 0).partner.state &
			  LACP_STATE_TIMEOUT, 0);
	ck_assert_uint_gt(sim_tx_count(&s, SIM_A, 0, t0 + 11 * SIM_MS,
				       t0 + 1100 * SIM_MS), 0);
	/* Nothing broke the bundle. */
	sim_assert_bundle(&s, SIM_A, SIM_B, 1);
	ck_assert(!sim_ever(&s, SIM_B, 0, sim_not_distributing, t0,
			    t0 + 1100 * SIM_MS));
	sim_free(&s);
}
END_TEST

START_TEST(port_key_and_names)
{
	struct lacp_link l = { .up = true, .full_duplex = true };
	struct lacp_config cfg;
	struct lacp_ops ops = { 0 };
	struct lacp_port_state st;
	struct lacp_sys *sys;

	l.speed_mbps = 10;
	ck_assert_uint_eq(lacp_port_key(0, &l), 2 << 1 | 1);
	l.speed_mbps = 1000;
	ck_assert_uint_eq(lacp_port_key(0, &l), 4 << 1 | 1);
	l.speed_mbps = 25000;
	ck_assert_uint_eq(lacp_port_key(0, &l), 10 << 1 | 1);
	l.speed_mbps = 100000;
	ck_assert_uint_eq(lacp_port_key(1023, &l), 1023 << 6 | 15 << 1 | 1);
	l.speed_mbps = 12345;
	l.full_duplex = false;
	ck_assert_uint_eq(lacp_port_key(2, &l), 2 << 6);

	lacp_config_init(&cfg);
	ck_assert_uint_eq(cfg.sys_prio, 65535);
	ck_assert(cfg.active && !cfg.fast && cfg.coupled && cfg.fallback);
	ck_assert_int_eq(cfg.select, LACP_SELECT_STABLE);

	sys = lacp_sys_new(&cfg, &ops, NULL);
	ck_assert_ptr_nonnull(sys);
	ck_assert_uint_eq(lacp_next_deadline(sys), LACP_NEVER);
	ck_assert_uint_eq(lacp_active_agg(sys), 0);
	l.speed_mbps = 1000;
	l.full_duplex = true;
	ck_assert_int_eq(lacp_port_add(sys, 5, 0, 255, &l, 0), -EINVAL);
	l.up = false;
	ck_assert_int_eq(lacp_port_add(sys, 5, 1, 255, &l, 0), 0);
	ck_assert_int_eq(lacp_port_add(sys, 5, 2, 255, &l, 0), -EEXIST);
	ck_assert_int_eq(lacp_port_add(sys, 6, 1, 255, &l, 0), -EEXIST);
	/* A port with its link down waits for nothing but its aggregator. */
	ck_assert_uint_eq(lacp_next_deadline(sys), LACP_AGGREGATE_WAIT_TIME);
	lacp_tick(sys, LACP_AGGREGATE_WAIT_TIME);
	ck_assert_uint_eq(lacp_next_deadline(sys), LACP_NEVER);
	ck_assert_int_eq(lacp_port_get(sys, 5, &st), 0);
	ck_assert_int_eq(st.selected, LACP_STANDBY);
	ck_assert_int_eq(st.rx, LACP_RX_PORT_DISABLED);
	ck_assert(!st.agg_active);
	lacp_sys_free(sys);

	ck_assert_str_eq(lacp_selected_name(LACP_STANDBY), "standby");
	ck_assert_str_eq(lacp_rx_state_name(LACP_RX_DEFAULTED), "defaulted");
	ck_assert_str_eq(lacp_mux_state_name(LACP_MUX_COLL_DIST),
			 "coll-dist");
	ck_assert_str_eq(lacp_select_name(LACP_SELECT_COUNT), "count");
}
END_TEST

/*
 * Bonding's fallback (cfg.fallback) against B, a switch that speaks no
 * LACP, starts to or stops. What counts is what A's caller is told to
 * apply: the ports it collects and distributes on.
 */

/* A port carries traffic: its driver collects and distributes on it. */
static bool carries(const struct lacp_port_state *st)
{
	return st->collecting && st->distributing;
}

static bool in_fallback(const struct lacp_port_state *st)
{
	return st->fallback;
}

/* The Receive machine, not the actor's DEFAULTED bit (set at start too). */
static bool rx_defaulted(const struct lacp_port_state *st)
{
	return st->rx == LACP_RX_DEFAULTED;
}

/*
 * What A's caller was told, report by report (sim_replay()): the most
 * ports carrying traffic at once, the longest time none did, and whether
 * anything unsound was ever seen. Ports in @down, whose links are down,
 * are left out: the driver uses no such port, whatever it was told.
 */
struct carry {
	unsigned int down;		/* ports left out, a bit each */
	int most;
	uint64_t gap;			/* the longest time with none */
	uint64_t none_since;		/* UINT64_MAX while one carries */
	bool split;			/* two aggregators at once */
	bool mixed;			/* a fallback port and another one */
	bool half;			/* collecting xor distributing */
	bool inactive;			/* off the active aggregator */
};

static void carry_view(void *arg, uint64_t t,
		       const struct lacp_port_state *st, int n)
{
	struct carry *c = arg;
	int i, k = 0, fb = 0;
	uint16_t agg = 0;

	for (i = 0; i < n; i++) {
		if (c->down & (1u << i))
			continue;
		if (st[i].collecting != st[i].distributing)
			c->half = true;
		if (!carries(&st[i]))
			continue;
		if (k && st[i].agg_id != agg)
			c->split = true;
		if (!st[i].agg_active)
			c->inactive = true;
		agg = st[i].agg_id;
		fb += st[i].fallback;
		k++;
	}
	if (fb && k > 1)
		c->mixed = true;
	if (k > c->most)
		c->most = k;
	if (k && c->none_since != UINT64_MAX) {
		if (t - c->none_since > c->gap)
			c->gap = t - c->none_since;
		c->none_since = UINT64_MAX;
	} else if (!k && c->none_since == UINT64_MAX) {
		c->none_since = t;
	}
}

/* Replay A's ports 0..n-1 but those in @down over [from, to). */
static struct carry carry_seen(const struct sim *s, int n, unsigned int down,
			       uint64_t from, uint64_t to)
{
	struct carry c = { .down = down, .none_since = UINT64_MAX };

	sim_replay(s, SIM_A, n, from, to, carry_view, &c);
	return c;
}

static void assert_sound(const struct carry *c)
{
	ck_assert_msg(!c->split, "two aggregators carried traffic at once");
	ck_assert_msg(!c->mixed, "a fallback port carried with another");
	ck_assert_msg(!c->half, "a port collected or distributed alone");
	ck_assert_msg(!c->inactive, "a port off the active aggregator carried");
}

/* The same, of all the ports, and never anything unsound. */
static struct carry carry_replay(const struct sim *s, int n, uint64_t from,
				 uint64_t to)
{
	struct carry c = carry_seen(s, n, 0, from, to);

	assert_sound(&c);
	return c;
}

/*
 * Exactly one of A's ports 0..n-1 carries traffic, by the fallback alone:
 * defaulted, attached, alone in the active aggregator, an individual one
 * with no partner, and the state it sends says neither collecting nor
 * distributing. The others stand by. Returns that port.
 */
static int assert_fallback_one(const struct sim *s, int n)
{
	static const uint8_t zero[LACP_ETH_ALEN];
	const struct lacp_sys *a = s->sys[SIM_A].lacp;
	struct lacp_port_state st;
	struct lacp_agg_info ai;
	int i, one = -1;

	for (i = 0; i < n; i++) {
		st = sim_state(s, SIM_A, i);
		if (!st.collecting && !st.distributing) {
			ck_assert(!st.fallback);
			ck_assert_int_eq(st.selected, LACP_STANDBY);
			continue;
		}
		ck_assert_msg(one < 0, "A%d and A%d carry traffic", one, i);
		one = i;
		ck_assert(carries(&st) && st.fallback && st.agg_active);
		ck_assert_int_eq(st.rx, LACP_RX_DEFAULTED);
		ck_assert_int_eq(st.selected, LACP_SELECTED);
		ck_assert_int_eq(st.mux, LACP_MUX_ATTACHED);
		ck_assert_uint_eq(st.actor.state & SIM_MUX_ON, 0);
		ck_assert_uint_eq(st.agg_id, lacp_active_agg(a));
		ck_assert_int_eq(lacp_agg_get(a, st.agg_id, &ai), 0);
		ck_assert(ai.individual);
		ck_assert_uint_eq(ai.ports, 1);
		ck_assert_mem_eq(ai.partner_system, zero, LACP_ETH_ALEN);
	}
	ck_assert_msg(one >= 0, "no port carries traffic");
	return one;
}

/* None of A's ports 0..n-1 carries traffic. */
static void assert_none_carries(const struct sim *s, int n)
{
	struct lacp_port_state st;
	int i;

	for (i = 0; i < n; i++) {
		st = sim_state(s, SIM_A, i);
		ck_assert_msg(!st.collecting && !st.distributing &&
			      !st.fallback, "A%d carries traffic", i);
	}
}

/*
 * A's ports 0..n-1 cabled to B, a plain switch: B stays stopped, so not a
 * LACPDU comes from its ends of the cables, whose links are up.
 */
static void silent_world(struct sim *s, int n, bool fast, bool fallback)
{
	struct lacp_config cfg = sim_cfg(fast);
	int i;

	cfg.fallback = fallback;
	sim_init(s, 2, &cfg);
	sim_stop(s, SIM_B);
	for (i = 0; i < n; i++)
		sim_connect(s, SIM_A, i, SIM_B, i, 1000);
}

/*
 * No LACPDU ever comes. A port that never heard one waits a short timeout
 * in EXPIRED whatever its lacp_rate (802.1AX 6.4.12, PORT_DISABLED to
 * EXPIRED), so every port is DEFAULTED at 3 s. With the fallback exactly
 * one port carries traffic from then on, not before, without a break;
 * strict, none ever does.
 */
static void silent_switch(int n, bool fast, bool fallback)
{
	const uint64_t defaulted = LACP_SHORT_TIMEOUT_TIME;
	struct carry c;
	struct sim s;
	int one, i;

	silent_world(&s, n, fast, fallback);
	sim_run_until(&s, defaulted - 1);
	assert_none_carries(&s, n);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(sim_state(&s, SIM_A, i).rx, LACP_RX_EXPIRED);

	sim_run_until(&s, 200 * SIM_S);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(sim_state(&s, SIM_A, i).rx,
				 LACP_RX_DEFAULTED);
		ck_assert_uint_eq(sim_when(&s, SIM_A, i, rx_defaulted, 0),
				  defaulted);
	}
	c = carry_replay(&s, n, 0, s.now);
	if (!fallback) {
		ck_assert_int_eq(c.most, 0);
		assert_none_carries(&s, n);
		sim_free(&s);
		return;
	}
	ck_assert_int_eq(c.most, 1);
	ck_assert_uint_eq(c.gap, defaulted);
	one = assert_fallback_one(&s, n);
	ck_assert_uint_eq(sim_when(&s, SIM_A, one, sim_distributing, 0),
			  defaulted);
	ck_assert(!sim_ever(&s, SIM_A, one, sim_not_distributing, defaulted,
			    s.now));
	sim_free(&s);
}

START_TEST(silent_switch_two_fast)
{
	silent_switch(2, true, true);
	silent_switch(2, true, false);
}
END_TEST

START_TEST(silent_switch_two_slow)
{
	silent_switch(2, false, true);
	silent_switch(2, false, false);
}
END_TEST

START_TEST(silent_switch_four_fast)
{
	silent_switch(4, true, true);
	silent_switch(4, true, false);
}
END_TEST

START_TEST(silent_switch_four_slow)
{
	silent_switch(4, false, true);
	silent_switch(4, false, false);
}
END_TEST

/*
 * A's fallback port carries traffic when B starts to speak LACP (active,
 * A's lacp_rate, no fallback of its own; its ports share a key). B's
 * first LACPDU, sent as it starts, ends the fallback at once: that port's
 * partner is no longer defaulted. Then all of A's ports form one
 * aggregate with B, after the aggregate wait (802.1AX 6.4.15), which
 * nothing bridges: a gap of just over 2 s with no port carrying traffic,
 * whatever the rate, as both ends send at once on each change.
 */
static void partner_appears(int n, bool fast)
{
	const uint64_t t0 = 10 * SIM_S;
	struct lacp_agg_info ai;
	uint64_t stop, t, all = 0;
	struct carry c;
	struct sim s;
	int one, i;

	silent_world(&s, n, fast, true);
	sim_run_until(&s, t0);
	one = assert_fallback_one(&s, n);

	s.sys[SIM_B].cfg.fallback = false;
	sim_start(&s, SIM_B, NULL);
	sim_run_until(&s, t0 + 10 * SIM_S);
	sim_assert_bundle(&s, SIM_A, SIM_B, n);
	sim_assert_bundle(&s, SIM_B, SIM_A, n);
	for (i = 0; i < n; i++)
		ck_assert(!sim_state(&s, SIM_A, i).fallback);
	ck_assert_int_eq(lacp_agg_get(s.sys[SIM_A].lacp,
				      lacp_active_agg(s.sys[SIM_A].lacp), &ai),
			 0);
	ck_assert(!ai.individual);
	ck_assert_uint_eq(ai.ports, n);
	ck_assert_mem_eq(ai.partner_system, sim_mac(&s, SIM_B), LACP_ETH_ALEN);

	stop = sim_when(&s, SIM_A, one, sim_not_distributing, t0);
	ck_assert_uint_eq(stop, t0 + SIM_LATENCY);
	for (i = 0; i < n; i++) {
		t = sim_when(&s, SIM_A, i, sim_distributing, stop);
		ck_assert_uint_ne(t, UINT64_MAX);
		if (t > all)
			all = t;
	}
	c = carry_replay(&s, n, t0, s.now);
	ck_assert_int_eq(c.most, n);
	ck_assert_uint_ge(c.gap, LACP_AGGREGATE_WAIT_TIME);
	ck_assert_uint_le(c.gap, LACP_AGGREGATE_WAIT_TIME + 10 * SIM_MS);
	ck_assert_uint_le(all, stop + LACP_AGGREGATE_WAIT_TIME + 10 * SIM_MS);
	ck_assert(!sim_ever(&s, SIM_A, one, in_fallback, stop, s.now));
	sim_free(&s);
}

START_TEST(partner_appears_two_fast)
{
	partner_appears(2, true);
}
END_TEST

START_TEST(partner_appears_four_fast)
{
	partner_appears(4, true);
}
END_TEST

START_TEST(partner_appears_two_slow)
{
	partner_appears(2, false);
}
END_TEST

/*
 * B stops speaking LACP while the aggregate carries traffic (B stopped:
 * its ends of the cables silent, links up). Each port of A stops
 * distributing a timeout after B's last LACPDU reached it, is DEFAULTED a
 * short timeout later and leaves the aggregate for an individual one.
 * With the fallback exactly one port carries traffic again, an aggregate
 * wait after the last port defaulted; strict, none does.
 */
static void partner_leaves(int n, bool fast, bool fallback)
{
	const uint64_t t0 = 10 * SIM_S;
	uint64_t timeout = fast ? LACP_SHORT_TIMEOUT_TIME :
				  LACP_LONG_TIMEOUT_TIME;
	uint64_t heard, last = 0, back;
	struct lacp_config cfg = sim_cfg(fast);
	struct carry c;
	struct sim s;
	int one, i;

	cfg.fallback = fallback;
	sim_init(&s, 2, &cfg);
	for (i = 0; i < n; i++)
		sim_connect(&s, SIM_A, i, SIM_B, i, 1000);
	sim_run_until(&s, t0);
	sim_assert_bundle(&s, SIM_A, SIM_B, n);

	/* What B sent up to now still arrives; nothing after. */
	sim_stop(&s, SIM_B);
	sim_run_until(&s, t0 + timeout + LACP_SHORT_TIMEOUT_TIME + 20 * SIM_S);
	for (i = 0; i < n; i++) {
		heard = sim_last_tx(&s, SIM_B, i, t0 + 1) + SIM_LATENCY;
		ck_assert_uint_eq(sim_when(&s, SIM_A, i, sim_not_distributing,
					   t0), heard + timeout);
		ck_assert_uint_eq(sim_when(&s, SIM_A, i, rx_defaulted, t0),
				  heard + timeout + LACP_SHORT_TIMEOUT_TIME);
		if (heard > last)
			last = heard;
	}
	c = carry_replay(&s, n, t0, s.now);
	ck_assert_int_eq(c.most, n);
	if (!fallback) {
		assert_none_carries(&s, n);
		ck_assert_int_eq(carry_replay(&s, n, last + timeout + 1,
					      s.now).most, 0);
		sim_free(&s);
		return;
	}
	one = assert_fallback_one(&s, n);
	back = sim_when(&s, SIM_A, one, in_fallback, t0);
	ck_assert_uint_eq(back, last + timeout + LACP_SHORT_TIMEOUT_TIME +
			  LACP_AGGREGATE_WAIT_TIME);
	/* None from the last port's timeout to then. */
	ck_assert_uint_eq(c.gap, back - (last + timeout));
	ck_assert(!sim_ever(&s, SIM_A, one, sim_not_distributing, back,
			    s.now));
	ck_assert_int_eq(carry_replay(&s, n, back, s.now).most, 1);
	sim_free(&s);
}

START_TEST(partner_leaves_two_fast)
{
	partner_leaves(2, true, true);
	partner_leaves(2, true, false);
}
END_TEST

START_TEST(partner_leaves_four_fast)
{
	partner_leaves(4, true, true);
	partner_leaves(4, true, false);
}
END_TEST

START_TEST(partner_leaves_two_slow)
{
	partner_leaves(2, false, true);
	partner_leaves(2, false, false);
}
END_TEST

/*
 * The fallback port loses its link: the other one takes over in the same
 * instant (standing by, it has waited the aggregate wait already), and
 * keeps the traffic when the first comes back (ad_select stable). Then
 * the other way round. Never two ports with their links up at once.
 */
START_TEST(fallback_link_down)
{
	const uint64_t t1 = 10 * SIM_S, t2 = 20 * SIM_S, t3 = 30 * SIM_S;
	struct carry c;
	struct sim s;
	int one, other;

	silent_world(&s, 2, true, true);
	sim_run_until(&s, t1);
	one = assert_fallback_one(&s, 2);
	other = !one;

	sim_link_set(&s, one, false);	/* port i is on link i */
	sim_run_until(&s, t2);
	ck_assert_int_eq(assert_fallback_one(&s, 2), other);
	ck_assert_uint_eq(sim_when(&s, SIM_A, other, sim_distributing, t1),
			  t1);
	c = carry_seen(&s, 2, 1u << one, t1, t2);
	assert_sound(&c);
	ck_assert_int_eq(c.most, 1);
	ck_assert_uint_eq(c.gap, 0);

	sim_link_set(&s, one, true);
	sim_run_until(&s, t3);
	ck_assert_int_eq(assert_fallback_one(&s, 2), other);
	ck_assert(!sim_ever(&s, SIM_A, other, sim_not_distributing, t1,
			    t3));

	sim_link_set(&s, other, false);
	sim_run_until(&s, t3 + 10 * SIM_S);
	ck_assert_int_eq(assert_fallback_one(&s, 2), one);
	ck_assert_uint_eq(sim_when(&s, SIM_A, one, sim_distributing, t3), t3);
	c = carry_seen(&s, 2, 1u << other, t3, s.now);
	assert_sound(&c);
	ck_assert_int_eq(c.most, 1);
	ck_assert_uint_eq(c.gap, 0);
	sim_free(&s);
}
END_TEST

/*
 * A's fallback port is A1 (1 Gb/s: A0, at 10 Gb/s, had its link down when
 * the bond chose). ad_select stable keeps A1 once A0's link is up; turned
 * to bandwidth, the bond moves the fallback to A0 in the same instant.
 *
 * The core reports the port that stops before the one that starts, so
 * that its caller, which pushes each report to the driver on its own,
 * never has two individual links distributing at once to a switch that
 * does not aggregate them: "A1 stops" comes before "A0 carries".
 */
START_TEST(fallback_report_order)
{
	struct lacp_config cfg = sim_cfg(true);
	const uint64_t t1 = 10 * SIM_S, t2 = 20 * SIM_S;
	struct carry c;
	struct sim s;
	int l0;

	cfg.fallback = true;
	sim_init(&s, 2, &cfg);
	sim_stop(&s, SIM_B);
	l0 = sim_connect(&s, SIM_A, 0, SIM_B, 0, 10000);
	sim_link_set(&s, l0, false);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, t1);
	ck_assert_int_eq(assert_fallback_one(&s, 2), 1);
	sim_link_set(&s, l0, true);
	sim_run_until(&s, t2);
	ck_assert_int_eq(assert_fallback_one(&s, 2), 1);

	cfg.select = LACP_SELECT_BANDWIDTH;
	sim_config(&s, SIM_A, &cfg);
	sim_run_until(&s, t2 + 10 * SIM_S);
	ck_assert_int_eq(assert_fallback_one(&s, 2), 0);
	ck_assert_uint_eq(sim_when(&s, SIM_A, 0, sim_distributing, t2), t2);
	ck_assert_uint_eq(sim_when(&s, SIM_A, 1, sim_not_distributing, t2),
			  t2);
	c = carry_seen(&s, 2, 0, t2, s.now);
	ck_assert_uint_eq(c.gap, 0);
	/* Never both, not even between the two reports. */
	ck_assert_int_eq(c.most, 1);
	ck_assert(!c.split && !c.mixed);
	assert_sound(&c);
	sim_free(&s);
}
END_TEST

/*
 * ad_select bandwidth, A1 (1 Gb/s) the fallback port; A0's link (10 Gb/s)
 * comes up. The bond makes A0's aggregator the active one at once, and
 * A1 stops; but A0 carries traffic only once DEFAULTED, a short timeout
 * later.
 *
 * QUESTIONABLE, shown not fixed: 3 s in which no port carries traffic,
 * where A1 could have gone on until A0 was DEFAULTED (bonding.ko enables
 * the port of a partnerless active aggregator as soon as it is chosen).
 * Were the core to keep the fallback port until its successor can carry,
 * c.gap would turn to 0.
 */
START_TEST(fallback_bandwidth_link_up)
{
	struct lacp_config cfg = sim_cfg(true);
	const uint64_t t1 = 10 * SIM_S;
	struct carry c;
	struct sim s;
	int l0;

	cfg.fallback = true;
	cfg.select = LACP_SELECT_BANDWIDTH;
	sim_init(&s, 2, &cfg);
	sim_stop(&s, SIM_B);
	l0 = sim_connect(&s, SIM_A, 0, SIM_B, 0, 10000);
	sim_link_set(&s, l0, false);
	sim_connect(&s, SIM_A, 1, SIM_B, 1, 1000);
	sim_run_until(&s, t1);
	ck_assert_int_eq(assert_fallback_one(&s, 2), 1);

	sim_link_set(&s, l0, true);
	sim_run_until(&s, t1 + 10 * SIM_S);
	ck_assert_int_eq(assert_fallback_one(&s, 2), 0);
	ck_assert_uint_eq(sim_when(&s, SIM_A, 1, sim_not_distributing, t1),
			  t1);
	ck_assert_uint_eq(sim_when(&s, SIM_A, 0, sim_distributing, t1),
			  t1 + LACP_SHORT_TIMEOUT_TIME);
	c = carry_replay(&s, 2, t1, s.now);
	ck_assert_int_eq(c.most, 1);
	ck_assert_uint_eq(c.gap, LACP_SHORT_TIMEOUT_TIME);
	sim_free(&s);
}
END_TEST

Suite *lacp_suite(void)
{
	Suite *s = suite_create("lacp");
	TCase *tc = tcase_create("sim");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, converge_two_links);
	tcase_add_test(tc, converge_four_links);
	tcase_add_test(tc, rate_fast_and_slow);
	tcase_add_test(tc, rate_no_partner);
	tcase_add_test(tc, rate_slow_both);
	tcase_add_test(tc, rate_change_defaulted);
	tcase_add_test(tc, port_knows_partner);
	tcase_add_test(tc, timeout_short);
	tcase_add_test(tc, timeout_long);
	tcase_add_test(tc, marker_response);
	tcase_add_test(tc, passive_against_active);
	tcase_add_test(tc, passive_against_passive);
	tcase_add_test(tc, passive_pair_fallback);
	tcase_add_test(tc, independent_control);
	tcase_add_test(tc, tx_rate_limit);
	tcase_add_test(tc, port_key_and_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("fallback");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, silent_switch_two_fast);
	tcase_add_test(tc, silent_switch_two_slow);
	tcase_add_test(tc, silent_switch_four_fast);
	tcase_add_test(tc, silent_switch_four_slow);
	tcase_add_test(tc, partner_appears_two_fast);
	tcase_add_test(tc, partner_appears_four_fast);
	tcase_add_test(tc, partner_appears_two_slow);
	tcase_add_test(tc, partner_leaves_two_fast);
	tcase_add_test(tc, partner_leaves_four_fast);
	tcase_add_test(tc, partner_leaves_two_slow);
	tcase_add_test(tc, fallback_link_down);
	tcase_add_test(tc, fallback_report_order);
	tcase_add_test(tc, fallback_bandwidth_link_up);
	suite_add_tcase(s, tc);
	return s;
}
