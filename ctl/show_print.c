// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl show: rendering bonds as text or JSON.
 *
 * Text, per bond:
 *
 *   bond0: mode active-backup, carrier up, active eth1, since 12.3s ago
 *        PORT  LINK  ROLE    ADMIN  PRIO  FAILURES  SINCE
 *     *  eth1  up    active  up        0         0  12.3s ago
 *        eth2  up    backup  up        0         1  3m05s ago
 *
 * -d adds the bond's hwaddr (and LACP agent), an "options:" block (every
 * option of ctl_opts[] the driver reported) and the columns USABLE SPEED
 * DUPLEX QUEUE_ID PERM_HWADDR; -s adds a table of counters for the bond
 * and each port. A bond in mode 802.3ad says whether its LACP agent is
 * attached, and show_lacp.c adds its columns and tables.
 *
 * JSON: the same facts under the same words in lower case; timestamps raw
 * (CLOCK_MONOTONIC ns, "since_ns") next to their age ("ago_ns").
 */
#include <inttypes.h>
#include <string.h>

#include <linux/nbond.h>

#include "names.h"
#include "opts.h"
#include "show_lacp.h"
#include "show_print.h"
#include "table.h"
#include "values.h"

#define NS_PER_SEC UINT64_C(1000000000)
#define CTL_OPT_TEXT 1024
#define CTL_HWADDR_TEXT (3 * CTL_HWADDR_MAX)

void ctl_format_duration(uint64_t ns, char *buf, size_t len)
{
	uint64_t s = ns / NS_PER_SEC;

	if (s < 60)
		snprintf(buf, len, "%" PRIu64 ".%" PRIu64 "s", s,
			 ns / (NS_PER_SEC / 10) % 10);
	else if (s < 3600)
		snprintf(buf, len, "%" PRIu64 "m%02" PRIu64 "s", s / 60,
			 s % 60);
	else if (s < 86400)
		snprintf(buf, len, "%" PRIu64 "h%02" PRIu64 "m", s / 3600,
			 s % 3600 / 60);
	else
		snprintf(buf, len, "%" PRIu64 "d%02" PRIu64 "h", s / 86400,
			 s % 86400 / 3600);
}

/* "12.3s ago"; "-" when the driver did not say. */
static void format_ago(uint64_t since_ns, uint64_t now_ns, char *buf,
		       size_t len)
{
	char d[32];

	if (!since_ns) {
		snprintf(buf, len, "-");
		return;
	}
	ctl_format_duration(now_ns > since_ns ? now_ns - since_ns : 0,
			    d, sizeof(d));
	snprintf(buf, len, "%s ago", d);
}

static const char *mode_name(const struct ctl_bond *b, char buf[16])
{
	int mode = ctl_bond_mode(b);
	const char *name;

	if (mode < 0)
		return NULL;
	name = nbond_value_name(nbond_mode_values, mode);
	if (name)
		return name;
	snprintf(buf, 16, "%d", mode);
	return buf;
}

void ctl_format_hwaddr(const uint8_t *addr, size_t n, char *buf,
		       size_t len)
{
	size_t i, off = 0;

	if (!len)
		return;
	buf[0] = '\0';
	for (i = 0; i < n && off + (i ? 3 : 2) < len; i++)
		off += snprintf(buf + off, len - off, "%s%02x", i ? ":" : "",
				addr[i]);
}

/* A number option's raw value, or -1 if the payload has the wrong size. */
static int64_t opt_number(const struct ctl_opt *opt, const void *data,
			  size_t len)
{
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;

	switch (opt->type) {
	case CTL_OPT_U8:
		if (len != sizeof(v8))
			return -1;
		memcpy(&v8, data, sizeof(v8));
		return v8;
	case CTL_OPT_U16:
		if (len != sizeof(v16))
			return -1;
		memcpy(&v16, data, sizeof(v16));
		return v16;
	case CTL_OPT_U32:
	case CTL_OPT_PORT:
		if (len != sizeof(v32))
			return -1;
		memcpy(&v32, data, sizeof(v32));
		return v32;
	default:
		return -1;
	}
}

/*
 * The text of option @opt of @b into @buf: what ctl_opt_format() writes,
 * except that a port is named ("none" for 0). Returns -1 if malformed.
 */
