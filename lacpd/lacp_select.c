// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the Selection Logic (802.1AX-2014 6.4.14) and the bond's choice
 * of its active aggregator (ad_select).
 *
 * A port whose Selected is UNSELECTED and whose Mux has detached it picks
 * an aggregator: the one in use for its LAG ID if the port can aggregate,
 * otherwise a free one of its own. Then one aggregator is made active, by
 * the rules of Linux bonding's ad_select documentation:
 *
 *   - an aggregator with a port whose link is up beats one without;
 *   - an aggregatable group beats an individual link, and a group whose
 *     partner answered (a partner system) beats one without;
 *   - then stable and bandwidth compare the sum of the link speeds, count
 *     the number of ports with link up;
 *   - stable keeps the active aggregator while any of its links is up
 *     (unless it has no partner and the other has); bandwidth and count
 *     change whenever another one is strictly better;
 *   - ties go to the active aggregator, then to the lowest id.
 *
 * The ports of the active aggregator are SELECTED, all others STANDBY.
 * With a limit (cfg.max_ports), only that many of the active aggregator's
 * ports are SELECTED: 802.1AX-2014 6.4.14.1 has the Port Identifiers
 * (priority, then number, the lower the better) of the system with the
 * better System Identifier (priority, then address) decide, so that both
 * ends pick the same links. Ports with their link up come first. ad_select
 * compares the aggregators as if there were no limit.
 */
#include <string.h>

#include "lacp_int.h"

static bool mac_zero(const uint8_t *mac)
{
	static const uint8_t zero[LACP_ETH_ALEN];

	return !memcmp(mac, zero, LACP_ETH_ALEN);
}

bool lacp_agg_has_partner(const struct lacp_agg *agg)
{
	return !mac_zero(agg->partner_system);
}

/* A port aggregates only if both ends say so and it is not looped back. */
static bool port_individual(const struct lacp_port *port)
{
	return !(port->actor.state & LACP_STATE_AGGREGATION) ||
	       !(port->partner.state & LACP_STATE_AGGREGATION) ||
	       !memcmp(port->partner.system, port->sys->system, LACP_ETH_ALEN);
}

static bool agg_fits(const struct lacp_agg *agg, const struct lacp_port *port)
{
	return agg->ports && !agg->individual && !port_individual(port) &&
	       agg->actor_key == port->actor.key &&
	       agg->partner_key == port->partner.key &&
	       agg->partner_sys_prio == port->partner.system_prio &&
	       !memcmp(agg->partner_system, port->partner.system,
		       LACP_ETH_ALEN);
}

static bool id_used(const struct lacp_sys *sys, uint16_t id)
{
	size_t i;

	for (i = 0; i < sys->naggs; i++)
		if (sys->aggs[i]->ports && sys->aggs[i]->id == id)
			return true;
	return false;
}

/*
 * Give @port a free aggregator of its own, numbered @id if that is nonzero
 * (and free), else the lowest free number. NULL if @id is taken.
 */
struct lacp_agg *lacp_agg_claim(struct lacp_sys *sys, struct lacp_port *port,
				uint16_t id)
{
	struct lacp_agg *agg = NULL;
	size_t i;

	if (id && id_used(sys, id))
		return NULL;
	for (i = 0; i < sys->naggs && !agg; i++)
		if (!sys->aggs[i]->ports)
			agg = sys->aggs[i];
	if (!agg)
		return NULL;	/* cannot be: one aggregator per port */
	if (!id)
		for (id = 1; id_used(sys, id); id++)
			;
	agg->id = id;
	agg->individual = port_individual(port);
	agg->actor_key = port->actor.key;
	agg->partner_sys_prio = port->partner.system_prio;
	memcpy(agg->partner_system, port->partner.system, LACP_ETH_ALEN);
	agg->partner_key = port->partner.key;
	agg->ports = 1;
	port->agg = agg;
	return agg;
}

void lacp_agg_release(struct lacp_port *port)
{
	struct lacp_agg *agg = port->agg;

	if (!agg)
		return;
	port->agg = NULL;
	if (--agg->ports)
		return;
	agg->id = 0;
	if (port->sys->active == agg)
		port->sys->active = NULL;
}

static void select_aggregator(struct lacp_sys *sys, struct lacp_port *port)
{
	size_t i;

	for (i = 0; i < sys->naggs; i++) {
		if (agg_fits(sys->aggs[i], port)) {
			port->agg = sys->aggs[i];
			port->agg->ports++;
			return;
		}
	}
	lacp_agg_claim(sys, port, 0);
}

/*
 * Ready: every port waiting to attach to @agg has waited long enough. A
 * STANDBY port in WAITING is not waiting to attach (only a limit,
 * cfg.max_ports, leaves one in the active aggregator): a port just put
 * out of the limit, its link down perhaps, must not hold up the port
 * that takes its place.
 */
bool lacp_agg_ready(const struct lacp_sys *sys, const struct lacp_agg *agg)
{
	size_t i;

	for (i = 0; i < sys->nports; i++) {
		const struct lacp_port *port = sys->ports[i];

		if (port->agg == agg && port->mux == LACP_MUX_WAITING &&
		    port->selected != LACP_STANDBY && !port->ready_n)
			return false;
	}
	return true;
}

void lacp_agg_info(const struct lacp_sys *sys, const struct lacp_agg *agg,
		   struct lacp_agg_info *info)
{
	size_t i;

