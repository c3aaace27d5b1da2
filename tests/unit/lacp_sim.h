/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A simulated world for the LACP core (lacpd/lacp.h): a few systems, each
 * one struct lacp_sys, joined by point-to-point links, on a simulated clock.
 * A LACPDU a system sends reaches the other end of the link SIM_LATENCY
 * later, unless the link is down or drops that direction. sim_run_*()
 * deliver frames and run lacp_tick() at each system's
 * lacp_next_deadline(), in time order.
 *
 * Every port keeps a log of what it sent and of the states the core
 * reported for it, for the tests to look back on. sim_free() checks the
 * transmit rate limit over the whole log of every port.
 */
#ifndef NBOND_UNIT_LACP_SIM_H
#define NBOND_UNIT_LACP_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lacp.h"

#define SIM_MAX_SYS	3
#define SIM_MAX_PORTS	6
#define SIM_MAX_LINKS	8
#define SIM_MAX_MARKERS	8

#define SIM_MS		1000000ULL
#define SIM_S		1000000000ULL
#define SIM_LATENCY	(100 * 1000ULL)		/* 100 us */

/* One port_state report. */
struct sim_report {
	uint64_t t;
	uint64_t seq;			/* its place among all reports */
	struct lacp_port_state st;
};

struct sim_port {
	bool present;
	int link;			/* -1: not cabled */
	uint32_t speed;
	uint16_t prio;			/* actor port priority; 255 */
	uint64_t *tx;			/* when each LACPDU was sent */
	size_t ntx, txcap;
	struct sim_report *log;		/* every port_state report */
	size_t nlog, logcap;
	struct marker_pdu markers[SIM_MAX_MARKERS];	/* responses sent */
	size_t nmarkers;
};

struct sim;

struct sim_sys {
	struct sim *sim;
	int idx;
	struct lacp_config cfg;
	struct lacp_sys *lacp;		/* NULL while "stopped" */
	struct sim_port ports[SIM_MAX_PORTS];
};

struct sim_link {
	int sys[2];
	int port[2];
	bool up;
	bool drop[2];			/* lose what end i sends */
};

struct sim_frame {
	uint64_t t;
	int sys, port;			/* destination */
	struct lacpdu pdu;
};

struct sim {
	uint64_t now;
	int nsys;
	struct sim_sys sys[SIM_MAX_SYS];
	struct sim_link links[SIM_MAX_LINKS];
	int nlinks;
	struct sim_frame *q;		/* in flight, in time order */
	size_t nq, qcap;
	uint64_t nreports;		/* made so far, by every system */
};

/* The systems' names in messages: A, B, C. */
#define SIM_A 0
#define SIM_B 1
#define SIM_C 2

/* ifindex and port number of port @i (0-based) of any system. */
static inline uint32_t sim_ifindex(int i)
{
	return 10 + (uint32_t)i;
}

/*
 * @nsys systems, each with @cfg (NULL: lacp_config_init()) and the bond
 * address 02:00:00:00:00:0<1 + index>. fallback is off unless the test
 * turns it on with sim_config().
 */
void sim_init(struct sim *s, int nsys, const struct lacp_config *cfg);
void sim_free(struct sim *s);
void sim_config(struct sim *s, int sys, const struct lacp_config *cfg);

/*
 * Cable port @pa of @a to port @pb of @b at @speed Mb/s, links up. A
 * stopped end (sim_stop()) is cabled all the same, silent: its port joins
 * its bond when sim_start() starts it.
 */
int sim_connect(struct sim *s, int a, int pa, int b, int pb, uint32_t speed);
void sim_link_set(struct sim *s, int link, bool up);
/* Lose (or stop losing) what end @end (0: a, 1: b) of @link sends. */
void sim_drop(struct sim *s, int link, int end, bool drop);
/*
 * The actor port priority of port @port of @sys: before sim_connect() (the
 * port joins with it), or later (lacp_port_set_prio() at once). Ports have
 * 255 unless told.
 */
void sim_port_prio(struct sim *s, int sys, int port, uint16_t prio);
/* Take port @port of @sys out of its bond (the cable stays). */
void sim_port_del(struct sim *s, int sys, int port);

/* Stop @sys (its core freed; frames to it lost). */
void sim_stop(struct sim *s, int sys);
/*
 * Start @sys again with its ports: resumed from @saved (one per port, by
 * index) if @saved is not NULL, else added afresh.
 */
void sim_start(struct sim *s, int sys, const struct lacp_port_state *saved);

void sim_run_until(struct sim *s, uint64_t t);
void sim_run_for(struct sim *s, uint64_t dt);

/* The port's state now. */
struct lacp_port_state sim_state(const struct sim *s, int sys, int port);
/* LACPDUs the port sent in [from, to). */
size_t sim_tx_count(const struct sim *s, int sys, int port, uint64_t from,
		    uint64_t to);
/* When the port last sent a LACPDU before @t; 0 if never. */
uint64_t sim_last_tx(const struct sim *s, int sys, int port, uint64_t t);

typedef bool (*sim_pred)(const struct lacp_port_state *st);
/* The first report at or after @from for which @pred holds; UINT64_MAX. */
uint64_t sim_when(const struct sim *s, int sys, int port, sim_pred pred,
		  uint64_t from);
/* Whether any report in [from, to) satisfies @pred. */
bool sim_ever(const struct sim *s, int sys, int port, sim_pred pred,
	      uint64_t from, uint64_t to);

/*
 * What the caller of @sys saw of its ports 0..@n-1, report by report, in
 * the order the core made them: @fn gets the states as they stand at
 * @from (a port not reported yet: all zero), then again after each report
 * made in [@from, @to), with the time it was made.
 */
typedef void (*sim_view)(void *arg, uint64_t t,
			 const struct lacp_port_state *st, int n);
void sim_replay(const struct sim *s, int sys, int n, uint64_t from,
		uint64_t to, sim_view fn, void *arg);

/* Deliver a Marker PDU to the port, as if it came from the wire. */
void sim_marker(struct sim *s, int sys, int port,
		const struct marker_pdu *pdu);

/* The system's bond address (its LACP system id). */
const uint8_t *sim_mac(const struct sim *s, int sys);

/* What the tests share. */

#define SIM_ALL_ON (LACP_STATE_ACTIVITY | LACP_STATE_AGGREGATION | \
		    LACP_STATE_SYNC | LACP_STATE_COLLECTING | \
		    LACP_STATE_DISTRIBUTING)
#define SIM_MUX_ON (LACP_STATE_COLLECTING | LACP_STATE_DISTRIBUTING)

/* bonding's defaults, lacp_rate @fast, no fallback. */
struct lacp_config sim_cfg(bool fast);

/* Predicates for sim_when() and sim_ever(). */
bool sim_distributing(const struct lacp_port_state *st);
bool sim_not_distributing(const struct lacp_port_state *st);
bool sim_collecting(const struct lacp_port_state *st);
bool sim_expired(const struct lacp_port_state *st);
bool sim_defaulted(const struct lacp_port_state *st);
bool sim_actor_churned(const struct lacp_port_state *st);
bool sim_partner_churned(const struct lacp_port_state *st);

/*
 * Ports 0..n-1 of @a, cabled to those of @b, are one bundle: selected in
 * the active aggregator, collecting and distributing, with @b's
 * information as partner.
 */
void sim_assert_bundle(const struct sim *s, int a, int b, int n);
/* When every port 0..n-1 of @sys first distributed. */
uint64_t sim_converged_at(const struct sim *s, int sys, int n);

#endif /* NBOND_UNIT_LACP_SIM_H */
