// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: the bond net_device: netdev ops, ethtool ops, rtnl_link_ops.
 */
#include <linux/ethtool.h>
#include <linux/if_vlan.h>
#include <linux/module.h>
#include <net/rtnetlink.h>
#include <net/sch_generic.h>

#include "nbond.h"

#define NBOND_OFFLOADS (NETIF_F_HW_CSUM | NETIF_F_SG | NETIF_F_FRAGLIST | \
			NETIF_F_ALL_TSO | NETIF_F_HIGHDMA | NETIF_F_LRO | \
			NETIF_F_RXCSUM | NETIF_F_GSO_ENCAP_ALL)

#define NBOND_VLAN_OFFLOADS (NETIF_F_HW_VLAN_CTAG_RX | \
			     NETIF_F_HW_VLAN_CTAG_FILTER | \
			     NETIF_F_HW_VLAN_STAG_RX | \
			     NETIF_F_HW_VLAN_STAG_FILTER)

#define NBOND_ENC_OFFLOADS (NETIF_F_HW_CSUM | NETIF_F_SG | NETIF_F_RXCSUM | \
			    NETIF_F_ALL_TSO | NETIF_F_GSO_ENCAP_ALL)

#define NBOND_MPLS_OFFLOADS (NETIF_F_HW_CSUM | NETIF_F_SG | NETIF_F_ALL_TSO)

#define NBOND_DST_RELEASE (IFF_XMIT_DST_RELEASE | IFF_XMIT_DST_RELEASE_PERM)

void nbond_set_lltx(struct net_device *dev)
{
#ifdef HAVE_NETDEV_LLTX_FIELD
	dev->lltx = true;
#else
	dev->features |= NETIF_F_LLTX;
#endif
}

/*
 * A bond does not move to another namespace: its ports, its /proc entry
 * and its agent stay where they are (bonding.ko and team refuse too).
 */
static void nbond_set_netns_local(struct net_device *dev)
{
#if defined(HAVE_NETDEV_NETNS_IMMUTABLE)
	dev->netns_immutable = true;
#elif defined(HAVE_NETDEV_NETNS_LOCAL_FIELD)
	dev->netns_local = true;
#else
	dev->features |= NETIF_F_NETNS_LOCAL;
#endif
}

static const struct net_device_ops nbond_netdev_ops;

bool nbond_is_nbond(const struct net_device *dev)
{
	return dev->netdev_ops == &nbond_netdev_ops;
}

/*
 * The bond takes @addr from a port (the first one enslaved, or the active
 * one with fail_over_mac active): the stack may refuse it first, and the
 * address is then marked stolen, as bonding.ko marks it.
 */
int nbond_set_dev_addr(struct nbond *bond, const u8 *addr)
{
	struct net_device *dev = bond->dev;
	int err;

	if (ether_addr_equal(dev->dev_addr, addr))
		return 0;
	err = dev_pre_changeaddr_notify(dev, addr, NULL);
	if (err)
		return err;
	eth_hw_addr_set(dev, addr);
	dev->addr_assign_type = NET_ADDR_STOLEN;
	call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	return 0;
}

/*
 * Offloads and GSO limits: what every port can do. Room for headers: the
 * most any port needs, so that the stack allocates it once and no port
 * reallocates each skb (VLAN, VXLAN or macsec ports). dst release: only
 * when every port releases it too.
 */
