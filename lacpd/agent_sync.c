// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the bonds and ports as the driver shows them. A read of a bond
 * (NBOND_CMD_GET, or the dump of all) creates, updates or drops the
 * agent's bond and its ports: a port's socket, its Actor_Port number and
 * its place in the core, resumed from the state the driver kept when the
 * previous lacpd left recently enough (resume_ok()).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ethtool.h>
#include <linux/nbond.h>

#include "agent_int.h"
#include "drv_state.h"
#include "lock.h"
#include "log.h"
#include "loop.h"
#include "port_io.h"

static void link_of(const struct drv_port *dp, struct lacp_link *link)
{
	link->up = dp->link == NBOND_LINK_STATE_UP ||
		   dp->link == NBOND_LINK_STATE_FAIL;
	link->full_duplex = dp->duplex == DUPLEX_FULL;
	link->speed_mbps = dp->speed == UINT32_MAX ? 0 : dp->speed;
}

static void config_of(const struct agent *a, const struct drv_bond *db,
		      struct lacp_config *cfg)
{
	lacp_config_init(cfg);
	cfg->max_ports = a->opt->max_ports;
	cfg->sys_prio = db->ad_actor_sys_prio;
	memcpy(cfg->system, db->ad_actor_system, LACP_ETH_ALEN);
	memcpy(cfg->bond_mac, db->hwaddr, LACP_ETH_ALEN);
	cfg->active = db->lacp_active;
	cfg->fast = db->lacp_rate;
	cfg->select = (enum lacp_select)db->ad_select;
	cfg->coupled = db->coupled_control;
	cfg->user_key = db->ad_user_port_key;
	/*
	 * lacp_fallback individual: against a silent or absent partner one
	 * port carries traffic, as bonding does against a switch without
	 * LACP; strict: none does, and the bond has no carrier.
	 */
	cfg->fallback = db->lacp_fallback != NBOND_LACP_FALLBACK_STRICT;
}

/*
 * A restart is hitless only if the partner still counts on the state the
 * driver kept: the last lacpd left less than the partner's timeout ago
 * (its current_while: short 3 s, long 90 s, counted from our last
 * LACPDU, which may have gone out a periodic interval before that lacpd
 * last managed the bond: 1 s to a short-timeout partner, 30 s to a long),
 * and the port's link did not change since (the partner may have moved
 * on). Otherwise the port negotiates afresh.
 */
static bool resume_ok(const struct abond *b, const struct drv_port *dp,
		      const struct lacp_port_state *saved, uint64_t now)
{
	uint64_t away = lock_away_ns(b->name), limit;

	limit = saved->partner.state & LACP_STATE_TIMEOUT ?
		LACP_SHORT_TIMEOUT_TIME - LACP_FAST_PERIODIC_TIME :
		LACP_LONG_TIMEOUT_TIME - LACP_SLOW_PERIODIC_TIME;
	if (away == UINT64_MAX) {
		log_info("%s: %s: no sign of the previous lacpd: negotiating afresh",
			 b->name, dp->name);
		return false;
	}
	if (away >= limit) {
		log_info("%s: %s: no lacpd for %llu s, past the partner's timeout: negotiating afresh",
			 b->name, dp->name,
			 (unsigned long long)(away / LACP_NSEC_PER_SEC));
		return false;
	}
	if (dp->link_changed_ns && now > dp->link_changed_ns &&
	    now - dp->link_changed_ns < away) {
		log_info("%s: %s: the link changed while no lacpd ran: negotiating afresh",
			 b->name, dp->name);
		return false;
	}
	return true;
}

static void port_free(struct agent *a, struct aport *p)
{
	agent_out_forget(a, p);
	if (p->partner_fd >= 0) {
		loop_del(a->loop, p->partner_fd);
		port_io_close(p->partner_fd);
	}
	if (p->fd >= 0) {
		loop_del(a->loop, p->fd);
		port_io_close(p->fd);
	}
	free(p);
}