static int opt_text(const struct ctl_bond *b, const struct ctl_opt *opt,
		    const void *data, size_t len, char *buf, size_t size)
{
	int64_t ifindex;

	if (opt->type != CTL_OPT_PORT)
		return ctl_opt_format(opt, data, len, buf, size);
	ifindex = opt_number(opt, data, len);
	if (ifindex < 0)
		return -1;
	if (!ifindex) {
		snprintf(buf, size, "none");
		return 0;
	}
	if (size >= IF_NAMESIZE)
		ctl_ifname(b, (uint32_t)ifindex, buf);
	return 0;
}

/* ------------------------------------------------------------------ text */

static void text_header(FILE *f, const struct ctl_bond *b, uint64_t now_ns)
{
	const char *active = ctl_bond_active_name(b);
	char mbuf[16], ago[48], ifbuf[IF_NAMESIZE];
	const char *mode = mode_name(b, mbuf);

	if (!active && b->active_ifindex)
		active = ctl_ifname(b, b->active_ifindex, ifbuf);
	fprintf(f, "%s: mode %s", b->name, mode ? mode : "unknown");
	if (ctl_bond_is_8023ad(b))
		fputs(b->lacp_agent ? ", agent attached" : ", no LACP agent",
		      f);
	fprintf(f, ", carrier %s, active %s", b->carrier ? "up" : "down",
		active ? active : "none");
	if (b->changed_ns) {
		format_ago(b->changed_ns, now_ns, ago, sizeof(ago));
		fprintf(f, ", since %s", ago);
	}
	fputc('\n', f);
}

/* -d: "hwaddr" and, in 802.3ad, "lacp_agent" (its netlink port id). */
static void text_bond_details(FILE *f, const struct ctl_bond *b)
{
	bool lacp = ctl_bond_is_8023ad(b);
	int width = lacp ? (int)strlen("lacp_agent") : (int)strlen("hwaddr");
	char hw[CTL_HWADDR_TEXT];

	if (b->hwaddr_len) {
		ctl_format_hwaddr(b->hwaddr, b->hwaddr_len, hw, sizeof(hw));
		fprintf(f, "  %-*s  %s\n", width, "hwaddr", hw);
	}
	if (!lacp)
		return;
	if (b->lacp_agent)
		fprintf(f, "  %-*s  %" PRIu32 "\n", width, "lacp_agent",
			b->lacp_agent);
	else
		fprintf(f, "  %-*s  none\n", width, "lacp_agent");
}

static void text_options(FILE *f, const struct ctl_bond *b)
{
	const struct ctl_opt *opt;
	char value[CTL_OPT_TEXT];
	const void *data;
	int width = 0, n;
	size_t len;

	for (opt = ctl_opts; opt->name; opt++) {
		n = (int)strlen(opt->name);
		if (ctl_bond_option(b, opt->attr, &len) && n > width)
			width = n;
	}
	if (!width)
		return;
	fputs("  options:\n", f);
	for (opt = ctl_opts; opt->name; opt++) {
		data = ctl_bond_option(b, opt->attr, &len);
		if (!data)
			continue;
		if (opt_text(b, opt, data, len, value, sizeof(value)) < 0)
			snprintf(value, sizeof(value), "(malformed)");
		if (value[0])
			fprintf(f, "    %-*s  %s\n", width, opt->name, value);
		else
			fprintf(f, "    %s\n", opt->name);
	}
}

/* The columns of the port table, in order. */
enum col_group {
	COLS_ALWAYS,
	COLS_LACP,		/* mode 802.3ad: show_lacp.c's cells */
	COLS_DETAILS,		/* -d */
};

static const struct {
	const char *head;
	enum col_group group;
	bool right;
} port_cols[] = {
	{ "",		COLS_ALWAYS,	false },	/* "*" */
	{ "PORT",	COLS_ALWAYS,	false },
	{ "LINK",	COLS_ALWAYS,	false },
	{ "ROLE",	COLS_ALWAYS,	false },
	{ "ADMIN",	COLS_ALWAYS,	false },
	{ "AGG",	COLS_LACP,	true },
	{ "SEL",	COLS_LACP,	false },
	{ "C/D",	COLS_LACP,	false },
	{ "PRIO",	COLS_ALWAYS,	true },
	{ "FAILURES",	COLS_ALWAYS,	true },
	{ "SINCE",	COLS_ALWAYS,	false },
	{ "USABLE",	COLS_DETAILS,	false },
	{ "SPEED",	COLS_DETAILS,	true },
	{ "DUPLEX",	COLS_DETAILS,	false },
	{ "QUEUE_ID",	COLS_DETAILS,	true },
	{ "PERM_HWADDR", COLS_DETAILS,	false },
};

