// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: ARP and IPv6 NS link monitoring.
 *
 * Every arp_interval the bond sends probes, an ARP request for each
 * arp_ip_target and a Neighbour Solicitation for each ns_ip6_target: in
 * active-backup out of the active port (out of every port with carrier
 * while there is none), in the other modes out of every port. A probe
 * carries the VLAN tags between the bond and the device the target is
 * routed through, and that device's address as its source.
 *
 * What a port receives tells whether its path works (nbond_arp_rx(), on
 * the receive path). Which frames count depends on arp_validate, whose
 * bits are: 1 validate the active port, 2 validate backups, 4 filter.
 *
 *   validated port: only the targets' own ARP packets and Neighbour
 *     Advertisements, and on a backup the probes of the active port for a
 *     target, relayed by the switch;
 *   not validated, filter set: any ARP packet, NS or NA;
 *   not validated: any frame.
 *
 * In modes other than active-backup every port has the active role. With
 * arp_all_targets all, a validated port has heard from its path only when
 * it has heard about every target.
 *
 * A port whose link is up goes down once it has heard nothing for
 * arp_missed_max intervals (a backup of active-backup gets one interval
 * more, its frames being relayed); a port just added, or just made active,
 * has that long from then on. A port whose link is down comes up when it
 * has carrier and has heard something since it went down, within that
 * window. A carrier loss takes a port down at once (monitor_mii.c); its
 * return leaves the decision to the probes.
 */
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/inetdevice.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/route.h>

#include "nbond.h"

#define NBOND_VALIDATE_ACTIVE	BIT(0)
#define NBOND_VALIDATE_BACKUP	BIT(1)
#define NBOND_VALIDATE_FILTER	BIT(2)

/* The VLAN tags between the bond and the device a target is reached by. */
#define NBOND_MAX_TAGS		4

struct nbond_probe_path {
	int ntags;
	struct {
		__be16 proto;
		u16 vid;
	} tags[NBOND_MAX_TAGS];		/* innermost first */
	__be32 src4;
	struct in6_addr src6;
};

unsigned int nbond_arp_count(const struct nbond_params *p)
{
	unsigned int n = 0;

	while (n < NBOND_MAX_TARGETS && READ_ONCE(p->arp_targets[n]))
		n++;
	return n;
}

/* NS target @i, read word by word: options change it under RTNL only. */
static void nbond_ns_target(const struct nbond_params *p, unsigned int i,
			    struct in6_addr *target)
{
	int w;

	for (w = 0; w < 4; w++)
		target->s6_addr32[w] = READ_ONCE(p->ns_targets[i].s6_addr32[w]);
}

unsigned int nbond_ns_count(const struct nbond_params *p)
{
	struct in6_addr t;
	unsigned int n;

	for (n = 0; n < NBOND_MAX_TARGETS; n++) {
		nbond_ns_target(p, n, &t);
		if (ipv6_addr_any(&t))
			break;
	}
	return n;
}

bool nbond_arp_enabled(const struct nbond *bond)
{
	const struct nbond_params *p = &bond->params;

	return READ_ONCE(p->arp_interval) &&
	       (nbond_arp_count(p) || nbond_ns_count(p));
}

/* The cause events give for what the monitor decided. */
static enum nbond_cause nbond_arp_cause(const struct nbond *bond)
{
	return nbond_arp_count(&bond->params) ? NBOND_CAUSE_ARP :
						NBOND_CAUSE_NS;
}

static bool nbond_role_is_active(const struct nbond *bond,
				 const struct nbond_port *port)
{
	return !bond->mode->has_active ||
	       rcu_access_pointer(bond->active) == port;
}

/* ---- receive ------------------------------------------------------------ */

static int nbond_arp_target_index(const struct nbond_params *p, __be32 addr)
{
	int i;

	for (i = 0; i < NBOND_MAX_TARGETS; i++) {
		__be32 t = READ_ONCE(p->arp_targets[i]);

		if (!t)
			break;
		if (t == addr)
			return i;
	}
	return -1;
}