void nbond_update_features(struct nbond *bond)
{
	netdev_features_t vlan = NBOND_OFFLOADS & ~NETIF_F_ONE_FOR_ALL;
	netdev_features_t enc = NBOND_ENC_OFFLOADS & ~NETIF_F_ONE_FOR_ALL;
	netdev_features_t mpls = NBOND_MPLS_OFFLOADS & ~NETIF_F_ONE_FOR_ALL;
	unsigned int tso_size = GSO_MAX_SIZE, tso_segs = GSO_MAX_SEGS;
	unsigned short header_len = ETH_HLEN, headroom = 0, tailroom = 0;
	unsigned int release = NBOND_DST_RELEASE;
	struct net_device *dev = bond->dev;
	struct nbond_port *port;

	ASSERT_RTNL();

	vlan |= NETIF_F_ALL_FOR_ALL;
	enc |= NETIF_F_ALL_FOR_ALL;
	mpls |= NETIF_F_ALL_FOR_ALL;
	if (list_empty(&bond->ports)) {
		vlan = NBOND_OFFLOADS;
		enc = NBOND_ENC_OFFLOADS;
		mpls = NBOND_MPLS_OFFLOADS;
	}
	nbond_for_each_port(bond, port) {
		struct net_device *pd = port->dev;

		vlan = netdev_increment_features(vlan, pd->vlan_features,
						 NBOND_OFFLOADS);
		enc = netdev_increment_features(enc, pd->hw_enc_features,
						NBOND_ENC_OFFLOADS);
		mpls = netdev_increment_features(mpls, pd->mpls_features,
						 NBOND_MPLS_OFFLOADS);
		tso_size = min(tso_size, pd->tso_max_size);
		tso_segs = min(tso_segs, pd->tso_max_segs);
		header_len = max(header_len, pd->hard_header_len);
		headroom = max(headroom, pd->needed_headroom);
		tailroom = max(tailroom, pd->needed_tailroom);
		release &= pd->priv_flags;
	}
	dev->vlan_features = vlan;
	dev->hw_enc_features = enc | NETIF_F_GSO_ENCAP_ALL;
	dev->mpls_features = mpls;
	dev->hard_header_len = header_len;
	WRITE_ONCE(dev->needed_headroom, headroom);
	WRITE_ONCE(dev->needed_tailroom, tailroom);
	/* PERM: the bond's own; netif_keep_dst() (tc) takes it away. */
	if (release == NBOND_DST_RELEASE &&
	    (dev->priv_flags & IFF_XMIT_DST_RELEASE_PERM))
		dev->priv_flags |= IFF_XMIT_DST_RELEASE;
	else
		dev->priv_flags &= ~IFF_XMIT_DST_RELEASE;
	netif_set_tso_max_size(dev, tso_size);
	netif_set_tso_max_segs(dev, tso_segs);
	netdev_change_features(dev);
	nbond_xdp_update_features(bond);
}

static netdev_features_t nbond_fix_features(struct net_device *dev,
					    netdev_features_t features)
{
	struct nbond *bond = netdev_priv(dev);
	netdev_features_t mask = features;
	struct nbond_port *port;

	if (list_empty(&bond->ports))
		return features;

	features &= ~NETIF_F_ONE_FOR_ALL;
	features |= NETIF_F_ALL_FOR_ALL;
	nbond_for_each_port(bond, port)
		features = netdev_increment_features(features,
						     port->dev->features,
						     mask);
	return netdev_add_tso_features(features, mask);
}

static int nbond_dev_init(struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port_array *empty;

	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	bond->rr_counter = alloc_percpu(u32);
	empty = kzalloc(sizeof(*empty), GFP_KERNEL);
	if (!dev->tstats || !bond->rr_counter || !empty)
		goto err_free;

	RCU_INIT_POINTER(bond->usable, empty);
	bond->changed_ns = ktime_get_ns();
	netdev_lockdep_set_classes(dev);
	nbond_proc_add(bond);
	return 0;

err_free:
	kfree(empty);
	free_percpu(bond->rr_counter);
	bond->rr_counter = NULL;
	free_percpu(dev->tstats);
	dev->tstats = NULL;
	return -ENOMEM;
}

static void nbond_dev_uninit(struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port, *tmp;

	nbond_lacp_uninit(bond);
	list_for_each_entry_safe(port, tmp, &bond->ports, list)
		nbond_port_release(port);
	nbond_xdp_uninit(bond);
	nbond_proc_del(bond);
	if (bond->announced)
		nbond_event_bond(bond, NBOND_EVENT_BOND_DELETED);
}

static void nbond_destructor(struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);

	nbond_mode_free(bond);
	nbond_usable_free(bond);
	free_percpu(bond->rr_counter);
	free_percpu(dev->tstats);
}

