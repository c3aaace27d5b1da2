// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the driver's "nbond" generic netlink family, through libnl-genl.
 *
 * Two sockets: one for requests (its netlink port id is what the driver
 * knows as the agent, so it stays open for the daemon's life) and one
 * subscribed to the "agent" group (or "events"). Setting the ports' LACP
 * state is driver_lacp.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/nbond.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "driver.h"
#include "driver_int.h"
#include "log.h"

/* ---- parsing ------------------------------------------------------------- */

static struct nla_policy info_policy[NBOND_LACP_INFO_A_MAX + 1] = {
	[NBOND_LACP_INFO_A_SYSTEM_PRIO]	= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_SYSTEM]	= { .minlen = LACP_ETH_ALEN },
	[NBOND_LACP_INFO_A_KEY]		= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_PORT_PRIO]	= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_PORT]	= { .type = NLA_U16 },
	[NBOND_LACP_INFO_A_STATE]	= { .type = NLA_U8 },
};

static struct nla_policy lacp_policy[NBOND_LACP_A_MAX + 1] = {
	[NBOND_LACP_A_AGGREGATOR]	= { .type = NLA_U16 },
	[NBOND_LACP_A_SELECTED]		= { .type = NLA_U8 },
	[NBOND_LACP_A_COLLECTING]	= { .type = NLA_U8 },
	[NBOND_LACP_A_DISTRIBUTING]	= { .type = NLA_U8 },
	[NBOND_LACP_A_ACTOR]		= { .type = NLA_NESTED },
	[NBOND_LACP_A_PARTNER]		= { .type = NLA_NESTED },
	[NBOND_LACP_A_STATS]		= { .type = NLA_NESTED },
	[NBOND_LACP_A_ACTOR_CHURN]	= { .type = NLA_U8 },
	[NBOND_LACP_A_PARTNER_CHURN]	= { .type = NLA_U8 },
	[NBOND_LACP_A_ACTOR_CHURNS]	= { .type = NLA_U32 },
	[NBOND_LACP_A_PARTNER_CHURNS]	= { .type = NLA_U32 },
};

static struct nla_policy port_policy[NBOND_PORT_A_MAX + 1] = {
	[NBOND_PORT_A_IFINDEX]		= { .type = NLA_U32 },
	[NBOND_PORT_A_IFNAME]		= { .type = NLA_STRING },
	[NBOND_PORT_A_LINK]		= { .type = NLA_U8 },
	[NBOND_PORT_A_SPEED]		= { .type = NLA_U32 },
	[NBOND_PORT_A_DUPLEX]		= { .type = NLA_U8 },
	[NBOND_PORT_A_PERM_HWADDR]	= { .minlen = LACP_ETH_ALEN },
	[NBOND_PORT_A_LINK_CHANGED_NS]	= { .type = NLA_U64 },
	[NBOND_PORT_A_ADDED_NS]		= { .type = NLA_U64 },
	[NBOND_PORT_A_LACP]		= { .type = NLA_NESTED },
	[NBOND_PORT_A_AD_PRIO]		= { .type = NLA_U16 },
};

static struct nla_policy bond_policy[NBOND_A_MAX + 1] = {
	[NBOND_A_IFINDEX]	= { .type = NLA_U32 },
	[NBOND_A_IFNAME]	= { .type = NLA_STRING },
	[NBOND_A_HWADDR]	= { .minlen = LACP_ETH_ALEN },
	[NBOND_A_OPTIONS]	= { .type = NLA_NESTED },
	[NBOND_A_PORTS]		= { .type = NLA_NESTED },
	[NBOND_A_PORT]		= { .type = NLA_NESTED },
	[NBOND_A_LACP_AGENT]	= { .type = NLA_U32 },
	[NBOND_A_LACP_FALLBACK]	= { .type = NLA_U8 },
	[NBOND_A_EVENT]		= { .type = NLA_U32 },
	[NBOND_A_TIMESTAMP_NS]	= { .type = NLA_U64 },
};

static void copy_name(char *dst, const struct nlattr *nla)
{
	if (!nla) {
		dst[0] = '\0';
		return;
	}
	nla_strlcpy(dst, nla, IF_NAMESIZE);
}

