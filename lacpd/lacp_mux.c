// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the Mux machine (802.1AX-2014 6.4.15), coupled and independent
 * control, and the Actor and Partner Churn Detection machines (6.4.17).
 *
 * Coupled control: DETACHED, WAITING, ATTACHED, COLLECTING_DISTRIBUTING:
 * collecting and distributing are turned on and off together, once the
 * partner is in sync. Independent control: ATTACHED, COLLECTING once the
 * partner is in sync, DISTRIBUTING once it also says it is collecting.
 */
#include "lacp_int.h"

#define MUX_BITS (LACP_STATE_SYNC | LACP_STATE_COLLECTING | \
		  LACP_STATE_DISTRIBUTING)

/* The actor state bits each Mux state sets. */
static uint8_t mux_bits(enum lacp_mux_state state)
{
	switch (state) {
	case LACP_MUX_DETACHED:
	case LACP_MUX_WAITING:
		return 0;
	case LACP_MUX_ATTACHED:
		return LACP_STATE_SYNC;
	case LACP_MUX_COLLECTING:
		return LACP_STATE_SYNC | LACP_STATE_COLLECTING;
	case LACP_MUX_DISTRIBUTING:
	case LACP_MUX_COLL_DIST:
		return MUX_BITS;
	}
	return 0;
}

static void mux_enter(struct lacp_port *port, enum lacp_mux_state state,
		      uint64_t now)
{
	port->mux = state;
	port->wait_while = LACP_NEVER;
	/* Detached and UNSELECTED: the Selection Logic places it anew. */
	if (state == LACP_MUX_DETACHED && port->selected == LACP_UNSELECTED)
		port->sys->reselect = true;
	if (state == LACP_MUX_WAITING) {
		port->wait_while = now + LACP_AGGREGATE_WAIT_TIME;
		port->ready_n = false;
	} else {
		/* Every other state changes what the partner must know. */
		port->ntt = true;
	}
	port->actor.state = (port->actor.state & ~MUX_BITS) | mux_bits(state);
}

static enum lacp_mux_state mux_next(const struct lacp_port *port)
{
	bool selected = port->selected == LACP_SELECTED;
	bool sync = port->partner.state & LACP_STATE_SYNC;
	bool collecting = port->partner.state & LACP_STATE_COLLECTING;
	bool coupled = port->sys->cfg.coupled;

	switch (port->mux) {
	case LACP_MUX_DETACHED:
		if (port->selected != LACP_UNSELECTED)
			return LACP_MUX_WAITING;
		break;
	case LACP_MUX_WAITING:
		if (port->selected == LACP_UNSELECTED)
			return LACP_MUX_DETACHED;
		if (selected && lacp_agg_ready(port))
			return LACP_MUX_ATTACHED;
		break;
	case LACP_MUX_ATTACHED:
		if (!selected)
			return LACP_MUX_DETACHED;
		if (sync)
			return coupled ? LACP_MUX_COLL_DIST :
					 LACP_MUX_COLLECTING;
		break;
	case LACP_MUX_COLLECTING:
		if (!selected || !sync)
			return LACP_MUX_ATTACHED;
		if (collecting)
			return LACP_MUX_DISTRIBUTING;
		break;
	case LACP_MUX_DISTRIBUTING:
		if (!selected || !sync || !collecting)
			return LACP_MUX_COLLECTING;
		break;
	case LACP_MUX_COLL_DIST:
		if (!selected || !sync)
			return LACP_MUX_ATTACHED;
		break;
	}
	return port->mux;
}

void lacp_mux_init(struct lacp_port *port)
{
	mux_enter(port, LACP_MUX_DETACHED, 0);
	port->actor_churn = LACP_CHURN_MONITOR;
	port->partner_churn = LACP_CHURN_MONITOR;
	port->actor_churn_timer = LACP_NEVER;
	port->partner_churn_timer = LACP_NEVER;
}

