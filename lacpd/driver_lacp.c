// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: setting the ports' LACP state in the driver (NBOND_CMD_LACP_SET),
 * one port a request or many, and following what an older module takes.
 */
#include <errno.h>
#include <linux/nbond.h>
#include <netlink/genl/genl.h>

#include "driver.h"
#include "driver_int.h"
#include "log.h"

/*
 * Ports per batched LACP_SET: each takes some 200 bytes, and the request
 * stays well within the kernel's socket buffer.
 */
#define DRV_BATCH_PORTS		64
#define DRV_BATCH_MSG_SIZE	32768
#define DRV_BATCH_TRIES		3

static int put_info(struct nl_msg *msg, int attr, const struct lacp_info *li)
{
	struct nlattr *nest = nla_nest_start(msg, attr);

	if (!nest ||
	    nla_put_u16(msg, NBOND_LACP_INFO_A_SYSTEM_PRIO, li->system_prio) ||
	    nla_put(msg, NBOND_LACP_INFO_A_SYSTEM, LACP_ETH_ALEN, li->system) ||
	    nla_put_u16(msg, NBOND_LACP_INFO_A_KEY, li->key) ||
	    nla_put_u16(msg, NBOND_LACP_INFO_A_PORT_PRIO, li->port_prio) ||
	    nla_put_u16(msg, NBOND_LACP_INFO_A_PORT, li->port) ||
	    nla_put_u8(msg, NBOND_LACP_INFO_A_STATE, li->state))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_churn(struct nl_msg *msg, const struct drv_lacp *st)
{
	if (nla_put_u8(msg, NBOND_LACP_A_ACTOR_CHURN, st->actor_churn) ||
	    nla_put_u8(msg, NBOND_LACP_A_PARTNER_CHURN, st->partner_churn) ||
	    nla_put_u32(msg, NBOND_LACP_A_ACTOR_CHURNS, st->actor_churns) ||
	    nla_put_u32(msg, NBOND_LACP_A_PARTNER_CHURNS, st->partner_churns))
		return -1;
	return 0;
}

static int put_lacp(struct nl_msg *msg, const struct drv_lacp *st,
		    bool churn)
{
	struct nlattr *lacp, *stats;
	int i;

	lacp = nla_nest_start(msg, NBOND_PORT_A_LACP);
	if (!lacp ||
	    nla_put_u16(msg, NBOND_LACP_A_AGGREGATOR, st->aggregator) ||
	    nla_put_u8(msg, NBOND_LACP_A_SELECTED, st->selected) ||
	    nla_put_u8(msg, NBOND_LACP_A_COLLECTING, st->collecting) ||
	    nla_put_u8(msg, NBOND_LACP_A_DISTRIBUTING, st->distributing) ||
	    put_info(msg, NBOND_LACP_A_ACTOR, &st->actor) ||
	    put_info(msg, NBOND_LACP_A_PARTNER, &st->partner) ||
	    (churn && put_churn(msg, st)))
		return -1;
	stats = nla_nest_start(msg, NBOND_LACP_A_STATS);
	if (!stats)
		return -1;
	for (i = 0; i < DRV_NSTATS; i++)
		if (nla_put_u64(msg, NBOND_LACP_STATS_A_LACPDU_RX + i,
				st->stats[i]))
			return -1;
	nla_nest_end(msg, stats);
	nla_nest_end(msg, lacp);
	return 0;
}

static int lacp_set(struct drv *d, uint32_t port_ifindex,
		    const struct drv_lacp *st, bool churn)
{
	struct nl_msg *msg = drv_msg(d, NBOND_CMD_LACP_SET, 0);
	struct nlattr *port;

	if (!msg)
		return -ENOMEM;
	port = nla_nest_start(msg, NBOND_A_PORT);
	if (!port || nla_put_u32(msg, NBOND_PORT_A_IFINDEX, port_ifindex) ||
	    put_lacp(msg, st, churn)) {
		nlmsg_free(msg);
		return -ENOMEM;
	}
	nla_nest_end(msg, port);
	return drv_transact(d, msg, NULL, NULL);
}

/*
 * A driver older than the churn attributes refuses them (strict policy:
 * -EINVAL). If the same state goes through without them, the driver is
 * that old one, told no churn from then on.
 */
int drv_lacp_set(struct drv *d, uint32_t port_ifindex,
		 const struct drv_lacp *st)
{
	int err;

	if (d->no_churn)
		return lacp_set(d, port_ifindex, st, false);
	err = lacp_set(d, port_ifindex, st, true);
	if (err != -EINVAL || lacp_set(d, port_ifindex, st, false))
		return err;
	log_warn("the nbond module predates churn detection: churn states are not reported to it");
	d->no_churn = true;
	return 0;
}

static int lacp_set_batch(struct drv *d, const struct drv_lacp_item *items,
			  size_t n, bool churn)
{
	struct nl_msg *msg;
	struct nlattr *ports, *port;
	size_t i;

	msg = drv_msg_init(d, nlmsg_alloc_size(DRV_BATCH_MSG_SIZE),
			   NBOND_CMD_LACP_SET, 0);
	if (!msg)
		return -ENOMEM;
	ports = nla_nest_start(msg, NBOND_A_PORTS);
	if (!ports)
		goto err_free;
	for (i = 0; i < n; i++) {
		port = nla_nest_start(msg, NBOND_A_PORT);
		if (!port ||
		    nla_put_u32(msg, NBOND_PORT_A_IFINDEX, items[i].ifindex) ||
		    put_lacp(msg, &items[i].st, churn))
			goto err_free;
		nla_nest_end(msg, port);
	}
	nla_nest_end(msg, ports);
	return drv_transact(d, msg, NULL, NULL);

err_free:
	nlmsg_free(msg);
	return -ENOMEM;
}

/*
 * A driver older than batches refuses NBOND_A_PORTS (strict policy:
 * -EINVAL). So does a newer one for a batch with a port that just left
 * its bond: only a driver that refused DRV_BATCH_TRIES batches, and took
 * none, is taken to predate them; the ports go one by one from then on.
 */
int drv_lacp_set_many(struct drv *d, const struct drv_lacp_item *items,
		      size_t n)
{
	size_t i, m;
	int err;

	if (d->no_batch)
		return -EOPNOTSUPP;
	for (i = 0; i < n; i += m) {
		m = n - i < DRV_BATCH_PORTS ? n - i : DRV_BATCH_PORTS;
		err = lacp_set_batch(d, items + i, m, !d->no_churn);
		if (err == -EINVAL && !d->batch_ok &&
		    ++d->batch_refused == DRV_BATCH_TRIES) {
			log_info("the nbond module takes LACP state one port at a time");
			d->no_batch = true;
			return -EOPNOTSUPP;
		}
		if (err)
			return err;
		d->batch_ok = true;
	}
	return 0;
}
