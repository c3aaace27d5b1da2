// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: ports. Adding a device to a bond, taking it out again, the
 * receive handler, and the netdev events of port devices.
 */
#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>

#include "nbond.h"

static rx_handler_result_t nbond_handle_frame(struct sk_buff **pskb);

bool nbond_is_port(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == nbond_handle_frame;
}

static bool nbond_is_slow_proto(const struct sk_buff *skb)
{
	return skb->protocol == htons(ETH_P_SLOW) &&
	       ether_addr_equal(eth_hdr(skb)->h_dest, nbond_slow_proto_addr);
}

/*
 * Frames the mode does not accept on this port, and slow-protocol frames
 * (LACP, markers), go to exact delivery only: packet sockets bound to the
 * port see them, the bond does not.
 */
static rx_handler_result_t nbond_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct nbond_port *port = nbond_port_rcu(skb->dev);
	struct nbond *bond = port->bond;

	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	if (unlikely(nbond_is_slow_proto(skb)))
		return RX_HANDLER_EXACT;
	if (READ_ONCE(bond->params.arp_interval))
		nbond_arp_rx(bond, port, skb);
	if (bond->mode->rx)
		bond->mode->rx(bond, skb);
	if (unlikely(READ_ONCE(port->admin_down)) ||
	    !bond->mode->rx_accept(bond, port, skb))
		return RX_HANDLER_EXACT;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;
	*pskb = skb;

	skb->dev = bond->dev;
	dev_sw_netstats_rx_add(bond->dev, skb->len + skb->mac_len);
	return RX_HANDLER_ANOTHER;
}

struct nbond_port *nbond_port_by_ifindex(struct nbond *bond, int ifindex)
{
	struct nbond_port *port;

	nbond_for_each_port(bond, port)
		if (port->dev->ifindex == ifindex)
			return port;
	return NULL;
}

/* The port named @name (none is named ""), under RTNL or RCU. */
struct nbond_port *nbond_port_by_name(struct nbond *bond, const char *name)
{
	struct nbond_port *port;

	list_for_each_entry_rcu(port, &bond->ports, list,
				lockdep_rtnl_is_held())
		if (!strcmp(port->dev->name, name))
			return port;
	return NULL;
}

/* Read the port's speed and duplex; true if either changed. RTNL. */
bool nbond_port_update_speed(struct nbond_port *port)
{
	u32 old_speed = port->speed, speed = SPEED_UNKNOWN;
	u8 old_duplex = port->duplex, duplex = DUPLEX_UNKNOWN;
	struct ethtool_link_ksettings ks;

	if (!__ethtool_get_link_ksettings(port->dev, &ks)) {
		if (ks.base.speed && ks.base.speed != (u32)SPEED_UNKNOWN)
			speed = ks.base.speed;
		if (ks.base.duplex == DUPLEX_FULL ||
		    ks.base.duplex == DUPLEX_HALF)
			duplex = ks.base.duplex;
	}
	port->speed = speed;
	port->duplex = duplex;
	return speed != old_speed || duplex != old_duplex;
}

/*
 * May ports of this bond have to carry the bond's MAC address (all of
 * them, or whichever is active)?
 */
static bool nbond_ports_take_mac(const struct nbond *bond)
{
	return nbond_fail_over_mac(bond) == NBOND_FOM_NONE;
}

static int nbond_port_check(struct nbond *bond, struct net_device *port_dev,
			    struct netlink_ext_ack *extack)
{
	if (port_dev == bond->dev) {
		NL_SET_ERR_MSG(extack, "a bond cannot be its own port");
		return -EINVAL;
	}
	if (port_dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG(extack, "a loopback device cannot be a port");
		return -EOPNOTSUPP;
	}
	if (netdev_master_upper_dev_get(port_dev)) {
		NL_SET_ERR_MSG(extack, "the device is already a port of another master");
		return -EBUSY;
	}
	if (netdev_has_upper_dev(bond->dev, port_dev)) {
		NL_SET_ERR_MSG(extack, "the device is stacked on this bond (a loop)");
		return -ELOOP;
	}
	if (nbond_netpoll_on(bond) &&
	    (port_dev->priv_flags & IFF_DISABLE_NETPOLL)) {
		NL_SET_ERR_MSG(extack, "the device cannot take the bond's netpoll (netconsole)");
		return -EOPNOTSUPP;
	}
	if (port_dev->type != ARPHRD_ETHER || port_dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack, "only Ethernet devices can be ports");
		return -EOPNOTSUPP;
	}
	/* follow gives the active port the bond's address: it too. */
	if (nbond_fail_over_mac(bond) != NBOND_FOM_ACTIVE &&
	    !port_dev->netdev_ops->ndo_set_mac_address) {
		NL_SET_ERR_MSG(extack, "the device cannot change its MAC address");
		return -EOPNOTSUPP;
	}
	if (port_dev->mtu != bond->dev->mtu &&
	    !port_dev->netdev_ops->ndo_change_mtu &&
	    (bond->dev->mtu < port_dev->min_mtu ||
	     bond->dev->mtu > port_dev->max_mtu)) {
		NL_SET_ERR_MSG(extack, "the device cannot take the bond's MTU");
		return -EINVAL;
	}
	return nbond_xdp_port_check(bond, port_dev, extack);
}