static int nbond_open(struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);
	int err;

	if (bond->mode->open) {
		err = bond->mode->open(bond);
		if (err)
			return err;
	}
	nbond_refresh(bond, NBOND_CAUSE_CONFIG);
	nbond_sync_all_port_addrs(bond);
	nbond_mii_start(bond);
	nbond_arp_start(bond);
	return 0;
}

static int nbond_stop(struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);

	if (bond->mode->stop)
		bond->mode->stop(bond);
	nbond_mii_stop(bond);
	nbond_arp_stop(bond);
	nbond_notify_stop(bond);
	nbond_sync_all_port_addrs(bond);
	return 0;
}

/*
 * Keep queue 0 unless the frame recorded a receive queue: a tc filter on
 * the bond may then set skb->queue_mapping to pick the port whose queue_id
 * matches (see nbond_start_xmit()). The mapping the stack chose is kept in
 * the qdisc control block and restored before the frame goes to a port.
 */
static u16 nbond_select_queue(struct net_device *dev, struct sk_buff *skb,
			      struct net_device *sb_dev)
{
	u16 txq = skb_rx_queue_recorded(skb) ? skb_get_rx_queue(skb) : 0;

	qdisc_skb_cb(skb)->slave_dev_queue_mapping = skb_get_queue_mapping(skb);
	return txq % dev->real_num_tx_queues;
}

static struct nbond_port *nbond_queue_port(struct nbond_port_array *ports,
					   u16 queue)
{
	unsigned int i;

	for (i = 0; i < ports->count; i++)
		if (READ_ONCE(ports->ports[i]->queue_id) == queue)
			return ports->ports[i];
	return NULL;
}

static netdev_tx_t nbond_start_xmit(struct sk_buff *skb,
				    struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port_array *ports;
	struct nbond_port *port;
	u16 queue;

	ports = rcu_dereference_bh(bond->usable);
	if (unlikely(!ports->count))
		return nbond_drop(bond, skb);

	/*
	 * A queue picks a port only if one has a queue_id: forwarded
	 * frames carry the queue they came in on, and are not to pay for a
	 * scan of the ports.
	 */
	queue = skb_get_queue_mapping(skb);
	if (queue && READ_ONCE(bond->queue_id_ports)) {
		port = nbond_queue_port(ports, queue);
		if (port)
			return bond->mode->xmit_to(bond, port, skb);
	}
	return bond->mode->xmit(bond, skb, ports);
}

static void nbond_set_rx_mode(struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port;

	rcu_read_lock();
	list_for_each_entry_rcu(port, &bond->ports, list) {
		if (!READ_ONCE(port->holds_addrs))
			continue;
		dev_uc_sync_multiple(port->dev, dev);
		dev_mc_sync_multiple(port->dev, dev);
	}
	rcu_read_unlock();
}

static void nbond_change_rx_flags(struct net_device *dev, int change)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port;

	if (!(change & (IFF_PROMISC | IFF_ALLMULTI)))
		return;
	nbond_for_each_port(bond, port)
		if (port->holds_addrs)
			nbond_sync_port_addrs(bond, port, true);
}

/* Does @port take the bond's new address with it? */
static bool nbond_port_follows_addr(const struct nbond *bond,
				    const struct nbond_port *port,
				    const struct nbond_port *active)
{
	if (nbond_fail_over_mac(bond) == NBOND_FOM_NONE &&
	    !bond->mode->own_macs)
		return true;
	return port == active;
}

