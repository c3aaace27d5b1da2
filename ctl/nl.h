/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: netlink sockets and request/reply exchanges over libnl, with the
 * kernel's extended-ack messages passed on to the user.
 */
#ifndef BONDCTL_NL_H
#define BONDCTL_NL_H

#include <netlink/netlink.h>

/*
 * A connected libnl socket for @protocol (NETLINK_ROUTE or NETLINK_GENERIC)
 * with NETLINK_EXT_ACK and NETLINK_CAP_ACK on; NULL after printing why.
 * Free it with nl_socket_free().
 */
struct nl_sock *ctl_nl_open(int protocol);

/*
 * Send @msg (always freed) and read the replies up to the ACK (or
 * NLMSG_DONE for NLM_F_DUMP requests). Each reply message goes to @parse
 * (may be NULL; returns NL_OK, NL_SKIP or NL_STOP; after NL_STOP the rest
 * of the replies are read and dropped) with @arg.
 *
 * On a kernel error prints "bondctl: WHAT: MESSAGE", where MESSAGE is the
 * kernel's extended-ack message if it sent one, else strerror(); EPERM
 * adds "(bondctl needs CAP_NET_ADMIN)". Sets errno to the positive error.
 *
 * Returns CTL_OK, CTL_REFUSED (the kernel answered with an error) or
 * CTL_FAIL (local failure, already reported).
 */
int ctl_nl_transact(struct nl_sock *sk, struct nl_msg *msg, const char *what,
		    int (*parse)(struct nl_msg *msg, void *arg), void *arg);

#endif /* BONDCTL_NL_H */
