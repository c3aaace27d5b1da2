// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: balance-tlb, adaptive transmit load balancing without switch
 * support.
 *
 * Receive. One port, the active one, is chosen as in active-backup
 * (primary, primary_reselect, prio, active_slave). It carries the bond's
 * MAC address, its address lists and flags, and receives for the bond;
 * the other ports drop what they receive unless all_slaves_active is set.
 *
 * Addresses. Every other port keeps an address of its own: its original
 * one when that is free, so that a switch never sees the bond's address
 * behind two ports. When the active port changes, the bond's address
 * moves to the new one (the old one gets its own back, or the new one's
 * original if its own is the bond's), and every port sends a learning
 * frame at once; they all send one every lp_interval seconds, untagged
 * and on each VLAN device of the bond.
 *
 * Transmit. Frames from the bond's address to a unicast destination are
 * spread over the usable ports and leave with the source address of the
 * port that sends them. Broadcast and multicast (ARP requests, IGMP
 * reports, which must reach the switch where the bond receives) and frames
 * with another source address (bridged ones) leave through the active
 * port as they are. With tlb_dynamic_lb 0 the port is chosen by
 * xmit_hash_policy. With tlb_dynamic_lb 1 (the default) each destination
 * MAC falls into one of NBOND_TLB_BUCKETS buckets. A bucket gets a port
 * the first time it is used: the least loaded one, load being the bytes
 * sent in the last period relative to the port's speed. It keeps that
 * port while it is used. Every NBOND_TLB_PERIOD the bytes of each bucket
 * are measured; idle buckets are let go, and busy ones move from the
 * busiest port to the least busy while the two differ by more than 1/8
 * and the move lowers the busier of the two. A port that leaves use
 * leaves its buckets free: their next frame picks a port again.
 *
 * Locking. The transmit path takes no lock: it reads the bucket map under
 * RCU, counts bytes per CPU, and may give a free bucket a port with a
 * plain store (two CPUs racing for a bucket both store a valid port; the
 * last store wins). A map names the usable-port array it was built for
 * and indexes into it; the map is rebuilt under RTNL after every refresh
 * (which publishes a new array), and until a CPU sees both, the hash
 * decides. The periodic work changes the current map in place, under
 * RTNL.
 */
#include <linux/if_vlan.h>
#include <linux/pkt_sched.h>
#include <linux/seq_file.h>

#include "mode_tlb.h"

#define NBOND_TLB_PERIOD	(10 * HZ)
#define NBOND_TLB_MAX_MOVES	16

/* Bytes sent, per bucket and outside them; per CPU, never reset. */
struct nbond_tlb_bytes {
	unsigned long count[NBOND_TLB_COUNTERS];
};

/* One port of a map: what it carries. */
struct nbond_tlb_load {
	struct nbond_port *port;	/* to carry buckets over; RTNL */
	u64 bytes;			/* last period, plus newcomers */
	u32 speed;			/* weight: Mb/s, or 1 if unknown */
	u32 buckets;			/* buckets it holds */
};

struct nbond_tlb_map {
	struct rcu_head rcu;
	/* The array the slots index into; only ever compared. */
	const struct nbond_port_array *ports;
	unsigned int count;		/* of ports, and of load[] */
	u64 avg;			/* bytes of a busy bucket, last period */
	u16 slot[NBOND_TLB_BUCKETS];	/* 1 + index into ports; 0: none */
	struct nbond_tlb_load load[];
};

/* ---- transmit (RCU, BH off) ------------------------------------------- */

static unsigned int nbond_tlb_bucket(const u8 *addr)
{
	return addr[0] ^ addr[1] ^ addr[2] ^ addr[3] ^ addr[4] ^ addr[5];
}

/* Does @a carry less than @b for its speed (then: fewer buckets)? */
static bool nbond_tlb_lighter(const struct nbond_tlb_load *a,
			      const struct nbond_tlb_load *b)
{
	u64 wa = READ_ONCE(a->bytes) * READ_ONCE(b->speed);
	u64 wb = READ_ONCE(b->bytes) * READ_ONCE(a->speed);

	if (wa != wb)
		return wa < wb;
	return READ_ONCE(a->buckets) < READ_ONCE(b->buckets);
}

static unsigned int nbond_tlb_lightest(const struct nbond_tlb_map *map)
{
	unsigned int i, best = 0;

	for (i = 1; i < map->count; i++)
		if (nbond_tlb_lighter(&map->load[i], &map->load[best]))
			best = i;
	return best;
}

/* The port of destination @dst, or NULL to let the hash decide. */
static struct nbond_port *nbond_tlb_pick(struct nbond_tlb *tlb,
					 struct nbond_port_array *ports,
					 const u8 *dst, unsigned int len)
{
	struct nbond_tlb_map *map = rcu_dereference_bh(tlb->map);
	unsigned int b = nbond_tlb_bucket(dst), idx;
	struct nbond_tlb_load *load;

	if (unlikely(!map || map->ports != ports))
		return NULL;
	idx = READ_ONCE(map->slot[b]);
	if (unlikely(!idx || idx > map->count)) {
		idx = nbond_tlb_lightest(map) + 1;
		/* Count the newcomer now, so that the next goes elsewhere. */
		load = &map->load[idx - 1];
		WRITE_ONCE(load->bytes,
			   READ_ONCE(load->bytes) + READ_ONCE(map->avg));
		WRITE_ONCE(load->buckets, READ_ONCE(load->buckets) + 1);
		WRITE_ONCE(map->slot[b], idx);
	}
	this_cpu_add(tlb->bytes->count[b], len);
	return ports->ports[idx - 1];
}

/* Send on @port; a port other than the active one uses its own address. */
netdev_tx_t nbond_tlb_xmit_to(struct nbond *bond, struct nbond_port *port,
			      struct sk_buff *skb)
{
	struct ethhdr *eth;

	if (port == rcu_access_pointer(bond->active))
		return nbond_xmit_to(bond, port, skb);
	if (unlikely(!pskb_may_pull(skb, ETH_HLEN)))
		return nbond_drop(bond, skb);
	eth = (struct ethhdr *)skb->data;
	if (ether_addr_equal(eth->h_source, bond->dev->dev_addr)) {
		if (unlikely(skb_ensure_writable(skb, ETH_HLEN)))
			return nbond_drop(bond, skb);
		eth = (struct ethhdr *)skb->data;
		ether_addr_copy(eth->h_source, port->dev->dev_addr);
	}
	return nbond_xmit_to(bond, port, skb);
}

/* Also balance-alb's: without tlb_dynamic_lb, the hash picks the port. */
bool nbond_tlb_hashes(const struct nbond *bond)
{
	return !READ_ONCE(bond->params.tlb_dynamic_lb);
}

netdev_tx_t nbond_tlb_xmit(struct nbond *bond, struct sk_buff *skb,
			   struct nbond_port_array *ports)
{
	struct nbond_tlb *tlb = nbond_tlb_rcu_bh(bond);
	struct nbond_port *port = NULL;
	const struct ethhdr *eth;
	u32 hash;

	if (unlikely(!pskb_may_pull(skb, ETH_HLEN)))
		return nbond_drop(bond, skb);
	eth = (const struct ethhdr *)skb->data;

	if (is_multicast_ether_addr(eth->h_dest) ||
	    !ether_addr_equal(eth->h_source, bond->dev->dev_addr)) {
		port = rcu_dereference_bh(bond->active);
		if (port && tlb)
			this_cpu_add(tlb->bytes->count[NBOND_TLB_OTHER],
				     skb->len);
	} else if (tlb && READ_ONCE(bond->params.tlb_dynamic_lb)) {
		port = nbond_tlb_pick(tlb, ports, eth->h_dest, skb->len);
	}
	if (!port) {
		hash = nbond_skb_hash(skb, READ_ONCE(bond->params.xmit_policy));
		port = ports->ports[hash % ports->count];
	}
	return nbond_tlb_xmit_to(bond, port, skb);
}

/* ---- addresses and learning frames (RTNL) ----------------------------- */

/*
 * Is @addr taken for @port: the bond's, or the address of the active port
 * or of a port before @port in the list (those are settled first)?
 */
static bool nbond_tlb_addr_taken(struct nbond *bond, struct nbond_port *port,
				 struct nbond_port *active, const u8 *addr)
{
	struct nbond_port *other;

	if (ether_addr_equal(addr, bond->dev->dev_addr) ||
	    ether_addr_equal(addr, active->dev->dev_addr))
		return true;
	nbond_for_each_port(bond, other) {
		if (other == port)
			break;
		if (other != active &&
		    ether_addr_equal(addr, other->dev->dev_addr))
			return true;
	}
	return false;
}

/*
 * The address for @port beside @active: its original one if free, else
 * the one it has if free, else the active port's original one (free while
 * that port carries the bond's), else a random one.
 */
static void nbond_tlb_port_addr(struct nbond *bond, struct nbond_port *port,
				struct nbond_port *active, u8 *addr)
{
	const u8 *choices[] = {
		port->perm_addr, port->dev->dev_addr, active->perm_addr,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(choices); i++) {
		if (!nbond_tlb_addr_taken(bond, port, active, choices[i])) {
			ether_addr_copy(addr, choices[i]);
			return;
		}
	}
	do {
		eth_random_addr(addr);
	} while (nbond_tlb_addr_taken(bond, port, active, addr));
	netdev_warn(bond->dev, "port %s: its address is taken; using %pM\n",
		    port->dev->name, addr);
}

/* Give @port @addr; true if its address changed. */
static bool nbond_tlb_set_addr(struct nbond_port *port, const u8 *addr)
{
	if (ether_addr_equal(port->dev->dev_addr, addr))
		return false;
	return !nbond_port_set_mac(port, addr);
}

/*
 * The active port takes the bond's address, the others one of their own.
 * Without an active port nothing is sent: addresses wait for one. True if
 * any address changed.
 */
static bool nbond_tlb_addrs(struct nbond *bond)
{
	struct nbond_port *active = nbond_active_rtnl(bond), *port;
	u8 addr[ETH_ALEN];
	bool changed;

	if (!active)
		return false;
	changed = nbond_tlb_set_addr(active, bond->dev->dev_addr);
	nbond_for_each_port(bond, port) {
		if (port == active)
			continue;
		nbond_tlb_port_addr(bond, port, active, addr);
		changed |= nbond_tlb_set_addr(port, addr);
	}
	return changed;
}

/*
 * A frame from @port's address to itself: the switch learns where that
 * address is and, the destination being behind the port it came in on,
 * forwards it nowhere. Its payload is a Configuration Test Protocol reply
 * (ethertype 0x9000, skip count 0, function 1), which stations ignore.
 */
static void nbond_tlb_learn_one(struct nbond_port *port,
				const struct net_device *vlan)
{
	struct net_device *dev = port->dev;
	struct sk_buff *skb;
	struct ethhdr *eth;
	u8 *ctp;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + ETH_ZLEN, GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	eth = skb_put_zero(skb, ETH_ZLEN);
	ether_addr_copy(eth->h_dest, dev->dev_addr);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = htons(ETH_P_LOOPBACK);
	ctp = (u8 *)(eth + 1);
	ctp[2] = 1;

	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb->protocol = eth->h_proto;
	skb->priority = TC_PRIO_CONTROL;
	skb->dev = dev;
	if (vlan)
		__vlan_hwaccel_put_tag(skb, vlan_dev_vlan_proto(vlan),
				       vlan_dev_vlan_id(vlan));
	dev_queue_xmit(skb);
}

/* Every usable port tells the switch its address, on every VLAN. */
static void nbond_tlb_learn(struct nbond *bond, struct nbond_tlb *tlb)
{
	struct nbond_port *port, *active = nbond_active_rtnl(bond);
	struct net_device *upper;
	struct list_head *iter;

	tlb->learnt = jiffies;
	tlb->announced_ifindex = active ? active->dev->ifindex : 0;
	ether_addr_copy(tlb->announced_addr, bond->dev->dev_addr);
	if (!netif_running(bond->dev))
		return;
	rcu_read_lock();
	nbond_for_each_port(bond, port) {
		if (!nbond_port_usable(port))
			continue;
		nbond_tlb_learn_one(port, NULL);
		netdev_for_each_upper_dev_rcu(bond->dev, upper, iter)
			if (is_vlan_dev(upper))
				nbond_tlb_learn_one(port, upper);
	}
	rcu_read_unlock();
}

/* ---- the bucket map (RTNL) -------------------------------------------- */

/* Weigh ports by speed when every port's is known, else alike. */
static void nbond_tlb_speeds(struct nbond_tlb_map *map)
{
	bool known = true;
	unsigned int i;
	u32 speed;

	for (i = 0; i < map->count; i++) {
		speed = map->load[i].port->speed;
		if (!speed || speed == SPEED_UNKNOWN)
			known = false;
	}
	for (i = 0; i < map->count; i++)
		WRITE_ONCE(map->load[i].speed,
			   known ? map->load[i].port->speed : 1);
}

/* Ports in both maps keep their buckets and load; the others' are free. */
static void nbond_tlb_carry(const struct nbond_tlb_map *old,
			    struct nbond_tlb_map *map)
{
	unsigned int i, j, b;

	map->avg = READ_ONCE(old->avg);
	for (i = 0; i < old->count; i++) {
		for (j = 0; j < map->count; j++)
			if (map->load[j].port == old->load[i].port)
				break;
		if (j == map->count)
			continue;
		map->load[j].bytes = READ_ONCE(old->load[i].bytes);
		for (b = 0; b < NBOND_TLB_BUCKETS; b++) {
			if (READ_ONCE(old->slot[b]) != i + 1)
				continue;
			map->slot[b] = j + 1;
			map->load[j].buckets++;
		}
	}
}

/* A map for the array the refresh just published. */
static void nbond_tlb_remap(struct nbond *bond, struct nbond_tlb *tlb)
{
	struct nbond_port_array *arr = rtnl_dereference(bond->usable);
	struct nbond_tlb_map *old = rtnl_dereference(tlb->map);
	struct nbond_tlb_map *map = NULL;
	unsigned int i;

	if (arr->count && arr->count < U16_MAX)
		map = kzalloc(struct_size(map, load, arr->count), GFP_KERNEL);
	if (map) {
		map->ports = arr;
		map->count = arr->count;
		for (i = 0; i < arr->count; i++)
			map->load[i].port = arr->ports[i];
		nbond_tlb_speeds(map);
		if (old)
			nbond_tlb_carry(old, map);
	} else if (arr->count) {
		netdev_warn(bond->dev, "out of memory: %s transmits by hash\n",
			    bond->mode->name);
	}
	rcu_assign_pointer(tlb->map, map);
	if (old)
		kfree_rcu(old, rcu);
}

/* What each counter added since the last measurement. */
static void nbond_tlb_measure(struct nbond_tlb *tlb)
{
	unsigned long total;
	unsigned int i;
	int cpu;

	for (i = 0; i < NBOND_TLB_COUNTERS; i++) {
		total = 0;
		for_each_possible_cpu(cpu)
			total += READ_ONCE(per_cpu_ptr(tlb->bytes,
						       cpu)->count[i]);
		tlb->period[i] = total - tlb->seen[i];
		tlb->seen[i] = total;
	}
}

/* Port @i's load in the last period and its buckets, from the slots. */
static void nbond_tlb_sum(struct nbond_tlb *tlb, struct nbond_tlb_map *map,
			  unsigned int i, const struct nbond_port *active)
{
	u64 bytes = 0;
	u32 buckets = 0;
	unsigned int b;

	for (b = 0; b < NBOND_TLB_BUCKETS; b++) {
		if (READ_ONCE(map->slot[b]) != i + 1)
			continue;
		bytes += tlb->period[b];
		buckets++;
	}
	if (map->load[i].port == active)
		bytes += tlb->period[NBOND_TLB_OTHER];
	WRITE_ONCE(map->load[i].bytes, bytes);
	WRITE_ONCE(map->load[i].buckets, buckets);
}

/*
 * Move the bucket of the busiest port that best evens it with the least
 * busy one, if they differ by more than 1/8 and a move lowers the busier
 * of the two. Loads are compared per unit of speed. False if none moved.
 */
static bool nbond_tlb_move(struct nbond_tlb *tlb, struct nbond_tlb_map *map)
{
	unsigned int hi = 0, lo = 0, i, b, best = NBOND_TLB_BUCKETS;
	struct nbond_tlb_load *h, *l;
	u64 hb, lb, cost, cost_n, n;
	u32 cost_d, d;

	for (i = 1; i < map->count; i++) {
		if (nbond_tlb_lighter(&map->load[i], &map->load[lo]))
			lo = i;
		if (nbond_tlb_lighter(&map->load[hi], &map->load[i]))
			hi = i;
	}
	if (hi == lo)
		return false;
	h = &map->load[hi];
	l = &map->load[lo];
	hb = READ_ONCE(h->bytes);
	lb = READ_ONCE(l->bytes);
	if (hb * l->speed * 8 <= lb * h->speed * 9)
		return false;

	/* The busier of the two after a move: n / d; it must beat hb. */
	cost_n = hb;
	cost_d = h->speed;
	for (b = 0; b < NBOND_TLB_BUCKETS; b++) {
		cost = tlb->period[b];
		if (READ_ONCE(map->slot[b]) != hi + 1 || !cost || cost > hb)
			continue;
		n = hb - cost;
		d = h->speed;
		if (n * l->speed < (lb + cost) * h->speed) {
			n = lb + cost;
			d = l->speed;
		}
		if (n * cost_d < cost_n * d) {
			cost_n = n;
			cost_d = d;
			best = b;
		}
	}
	if (best == NBOND_TLB_BUCKETS)
		return false;

	cost = tlb->period[best];
	WRITE_ONCE(map->slot[best], lo + 1);
	WRITE_ONCE(h->bytes, hb - cost);
	WRITE_ONCE(h->buckets, h->buckets - 1);
	WRITE_ONCE(l->bytes, lb + cost);
	WRITE_ONCE(l->buckets, l->buckets + 1);
	return true;
}

/* Measure the last period, let idle buckets go, and even the ports out. */
static void nbond_tlb_rebalance(struct nbond *bond, struct nbond_tlb *tlb)
{
	struct nbond_tlb_map *map = rtnl_dereference(tlb->map);
	struct nbond_port *active = nbond_active_rtnl(bond);
	unsigned int b, i, idx, busy = 0;
	u64 total = 0;

	nbond_tlb_measure(tlb);
	if (!map)
		return;

	for (b = 0; b < NBOND_TLB_BUCKETS; b++) {
		idx = READ_ONCE(map->slot[b]);
		if (!idx)
			continue;
		if (idx > map->count || !tlb->period[b]) {
			WRITE_ONCE(map->slot[b], 0);
			continue;
		}
		total += tlb->period[b];
		busy++;
	}
	for (i = 0; i < map->count; i++)
		nbond_tlb_sum(tlb, map, i, active);
	WRITE_ONCE(map->avg, busy ? div_u64(total, busy) : 0);
	nbond_tlb_speeds(map);

	for (i = 0; i < NBOND_TLB_MAX_MOVES; i++)
		if (!nbond_tlb_move(tlb, map))
			break;
}

/* ---- periodic work, hooks --------------------------------------------- */

static unsigned long nbond_tlb_lp(const struct nbond *bond)
{
	u64 lp = (u64)READ_ONCE(bond->params.lp_interval) * HZ;

	return min_t(u64, lp, MAX_JIFFY_OFFSET);
}

/* Learning frames every lp_interval, rebalancing every period. */
static void nbond_tlb_work(struct work_struct *work)
{
	struct nbond_tlb *tlb = container_of(to_delayed_work(work),
					     struct nbond_tlb, work);
	struct nbond *bond = tlb->bond;
	unsigned long now = jiffies, learn, balance;

	if (!rtnl_trylock()) {
		queue_delayed_work(system_power_efficient_wq, &tlb->work, 1);
		return;
	}
	learn = tlb->learnt + nbond_tlb_lp(bond);
	if (time_after_eq(now, learn)) {
		nbond_tlb_learn(bond, tlb);
		learn = tlb->learnt + nbond_tlb_lp(bond);
	}
	balance = tlb->balanced + NBOND_TLB_PERIOD;
	if (time_after_eq(now, balance)) {
		if (bond->params.tlb_dynamic_lb)
			nbond_tlb_rebalance(bond, tlb);
		tlb->balanced = now;
		balance = now + NBOND_TLB_PERIOD;
	}
	queue_delayed_work(system_power_efficient_wq, &tlb->work,
			   (time_before(learn, balance) ? learn : balance) - now);
	rtnl_unlock();
}

/* Make @tlb, zeroed, ready for @bond. */
int nbond_tlb_state_init(struct nbond_tlb *tlb, struct nbond *bond)
{
	tlb->bytes = alloc_percpu(struct nbond_tlb_bytes);
	if (!tlb->bytes)
		return -ENOMEM;
	tlb->bond = bond;
	INIT_DELAYED_WORK(&tlb->work, nbond_tlb_work);
	return 0;
}

/* Undo nbond_tlb_state_init(): no reader or work is left. */
void nbond_tlb_state_destroy(struct nbond_tlb *tlb)
{
	cancel_delayed_work_sync(&tlb->work);
	kfree(rcu_dereference_protected(tlb->map, true));
	free_percpu(tlb->bytes);
}

/* balance-tlb's state, made on first use. RTNL. */
static struct nbond_tlb *nbond_tlb_state(struct nbond *bond)
{
	struct nbond_tlb *tlb = nbond_tlb_rtnl(bond);

	if (tlb)
		return tlb;
	tlb = kzalloc(sizeof(*tlb), GFP_KERNEL);
	if (!tlb)
		return NULL;
	if (nbond_tlb_state_init(tlb, bond)) {
		kfree(tlb);
		return NULL;
	}
	rcu_assign_pointer(bond->mode_priv, tlb);
	return tlb;
}

/* The bond goes up: learning frames at once, a fresh period from now. */
void nbond_tlb_start(struct nbond *bond, struct nbond_tlb *tlb)
{
	tlb->learnt = jiffies - nbond_tlb_lp(bond);
	tlb->balanced = jiffies;
	nbond_tlb_measure(tlb);
	queue_delayed_work(system_power_efficient_wq, &tlb->work, 0);
}

static int nbond_tlb_open(struct nbond *bond)
{
	struct nbond_tlb *tlb = nbond_tlb_state(bond);

	if (!tlb)
		return -ENOMEM;
	nbond_tlb_start(bond, tlb);
	return 0;
}

void nbond_tlb_stop(struct nbond *bond)
{
	struct nbond_tlb *tlb = nbond_tlb_rtnl(bond);

	if (tlb)
		cancel_delayed_work_sync(&tlb->work);
}

/* Did an address move since the last learning round? */
static bool nbond_tlb_moved(struct nbond *bond, struct nbond_tlb *tlb)
{
	struct nbond_port *active = nbond_active_rtnl(bond);

	return tlb->announced_ifindex != (active ? active->dev->ifindex : 0) ||
	       !ether_addr_equal(tlb->announced_addr, bond->dev->dev_addr);
}

/*
 * After every refresh: addresses for the (maybe new) active port and the
 * others, a map for the new array, and learning frames at once if an
 * address moved (here, or when the bond's changed). The work is kicked,
 * so that it sees a new lp_interval. Without @tlb (none could be made)
 * the addresses are handed out all the same.
 */
void nbond_tlb_update(struct nbond *bond, struct nbond_tlb *tlb)
{
	bool moved = nbond_tlb_addrs(bond);

	if (!tlb) {
		netdev_warn(bond->dev, "out of memory: %s transmits by hash\n",
			    bond->mode->name);
		return;
	}
	nbond_tlb_remap(bond, tlb);
	if (!netif_running(bond->dev))
		return;
	if (moved || nbond_tlb_moved(bond, tlb))
		nbond_tlb_learn(bond, tlb);
	mod_delayed_work(system_power_efficient_wq, &tlb->work, 0);
}

static void nbond_tlb_refreshed(struct nbond *bond)
{
	nbond_tlb_update(bond, nbond_tlb_state(bond));
}

void nbond_tlb_show(struct seq_file *seq, struct nbond *bond)
{
	seq_printf(seq, "tlb dynamic lb: %u\n",
		   READ_ONCE(bond->params.tlb_dynamic_lb));
	seq_printf(seq, "lp interval: %u s\n",
		   READ_ONCE(bond->params.lp_interval));
}

/* The destinations (buckets) a port holds, and its last period's load. */
void nbond_tlb_show_port(struct seq_file *seq, struct nbond_port *port)
{
	struct nbond_tlb *tlb = nbond_tlb_rcu(port->bond);
	struct nbond_tlb_map *map = tlb ? rcu_dereference(tlb->map) : NULL;
	unsigned int i;

	if (!map || !READ_ONCE(port->bond->params.tlb_dynamic_lb))
		return;
	for (i = 0; i < map->count; i++) {
		if (map->load[i].port != port)
			continue;
		seq_printf(seq, "tlb buckets: %u\n",
			   READ_ONCE(map->load[i].buckets));
		seq_printf(seq, "tlb load: %llu bytes\n",
			   READ_ONCE(map->load[i].bytes));
	}
}

static void nbond_tlb_free_priv(struct nbond *bond, void *priv)
{
	struct nbond_tlb *tlb = priv;

	nbond_tlb_state_destroy(tlb);
	kfree(tlb);
}

const struct nbond_mode_ops nbond_mode_tlb = {
	.name		= "balance-tlb",
	.bonding_name	= "transmit load balancing",
	.id		= NBOND_MODE_TLB,
	.xmit		= nbond_tlb_xmit,
	.xmit_to	= nbond_tlb_xmit_to,
	.rx_accept	= nbond_rx_accept_active,
	.port_eligible	= nbond_port_usable,
	.port_role	= nbond_role_active,
	.hashes		= nbond_tlb_hashes,
	.reports_all_active = true,
	.open		= nbond_tlb_open,
	.stop		= nbond_tlb_stop,
	.refreshed	= nbond_tlb_refreshed,
	.show		= nbond_tlb_show,
	.show_port	= nbond_tlb_show_port,
	.free_priv	= nbond_tlb_free_priv,
	.active_only	= true,
	.has_active	= true,
	.tx_all_ports	= true,
	.own_macs	= true,
	.lag_tx_type	= NETDEV_LAG_TX_TYPE_UNKNOWN,
};