static int nbond_ns_target_index(const struct nbond_params *p,
				 const struct in6_addr *addr)
{
	struct in6_addr t;
	int i;

	for (i = 0; i < NBOND_MAX_TARGETS; i++) {
		nbond_ns_target(p, i, &t);
		if (ipv6_addr_any(&t))
			break;
		if (ipv6_addr_equal(&t, addr))
			return NBOND_MAX_TARGETS + i;
	}
	return -1;
}

/*
 * An ARP packet: the index of the target it vouches for on a port of the
 * given role, or -1. Sets *@probe_proto.
 */
static int nbond_arp_rx_match(const struct nbond_params *p,
			      const struct sk_buff *skb, bool active,
			      bool *probe_proto)
{
	struct {
		struct arphdr h;
		u8 sha[ETH_ALEN];
		__be32 sip;
		u8 tha[ETH_ALEN];
		__be32 tip;
	} __packed buf;
	const typeof(buf) *arp;
	int i;

	arp = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	if (!arp || arp->h.ar_hrd != htons(ARPHRD_ETHER) ||
	    arp->h.ar_pro != htons(ETH_P_IP) || arp->h.ar_hln != ETH_ALEN ||
	    arp->h.ar_pln != sizeof(__be32))
		return -1;
	*probe_proto = true;
	i = nbond_arp_target_index(p, arp->sip);
	if (i >= 0 || active || arp->h.ar_op != htons(ARPOP_REQUEST))
		return i;
	/* A backup sees the active port's probe for a target. */
	return nbond_arp_target_index(p, arp->tip);
}

/* The same for an NS or NA (no IPv6 extension headers). */
static int nbond_ns_rx_match(const struct nbond_params *p,
			     const struct sk_buff *skb, bool active,
			     bool *probe_proto)
{
	struct {
		struct ipv6hdr ip6;
		struct nd_msg nd;
	} __packed buf;
	const typeof(buf) *pkt;
	int i;

	pkt = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	if (!pkt || pkt->ip6.nexthdr != IPPROTO_ICMPV6)
		return -1;
	switch (pkt->nd.icmph.icmp6_type) {
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
		*probe_proto = true;
		i = nbond_ns_target_index(p, &pkt->nd.target);
		return i >= 0 ? i : nbond_ns_target_index(p, &pkt->ip6.saddr);
	case NDISC_NEIGHBOUR_SOLICITATION:
		*probe_proto = true;
		i = nbond_ns_target_index(p, &pkt->ip6.saddr);
		if (i >= 0 || active)
			return i;
		return nbond_ns_target_index(p, &pkt->nd.target);
	}
	return -1;
}

/* @port received @skb while the monitor runs. Under RCU. */
void nbond_arp_rx(struct nbond *bond, struct nbond_port *port,
		  const struct sk_buff *skb)
{
	const struct nbond_params *p = &bond->params;
	bool active = nbond_role_is_active(bond, port);
	u32 validate = READ_ONCE(p->arp_validate);
	unsigned long now = jiffies;
	bool probe_proto = false;
	int target = -1;

	if (!(validate & (active ? NBOND_VALIDATE_ACTIVE :
				   NBOND_VALIDATE_BACKUP)) &&
	    !(validate & NBOND_VALIDATE_FILTER)) {
		WRITE_ONCE(port->arp_rx, now);
		return;
	}
	if (skb->protocol == htons(ETH_P_ARP))
		target = nbond_arp_rx_match(p, skb, active, &probe_proto);
	else if (skb->protocol == htons(ETH_P_IPV6))
		target = nbond_ns_rx_match(p, skb, active, &probe_proto);

	if (!(validate & (active ? NBOND_VALIDATE_ACTIVE :
				   NBOND_VALIDATE_BACKUP))) {
		if (probe_proto)
			WRITE_ONCE(port->arp_rx, now);
		return;
	}
	if (target < 0)
		return;
	WRITE_ONCE(port->arp_target_rx[target], now);
	WRITE_ONCE(port->arp_rx, now);
}

/* ---- transmit ----------------------------------------------------------- */