#define N_PORT_COLS (sizeof(port_cols) / sizeof(port_cols[0]))

static bool col_shown(enum col_group group, bool lacp, bool details)
{
	return group == COLS_ALWAYS || (group == COLS_LACP && lacp) ||
	       (group == COLS_DETAILS && details);
}

/* The cells of one port, in the order of port_cols[]. */
static void port_row(struct ctl_table *t, const struct ctl *ctl,
		     const struct ctl_bond *b, const struct ctl_port *p,
		     bool lacp, uint64_t now_ns)
{
	char nb[CTL_NAME_BUFLEN], cb[CTL_NAME_BUFLEN], ago[48];
	char hw[CTL_HWADDR_TEXT];

	ctl_table_row(t);
	ctl_table_cell(t, "%s", p->ifindex == b->active_ifindex ? "*" : "");
	ctl_table_cell(t, "%s", p->name);
	if (p->link != NBOND_LINK_STATE_UP && p->link_cause)
		ctl_table_cell(t, "%s (%s)", ctl_link_name(p->link, nb),
			       ctl_cause_name(p->link_cause, cb));
	else
		ctl_table_cell(t, "%s", ctl_link_name(p->link, nb));
	ctl_table_cell(t, "%s", ctl_role_name(p->role, nb));
	ctl_table_cell(t, "%s", ctl_admin_name(p->admin, nb));
	if (lacp)
		ctl_lacp_cells(t, p);
	ctl_table_cell(t, "%" PRId32, p->prio);
	ctl_table_cell(t, "%" PRIu32, p->link_failures);
	format_ago(p->link_changed_ns, now_ns, ago, sizeof(ago));
	ctl_table_cell(t, "%s", ago);
	if (!ctl->details)
		return;
	ctl_table_cell(t, "%s", p->usable ? "yes" : "no");
	if (p->speed == CTL_SPEED_UNKNOWN)
		ctl_table_cell(t, "unknown");
	else
		ctl_table_cell(t, "%" PRIu32 "Mb/s", p->speed);
	ctl_table_cell(t, "%s", ctl_duplex_name(p->duplex));
	ctl_table_cell(t, "%u", p->queue_id);
	ctl_format_hwaddr(p->perm_hwaddr, p->perm_hwaddr_len, hw, sizeof(hw));
	ctl_table_cell(t, "%s", hw[0] ? hw : "-");
}

static int text_ports(FILE *f, const struct ctl *ctl,
		      const struct ctl_bond *b, uint64_t now_ns)
{
	bool lacp = ctl_bond_is_8023ad(b);
	unsigned int c, ncols = 0;
	struct ctl_table t;
	size_t i;
	int ret;

	if (!b->n_ports)
		return 0;
	for (c = 0; c < N_PORT_COLS; c++)
		if (col_shown(port_cols[c].group, lacp, ctl->details))
			ncols++;
	ctl_table_init(&t, ncols);
	ctl_table_row(&t);
	for (c = 0, ncols = 0; c < N_PORT_COLS; c++) {
		if (!col_shown(port_cols[c].group, lacp, ctl->details))
			continue;
		if (port_cols[c].right)
			ctl_table_align_right(&t, ncols);
		ctl_table_cell(&t, "%s", port_cols[c].head);
		ncols++;
	}
	for (i = 0; i < b->n_ports; i++)
		port_row(&t, ctl, b, &b->ports[i], lacp, now_ns);
	ret = ctl_table_print(&t, f, "  ");
	ctl_table_free(&t);
	return ret;
}

static void stats_row(struct ctl_table *t, const char *name,
		      const struct ctl_stats *s)
{
	ctl_table_row(t);
	ctl_table_cell(t, "%s", name);
	ctl_table_cell(t, "%" PRIu64, s->rx_packets);
	ctl_table_cell(t, "%" PRIu64, s->rx_bytes);
	ctl_table_cell(t, "%" PRIu64, s->rx_dropped);
	ctl_table_cell(t, "%" PRIu64, s->rx_nohandler);
	ctl_table_cell(t, "%" PRIu64, s->tx_packets);
	ctl_table_cell(t, "%" PRIu64, s->tx_bytes);
	ctl_table_cell(t, "%" PRIu64, s->tx_dropped);
}