static int nbond_set_mac_address(struct net_device *dev, void *p)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port, *active;
	struct sockaddr *sa = p;
	int err;

	if (!is_valid_ether_addr(sa->sa_data))
		return -EADDRNOTAVAIL;

	active = nbond_active_rtnl(bond);
	if (nbond_fail_over_mac(bond) == NBOND_FOM_ACTIVE && active) {
		netdev_err(dev, "the address follows the active port while fail_over_mac is active\n");
		return -EBUSY;
	}

	nbond_for_each_port(bond, port) {
		if (!nbond_port_follows_addr(bond, port, active))
			continue;
		err = dev_set_mac_address(port->dev, sa, NULL);
		if (err)
			goto err_unwind;
		port->mac_changed = true;
	}
	eth_hw_addr_set(dev, sa->sa_data);
	bond->addr_from_port = false;
	/* The other ports may now keep, or must leave, the old address. */
	if (bond->mode->own_macs)
		nbond_refresh(bond, NBOND_CAUSE_CONFIG);
	return 0;

err_unwind:
	netdev_err(dev, "cannot set the address of port %s: %d\n",
		   port->dev->name, err);
	list_for_each_entry_continue_reverse(port, &bond->ports, list) {
		struct sockaddr old = { .sa_family = dev->type };

		if (!nbond_port_follows_addr(bond, port, active))
			continue;
		memcpy(old.sa_data, dev->dev_addr, dev->addr_len);
		dev_set_mac_address(port->dev, &old, NULL);
	}
	return err;
}

static int nbond_change_mtu(struct net_device *dev, int mtu)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port;
	int err;

	nbond_for_each_port(bond, port) {
		err = dev_set_mtu(port->dev, mtu);
		if (err)
			goto err_unwind;
	}
	WRITE_ONCE(dev->mtu, mtu);
	return 0;

err_unwind:
	netdev_err(dev, "port %s refused MTU %d: %d\n", port->dev->name, mtu,
		   err);
	list_for_each_entry_continue_reverse(port, &bond->ports, list)
		dev_set_mtu(port->dev, dev->mtu);
	return err;
}

static int nbond_vlan_add(struct net_device *dev, __be16 proto, u16 vid)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port;
	int err;

	nbond_for_each_port(bond, port) {
		err = vlan_vid_add(port->dev, proto, vid);
		if (err)
			goto err_unwind;
	}
	return 0;

err_unwind:
	list_for_each_entry_continue_reverse(port, &bond->ports, list)
		vlan_vid_del(port->dev, proto, vid);
	return err;
}

static int nbond_vlan_kill(struct net_device *dev, __be16 proto, u16 vid)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port;

	nbond_for_each_port(bond, port)
		vlan_vid_del(port->dev, proto, vid);
	return 0;
}

static int nbond_add_slave(struct net_device *dev, struct net_device *port_dev,
			   struct netlink_ext_ack *extack)
{
	return nbond_port_add(netdev_priv(dev), port_dev, extack);
}

static int nbond_del_slave(struct net_device *dev, struct net_device *port_dev)
{
	return nbond_port_del(netdev_priv(dev), port_dev, NULL);
}

static const struct device_type nbond_bond_type = {
	.name = "bond",
};

static const struct net_device_ops nbond_netdev_ops = {
	.ndo_init		= nbond_dev_init,
	.ndo_uninit		= nbond_dev_uninit,
	.ndo_open		= nbond_open,
	.ndo_stop		= nbond_stop,
	.ndo_start_xmit		= nbond_start_xmit,
	.ndo_select_queue	= nbond_select_queue,
	.ndo_get_stats64	= dev_get_tstats64,
	.ndo_set_rx_mode	= nbond_set_rx_mode,
	.ndo_change_rx_flags	= nbond_change_rx_flags,
	.ndo_set_mac_address	= nbond_set_mac_address,
	.ndo_change_mtu		= nbond_change_mtu,
	.ndo_vlan_rx_add_vid	= nbond_vlan_add,
	.ndo_vlan_rx_kill_vid	= nbond_vlan_kill,
	.ndo_add_slave		= nbond_add_slave,
	.ndo_del_slave		= nbond_del_slave,
	.ndo_siocbond		= nbond_siocbond,
	.ndo_eth_ioctl		= nbond_eth_ioctl,
	.ndo_fix_features	= nbond_fix_features,
	.ndo_features_check	= passthru_features_check,
	.ndo_bpf		= nbond_xdp,
	.ndo_xdp_xmit		= nbond_xdp_xmit,
	.ndo_xdp_get_xmit_slave	= nbond_xdp_get_xmit_slave,
#ifdef CONFIG_NET_POLL_CONTROLLER
	.ndo_poll_controller	= nbond_poll_controller,
	.ndo_netpoll_setup	= nbond_netpoll_setup,
	.ndo_netpoll_cleanup	= nbond_netpoll_cleanup,
#endif
};

