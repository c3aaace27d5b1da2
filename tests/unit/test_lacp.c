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
	return s;
}
