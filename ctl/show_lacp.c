// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl show: the 802.3ad part. In the port table:
 *
 *   AGG  SEL       C/D
 *     1  selected  coll+dist
 *     -  standby   none
 *
 * AGG is the aggregator id ("-": none), SEL the selection, C/D whether the
 * bond collects (accepts frames) and distributes (transmits) over the
 * port: "coll+dist", "coll", "dist" or "none". -d adds a table of the
 * actor and partner information and Churn Detection, -s one of the LACPDU
 * and marker counters. The state octets are written as
 * ctl_lacp_state_text() does; a churn cell is "state,times churned"
 * ("none,0", "churned,3").
 */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>

#include "names.h"
#include "show_lacp.h"
#include "show_print.h"

#define SYSTEM_TEXT (sizeof("65535,") + 3 * CTL_LACP_SYSTEM_LEN)

/* AGG, SEL, C/D */
#define LACP_COLS 3

static const char *coll_dist(const struct ctl_lacp *l)
{
	if (l->collecting && l->distributing)
		return "coll+dist";
	if (l->collecting)
		return "coll";
	if (l->distributing)
		return "dist";
	return "none";
}

void ctl_lacp_cells(struct ctl_table *t, const struct ctl_port *p)
{
	char nb[CTL_NAME_BUFLEN];
	unsigned int c;

	if (!p->has_lacp) {
		for (c = 0; c < LACP_COLS; c++)
			ctl_table_cell(t, "-");
		return;
	}
	if (p->lacp.aggregator)
		ctl_table_cell(t, "%u", p->lacp.aggregator);
	else
		ctl_table_cell(t, "-");
	ctl_table_cell(t, "%s", ctl_selected_name(p->lacp.selected, nb));
	ctl_table_cell(t, "%s", coll_dist(&p->lacp));
}

/* ------------------------------------------------------------------ text */

/* "65535,52:54:00:12:34:56": an 802.1AX System Identifier. */
/* "prio,mac", or "-" when the driver did not say (no CAP_NET_ADMIN). */
static void format_system(const struct ctl_lacp_info *li, char *buf,
			  size_t len)
{
	int n;

	if (!li->has_system) {
		snprintf(buf, len, "-");
		return;
	}
	n = snprintf(buf, len, "%u,", li->system_prio);
	if (n > 0 && (size_t)n < len)
		ctl_format_hwaddr(li->system, sizeof(li->system), buf + n,
				  len - n);
}

enum {
	DCOL_PORT, DCOL_ACTOR_KEY, DCOL_ACTOR_PORT, DCOL_ACTOR_STATE,
	DCOL_PARTNER_SYSTEM, DCOL_PARTNER_KEY, DCOL_PARTNER_PORT,
	DCOL_PARTNER_STATE, DCOL_ACTOR_CHURN, DCOL_PARTNER_CHURN, N_DCOLS
};

/* A churn cell: "state,times churned", "-" when the driver did not say. */
static void churn_cell(struct ctl_table *t, const struct ctl_lacp *l,
		       uint8_t state, uint32_t count)
{
	char nb[CTL_NAME_BUFLEN];

	if (!l->has_churn) {
		ctl_table_cell(t, "-");
		return;
	}
	ctl_table_cell(t, "%s,%u", ctl_churn_name(state, nb), count);
}