/*
 * No IPv6 autoconfiguration on a port: with the bond's MAC it would take
 * the bond's link-local address, and the bond's duplicate address
 * detection would fail. Newer kernels (6.12) look at IFF_NO_ADDRCONF for
 * this, older ones (6.1) at IFF_SLAVE, which a port has anyway. A device
 * that had the flag before it joined keeps it.
 */
static void nbond_port_addrconf(struct nbond_port *port, bool on)
{
#ifdef HAVE_IFF_NO_ADDRCONF
	struct net_device *port_dev = port->dev;

	if (!on)
		port_dev->priv_flags |= IFF_NO_ADDRCONF;
	else if (!port->had_no_addrconf)
		port_dev->priv_flags &= ~IFF_NO_ADDRCONF;
#endif
}

static void nbond_port_init_link(struct nbond *bond, struct nbond_port *port)
{
	nbond_port_update_speed(port);
	port->link = NBOND_LINK_DOWN;
	port->link_since = jiffies;
	if (!nbond_port_carrier(port))
		return;
	if (bond->params.updelay) {
		port->link = NBOND_LINK_BACK;
		port->link_deadline = jiffies +
				      msecs_to_jiffies(bond->params.updelay);
		return;
	}
	port->link = NBOND_LINK_UP;
}

static enum netdev_lag_hash nbond_lag_hash(u32 policy)
{
	switch (policy) {
	case NBOND_XMIT_LAYER34:
		return NETDEV_LAG_HASH_L34;
	case NBOND_XMIT_LAYER23:
		return NETDEV_LAG_HASH_L23;
	case NBOND_XMIT_ENCAP23:
		return NETDEV_LAG_HASH_E23;
	case NBOND_XMIT_ENCAP34:
		return NETDEV_LAG_HASH_E34;
	case NBOND_XMIT_VLAN_SRCMAC:
		return NETDEV_LAG_HASH_VLAN_SRCMAC;
	default:
		return NETDEV_LAG_HASH_L2;
	}
}

int nbond_port_add(struct nbond *bond, struct net_device *port_dev,
		   struct netlink_ext_ack *extack)
{
	struct netdev_lag_upper_info lag = {
		.tx_type = bond->mode->lag_tx_type,
		.hash_type = nbond_lag_hash(bond->params.xmit_policy),
	};
	struct net_device *dev = bond->dev;
	u8 old_bond_addr[ETH_ALEN];
	struct nbond_port *port;
	bool first = list_empty(&bond->ports);
	bool was_up = port_dev->flags & IFF_UP;
	int err;

	ASSERT_RTNL();

	err = nbond_port_check(bond, port_dev, extack);
	if (err)
		return err;
	/* What used the device alone lets go of it (netconsole's target). */
	call_netdevice_notifiers(NETDEV_JOIN, port_dev);

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return -ENOMEM;
	port->dev = port_dev;
	port->bond = bond;
	port->orig_mtu = port_dev->mtu;
	port->ad_port_prio = NBOND_AD_PORT_PRIO_DEFAULT;
	port->role = bond->mode->has_active ? NBOND_ROLE_BACKUP :
					      NBOND_ROLE_ACTIVE;
	port->shown_link = NBOND_SHOWN_NONE;
	memcpy(port->perm_addr, port_dev->dev_addr, port_dev->addr_len);
#ifdef HAVE_IFF_NO_ADDRCONF
	port->had_no_addrconf = port_dev->priv_flags & IFF_NO_ADDRCONF;
#endif

	/* Before its address changes: no IPv6 autoconfiguration on ports. */
	port_dev->flags |= IFF_SLAVE;
	nbond_port_addrconf(port, false);
	ether_addr_copy(old_bond_addr, dev->dev_addr);
	if (first && dev->addr_assign_type == NET_ADDR_RANDOM) {
		err = nbond_set_dev_addr(bond, port_dev->dev_addr);
		if (err) {
			NL_SET_ERR_MSG(extack, "the bond cannot take the port's address");
			goto err_restore_bond_addr;
		}
		bond->addr_from_port = true;
	}