/*
 * A port lacpd could not take on (no socket, no memory): nobody speaks
 * LACP on it, so what the driver kept for it must neither carry traffic
 * nor be resumed by the next lacpd. The next read tries the port again.
 */
static void forget_kept(struct agent *a, const struct drv_port *dp)
{
	struct drv_lacp st;

	if (!dp->has_lacp || !dp->lacp.aggregator)
		return;
	st = dp->lacp;
	st.aggregator = 0;
	st.selected = NBOND_LACP_UNSELECTED;
	st.collecting = false;
	st.distributing = false;
	drv_lacp_set(a->drv, dp->ifindex, &st);
}

static void port_new(struct abond *b, const struct drv_port *dp,
		     bool resume, uint64_t now)
{
	struct agent *a = b->agent;
	struct lacp_port_state saved;
	struct lacp_link link;
	struct aport *p;
	uint16_t kept;
	int err;

	p = calloc(1, sizeof(*p));
	if (!p)
		return;
	p->partner_fd = -1;
	p->bond = b;
	p->ifindex = dp->ifindex;
	p->added_ns = dp->added_ns;
	memcpy(p->name, dp->name, sizeof(p->name));
	memcpy(p->mac, dp->perm_addr, LACP_ETH_ALEN);
	p->seen = true;
	rx_limit_init(&p->strangers, "LACPDUs not from the partner",
		      "dropped", AGENT_STRANGERS_PER_SEC);
	rx_limit_init(&p->markers, "Marker PDUs", "dropped",
		      AGENT_MARKERS_PER_SEC);
	rx_limit_init(&p->junk, "malformed frames",
		      "counted, neither logged nor traced", AGENT_JUNK_PER_SEC);
	p->fd = port_io_open((int)dp->ifindex, dp->name);
	if (p->fd < 0 || loop_add(a->loop, p->fd, agent_port_readable, p) < 0)
		goto err;
	if (ifindex_map_put(&b->ports_by_ifindex, p->ifindex, p)) {
		log_err("%s: %s: out of memory", b->name, p->name);
		goto err;
	}

	link_of(dp, &link);
	/*
	 * The number the driver kept for the port, unless another port has
	 * it (bond_sync_ports() adds the ports that kept one first).
	 */
	kept = resume && dp->has_lacp && drv_state_to_lacp(&dp->lacp, &saved) ? saved.actor.port : 0;
	p->number = kept && !id_set_has(&b->numbers, kept) ?
		    kept : id_set_lowest_free(&b->numbers);
	if (kept && p->number == kept && resume_ok(b, dp, &saved, now)) {
		drv_state_from_lacp(&saved, &p->pushed);
		err = lacp_port_resume(b->sys, p->ifindex, p->number,
				       dp->ad_prio, &link, &saved, now);
		log_info("%s: %s: resumed in aggregator %u", b->name, p->name,
			 saved.agg_id);
	} else {
		err = lacp_port_add(b->sys, p->ifindex, p->number,
				    dp->ad_prio, &link, now);
	}
	if (err) {
		log_err("%s: %s: cannot add the port: %s", b->name, p->name,
			strerror(-err));
		goto err_unmap;
	}
	id_set_put(&b->numbers, p->number, true);
	p->next = b->ports;
	b->ports = p;
	return;
err_unmap:
	ifindex_map_del(&b->ports_by_ifindex, p->ifindex);
err:
	port_free(a, p);
	forget_kept(a, dp);
}

/* @p, unlinked from @b's list already, leaves @b. */
static void port_drop(struct abond *b, struct aport *p, uint64_t now)
{
	lacp_port_del(b->sys, p->ifindex, now);
	ifindex_map_del(&b->ports_by_ifindex, p->ifindex);
	id_set_put(&b->numbers, p->number, false);
	port_free(b->agent, p);
}

