/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: what the files of the LACP core (lacp*.c) share; not for users of
 * lacp.h. The variable names follow 802.1AX-2014 6.4 where it has one.
 */
#ifndef LACPD_LACP_INT_H
#define LACPD_LACP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "id_set.h"
#include "ifindex_map.h"
#include "lacp.h"

/* Timers are absolute deadlines; LACP_NEVER when stopped. */
static inline bool lacp_expired(uint64_t timer, uint64_t now)
{
	return timer != LACP_NEVER && timer <= now;
}

static inline uint64_t lacp_min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

enum lacp_periodic_state {
	LACP_PERIODIC_NONE = 0,		/* NO_PERIODIC */
	LACP_PERIODIC_FAST,
	LACP_PERIODIC_SLOW,
	LACP_PERIODIC_TX,
};

/* An aggregator; in use while ports > 0. */
struct lacp_agg {
	uint16_t id;			/* 0 while unused */
	bool individual;
	/* The LAG ID, less the actor's system, which all share. */
	uint16_t actor_key;
	uint16_t partner_sys_prio;
	uint8_t partner_system[LACP_ETH_ALEN];
	uint16_t partner_key;
	uint32_t ports;			/* ports whose agg is this one */
	struct lacp_port *members;	/* those ports, through agg_next */
	/* Tallies, valid only where lacp_select.c says so. */
	uint32_t unready;		/* ports holding back Ready */
	uint32_t ports_up;
	uint64_t bandwidth_mbps;
};

struct lacp_port {
	struct lacp_sys *sys;
	uint32_t ifindex;
	size_t index;			/* in sys->ports */
	struct lacp_link link;
	bool port_enabled;		/* link up */
	bool lacp_enabled;		/* point to point: full duplex */

	struct lacp_info actor;		/* Actor_Oper_* */
	struct lacp_info partner;	/* Partner_Oper_* */

	/* Receive machine */
	enum lacp_rx_state rx;
	uint64_t current_while;
	bool port_moved;

	/* Periodic Transmit and Transmit machines */
	enum lacp_periodic_state periodic;
	uint64_t periodic_timer;
	bool ntt;
	uint64_t tx_times[LACP_TX_LIMIT];	/* ring of the last sends */
	unsigned int tx_next;		/* oldest entry, next to replace */
	unsigned int tx_count;		/* used, up to the limit */

	/* Selection Logic and Mux machine */
	enum lacp_selected selected;
	struct lacp_agg *agg;
	enum lacp_mux_state mux;
	uint64_t wait_while;
	bool ready_n;
	struct lacp_agg *unready_in;	/* counted in its unready, or NULL */
	struct lacp_port *agg_next;	/* the other members of agg */
	struct lacp_port *agg_prev;
	uint64_t rank;			/* for the limit: lower goes first */
	bool in_limit;			/* among the first cfg.max_ports */

	/* Churn Detection machines */
	enum lacp_churn actor_churn;
	enum lacp_churn partner_churn;
	uint64_t actor_churn_timer;
	uint64_t partner_churn_timer;
	uint32_t actor_churn_count;
	uint32_t partner_churn_count;

	struct lacp_counters counters;
	struct lacp_port_state reported;	/* last given to port_state */
	bool reported_valid;

	/* What lacp_run() keeps of the port (lacp.c) */
	bool dirty;			/* on sys->dirty */
	size_t heap_index;		/* in sys->heap */
	uint64_t deadline;		/* its key there: the earliest timer */
	size_t disabled_index;		/* in sys->disabled, or LACP_NOWHERE */
};

/* disabled_index of a port that is not in PORT_DISABLED. */
#define LACP_NOWHERE SIZE_MAX

struct lacp_sys {
	struct lacp_config cfg;
	struct lacp_ops ops;
	void *ctx;
	uint8_t system[LACP_ETH_ALEN];	/* cfg.system, or cfg.bond_mac */

