/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: the IEEE 802.1AX Link Aggregation Control Protocol of one bond.
 *
 * Pure: no I/O, no clock, no global state. The caller feeds events (ports
 * added and removed, link changes, received PDUs, configuration) and the
 * current time, a monotonic clock in nanoseconds; the core runs its state
 * machines and acts through the struct lacp_ops callbacks, synchronously,
 * before the call returns. Callbacks must not call back into the same
 * struct lacp_sys (queue the work instead).
 *
 *   sys = lacp_sys_new(&cfg, &ops, ctx);
 *   lacp_port_add(sys, ifindex, number, prio, &link, now);
 *   loop:
 *	wait for a PDU, a link event, a configuration change or
 *	lacp_next_deadline(sys), whichever comes first, then call
 *	lacp_rx_lacpdu() / lacp_port_link() / lacp_set_config() /
 *	lacp_tick() with the current time.
 *
 * State machines (802.1AX-2014 clause 6.4), per port: Receive, Periodic
 * Transmit, Mux (coupled control, or independent control when
 * cfg.coupled is false), Transmit (at most LACP_TX_LIMIT LACPDUs in any
 * fast periodic interval; a transmission asked for beyond that is delayed,
 * never dropped), Actor and Partner Churn Detection; per bond, the
 * Selection Logic with the ad_select policies of Linux bonding. Marker
 * Information PDUs are answered at once, every one of them (flood policing
 * is the caller's business).
 *
 * Aggregators: ports that share the actor key and the partner's system
 * priority, system and key, and that both ends call aggregatable, select
 * the same aggregator; an individual port gets one of its own. Aggregator
 * identifiers are small numbers (1, 2, ...), the lowest free one taken
 * when a group forms. Only one aggregator of the bond is active, chosen by
 * cfg.select: its ports are SELECTED and go on to collect and distribute
 * (up to cfg.max_ports of them); the ports of every other aggregator, and
 * those beyond the limit, are STANDBY.
 *
 * Port state reported to the caller (struct lacp_port_state) is what the
 * driver holds and shows: aggregator, selected, collecting, distributing,
 * the actor and partner information, churn, counters.
 */
#ifndef LACPD_LACP_H
#define LACPD_LACP_H

#include <stdbool.h>
#include <stdint.h>

#include "pdu.h"

#define LACP_NSEC_PER_SEC		1000000000ULL

/* 802.1AX timer values, in nanoseconds. */
#define LACP_FAST_PERIODIC_TIME		(1 * LACP_NSEC_PER_SEC)
#define LACP_SLOW_PERIODIC_TIME		(30 * LACP_NSEC_PER_SEC)
#define LACP_SHORT_TIMEOUT_TIME		(3 * LACP_NSEC_PER_SEC)
#define LACP_LONG_TIMEOUT_TIME		(90 * LACP_NSEC_PER_SEC)
#define LACP_AGGREGATE_WAIT_TIME	(2 * LACP_NSEC_PER_SEC)
#define LACP_CHURN_DETECTION_TIME	(60 * LACP_NSEC_PER_SEC)
/* LACPDUs a port may send in any LACP_FAST_PERIODIC_TIME. */
#define LACP_TX_LIMIT			3

/* "Never", from lacp_next_deadline(). */
#define LACP_NEVER			UINT64_MAX

/* ad_select, numbered as Linux bonding numbers it. */
enum lacp_select {
	LACP_SELECT_STABLE = 0,
	LACP_SELECT_BANDWIDTH = 1,
	LACP_SELECT_COUNT = 2,
};

/* The bond's LACP options. lacp_config_init() gives bonding's defaults. */
struct lacp_config {
	uint16_t sys_prio;		/* ad_actor_sys_prio, 1..65535 */
	uint8_t system[LACP_ETH_ALEN];	/* ad_actor_system; 0: bond_mac */
	uint8_t bond_mac[LACP_ETH_ALEN];	/* the bond's own address */
	bool active;			/* lacp_active on */
	bool fast;			/* lacp_rate fast: ask for 1 s PDUs */
	enum lacp_select select;	/* ad_select */
	bool coupled;			/* coupled_control on */
	uint16_t user_key;		/* ad_user_port_key, 0..1023 */
	/*
	 * The most ports the active aggregator uses at once; 0: no limit.
	 * When more could join, the ports are chosen by the Port
	 * Identifiers (priority, then number) of whichever end has the
	 * better System Identifier, so that both ends choose alike; the
	 * rest stand by.
	 */
	uint16_t max_ports;
	/*
	 * Linux bonding's fallback for partners that do not speak LACP:
	 * when the active aggregator has no partner, its port carries
	 * traffic as an individual link. Here it applies only once the
	 * port's partner information is DEFAULTED (no LACPDU for a whole
	 * timeout) and its Mux is ATTACHED; the actor state sent in
	 * LACPDUs is unaffected. On by default, as in bonding.
	 */
	bool fallback;
};

/* Selected, as 802.1AX names it. */
enum lacp_selected {
	LACP_UNSELECTED = 0,
	LACP_SELECTED,
	LACP_STANDBY,
};

/* Churn Detection state, numbered as bonding reports it. */
enum lacp_churn {
	LACP_CHURN_MONITOR = 0,		/* "monitoring" */
	LACP_CHURN_CHURNED = 1,		/* "churned" */
	LACP_CHURN_NONE = 2,		/* "none" */
};

/* Receive machine states. */
enum lacp_rx_state {
	LACP_RX_INITIALIZE = 0,
	LACP_RX_PORT_DISABLED,
	LACP_RX_EXPIRED,
	LACP_RX_LACP_DISABLED,
	LACP_RX_DEFAULTED,
	LACP_RX_CURRENT,
};

/* Mux machine states (COLLECTING, DISTRIBUTING: independent control). */
enum lacp_mux_state {
	LACP_MUX_DETACHED = 0,
	LACP_MUX_WAITING,
	LACP_MUX_ATTACHED,
	LACP_MUX_COLLECTING,
	LACP_MUX_DISTRIBUTING,
	LACP_MUX_COLL_DIST,		/* coupled control */
};

/* Per-port counters, those of bonding's 802.3ad xstats. */
struct lacp_counters {
	uint64_t lacpdu_rx;
	uint64_t lacpdu_tx;
	uint64_t lacpdu_unknown_rx;	/* Slow Protocol subtype unknown */
	uint64_t lacpdu_illegal_rx;	/* malformed LACPDU */
	uint64_t marker_rx;		/* Marker Information PDUs */
	uint64_t marker_tx;		/* (lacpd sends no Marker itself) */
	uint64_t marker_resp_rx;
	uint64_t marker_resp_tx;
	uint64_t marker_unknown_rx;	/* malformed Marker PDU */
};

/* What lacp_rx_bad() counts. */
enum lacp_rx_error {
	LACP_RX_ERR_UNKNOWN,		/* lacpdu_unknown_rx */
	LACP_RX_ERR_ILLEGAL,		/* lacpdu_illegal_rx */
	LACP_RX_ERR_MARKER,		/* marker_unknown_rx */
};

/* A port's link, as the caller sees it. */
struct lacp_link {
	bool up;
	bool full_duplex;
	uint32_t speed_mbps;		/* 0: unknown */
};

/*
 * A port's LACP state: what the driver holds and shows, and what
 * lacp_port_resume() takes back after a restart.
 */
struct lacp_port_state {
	uint16_t agg_id;		/* 0: none */
	bool agg_active;		/* agg_id is the bond's active one */
	enum lacp_selected selected;
	/*
	 * What the driver applies: 802.1AX's Collecting and Distributing,
	 * or the partnerless fallback (struct lacp_config).
	 */
	bool collecting;
	bool distributing;
	bool fallback;			/* both by the fallback alone */
	struct lacp_info actor;		/* operational, as sent */
	struct lacp_info partner;	/* operational, as received */
	enum lacp_churn actor_churn;
	enum lacp_churn partner_churn;
	uint32_t actor_churn_count;
	uint32_t partner_churn_count;
	enum lacp_rx_state rx;		/* for logs; ignored by resume */
	enum lacp_mux_state mux;	/* for logs; ignored by resume */
	struct lacp_counters counters;
};

/* The bond-level view of one aggregator. */
struct lacp_agg_info {
	uint16_t id;
	bool active;
	bool individual;
	uint16_t actor_key;
	uint16_t partner_sys_prio;
	uint8_t partner_system[LACP_ETH_ALEN];	/* zero: no partner */
	uint16_t partner_key;
	uint32_t ports;			/* ports that selected it */
	uint32_t ports_up;		/* of those, with link up */
	uint64_t bandwidth_mbps;	/* sum of the speeds of ports_up */
};

/* Actions; ctx is the pointer given to lacp_sys_new(). */
struct lacp_ops {
	/* Send @pdu (actor and partner information) on @port. */
	void (*tx)(void *ctx, uint32_t port, const struct lacpdu *pdu);
	/* Send the Marker Response @pdu on @port. */
	void (*tx_marker)(void *ctx, uint32_t port,
			  const struct marker_pdu *pdu);
	/*
	 * @port's state changed (anything but the counters, which are
	 * current in @st all the same). NULL: not wanted. Of the ports one
	 * call changes, those that stop collecting or distributing are
	 * reported first: applying each report as it comes never has a
	 * port start carrying traffic while another that stops still does.
	 */
	void (*port_state)(void *ctx, uint32_t port,
			   const struct lacp_port_state *st);
};

struct lacp_sys;

/*
 * Bonding's defaults: prio 65535, active, slow, stable, coupled, fallback,
 * no limit on the ports of an aggregator.
 */
void lacp_config_init(struct lacp_config *cfg);

/* A bond; NULL when out of memory. */
struct lacp_sys *lacp_sys_new(const struct lacp_config *cfg,
			      const struct lacp_ops *ops, void *ctx);
void lacp_sys_free(struct lacp_sys *sys);

/* Take a new configuration; what changed is renegotiated. */
void lacp_set_config(struct lacp_sys *sys, const struct lacp_config *cfg,
		     uint64_t now);

/*
 * Add @port (an ifindex: the caller's name for the port) with the 802.1AX
 * port number @number (nonzero, unique in the bond) and actor port
 * priority @prio. 0, -EEXIST, -EINVAL or -ENOMEM.
 */
int lacp_port_add(struct lacp_sys *sys, uint32_t port, uint16_t number,
		  uint16_t prio, const struct lacp_link *link, uint64_t now);

/*
 * Add @port as lacp_port_add() does, but seeded with @saved, the state the
 * driver kept (lacp_port_state reported before a restart): the port goes
 * on collecting and distributing with the same aggregator and partner
 * without renegotiating, and sends a LACPDU at once. What resume reads of
 * @saved: agg_id, selected (a SELECTED port's aggregator was the active
 * one; agg_active says so too), actor (system, key, port number, state
 * bits Sync/Collecting/Distributing), partner, churn states and counts,
 * counters. If @saved does not fit (another system, key or number, link
 * down, partner defaulted, no aggregator, its id taken by another group)
 * the port starts afresh. Resume every port of the bond, then run
 * lacp_tick() (lacp_next_deadline() says 0): resume itself runs no state
 * machine and calls no callback.
 */
int lacp_port_resume(struct lacp_sys *sys, uint32_t port, uint16_t number,
		     uint16_t prio, const struct lacp_link *link,
		     const struct lacp_port_state *saved, uint64_t now);

void lacp_port_del(struct lacp_sys *sys, uint32_t port, uint64_t now);
/*
 * The link changed. A link going down keeps the speed and duplex it had
 * (those of @link are ignored), so that a flap leaves its key and its
 * aggregator alone; a link coming up sends a LACPDU at once.
 */
void lacp_port_link(struct lacp_sys *sys, uint32_t port,
		    const struct lacp_link *link, uint64_t now);
/* The actor port priority (per-port prio) changed. */
void lacp_port_set_prio(struct lacp_sys *sys, uint32_t port, uint16_t prio,
			uint64_t now);

/*
 * A LACPDU or Marker PDU that lacp_decode() accepted, received on @port.
 * A Marker Information PDU is answered through ops->tx_marker at once.
 */
void lacp_rx_lacpdu(struct lacp_sys *sys, uint32_t port,
		    const struct lacpdu *pdu, uint64_t now);
void lacp_rx_marker(struct lacp_sys *sys, uint32_t port,
		    const struct marker_pdu *pdu, uint64_t now);
/* A Slow Protocols frame that lacp_decode() refused: counted only. */
void lacp_rx_bad(struct lacp_sys *sys, uint32_t port, enum lacp_rx_error e);
/*
 * Is @pdu from the partner @port has now (its Actor is the one recorded,
 * CURRENT or EXPIRED)? The caller lets such LACPDUs past its flood limit.
 */
bool lacp_port_knows(const struct lacp_sys *sys, uint32_t port,
		     const struct lacpdu *pdu);

/* Run the timers due at @now. Harmless when none is. */
void lacp_tick(struct lacp_sys *sys, uint64_t now);

/*
 * The caller is about to stop for a while (a restart): send every port's
 * LACPDU now, within the rate limit, so that the partner's timeout starts
 * afresh and a new agent has all of it to resume in.
 */
void lacp_farewell(struct lacp_sys *sys, uint64_t now);
/* When lacp_tick() must run next: 0 for "now", LACP_NEVER for never. */
uint64_t lacp_next_deadline(const struct lacp_sys *sys);

/*
 * For tests and diagnostics: how many times the core has stepped the
 * state machines of a port (once a port a round of its run loop) since
 * lacp_sys_new(). An event costs a few such steps, whatever the number
 * of ports, unless it changes what the bond's aggregators are.
 */
uint64_t lacp_stat_port_steps(const struct lacp_sys *sys);

/* Read accessors, for the driver, logs and dumps. 0 or -ENOENT. */
int lacp_port_get(const struct lacp_sys *sys, uint32_t port,
		  struct lacp_port_state *st);
int lacp_agg_get(const struct lacp_sys *sys, uint16_t id,
		 struct lacp_agg_info *info);
/* The active aggregator's id, 0 if none. */
uint16_t lacp_active_agg(const struct lacp_sys *sys);

/*
 * The actor key of a port: @user_key << 6 | speed code << 1 | full duplex,
 * the speed code numbered as Linux bonding numbers it (10 Mb/s: 2,
 * 1 Gb/s: 4, 10 Gb/s: 7, 100 Gb/s: 15, 800 Gb/s: 18; 0 if unknown).
 */
uint16_t lacp_port_key(uint16_t user_key, const struct lacp_link *link);

/* Short names, for logs and dumps ("current", "coll-dist", ...). */
const char *lacp_selected_name(enum lacp_selected s);
const char *lacp_churn_name(enum lacp_churn c);
const char *lacp_rx_state_name(enum lacp_rx_state s);
const char *lacp_mux_state_name(enum lacp_mux_state s);
const char *lacp_select_name(enum lacp_select s);

#endif /* LACPD_LACP_H */