static int text_stats(FILE *f, const struct ctl_bond *b)
{
	struct ctl_table t;
	unsigned int c;
	size_t i;
	int ret;

	ctl_table_init(&t, 8);
	for (c = 1; c < 8; c++)
		ctl_table_align_right(&t, c);
	ctl_table_row(&t);
	ctl_table_cell(&t, "DEVICE");
	ctl_table_cell(&t, "RX_PACKETS");
	ctl_table_cell(&t, "RX_BYTES");
	ctl_table_cell(&t, "RX_DROPPED");
	ctl_table_cell(&t, "RX_NOHANDLER");
	ctl_table_cell(&t, "TX_PACKETS");
	ctl_table_cell(&t, "TX_BYTES");
	ctl_table_cell(&t, "TX_DROPPED");
	stats_row(&t, b->name, &b->stats);
	for (i = 0; i < b->n_ports; i++)
		stats_row(&t, b->ports[i].name, &b->ports[i].stats);
	ret = ctl_table_print(&t, f, "  ");
	ctl_table_free(&t);
	return ret;
}

int ctl_show_text(FILE *f, const struct ctl *ctl, const struct ctl_bond *b,
		  uint64_t now_ns)
{
	bool lacp = ctl_bond_is_8023ad(b);
	int ret = 0;

	text_header(f, b, now_ns);
	if (ctl->details) {
		text_bond_details(f, b);
		text_options(f, b);
	}
	if (text_ports(f, ctl, b, now_ns) < 0)
		ret = -1;
	if (lacp && ctl->details && ctl_lacp_text_details(f, b) < 0)
		ret = -1;
	if (ctl->stats && text_stats(f, b) < 0)
		ret = -1;
	if (lacp && ctl->stats && ctl_lacp_text_stats(f, b) < 0)
		ret = -1;
	return ret;
}

/* ------------------------------------------------------------------ JSON */

static void put_since(struct jw *j, uint64_t since_ns, uint64_t now_ns)
{
	if (!since_ns) {
		jw_kv_null(j, "since_ns");
		jw_kv_null(j, "ago_ns");
		return;
	}
	jw_kv_uint(j, "since_ns", since_ns);
	jw_kv_uint(j, "ago_ns", now_ns > since_ns ? now_ns - since_ns : 0);
}

static void put_stats(struct jw *j, const struct ctl_stats *s)
{
	jw_kv_obj_open(j, "stats");
	jw_kv_uint(j, "rx_packets", s->rx_packets);
	jw_kv_uint(j, "rx_bytes", s->rx_bytes);
	jw_kv_uint(j, "rx_dropped", s->rx_dropped);
	jw_kv_uint(j, "rx_nohandler", s->rx_nohandler);
	jw_kv_uint(j, "tx_packets", s->tx_packets);
	jw_kv_uint(j, "tx_bytes", s->tx_bytes);
	jw_kv_uint(j, "tx_dropped", s->tx_dropped);
	jw_obj_close(j);
}

/* "a,b,c" as an array of strings; "" as an empty array. */
static void put_list(struct jw *j, char *text)
{
	char *item, *save = NULL;

	jw_arr_open(j);
	for (item = strtok_r(text, ",", &save); item;
	     item = strtok_r(NULL, ",", &save))
		jw_string(j, item);
	jw_arr_close(j);
}

static void put_option(struct jw *j, const struct ctl_bond *b,
		       const struct ctl_opt *opt, const void *data,
		       size_t len)
{
	char text[CTL_OPT_TEXT];
	int64_t num;

	jw_key(j, opt->name);
	if (opt->type == CTL_OPT_PORT) {
		num = opt_number(opt, data, len);
		if (num <= 0 || opt_text(b, opt, data, len, text,
					 sizeof(text)) < 0)
			jw_null(j);
		else
			jw_string(j, text);
		return;
	}
	if (!opt->values && (opt->type == CTL_OPT_U8 ||
			     opt->type == CTL_OPT_U16 ||
			     opt->type == CTL_OPT_U32)) {
		num = opt_number(opt, data, len);
		if (num < 0)
			jw_null(j);
		else
			jw_uint(j, (uint64_t)num);
		return;
	}
	if (opt_text(b, opt, data, len, text, sizeof(text)) < 0) {
		jw_null(j);
		return;
	}
	if (opt->type == CTL_OPT_IP4_LIST || opt->type == CTL_OPT_IP6_LIST)
		put_list(j, text);
	else
		jw_string(j, text);
}

static void put_options(struct jw *j, const struct ctl_bond *b)
{
	const struct ctl_opt *opt;
	const void *data;
	size_t len;

	jw_kv_obj_open(j, "options");
	for (opt = ctl_opts; opt->name; opt++) {
		data = ctl_bond_option(b, opt->attr, &len);
		if (data)
			put_option(j, b, opt, data, len);
	}
	jw_obj_close(j);
}

