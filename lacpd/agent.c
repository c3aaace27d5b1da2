// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the agent, which wires the pure LACP core to the world.
 *
 * The driver is the one source of truth: the bonds, their options and
 * their ports are read from it (NBOND_CMD_GET) at start, on SIGHUP, and
 * whenever one of its events says a bond or a port changed; the LACP state
 * the core decides goes back to it (NBOND_CMD_LACP_SET), which applies it
 * to the data path. The core's counters are pushed once a second.
 *
 * Restart: on start, a port that the driver shows in an aggregator is
 * resumed with that state (lacp_port_resume()), so that a new lacpd
 * takes over within the partner's timeout without a port leaving
 * distribution. On SIGTERM lacpd just exits: the driver keeps the ports'
 * last state.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <linux/ethtool.h>
#include <linux/nbond.h>

#include "agent.h"
#include "id_set.h"
#include "ifindex_map.h"
#include "driver.h"
#include "lacp.h"
#include "lock.h"
#include "log.h"
#include "loop.h"
#include "pdu.h"
#include "port_io.h"
#include "rx_limit.h"
#include "trace.h"

#define AGENT_STATS_PERIOD	LACP_NSEC_PER_SEC
/*
 * What a port takes from the wire each second (see rx_frame()): LACPDUs
 * from systems other than its partner, Marker PDUs (802.3 Annex 57A
 * lets a system send 10 slow-protocol frames a second; markers get half),
 * and malformed frames written to the trace. More is a flood, dropped.
 */
#define AGENT_STRANGERS_PER_SEC	10
#define AGENT_MARKERS_PER_SEC	5
#define AGENT_JUNK_PER_SEC	10
#define AGENT_FRAME_MAX		1518

struct agent;
struct abond;

struct aport {
	struct aport *next;
	struct abond *bond;
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	uint8_t mac[LACP_ETH_ALEN];
	uint16_t number;
	uint64_t added_ns;		/* when it joined the bond (driver) */
	int fd;
	bool seen;			/* in the driver's latest view */
	struct drv_lacp pushed;		/* what the driver was last told */
	struct rx_limit strangers;	/* LACPDUs not from the partner */
	struct rx_limit markers;
	struct rx_limit junk;		/* malformed frames, traced */
};

struct abond {
	struct abond *next;
	struct agent *agent;
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	struct lacp_config cfg;
	struct lacp_sys *sys;
	struct aport *ports;
	struct ifindex_map ports_by_ifindex;	/* the same ports */
	struct id_set numbers;		/* Actor_Port numbers in use */
	bool seen;
};

struct agent {
	const struct agent_options *opt;
	struct loop *loop;
	struct drv *drv;
	struct trace *trace;
	struct abond *bonds;
	uint64_t next_stats;
	bool resync;			/* re-read everything from the driver */
	int sync_err;			/* why the last re-read failed, or 0 */
	bool synced;			/* read them all once: managing */
	/* Bonds that events named, read once the events are drained. */
	uint32_t *dirty;
	size_t n_dirty, dirty_cap;
};

/* ---- from the core to the world ------------------------------------------ */

static struct aport *find_port(struct abond *b, uint32_t ifindex)
{
	return ifindex_map_get(&b->ports_by_ifindex, ifindex);
}

static void send_frame(struct agent *a, struct aport *p, const uint8_t *buf,
		       size_t len)
{
	if (!len)
		return;
	trace_frame(a->trace, buf, len);
	port_io_send(p->fd, p->name, buf, len);
}

static void on_tx(void *ctx, uint32_t port, const struct lacpdu *pdu)
{
	struct abond *b = ctx;
	struct aport *p = find_port(b, port);
	uint8_t buf[LACP_FRAME_LEN];

	if (p)
		send_frame(b->agent, p, buf,
			   lacp_encode(pdu, p->mac, buf, sizeof(buf)));
}

static void on_tx_marker(void *ctx, uint32_t port,
			 const struct marker_pdu *pdu)
{
	struct abond *b = ctx;
	struct aport *p = find_port(b, port);
	uint8_t buf[LACP_FRAME_LEN];

	if (p)
		send_frame(b->agent, p, buf,
			   marker_encode(pdu, p->mac, buf, sizeof(buf)));
}