void agent_bond_free(struct agent *a, struct abond *b)
{
	struct aport *p, *next;

	for (p = b->ports; p; p = next) {
		next = p->next;
		port_free(a, p);
	}
	ifindex_map_free(&b->ports_by_ifindex);
	lacp_sys_free(b->sys);
	free(b);
}

/* Take @p out of @b's list (it stays in the core and the map). */
static void port_unlink(struct abond *b, struct aport *p)
{
	struct aport **pp;

	for (pp = &b->ports; *pp != p; pp = &(*pp)->next)
		;
	*pp = p->next;
}

/* The Actor_Port number the driver kept for @dp (a restart), or 0. */
static uint16_t kept_number(const struct drv_port *dp)
{
	struct lacp_port_state st;

	return dp->has_lacp && drv_state_to_lacp(&dp->lacp, &st) ?
	       st.actor.port : 0;
}

/* Bring @b's ports in line with the driver's view @db. */
static void bond_sync_ports(struct abond *b, const struct drv_bond *db,
			    bool resume, uint64_t now)
{
	const struct drv_port *dp;
	struct aport *p, **pp;
	struct lacp_link link;
	size_t i;

	for (p = b->ports; p; p = p->next)
		p->seen = false;
	/*
	 * On a restart, the ports that kept a number first: one that
	 * negotiates afresh must not take the number of one that resumes.
	 */
	for (i = 0; resume && i < db->n_ports; i++)
		if (!agent_find_port(b, db->ports[i].ifindex) &&
		    kept_number(&db->ports[i]))
			port_new(b, &db->ports[i], resume, now);
	for (i = 0; i < db->n_ports; i++) {
		dp = &db->ports[i];
		p = agent_find_port(b, dp->ifindex);
		/*
		 * Removed and added again between two reads (the events
		 * were drained together): a new port for the driver, whose
		 * LACP state it cleared; so for us too.
		 */
		if (p && dp->added_ns && p->added_ns != dp->added_ns) {
			log_info("%s: %s: left and joined the bond again",
				 b->name, p->name);
			port_unlink(b, p);
			port_drop(b, p, now);
			p = NULL;
		}
		if (!p) {
			port_new(b, dp, resume, now);
			continue;
		}
		p->seen = true;
		link_of(&db->ports[i], &link);
		lacp_port_link(b->sys, p->ifindex, &link, now);
		lacp_port_set_prio(b->sys, p->ifindex, db->ports[i].ad_prio,
				   now);
	}
	for (pp = &b->ports; *pp;) {
		p = *pp;
		if (p->seen) {
			pp = &p->next;
			continue;
		}
		log_info("%s: %s: left the bond", b->name, p->name);
		*pp = p->next;
		port_drop(b, p, now);
	}
}

static struct abond *find_bond(struct agent *a, uint32_t ifindex)
{
	struct abond *b;

	for (b = a->bonds; b; b = b->next)
		if (b->ifindex == ifindex)
			return b;
	return NULL;
}

static bool wanted(const struct agent *a, const struct drv_bond *db)
{
	if (db->mode != 4)	/* 802.3ad */
		return false;
	return !a->opt->only_bond || !strcmp(a->opt->only_bond, db->name);
}

/*
 * The driver takes one LACP agent a bond (it refuses a second one with
 * -EBUSY): a bond another program manages is left to it and tried again
 * each second, so that lacpd takes it on once the other one is gone.
 */
static void refused_add(struct agent *a, uint32_t ifindex)
{
	if (ifindex_map_put(&a->refused, ifindex, a))
		log_err("out of memory: bond %u is not tried again", ifindex);
}

static struct abond *bond_new(struct agent *a, const struct drv_bond *db)
{
	struct abond *b = calloc(1, sizeof(*b));
	int err;