bool lacp_mux_step(struct lacp_port *port, uint64_t now)
{
	enum lacp_mux_state next;
	bool changed = false;
	int i;

	if (port->mux == LACP_MUX_WAITING &&
	    lacp_expired(port->wait_while, now)) {
		port->wait_while = LACP_NEVER;
		port->ready_n = true;
		changed = true;
	}
	for (i = 0; i < 8; i++) {
		next = mux_next(port);
		if (next == port->mux)
			break;
		mux_enter(port, next, now);
		changed = true;
	}
	return changed;
}

/* coupled_control changed: carry a collecting port over to the other set. */
void lacp_mux_recouple(struct lacp_port *port, uint64_t now)
{
	bool coupled = port->sys->cfg.coupled;

	if (coupled && (port->mux == LACP_MUX_COLLECTING ||
			port->mux == LACP_MUX_DISTRIBUTING))
		mux_enter(port, LACP_MUX_COLL_DIST, now);
	else if (!coupled && port->mux == LACP_MUX_COLL_DIST)
		mux_enter(port, LACP_MUX_DISTRIBUTING, now);
}

/* Resume: put the Mux where the seeded actor state bits say it was. */
void lacp_mux_resume(struct lacp_port *port)
{
	uint8_t st = port->actor.state;
	bool coupled = port->sys->cfg.coupled;

	if (st & LACP_STATE_DISTRIBUTING)
		port->mux = coupled ? LACP_MUX_COLL_DIST :
				      LACP_MUX_DISTRIBUTING;
	else if ((st & LACP_STATE_COLLECTING) && !coupled)
		port->mux = LACP_MUX_COLLECTING;
	else if (st & LACP_STATE_SYNC)
		port->mux = LACP_MUX_ATTACHED;
	else
		port->mux = LACP_MUX_WAITING;
	/* Waited before the restart: no second aggregate wait. */
	port->ready_n = true;
	port->wait_while = LACP_NEVER;
	port->actor.state = (st & ~MUX_BITS) | mux_bits(port->mux);
}

/*
 * One Churn Detection machine: MONITOR while out of sync, for at most
 * Churn_Detection_Time, then CHURNED (counted); NONE while in sync. A
 * disabled port stays in MONITOR with the timer stopped.
 */
static bool churn_step(enum lacp_churn *state, uint64_t *timer,
		       uint32_t *count, bool enabled, bool sync, uint64_t now)
{
	enum lacp_churn old = *state;

	if (!enabled) {
		*state = LACP_CHURN_MONITOR;
		*timer = LACP_NEVER;
		return old != *state;
	}
	switch (*state) {
	case LACP_CHURN_MONITOR:
		if (sync) {
			*state = LACP_CHURN_NONE;
			*timer = LACP_NEVER;
		} else if (*timer == LACP_NEVER) {
			*timer = now + LACP_CHURN_DETECTION_TIME;
		} else if (lacp_expired(*timer, now)) {
			*state = LACP_CHURN_CHURNED;
			*timer = LACP_NEVER;
			(*count)++;
		}
		break;
	case LACP_CHURN_NONE:
		if (!sync) {
			*state = LACP_CHURN_MONITOR;
			*timer = now + LACP_CHURN_DETECTION_TIME;
		}
		break;
	case LACP_CHURN_CHURNED:
		if (sync)
			*state = LACP_CHURN_NONE;
		break;
	}
	return old != *state;
}

bool lacp_churn_step(struct lacp_port *port, uint64_t now)
{
	bool changed;

	changed = churn_step(&port->actor_churn, &port->actor_churn_timer,
			     &port->actor_churn_count, port->port_enabled,
			     port->actor.state & LACP_STATE_SYNC, now);
	changed |= churn_step(&port->partner_churn,
			      &port->partner_churn_timer,
			      &port->partner_churn_count, port->port_enabled,
			      port->partner.state & LACP_STATE_SYNC, now);
	return changed;
}

uint64_t lacp_mux_deadline(const struct lacp_port *port)
{
	uint64_t t = port->wait_while;

	t = lacp_min(t, port->actor_churn_timer);
	return lacp_min(t, port->partner_churn_timer);
}
