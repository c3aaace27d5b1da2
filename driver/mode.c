// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: mode registry and what every mode shares: choosing the active
 * port, publishing the usable ports to the data path, bond carrier, and
 * handing frames to a port.
 */
#include <linux/error-injection.h>
#include <net/sch_generic.h>

#include "nbond.h"

static const struct nbond_mode_ops *const nbond_modes[NBOND_MODE_COUNT] = {
	[NBOND_MODE_RR]		= &nbond_mode_rr,
	[NBOND_MODE_AB]		= &nbond_mode_ab,
	[NBOND_MODE_XOR]	= &nbond_mode_xor,
	[NBOND_MODE_BCAST]	= &nbond_mode_bcast,
	[NBOND_MODE_8023AD]	= &nbond_mode_8023ad,
	[NBOND_MODE_TLB]	= &nbond_mode_tlb,
	[NBOND_MODE_ALB]	= &nbond_mode_alb,
};

/* Published when no array could be allocated; never freed. */
static struct nbond_port_array nbond_no_ports;

const struct nbond_mode_ops *nbond_mode_get(u32 mode)
{
	return mode < NBOND_MODE_COUNT ? nbond_modes[mode] : NULL;
}

/*
 * The bond takes mode @ops (RTNL; it is down and has no ports, so neither
 * the data path nor a work of the old mode runs). Readers under RCU (the
 * /proc shows) take the mode's ops with an acquire and then its state:
 * the old state is unpublished before the new ops are released, and it
 * is freed only after a grace period. The wait is needed whenever the old
 * mode may keep state, even without any now: its readers must be gone
 * before the new mode makes state of its own (at the next refresh).
 */
void nbond_mode_switch(struct nbond *bond, const struct nbond_mode_ops *ops)
{
	const struct nbond_mode_ops *old = bond->mode;
	void *priv;

	ASSERT_RTNL();
	WARN_ON_ONCE(netif_running(bond->dev) || !list_empty(&bond->ports));
	priv = rcu_replace_pointer(bond->mode_priv, NULL,
				   lockdep_rtnl_is_held());
	/* Pairs with the acquire of the /proc shows: NULL state first. */
	smp_store_release(&bond->mode, ops);
	if (!old->free_priv)
		return;
	synchronize_net();
	if (priv)
		old->free_priv(bond, priv);
}

/* The bond is being freed (no reader is left): so is its mode's state. */
void nbond_mode_free(struct nbond *bond)
{
	void *priv = rcu_dereference_protected(bond->mode_priv, true);

	if (priv && !WARN_ON_ONCE(!bond->mode->free_priv))
		bond->mode->free_priv(bond, priv);
}

/*
 * A port waiting out its downdelay is still in use; one that an admin took
 * out of use, or that is leaving the bond, is not.
 */
bool nbond_port_usable(const struct nbond_port *port)
{
	return (port->link == NBOND_LINK_UP || port->link == NBOND_LINK_FAIL) &&
	       netif_running(port->dev) && !port->admin_down &&
	       !port->released;
}

bool nbond_rx_accept_all(const struct nbond *bond,
			 const struct nbond_port *port,
			 const struct sk_buff *skb)
{
	return true;
}

/* Only the active port delivers, unless all_slaves_active says all do. */
bool nbond_rx_accept_active(const struct nbond *bond,
			    const struct nbond_port *port,
			    const struct sk_buff *skb)
{
	return READ_ONCE(port->role) == NBOND_ROLE_ACTIVE ||
	       READ_ONCE(bond->params.all_slaves_active);
}

u8 nbond_role_active(const struct nbond_port *port)
{
	return NBOND_ROLE_ACTIVE;
}

/* The state rtnetlink and sysfs report for @port: bonding.ko's. */
u8 nbond_port_state(const struct nbond_port *port)
{
	if (READ_ONCE(port->bond->mode)->reports_all_active)
		return NBOND_ROLE_ACTIVE;
	return READ_ONCE(port->role);
}

