// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: the client of the nbond generic netlink family: sockets,
 * requests and the event group. genl_parse.c reads the messages.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include <linux/nbond.h>

#include "bondctl.h"
#include "genl.h"
#include "nl.h"
#include "opts.h"

/* Room for a burst of events from a bond with many ports. */
#define CTL_EVENT_RCVBUF (4 * 1024 * 1024)
/* A GET reply of a bond with many ports exceeds a page. */
#define CTL_MSG_BUFSIZE (64 * 1024)
/* Consecutive overflow reports before the socket is given up on. */
#define CTL_MAX_OVERFLOWS 64

int ctl_genl_open(struct ctl_genl *g)
{
	int family;

	memset(g, 0, sizeof(*g));
	g->sk = ctl_nl_open(NETLINK_GENERIC);
	if (!g->sk)
		return CTL_FAIL;
	nl_socket_enable_msg_peek(g->sk);
	nl_socket_set_msg_buf_size(g->sk, CTL_MSG_BUFSIZE);

	family = genl_ctrl_resolve(g->sk, NBOND_GENL_NAME);
	if (family == -NLE_OBJ_NOTFOUND) {
		ctl_err("the nbond module is not loaded");
		goto err_close;
	}
	if (family < 0) {
		ctl_err("cannot resolve the %s family: %s", NBOND_GENL_NAME,
			nl_geterror(family));
		goto err_close;
	}
	g->family = family;
	return CTL_OK;

err_close:
	nl_socket_free(g->sk);
	g->sk = NULL;
	return CTL_FAIL;
}

void ctl_genl_close(struct ctl_genl *g)
{
	if (g->ev)
		nl_socket_free(g->ev);
	if (g->sk)
		nl_socket_free(g->sk);
	g->ev = NULL;
	g->sk = NULL;
}

/* A request of @cmd with @flags, or NULL after reporting ENOMEM. */
static struct nl_msg *new_request(struct ctl_genl *g, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		goto err;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, g->family, 0, flags,
			 cmd, NBOND_GENL_VERSION)) {
		nlmsg_free(msg);
		goto err;
	}
	return msg;

err:
	ctl_err("cannot build a request: %s", strerror(ENOMEM));
	return NULL;
}

/* The bonds a GET or a dump has brought so far. */
struct bond_list {
	struct ctl_bond *v;
	size_t n, cap;
};

/* One message of a dump; a bond's next message is joined to it. */
static int on_bond(struct nl_msg *msg, void *arg)
{
	struct bond_list *l = arg;
	struct ctl_bond *v, *last = l->n ? &l->v[l->n - 1] : NULL;
	size_t cap;
	int err;

	if (l->n == l->cap) {
		cap = l->cap ? 2 * l->cap : 4;
		v = realloc(l->v, cap * sizeof(*v));
		if (!v) {
			ctl_err("reading bonds: %s", strerror(ENOMEM));
			return -ENOMEM;
		}
		l->v = v;
		l->cap = cap;
		last = l->n ? &l->v[l->n - 1] : NULL;
	}
	err = ctl_genl_parse_bond(msg, &l->v[l->n]);
	/* Counted even on error: the free below must see what it holds. */
	l->n++;
	if (!err && last && last->ifindex == l->v[l->n - 1].ifindex) {
		err = ctl_bond_join(last, &l->v[l->n - 1]) ? -ENOMEM : 0;
		if (!err)
			l->n--;
	}
	if (err == -ENOMEM) {
		ctl_err("reading bonds: %s", strerror(ENOMEM));
		return err;
	}
	if (err < 0) {
		ctl_err("malformed reply from the nbond driver");
		return err;
	}
	return NL_OK;
}

/*
 * Dump the bonds, or the one named @name, into @l. A dump that bonds or
 * ports changed under is read again, a few times.
 */
static int read_bonds(struct ctl_genl *g, const char *name,
		      struct bond_list *l)
{
	const char *what = name ? name : "listing bonds";
	struct nl_msg *msg;
	int ret, tries;