static int parse_info(struct lacp_info *li, struct nlattr *nla)
{
	struct nlattr *tb[NBOND_LACP_INFO_A_MAX + 1];

	if (nla_parse_nested(tb, NBOND_LACP_INFO_A_MAX, nla, info_policy))
		return -1;
	if (tb[NBOND_LACP_INFO_A_SYSTEM_PRIO])
		li->system_prio = nla_get_u16(tb[NBOND_LACP_INFO_A_SYSTEM_PRIO]);
	if (tb[NBOND_LACP_INFO_A_SYSTEM])
		memcpy(li->system, nla_data(tb[NBOND_LACP_INFO_A_SYSTEM]),
		       LACP_ETH_ALEN);
	if (tb[NBOND_LACP_INFO_A_KEY])
		li->key = nla_get_u16(tb[NBOND_LACP_INFO_A_KEY]);
	if (tb[NBOND_LACP_INFO_A_PORT_PRIO])
		li->port_prio = nla_get_u16(tb[NBOND_LACP_INFO_A_PORT_PRIO]);
	if (tb[NBOND_LACP_INFO_A_PORT])
		li->port = nla_get_u16(tb[NBOND_LACP_INFO_A_PORT]);
	if (tb[NBOND_LACP_INFO_A_STATE])
		li->state = nla_get_u8(tb[NBOND_LACP_INFO_A_STATE]);
	return 0;
}

static int parse_lacp(struct drv_lacp *st, struct nlattr *nla)
{
	struct nlattr *tb[NBOND_LACP_A_MAX + 1], *stats[NBOND_LACP_STATS_A_MAX + 1];
	int i;

	if (nla_parse_nested(tb, NBOND_LACP_A_MAX, nla, lacp_policy))
		return -1;
	if (tb[NBOND_LACP_A_AGGREGATOR])
		st->aggregator = nla_get_u16(tb[NBOND_LACP_A_AGGREGATOR]);
	if (tb[NBOND_LACP_A_SELECTED])
		st->selected = nla_get_u8(tb[NBOND_LACP_A_SELECTED]);
	if (tb[NBOND_LACP_A_COLLECTING])
		st->collecting = nla_get_u8(tb[NBOND_LACP_A_COLLECTING]);
	if (tb[NBOND_LACP_A_DISTRIBUTING])
		st->distributing = nla_get_u8(tb[NBOND_LACP_A_DISTRIBUTING]);
	if (tb[NBOND_LACP_A_ACTOR] &&
	    parse_info(&st->actor, tb[NBOND_LACP_A_ACTOR]))
		return -1;
	if (tb[NBOND_LACP_A_PARTNER] &&
	    parse_info(&st->partner, tb[NBOND_LACP_A_PARTNER]))
		return -1;
	/* An older driver has no churn: MONITOR, which the machines leave */
	if (tb[NBOND_LACP_A_ACTOR_CHURN])
		st->actor_churn = nla_get_u8(tb[NBOND_LACP_A_ACTOR_CHURN]);
	if (tb[NBOND_LACP_A_PARTNER_CHURN])
		st->partner_churn = nla_get_u8(tb[NBOND_LACP_A_PARTNER_CHURN]);
	if (tb[NBOND_LACP_A_ACTOR_CHURNS])
		st->actor_churns = nla_get_u32(tb[NBOND_LACP_A_ACTOR_CHURNS]);
	if (tb[NBOND_LACP_A_PARTNER_CHURNS])
		st->partner_churns =
			nla_get_u32(tb[NBOND_LACP_A_PARTNER_CHURNS]);
	if (tb[NBOND_LACP_A_STATS]) {
		if (nla_parse_nested(stats, NBOND_LACP_STATS_A_MAX,
				     tb[NBOND_LACP_A_STATS], NULL))
			return -1;
		for (i = 0; i < DRV_NSTATS; i++)
			if (stats[NBOND_LACP_STATS_A_LACPDU_RX + i])
				st->stats[i] = nla_get_u64(
					stats[NBOND_LACP_STATS_A_LACPDU_RX + i]);
	}
	return 0;
}