	if (port_dev->mtu != dev->mtu) {
		err = dev_set_mtu(port_dev, dev->mtu);
		if (err) {
			NL_SET_ERR_MSG(extack, "the device cannot take the bond's MTU");
			goto err_restore_bond_addr;
		}
	}

	/* Where ports keep their own, the mode's refresh hands them out. */
	if (nbond_ports_take_mac(bond) && !bond->mode->own_macs &&
	    !ether_addr_equal(port_dev->dev_addr, dev->dev_addr)) {
		struct sockaddr sa = { .sa_family = port_dev->type };

		memcpy(sa.sa_data, dev->dev_addr, ETH_ALEN);
		err = dev_set_mac_address(port_dev, &sa, extack);
		if (err)
			goto err_restore_mtu;
		port->mac_changed = true;
	}

	err = dev_open(port_dev, extack);
	if (err)
		goto err_restore_mac;

	err = netdev_rx_handler_register(port_dev, nbond_handle_frame, port);
	if (err) {
		NL_SET_ERR_MSG(extack, "the device is already used by a bridge, macvlan or bond");
		goto err_close;
	}

	err = netdev_master_upper_dev_link(port_dev, dev, port, &lag, extack);
	if (err)
		goto err_unregister;

	err = vlan_vids_add_by_dev(port_dev, dev);
	if (err) {
		NL_SET_ERR_MSG(extack, "the device refused the bond's VLANs");
		goto err_unlink;
	}

	err = nbond_lacp_port_add(port);
	if (err) {
		NL_SET_ERR_MSG(extack, "the device refused the LACP multicast address");
		goto err_vids;
	}

	err = nbond_netpoll_port_add(port);
	if (err) {
		NL_SET_ERR_MSG(extack, "the device cannot take the bond's netpoll (netconsole)");
		goto err_lacp;
	}

	err = nbond_sysfs_port_add(port);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot make the port's bonding_slave directory");
		goto err_netpoll;
	}

	/* The bond's XDP program, if it has one; the port says why not. */
	err = nbond_xdp_port_add(port, extack);
	if (err)
		goto err_sysfs;

	nbond_port_init_link(bond, port);
	nbond_arp_port_added(port);
	port->added_ns = ktime_get_ns();
	port->link_changed_ns = port->added_ns;
	list_add_tail_rcu(&port->list, &bond->ports);
	bond->port_count++;
	bond->ports_gen++;
	if (!bond->mode->active_only && netif_running(dev))
		nbond_sync_port_addrs(bond, port, true);
	nbond_update_features(bond);
	nbond_event_port(port, NBOND_EVENT_PORT_ADDED, NBOND_CAUSE_NONE);
	bond->reselect = true;
	if (!strcmp(port_dev->name, bond->params.primary))
		bond->force_primary = true;
	nbond_refresh(bond, NBOND_CAUSE_PORT_ADDED);

	netdev_info(dev, "port %s added, link %s\n", port_dev->name,
		    port->link == NBOND_LINK_UP ? "up" : "down");
	return 0;

err_sysfs:
	nbond_sysfs_port_del(port);
err_netpoll:
	nbond_netpoll_port_del(port);
err_lacp:
	nbond_lacp_port_del(port);
err_vids:
	vlan_vids_del_by_dev(port_dev, dev);
err_unlink:
	netdev_upper_dev_unlink(port_dev, dev);
err_unregister:
	netdev_rx_handler_unregister(port_dev);
err_close:
	if (!was_up)
		dev_close(port_dev);
err_restore_mac:
	if (port->mac_changed) {
		struct sockaddr sa = { .sa_family = port_dev->type };

		memcpy(sa.sa_data, port->perm_addr, ETH_ALEN);
		dev_set_mac_address(port_dev, &sa, NULL);
	}
err_restore_mtu:
	if (port_dev->mtu != port->orig_mtu)
		dev_set_mtu(port_dev, port->orig_mtu);
err_restore_bond_addr:
	if (bond->addr_from_port && first) {
		eth_hw_addr_set(dev, old_bond_addr);
		dev->addr_assign_type = NET_ADDR_RANDOM;
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
		bond->addr_from_port = false;
	}
	port_dev->flags &= ~IFF_SLAVE;
	nbond_port_addrconf(port, true);
	kfree(port);
	return err;
}

/*
 * Take @port out of its bond and give the device back as it was found
 * (address, MTU, down). When the device is going away, only unhook. RTNL.
 */