/* The VLANs from @dev down to the bond; false if @dev is not above it. */
static bool nbond_probe_tags(const struct nbond *bond, struct net_device *dev,
			     struct nbond_probe_path *path)
{
	path->ntags = 0;
	while (dev != bond->dev) {
		if (!is_vlan_dev(dev) || path->ntags == NBOND_MAX_TAGS)
			return false;
		path->tags[path->ntags].proto = vlan_dev_vlan_proto(dev);
		path->tags[path->ntags].vid = vlan_dev_vlan_id(dev);
		path->ntags++;
		dev = vlan_dev_real_dev(dev);
	}
	return true;
}

/*
 * How to reach @target: false when it is routed through a device that is
 * not the bond or a VLAN on it. Without a route at all, the probe goes
 * untagged from 0.0.0.0. Under RCU.
 */
static bool nbond_path4(struct nbond *bond, __be32 target,
			struct nbond_probe_path *path)
{
	struct flowi4 fl4 = { .daddr = target };
	struct rtable *rt;
	bool ok;

	memset(path, 0, sizeof(*path));
	rt = ip_route_output_key(dev_net(bond->dev), &fl4);
	if (IS_ERR(rt))
		return true;
	ok = nbond_probe_tags(bond, rt->dst.dev, path);
	if (ok)
		path->src4 = inet_select_addr(rt->dst.dev, target,
					      RT_SCOPE_LINK);
	else
		net_warn_ratelimited("%s: arp_ip_target %pI4 is reached through %s, not through the bond\n",
				     bond->dev->name, &target,
				     rt->dst.dev->name);
	ip_rt_put(rt);
	return ok;
}

/* The same for an NS target; a link-local one is on the bond itself. */
static bool nbond_path6(struct nbond *bond, const struct in6_addr *target,
			struct nbond_probe_path *path)
{
	struct flowi6 fl6 = { .daddr = *target };
	struct net *net = dev_net(bond->dev);
	struct net_device *dev = bond->dev;
	struct dst_entry *dst;
	bool ok;

	memset(path, 0, sizeof(*path));
	if (!(ipv6_addr_type(target) & IPV6_ADDR_LINKLOCAL)) {
		dst = ip6_route_output(net, NULL, &fl6);
		if (dst->error) {
			dst_release(dst);
			return true;
		}
		dev = dst->dev;
		ok = nbond_probe_tags(bond, dev, path);
		dst_release(dst);
		if (!ok) {
			net_warn_ratelimited("%s: ns_ip6_target %pI6c is not reached through the bond\n",
					     bond->dev->name, target);
			return false;
		}
	}
	if (ipv6_dev_get_saddr(net, dev, target, 0, &path->src6))
		path->src6 = in6addr_any;
	return true;
}

/* Tag @skb for @path: the outermost tag as metadata, the others inline. */
static struct sk_buff *nbond_probe_tag(struct sk_buff *skb,
				       const struct nbond_probe_path *path)
{
	int i, outer = path->ntags - 1;

	for (i = 0; i < outer && skb; i++)
		skb = vlan_insert_tag_set_proto(skb, path->tags[i].proto,
						path->tags[i].vid);
	if (skb && outer >= 0)
		__vlan_hwaccel_put_tag(skb, path->tags[outer].proto,
				       path->tags[outer].vid);
	return skb;
}

static void nbond_send_arp(struct nbond_port *port, __be32 target,
			   const struct nbond_probe_path *path)
{
	struct net_device *dev = port->dev;
	struct sk_buff *skb;

	skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, target, dev, path->src4,
			 NULL, dev->dev_addr, NULL);
	if (!skb)
		return;
	skb_reset_mac_header(skb);
	skb->priority = TC_PRIO_CONTROL;
	skb = nbond_probe_tag(skb, path);
	if (!skb)
		return;
	WRITE_ONCE(port->arp_tx, jiffies);
	dev_queue_xmit(skb);
}

static void nbond_send_ns(struct nbond_port *port,
			  const struct in6_addr *target,
			  const struct nbond_probe_path *path)
{
	struct in6_addr mcaddr;
	struct sk_buff *skb;

	/* The NS gets its link-layer header later: no inline tag. */
	if (path->ntags > 1) {
		net_warn_ratelimited("%s: ns_ip6_target %pI6c: more than one VLAN tag is not supported\n",
				     port->bond->dev->name, target);
		return;
	}
	skb = ndisc_ns_create(port->dev, target, &path->src6, 0);
	if (!skb)
		return;
	skb = nbond_probe_tag(skb, path);
	if (!skb)
		return;
	addrconf_addr_solict_mult(target, &mcaddr);
	WRITE_ONCE(port->arp_tx, jiffies);
	ndisc_send_skb(skb, &mcaddr, &path->src6);
}