static int parse_port(struct drv_port *p, struct nlattr *nla)
{
	struct nlattr *tb[NBOND_PORT_A_MAX + 1];

	if (nla_parse_nested(tb, NBOND_PORT_A_MAX, nla, port_policy) ||
	    !tb[NBOND_PORT_A_IFINDEX])
		return -1;
	p->ifindex = nla_get_u32(tb[NBOND_PORT_A_IFINDEX]);
	copy_name(p->name, tb[NBOND_PORT_A_IFNAME]);
	if (tb[NBOND_PORT_A_LINK])
		p->link = nla_get_u8(tb[NBOND_PORT_A_LINK]);
	p->speed = tb[NBOND_PORT_A_SPEED] ?
		   nla_get_u32(tb[NBOND_PORT_A_SPEED]) : UINT32_MAX;
	if (tb[NBOND_PORT_A_DUPLEX])
		p->duplex = nla_get_u8(tb[NBOND_PORT_A_DUPLEX]);
	p->ad_prio = tb[NBOND_PORT_A_AD_PRIO] ?
		     nla_get_u16(tb[NBOND_PORT_A_AD_PRIO]) :
		     DRV_DEFAULT_PORT_PRIO;
	if (tb[NBOND_PORT_A_PERM_HWADDR])
		memcpy(p->perm_addr, nla_data(tb[NBOND_PORT_A_PERM_HWADDR]),
		       LACP_ETH_ALEN);
	if (tb[NBOND_PORT_A_LINK_CHANGED_NS])
		p->link_changed_ns =
			nla_get_u64(tb[NBOND_PORT_A_LINK_CHANGED_NS]);
	if (tb[NBOND_PORT_A_ADDED_NS])
		p->added_ns = nla_get_u64(tb[NBOND_PORT_A_ADDED_NS]);
	if (tb[NBOND_PORT_A_LACP]) {
		p->has_lacp = true;
		if (parse_lacp(&p->lacp, tb[NBOND_PORT_A_LACP]))
			return -1;
	}
	return 0;
}

/*
 * IFLA_BOND_COUPLED_CONTROL came with Linux 6.10, right after
 * IFLA_BOND_NS_IP6_TARGET, and older <linux/if_link.h> lack it. It is an
 * enum constant, which #ifndef cannot see: lacpd names the number itself.
 */
#define DRV_BOND_COUPLED_CONTROL	(IFLA_BOND_NS_IP6_TARGET + 1)
#define DRV_BOND_MAX	(IFLA_BOND_MAX > DRV_BOND_COUPLED_CONTROL ? \
			 IFLA_BOND_MAX : DRV_BOND_COUPLED_CONTROL)

static void parse_options(struct drv_bond *b, struct nlattr *nla)
{
	struct nlattr *tb[DRV_BOND_MAX + 1];

	if (nla_parse_nested(tb, DRV_BOND_MAX, nla, NULL))
		return;
	if (tb[IFLA_BOND_MODE])
		b->mode = nla_get_u8(tb[IFLA_BOND_MODE]);
	if (tb[IFLA_BOND_AD_LACP_RATE])
		b->lacp_rate = nla_get_u8(tb[IFLA_BOND_AD_LACP_RATE]);
	if (tb[IFLA_BOND_AD_LACP_ACTIVE])
		b->lacp_active = nla_get_u8(tb[IFLA_BOND_AD_LACP_ACTIVE]);
	if (tb[IFLA_BOND_AD_SELECT])
		b->ad_select = nla_get_u8(tb[IFLA_BOND_AD_SELECT]);
	if (tb[IFLA_BOND_AD_ACTOR_SYS_PRIO])
		b->ad_actor_sys_prio =
			nla_get_u16(tb[IFLA_BOND_AD_ACTOR_SYS_PRIO]);
	if (tb[IFLA_BOND_AD_USER_PORT_KEY])
		b->ad_user_port_key =
			nla_get_u16(tb[IFLA_BOND_AD_USER_PORT_KEY]);
	if (tb[IFLA_BOND_AD_ACTOR_SYSTEM] &&
	    nla_len(tb[IFLA_BOND_AD_ACTOR_SYSTEM]) >= LACP_ETH_ALEN)
		memcpy(b->ad_actor_system,
		       nla_data(tb[IFLA_BOND_AD_ACTOR_SYSTEM]), LACP_ETH_ALEN);
	b->coupled_control = 1;
	if (tb[DRV_BOND_COUPLED_CONTROL])
		b->coupled_control = nla_get_u8(tb[DRV_BOND_COUPLED_CONTROL]);
}

