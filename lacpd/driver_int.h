/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: the client of the nbond family, shared by its two halves:
 * driver.c (sockets, requests, reading bonds, events) and driver_lacp.c
 * (setting the ports' LACP state). Not for other files.
 */
#ifndef LACPD_DRIVER_INT_H
#define LACPD_DRIVER_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/msg.h>

struct drv {
	struct nl_sock *req;
	struct nl_sock *ev;		/* events, and nlctrl's notices */
	int family;			/* -1 while the module is away */
	bool no_churn;			/* the driver predates the churn */
	bool batch_ok;			/* a batch of LACP_SETs went through */
	unsigned int batch_refused;	/* -EINVAL before any went through */
	bool no_batch;			/* the driver predates batches */
};

struct nl_msg *drv_msg_init(struct drv *d, struct nl_msg *msg, uint8_t cmd,
			    int flags);
struct nl_msg *drv_msg(struct drv *d, uint8_t cmd, int flags);
/* Send @msg (freed) and read the replies (driver.c says how). */
int drv_transact(struct drv *d, struct nl_msg *msg,
		 int (*fn)(struct nl_msg *msg, void *arg), void *arg);

#endif /* LACPD_DRIVER_INT_H */