/* Does @port send probes? Under RCU. */
static bool nbond_port_probes(const struct nbond *bond,
			      const struct nbond_port *port,
			      const struct nbond_port *active)
{
	if (READ_ONCE(port->admin_down) || !netif_running(port->dev) ||
	    !netif_carrier_ok(port->dev))
		return false;
	return !bond->mode->has_active || !active || port == active;
}

/* Probe every target out of the ports that probe. Under RCU. */
static void nbond_arp_probe(struct nbond *bond,
			    const struct nbond_port *active)
{
	const struct nbond_params *p = &bond->params;
	unsigned int i, n4 = nbond_arp_count(p), n6 = nbond_ns_count(p);
	struct nbond_probe_path path;
	struct nbond_port *port;
	struct in6_addr target6;
	__be32 target4;

	for (i = 0; i < n4; i++) {
		target4 = READ_ONCE(p->arp_targets[i]);
		if (!target4 || !nbond_path4(bond, target4, &path))
			continue;
		list_for_each_entry_rcu(port, &bond->ports, list)
			if (nbond_port_probes(bond, port, active))
				nbond_send_arp(port, target4, &path);
	}
	for (i = 0; i < n6 && IS_ENABLED(CONFIG_IPV6); i++) {
		nbond_ns_target(p, i, &target6);
		if (ipv6_addr_any(&target6) ||
		    !nbond_path6(bond, &target6, &path))
			continue;
		list_for_each_entry_rcu(port, &bond->ports, list)
			if (nbond_port_probes(bond, port, active))
				nbond_send_ns(port, &target6, &path);
	}
}

/* ---- judging ------------------------------------------------------------ */

/* When @port last heard from its path, as its role and the options say. */
static unsigned long nbond_arp_heard(const struct nbond *bond,
				     const struct nbond_port *port,
				     bool active)
{
	const struct nbond_params *p = &bond->params;
	unsigned long heard = READ_ONCE(port->arp_rx), t;
	unsigned int i, n4, n6;

	if (!(READ_ONCE(p->arp_validate) & (active ? NBOND_VALIDATE_ACTIVE :
						     NBOND_VALIDATE_BACKUP)) ||
	    !READ_ONCE(p->arp_all_targets))
		return heard;
	n4 = nbond_arp_count(p);
	n6 = nbond_ns_count(p);
	for (i = 0; i < n4 + n6; i++) {
		t = READ_ONCE(port->arp_target_rx[i < n4 ? i :
				NBOND_MAX_TARGETS + i - n4]);
		if (time_before(t, heard))
			heard = t;
	}
	return heard;
}

enum nbond_arp_verdict {
	NBOND_ARP_KEEP,
	NBOND_ARP_UP,
	NBOND_ARP_DOWN,
};

/*
 * What the monitor makes of @port now. Reads only what it may read under
 * RCU: with @exact false (no RTNL) a down port whose carrier cannot be
 * read here (use_carrier 0 reads it with get_link, which may sleep) is
 * given the benefit of the doubt, and the RTNL pass decides. *@since is
 * when a port that goes down last heard from its path.
 */
static enum nbond_arp_verdict nbond_arp_verdict(const struct nbond *bond,
						const struct nbond_port *port,
						const struct nbond_port *active,
						bool exact,
						unsigned long *since)
{
	const struct nbond_params *p = &bond->params;
	bool role_active = !bond->mode->has_active || port == active;
	unsigned long interval = msecs_to_jiffies(READ_ONCE(p->arp_interval));
	unsigned long heard = nbond_arp_heard(bond, port, role_active);
	unsigned long window = interval * READ_ONCE(p->arp_missed_max);
	unsigned long from = READ_ONCE(port->arp_since);
	bool carrier;

	if (!role_active)
		window += interval;
	if (READ_ONCE(port->link) == NBOND_LINK_DOWN) {
		if (exact)
			carrier = nbond_port_carrier(port);
		else
			carrier = !READ_ONCE(p->use_carrier) ||
				  (netif_running(port->dev) &&
				   netif_carrier_ok(port->dev));
		if (!carrier ||
		    !time_after(heard, READ_ONCE(port->link_since)) ||
		    time_after(jiffies, heard + window))
			return NBOND_ARP_KEEP;
		return NBOND_ARP_UP;
	}
	*since = time_after(from, heard) ? from : heard;
	if (!time_after(jiffies, *since + window))
		return NBOND_ARP_KEEP;
	return NBOND_ARP_DOWN;
}