static struct drv_bond *parse_bond(struct nl_msg *msg)
{
	struct nlattr *tb[NBOND_A_MAX + 1], *nla;
	struct drv_bond *b;
	size_t n = 0;
	int rem;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NBOND_A_MAX, bond_policy) ||
	    !tb[NBOND_A_IFINDEX])
		return NULL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->ad_actor_sys_prio = 65535;
	b->ifindex = nla_get_u32(tb[NBOND_A_IFINDEX]);
	copy_name(b->name, tb[NBOND_A_IFNAME]);
	if (tb[NBOND_A_HWADDR])
		memcpy(b->hwaddr, nla_data(tb[NBOND_A_HWADDR]), LACP_ETH_ALEN);
	if (tb[NBOND_A_OPTIONS])
		parse_options(b, tb[NBOND_A_OPTIONS]);
	if (tb[NBOND_A_LACP_AGENT])
		b->agent = nla_get_u32(tb[NBOND_A_LACP_AGENT]);
	b->lacp_fallback = NBOND_LACP_FALLBACK_INDIVIDUAL;
	if (tb[NBOND_A_LACP_FALLBACK])
		b->lacp_fallback = nla_get_u8(tb[NBOND_A_LACP_FALLBACK]);
	if (!tb[NBOND_A_PORTS])
		return b;

	nla_for_each_nested(nla, tb[NBOND_A_PORTS], rem)
		n++;
	b->ports = calloc(n ? n : 1, sizeof(*b->ports));
	if (!b->ports)
		goto err;
	nla_for_each_nested(nla, tb[NBOND_A_PORTS], rem) {
		if (parse_port(&b->ports[b->n_ports], nla))
			goto err;
		b->n_ports++;
	}
	return b;
err:
	drv_bond_free(b);
	return NULL;
}

void drv_bond_free(struct drv_bond *b)
{
	if (!b)
		return;
	free(b->ports);
	free(b);
}

/* ---- sockets and requests ------------------------------------------------ */

/*
 * Join the nbond family's "agent" group on the events socket: the events
 * lacpd acts on, without those its own LACP_SETs cause. A module that
 * predates the group sends them all to "events".
 */
static int drv_join_events(struct drv *d)
{
	int grp = genl_ctrl_resolve_grp(d->req, NBOND_GENL_NAME,
					NBOND_GENL_MCGRP_AGENT);

	if (grp < 0)
		grp = genl_ctrl_resolve_grp(d->req, NBOND_GENL_NAME,
					    NBOND_GENL_MCGRP_EVENTS);
	if (grp < 0 || nl_socket_add_membership(d->ev, grp)) {
		log_err("cannot join the nbond events group");
		return -1;
	}
	return 0;
}

/*
 * Room for the events of a storm on a thousand ports (a switch reboots):
 * past the system's rmem_max, which lacpd may pass with CAP_NET_ADMIN. A
 * smaller buffer only means a full re-read once events are lost.
 */
#define DRV_EVENTS_RCVBUF	(4 << 20)

static void drv_size_events(struct drv *d)
{
	int fd = nl_socket_get_fd(d->ev), size = DRV_EVENTS_RCVBUF;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		nl_socket_set_buffer_size(d->ev, size, 0);
}

struct drv *drv_open(void)
{
	struct drv *d = calloc(1, sizeof(*d));
	int grp;

	if (!d)
		return NULL;
	d->req = nl_socket_alloc();
	d->ev = nl_socket_alloc();
	if (!d->req || !d->ev)
		goto err;
	if (genl_connect(d->req) || genl_connect(d->ev)) {
		log_err("cannot open a generic netlink socket");
		goto err;
	}
	d->family = genl_ctrl_resolve(d->req, NBOND_GENL_NAME);
	if (d->family < 0) {
		log_err("the nbond module is not loaded (no \"%s\" family)",
			NBOND_GENL_NAME);
		goto err;
	}
	if (drv_join_events(d))
		goto err;
	/* nlctrl tells when the family goes (rmmod) and comes back. */
	grp = genl_ctrl_resolve_grp(d->req, "nlctrl", "notify");
	if (grp < 0 || nl_socket_add_membership(d->ev, grp)) {
		log_err("cannot join nlctrl's notify group");
		goto err;
	}
	nl_socket_disable_seq_check(d->ev);
	nl_socket_set_nonblocking(d->ev);
	drv_size_events(d);
	return d;
err:
	drv_close(d);
	return NULL;
}