static void nbond_get_drvinfo(struct net_device *dev,
			      struct ethtool_drvinfo *info)
{
	strscpy(info->driver, NBOND_DRV_NAME, sizeof(info->driver));
	strscpy(info->bus_info, "virtual", sizeof(info->bus_info));
}

/*
 * Speed: the active port's in active-backup, else the sum of the ports
 * that transmit.
 */
static int nbond_get_link_ksettings(struct net_device *dev,
				    struct ethtool_link_ksettings *cmd)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port *port;
	u32 speed = 0;

	cmd->base.duplex = DUPLEX_UNKNOWN;
	cmd->base.port = PORT_OTHER;
	nbond_for_each_port(bond, port) {
		if (!bond->mode->port_eligible(port) ||
		    port->speed == SPEED_UNKNOWN)
			continue;
		if (bond->mode->has_active && !bond->mode->tx_all_ports &&
		    port != nbond_active_rtnl(bond))
			continue;
		if (!bond->mode->speed_of_slowest)
			speed += port->speed;
		else if (!speed || port->speed < speed)
			speed = port->speed;
		if (cmd->base.duplex == DUPLEX_UNKNOWN)
			cmd->base.duplex = port->duplex;
	}
	cmd->base.speed = speed ? speed : SPEED_UNKNOWN;
	return 0;
}

static const struct ethtool_ops nbond_ethtool_ops = {
	.get_drvinfo		= nbond_get_drvinfo,
	.get_link		= ethtool_op_get_link,
	.get_link_ksettings	= nbond_get_link_ksettings,
	.get_ts_info		= nbond_get_ts_info,
};

static void nbond_setup(struct net_device *dev)
{
	struct nbond *bond = netdev_priv(dev);

	ether_setup(dev);
	bond->dev = dev;
	INIT_LIST_HEAD(&bond->ports);
	bond->params = nbond_default_params;
	bond->mode = nbond_mode_get(bond->params.mode);
	nbond_mii_init(bond);
	nbond_arp_init(bond);
	nbond_notify_init(bond);
	nbond_lacp_init(bond);

	dev->netdev_ops = &nbond_netdev_ops;
	dev->ethtool_ops = &nbond_ethtool_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = nbond_destructor;
	/*
	 * IFF_MASTER/IFF_SLAVE as bonding devices have them, so that the
	 * stack treats ports alike (no IPv6 autoconfiguration on ports), but
	 * never IFF_BONDING: RDMA and NIC drivers that see it read bonding.ko's
	 * private data out of the device (docs/design.md). Under kind=bond,
	 * bonding's devtype, for udev and systemd-networkd (DEVTYPE=bond).
	 */
	if (nbond_kind_bond)
		SET_NETDEV_DEVTYPE(dev, &nbond_bond_type);
	dev->flags |= IFF_MASTER;
	dev->priv_flags |= IFF_UNICAST_FLT | IFF_NO_QUEUE;
	/* No dst release until every port releases it (update_features). */
	dev->priv_flags &= ~(IFF_XMIT_DST_RELEASE | IFF_TX_SKB_SHARING);
	nbond_set_lltx(dev);
	nbond_set_netns_local(dev);
	dev->max_mtu = ETH_MAX_MTU;

	dev->hw_features = NBOND_OFFLOADS | NBOND_VLAN_OFFLOADS;
	dev->features |= dev->hw_features | NETIF_F_HW_VLAN_CTAG_TX |
			 NETIF_F_HW_VLAN_STAG_TX;
	dev->vlan_features = NBOND_OFFLOADS;
	dev->hw_enc_features = NBOND_ENC_OFFLOADS;
	nbond_sysfs_setup(dev);

	eth_hw_addr_random(dev);
}