static uint8_t churn_to_drv(enum lacp_churn c)
{
	return c == LACP_CHURN_CHURNED ? NBOND_LACP_CHURN_CHURNED :
	       c == LACP_CHURN_NONE ? NBOND_LACP_CHURN_NONE :
	       NBOND_LACP_CHURN_MONITOR;
}

static enum lacp_churn churn_from_drv(uint8_t c)
{
	return c == NBOND_LACP_CHURN_CHURNED ? LACP_CHURN_CHURNED :
	       c == NBOND_LACP_CHURN_NONE ? LACP_CHURN_NONE :
	       LACP_CHURN_MONITOR;
}

/* What the driver holds of @st; a change of any of it is sent. */
static void to_drv(const struct lacp_port_state *st, struct drv_lacp *out)
{
	const struct lacp_counters *c = &st->counters;

	memset(out, 0, sizeof(*out));
	out->aggregator = st->agg_id;
	out->selected = st->selected == LACP_SELECTED ? NBOND_LACP_SELECTED :
			st->selected == LACP_STANDBY ? NBOND_LACP_STANDBY :
			NBOND_LACP_UNSELECTED;
	out->collecting = st->collecting;
	out->distributing = st->distributing;
	out->actor = st->actor;
	out->partner = st->partner;
	out->actor_churn = churn_to_drv(st->actor_churn);
	out->partner_churn = churn_to_drv(st->partner_churn);
	out->actor_churns = st->actor_churn_count;
	out->partner_churns = st->partner_churn_count;
	out->stats[0] = c->lacpdu_rx;
	out->stats[1] = c->lacpdu_tx;
	out->stats[2] = c->lacpdu_unknown_rx;
	out->stats[3] = c->lacpdu_illegal_rx;
	out->stats[4] = c->marker_rx;
	out->stats[5] = c->marker_tx;
	out->stats[6] = c->marker_resp_rx;
	out->stats[7] = c->marker_resp_tx;
	out->stats[8] = c->marker_unknown_rx;
}

/* Tell the driver @st, unless it knows it already. */
static void push_state(struct aport *p, const struct lacp_port_state *st)
{
	struct drv_lacp next;
	int err;

	to_drv(st, &next);
	if (!memcmp(&next, &p->pushed, sizeof(next)))
		return;
	err = drv_lacp_set(p->bond->agent->drv, p->ifindex, &next);
	if (err) {
		log_warn("%s: %s: cannot set the LACP state: %s",
			 p->bond->name, p->name, strerror(-err));
		return;
	}
	if (next.distributing != p->pushed.distributing ||
	    next.collecting != p->pushed.collecting ||
	    next.aggregator != p->pushed.aggregator)
		log_info("%s: %s: aggregator %u %s%s%s", p->bond->name,
			 p->name, next.aggregator,
			 lacp_selected_name(st->selected),
			 next.collecting ? ", collecting" : "",
			 next.distributing ? ", distributing" : "");
	p->pushed = next;
}

static void on_port_state(void *ctx, uint32_t port,
			  const struct lacp_port_state *st)
{
	struct aport *p = find_port(ctx, port);

	if (p)
		push_state(p, st);
}

static const struct lacp_ops agent_lacp_ops = {
	.tx		= on_tx,
	.tx_marker	= on_tx_marker,
	.port_state	= on_port_state,
};

/* ---- the timer ----------------------------------------------------------- */

static void arm_timer(struct agent *a)
{
	uint64_t next = a->next_stats, t;
	struct abond *b;

	for (b = a->bonds; b; b = b->next) {
		t = lacp_next_deadline(b->sys);
		if (t < next)
			next = t;
	}
	loop_set_deadline(a->loop, next);
}

/*
 * Managing what our lock vouches for: every bond of the namespace has
 * been read and the last read worked; for lacpd -i, that bond is among
 * them (a lacpd -i for a bond that does not exist, or is not in 802.3ad
 * mode, manages nothing).
 */
static bool managing(const struct agent *a)
{
	return a->synced && !a->sync_err &&
	       (!a->opt->only_bond || a->bonds);
}

