// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the Periodic Transmit machine (802.1AX-2014 6.4.13), the
 * Transmit machine (6.4.16) and the Marker responder (6.5).
 *
 * Periodic Transmit sets NTT every fast periodic time while the partner
 * asks for short timeouts, every slow periodic time otherwise, and not at
 * all when neither end is active or the port cannot run LACP. Transmit
 * sends a LACPDU whenever NTT is set and periodic transmission is on, at
 * most LACP_TX_LIMIT in any LACP_FAST_PERIODIC_TIME: the last sends are
 * kept in a small ring, and a send the limit holds back stays pending
 * (NTT set) until the oldest of them is a whole interval old.
 */
#include "lacp_int.h"

static bool periodic_off(const struct lacp_port *port)
{
	return !port->port_enabled || !port->lacp_enabled ||
	       (!(port->actor.state & LACP_STATE_ACTIVITY) &&
		!(port->partner.state & LACP_STATE_ACTIVITY));
}

static void periodic_enter(struct lacp_port *port,
			   enum lacp_periodic_state state, uint64_t now)
{
	port->periodic = state;
	switch (state) {
	case LACP_PERIODIC_NONE:
		port->periodic_timer = LACP_NEVER;
		break;
	case LACP_PERIODIC_FAST:
		port->periodic_timer = now + LACP_FAST_PERIODIC_TIME;
		break;
	case LACP_PERIODIC_SLOW:
		port->periodic_timer = now + LACP_SLOW_PERIODIC_TIME;
		break;
	case LACP_PERIODIC_TX:
		port->periodic_timer = LACP_NEVER;
		port->ntt = true;
		break;
	}
}

static enum lacp_periodic_state periodic_next(const struct lacp_port *port,
					      uint64_t now)
{
	bool partner_short = port->partner.state & LACP_STATE_TIMEOUT;
	bool expired = lacp_expired(port->periodic_timer, now);

	if (periodic_off(port))
		return LACP_PERIODIC_NONE;
	switch (port->periodic) {
	case LACP_PERIODIC_NONE:
		return LACP_PERIODIC_FAST;
	case LACP_PERIODIC_FAST:
		if (expired)
			return LACP_PERIODIC_TX;
		if (!partner_short)
			return LACP_PERIODIC_SLOW;
		break;
	case LACP_PERIODIC_SLOW:
		if (expired || partner_short)
			return LACP_PERIODIC_TX;
		break;
	case LACP_PERIODIC_TX:
		return partner_short ? LACP_PERIODIC_FAST : LACP_PERIODIC_SLOW;
	}
	return port->periodic;
}

void lacp_periodic_init(struct lacp_port *port)
{
	periodic_enter(port, LACP_PERIODIC_NONE, 0);
}

bool lacp_periodic_step(struct lacp_port *port, uint64_t now)
{
	enum lacp_periodic_state next;
	bool changed = false;
	int i;

	for (i = 0; i < 8; i++) {
		next = periodic_next(port, now);
		if (next == port->periodic)
			break;
		periodic_enter(port, next, now);
		changed = true;
	}
	return changed;
}

/* When the rate limit lets the next LACPDU go; 0 if it does now. */
static uint64_t tx_allowed_at(const struct lacp_port *port)
{
	if (port->tx_count < LACP_TX_LIMIT)
		return 0;
	return port->tx_times[port->tx_next] + LACP_FAST_PERIODIC_TIME;
}

void lacp_tx_run(struct lacp_port *port, uint64_t now)
{
	struct lacp_sys *sys = port->sys;
	struct lacpdu pdu = { 0 };

	if (!port->ntt)
		return;
	if (port->periodic == LACP_PERIODIC_NONE) {
		/* Disabled, or both ends passive: nothing to say. */
		port->ntt = false;
		return;
	}
	if (tx_allowed_at(port) > now)
		return;

	pdu.actor = port->actor;
	pdu.partner = port->partner;
	pdu.collector_max_delay = 0;
	port->ntt = false;
	port->tx_times[port->tx_next] = now;
	port->tx_next = (port->tx_next + 1) % LACP_TX_LIMIT;
	if (port->tx_count < LACP_TX_LIMIT)
		port->tx_count++;
	port->counters.lacpdu_tx++;
	if (sys->ops.tx)
		sys->ops.tx(sys->ctx, port->ifindex, &pdu);
}

uint64_t lacp_tx_deadline(const struct lacp_port *port)
{
	uint64_t t = port->periodic_timer;

	if (port->ntt && port->periodic != LACP_PERIODIC_NONE)
		t = lacp_min(t, tx_allowed_at(port));
	return t;
}

void lacp_marker_rx(struct lacp_port *port, const struct marker_pdu *pdu)
{
	struct lacp_sys *sys = port->sys;
	struct marker_pdu resp;

	switch (pdu->tlv_type) {
	case MARKER_TLV_INFO:
		port->counters.marker_rx++;
		resp = *pdu;
		resp.tlv_type = MARKER_TLV_RESPONSE;
		port->counters.marker_resp_tx++;
		if (sys->ops.tx_marker)
			sys->ops.tx_marker(sys->ctx, port->ifindex, &resp);
		break;
	case MARKER_TLV_RESPONSE:
		port->counters.marker_resp_rx++;
		break;
	default:
		port->counters.marker_unknown_rx++;
		break;
	}
}