void drv_close(struct drv *d)
{
	if (!d)
		return;
	nl_socket_free(d->ev);
	nl_socket_free(d->req);
	free(d);
}

int drv_events_fd(const struct drv *d)
{
	return nl_socket_get_fd(d->ev);
}

/* @msg, just allocated, with the family's header; NULL if it is NULL. */
struct nl_msg *drv_msg_init(struct drv *d, struct nl_msg *msg,
				   uint8_t cmd, int flags)
{
	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, d->family, 0, flags,
			 cmd, NBOND_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

struct nl_msg *drv_msg(struct drv *d, uint8_t cmd, int flags)
{
	return drv_msg_init(d, nlmsg_alloc(), cmd, flags);
}

struct drv_xfer {
	int (*fn)(struct nl_msg *msg, void *arg);
	void *arg;
	bool done;
	int error;			/* the kernel's, negative */
};

static int drv_on_valid(struct nl_msg *msg, void *arg)
{
	struct drv_xfer *x = arg;

	return x->fn ? x->fn(msg, x->arg) : NL_OK;
}

static int drv_on_done(struct nl_msg *msg, void *arg)
{
	struct drv_xfer *x = arg;

	(void)msg;
	x->done = true;
	return NL_STOP;
}

/* NLMSG_DONE ends a dump; its int is the dump's error, 0 or negative. */
static int drv_on_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct drv_xfer *x = arg;
	int code;

	x->done = true;
	if (nlmsg_datalen(nlh) >= (int)sizeof(code)) {
		memcpy(&code, nlmsg_data(nlh), sizeof(code));
		if (code < 0)
			x->error = code;
	}
	return NL_STOP;
}

static int drv_on_error(struct sockaddr_nl *nla, struct nlmsgerr *err,
			void *arg)
{
	struct drv_xfer *x = arg;

	(void)nla;
	x->error = err->error;
	x->done = true;
	return NL_STOP;
}

/* A libnl error as the errno it stands for; -EIO where there is none. */
static int drv_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_INTR:
		return -EINTR;
	case NLE_MSGSIZE:
	case NLE_MSG_TRUNC:
		return -EMSGSIZE;
	case NLE_PERM:
		return -EPERM;
	case NLE_NODEV:
		return -ENODEV;
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_INVAL:
	case NLE_RANGE:
		return -EINVAL;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_BUSY:
		return -EBUSY;
	case NLE_DUMP_INTR:
		return -EAGAIN;
	default:
		return -EIO;
	}
}

/*
 * Send @msg (freed) and read the replies, each to @fn (may be NULL), up to
 * the ack, the error or the end of a dump. 0 or a negative errno: the
 * kernel's own when it answered with one.
 */
int drv_transact(struct drv *d, struct nl_msg *msg,
		 int (*fn)(struct nl_msg *msg, void *arg), void *arg)
{
	struct drv_xfer x = { .fn = fn, .arg = arg };
	struct nl_cb *cb;
	int err;

	if (d->family < 0) {		/* the module is away */
		nlmsg_free(msg);
		return -ENODEV;
	}

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, drv_on_valid, &x);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, drv_on_done, &x);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, drv_on_finish, &x);
	nl_cb_err(cb, NL_CB_CUSTOM, drv_on_error, &x);

	err = nl_send_auto(d->req, msg);
	nlmsg_free(msg);
	while (err >= 0 && !x.done)
		err = nl_recvmsgs(d->req, cb);
	nl_cb_put(cb);
	if (x.error)
		return x.error;
	return err < 0 ? drv_errno(err) : 0;
}

/*
 * A dump of GET. The driver splits a big bond over several messages, each
 * with the bond's attributes and the next of its ports: they are joined
 * here before the bond is handed on, to @fn or, for drv_get(), to @out.
 */