static void details_row(struct ctl_table *t, const struct ctl_port *p)
{
	const struct ctl_lacp_info *a = &p->lacp.actor, *pa = &p->lacp.partner;
	char st[CTL_LACP_STATE_BUFLEN], sys[SYSTEM_TEXT];
	unsigned int c;

	ctl_table_row(t);
	ctl_table_cell(t, "%s", p->name);
	if (!p->has_lacp) {
		for (c = 1; c < N_DCOLS; c++)
			ctl_table_cell(t, "-");
		return;
	}
	ctl_table_cell(t, "%u", a->key);
	ctl_table_cell(t, "%u,%u", a->port_prio, a->port);
	ctl_table_cell(t, "%s", ctl_lacp_state_text(a->state, st));
	format_system(pa, sys, sizeof(sys));
	ctl_table_cell(t, "%s", sys);
	ctl_table_cell(t, "%u", pa->key);
	ctl_table_cell(t, "%u,%u", pa->port_prio, pa->port);
	ctl_table_cell(t, "%s", ctl_lacp_state_text(pa->state, st));
	churn_cell(t, &p->lacp, p->lacp.actor_churn, p->lacp.actor_churns);
	churn_cell(t, &p->lacp, p->lacp.partner_churn,
		   p->lacp.partner_churns);
}

int ctl_lacp_text_details(FILE *f, const struct ctl_bond *b)
{
	static const char *const heads[N_DCOLS] = {
		"PORT", "ACTOR_KEY", "ACTOR_PORT", "ACTOR_STATE",
		"PARTNER_SYSTEM", "PARTNER_KEY", "PARTNER_PORT",
		"PARTNER_STATE", "ACTOR_CHURN", "PARTNER_CHURN",
	};
	struct ctl_table t;
	unsigned int c;
	size_t i;
	int ret;

	if (!b->n_ports)
		return 0;
	ctl_table_init(&t, N_DCOLS);
	ctl_table_align_right(&t, DCOL_ACTOR_KEY);
	ctl_table_align_right(&t, DCOL_PARTNER_KEY);
	ctl_table_row(&t);
	for (c = 0; c < N_DCOLS; c++)
		ctl_table_cell(&t, "%s", heads[c]);
	for (i = 0; i < b->n_ports; i++)
		details_row(&t, &b->ports[i]);
	ret = ctl_table_print(&t, f, "  ");
	ctl_table_free(&t);
	return ret;
}

/* The counters in the order of the uapi: text header, JSON key, field. */
static const struct {
	const char *head;
	const char *key;
	size_t off;
} lacp_stats[] = {
	{ "LACPDU_RX", "lacpdu_rx",
	  offsetof(struct ctl_lacp_stats, lacpdu_rx) },
	{ "LACPDU_TX", "lacpdu_tx",
	  offsetof(struct ctl_lacp_stats, lacpdu_tx) },
	{ "LACPDU_UNKNOWN_RX", "lacpdu_unknown_rx",
	  offsetof(struct ctl_lacp_stats, lacpdu_unknown_rx) },
	{ "LACPDU_ILLEGAL_RX", "lacpdu_illegal_rx",
	  offsetof(struct ctl_lacp_stats, lacpdu_illegal_rx) },
	{ "MARKER_RX", "marker_rx",
	  offsetof(struct ctl_lacp_stats, marker_rx) },
	{ "MARKER_TX", "marker_tx",
	  offsetof(struct ctl_lacp_stats, marker_tx) },
	{ "MARKER_RESP_RX", "marker_resp_rx",
	  offsetof(struct ctl_lacp_stats, marker_resp_rx) },
	{ "MARKER_RESP_TX", "marker_resp_tx",
	  offsetof(struct ctl_lacp_stats, marker_resp_tx) },
	{ "MARKER_UNKNOWN_RX", "marker_unknown_rx",
	  offsetof(struct ctl_lacp_stats, marker_unknown_rx) },
};

#define N_STATS (sizeof(lacp_stats) / sizeof(lacp_stats[0]))

/* Counter @i of lacp_stats[] in @s. */
static uint64_t stat_value(const struct ctl_lacp_stats *s, size_t i)
{
	uint64_t v;

	memcpy(&v, (const char *)s + lacp_stats[i].off, sizeof(v));
	return v;
}

static void stats_row(struct ctl_table *t, const struct ctl_port *p)
{
	size_t i;

	ctl_table_row(t);
	ctl_table_cell(t, "%s", p->name);
	for (i = 0; i < N_STATS; i++) {
		if (p->has_lacp)
			ctl_table_cell(t, "%" PRIu64,
				       stat_value(&p->lacp.stats, i));
		else
			ctl_table_cell(t, "-");
	}
}