netdev_tx_t nbond_drop(struct nbond *bond, struct sk_buff *skb)
{
	dev_core_stats_tx_dropped_inc(bond->dev);
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

/*
 * Give @port the bond's address lists and promisc/allmulti (@sync), or
 * take them back. RTNL.
 */
void nbond_sync_port_addrs(struct nbond *bond, struct nbond_port *port,
			   bool sync)
{
	struct net_device *dev = bond->dev;
	bool promisc = sync && (dev->flags & IFF_PROMISC);
	bool allmulti = sync && (dev->flags & IFF_ALLMULTI);

	if (promisc != port->holds_promisc &&
	    !dev_set_promiscuity(port->dev, promisc ? 1 : -1))
		port->holds_promisc = promisc;
	if (allmulti != port->holds_allmulti &&
	    !dev_set_allmulti(port->dev, allmulti ? 1 : -1))
		port->holds_allmulti = allmulti;

	if (sync && !port->holds_addrs) {
		netif_addr_lock_bh(dev);
		dev_uc_sync_multiple(port->dev, dev);
		dev_mc_sync_multiple(port->dev, dev);
		WRITE_ONCE(port->holds_addrs, true);
		netif_addr_unlock_bh(dev);
	} else if (!sync && port->holds_addrs) {
		WRITE_ONCE(port->holds_addrs, false);
		dev_uc_unsync(port->dev, dev);
		dev_mc_unsync(port->dev, dev);
	}
}

/*
 * The ports hold the bond's address lists and promisc/allmulti only while
 * the bond is up (all of them, or the active one where the mode says so):
 * what is added to the bond while it is down (a macvlan above it going
 * away, say) never reaches a port, so nothing can be left behind on one.
 */
void nbond_sync_all_port_addrs(struct nbond *bond)
{
	struct nbond_port *active = nbond_active_rtnl(bond);
	bool up = netif_running(bond->dev);
	struct nbond_port *port;

	nbond_for_each_port(bond, port)
		nbond_sync_port_addrs(bond, port,
				      up && (!bond->mode->active_only ||
					     port == active));
}

/* Give @port the address @addr; restored when it leaves. RTNL. */
int nbond_port_set_mac(struct nbond_port *port, const u8 *addr)
{
	struct sockaddr sa = { .sa_family = port->dev->type };
	int err;

	if (ether_addr_equal(port->dev->dev_addr, addr))
		return 0;
	memcpy(sa.sa_data, addr, ETH_ALEN);
	err = dev_set_mac_address(port->dev, &sa, NULL);
	if (err)
		netdev_err(port->bond->dev, "cannot set the address of %s: %d\n",
			   port->dev->name, err);
	else
		port->mac_changed = true;
	return err;
}

/* fail_over_mac in active-backup: addresses follow the active port. */
static void nbond_fom_failover(struct nbond *bond, struct nbond_port *old,
			       struct nbond_port *new)
{
	u8 addr[ETH_ALEN];

	if (!new || bond->dev->reg_state != NETREG_REGISTERED)
		return;

	switch (nbond_fail_over_mac(bond)) {
	case NBOND_FOM_ACTIVE:
		/* A port's address: not kept once the last port leaves. */
		if (!nbond_set_dev_addr(bond, new->dev->dev_addr))
			bond->addr_from_port = true;
		break;
	case NBOND_FOM_FOLLOW:
		ether_addr_copy(addr, new->dev->dev_addr);
		if (nbond_port_set_mac(new, bond->dev->dev_addr))
			break;
		if (old && ether_addr_equal(old->dev->dev_addr,
					    bond->dev->dev_addr))
			nbond_port_set_mac(old, addr);
		break;
	}
}

/* Make @new the active port (NULL: none). RTNL. */
void nbond_set_active(struct nbond *bond, struct nbond_port *new)
{
	struct nbond_port *old = nbond_active_rtnl(bond);

	if (old == new)
		return;

	if (old) {
		WRITE_ONCE(old->role, NBOND_ROLE_BACKUP);
		if (bond->mode->active_only)
			nbond_sync_port_addrs(bond, old, false);
	}
	nbond_fom_failover(bond, old, new);
	if (new) {
		WRITE_ONCE(new->role, NBOND_ROLE_ACTIVE);
		/* It starts probing: the ARP monitor gives it a window. */
		WRITE_ONCE(new->arp_since, jiffies);
		if (bond->mode->active_only && netif_running(bond->dev))
			nbond_sync_port_addrs(bond, new, true);
	}
	rcu_assign_pointer(bond->active, new);

	if (new)
		netdev_info(bond->dev, "active port is now %s\n",
			    new->dev->name);
	else if (old)
		netdev_info(bond->dev, "no active port\n");

	if (new)
		nbond_notify_peers(bond);
}

static bool nbond_port_better(const struct nbond_port *a,
			      const struct nbond_port *b)
{
	u32 sa = a->speed == SPEED_UNKNOWN ? 0 : a->speed;
	u32 sb = b->speed == SPEED_UNKNOWN ? 0 : b->speed;

	if (sa != sb)
		return sa > sb;
	return a->duplex == DUPLEX_FULL && b->duplex != DUPLEX_FULL;
}

/*
 * The port that should be active, chosen as bonding.ko chooses it. A
 * usable current port stays until something asks for a new choice
 * (bond->reselect): a port added, primary, primary_reselect or a prio
 * set, a port come up that is the primary or outranks the current one.
 * The candidate is then the primary if usable, else the usable port with
 * the highest prio (the earliest added among equals); it replaces a
 * usable current port as primary_reselect says, except that a primary
 * just named (force_primary) takes over as soon as it is usable.
 */
static struct nbond_port *nbond_choose_active(struct nbond *bond)
{
	struct nbond_port *cur = nbond_active_rtnl(bond);
	struct nbond_port *cand = NULL, *port;

	if (cur && !nbond_port_usable(cur))
		cur = NULL;
	if (cur && !bond->reselect)
		return cur;
	bond->reselect = false;

	if (bond->params.primary[0])
		cand = nbond_port_by_name(bond, bond->params.primary);
	if (cand && nbond_port_usable(cand)) {
		if (bond->force_primary) {
			bond->force_primary = false;
			return cand;
		}
	} else {
		cand = NULL;
		nbond_for_each_port(bond, port)
			if (nbond_port_usable(port) &&
			    (!cand || port->prio > cand->prio))
				cand = port;
	}
	if (!cand || !cur || cand == cur)
		return cand ?: cur;

	switch (bond->params.primary_reselect) {
	case NBOND_RESELECT_ALWAYS:
		return cand;
	case NBOND_RESELECT_BETTER:
		return nbond_port_better(cand, cur) ? cand : cur;
	default:
		return cur;
	}
}

/*
 * @port became usable: does bonding.ko choose the active port anew? When
 * there is none, when @port is the primary or when it outranks the
 * current one. RTNL.
 */
void nbond_port_came_up(struct nbond_port *port)
{
	struct nbond *bond = port->bond;
	struct nbond_port *cur = nbond_active_rtnl(bond);

	if (!bond->mode->has_active || !nbond_port_usable(port))
		return;
	if (!cur || port->prio > cur->prio ||
	    (bond->params.primary[0] &&
	     !strcmp(port->dev->name, bond->params.primary)))
		bond->reselect = true;
}

/* Is @port in the array the data path transmits on? RTNL. */
static bool nbond_port_transmits(struct nbond *bond, struct nbond_port *port)
{
	if (bond->mode->has_active && !bond->mode->tx_all_ports)
		return port == nbond_active_rtnl(bond);
	return bond->mode->port_eligible(port);
}

/*
 * Error injection (CONFIG_FAIL_FUNCTION) can make this return NULL, so that
 * the debug rig can test the bond without an array (tests/vm/90-*).
 */
static noinline struct nbond_port_array *nbond_build_array(struct nbond *bond)
{
	struct nbond_port_array *arr;
	struct nbond_port *port;

	arr = kzalloc(struct_size(arr, ports, bond->port_count), GFP_KERNEL);
	if (!arr)
		return NULL;

	nbond_for_each_port(bond, port)
		if (nbond_port_transmits(bond, port))
			arr->ports[arr->count++] = port;
	return arr;
}
ALLOW_ERROR_INJECTION(nbond_build_array, NULL);

/* At the bond's destruction: the last array, unless it is the static one. */
void nbond_usable_free(struct nbond *bond)
{
	struct nbond_port_array *arr = rcu_dereference_protected(bond->usable,
								 true);

	if (arr != &nbond_no_ports)
		kfree(arr);
	RCU_INIT_POINTER(bond->usable, NULL);
}

static void nbond_publish(struct nbond *bond, struct nbond_port_array *arr)
{
	struct nbond_port_array *old = rtnl_dereference(bond->usable);

	if (!arr) {
		netdev_err(bond->dev, "out of memory: the bond stops transmitting\n");
		arr = &nbond_no_ports;
	}
	rcu_assign_pointer(bond->usable, arr);
	if (old && old != &nbond_no_ports)
		kfree_rcu(old, rcu);
}

/* How many eligible ports the bond needs for carrier. */
static unsigned int nbond_carrier_min(const struct nbond *bond)
{
	if (bond->mode->uses_min_links && bond->params.min_links > 1)
		return bond->params.min_links;
	return 1;
}

/* Report the ports that became usable or unusable since the last refresh. */
static void nbond_report_ports(struct nbond *bond, enum nbond_cause cause)
{
	struct nbond_port *port;
	bool usable;

	nbond_for_each_port(bond, port) {
		usable = bond->mode->port_eligible(port);
		if (usable == port->in_use)
			continue;
		port->in_use = usable;
		port->link_changed_ns = ktime_get_ns();
		nbond_event_port(port, usable ? NBOND_EVENT_PORT_UP :
						NBOND_EVENT_PORT_DOWN, cause);
	}
}

/* Report a change of the active port or of the carrier. */
static void nbond_report_bond(struct nbond *bond, bool carrier,
			      enum nbond_cause cause)
{
	struct nbond_port *active = nbond_active_rtnl(bond);

	if (active != bond->reported_active) {
		bond->changed_ns = ktime_get_ns();
		nbond_event_active(bond, bond->reported_active, active, cause);
		bond->reported_active = active;
	}
	if (carrier != netif_carrier_ok(bond->dev)) {
		bond->changed_ns = ktime_get_ns();
		nbond_event_carrier(bond, netif_carrier_ok(bond->dev));
	}
}

/*
 * Tell the stack of each port whose state changed: link, transmitting,
 * role or LACP state. netdev_lower_state_changed() makes rtnetlink send
 * RTM_NEWLINK for the port (ip monitor, NetworkManager, systemd-networkd)
 * and reaches every NETDEV_CHANGELOWERSTATE listener (the LAG-offload
 * drivers among them look for IFF_BONDING, which nbond does not set). RTNL.
 */
static void nbond_report_lower(struct nbond *bond)
{
	struct netdev_lag_lower_state_info info;
	struct nbond_port *port;
	u8 link;
	bool tx;

	nbond_for_each_port(bond, port) {
		link = port->link == NBOND_LINK_UP ||
		       port->link == NBOND_LINK_FAIL;
		tx = nbond_port_transmits(bond, port);
		if (link == port->shown_link && tx == port->shown_tx &&
		    port->role == port->shown_role &&
		    port->lacp.actor.state == port->shown_actor &&
		    port->lacp.partner.state == port->shown_partner)
			continue;
		port->shown_link = link;
		port->shown_tx = tx;
		port->shown_role = port->role;
		port->shown_actor = port->lacp.actor.state;
		port->shown_partner = port->lacp.partner.state;
		info.link_up = link;
		info.tx_enabled = tx;
		netdev_lower_state_changed(port->dev, &info);
	}
}

/*
 * Re-derive everything that follows from the ports' states: the active
 * port, each port's role, the array the data path uses, and the bond's
 * carrier; then report what changed, with @cause. Called under RTNL after
 * any change of ports, links or options.
 */
void nbond_refresh(struct nbond *bond, enum nbond_cause cause)
{
	bool carrier = netif_carrier_ok(bond->dev);
	struct nbond_port_array *arr;
	struct nbond_port *port;

	ASSERT_RTNL();

	nbond_report_ports(bond, cause);
	if (bond->mode->has_active) {
		nbond_set_active(bond, nbond_choose_active(bond));
	} else {
		nbond_for_each_port(bond, port)
			WRITE_ONCE(port->role, bond->mode->port_role(port));
	}

	arr = nbond_build_array(bond);
	nbond_publish(bond, arr);
	if (bond->mode->refreshed)
		bond->mode->refreshed(bond);

	if (arr && arr->count >= nbond_carrier_min(bond) &&
	    netif_running(bond->dev))
		netif_carrier_on(bond->dev);
	else
		netif_carrier_off(bond->dev);

	nbond_ns_maddrs_sync(bond);
	nbond_report_lower(bond);
	nbond_report_bond(bond, carrier, cause);
}
