// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: a port's state as the LACP core shows it (struct lacp_port_state):
 * building it, reporting its changes, reading it, and resuming a port from
 * it after a restart. Names of the states, for logs.
 */
#include <errno.h>
#include <string.h>

#include "lacp_int.h"

/*
 * Bonding's fallback: the active aggregator has no partner, the port has
 * heard none for a whole timeout (or cannot run LACP) and is attached.
 */
static bool port_fallback(const struct lacp_port *port)
{
	const struct lacp_sys *sys = port->sys;

	return sys->cfg.fallback && port->agg && port->agg == sys->active &&
	       !lacp_agg_has_partner(port->agg) && port->port_enabled &&
	       (port->rx == LACP_RX_DEFAULTED ||
		port->rx == LACP_RX_LACP_DISABLED) &&
	       port->mux == LACP_MUX_ATTACHED;
}

void lacp_port_export(const struct lacp_port *port, struct lacp_port_state *st)
{
	bool fallback = port_fallback(port);

	memset(st, 0, sizeof(*st));
	st->agg_id = port->agg ? port->agg->id : 0;
	st->agg_active = port->agg && port->agg == port->sys->active;
	st->selected = port->selected;
	st->collecting = fallback ||
			 (port->actor.state & LACP_STATE_COLLECTING);
	st->distributing = fallback ||
			   (port->actor.state & LACP_STATE_DISTRIBUTING);
	st->fallback = fallback;
	st->actor = port->actor;
	st->partner = port->partner;
	st->actor_churn = port->actor_churn;
	st->partner_churn = port->partner_churn;
	st->actor_churn_count = port->actor_churn_count;
	st->partner_churn_count = port->partner_churn_count;
	st->rx = port->rx;
	st->mux = port->mux;
	st->counters = port->counters;
}

static bool info_equal(const struct lacp_info *a, const struct lacp_info *b)
{
	return a->system_prio == b->system_prio &&
	       !memcmp(a->system, b->system, LACP_ETH_ALEN) &&
	       a->key == b->key && a->port_prio == b->port_prio &&
	       a->port == b->port && a->state == b->state;
}

/* Equal but for the counters. */
static bool state_equal(const struct lacp_port_state *a,
			const struct lacp_port_state *b)
{
	return a->agg_id == b->agg_id && a->agg_active == b->agg_active &&
	       a->selected == b->selected && a->collecting == b->collecting &&
	       a->distributing == b->distributing &&
	       a->fallback == b->fallback &&
	       info_equal(&a->actor, &b->actor) &&
	       info_equal(&a->partner, &b->partner) &&
	       a->actor_churn == b->actor_churn &&
	       a->partner_churn == b->partner_churn &&
	       a->actor_churn_count == b->actor_churn_count &&
	       a->partner_churn_count == b->partner_churn_count &&
	       a->rx == b->rx && a->mux == b->mux;
}

void lacp_port_report(struct lacp_port *port)
{
	const struct lacp_sys *sys = port->sys;
	struct lacp_port_state st;

	lacp_port_export(port, &st);
	if (port->reported_valid && state_equal(&st, &port->reported))
		return;
	port->reported = st;
	port->reported_valid = true;
	if (sys->ops.port_state)
		sys->ops.port_state(sys->ctx, port->ifindex, &st);
}

/*
 * Would reporting @port now turn its collecting or distributing off?
 * lacp_run() reports such ports first. A port never reported may have
 * either on in the driver (kept from before a restart that could not
 * resume it): its first report stops it unless it has both on.
 */
bool lacp_port_stops(const struct lacp_port *port)
{
	struct lacp_port_state st;

	lacp_port_export(port, &st);
	if (!port->reported_valid)
		return !st.collecting || !st.distributing;
	return (port->reported.collecting && !st.collecting) ||
	       (port->reported.distributing && !st.distributing);
}

int lacp_port_get(const struct lacp_sys *sys, uint32_t ifindex,
		  struct lacp_port_state *st)
{
	const struct lacp_port *port = lacp_port_find(sys, ifindex);

	if (!port)
		return -ENOENT;
	lacp_port_export(port, st);
	return 0;
}

bool lacp_port_knows(const struct lacp_sys *sys, uint32_t ifindex,
		     const struct lacpdu *pdu)
{
	const struct lacp_port *port = lacp_port_find(sys, ifindex);
	const struct lacp_info *a = &pdu->actor, *p;

	if (!port || (port->rx != LACP_RX_CURRENT &&
		      port->rx != LACP_RX_EXPIRED))
		return false;
	p = &port->partner;
	return a->system_prio == p->system_prio &&
	       !memcmp(a->system, p->system, LACP_ETH_ALEN) &&
	       a->key == p->key && a->port_prio == p->port_prio &&
	       a->port == p->port;
}

int lacp_agg_get(const struct lacp_sys *sys, uint16_t id,
		 struct lacp_agg_info *info)
{
	size_t i;

	for (i = 0; id && i < sys->naggs; i++) {
		if (sys->aggs[i]->ports && sys->aggs[i]->id == id) {
			lacp_agg_info(sys, sys->aggs[i], info);
			return 0;
		}
	}
	return -ENOENT;
}

uint16_t lacp_active_agg(const struct lacp_sys *sys)
{
	return sys->active ? sys->active->id : 0;
}

/*
 * Put @port back into aggregator @id: the one in use with that id if the
 * port belongs to its LAG, else a free one given that id. NULL if neither.
 */
static struct lacp_agg *resume_agg(struct lacp_sys *sys,
				   struct lacp_port *port, uint16_t id)
{
	size_t i;