	if (!b)
		return NULL;
	b->agent = a;
	b->ifindex = db->ifindex;
	memcpy(b->name, db->name, sizeof(b->name));
	config_of(a, db, &b->cfg);
	b->sys = lacp_sys_new(&b->cfg, &agent_lacp_ops, b);
	if (!b->sys) {
		free(b);
		return NULL;
	}
	err = drv_attach(a->drv, db->ifindex);
	if (err == -EBUSY) {
		if (!ifindex_map_get(&a->refused, db->ifindex))
			log_err("%s: another LACP agent is attached (netlink port %u): leaving the bond to it, trying again each second",
				db->name, db->agent);
		refused_add(a, db->ifindex);
		lacp_sys_free(b->sys);
		free(b);
		return NULL;
	}
	if (err)
		log_warn("%s: cannot attach as its LACP agent: %s", db->name,
			 strerror(-err));
	ifindex_map_del(&a->refused, db->ifindex);
	log_info("%s: managing (%u ports)", db->name, (unsigned int)db->n_ports);
	b->next = a->bonds;
	a->bonds = b;
	return b;
}

/* The driver's view of one bond: create, update or (NULL) drop ours. */
static void bond_sync(struct agent *a, uint32_t ifindex,
		      const struct drv_bond *db, uint64_t now)
{
	struct abond *b = find_bond(a, ifindex), **pp;
	struct lacp_config cfg;
	bool fresh = false;

	if (db && wanted(a, db)) {
		if (!b) {
			b = bond_new(a, db);
			fresh = true;
		}
		if (!b)
			return;
		b->seen = true;
		config_of(a, db, &cfg);
		if (memcmp(&cfg, &b->cfg, sizeof(cfg))) {
			b->cfg = cfg;
			lacp_set_config(b->sys, &cfg, now);
		}
		bond_sync_ports(b, db, fresh, now);
		if (fresh)
			lacp_tick(b->sys, now);
		return;
	}
	ifindex_map_del(&a->refused, ifindex);
	if (!b)
		return;
	log_info("%s: no longer an 802.3ad bond to manage", b->name);
	for (pp = &a->bonds; *pp != b; pp = &(*pp)->next)
		;
	*pp = b->next;
	agent_bond_free(a, b);
}

static void on_dumped(const struct drv_bond *db, void *arg)
{
	struct agent *a = arg;

	bond_sync(a, db->ifindex, db, now_ns());
}

/*
 * A read that ports joining or leaving interrupted (NLM_F_DUMP_INTR) is
 * tried again by the next tick, quietly while a bond is being built a
 * port at a time; false once that has gone on long enough to say so.
 */
#define AGENT_READS_INTERRUPTED_QUIET	32

static bool busy_read(struct agent *a)
{
	return ++a->reads_interrupted > AGENT_READS_INTERRUPTED_QUIET;
}

/* Re-read every bond from the driver. */
void agent_sync_all(struct agent *a)
{
	struct abond *b, *next;
	int err;

	a->resync = false;
	for (b = a->bonds; b; b = b->next)
		b->seen = false;
	err = drv_dump(a->drv, on_dumped, a);
	if (err == -EAGAIN && !busy_read(a)) {
		a->resync = true;
		return;
	}
	if (err) {
		/* Keep what we have; the timer tries again each second. */
		if (err != a->sync_err)
			log_err("cannot read the bonds from the driver: %s; retrying",
				strerror(-err));
		a->sync_err = err;
		a->resync = true;
		return;
	}
	if (a->sync_err)
		log_info("read the bonds from the driver again");
	a->sync_err = 0;
	a->reads_interrupted = 0;
	a->synced = true;
	for (b = a->bonds; b; b = next) {
		next = b->next;
		if (!b->seen)
			bond_sync(a, b->ifindex, NULL, now_ns());
	}
}