int ctl_lacp_text_stats(FILE *f, const struct ctl_bond *b)
{
	struct ctl_table t;
	unsigned int c;
	size_t i;
	int ret;

	if (!b->n_ports)
		return 0;
	ctl_table_init(&t, 1 + N_STATS);
	for (c = 1; c <= N_STATS; c++)
		ctl_table_align_right(&t, c);
	ctl_table_row(&t);
	ctl_table_cell(&t, "PORT");
	for (c = 0; c < N_STATS; c++)
		ctl_table_cell(&t, "%s", lacp_stats[c].head);
	for (i = 0; i < b->n_ports; i++)
		stats_row(&t, &b->ports[i]);
	ret = ctl_table_print(&t, f, "  ");
	ctl_table_free(&t);
	return ret;
}

/* ------------------------------------------------------------------ JSON */

static void put_info(struct jw *j, const char *key,
		     const struct ctl_lacp_info *li)
{
	char mac[3 * CTL_LACP_SYSTEM_LEN];

	ctl_format_hwaddr(li->system, sizeof(li->system), mac, sizeof(mac));
	jw_kv_obj_open(j, key);
	if (li->has_system) {
		jw_kv_uint(j, "system_prio", li->system_prio);
		jw_kv_string(j, "system", mac);
	} else {
		jw_kv_null(j, "system_prio");
		jw_kv_null(j, "system");
	}
	jw_kv_uint(j, "key", li->key);
	jw_kv_uint(j, "port_prio", li->port_prio);
	jw_kv_uint(j, "port", li->port);
	jw_kv_uint(j, "state", li->state);
	jw_obj_close(j);
}

/* Churn Detection, null when the driver did not say. */
static void put_churn(struct jw *j, const struct ctl_lacp *l)
{
	char nb[CTL_NAME_BUFLEN];

	if (!l->has_churn) {
		jw_kv_null(j, "actor_churn");
		jw_kv_null(j, "actor_churns");
		jw_kv_null(j, "partner_churn");
		jw_kv_null(j, "partner_churns");
		return;
	}
	jw_kv_string(j, "actor_churn", ctl_churn_name(l->actor_churn, nb));
	jw_kv_uint(j, "actor_churns", l->actor_churns);
	jw_kv_string(j, "partner_churn",
		     ctl_churn_name(l->partner_churn, nb));
	jw_kv_uint(j, "partner_churns", l->partner_churns);
}

static void put_stats(struct jw *j, const struct ctl_lacp_stats *s)
{
	size_t i;

	jw_kv_obj_open(j, "stats");
	for (i = 0; i < N_STATS; i++)
		jw_kv_uint(j, lacp_stats[i].key, stat_value(s, i));
	jw_obj_close(j);
}

void ctl_lacp_json(struct jw *j, const struct ctl *ctl,
		   const struct ctl_port *p)
{
	const struct ctl_lacp *l = &p->lacp;
	char nb[CTL_NAME_BUFLEN];

	if (!p->has_lacp) {
		jw_kv_null(j, "lacp");
		return;
	}
	jw_kv_obj_open(j, "lacp");
	if (l->aggregator)
		jw_kv_uint(j, "aggregator", l->aggregator);
	else
		jw_kv_null(j, "aggregator");
	jw_kv_string(j, "selected", ctl_selected_name(l->selected, nb));
	jw_kv_bool(j, "collecting", l->collecting);
	jw_kv_bool(j, "distributing", l->distributing);
	if (ctl->details) {
		put_info(j, "actor", &l->actor);
		put_info(j, "partner", &l->partner);
		put_churn(j, l);
	}
	if (ctl->stats)
		put_stats(j, &l->stats);
	jw_obj_close(j);
}
