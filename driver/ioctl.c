// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: bonding.ko's ioctls, for the tools older than its netlink and
 * sysfs interfaces: enslave, release, take a device's address, change the
 * active port, query the bond and its ports (SIOCBOND*), and the bond's
 * MII status (SIOCGMIIPHY, SIOCGMIIREG). Each change goes the way the same
 * change goes over netlink or sysfs, with its checks and events.
 *
 * The core calls these under RTNL, having checked CAP_NET_ADMIN over the
 * namespace for the changes; ifr_data of the queries is a user pointer.
 */
#include <linux/if_bonding.h>
#include <linux/mii.h>

#include "nbond.h"
#include "options.h"

static int nbond_ioctl_bond_info(struct nbond *bond, struct ifreq *ifr)
{
	struct ifbond info = {
		.bond_mode = bond->params.mode,
		.num_slaves = bond->port_count,
		.miimon = bond->params.miimon,
	};

	return copy_to_user(ifr->ifr_data, &info, sizeof(info)) ? -EFAULT : 0;
}

/* The port numbered slave_id (from 0, in the order they joined). */
static int nbond_ioctl_port_info(struct nbond *bond, struct ifreq *ifr)
{
	struct nbond_port *port;
	struct ifslave info;
	s32 i = 0;

	if (copy_from_user(&info, ifr->ifr_data, sizeof(info)))
		return -EFAULT;
	nbond_for_each_port(bond, port) {
		if (i++ != info.slave_id)
			continue;
		strscpy(info.slave_name, port->dev->name,
			sizeof(info.slave_name));
		/* enum nbond_link and nbond_role have bonding's values */
		info.link = port->link;
		info.state = nbond_port_state(port);
		info.link_failure_count = port->link_failure_count;
		if (copy_to_user(ifr->ifr_data, &info, sizeof(info)))
			return -EFAULT;
		return 0;
	}
	return -ENODEV;
}

/* The bond takes @dev's address, as a netlink address change would. */
static int nbond_ioctl_take_addr(struct nbond *bond, struct net_device *dev)
{
	struct sockaddr_storage ss = { .ss_family = bond->dev->type };

	if (dev->addr_len != bond->dev->addr_len)
		return -EINVAL;
	memcpy(ss.__data, dev->dev_addr, dev->addr_len);
	return dev_set_mac_address_user(bond->dev, (struct sockaddr *)&ss, NULL);
}

/* As a write of the port's name to the active_slave file. */
static int nbond_ioctl_set_active(struct nbond *bond, struct net_device *dev)
{
	char name[IFNAMSIZ];
	int err;

	strscpy(name, dev->name, sizeof(name));
	err = nbond_opt_set_text(bond, "active_slave", name);
	if (err)
		return err;
	call_netdevice_notifiers(NETDEV_CHANGEINFODATA, bond->dev);
	nbond_event_bond(bond, NBOND_EVENT_BOND_CHANGED);
	return 0;
}

int nbond_siocbond(struct net_device *bond_dev, struct ifreq *ifr, int cmd)
{
	struct nbond *bond = netdev_priv(bond_dev);
	struct net_device *dev;

	ASSERT_RTNL();

	switch (cmd) {
	case SIOCBONDINFOQUERY:
		return nbond_ioctl_bond_info(bond, ifr);
	case SIOCBONDSLAVEINFOQUERY:
		return nbond_ioctl_port_info(bond, ifr);
	}

	/* The others name a device: a port, or (SETHWADDR) any. */
	ifr->ifr_slave[IFNAMSIZ - 1] = '\0';
	dev = __dev_get_by_name(dev_net(bond_dev), ifr->ifr_slave);
	if (!dev)
		return -ENODEV;
	switch (cmd) {
	case SIOCBONDENSLAVE:
		return nbond_port_add(bond, dev, NULL);
	case SIOCBONDRELEASE:
		return nbond_port_del(bond, dev, NULL);
	case SIOCBONDSETHWADDR:
		return nbond_ioctl_take_addr(bond, dev);
	case SIOCBONDCHANGEACTIVE:
		return nbond_ioctl_set_active(bond, dev);
	default:
		return -EOPNOTSUPP;
	}
}

/* MII: no PHY, register 1 (BMSR) says whether the bond has carrier. */
int nbond_eth_ioctl(struct net_device *bond_dev, struct ifreq *ifr, int cmd)
{
	struct mii_ioctl_data *mii = if_mii(ifr);

	switch (cmd) {
	case SIOCGMIIPHY:
		mii->phy_id = 0;
		fallthrough;
	case SIOCGMIIREG:
		if (mii->reg_num == MII_BMSR)
			mii->val_out = netif_carrier_ok(bond_dev) ?
				       BMSR_LSTATUS : 0;
		return 0;
	default:
		return -EOPNOTSUPP;
	}
}