/* Act on @port's verdict. Returns true if its link changed. RTNL. */
static bool nbond_arp_judge(struct nbond *bond, struct nbond_port *port,
			    const struct nbond_port *active)
{
	unsigned long since = jiffies;

	switch (nbond_arp_verdict(bond, port, active, true, &since)) {
	case NBOND_ARP_KEEP:
		return false;
	case NBOND_ARP_UP:
		nbond_link_set(port, NBOND_LINK_UP, nbond_arp_cause(bond));
		return true;
	case NBOND_ARP_DOWN:
		netdev_info(bond->dev, "port %s: nothing heard from %s for %u ms\n",
			    port->dev->name,
			    nbond_arp_count(&bond->params) ?
			    "the ARP targets" : "the NS targets",
			    jiffies_to_msecs(jiffies - since));
		nbond_link_set(port, NBOND_LINK_DOWN, nbond_arp_cause(bond));
		return true;
	}
	return false;
}

/*
 * Does any port's link change? Under RCU: the monitor can run every
 * millisecond on many bonds, and must not take RTNL unless it does.
 */
static bool nbond_arp_changes(struct nbond *bond,
			      const struct nbond_port *active)
{
	struct nbond_port *port;
	unsigned long since;

	list_for_each_entry_rcu(port, &bond->ports, list)
		if (nbond_arp_verdict(bond, port, active, false, &since) !=
		    NBOND_ARP_KEEP)
			return true;
	return false;
}

/*
 * Judge every port and refresh the bond: 0, or -EBUSY when RTNL was
 * taken, -ENODEV when the monitor was stopped meanwhile.
 */
static int nbond_arp_commit(struct nbond *bond)
{
	struct nbond_port *active, *port;
	bool changed = false;
	int err = 0;

	if (!rtnl_trylock())
		return -EBUSY;
	if (nbond_arp_enabled(bond) && netif_running(bond->dev)) {
		active = nbond_active_rtnl(bond);
		nbond_for_each_port(bond, port)
			changed |= nbond_arp_judge(bond, port, active);
		if (changed)
			nbond_refresh(bond, nbond_arp_cause(bond));
	} else {
		err = -ENODEV;
	}
	rtnl_unlock();
	return err;
}

/*
 * Every interval: judge, and probe. When a change waits for RTNL, the
 * work comes back every jiffy to commit it, but probes still go out once
 * an interval only, so that contention for RTNL neither floods the
 * targets nor silences the ports.
 */
static void nbond_arp_work(struct work_struct *work)
{
	struct nbond *bond = container_of(to_delayed_work(work), struct nbond,
					  arp_work);
	u32 interval = READ_ONCE(bond->params.arp_interval);
	unsigned long delay = msecs_to_jiffies(interval) ?: 1;
	bool changes;
	int err = 0;

	if (!nbond_arp_enabled(bond) || !netif_running(bond->dev))
		return;

	rcu_read_lock();
	changes = nbond_arp_changes(bond, rcu_dereference(bond->active));
	rcu_read_unlock();

	if (changes) {
		err = nbond_arp_commit(bond);
		if (err == -ENODEV)
			return;
	}
	if (time_after_eq(jiffies, bond->arp_next_probe)) {
		rcu_read_lock();
		nbond_arp_probe(bond, rcu_dereference(bond->active));
		rcu_read_unlock();
		bond->arp_next_probe = jiffies + delay;
	}
	queue_delayed_work(system_power_efficient_wq, &bond->arp_work,
			   err == -EBUSY ? 1 : delay);
}