	struct lacp_port **ports;	/* in the order they were added */
	size_t nports;
	struct ifindex_map by_ifindex;	/* the same ports */
	struct lacp_agg **aggs;		/* one per port, as in 802.1AX */
	size_t naggs;
	struct lacp_port **by_rank;	/* scratch for the port limit */
	size_t cap;			/* of ports, aggs and by_rank */
	struct id_set agg_ids;		/* aggregator ids in use */
	struct lacp_agg *active;

	/*
	 * The work of lacp_run(): the ports whose machines may move (an
	 * event touched them, a timer of theirs expired, the Selection
	 * Logic or their aggregator changed something they depend on), and
	 * whether the Selection Logic must run. Every other port is at rest.
	 */
	struct lacp_port **dirty;
	size_t ndirty;
	bool reselect;
	/* Every port, a binary min-heap on its deadline. */
	struct lacp_port **heap;
	size_t nheap;
	/* The ports in PORT_DISABLED, in no order: port_moved candidates. */
	struct lacp_port **disabled;
	size_t ndisabled;
	uint64_t stat_port_steps;	/* lacp_stat_port_steps() */

	bool pending;			/* resumed ports: run machines */
};

/*
 * Selected goes UNSELECTED (802.1AX 6.4.9): the Selection Logic has work
 * to do at the next round.
 */
static inline void lacp_unselect(struct lacp_port *port)
{
	port->selected = LACP_UNSELECTED;
	port->sys->reselect = true;
}

/* lacp.c */
struct lacp_port *lacp_port_find(const struct lacp_sys *sys, uint32_t ifindex);
int lacp_port_new(struct lacp_sys *sys, uint32_t ifindex, uint16_t number,
		  uint16_t prio, const struct lacp_link *link,
		  struct lacp_port **out);
void lacp_run(struct lacp_sys *sys, uint64_t now);
void lacp_port_dirty(struct lacp_port *port);
void lacp_port_disabled_update(struct lacp_port *port);

/* lacp_state.c */
void lacp_port_export(const struct lacp_port *port,
		      struct lacp_port_state *st);
void lacp_port_report(struct lacp_port *port);
bool lacp_port_stops(const struct lacp_port *port);

/* lacp_rx.c: the Receive machine */
void lacp_rx_init(struct lacp_port *port);
bool lacp_rx_step(struct lacp_port *port, uint64_t now);
void lacp_rx_pdu(struct lacp_port *port, const struct lacpdu *pdu,
		 uint64_t now);
void lacp_record_default(struct lacp_port *port);
uint64_t lacp_rx_deadline(const struct lacp_port *port);

/* lacp_select.c: the Selection Logic and the aggregators */
bool lacp_select(struct lacp_sys *sys);
void lacp_agg_release(struct lacp_port *port);
void lacp_agg_join(struct lacp_agg *agg, struct lacp_port *port);
struct lacp_agg *lacp_agg_claim(struct lacp_sys *sys, struct lacp_port *port,
				uint16_t id);
void lacp_agg_count_unready(struct lacp_sys *sys);
void lacp_agg_recount(struct lacp_port *port);
bool lacp_agg_ready(const struct lacp_port *port);
bool lacp_agg_has_partner(const struct lacp_agg *agg);
void lacp_agg_info(const struct lacp_sys *sys, const struct lacp_agg *agg,
		   struct lacp_agg_info *info);

/* lacp_mux.c: the Mux and Churn Detection machines */
void lacp_mux_init(struct lacp_port *port);
bool lacp_mux_step(struct lacp_port *port, uint64_t now);
void lacp_mux_recouple(struct lacp_port *port, uint64_t now);
void lacp_mux_resume(struct lacp_port *port);
bool lacp_churn_step(struct lacp_port *port, uint64_t now);
uint64_t lacp_mux_deadline(const struct lacp_port *port);

/* lacp_tx.c: the Periodic Transmit and Transmit machines, Marker */
void lacp_periodic_init(struct lacp_port *port);
bool lacp_periodic_step(struct lacp_port *port, uint64_t now);
void lacp_tx_run(struct lacp_port *port, uint64_t now);
uint64_t lacp_tx_deadline(const struct lacp_port *port);
void lacp_marker_rx(struct lacp_port *port, const struct marker_pdu *pdu);

#endif /* LACPD_LACP_INT_H */