static int nbond_validate(struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN ||
		    !is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS]))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
					    "invalid MAC address");
			return -EADDRNOTAVAIL;
		}
	}
	return 0;
}

static int nbond_newlink(struct net *src_net, struct net_device *dev,
			 struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	struct nbond *bond = netdev_priv(dev);
	int err;

	/*
	 * Register first: ndo_init publishes the port array the options
	 * may replace, and only a registered device has a destructor that
	 * frees what the options allocate (the tlb and alb tables).
	 */
	err = register_netdevice(dev);
	if (err)
		return err;
	netif_carrier_off(dev);

	err = nbond_opts_set_nl(bond, data, extack);
	if (err)
		goto err_unregister;

	nbond_event_bond(bond, NBOND_EVENT_BOND_CREATED);
	bond->announced = true;
	return 0;

err_unregister:
	unregister_netdevice(dev);
	return err;
}

static int nbond_changelink(struct net_device *dev, struct nlattr *tb[],
			    struct nlattr *data[],
			    struct netlink_ext_ack *extack)
{
	struct nbond *bond = netdev_priv(dev);
	int err;

	err = nbond_opts_set_nl(bond, data, extack);
	if (!err && data)
		nbond_event_bond(bond, NBOND_EVENT_BOND_CHANGED);
	return err;
}

static int nbond_port_changelink(struct net_device *dev,
				 struct net_device *port_dev,
				 struct nlattr *tb[], struct nlattr *data[],
				 struct netlink_ext_ack *extack)
{
	struct nbond_port *port = nbond_port_rtnl(port_dev);

	if (!port || port->bond != netdev_priv(dev))
		return -ENODEV;
	return nbond_port_opts_set_nl(port, data, extack);
}

/* The tx_queues module parameter; rtnetlink's numtxqueues overrides it. */
static unsigned int nbond_num_queues(void)
{
	return nbond_tx_queues;
}

/*
 * A bond with every option at its default, as "+name" written to
 * bonding_masters makes one (rtnetlink makes the others).
 */
int nbond_create(struct net *net, const char *name)
{
	struct net_device *dev;
	struct nbond *bond;
	int err;

	rtnl_lock();
	dev = alloc_netdev_mqs(sizeof(struct nbond), name, NET_NAME_USER,
			       nbond_setup, nbond_tx_queues, nbond_tx_queues);
	if (!dev) {
		err = -ENOMEM;
		goto out;
	}
	dev_net_set(dev, net);
	dev->rtnl_link_ops = &nbond_link_ops;
	err = register_netdevice(dev);
	if (err) {
		free_netdev(dev);
		goto out;
	}
	netif_carrier_off(dev);
	bond = netdev_priv(dev);
	nbond_event_bond(bond, NBOND_EVENT_BOND_CREATED);
	bond->announced = true;
out:
	rtnl_unlock();
	return err;
}

struct rtnl_link_ops nbond_link_ops = {
	.kind			= NBOND_DRV_NAME,
	.priv_size		= sizeof(struct nbond),
	.setup			= nbond_setup,
	.maxtype		= IFLA_BOND_MAX,
	.policy			= nbond_nl_policy,
	.validate		= nbond_validate,
	.newlink		= nbond_newlink,
	.changelink		= nbond_changelink,
	.get_size		= nbond_nl_size,
	.fill_info		= nbond_nl_fill,
	.get_num_tx_queues	= nbond_num_queues,
	.get_linkxstats_size	= nbond_lacp_xstats_size,
	.fill_linkxstats	= nbond_lacp_xstats_fill,
	.get_num_rx_queues	= nbond_num_queues,
	.slave_maxtype		= IFLA_BOND_SLAVE_MAX,
	.slave_policy		= nbond_port_nl_policy,
	.slave_changelink	= nbond_port_changelink,
	.get_slave_size		= nbond_port_nl_size,
	.fill_slave_info	= nbond_port_nl_fill,
};

MODULE_ALIAS_RTNL_LINK(NBOND_DRV_NAME);