struct drv_read {
	void (*fn)(const struct drv_bond *b, void *arg);
	void *arg;
	struct drv_bond **out;
	struct drv_bond *pending;	/* its next message may go on */
	int err;			/* nothing is handed on after one */
};

/* @from's ports after @into's. */
static int drv_bond_join(struct drv_bond *into, const struct drv_bond *from)
{
	struct drv_port *ports;

	if (!from->n_ports)
		return 0;
	ports = realloc(into->ports,
			(into->n_ports + from->n_ports) * sizeof(*ports));
	if (!ports)
		return -ENOMEM;
	memcpy(ports + into->n_ports, from->ports,
	       from->n_ports * sizeof(*ports));
	into->ports = ports;
	into->n_ports += from->n_ports;
	return 0;
}

/* The pending bond is whole: hand it on. */
static void drv_read_flush(struct drv_read *r)
{
	struct drv_bond *b = r->pending;

	r->pending = NULL;
	if (!b || r->err)
		goto out;
	if (!r->out) {
		r->fn(b, r->arg);
		goto out;
	}
	if (!*r->out) {
		*r->out = b;
		return;
	}
	r->err = -EBADMSG;		/* two bonds for one */
out:
	drv_bond_free(b);
}

static int drv_read_one(struct nl_msg *msg, void *arg)
{
	struct drv_read *r = arg;
	struct drv_bond *b;

	/* Bonds or ports came or went during the dump: read it again. */
	if (nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP_INTR)
		r->err = -EAGAIN;
	if (r->err)
		return NL_SKIP;
	b = parse_bond(msg);
	if (!b) {
		/*
		 * The whole read fails, and is tried again: a bond skipped
		 * here would pass for gone (and its ports be let go), or
		 * its other messages for the whole of it.
		 */
		log_warn("a bond from the driver that cannot be read");
		r->err = -EBADMSG;
		return NL_SKIP;
	}
	if (r->pending && r->pending->ifindex == b->ifindex) {
		r->err = drv_bond_join(r->pending, b);
		drv_bond_free(b);
		return NL_OK;
	}
	drv_read_flush(r);
	r->pending = b;
	return NL_OK;
}

/* Dump every bond, or only @ifindex's (not 0), into @r. */
static int drv_read(struct drv *d, uint32_t ifindex, struct drv_read *r)
{
	struct nl_msg *msg = drv_msg(d, NBOND_CMD_GET, NLM_F_DUMP);
	int err;

	if (!msg || (ifindex && nla_put_u32(msg, NBOND_A_IFINDEX, ifindex))) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	err = drv_transact(d, msg, drv_read_one, r);
	if (!err)
		drv_read_flush(r);
	drv_bond_free(r->pending);
	return err ?: r->err;
}

int drv_dump(struct drv *d, void (*fn)(const struct drv_bond *b, void *arg),
	     void *arg)
{
	struct drv_read r = { .fn = fn, .arg = arg };

	return drv_read(d, 0, &r);
}

int drv_get(struct drv *d, uint32_t ifindex, struct drv_bond **out)
{
	struct drv_read r = { .out = out };
	int err;

	*out = NULL;
	err = drv_read(d, ifindex, &r);
	if (!err && !*out)
		err = -ENODEV;		/* an empty dump: no such bond */
	if (err) {
		drv_bond_free(*out);
		*out = NULL;
	}
	return err;
}