	for (tries = 0; tries < 5; tries++) {
		ctl_bonds_free(l->v, l->n);
		memset(l, 0, sizeof(*l));
		msg = new_request(g, NBOND_CMD_GET, NLM_F_DUMP);
		if (!msg)
			return CTL_FAIL;
		if (name && nla_put_string(msg, NBOND_A_IFNAME, name) < 0) {
			nlmsg_free(msg);
			ctl_err("%s: cannot build the request", name);
			return CTL_FAIL;
		}
		ret = ctl_nl_transact(g->sk, msg, what, on_bond, l);
		if (ret != CTL_FAIL || errno != EAGAIN)
			return ret;
	}
	ctl_err("%s: the bonds kept changing while they were read", what);
	return CTL_FAIL;
}

int ctl_genl_get(struct ctl_genl *g, const char *name,
		 struct ctl_bond **bond)
{
	struct bond_list l = { 0 };
	int ret;

	*bond = NULL;
	if (!if_nametoindex(name)) {
		ctl_err("%s: no such device", name);
		return CTL_FAIL;
	}
	ret = read_bonds(g, name, &l);
	if (ret == CTL_OK && !l.n) {
		ctl_err("%s: not an nbond bond", name);
		ret = CTL_FAIL;
	} else if (ret == CTL_OK && l.n != 1) {
		ctl_err("%s: the nbond driver sent %zu bonds for one", name,
			l.n);
		ret = CTL_FAIL;
	}
	if (ret != CTL_OK) {
		ctl_bonds_free(l.v, l.n);
		/* Not a bond of ours: a failed lookup, not a refusal. */
		return CTL_FAIL;
	}
	*bond = l.v;
	return CTL_OK;
}

int ctl_genl_get_all(struct ctl_genl *g, struct ctl_bond **bonds,
		     size_t *n)
{
	struct bond_list l = { 0 };

	*bonds = NULL;
	*n = 0;
	if (read_bonds(g, NULL, &l) != CTL_OK) {
		ctl_bonds_free(l.v, l.n);
		return CTL_FAIL;
	}
	*bonds = l.v;
	*n = l.n;
	return CTL_OK;
}

int ctl_genl_port_set(struct ctl_genl *g, const struct ctl_port_req *req)
{
	unsigned int ifindex = if_nametoindex(req->port);
	struct nlattr *nest;
	struct nl_msg *msg;

	if (!ifindex) {
		ctl_err("%s: no such device", req->port);
		return CTL_FAIL;
	}
	msg = new_request(g, NBOND_CMD_PORT_SET, 0);
	if (!msg)
		return CTL_FAIL;
	nest = nla_nest_start(msg, NBOND_A_PORT);
	if (!nest ||
	    nla_put_u32(msg, NBOND_PORT_A_IFINDEX, ifindex) < 0 ||
	    (req->set_admin &&
	     nla_put_u8(msg, NBOND_PORT_A_ADMIN, req->admin) < 0) ||
	    (req->set_prio &&
	     nla_put_s32(msg, NBOND_PORT_A_PRIO, req->prio) < 0) ||
	    (req->set_queue_id &&
	     nla_put_u16(msg, NBOND_PORT_A_QUEUE_ID, req->queue_id) < 0) ||
	    (req->set_ad_prio &&
	     nla_put_u16(msg, NBOND_PORT_A_AD_PRIO, req->ad_prio) < 0) ||
	    nla_nest_end(msg, nest) < 0) {
		nlmsg_free(msg);
		ctl_err("%s: cannot build the request", req->port);
		return CTL_FAIL;
	}
	return ctl_nl_transact(g->sk, msg, req->port, NULL, NULL);
}

