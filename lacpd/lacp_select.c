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
#include <stdlib.h>
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

/* @port selects @agg: it joins the list of its members. */
void lacp_agg_join(struct lacp_agg *agg, struct lacp_port *port)
{
	port->agg = agg;
	port->agg_prev = NULL;
	port->agg_next = agg->members;
	if (agg->members)
		agg->members->agg_prev = port;
	agg->members = port;
	agg->ports++;
}

/*
 * Mark every member of @agg dirty: something all of them report, or
 * depend on, changed. Only @waiting: those in Mux WAITING, for whom
 * only the aggregator's Ready matters.
 */
static void agg_dirty(struct lacp_agg *agg, bool waiting)
{
	struct lacp_port *port;

	for (port = agg->members; port; port = port->agg_next)
		if (!waiting || port->mux == LACP_MUX_WAITING)
			lacp_port_dirty(port);
}

/*
 * @port no longer holds back its aggregator. The last one to stop
 * makes it Ready: its waiting ports may attach.
 */
static void unready_leave(struct lacp_port *port)
{
	struct lacp_agg *agg = port->unready_in;

	if (!agg)
		return;
	port->unready_in = NULL;
	if (!--agg->unready)
		agg_dirty(agg, true);
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

	if (id && id_set_has(&sys->agg_ids, id))
		return NULL;
	for (i = 0; i < sys->naggs && !agg; i++)
		if (!sys->aggs[i]->ports)
			agg = sys->aggs[i];
	if (!agg)
		return NULL;	/* cannot be: one aggregator per port */
	if (!id)
		id = id_set_lowest_free(&sys->agg_ids);
	agg->id = id;
	id_set_put(&sys->agg_ids, id, true);
	agg->individual = port_individual(port);
	agg->actor_key = port->actor.key;
	agg->partner_sys_prio = port->partner.system_prio;
	memcpy(agg->partner_system, port->partner.system, LACP_ETH_ALEN);
	agg->partner_key = port->partner.key;
	agg->ports = 0;
	agg->members = NULL;
	lacp_agg_join(agg, port);
	return agg;
}

void lacp_agg_release(struct lacp_port *port)
{
	struct lacp_agg *agg = port->agg;

	if (!agg)
		return;
	if (port->agg_prev)
		port->agg_prev->agg_next = port->agg_next;
	else
		agg->members = port->agg_next;
	if (port->agg_next)
		port->agg_next->agg_prev = port->agg_prev;
	port->agg_next = NULL;
	port->agg_prev = NULL;
	/* Out of the list first: what wakes the others is not for it. */
	unready_leave(port);
	port->agg = NULL;
	if (--agg->ports)
		return;
	id_set_put(&port->sys->agg_ids, agg->id, false);
	agg->id = 0;
	if (port->sys->active == agg)
		port->sys->active = NULL;
}