/* Once a second: the counters, which the core reports only on request. */
static void push_counters(struct agent *a, uint64_t now)
{
	struct lacp_port_state st;
	struct abond *b;
	struct aport *p;

	if (now < a->next_stats)
		return;
	a->next_stats = now + AGENT_STATS_PERIOD;
	if (managing(a))
		lock_heartbeat();
	for (b = a->bonds; b; b = b->next) {
		for (p = b->ports; p; p = p->next) {
			if (!lacp_port_get(b->sys, p->ifindex, &st))
				push_state(p, &st);
			rx_limit_roll(&p->strangers, b->name, p->name, now);
			rx_limit_roll(&p->markers, b->name, p->name, now);
			rx_limit_roll(&p->junk, b->name, p->name, now);
		}
	}
}

/* ---- from the world to the core ------------------------------------------ */

/*
 * Policing comes after decoding, so that each kind of frame has a budget
 * of its own: LACPDUs from the port's partner always get through (the
 * core's transmit limit bounds what they make us send); LACPDUs from any
 * other system and Marker PDUs are limited per second; malformed frames
 * are only counted, and the debug log and the trace get a limited number
 * of them.
 */
static void rx_frame(struct aport *p, const uint8_t *buf, size_t len,
		     uint64_t now)
{
	struct agent *a = p->bond->agent;
	struct lacp_sys *sys = p->bond->sys;
	struct lacp_frame f;
	enum lacp_decode_result r;

	r = lacp_decode(buf, len, &f);
	switch (r) {
	case LACP_DECODED_LACPDU:
		if (!lacp_port_knows(sys, p->ifindex, &f.lacp) &&
		    !rx_limit_take(&p->strangers, p->bond->name, p->name, now))
			return;
		trace_frame(a->trace, buf, len);
		lacp_rx_lacpdu(sys, p->ifindex, &f.lacp, now);
		return;
	case LACP_DECODED_MARKER:
		if (!rx_limit_take(&p->markers, p->bond->name, p->name, now))
			return;
		trace_frame(a->trace, buf, len);
		lacp_rx_marker(sys, p->ifindex, &f.marker, now);
		return;
	case LACP_BAD_SUBTYPE:
		lacp_rx_bad(sys, p->ifindex, LACP_RX_ERR_UNKNOWN);
		break;
	default:
		lacp_rx_bad(sys, p->ifindex,
			    len > 14 && buf[14] == LACP_SUBTYPE_MARKER ?
			    LACP_RX_ERR_MARKER : LACP_RX_ERR_ILLEGAL);
		break;
	}
	/* In a flood, writing every frame out would be the bottleneck. */
	if (!rx_limit_take(&p->junk, p->bond->name, p->name, now))
		return;
	log_debug("%s: %s: bad PDU: %s", p->bond->name, p->name,
		  lacp_decode_result_name(r));
	trace_frame(a->trace, buf, len);
}

static void on_port_readable(int fd, void *arg)
{
	struct aport *p = arg;
	uint8_t buf[AGENT_FRAME_MAX];
	ssize_t n;
	int budget = 64;

	while (budget-- > 0) {
		n = port_io_recv(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		rx_frame(p, buf, (size_t)n, now_ns());
	}
	arm_timer(p->bond->agent);
}

/* ---- bonds and ports, as the driver shows them --------------------------- */

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
	 * No partnerless fallback: a bond whose partner fell silent loses
	 * its carrier once the ports are defaulted, rather than carrying on
	 * over an individual link to nobody in particular.
	 */
	cfg->fallback = false;
}