static void sync_one(struct agent *a, uint32_t ifindex)
{
	struct drv_bond *db = NULL;
	int err;

	err = drv_get(a->drv, ifindex, &db);
	if (err == -EAGAIN && !busy_read(a)) {
		a->resync = true;
		return;
	}
	if (!err)
		a->reads_interrupted = 0;
	/*
	 * ENODEV: the bond is gone; EINVAL: the index is no nbond bond any
	 * more. Any other error says nothing about the bond: keep it as it
	 * is and read everything again on the next tick.
	 */
	if (err && err != -ENODEV && err != -EINVAL) {
		log_warn("cannot read bond %u: %s; retrying", ifindex,
			 strerror(-err));
		a->resync = true;
		return;
	}
	bond_sync(a, ifindex, db, now_ns());
	drv_bond_free(db);
}

/*
 * A port's link, speed, duplex or LACP priority changed (PORT_CHANGED):
 * taken from the event itself, so that a storm on the ports of a big bond
 * (a switch restarting) costs no read of the bond per turn of the loop.
 * False if the event does not say it all or names a port lacpd does not
 * have (one it could not take on, say): the bond is read instead.
 */
bool agent_port_changed(struct agent *a, const struct drv_event *ev)
{
	struct drv_port dp = {
		.link = ev->link, .speed = ev->speed, .duplex = ev->duplex,
	};
	struct lacp_link link;
	struct abond *b;
	struct aport *p;
	uint64_t now;

	if (!ev->has_link || a->resync)
		return false;
	b = find_bond(a, ev->bond_ifindex);
	p = b ? agent_find_port(b, ev->port_ifindex) : NULL;
	if (!p)
		return false;
	now = now_ns();
	link_of(&dp, &link);
	lacp_port_link(b->sys, p->ifindex, &link, now);
	lacp_port_set_prio(b->sys, p->ifindex, ev->ad_prio, now);
	return true;
}

/* Drop every bond: the module went away, and its bonds with it. */
void agent_drop_all(struct agent *a)
{
	while (a->bonds)
		bond_sync(a, a->bonds->ifindex, NULL, now_ns());
}

/* Bond @ifindex is to be read again once the events are drained. */
void agent_mark_dirty(struct agent *a, uint32_t ifindex)
{
	uint32_t *dirty;
	size_t i, cap;

	for (i = 0; i < a->n_dirty; i++)
		if (a->dirty[i] == ifindex)
			return;
	if (a->n_dirty == a->dirty_cap) {
		cap = a->dirty_cap ? 2 * a->dirty_cap : 16;
		dirty = realloc(a->dirty, cap * sizeof(*dirty));
		if (!dirty) {
			a->resync = true;	/* read them all instead */
			return;
		}
		a->dirty = dirty;
		a->dirty_cap = cap;
	}
	a->dirty[a->n_dirty++] = ifindex;
}

void agent_sync_dirty(struct agent *a)
{
	size_t i;

	for (i = 0; i < a->n_dirty && !a->resync; i++)
		sync_one(a, a->dirty[i]);
	a->n_dirty = 0;
}

/* Once a second: read the bonds another agent had; attach if it left. */
void agent_retry_refused(struct agent *a, uint64_t now)
{
	size_t pos = 0;
	uint32_t ifindex;

	if (!a->refused.n || now < a->next_retry)
		return;
	a->next_retry = now + LACP_NSEC_PER_SEC;
	while ((ifindex = ifindex_map_next(&a->refused, &pos)))
		agent_mark_dirty(a, ifindex);
	agent_sync_dirty(a);
}

/*
 * Drop the bonds another agent took over (the driver refused our
 * LACP_SET): after the turn of the loop that found it, since the core
 * may have been running for the bond then.
 */
void agent_reap(struct agent *a)
{
	struct abond **pp = &a->bonds, *b;

	if (!a->reap)
		return;
	a->reap = false;
	while ((b = *pp)) {
		if (!b->taken_over) {
			pp = &b->next;
			continue;
		}
		*pp = b->next;
		refused_add(a, b->ifindex);
		agent_bond_free(a, b);
	}
}
