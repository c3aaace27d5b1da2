// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: time stamping capabilities (ethtool -T, and what PTP daemons ask
 * before they start). A bond with an active port (active-backup,
 * balance-tlb, balance-alb) reports that port's, PHC included, so that
 * PTP runs over the bond; the others report software time stamping,
 * transmit included when every port has it.
 *
 * Callers may hold RTNL or not (binding a socket to a PHC): the port is
 * held while it is asked.
 */
#include <linux/ethtool.h>
#include <linux/net_tstamp.h>
#include <linux/phy.h>

#include "nbond.h"

#ifdef HAVE_KERNEL_ETHTOOL_TS_INFO
static int nbond_port_ts_info(struct net_device *dev,
			      struct nbond_ts_info *info)
{
	return ethtool_get_ts_info_by_layer(dev, info);
}
#else
/* What the core asks of a device (no helper is exported before 6.11). */
static int nbond_port_ts_info(struct net_device *dev,
			      struct nbond_ts_info *info)
{
	const struct ethtool_ops *ops = dev->ethtool_ops;
	int err = 0;

	memset(info, 0, sizeof(*info));
	info->cmd = ETHTOOL_GET_TS_INFO;
	info->phc_index = -1;
	if (phy_has_tsinfo(dev->phydev))
		err = phy_ts_info(dev->phydev, info);
	else if (ops->get_ts_info)
		err = ops->get_ts_info(dev, info);
	info->so_timestamping |= SOF_TIMESTAMPING_RX_SOFTWARE |
				 SOF_TIMESTAMPING_SOFTWARE;
	return err;
}
#endif

/* Whether every port time-stamps in software what it sends. */
static bool nbond_ports_tx_software(struct nbond *bond)
{
	struct nbond_ts_info port_info;
	struct nbond_port *port;
	bool all = false;

	rcu_read_lock();
	list_for_each_entry_rcu(port, &bond->ports, list) {
		if (nbond_port_ts_info(port->dev, &port_info) ||
		    !(port_info.so_timestamping &
		      SOF_TIMESTAMPING_TX_SOFTWARE)) {
			all = false;
			break;
		}
		all = true;
	}
	rcu_read_unlock();
	return all;
}

int nbond_get_ts_info(struct net_device *dev, struct nbond_ts_info *info)
{
	struct nbond *bond = netdev_priv(dev);
	struct net_device *active_dev = NULL;
	struct nbond_port *active;
	int err;

	rcu_read_lock();
	active = rcu_dereference(bond->active);
	if (active && READ_ONCE(bond->mode)->has_active) {
		active_dev = active->dev;
		dev_hold(active_dev);
	}
	rcu_read_unlock();

	if (active_dev) {
		err = nbond_port_ts_info(active_dev, info);
		dev_put(active_dev);
		return err;
	}
	info->so_timestamping = SOF_TIMESTAMPING_RX_SOFTWARE |
				SOF_TIMESTAMPING_SOFTWARE;
	if (nbond_ports_tx_software(bond))
		info->so_timestamping |= SOF_TIMESTAMPING_TX_SOFTWARE;
	info->phc_index = -1;
	return 0;
}