int ctl_genl_bond_set(struct ctl_genl *g, const char *bond,
		      const struct ctl_optval *vals, unsigned int n)
{
	struct nl_msg *msg;
	unsigned int i;
	int attr;

	msg = new_request(g, NBOND_CMD_BOND_SET, 0);
	if (!msg)
		return CTL_FAIL;
	if (nla_put_string(msg, NBOND_A_IFNAME, bond) < 0)
		goto err_free;
	for (i = 0; i < n; i++) {
		attr = vals[i].opt->attr;
		if (!CTL_OPT_IS_NBOND(attr))
			continue;
		/* Every nbond option is a u8 (ctl_opts). */
		if (nla_put_u8(msg, attr & ~CTL_OPT_NBOND,
			       (uint8_t)vals[i].num) < 0)
			goto err_free;
	}
	return ctl_nl_transact(g->sk, msg, bond, NULL, NULL);

err_free:
	nlmsg_free(msg);
	ctl_err("%s: cannot build the request", bond);
	return CTL_FAIL;
}

/* ---------------------------------------------------------------- events */

static int on_event_msg(struct nl_msg *msg, void *arg)
{
	struct ctl_genl *g = arg;
	struct ctl_event ev;

	/* Anything else the group may carry one day is skipped. */
	if (ctl_genl_parse_event(msg, &ev) == 0 && g->on_event)
		g->on_event(&ev, g->arg);
	return NL_OK;
}

int ctl_genl_subscribe(struct ctl_genl *g, ctl_event_fn fn, void *arg)
{
	int grp, err, fd, size = CTL_EVENT_RCVBUF;

	grp = genl_ctrl_resolve_grp(g->sk, NBOND_GENL_NAME,
				    NBOND_GENL_MCGRP_EVENTS);
	if (grp < 0) {
		ctl_err("cannot resolve the %s group: %s",
			NBOND_GENL_MCGRP_EVENTS, nl_geterror(grp));
		return CTL_FAIL;
	}
	g->ev = nl_socket_alloc();
	if (!g->ev) {
		ctl_err("cannot allocate a netlink socket: %s",
			strerror(ENOMEM));
		return CTL_FAIL;
	}
	g->on_event = fn;
	g->arg = arg;
	nl_socket_disable_seq_check(g->ev);
	nl_socket_enable_msg_peek(g->ev);
	nl_socket_set_msg_buf_size(g->ev, CTL_MSG_BUFSIZE);
	err = nl_socket_modify_cb(g->ev, NL_CB_VALID, NL_CB_CUSTOM,
				  on_event_msg, g);
	if (err < 0)
		goto err_nl;
	err = nl_connect(g->ev, NETLINK_GENERIC);
	if (err < 0)
		goto err_nl;
	/* Beyond rmem_max only with CAP_NET_ADMIN; else the capped size. */
	fd = nl_socket_get_fd(g->ev);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
		       sizeof(size)) < 0)
		nl_socket_set_buffer_size(g->ev, size, 0);
	err = nl_socket_add_membership(g->ev, grp);
	if (err < 0)
		goto err_nl;
	err = nl_socket_set_nonblocking(g->ev);
	if (err < 0)
		goto err_nl;
	return CTL_OK;

err_nl:
	ctl_err("cannot subscribe to nbond events: %s", nl_geterror(err));
	nl_socket_free(g->ev);
	g->ev = NULL;
	return CTL_FAIL;
}

int ctl_genl_events_fd(const struct ctl_genl *g)
{
	return nl_socket_get_fd(g->ev);
}

int ctl_genl_events_read(struct ctl_genl *g)
{
	unsigned int overflows = 0;
	int err;

	for (;;) {
		err = nl_recvmsgs_default(g->ev);
		if (err >= 0) {
			overflows = 0;
			continue;
		}
		if (err == -NLE_AGAIN)
			return CTL_OK;
		/* libnl reports ENOBUFS, a full socket, as NLE_NOMEM. */
		if (err == -NLE_NOMEM && ++overflows < CTL_MAX_OVERFLOWS) {
			g->lost++;
			continue;
		}
		ctl_err("reading nbond events: %s", nl_geterror(err));
		return CTL_FAIL;
	}
}