	memset(info, 0, sizeof(*info));
	info->id = agg->id;
	info->active = agg == sys->active;
	info->individual = agg->individual;
	info->actor_key = agg->actor_key;
	info->partner_sys_prio = agg->partner_sys_prio;
	memcpy(info->partner_system, agg->partner_system, LACP_ETH_ALEN);
	info->partner_key = agg->partner_key;
	info->ports = agg->ports;
	for (i = 0; i < sys->nports; i++) {
		const struct lacp_port *port = sys->ports[i];

		if (port->agg != agg || !port->port_enabled)
			continue;
		info->ports_up++;
		info->bandwidth_mbps += port->link.speed_mbps;
	}
}

/* >0 if @a is the better active aggregator, <0 if @b is, 0 for a tie. */
static int agg_compare(const struct lacp_sys *sys,
		       const struct lacp_agg_info *a,
		       const struct lacp_agg_info *b)
{
	bool a_partner = !mac_zero(a->partner_system);
	bool b_partner = !mac_zero(b->partner_system);

	if (a->individual != b->individual)
		return a->individual ? -1 : 1;
	if (a_partner != b_partner)
		return a_partner ? 1 : -1;
	if (sys->cfg.select == LACP_SELECT_COUNT) {
		if (a->ports_up != b->ports_up)
			return a->ports_up > b->ports_up ? 1 : -1;
	} else if (a->bandwidth_mbps != b->bandwidth_mbps) {
		return a->bandwidth_mbps > b->bandwidth_mbps ? 1 : -1;
	}
	return 0;
}

static struct lacp_agg *choose_active(struct lacp_sys *sys)
{
	struct lacp_agg_info cur_info, best_info, info;
	struct lacp_agg *cur = sys->active, *best = NULL;
	size_t i;
	int cmp;

	for (i = 0; i < sys->naggs; i++) {
		struct lacp_agg *agg = sys->aggs[i];

		if (!agg->ports)
			continue;
		lacp_agg_info(sys, agg, &info);
		if (!info.ports_up)
			continue;
		cmp = best ? agg_compare(sys, &info, &best_info) : 1;
		if (cmp > 0 || (cmp == 0 && agg->id < best->id)) {
			best = agg;
			best_info = info;
		}
	}
	if (!cur)
		return best;
	lacp_agg_info(sys, cur, &cur_info);
	if (!best || !cur_info.ports_up)
		return best ? best : cur;	/* nothing is up: keep it */
	if (sys->cfg.select == LACP_SELECT_STABLE &&
	    (lacp_agg_has_partner(cur) || !lacp_agg_has_partner(best)))
		return cur;
	return agg_compare(sys, &cur_info, &best_info) >= 0 ? cur : best;
}

/* Does this end's System Identifier beat the partner's of @agg? */
static bool actor_decides(const struct lacp_sys *sys,
			  const struct lacp_agg *agg)
{
	if (!lacp_agg_has_partner(agg))
		return true;
	if (sys->cfg.sys_prio != agg->partner_sys_prio)
		return sys->cfg.sys_prio < agg->partner_sys_prio;
	return memcmp(sys->system, agg->partner_system, LACP_ETH_ALEN) <= 0;
}

/* The order in which the ports of an aggregator get its places. */
static uint64_t port_rank(const struct lacp_port *port, bool by_actor)
{
	const struct lacp_info *id = by_actor ? &port->actor : &port->partner;

	return (uint64_t)!port->port_enabled << 48 |
	       (uint64_t)id->port_prio << 32 | (uint32_t)id->port << 16 |
	       port->actor.port;
}

/* Is @port, of the active aggregator, among its first cfg.max_ports? */
static bool within_limit(const struct lacp_sys *sys,
			 const struct lacp_port *port)
{
	bool by_actor = actor_decides(sys, port->agg);
	uint64_t rank = port_rank(port, by_actor);
	uint32_t ahead = 0;
	size_t i;

	if (!sys->cfg.max_ports)
		return true;
	for (i = 0; i < sys->nports; i++) {
		const struct lacp_port *other = sys->ports[i];

		if (other != port && other->agg == port->agg &&
		    other->selected != LACP_UNSELECTED &&
		    port_rank(other, by_actor) < rank)
			ahead++;
	}
	return ahead < sys->cfg.max_ports;
}

bool lacp_select(struct lacp_sys *sys)
{
	struct lacp_agg *active;
	enum lacp_selected want;
	bool changed = false;
	size_t i;

	for (i = 0; i < sys->nports; i++) {
		struct lacp_port *port = sys->ports[i];

		if (port->selected != LACP_UNSELECTED ||
		    port->mux != LACP_MUX_DETACHED)
			continue;
		lacp_agg_release(port);
		select_aggregator(sys, port);
		port->selected = LACP_STANDBY;
		changed = true;
	}

	active = choose_active(sys);
	if (active != sys->active) {
		sys->active = active;
		changed = true;
	}

	for (i = 0; i < sys->nports; i++) {
		struct lacp_port *port = sys->ports[i];

		if (port->selected == LACP_UNSELECTED)
			continue;
		want = port->agg == active && within_limit(sys, port) ?
		       LACP_SELECTED : LACP_STANDBY;
		if (port->selected != want) {
			port->selected = want;
			changed = true;
		}
	}
	return changed;
}