/* The state the driver kept for @dp, for a hitless restart. */
static bool saved_state(const struct drv_port *dp, struct lacp_port_state *st)
{
	const uint64_t *s = dp->lacp.stats;

	if (!dp->has_lacp || !dp->lacp.aggregator)
		return false;
	memset(st, 0, sizeof(*st));
	st->agg_id = dp->lacp.aggregator;
	st->selected = dp->lacp.selected == NBOND_LACP_SELECTED ?
		       LACP_SELECTED : dp->lacp.selected == NBOND_LACP_STANDBY ?
		       LACP_STANDBY : LACP_UNSELECTED;
	st->collecting = dp->lacp.collecting;
	st->distributing = dp->lacp.distributing;
	st->actor = dp->lacp.actor;
	st->partner = dp->lacp.partner;
	st->actor_churn = churn_from_drv(dp->lacp.actor_churn);
	st->partner_churn = churn_from_drv(dp->lacp.partner_churn);
	st->actor_churn_count = dp->lacp.actor_churns;
	st->partner_churn_count = dp->lacp.partner_churns;
	st->counters = (struct lacp_counters){
		s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8],
	};
	return true;
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
	if (p->fd < 0 || loop_add(a->loop, p->fd, on_port_readable, p) < 0)
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
	kept = resume && saved_state(dp, &saved) ? saved.actor.port : 0;
	p->number = kept && !id_set_has(&b->numbers, kept) ?
		    kept : id_set_lowest_free(&b->numbers);
	if (kept && p->number == kept && resume_ok(b, dp, &saved, now)) {
		to_drv(&saved, &p->pushed);
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

static void bond_free(struct agent *a, struct abond *b)
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

/* Bring @b's ports in line with the driver's view @db. */
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

	return saved_state(dp, &st) ? st.actor.port : 0;
}

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
		if (!find_port(b, db->ports[i].ifindex) &&
		    kept_number(&db->ports[i]))
			port_new(b, &db->ports[i], resume, now);
	for (i = 0; i < db->n_ports; i++) {
		dp = &db->ports[i];
		p = find_port(b, dp->ifindex);
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
	if (err)
		log_warn("%s: cannot attach as its LACP agent: %s", db->name,
			 strerror(-err));
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
	if (!b)
		return;
	log_info("%s: no longer an 802.3ad bond to manage", b->name);
	for (pp = &a->bonds; *pp != b; pp = &(*pp)->next)
		;
	*pp = b->next;
	bond_free(a, b);
}

static void on_dumped(const struct drv_bond *db, void *arg)
{
	struct agent *a = arg;

	bond_sync(a, db->ifindex, db, now_ns());
}

