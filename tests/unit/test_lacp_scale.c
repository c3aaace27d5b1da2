// SPDX-License-Identifier: GPL-2.0
/*
 * The LACP core (lacpd/lacp*.c) with many ports: two systems joined by
 * 1024 links converge, every port distributing at both ends; with a
 * limit of 8 ports over 300 links, exactly 8 distribute, the same links
 * at both ends. lacp_sim.c stops at a few ports; this drives the core
 * directly, with a queue of PDUs between the two systems.
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

struct queued {
	int to;				/* system */
	uint32_t ifindex;		/* its port */
	struct lacpdu pdu;
};

static struct scale {
	struct lacp_sys *sys[2];
	int ctx[2];
	struct queued *q;
	size_t nq, capq;
} sc;

static void on_tx(void *ctx, uint32_t port, const struct lacpdu *pdu)
{
	int from = *(int *)ctx;
	struct queued *e;

	if (sc.nq == sc.capq) {
		sc.capq = sc.capq ? 2 * sc.capq : 1024;
		sc.q = realloc(sc.q, sc.capq * sizeof(*sc.q));
		ck_assert_ptr_nonnull(sc.q);
	}
	e = &sc.q[sc.nq++];
	e->to = !from;
	e->ifindex = from ? port - BASE1 + BASE0 : port - BASE0 + BASE1;
	e->pdu = *pdu;
}

static const struct lacp_ops scale_ops = { .tx = on_tx };

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

Suite *lacp_scale_suite(void)
{
	Suite *s = suite_create("lacp_scale");
	TCase *tc = tcase_create("lacp_scale");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, thousand_links);
	tcase_add_test(tc, limit_over_many_links);
	suite_add_tcase(s, tc);
	return s;
}
