// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: MII link monitoring.
 *
 * A port's link is judged from its carrier (or, with use_carrier 0, from
 * its ethtool get_link). Carrier changes reported by the port's driver are
 * acted on at once from the netdev notifier; the miimon poll catches
 * drivers that do not report them and ends the up/down delays.
 *
 *   UP --carrier lost--> FAIL --downdelay--> DOWN
 *   DOWN --carrier back--> BACK --updelay--> UP
 *
 * A delay of 0 skips the intermediate state, and a port coming back skips
 * its updelay when no other port is usable: a late link beats no link.
 */
#include "nbond.h"

bool nbond_port_carrier(const struct nbond_port *port)
{
	struct net_device *dev = port->dev;

	if (!netif_running(dev))
		return false;
	if (READ_ONCE(port->bond->params.use_carrier) ||
	    !dev->ethtool_ops || !dev->ethtool_ops->get_link)
		return netif_carrier_ok(dev);
	/* Drivers may sleep in get_link: RTNL, never RCU. */
	might_sleep();
	return dev->ethtool_ops->get_link(dev);
}

static bool nbond_any_usable(const struct nbond *bond)
{
	struct nbond_port *port;

	nbond_for_each_port(bond, port)
		if (nbond_port_usable(port))
			return true;
	return false;
}

/* Enter a settled state (UP or DOWN), for @cause. RTNL. */
void nbond_link_set(struct nbond_port *port, u8 link,
		    enum nbond_cause cause)
{
	bool was_usable = port->link == NBOND_LINK_UP ||
			  port->link == NBOND_LINK_FAIL;

	WRITE_ONCE(port->link, link);
	port->link_cause = cause;
	WRITE_ONCE(port->link_since, jiffies);
	port->link_changed_ns = ktime_get_ns();
	if (link == NBOND_LINK_DOWN && was_usable) {
		WRITE_ONCE(port->link_failure_count,
			   port->link_failure_count + 1);
		netdev_info(port->bond->dev, "port %s: link down\n",
			    port->dev->name);
		if (port->bond->mode->link_down)
			port->bond->mode->link_down(port);
	} else if (link == NBOND_LINK_UP) {
		if (!was_usable)
			nbond_port_came_up(port);
		nbond_port_update_speed(port);
		netdev_info(port->bond->dev, "port %s: link up (%u Mb/s)\n",
			    port->dev->name, port->speed);
	}
	nbond_event_port_changed(port);
}

static void nbond_link_wait(struct nbond_port *port, u8 link, u32 delay_ms)
{
	WRITE_ONCE(port->link, link);
	port->link_deadline = jiffies + msecs_to_jiffies(delay_ms);
}

/*
 * Advance @port's link state machine given its carrier, a change being
 * for @cause. Returns true when the port became usable or unusable, so
 * that the caller refreshes the bond. RTNL.
 */
static bool nbond_link_eval(struct nbond_port *port, bool carrier,
			    enum nbond_cause cause)
{
	const struct nbond_params *p = &port->bond->params;
	bool expired = time_after_eq(jiffies, port->link_deadline);

	switch (port->link) {
	case NBOND_LINK_UP:
		if (carrier)
			return false;
		if (p->downdelay) {
			nbond_link_wait(port, NBOND_LINK_FAIL, p->downdelay);
			return false;
		}
		nbond_link_set(port, NBOND_LINK_DOWN, cause);
		return true;
	case NBOND_LINK_FAIL:
		if (carrier) {
			WRITE_ONCE(port->link, NBOND_LINK_UP);
			return false;
		}
		if (!expired)
			return false;
		nbond_link_set(port, NBOND_LINK_DOWN, cause);
		return true;
	case NBOND_LINK_DOWN:
		if (!carrier)
			return false;
		if (p->updelay && nbond_any_usable(port->bond)) {
			nbond_link_wait(port, NBOND_LINK_BACK, p->updelay);
			return false;
		}
		nbond_link_set(port, NBOND_LINK_UP, cause);
		return true;
	case NBOND_LINK_BACK:
		if (!carrier) {
			WRITE_ONCE(port->link, NBOND_LINK_DOWN);
			return false;
		}
		if (!expired && nbond_any_usable(port->bond))
			return false;
		nbond_link_set(port, NBOND_LINK_UP, cause);
		return true;
	}
	return false;
}