static void put_port(struct jw *j, const struct ctl *ctl,
		     const struct ctl_bond *b, const struct ctl_port *p,
		     uint64_t now_ns)
{
	char nb[CTL_NAME_BUFLEN], hw[CTL_HWADDR_TEXT];

	jw_obj_open(j);
	jw_kv_uint(j, "ifindex", p->ifindex);
	jw_kv_string(j, "name", p->name);
	jw_kv_bool(j, "active", p->ifindex == b->active_ifindex);
	jw_kv_string(j, "link", ctl_link_name(p->link, nb));
	if (p->link_cause)
		jw_kv_string(j, "link_cause", ctl_cause_name(p->link_cause, nb));
	else
		jw_kv_null(j, "link_cause");
	jw_kv_string(j, "role", ctl_role_name(p->role, nb));
	jw_kv_string(j, "admin", ctl_admin_name(p->admin, nb));
	jw_kv_bool(j, "usable", p->usable);
	jw_kv_int(j, "prio", p->prio);
	jw_kv_uint(j, "failures", p->link_failures);
	put_since(j, p->link_changed_ns, now_ns);
	if (ctl->details) {
		if (p->speed == CTL_SPEED_UNKNOWN)
			jw_kv_null(j, "speed");
		else
			jw_kv_uint(j, "speed", p->speed);
		jw_kv_string(j, "duplex", ctl_duplex_name(p->duplex));
		jw_kv_uint(j, "queue_id", p->queue_id);
		if (ctl_bond_is_8023ad(b))
			jw_kv_uint(j, "actor_port_prio", p->ad_prio);
		ctl_format_hwaddr(p->perm_hwaddr, p->perm_hwaddr_len, hw,
				  sizeof(hw));
		jw_kv_string(j, "perm_hwaddr", hw[0] ? hw : NULL);
		if (p->added_ns)
			jw_kv_uint(j, "added_ns", p->added_ns);
		else
			jw_kv_null(j, "added_ns");
	}
	if (ctl_bond_is_8023ad(b))
		ctl_lacp_json(j, ctl, p);
	if (ctl->stats)
		put_stats(j, &p->stats);
	jw_obj_close(j);
}

void ctl_show_json(struct jw *j, const struct ctl *ctl,
		   const struct ctl_bond *b, uint64_t now_ns)
{
	char mbuf[16], ifbuf[IF_NAMESIZE], hw[CTL_HWADDR_TEXT];
	const char *active = ctl_bond_active_name(b);
	size_t i;

	if (!active && b->active_ifindex)
		active = ctl_ifname(b, b->active_ifindex, ifbuf);
	jw_obj_open(j);
	jw_kv_uint(j, "ifindex", b->ifindex);
	jw_kv_string(j, "name", b->name);
	jw_kv_string(j, "mode", mode_name(b, mbuf));
	jw_kv_string(j, "carrier", b->carrier ? "up" : "down");
	jw_kv_string(j, "active", active);
	put_since(j, b->changed_ns, now_ns);
	ctl_format_hwaddr(b->hwaddr, b->hwaddr_len, hw, sizeof(hw));
	jw_kv_string(j, "hwaddr", hw[0] ? hw : NULL);
	if (b->lacp_agent)
		jw_kv_uint(j, "lacp_agent", b->lacp_agent);
	else
		jw_kv_null(j, "lacp_agent");
	if (ctl->details)
		put_options(j, b);
	jw_kv_arr_open(j, "ports");
	for (i = 0; i < b->n_ports; i++)
		put_port(j, ctl, b, &b->ports[i], now_ns);
	jw_arr_close(j);
	if (ctl->stats)
		put_stats(j, &b->stats);
	jw_obj_close(j);
}

int ctl_show_print(FILE *f, const struct ctl *ctl,
		   const struct ctl_bond *bonds, size_t n, uint64_t now_ns)
{
	struct jw j;
	size_t i;
	int ret = 0;

	if (ctl->json) {
		jw_init(&j, f, ctl->pretty);
		jw_arr_open(&j);
		for (i = 0; i < n; i++)
			ctl_show_json(&j, ctl, &bonds[i], now_ns);
		jw_arr_close(&j);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (i)
			fputc('\n', f);
		if (ctl_show_text(f, ctl, &bonds[i], now_ns) < 0)
			ret = -1;
	}
	return ret;
}
