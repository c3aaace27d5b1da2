/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: the client of the nbond generic netlink family (libnl-genl).
 *
 * Requests go over one socket; events arrive on a second one, joined to
 * the family's "events" group, so that replies and events never mix.
 * Every function reports its own errors and returns a CTL_* exit code.
 */
#ifndef BONDCTL_GENL_H
#define BONDCTL_GENL_H

#include <stddef.h>
#include <netlink/netlink.h>

#include "bond.h"
#include "opts.h"

typedef void (*ctl_event_fn)(const struct ctl_event *ev, void *arg);

struct ctl_genl {
	struct nl_sock *sk;		/* requests and their replies */
	struct nl_sock *ev;		/* events, once subscribed */
	int family;
	unsigned long lost;		/* event socket overflows */
	ctl_event_fn on_event;
	void *arg;
};

/*
 * Open the request socket and resolve the family. Without the module:
 * "bondctl: the nbond module is not loaded" and CTL_FAIL.
 */
int ctl_genl_open(struct ctl_genl *g);
void ctl_genl_close(struct ctl_genl *g);

/*
 * The nbond bond @name (NBOND_CMD_GET). A name that is no device, or no
 * nbond bond, is reported and gives CTL_FAIL. Free *@bond with
 * ctl_bond_free().
 */
int ctl_genl_get(struct ctl_genl *g, const char *name,
		 struct ctl_bond **bond);
/* Every nbond bond of the namespace; free with ctl_bonds_free(). */
int ctl_genl_get_all(struct ctl_genl *g, struct ctl_bond **bonds,
		     size_t *n);

/* NBOND_CMD_PORT_SET. A refusal by the driver gives CTL_REFUSED. */
int ctl_genl_port_set(struct ctl_genl *g, const struct ctl_port_req *req);

/*
 * NBOND_CMD_BOND_SET: the options of @vals[0..@n-1] that rtnetlink has no
 * attribute for (CTL_OPT_NBOND), for the bond @bond. A refusal by the
 * driver gives CTL_REFUSED.
 */
int ctl_genl_bond_set(struct ctl_genl *g, const char *bond,
		      const struct ctl_optval *vals, unsigned int n);

/*
 * Join the "events" group on a second, non-blocking socket with a large
 * receive buffer. ctl_genl_events_read() then passes each event to @fn.
 */
int ctl_genl_subscribe(struct ctl_genl *g, ctl_event_fn fn, void *arg);
/* The event socket's descriptor, to poll. */
int ctl_genl_events_fd(const struct ctl_genl *g);
/*
 * Read every event queued on the event socket. When the socket had
 * overflowed, g->lost grows and reading goes on.
 */
int ctl_genl_events_read(struct ctl_genl *g);

/*
 * genl_parse.c: fill @b from a GET reply. Returns 0, -1 if the reply is
 * malformed, or -ENOMEM. @b owns what was allocated either way: free its
 * options and ports (ctl_bonds_free(), ctl_bond_free()).
 */
int ctl_genl_parse_bond(struct nl_msg *msg, struct ctl_bond *b);
/* genl_parse.c: an NBOND_CMD_EVENT message. Returns 0, or -1 if malformed. */
int ctl_genl_parse_event(struct nl_msg *msg, struct ctl_event *ev);
/*
 * genl_parse_lacp.c: a port's NBOND_PORT_A_LACP nest. Returns 0, or -1 if
 * malformed; what the driver left out is 0.
 */
int ctl_genl_parse_lacp(struct nlattr *nest, struct ctl_lacp *lacp);

#endif /* BONDCTL_GENL_H */