/*
 * A notifier event on @port's device: judge its link now. Under the ARP
 * or NS monitor a carrier loss still takes the port down at once, but
 * only the probes bring it back up. RTNL.
 */
void nbond_link_event(struct nbond_port *port)
{
	bool carrier = nbond_port_carrier(port);

	if (nbond_arp_enabled(port->bond)) {
		if (carrier || port->link == NBOND_LINK_DOWN)
			return;
		nbond_link_set(port, NBOND_LINK_DOWN, NBOND_CAUSE_CARRIER);
		nbond_refresh(port->bond, NBOND_CAUSE_CARRIER);
		return;
	}
	if (nbond_link_eval(port, carrier, NBOND_CAUSE_CARRIER))
		nbond_refresh(port->bond, NBOND_CAUSE_CARRIER);
}

/* The ARP or NS monitor was turned off: links follow carrier again. RTNL. */
void nbond_link_resync(struct nbond *bond)
{
	struct nbond_port *port;
	bool changed = false;

	nbond_for_each_port(bond, port)
		changed |= nbond_link_eval(port, nbond_port_carrier(port),
					   NBOND_CAUSE_CONFIG);
	if (changed)
		nbond_refresh(bond, NBOND_CAUSE_CONFIG);
}

/*
 * Does @port need the state machine, seen without RTNL? Only carrier can
 * be read here: get_link (use_carrier 0) is left to the RTNL pass.
 */
static bool nbond_link_pending(const struct nbond_port *port)
{
	bool carrier = netif_running(port->dev) &&
		       netif_carrier_ok(port->dev);

	switch (READ_ONCE(port->link)) {
	case NBOND_LINK_UP:
		return !carrier;
	case NBOND_LINK_DOWN:
		return carrier;
	default:
		return true;
	}
}

/*
 * Ports whose link is read with get_link (use_carrier 0) are read under
 * RTNL, which a user in a user namespace must not be able to keep busy
 * with many bonds at miimon 1: at most this often.
 */
#define NBOND_GET_LINK_MS	100

/* Does the RTNL pass have work? Under RCU, without calling get_link. */
static bool nbond_mii_pending(struct nbond *bond)
{
	bool use_carrier = READ_ONCE(bond->params.use_carrier);
	bool pending = false, get_link = false;
	struct nbond_port *port;

	rcu_read_lock();
	list_for_each_entry_rcu(port, &bond->ports, list) {
		if (!use_carrier && port->dev->ethtool_ops &&
		    port->dev->ethtool_ops->get_link)
			get_link = true;
		else
			pending |= nbond_link_pending(port);
	}
	rcu_read_unlock();
	return pending ||
	       (get_link && time_after_eq(jiffies, bond->mii_get_link_next));
}

static void nbond_mii_work(struct work_struct *work)
{
	struct nbond *bond = container_of(to_delayed_work(work), struct nbond,
					  mii_work);
	unsigned long delay = msecs_to_jiffies(READ_ONCE(bond->params.miimon));
	struct nbond_port *port;
	bool changed = false;

	if (!nbond_mii_pending(bond))
		goto requeue;
	if (!rtnl_trylock()) {
		delay = 1;
		goto requeue;
	}
	bond->mii_get_link_next = jiffies + msecs_to_jiffies(NBOND_GET_LINK_MS);
	nbond_for_each_port(bond, port)
		changed |= nbond_link_eval(port, nbond_port_carrier(port),
					   NBOND_CAUSE_MIIMON);
	if (changed)
		nbond_refresh(bond, NBOND_CAUSE_MIIMON);
	rtnl_unlock();

requeue:
	if (delay)
		queue_delayed_work(system_power_efficient_wq, &bond->mii_work,
				   delay);
}

void nbond_mii_init(struct nbond *bond)
{
	INIT_DELAYED_WORK(&bond->mii_work, nbond_mii_work);
}

/* (Re)start polling at the configured interval. RTNL. */
void nbond_mii_start(struct nbond *bond)
{
	if (!netif_running(bond->dev))
		return;
	bond->mii_get_link_next = jiffies;
	if (bond->params.miimon)
		mod_delayed_work(system_power_efficient_wq, &bond->mii_work, 0);
	else
		cancel_delayed_work(&bond->mii_work);
}

void nbond_mii_stop(struct nbond *bond)
{
	cancel_delayed_work_sync(&bond->mii_work);
}