/* ---- backups listen for the active port's NS probes ------------------- */

static void nbond_ns_group_mac(const struct in6_addr *target, u8 *mac)
{
	struct in6_addr group;

	addrconf_addr_solict_mult(target, &group);
	ipv6_eth_mc_map(&group, mac);
}

/* Join the groups of @targets on @port; all or none. */
static void nbond_ns_maddrs_join(struct nbond_port *port,
				 const struct in6_addr *targets)
{
	u8 mac[ETH_ALEN];
	int i, n;

	if (!(port->dev->flags & IFF_MULTICAST))
		return;
	for (n = 0; n < NBOND_MAX_TARGETS && !ipv6_addr_any(&targets[n]);
	     n++) {
		nbond_ns_group_mac(&targets[n], mac);
		if (dev_mc_add(port->dev, mac))
			goto undo;
	}
	port->ns_maddrs = true;
	return;

undo:
	for (i = 0; i < n; i++) {
		nbond_ns_group_mac(&targets[i], mac);
		dev_mc_del(port->dev, mac);
	}
}

static void nbond_ns_maddrs_drop(struct nbond_port *port,
				 const struct in6_addr *targets)
{
	u8 mac[ETH_ALEN];
	int i;

	for (i = 0; i < NBOND_MAX_TARGETS && !ipv6_addr_any(&targets[i]);
	     i++) {
		nbond_ns_group_mac(&targets[i], mac);
		dev_mc_del(port->dev, mac);
	}
	port->ns_maddrs = false;
}

/*
 * A backup of an active-backup bond that validates (arp_validate) joins
 * the solicited-node groups of the NS targets, so that it receives the
 * active port's probes relayed by the switch; the active port does not
 * (the bond's own groups are its). As bonding.ko does. RTNL.
 */
static bool nbond_ns_maddrs_wanted(const struct nbond_port *port)
{
	const struct nbond_params *p = &port->bond->params;

	return p->mode == NBOND_MODE_AB && p->arp_validate &&
	       port->role == NBOND_ROLE_BACKUP;
}

void nbond_ns_maddrs_sync(struct nbond *bond)
{
	bool moved = memcmp(bond->ns_joined, bond->params.ns_targets,
			    sizeof(bond->ns_joined));
	struct nbond_port *port;

	if (!IS_ENABLED(CONFIG_IPV6))
		return;
	nbond_for_each_port(bond, port)
		if (port->ns_maddrs && (moved || !nbond_ns_maddrs_wanted(port)))
			nbond_ns_maddrs_drop(port, bond->ns_joined);
	memcpy(bond->ns_joined, bond->params.ns_targets,
	       sizeof(bond->ns_joined));
	nbond_for_each_port(bond, port)
		if (!port->ns_maddrs && nbond_ns_maddrs_wanted(port))
			nbond_ns_maddrs_join(port, bond->ns_joined);
}

/* @port leaves the bond: and the groups it joined for it. RTNL. */
void nbond_ns_maddrs_leave(struct nbond_port *port)
{
	if (port->ns_maddrs)
		nbond_ns_maddrs_drop(port, port->bond->ns_joined);
}

void nbond_arp_init(struct nbond *bond)
{
	INIT_DELAYED_WORK(&bond->arp_work, nbond_arp_work);
}

/* A port joins a monitored bond: it has a window from now. RTNL. */
void nbond_arp_port_added(struct nbond_port *port)
{
	WRITE_ONCE(port->arp_since, jiffies);
}

/* (Re)start the monitor, every port with a fresh window. RTNL. */
void nbond_arp_start(struct nbond *bond)
{
	struct nbond_port *port;

	if (!netif_running(bond->dev) || !nbond_arp_enabled(bond)) {
		cancel_delayed_work(&bond->arp_work);
		return;
	}
	nbond_for_each_port(bond, port)
		WRITE_ONCE(port->arp_since, jiffies);
	bond->arp_next_probe = jiffies;
	mod_delayed_work(system_power_efficient_wq, &bond->arp_work, 0);
}

void nbond_arp_stop(struct nbond *bond)
{
	cancel_delayed_work_sync(&bond->arp_work);
}