int drv_attach(struct drv *d, uint32_t bond_ifindex)
{
	struct nl_msg *msg = drv_msg(d, NBOND_CMD_AGENT, 0);

	if (!msg || nla_put_u32(msg, NBOND_A_IFINDEX, bond_ifindex)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	return drv_transact(d, msg, NULL, NULL);
}

/* ---- events -------------------------------------------------------------- */

struct drv_event_arg {
	struct drv *drv;
	void (*fn)(const struct drv_event *ev, void *arg);
	void *arg;
};

/*
 * A notice from nlctrl: if it is about the nbond family, follow it (a new
 * family id, and its events group joined again) and tell the caller.
 */
static int drv_ctrl_notice(struct nl_msg *msg, struct drv_event_arg *a)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct drv_event ev = { 0 };
	struct drv *d = a->drv;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, CTRL_ATTR_MAX, NULL) ||
	    !tb[CTRL_ATTR_FAMILY_NAME] ||
	    strcmp(nla_get_string(tb[CTRL_ATTR_FAMILY_NAME]), NBOND_GENL_NAME))
		return NL_SKIP;
	switch (gh->cmd) {
	case CTRL_CMD_DELFAMILY:
		d->family = -1;
		ev.type = DRV_EVENT_MODULE_GONE;
		break;
	case CTRL_CMD_NEWFAMILY:
		if (!tb[CTRL_ATTR_FAMILY_ID])
			return NL_SKIP;
		d->family = nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
		if (drv_join_events(d))
			return NL_SKIP;
		ev.type = DRV_EVENT_MODULE_BACK;
		break;
	default:
		return NL_SKIP;
	}
	a->fn(&ev, a->arg);
	return NL_OK;
}

static int drv_event_one(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NBOND_A_MAX + 1], *ptb[NBOND_PORT_A_MAX + 1];
	struct drv_event_arg *a = arg;
	struct drv_event ev = { 0 };

	if (nlmsg_hdr(msg)->nlmsg_type == GENL_ID_CTRL)
		return drv_ctrl_notice(msg, a);
	if (a->drv->family < 0 ||
	    nlmsg_hdr(msg)->nlmsg_type != a->drv->family)
		return NL_SKIP;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, NBOND_A_MAX, bond_policy) ||
	    !tb[NBOND_A_EVENT] || !tb[NBOND_A_IFINDEX])
		return NL_SKIP;
	ev.type = nla_get_u32(tb[NBOND_A_EVENT]);
	if (tb[NBOND_A_TIMESTAMP_NS])
		ev.timestamp_ns = nla_get_u64(tb[NBOND_A_TIMESTAMP_NS]);
	ev.bond_ifindex = nla_get_u32(tb[NBOND_A_IFINDEX]);
	copy_name(ev.bond, tb[NBOND_A_IFNAME]);
	if (tb[NBOND_A_PORT] &&
	    !nla_parse_nested(ptb, NBOND_PORT_A_MAX, tb[NBOND_A_PORT],
			      port_policy) && ptb[NBOND_PORT_A_IFINDEX]) {
		ev.port_ifindex = nla_get_u32(ptb[NBOND_PORT_A_IFINDEX]);
		copy_name(ev.port, ptb[NBOND_PORT_A_IFNAME]);
		if (ptb[NBOND_PORT_A_LINK] && ptb[NBOND_PORT_A_SPEED]) {
			ev.has_link = true;
			ev.link = nla_get_u8(ptb[NBOND_PORT_A_LINK]);
			ev.speed = nla_get_u32(ptb[NBOND_PORT_A_SPEED]);
			if (ptb[NBOND_PORT_A_DUPLEX])
				ev.duplex = nla_get_u8(ptb[NBOND_PORT_A_DUPLEX]);
			ev.ad_prio = ptb[NBOND_PORT_A_AD_PRIO] ?
				     nla_get_u16(ptb[NBOND_PORT_A_AD_PRIO]) :
				     DRV_DEFAULT_PORT_PRIO;
		}
	}
	a->fn(&ev, a->arg);
	return NL_OK;
}

/*
 * Read what the events socket holds. -ENOBUFS means events were lost:
 * the caller re-reads the driver's state.
 */
int drv_read_events(struct drv *d,
		    void (*fn)(const struct drv_event *ev, void *arg),
		    void *arg)
{
	struct drv_event_arg a = { .drv = d, .fn = fn, .arg = arg };
	/* A clone keeps the socket's settings: no sequence check. */
	struct nl_cb *cb = nl_cb_clone(nl_socket_get_cb(d->ev));
	int err;

	if (!cb)
		return -ENOMEM;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, drv_event_one, &a);
	err = nl_recvmsgs_report(d->ev, cb);
	nl_cb_put(cb);
	if (err == -NLE_AGAIN)
		return 0;
	if (err == -NLE_NOMEM)
		return -ENOBUFS;
	return err < 0 ? drv_errno(err) : err;
}
