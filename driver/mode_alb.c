// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: balance-alb, balance-tlb plus receive load balancing for IPv4.
 *
 * Transmit, addresses, learning frames and the active port are those of
 * balance-tlb (mode_tlb.c). Receive is spread by what the bond tells its
 * peers in ARP: each peer that exchanges ARP with the bond (a client) is
 * given a port, and every ARP frame the bond sends to it names that port's
 * address as the bond's, so the client sends to that port. The other
 * ports thus receive too: beside all the active port gets, each takes the
 * frames addressed to its own address.
 *
 * Clients. A client is made when the bond sends an ARP reply or request to
 * a new IPv4 address, and gets the port with the fewest clients. Its
 * hardware address is learnt from that frame, or from what it sends. When
 * ports come and go, clients of a port that left get another one and the
 * clients are evened out over the ports, each move by at most one.
 *
 * Updates. A client whose port, or whose port's address, changed is sent
 * ARP replies naming the new address: NBOND_ALB_SENDS of them, one every
 * NBOND_ALB_RESEND, for a peer ignores a second change of an ARP entry
 * within a second of the first (Linux's locktime). A broadcast ARP frame
 * from the bond (a request, a gratuitous ARP after a failover) makes every
 * peer that knows the bond's address take the one it names; clients of
 * other ports are sent updates after it.
 *
 * Only ARP frames from the bond's own address are balanced, and none while
 * the bond is a port of a bridge or another master (which delivers only
 * what is sent to its own address): bridged ones and those of macvlan
 * devices above the bond pass as balance-tlb sends them. IPv6 peers reach
 * the bond at its address, on the active port.
 *
 * Locking. Clients are kept in a fixed table under a spinlock taken with
 * BH off: by the transmit path for ARP frames only, by the receive path
 * for ARP frames only, by the update work and, under RTNL, after every
 * refresh. A client names its port by ifindex, which the data path looks
 * up in the usable-port array it runs with.
 */
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/pkt_sched.h>
#include <linux/random.h>
#include <linux/seq_file.h>
#include <net/arp.h>

#include "mode_tlb.h"

#define NBOND_ALB_CLIENTS	256
/* Slots a client may take from its hash on. */
#define NBOND_ALB_PROBES	16
/* A client silent this long may give up its slot to a new one. */
#define NBOND_ALB_IDLE		(600 * HZ)
#define NBOND_ALB_SENDS		3
#define NBOND_ALB_RESEND	(HZ + HZ / 2)

struct nbond_alb_client {
	__be32 ip;		/* 0: a free slot */
	__be32 our_ip;		/* the bond's address it talks to */
	int ifindex;		/* its port */
	u8 mac[ETH_ALEN];	/* its address; zero until known */
	u8 told[ETH_ALEN];	/* what it was last told is the bond's */
	__be16 vlan_proto;	/* 0: untagged */
	u16 vlan_id;
	u8 sends;		/* updates still to send */
	unsigned long used;	/* jiffies of its last ARP frame */
};

struct nbond_alb {
	struct nbond_tlb tlb;	/* first: balance-tlb's code finds it */
	struct nbond *bond;
	spinlock_t lock;	/* the clients */
	u32 seed;		/* of the hash: a peer cannot aim at a slot */
	struct nbond_alb_client clients[NBOND_ALB_CLIENTS];
	struct delayed_work work;	/* sends the updates */
};

static_assert(offsetof(struct nbond_alb, tlb) == 0);

/* balance-alb's state at bond->mode_priv (mode_tlb.h). */
static struct nbond_alb *nbond_alb_rcu_bh(struct nbond *bond)
{
	return rcu_dereference_bh(bond->mode_priv);
}

static struct nbond_alb *nbond_alb_rcu(struct nbond *bond)
{
	return rcu_dereference(bond->mode_priv);
}

static struct nbond_alb *nbond_alb_rtnl(struct nbond *bond)
{
	return rtnl_dereference(bond->mode_priv);
}

/* An Ethernet/IPv4 ARP header and its addresses. */
struct nbond_alb_arp {
	struct arphdr hdr;
	u8 sha[ETH_ALEN];
	__be32 sip;
	u8 tha[ETH_ALEN];
	__be32 tip;
} __packed __aligned(2);

/* Is @arp's header that of Ethernet and IPv4 addresses? */
static bool nbond_alb_arp_ipv4(const struct nbond_alb_arp *arp)
{
	return arp->hdr.ar_hrd == htons(ARPHRD_ETHER) &&
	       arp->hdr.ar_pro == htons(ETH_P_IP) &&
	       arp->hdr.ar_hln == ETH_ALEN && arp->hdr.ar_pln == 4;
}

/* ---- the client table (under alb->lock) ------------------------------- */

static unsigned int nbond_alb_hash(const struct nbond_alb *alb, __be32 ip)
{
	return jhash_1word((__force u32)ip, alb->seed) % NBOND_ALB_CLIENTS;
}

static struct nbond_alb_client *nbond_alb_find(struct nbond_alb *alb,
					       __be32 ip)
{
	unsigned int i, h = nbond_alb_hash(alb, ip);
	struct nbond_alb_client *c;

	for (i = 0; i < NBOND_ALB_PROBES; i++) {
		c = &alb->clients[(h + i) % NBOND_ALB_CLIENTS];
		if (c->ip == ip)
			return c;
	}
	return NULL;
}

/* Is @ip a client? Without the lock: a hint, checked again under it. */
static bool nbond_alb_known(const struct nbond_alb *alb, __be32 ip)
{
	unsigned int i, h = nbond_alb_hash(alb, ip);

	for (i = 0; i < NBOND_ALB_PROBES; i++)
		if (READ_ONCE(alb->clients[(h + i) % NBOND_ALB_CLIENTS].ip) ==
		    ip)
			return true;
	return false;
}

/* A new client: a free slot, or that of one idle long enough; or NULL. */
static struct nbond_alb_client *nbond_alb_new(struct nbond_alb *alb,
					      __be32 ip)
{
	unsigned int i, h = nbond_alb_hash(alb, ip);
	struct nbond_alb_client *c, *idlest = NULL;

	for (i = 0; i < NBOND_ALB_PROBES; i++) {
		c = &alb->clients[(h + i) % NBOND_ALB_CLIENTS];
		if (!c->ip)
			goto found;
		if (!idlest || time_before(c->used, idlest->used))
			idlest = c;
	}
	if (!time_after(jiffies, idlest->used + NBOND_ALB_IDLE))
		return NULL;
	c = idlest;
found:
	WRITE_ONCE(c->ip, 0);
	memset(c, 0, sizeof(*c));
	WRITE_ONCE(c->ip, ip);
	return c;
}

static unsigned int nbond_alb_load(const struct nbond_alb *alb, int ifindex)
{
	unsigned int i, n = 0;

	for (i = 0; i < NBOND_ALB_CLIENTS; i++)
		if (alb->clients[i].ip && alb->clients[i].ifindex == ifindex)
			n++;
	return n;
}

static struct nbond_port *nbond_alb_port_of(const struct nbond_port_array *arr,
					    int ifindex)
{
	unsigned int i;

	for (i = 0; i < arr->count; i++)
		if (arr->ports[i]->dev->ifindex == ifindex)
			return arr->ports[i];
	return NULL;
}

/* The port of @arr (not empty) with the fewest clients. */
static struct nbond_port *nbond_alb_lightest(const struct nbond_alb *alb,
					     const struct nbond_port_array *arr)
{
	unsigned int i, n, best_n = UINT_MAX;
	struct nbond_port *best = NULL;

	for (i = 0; i < arr->count; i++) {
		n = nbond_alb_load(alb, arr->ports[i]->dev->ifindex);
		if (n < best_n) {
			best = arr->ports[i];
			best_n = n;
		}
	}
	return best;
}

/*
 * A broadcast from the bond named @ifindex's address to every peer that
 * knows @our_ip: those of @except's fellow clients that have another port
 * are to be told theirs again. True if any is.
 */
static bool nbond_alb_heard_broadcast(struct nbond_alb *alb,
				      const struct nbond_alb_client *except,
				      __be32 our_ip, int ifindex,
				      const u8 *named)
{
	struct nbond_alb_client *c;
	bool marked = false;
	unsigned int i;

	for (i = 0; i < NBOND_ALB_CLIENTS; i++) {
		c = &alb->clients[i];
		if (!c->ip || c == except || c->our_ip != our_ip)
			continue;
		ether_addr_copy(c->told, named);
		if (c->ifindex == ifindex || is_zero_ether_addr(c->mac))
			continue;
		c->sends = NBOND_ALB_SENDS;
		marked = true;
	}
	return marked;
}

/* ---- transmit (RCU, BH off) ------------------------------------------- */

/* The ARP request or reply behind @skb's Ethernet header, or NULL. */
static struct nbond_alb_arp *nbond_alb_arp_hdr(struct sk_buff *skb)
{
	struct nbond_alb_arp *arp;

	if (!pskb_may_pull(skb, ETH_HLEN + sizeof(*arp)))
		return NULL;
	arp = (struct nbond_alb_arp *)(skb->data + ETH_HLEN);
	if (!nbond_alb_arp_ipv4(arp) ||
	    (arp->hdr.ar_op != htons(ARPOP_REQUEST) &&
	     arp->hdr.ar_op != htons(ARPOP_REPLY)))
		return NULL;
	return arp;
}

/*
 * A bond under a master (a bridge, Open vSwitch, a team, a bond) sends
 * frames of that master, which carries the bond's address and delivers
 * only what is sent to it: its peers must keep that address.
 */
static bool nbond_alb_has_master(const struct net_device *dev)
{
	return netif_is_any_bridge_port(dev) || netif_is_team_port(dev) ||
	       netif_is_bond_slave(dev) || nbond_is_port(dev);
}

/*
 * The port an ARP frame from the bond leaves on, its sender address made
 * that port's; NULL to send it as balance-tlb would.
 */
static struct nbond_port *nbond_alb_arp_xmit(struct nbond *bond,
					     struct nbond_alb *alb,
					     struct sk_buff *skb,
					     struct nbond_port_array *ports)
{
	const u8 *bond_addr = bond->dev->dev_addr;
	struct nbond_port *port = NULL;
	struct nbond_alb_client *c;
	struct nbond_alb_arp *arp;
	struct ethhdr *eth;
	bool broadcast;

	arp = nbond_alb_arp_hdr(skb);
	if (!arp || !arp->sip || !arp->tip ||
	    !ether_addr_equal(arp->sha, bond_addr))
		return NULL;
	eth = (struct ethhdr *)skb->data;
	broadcast = is_multicast_ether_addr(eth->h_dest);

	spin_lock(&alb->lock);
	if (arp->sip == arp->tip) {
		/* Gratuitous: it names the active port's address. */
		port = rcu_dereference_bh(bond->active);
		if (port && broadcast &&
		    nbond_alb_heard_broadcast(alb, NULL, arp->sip,
					      port->dev->ifindex, bond_addr))
			queue_delayed_work(system_power_efficient_wq,
					   &alb->work, 0);
		port = NULL;
		goto out_unlock;
	}
	c = nbond_alb_find(alb, arp->tip) ?: nbond_alb_new(alb, arp->tip);
	if (!c)
		goto out_unlock;
	port = nbond_alb_port_of(ports, c->ifindex);
	if (!port) {
		port = nbond_alb_lightest(alb, ports);
		c->ifindex = port->dev->ifindex;
	}
	c->our_ip = arp->sip;
	c->used = jiffies;
	c->vlan_proto = skb_vlan_tag_present(skb) ? skb->vlan_proto : 0;
	c->vlan_id = skb_vlan_tag_get_id(skb);
	if (arp->hdr.ar_op == htons(ARPOP_REPLY))
		ether_addr_copy(c->mac, arp->tha);
	else if (!broadcast)
		ether_addr_copy(c->mac, eth->h_dest);
	ether_addr_copy(c->told, port->dev->dev_addr);
	c->sends = 0;
	if (broadcast &&
	    nbond_alb_heard_broadcast(alb, c, arp->sip, c->ifindex, c->told))
		queue_delayed_work(system_power_efficient_wq, &alb->work, 0);
out_unlock:
	spin_unlock(&alb->lock);
	if (!port)
		return NULL;

	if (skb_ensure_writable(skb, ETH_HLEN + sizeof(*arp)))
		return NULL;
	eth = (struct ethhdr *)skb->data;
	arp = (struct nbond_alb_arp *)(skb->data + ETH_HLEN);
	ether_addr_copy(eth->h_source, port->dev->dev_addr);
	ether_addr_copy(arp->sha, port->dev->dev_addr);
	return port;
}

static netdev_tx_t nbond_alb_xmit(struct nbond *bond, struct sk_buff *skb,
				  struct nbond_port_array *ports)
{
	struct nbond_alb *alb = nbond_alb_rcu_bh(bond);
	struct nbond_port *port;

	if (alb && skb->protocol == htons(ETH_P_ARP) &&
	    !nbond_alb_has_master(bond->dev)) {
		port = nbond_alb_arp_xmit(bond, alb, skb, ports);
		if (port)
			return nbond_xmit_to(bond, port, skb);
	}
	return nbond_tlb_xmit(bond, skb, ports);
}

/* ---- receive (RCU, BH off) -------------------------------------------- */

/* A known client's ARP frame: its hardware address, and that it lives. */
static void nbond_alb_rx(struct nbond *bond, const struct sk_buff *skb)
{
	struct nbond_alb *alb = nbond_alb_rcu(bond);
	const struct nbond_alb_arp *arp;
	struct nbond_alb_arp _arp;
	struct nbond_alb_client *c;

	if (skb->protocol != htons(ETH_P_ARP) || !alb)
		return;
	arp = skb_header_pointer(skb, 0, sizeof(_arp), &_arp);
	if (!arp || !nbond_alb_arp_ipv4(arp) || !arp->sip ||
	    !is_valid_ether_addr(arp->sha))
		return;

	/* Frames from strangers, most of a LAN's, take no lock. */
	if (!nbond_alb_known(alb, arp->sip))
		return;
	spin_lock(&alb->lock);
	c = nbond_alb_find(alb, arp->sip);
	if (c) {
		ether_addr_copy(c->mac, arp->sha);
		c->used = jiffies;
	}
	spin_unlock(&alb->lock);
}

/* The active port takes all; the others what is sent to their address. */
static bool nbond_alb_rx_accept(const struct nbond *bond,
				const struct nbond_port *port,
				const struct sk_buff *skb)
{
	if (nbond_rx_accept_active(bond, port, skb))
		return true;
	return ether_addr_equal(eth_hdr(skb)->h_dest, port->dev->dev_addr) &&
	       READ_ONCE(port->in_use);
}

/* ---- updates (process context) ---------------------------------------- */

/* Tell @c (a copy) which address is the bond's: its port's. */
static void nbond_alb_tell(struct nbond *bond, const struct nbond_alb_client *c)
{
	struct nbond_port *port;
	struct sk_buff *skb;

	rcu_read_lock();
	port = nbond_alb_port_of(rcu_dereference(bond->usable), c->ifindex);
	if (!port || !netif_running(bond->dev))
		goto out;
	skb = arp_create(ARPOP_REPLY, ETH_P_ARP, c->ip, port->dev, c->our_ip,
			 c->mac, port->dev->dev_addr, c->mac);
	if (!skb)
		goto out;
	skb->priority = TC_PRIO_CONTROL;
	if (c->vlan_proto)
		__vlan_hwaccel_put_tag(skb, c->vlan_proto, c->vlan_id);
	dev_queue_xmit(skb);
out:
	rcu_read_unlock();
}

static void nbond_alb_work(struct work_struct *work)
{
	struct nbond_alb *alb = container_of(to_delayed_work(work),
					     struct nbond_alb, work);
	struct nbond_alb_client *c, copy;
	bool send, more = false;
	unsigned int i;

	for (i = 0; i < NBOND_ALB_CLIENTS; i++) {
		c = &alb->clients[i];
		spin_lock_bh(&alb->lock);
		send = c->ip && c->sends;
		if (send) {
			c->sends--;
			more |= c->sends;
			copy = *c;
		}
		spin_unlock_bh(&alb->lock);
		if (send)
			nbond_alb_tell(alb->bond, &copy);
	}
	if (more)
		queue_delayed_work(system_power_efficient_wq, &alb->work,
				   NBOND_ALB_RESEND);
}

/* ---- ports come and go (RTNL) ----------------------------------------- */

/*
 * Clients of ports that left take the lightest ports; then, while two
 * ports differ by more than one client, one moves from the busiest to the
 * lightest. @load counts the clients of each port of @arr.
 */
static void nbond_alb_rebalance(struct nbond_alb *alb,
				const struct nbond_port_array *arr,
				unsigned int *load)
{
	struct nbond_alb_client *c;
	unsigned int i, j, hi, lo;
	bool moved;

	for (i = 0; i < NBOND_ALB_CLIENTS; i++) {
		c = &alb->clients[i];
		if (c->ip && !nbond_alb_port_of(arr, c->ifindex))
			c->ifindex = 0;
	}
	for (j = 0; j < arr->count; j++)
		load[j] = nbond_alb_load(alb, arr->ports[j]->dev->ifindex);
	for (i = 0; i < NBOND_ALB_CLIENTS; i++) {
		c = &alb->clients[i];
		if (!c->ip || c->ifindex)
			continue;
		lo = 0;
		for (j = 1; j < arr->count; j++)
			if (load[j] < load[lo])
				lo = j;
		c->ifindex = arr->ports[lo]->dev->ifindex;
		load[lo]++;
	}

	do {
		hi = 0;
		lo = 0;
		for (j = 1; j < arr->count; j++) {
			if (load[j] > load[hi])
				hi = j;
			if (load[j] < load[lo])
				lo = j;
		}
		if (load[hi] <= load[lo] + 1)
			break;
		moved = false;
		for (i = 0; i < NBOND_ALB_CLIENTS && !moved; i++) {
			c = &alb->clients[i];
			if (!c->ip || is_zero_ether_addr(c->mac) ||
			    c->ifindex != arr->ports[hi]->dev->ifindex)
				continue;
			c->ifindex = arr->ports[lo]->dev->ifindex;
			load[hi]--;
			load[lo]++;
			moved = true;
		}
	} while (moved);
}

/* Clients whose port's address is not what they were told get updates. */
static bool nbond_alb_mark_moved(struct nbond_alb *alb,
				 const struct nbond_port_array *arr)
{
	struct nbond_alb_client *c;
	struct nbond_port *port;
	bool marked = false;
	unsigned int i;

	for (i = 0; i < NBOND_ALB_CLIENTS; i++) {
		c = &alb->clients[i];
		if (!c->ip || is_zero_ether_addr(c->mac))
			continue;
		port = nbond_alb_port_of(arr, c->ifindex);
		if (!port || ether_addr_equal(c->told, port->dev->dev_addr))
			continue;
		ether_addr_copy(c->told, port->dev->dev_addr);
		c->sends = NBOND_ALB_SENDS;
		marked = true;
	}
	return marked;
}

/* balance-alb's state, balance-tlb's within, made on first use. RTNL. */
static struct nbond_alb *nbond_alb_state(struct nbond *bond)
{
	struct nbond_alb *alb = nbond_alb_rtnl(bond);

	if (alb)
		return alb;
	alb = kzalloc(sizeof(*alb), GFP_KERNEL);
	if (!alb)
		return NULL;
	if (nbond_tlb_state_init(&alb->tlb, bond)) {
		kfree(alb);
		return NULL;
	}
	alb->bond = bond;
	alb->seed = get_random_u32();
	spin_lock_init(&alb->lock);
	INIT_DELAYED_WORK(&alb->work, nbond_alb_work);
	rcu_assign_pointer(bond->mode_priv, alb);
	return alb;
}

static int nbond_alb_open(struct nbond *bond)
{
	struct nbond_alb *alb = nbond_alb_state(bond);

	if (!alb)
		return -ENOMEM;
	nbond_tlb_start(bond, &alb->tlb);
	return 0;
}

static void nbond_alb_stop(struct nbond *bond)
{
	struct nbond_alb *alb = nbond_alb_rtnl(bond);

	nbond_tlb_stop(bond);
	if (alb)
		cancel_delayed_work_sync(&alb->work);
}

/* After every refresh: balance-tlb's part, then the clients'. */
static void nbond_alb_refreshed(struct nbond *bond)
{
	struct nbond_port_array *arr = rtnl_dereference(bond->usable);
	struct nbond_alb *alb = nbond_alb_state(bond);
	unsigned int *load;
	bool marked;

	nbond_tlb_update(bond, alb ? &alb->tlb : NULL);
	if (!alb || !arr->count)
		return;
	load = kcalloc(arr->count, sizeof(*load), GFP_KERNEL);
	spin_lock_bh(&alb->lock);
	if (load)
		nbond_alb_rebalance(alb, arr, load);
	marked = nbond_alb_mark_moved(alb, arr);
	spin_unlock_bh(&alb->lock);
	kfree(load);
	if (marked && netif_running(bond->dev))
		mod_delayed_work(system_power_efficient_wq, &alb->work, 0);
}

/* ---- display ---------------------------------------------------------- */

static void nbond_alb_show(struct seq_file *seq, struct nbond *bond)
{
	struct nbond_alb *alb = nbond_alb_rcu(bond);
	unsigned int i, n = 0;

	nbond_tlb_show(seq, bond);
	if (!alb)
		return;
	spin_lock_bh(&alb->lock);
	for (i = 0; i < NBOND_ALB_CLIENTS; i++)
		if (alb->clients[i].ip)
			n++;
	spin_unlock_bh(&alb->lock);
	seq_printf(seq, "alb clients: %u\n", n);
}

static void nbond_alb_show_port(struct seq_file *seq, struct nbond_port *port)
{
	struct nbond_alb *alb = nbond_alb_rcu(port->bond);
	unsigned int n;

	nbond_tlb_show_port(seq, port);
	if (!alb)
		return;
	spin_lock_bh(&alb->lock);
	n = nbond_alb_load(alb, port->dev->ifindex);
	spin_unlock_bh(&alb->lock);
	seq_printf(seq, "alb clients: %u\n", n);
}

static void nbond_alb_free_priv(struct nbond *bond, void *priv)
{
	struct nbond_alb *alb = priv;

	cancel_delayed_work_sync(&alb->work);
	nbond_tlb_state_destroy(&alb->tlb);
	kfree(alb);
}

const struct nbond_mode_ops nbond_mode_alb = {
	.name		= "balance-alb",
	.bonding_name	= "adaptive load balancing",
	.id		= NBOND_MODE_ALB,
	.xmit		= nbond_alb_xmit,
	.xmit_to	= nbond_tlb_xmit_to,
	.rx_accept	= nbond_alb_rx_accept,
	.port_eligible	= nbond_port_usable,
	.port_role	= nbond_role_active,
	.hashes		= nbond_tlb_hashes,
	.reports_all_active = true,
	.open		= nbond_alb_open,
	.stop		= nbond_alb_stop,
	.refreshed	= nbond_alb_refreshed,
	.show		= nbond_alb_show,
	.show_port	= nbond_alb_show_port,
	.rx		= nbond_alb_rx,
	.free_priv	= nbond_alb_free_priv,
	.active_only	= true,
	.has_active	= true,
	.tx_all_ports	= true,
	.own_macs	= true,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_UNKNOWN,
};