/* Re-read every bond from the driver. */
static void sync_all(struct agent *a)
{
	struct abond *b, *next;
	int err;

	a->resync = false;
	for (b = a->bonds; b; b = b->next)
		b->seen = false;
	err = drv_dump(a->drv, on_dumped, a);
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

/* Drop every bond: the module went away, and its bonds with it. */
static void drop_all(struct agent *a)
{
	while (a->bonds)
		bond_sync(a, a->bonds->ifindex, NULL, now_ns());
}

/* Bond @ifindex is to be read again once the events are drained. */
static void mark_dirty(struct agent *a, uint32_t ifindex)
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

static void sync_dirty(struct agent *a)
{
	size_t i;

	for (i = 0; i < a->n_dirty && !a->resync; i++)
		sync_one(a, a->dirty[i]);
	a->n_dirty = 0;
}

static void on_event(const struct drv_event *ev, void *arg)
{
	struct agent *a = arg;

	switch (ev->type) {
	case DRV_EVENT_MODULE_GONE:
		log_warn("the nbond module was unloaded; waiting for it");
		drop_all(a);
		a->n_dirty = 0;
		a->resync = false;
		break;
	case DRV_EVENT_MODULE_BACK:
		log_info("the nbond module is back: reading its bonds");
		a->resync = true;
		break;
	case NBOND_EVENT_BOND_CREATED:
	case NBOND_EVENT_BOND_CHANGED:
	case NBOND_EVENT_BOND_DELETED:
	case NBOND_EVENT_PORT_ADDED:
	case NBOND_EVENT_PORT_REMOVED:
	case NBOND_EVENT_PORT_CHANGED:
		log_debug("%s: event %u%s%s", ev->bond, ev->type,
			  ev->port_ifindex ? " port " : "", ev->port);
		mark_dirty(a, ev->bond_ifindex);
		break;
	}
}

/*
 * Events are read until none is left (or a bound, so that the loop keeps
 * turning), and each bond they name is read from the driver once: a
 * storm of events on the ports of a big bond costs one read of it, not
 * one per event.
 */
#define AGENT_EVENTS_PER_WAKEUP 1024

static void on_events_readable(int fd, void *arg)
{
	struct agent *a = arg;
	int i, n = 0;

	(void)fd;
	for (i = 0; i < AGENT_EVENTS_PER_WAKEUP; i++) {
		n = drv_read_events(a->drv, on_event, a);
		if (n <= 0)
			break;
	}
	if (n == -ENOBUFS) {
		log_warn("driver events were lost: re-reading every bond");
		a->resync = true;
	}
	if (a->resync) {
		a->n_dirty = 0;
		sync_all(a);
	} else {
		sync_dirty(a);
	}
	arm_timer(a);
}

/* ---- signals, timer, dump ------------------------------------------------ */

static void dump_state(struct agent *a)
{
	struct lacp_port_state st;
	struct lacp_agg_info ai;
	struct abond *b;
	struct aport *p;

	for (b = a->bonds; b; b = b->next) {
		log_info("bond %s: active aggregator %u, %s, lacp_rate %s, ad_select %s",
			 b->name, lacp_active_agg(b->sys),
			 b->cfg.active ? "active" : "passive",
			 b->cfg.fast ? "fast" : "slow",
			 lacp_select_name(b->cfg.select));
		for (p = b->ports; p; p = p->next) {
			if (lacp_port_get(b->sys, p->ifindex, &st))
				continue;
			log_info("  %s: port %u,%u agg %u %s rx %s mux %s actor 0x%02x partner 0x%02x key %u/%u lacpdu rx %llu tx %llu illegal %llu",
				 p->name, st.actor.port_prio, p->number,
				 st.agg_id,
				 lacp_selected_name(st.selected),
				 lacp_rx_state_name(st.rx),
				 lacp_mux_state_name(st.mux),
				 st.actor.state, st.partner.state,
				 st.actor.key, st.partner.key,
				 (unsigned long long)st.counters.lacpdu_rx,
				 (unsigned long long)st.counters.lacpdu_tx,
				 (unsigned long long)
				 st.counters.lacpdu_illegal_rx);
		}
		if (!lacp_agg_get(b->sys, lacp_active_agg(b->sys), &ai))
			log_info("  aggregator %u: %u ports, %llu Mb/s",
				 ai.id, ai.ports,
				 (unsigned long long)ai.bandwidth_mbps);
	}
}

static void on_signal(int sig, void *arg)
{
	struct agent *a = arg;
	struct abond *b;

	switch (sig) {
	case SIGHUP:
		log_info("SIGHUP: re-reading the bonds from the driver");
		sync_all(a);
		arm_timer(a);
		break;
	case SIGUSR1:
		dump_state(a);
		break;
	default:
		log_info("signal %d: exiting; the driver keeps the ports' state",
			 sig);
		for (b = a->bonds; b; b = b->next)
			lacp_farewell(b->sys, now_ns());
		break;
	}
}

static void on_timer(void *arg)
{
	struct agent *a = arg;
	uint64_t now = now_ns();
	struct abond *b;

	if (a->resync && now >= a->next_stats)
		sync_all(a);
	for (b = a->bonds; b; b = b->next)
		lacp_tick(b->sys, now);
	push_counters(a, now);
	arm_timer(a);
}

int agent_run(const struct agent_options *opt)
{
	struct agent a = { .opt = opt };
	struct abond *b;
	int ret = 1;

	a.loop = loop_new();
	if (!a.loop)
		return 1;
	a.drv = drv_open();
	if (!a.drv)
		goto out;
	if (opt->trace_path) {
		a.trace = trace_open(opt->trace_path,
				     (uint64_t)opt->trace_max_mib << 20);
		if (!a.trace)
			goto out;
	}
	if (loop_add(a.loop, drv_events_fd(a.drv), on_events_readable, &a))
		goto out;

	a.next_stats = now_ns() + AGENT_STATS_PERIOD;
	sync_all(&a);
	arm_timer(&a);
	ret = loop_run(a.loop, on_timer, on_signal, &a) ? 1 : 0;
	if (managing(&a))
		lock_heartbeat();
out:
	while ((b = a.bonds)) {
		a.bonds = b->next;
		bond_free(&a, b);
	}
	free(a.dirty);
	trace_close(a.trace);
	drv_close(a.drv);
	loop_free(a.loop);
	return ret;
}