static void select_aggregator(struct lacp_sys *sys, struct lacp_port *port)
{
	size_t i;

	for (i = 0; i < sys->naggs; i++) {
		if (agg_fits(sys->aggs[i], port)) {
			lacp_agg_join(sys->aggs[i], port);
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
static bool port_unready(const struct lacp_port *port)
{
	return port->agg && port->mux == LACP_MUX_WAITING &&
	       port->selected != LACP_STANDBY && !port->ready_n;
}

/*
 * Each aggregator's count of the ports that hold it back, so that asking
 * costs the same whatever the number of ports. Counted afresh when ports
 * are resumed, and kept up to date by lacp_agg_recount() after anything
 * that may change a port's part in it (its Selected, aggregator, Mux
 * state or Ready_N): a Receive or Mux step, the Selection Logic.
 */
void lacp_agg_count_unready(struct lacp_sys *sys)
{
	size_t i;

	for (i = 0; i < sys->naggs; i++)
		sys->aggs[i]->unready = 0;
	for (i = 0; i < sys->nports; i++) {
		struct lacp_port *port = sys->ports[i];

		port->unready_in = port_unready(port) ? port->agg : NULL;
		if (port->unready_in)
			port->unready_in->unready++;
	}
}

void lacp_agg_recount(struct lacp_port *port)
{
	struct lacp_agg *agg = port_unready(port) ? port->agg : NULL;

	if (agg == port->unready_in)
		return;
	unready_leave(port);
	port->unready_in = agg;
	if (agg)
		agg->unready++;
}

/* Ready for @port: no port of its aggregator, itself included, is held. */
bool lacp_agg_ready(const struct lacp_port *port)
{
	uint32_t others = port->agg->unready;

	if (port->unready_in == port->agg)
		others--;
	return !others && !port_unready(port);
}

/* The fields of @info that do not depend on the ports' links. */
static void agg_info_fill(const struct lacp_sys *sys,
			  const struct lacp_agg *agg,
			  struct lacp_agg_info *info)
{
	memset(info, 0, sizeof(*info));
	info->id = agg->id;
	info->active = agg == sys->active;
	info->individual = agg->individual;
	info->actor_key = agg->actor_key;
	info->partner_sys_prio = agg->partner_sys_prio;
	memcpy(info->partner_system, agg->partner_system, LACP_ETH_ALEN);
	info->partner_key = agg->partner_key;
	info->ports = agg->ports;
}

void lacp_agg_info(const struct lacp_sys *sys, const struct lacp_agg *agg,
		   struct lacp_agg_info *info)
{
	const struct lacp_port *port;

	agg_info_fill(sys, agg, info);
	for (port = agg->members; port; port = port->agg_next) {
		if (!port->port_enabled)
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

/* Every aggregator's links up and bandwidth, in one pass over the ports. */
static void tally_links(struct lacp_sys *sys)
{
	size_t i;

	for (i = 0; i < sys->naggs; i++) {
		sys->aggs[i]->ports_up = 0;
		sys->aggs[i]->bandwidth_mbps = 0;
	}
	for (i = 0; i < sys->nports; i++) {
		const struct lacp_port *port = sys->ports[i];

		if (!port->agg || !port->port_enabled)
			continue;
		port->agg->ports_up++;
		port->agg->bandwidth_mbps += port->link.speed_mbps;
	}
}

/* lacp_agg_info() from the tallies. */
static void tallied_info(const struct lacp_sys *sys,
			 const struct lacp_agg *agg,
			 struct lacp_agg_info *info)
{
	agg_info_fill(sys, agg, info);
	info->ports_up = agg->ports_up;
	info->bandwidth_mbps = agg->bandwidth_mbps;
}

static struct lacp_agg *choose_active(struct lacp_sys *sys)
{
	struct lacp_agg_info cur_info, best_info, info;
	struct lacp_agg *cur = sys->active, *best = NULL;
	size_t i;
	int cmp;

	tally_links(sys);
	for (i = 0; i < sys->naggs; i++) {
		struct lacp_agg *agg = sys->aggs[i];

		if (!agg->ports)
			continue;
		tallied_info(sys, agg, &info);
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
	tallied_info(sys, cur, &cur_info);
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

static int by_rank(const void *a, const void *b)
{
	const struct lacp_port *pa = *(struct lacp_port *const *)a;
	const struct lacp_port *pb = *(struct lacp_port *const *)b;

	return pa->rank < pb->rank ? -1 : pa->rank > pb->rank;
}

/*
 * Mark the ports of @active that are among its first cfg.max_ports (all
 * of them when there is no limit). Ports that the Selection Logic has not
 * placed yet (UNSELECTED) take no place. Ranks are unique: they end with
 * the actor's port number.
 */
static void mark_limit(struct lacp_sys *sys, struct lacp_agg *active)
{
	bool by_actor = active && actor_decides(sys, active);
	size_t i, n = 0;

	for (i = 0; i < sys->nports; i++) {
		struct lacp_port *port = sys->ports[i];

		port->in_limit = !sys->cfg.max_ports;
		if (!sys->cfg.max_ports || !active || port->agg != active ||
		    port->selected == LACP_UNSELECTED)
			continue;
		port->rank = port_rank(port, by_actor);
		sys->by_rank[n++] = port;
	}
	if (!n)
		return;
	qsort(sys->by_rank, n, sizeof(*sys->by_rank), by_rank);
	for (i = 0; i < n && i < sys->cfg.max_ports; i++)
		sys->by_rank[i]->in_limit = true;
}

/*
 * The active aggregator moves from @old to @active: what their ports
 * report changes (agg_active, the fallback).
 */
static void active_moved(struct lacp_agg *old, struct lacp_agg *active)
{
	if (old)
		agg_dirty(old, false);
	if (active)
		agg_dirty(active, false);
}

/*
 * Every port the Selection Logic changes (its aggregator or Selected) is
 * marked dirty, and its part in its aggregator's Ready recounted, so
 * that lacp_run() steps it; all ports of the aggregators that become or
 * cease to be the active one, too.
 */
bool lacp_select(struct lacp_sys *sys)
{
	struct lacp_agg *old = sys->active, *active;
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
		lacp_port_dirty(port);
		lacp_agg_recount(port);
		changed = true;
	}

	active = choose_active(sys);
	if (active != sys->active || active != old) {
		changed |= active != sys->active;
		sys->active = active;
		active_moved(old, active);
	}

	mark_limit(sys, active);
	for (i = 0; i < sys->nports; i++) {
		struct lacp_port *port = sys->ports[i];

		if (port->selected == LACP_UNSELECTED)
			continue;
		want = port->agg == active && port->in_limit ?
		       LACP_SELECTED : LACP_STANDBY;
		if (port->selected != want) {
			port->selected = want;
			lacp_port_dirty(port);
			lacp_agg_recount(port);
			changed = true;
		}
	}
	return changed;
}
