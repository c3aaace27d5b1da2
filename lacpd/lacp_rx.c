// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the Receive machine of 802.1AX-2014 6.4.12, with the functions
 * it calls: recordPDU, recordDefault, update_Selected,
 * update_Default_Selected and update_NTT (6.4.9).
 */
#include <string.h>

#include "lacp_int.h"

/*
 * Partner_Admin_*: what a port assumes of a partner it has not heard from.
 * No system, passive, individual, out of sync: such a port neither
 * prompts a passive actor to talk nor aggregates. Its timeout is the
 * actor's own lacp_rate (lacp_record_default()), so that a port with no
 * partner keeps sending at the configured rate.
 */
static const struct lacp_info partner_admin = {
	.system_prio = 0xffff,
	.key = 1,
	.port_prio = 0xff,
	.port = 1,
	.state = 0,
};

/* The fields that name a port and its LAG; @state_mask: the bits too. */
static bool info_same(const struct lacp_info *a, const struct lacp_info *b,
		      uint8_t state_mask)
{
	return a->port == b->port && a->port_prio == b->port_prio &&
	       a->system_prio == b->system_prio && a->key == b->key &&
	       !memcmp(a->system, b->system, LACP_ETH_ALEN) &&
	       !((a->state ^ b->state) & state_mask);
}

void lacp_record_default(struct lacp_port *port)
{
	port->partner = partner_admin;
	if (port->sys->cfg.fast)
		port->partner.state |= LACP_STATE_TIMEOUT;
	port->actor.state |= LACP_STATE_DEFAULTED;
}

static void record_pdu(struct lacp_port *port, const struct lacpdu *pdu)
{
	uint8_t st = pdu->actor.state;
	bool sync;

	/*
	 * The partner is in sync if it says so and has our information
	 * right, or if it says so of an individual link.
	 */
	sync = (info_same(&pdu->partner, &port->actor,
			  LACP_STATE_AGGREGATION) && (st & LACP_STATE_SYNC)) ||
	       (!(st & LACP_STATE_AGGREGATION) && (st & LACP_STATE_SYNC));
	port->partner = pdu->actor;
	port->partner.state &= ~LACP_STATE_SYNC;
	if (sync)
		port->partner.state |= LACP_STATE_SYNC;
	port->actor.state &= ~LACP_STATE_DEFAULTED;
}

/* A LAG ID change of the partner takes the port out of its aggregator. */
static void update_selected(struct lacp_port *port, const struct lacpdu *pdu)
{
	if (!info_same(&pdu->actor, &port->partner, LACP_STATE_AGGREGATION))
		lacp_unselect(port);
}

static void update_default_selected(struct lacp_port *port)
{
	if (!info_same(&partner_admin, &port->partner, LACP_STATE_AGGREGATION))
		lacp_unselect(port);
}

/* The partner has our information wrong: tell it again. */
static void update_ntt(struct lacp_port *port, const struct lacpdu *pdu)
{
	const uint8_t mask = LACP_STATE_ACTIVITY | LACP_STATE_TIMEOUT |
			     LACP_STATE_SYNC | LACP_STATE_AGGREGATION;

	if (!info_same(&pdu->partner, &port->actor, mask))
		port->ntt = true;
}

static void rx_enter(struct lacp_port *port, enum lacp_rx_state state,
		     uint64_t now)
{
	port->rx = state;
	lacp_port_disabled_update(port);
	port->current_while = LACP_NEVER;
	switch (state) {
	case LACP_RX_INITIALIZE:
		lacp_unselect(port);
		lacp_record_default(port);
		port->actor.state &= ~LACP_STATE_EXPIRED;
		port->port_moved = false;
		break;
	case LACP_RX_PORT_DISABLED:
		port->partner.state &= ~LACP_STATE_SYNC;
		break;
	case LACP_RX_EXPIRED:
		port->partner.state &= ~LACP_STATE_SYNC;
		port->partner.state |= LACP_STATE_TIMEOUT;
		port->current_while = now + LACP_SHORT_TIMEOUT_TIME;
		port->actor.state |= LACP_STATE_EXPIRED;
		break;
	case LACP_RX_LACP_DISABLED:
		lacp_unselect(port);
		lacp_record_default(port);
		port->partner.state &= ~LACP_STATE_AGGREGATION;
		port->actor.state &= ~LACP_STATE_EXPIRED;
		break;
	case LACP_RX_DEFAULTED:
		update_default_selected(port);
		lacp_record_default(port);
		port->actor.state &= ~LACP_STATE_EXPIRED;
		break;
	case LACP_RX_CURRENT:
		break;		/* entered by lacp_rx_pdu() only */
	}
}

/* Where the machine goes from its state; itself when it stays. */
static enum lacp_rx_state rx_next(const struct lacp_port *port, uint64_t now)
{
	if (!port->port_enabled && !port->port_moved &&
	    port->rx != LACP_RX_INITIALIZE)
		return LACP_RX_PORT_DISABLED;

	switch (port->rx) {
	case LACP_RX_INITIALIZE:
		return LACP_RX_PORT_DISABLED;
	case LACP_RX_PORT_DISABLED:
		if (port->port_moved)
			return LACP_RX_INITIALIZE;
		if (port->port_enabled)
			return port->lacp_enabled ? LACP_RX_EXPIRED :
						    LACP_RX_LACP_DISABLED;
		break;
	case LACP_RX_LACP_DISABLED:
		if (port->lacp_enabled)
			return LACP_RX_PORT_DISABLED;
		break;
	case LACP_RX_EXPIRED:
	case LACP_RX_CURRENT:
	case LACP_RX_DEFAULTED:
		/* A link turned half duplex: start over as LACP_DISABLED. */
		if (!port->lacp_enabled)
			return LACP_RX_PORT_DISABLED;
		if (!lacp_expired(port->current_while, now))
			break;
		return port->rx == LACP_RX_CURRENT ? LACP_RX_EXPIRED :
						     LACP_RX_DEFAULTED;
	}
	return port->rx;
}

void lacp_rx_init(struct lacp_port *port)
{
	rx_enter(port, LACP_RX_INITIALIZE, 0);
}

bool lacp_rx_step(struct lacp_port *port, uint64_t now)
{
	enum lacp_rx_state next;
	bool changed = false;
	int i;

	/* A handful of transitions at most; the bound guards the loop. */
	for (i = 0; i < 8; i++) {
		next = rx_next(port, now);
		if (next == port->rx)
			break;
		rx_enter(port, next, now);
		changed = true;
	}
	return changed;
}

void lacp_rx_pdu(struct lacp_port *port, const struct lacpdu *pdu,
		 uint64_t now)
{
	uint64_t timeout;

	if (port->rx != LACP_RX_EXPIRED && port->rx != LACP_RX_CURRENT &&
	    port->rx != LACP_RX_DEFAULTED)
		return;
	update_selected(port, pdu);
	update_ntt(port, pdu);
	record_pdu(port, pdu);
	timeout = port->actor.state & LACP_STATE_TIMEOUT ?
		  LACP_SHORT_TIMEOUT_TIME : LACP_LONG_TIMEOUT_TIME;
	port->current_while = now + timeout;
	port->actor.state &= ~LACP_STATE_EXPIRED;
	port->rx = LACP_RX_CURRENT;
	lacp_port_disabled_update(port);
}

uint64_t lacp_rx_deadline(const struct lacp_port *port)
{
	return port->current_while;
}