void nbond_port_release(struct nbond_port *port)
{
	struct nbond *bond = port->bond;
	struct net_device *dev = bond->dev, *port_dev = port->dev;
	bool gone = port_dev->reg_state != NETREG_REGISTERED;

	ASSERT_RTNL();

	nbond_sysfs_port_del(port);
	nbond_event_port(port, NBOND_EVENT_PORT_REMOVED, NBOND_CAUSE_NONE);
	port->released = true;
	list_del_rcu(&port->list);
	bond->port_count--;
	if (port->queue_id)
		WRITE_ONCE(bond->queue_id_ports, bond->queue_id_ports - 1);
	bond->ports_gen++;
	nbond_refresh(bond, NBOND_CAUSE_PORT_REMOVED);

	nbond_xdp_port_del(port);
	nbond_netpoll_port_del(port);
	nbond_sync_port_addrs(bond, port, false);
	nbond_ns_maddrs_leave(port);
	nbond_lacp_port_del(port);
	vlan_vids_del_by_dev(port_dev, dev);
	port_dev->flags &= ~IFF_SLAVE;
	netdev_upper_dev_unlink(port_dev, dev);
	netdev_rx_handler_unregister(port_dev);

	if (!gone) {
		if (port->mac_changed) {
			struct sockaddr sa = { .sa_family = port_dev->type };

			memcpy(sa.sa_data, port->perm_addr, ETH_ALEN);
			dev_set_mac_address(port_dev, &sa, NULL);
		}
		if (port_dev->mtu != port->orig_mtu)
			dev_set_mtu(port_dev, port->orig_mtu);
		dev_close(port_dev);
	}
	/* Down, with its own address again: IPv6 may configure it. */
	nbond_port_addrconf(port, true);

	if (list_empty(&bond->ports) && bond->addr_from_port &&
	    dev->reg_state == NETREG_REGISTERED) {
		eth_hw_addr_random(dev);
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
		bond->addr_from_port = false;
	}
	if (dev->reg_state == NETREG_REGISTERED)
		nbond_update_features(bond);

	netdev_info(dev, "port %s released\n", port_dev->name);
	kfree_rcu(port, rcu);
}

int nbond_port_del(struct nbond *bond, struct net_device *port_dev,
		   struct netlink_ext_ack *extack)
{
	struct nbond_port *port;

	if (!nbond_is_port(port_dev)) {
		NL_SET_ERR_MSG(extack, "the device is not a port of this bond");
		return -EINVAL;
	}
	port = nbond_port_rtnl(port_dev);
	if (port->bond != bond) {
		NL_SET_ERR_MSG(extack, "the device is a port of another bond");
		return -EINVAL;
	}
	nbond_port_release(port);
	return 0;
}

static int nbond_port_event(struct nbond_port *port, unsigned long event)
{
	struct nbond *bond = port->bond;

	switch (event) {
	case NETDEV_UNREGISTER:
		nbond_port_release(port);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		if (nbond_port_update_speed(port))
			nbond_event_port_changed(port);
		nbond_link_event(port);
		break;
	case NETDEV_FEAT_CHANGE:
		nbond_update_features(bond);
		break;
#ifdef HAVE_XDP_FEATURES
	case NETDEV_XDP_FEAT_CHANGE:
		nbond_xdp_update_features(bond);
		break;
#endif
	case NETDEV_CHANGENAME:
		/* It may have become the primary, or stopped being it. */
		if (bond->params.primary[0])
			bond->reselect = true;
		nbond_refresh(bond, NBOND_CAUSE_NONE);
		break;
	case NETDEV_CHANGEADDR:
		if (nbond_fail_over_mac(bond) == NBOND_FOM_ACTIVE &&
		    nbond_active_rtnl(bond) == port &&
		    !nbond_set_dev_addr(bond, port->dev->dev_addr))
			bond->addr_from_port = true;
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		return NOTIFY_BAD;
	}
	return NOTIFY_DONE;
}

/*
 * Events of the bond device itself. A new address is news for the LACP
 * agent (it is the bond's System ID unless ad_actor_system is set), once
 * the bond was announced. RTNL.
 */
static void nbond_bond_event(struct nbond *bond, unsigned long event)
{
	switch (event) {
	case NETDEV_CHANGENAME:
		nbond_proc_rename(bond);
		break;
	case NETDEV_CHANGEADDR:
		if (bond->announced)
			nbond_event_bond(bond, NBOND_EVENT_BOND_CHANGED);
		break;
	}
}

static int nbond_netdev_event(struct notifier_block *nb, unsigned long event,
			      void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	/* A bond can itself be a port of another bond: it gets both. */
	if (nbond_is_nbond(dev))
		nbond_bond_event(netdev_priv(dev), event);
	if (!nbond_is_port(dev))
		return NOTIFY_DONE;
	return nbond_port_event(nbond_port_rtnl(dev), event);
}

static struct notifier_block nbond_notifier = {
	.notifier_call = nbond_netdev_event,
};

int nbond_notifier_register(void)
{
	return register_netdevice_notifier(&nbond_notifier);
}

void nbond_notifier_unregister(void)
{
	unregister_netdevice_notifier(&nbond_notifier);
}
