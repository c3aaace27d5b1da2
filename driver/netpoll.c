// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: netpoll, so that netconsole (and any netpoll user) works over a
 * bond. While the bond has a netpoll, each port has one of its own: a
 * frame the bond is given by netpoll leaves through its port's netpoll,
 * synchronously and without the port's qdisc, as netpoll requires. A port
 * that cannot take a netpoll cannot join a bond that has one. Built only
 * with CONFIG_NET_POLL_CONTROLLER (Debian's kernels have it).
 *
 * Locking: setup, cleanup and the ports' changes run under RTNL; the
 * transmit side reads a port's netpoll under RCU (the bond's xmit), and
 * __netpoll_free() waits for it before freeing.
 */

#include "nbond.h"

/* Whether the bond has a netpoll (netconsole attached to it). RTNL. */
bool nbond_netpoll_on(const struct nbond *bond)
{
	return rtnl_dereference(bond->dev->npinfo);
}

static int nbond_port_netpoll_attach(struct nbond_port *port)
{
	struct netpoll *np;
	int err;

	np = kzalloc(sizeof(*np), GFP_KERNEL);
	if (!np)
		return -ENOMEM;
	err = __netpoll_setup(np, port->dev);
	if (err) {
		kfree(np);
		return err;
	}
	WRITE_ONCE(port->np, np);
	return 0;
}

static void nbond_port_netpoll_detach(struct nbond_port *port)
{
	struct netpoll *np = port->np;

	if (!np)
		return;
	WRITE_ONCE(port->np, NULL);
	__netpoll_free(np);
}

/* A port joins: a netpoll of its own if the bond has one. RTNL. */
int nbond_netpoll_port_add(struct nbond_port *port)
{
	if (!nbond_netpoll_on(port->bond))
		return 0;
	return nbond_port_netpoll_attach(port);
}

/* A port leaves, or the bond's netpoll goes. RTNL. */
void nbond_netpoll_port_del(struct nbond_port *port)
{
	nbond_port_netpoll_detach(port);
}

void nbond_netpoll_cleanup(struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port;

	nbond_for_each_port(bond, port)
		nbond_port_netpoll_detach(port);
}

int nbond_netpoll_setup(struct net_device *dev, struct netpoll_info *npinfo)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port;
	int err;

	nbond_for_each_port(bond, port) {
		err = nbond_port_netpoll_attach(port);
		if (err) {
			netdev_err(dev, "port %s cannot take a netpoll (%d)\n",
				   port->dev->name, err);
			nbond_netpoll_cleanup(dev);
			return err;
		}
	}
	return 0;
}

/*
 * netpoll short of memory polls the device for completed transmits: the
 * bond has none of its own, its usable ports have. IRQs off.
 */
void nbond_poll_controller(struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port;

	rcu_read_lock();
	list_for_each_entry_rcu(port, &bond->ports, list)
		if (nbond_port_usable(port))
			netpoll_poll_dev(port->dev);
	rcu_read_unlock();
}

/* @skb, given by netpoll, out through @port's netpoll. Under RCU. */
bool nbond_netpoll_xmit(struct nbond_port *port, struct sk_buff *skb)
{
	struct netpoll *np = READ_ONCE(port->np);

	if (!np) {
		dev_kfree_skb_any(skb);
		return false;
	}
	return netpoll_send_skb(np, skb) == NETDEV_TX_OK;
}