	for (i = 0; i < sys->naggs; i++) {
		struct lacp_agg *agg = sys->aggs[i];

		if (!agg->ports || agg->id != id)
			continue;
		if (agg->individual ||
		    !(port->partner.state & LACP_STATE_AGGREGATION) ||
		    agg->actor_key != port->actor.key ||
		    agg->partner_key != port->partner.key ||
		    agg->partner_sys_prio != port->partner.system_prio ||
		    memcmp(agg->partner_system, port->partner.system,
			   LACP_ETH_ALEN))
			return NULL;
		lacp_agg_join(agg, port);
		return agg;
	}
	return lacp_agg_claim(sys, port, id);
}

/* Whether @saved describes @port as it is now configured. */
static bool resume_fits(const struct lacp_port *port,
			const struct lacp_port_state *saved)
{
	const struct lacp_info *a = &port->actor, *s = &saved->actor;
	static const uint8_t zero[LACP_ETH_ALEN];

	return saved->agg_id && saved->selected != LACP_UNSELECTED &&
	       port->port_enabled && port->lacp_enabled &&
	       s->system_prio == a->system_prio &&
	       !memcmp(s->system, a->system, LACP_ETH_ALEN) &&
	       s->key == a->key && s->port == a->port &&
	       !(s->state & LACP_STATE_DEFAULTED) &&
	       memcmp(saved->partner.system, zero, LACP_ETH_ALEN);
}

static void resume_seed(struct lacp_port *port,
			const struct lacp_port_state *saved, uint64_t now)
{
	const uint8_t mux_bits = LACP_STATE_SYNC | LACP_STATE_COLLECTING |
				 LACP_STATE_DISTRIBUTING;
	struct lacp_sys *sys = port->sys;
	uint64_t timeout;

	/* Receive: CURRENT, the partner given a whole timeout to speak. */
	port->partner = saved->partner;
	port->actor.state &= ~(LACP_STATE_DEFAULTED | LACP_STATE_EXPIRED);
	port->actor.state |= saved->actor.state & mux_bits;
	port->rx = LACP_RX_CURRENT;
	lacp_port_disabled_update(port);
	timeout = port->actor.state & LACP_STATE_TIMEOUT ?
		  LACP_SHORT_TIMEOUT_TIME : LACP_LONG_TIMEOUT_TIME;
	port->current_while = now + timeout;

	/* Only the active aggregator's ports are SELECTED. */
	port->selected = saved->selected;
	if (saved->agg_active || saved->selected == LACP_SELECTED)
		sys->active = port->agg;
	lacp_mux_resume(port);
	port->ntt = true;

	port->actor_churn = saved->actor_churn;
	port->partner_churn = saved->partner_churn;
	port->actor_churn_count = saved->actor_churn_count;
	port->partner_churn_count = saved->partner_churn_count;
	port->counters = saved->counters;

	/* What the driver holds already needs no report. */
	port->reported = *saved;
	port->reported.rx = port->rx;
	port->reported.mux = port->mux;
	port->reported_valid = true;
}

int lacp_port_resume(struct lacp_sys *sys, uint32_t ifindex, uint16_t number,
		     uint16_t prio, const struct lacp_link *link,
		     const struct lacp_port_state *saved, uint64_t now)
{
	struct lacp_port *port;
	int err;

	err = lacp_port_new(sys, ifindex, number, prio, link, &port);
	if (err)
		return err;
	sys->pending = true;
	if (!resume_fits(port, saved))
		return 0;
	port->partner = saved->partner;
	if (!resume_agg(sys, port, saved->agg_id)) {
		lacp_rx_init(port);	/* back to the partner defaults */
		return 0;
	}
	resume_seed(port, saved, now);
	return 0;
}

const char *lacp_selected_name(enum lacp_selected s)
{
	switch (s) {
	case LACP_UNSELECTED:
		return "unselected";
	case LACP_SELECTED:
		return "selected";
	case LACP_STANDBY:
		return "standby";
	}
	return "?";
}

const char *lacp_churn_name(enum lacp_churn c)
{
	switch (c) {
	case LACP_CHURN_MONITOR:
		return "monitoring";
	case LACP_CHURN_CHURNED:
		return "churned";
	case LACP_CHURN_NONE:
		return "none";
	}
	return "?";
}

const char *lacp_rx_state_name(enum lacp_rx_state s)
{
	switch (s) {
	case LACP_RX_INITIALIZE:
		return "initialize";
	case LACP_RX_PORT_DISABLED:
		return "port-disabled";
	case LACP_RX_EXPIRED:
		return "expired";
	case LACP_RX_LACP_DISABLED:
		return "lacp-disabled";
	case LACP_RX_DEFAULTED:
		return "defaulted";
	case LACP_RX_CURRENT:
		return "current";
	}
	return "?";
}

const char *lacp_mux_state_name(enum lacp_mux_state s)
{
	switch (s) {
	case LACP_MUX_DETACHED:
		return "detached";
	case LACP_MUX_WAITING:
		return "waiting";
	case LACP_MUX_ATTACHED:
		return "attached";
	case LACP_MUX_COLLECTING:
		return "collecting";
	case LACP_MUX_DISTRIBUTING:
		return "distributing";
	case LACP_MUX_COLL_DIST:
		return "coll-dist";
	}
	return "?";
}

const char *lacp_select_name(enum lacp_select s)
{
	switch (s) {
	case LACP_SELECT_STABLE:
		return "stable";
	case LACP_SELECT_BANDWIDTH:
		return "bandwidth";
	case LACP_SELECT_COUNT:
		return "count";
	}
	return "?";
}
