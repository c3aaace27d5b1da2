/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nbond: internal definitions shared by the driver's files.
 *
 * Locking: the port list, the parameters and everything the control plane
 * changes are protected by RTNL. The transmit and receive paths never take
 * a lock: they read the published port array and the active port under
 * RCU. Writers publish a new array with rcu_assign_pointer() and free the
 * old one after a grace period.
 */
#ifndef _NBOND_H
#define _NBOND_H

#include <linux/netdevice.h>
#include <linux/netpoll.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/rtnetlink.h>
#include <linux/workqueue.h>
#include <linux/in6.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include <net/sch_generic.h>

#include <linux/nbond.h>

#include "probes.h"
#include "hash.h"

#define NBOND_DRV_NAME		"nbond"
#define NBOND_TX_QUEUES		16
#define NBOND_MAX_TARGETS	16
/* The LACP port priority of a new port, as bonding's actor_port_prio. */
#define NBOND_AD_PORT_PRIO_DEFAULT	255

enum nbond_mode_id {
	NBOND_MODE_RR = 0,
	NBOND_MODE_AB = 1,
	NBOND_MODE_XOR = 2,
	NBOND_MODE_BCAST = 3,
	NBOND_MODE_8023AD = 4,
	NBOND_MODE_TLB = 5,
	NBOND_MODE_ALB = 6,
	NBOND_MODE_COUNT
};

/* Port link states; the values are those of IFLA_BOND_SLAVE_MII_STATUS. */
enum nbond_link {
	NBOND_LINK_UP = 0,	/* usable */
	NBOND_LINK_FAIL = 1,	/* carrier lost, waiting out downdelay */
	NBOND_LINK_DOWN = 2,	/* not usable */
	NBOND_LINK_BACK = 3,	/* carrier back, waiting out updelay */
};

/* Port roles; the values are those of IFLA_BOND_SLAVE_STATE. */
enum nbond_role {
	NBOND_ROLE_ACTIVE = 0,
	NBOND_ROLE_BACKUP = 1,
};

enum nbond_fom {
	NBOND_FOM_NONE = 0,
	NBOND_FOM_ACTIVE = 1,
	NBOND_FOM_FOLLOW = 2,
};

enum nbond_reselect {
	NBOND_RESELECT_ALWAYS = 0,
	NBOND_RESELECT_BETTER = 1,
	NBOND_RESELECT_FAILURE = 2,
};

/* Everything a user can configure on a bond; see options.c. */
struct nbond_params {
	u32 mode;
	u32 xmit_policy;
	u32 miimon;		/* ms, 0 = no polling */
	u32 updelay;		/* ms */
	u32 downdelay;		/* ms */
	u32 peer_notif_delay;	/* ms */
	u32 use_carrier;
	u32 arp_interval;
	u32 arp_validate;
	u32 arp_all_targets;
	u32 arp_missed_max;
	u32 primary_reselect;
	u32 fail_over_mac;
	u32 resend_igmp;
	u32 num_peer_notif;
	u32 all_slaves_active;
	u32 min_links;
	u32 lp_interval;
	u32 packets_per_slave;
	u32 lacp_active;
	u32 lacp_rate;
	u32 ad_select;
	u32 ad_actor_sys_prio;
	u32 ad_user_port_key;
	u32 tlb_dynamic_lb;
	u32 coupled_control;
	u32 lacp_fallback;	/* enum nbond_lacp_fallback */
	u8 ad_actor_system[ETH_ALEN];
	char primary[IFNAMSIZ];
	/* Monitor targets, the first unset one (0, ::) ending the list. */
	__be32 arp_targets[NBOND_MAX_TARGETS];
	struct in6_addr ns_targets[NBOND_MAX_TARGETS];
};

struct nbond;
struct seq_file;

/* The Actor or Partner Information of IEEE 802.1AX, for display. */
struct nbond_lacp_info {
	u16 system_prio;
	u8 system[ETH_ALEN];
	u16 key;
	u16 port_prio;
	u16 port;
	u8 state;
};

/*
 * What the LACP agent decided for a port of an 802.3ad bond (RTNL; the
 * data path reads collecting with READ_ONCE()). Counters are indexed by
 * NBOND_LACP_STATS_A_* - NBOND_LACP_STATS_A_LACPDU_RX.
 */
#define NBOND_LACP_NSTATS \
	(NBOND_LACP_STATS_A_MAX - NBOND_LACP_STATS_A_LACPDU_RX + 1)

struct nbond_lacp_port {
	u16 aggregator;
	u8 selected;			/* enum nbond_lacp_selected */
	bool collecting;
	bool distributing;
	struct nbond_lacp_info actor;
	struct nbond_lacp_info partner;
	/* Churn Detection: enum nbond_lacp_churn, and times churned */
	u8 actor_churn;
	u8 partner_churn;
	u32 actor_churns;
	u32 partner_churns;
	u64 stats[NBOND_LACP_NSTATS];
};

/*
 * What the LACP agent set for a port and the bond has yet to apply under
 * RTNL (nbond_lacp_apply_pending()). nbond::lacp_lock.
 */
struct nbond_lacp_next {
	u16 aggregator;
	u8 selected;
	bool collecting;
	bool distributing;
	bool pending;			/* to apply */
};

struct nbond_port {
	struct list_head list;		/* in nbond::ports, RTNL */
	struct net_device *dev;
	struct nbond *bond;
	u8 perm_addr[MAX_ADDR_LEN];
	unsigned int orig_mtu;
	u8 link;			/* enum nbond_link */
	u8 link_cause;			/* enum nbond_cause of the last change */
	u8 role;			/* enum nbond_role */
	bool mac_changed;		/* we set its MAC; restore on release */
	bool holds_promisc;		/* we added promisc/allmulti refs */
	bool holds_allmulti;
	bool holds_addrs;		/* uc/mc lists synced to it */
	bool admin_down;		/* taken out of use (NBOND_CMD_PORT_SET) */
	bool in_use;			/* usable at the last refresh */
	bool released;			/* being taken out of the bond */
	bool ns_maddrs;			/* joined the NS targets' groups */
	bool slow_joined;		/* joined the slow-protocols group */
	bool had_no_addrconf;		/* IFF_NO_ADDRCONF before it joined */
	bool xdp;			/* holds the bond's XDP program */
	bool xdp_marked;		/* we set IFF_BONDING for XDP_TX */
	/* as last reported by netdev_lower_state_changed() (RTNL) */
#define NBOND_SHOWN_NONE	0xff	/* nothing reported yet */
	u8 shown_link;			/* link up, or NBOND_SHOWN_NONE */
	bool shown_tx;			/* transmits */
	u8 shown_role;
	u8 shown_actor;			/* LACP actor and partner states */
	u8 shown_partner;
	unsigned long link_deadline;	/* jiffies: end of up/down delay */
	unsigned long link_since;	/* jiffies of the last link change */
	u32 link_failure_count;
	u64 link_changed_ns;		/* monotonic: last link or admin change */
	u64 added_ns;			/* monotonic: when it was added */
	u16 queue_id;
	s32 prio;
	u16 ad_port_prio;		/* actor_port_prio, for the agent */
	/* ARP/NS monitor, in jiffies; arp_rx* written on the receive path */
	unsigned long arp_rx;		/* last frame that counted */
	unsigned long arp_tx;		/* last probe sent */
	unsigned long arp_since;	/* added or made active */
	/* per target: ARP targets, then NS targets at NBOND_MAX_TARGETS */
	unsigned long arp_target_rx[2 * NBOND_MAX_TARGETS];
	u32 speed;			/* Mb/s, SPEED_UNKNOWN if unknown */
	u8 duplex;
	struct nbond_lacp_port lacp;	/* 802.3ad */
	struct nbond_lacp_next lacp_next;
	struct kobject *sysfs;		/* bonding_slave/, under kind=bond */
#ifdef CONFIG_NET_POLL_CONTROLLER
	struct netpoll *np;		/* while the bond has one (netpoll.c) */
#endif
	struct rcu_head rcu;
};

/* The ports the data path may use, published under RCU. */
struct nbond_port_array {
	struct rcu_head rcu;
	unsigned int count;
	struct nbond_port *ports[];
};

/* The active aggregator of an 802.3ad bond, as bonding.ko's ad_info. */
struct nbond_ad_info {
	u16 aggregator;
	u16 ports;
	u16 actor_key;
	u16 partner_key;
	u8 partner_system[ETH_ALEN];
};

struct nbond_mode_ops {
	const char *name;
	/* Transmit one frame over @ports (never empty); called under RCU. */
	netdev_tx_t (*xmit)(struct nbond *bond, struct sk_buff *skb,
			    struct nbond_port_array *ports);
	/* Transmit one frame on @port, chosen by its queue_id; under RCU. */
	netdev_tx_t (*xmit_to)(struct nbond *bond, struct nbond_port *port,
			       struct sk_buff *skb);
	/* Does the bond accept @skb, received on @port? Called under RCU. */
	bool (*rx_accept)(const struct nbond *bond,
			  const struct nbond_port *port,
			  const struct sk_buff *skb);
	/* May the data path use @port (if active, in active-backup)? RTNL. */
	bool (*port_eligible)(const struct nbond_port *port);
	/* The role of @port where the mode has no active port. RTNL. */
	u8 (*port_role)(const struct nbond_port *port);
	/*
	 * Control-plane hooks, NULL where the mode needs none (the data-path
	 * ops above never are). Under RTNL: open when the bond goes up (an
	 * error keeps it down), stop when it goes down, refreshed after
	 * nbond_refresh() published a new usable-port array. show and
	 * show_port add the mode's lines to /proc/net/nbond, under RCU.
	 * rx sees every frame a port receives, before rx_accept, under RCU.
	 */
	int (*open)(struct nbond *bond);
	void (*stop)(struct nbond *bond);
	void (*refreshed)(struct nbond *bond);
	/* @port's link went down (before the refresh that follows). RTNL. */
	void (*link_down)(struct nbond_port *port);
	void (*show)(struct seq_file *seq, struct nbond *bond);
	void (*show_port)(struct seq_file *seq, struct nbond_port *port);
	void (*rx)(struct nbond *bond, const struct sk_buff *skb);
	/*
	 * Under kind=bond: the mode's part of bonding.ko's status file
	 * (/proc/net/bonding) and of its ad_* files, under RCU. ad_info
	 * (802.3ad) fills @info with the active aggregator, -ENOENT when
	 * there is none.
	 */
	void (*bonding_show)(struct seq_file *seq, struct nbond *bond);
	void (*bonding_show_port)(struct seq_file *seq,
				  struct nbond_port *port);
	int (*ad_info)(const struct nbond *bond, struct nbond_ad_info *info);
	/*
	 * XDP (xdp.c): the index, below @count (never 0), of the port in
	 * the usable-port array that the frame at @data leaves by; @len
	 * bytes of it in its first buffer, @whole if that is all. Under
	 * RCU, in NAPI context. NULL in the modes without XDP: the XDP
	 * path checks it once a batch (a redirect reaches a bond of any
	 * mode on kernels without xdp_features).
	 */
	u32 (*xdp_pick)(struct nbond *bond, const u8 *data, u32 len,
			bool whole, u32 count);
	/*
	 * Does the mode spread frames by xmit_hash_policy now? For
	 * bonding.ko's "Transmit Hash Policy" line; NULL: never.
	 */
	bool (*hashes)(const struct nbond *bond);
	/*
	 * Frees @priv (never NULL), the state the mode kept at
	 * bond->mode_priv (its own hooks make it on first use), when the
	 * bond leaves the mode or is freed; no reader is left
	 * (nbond_mode_switch()). NULL where the mode keeps no state.
	 */
	void (*free_priv)(struct nbond *bond, void *priv);
	/* bonding.ko's name of the mode, as /proc/net/bonding shows it. */
	const char *bonding_name;
	/* bonding.ko's status file names fail_over_mac after the mode. */
	bool bonding_shows_fom;
	/* NBOND_MODE_*, the mode's number. */
	u8 id;
	/* The ports aggregate as an LACP agent (lacpd) negotiates them. */
	bool lacp;
	/* Only the active port carries the bond's addresses and flags. */
	bool active_only;
	/* Has one active port chosen among the usable ones. */
	bool has_active;
	/* With has_active: transmits over every eligible port, not just it. */
	bool tx_all_ports;
	/*
	 * Ports keep addresses of their own; only the active port carries
	 * the bond's (the mode's refreshed hook hands them out).
	 */
	bool own_macs;
	/*
	 * Every port reports itself active (rtnetlink, sysfs), the backups
	 * too, as bonding.ko's balance-tlb and balance-alb report them; the
	 * backups still drop what they receive.
	 */
	bool reports_all_active;
	/* Bond carrier needs max(min_links, 1) eligible ports. */
	bool uses_min_links;
	/*
	 * Every frame goes out on every port, so the bond is as fast as its
	 * slowest port; otherwise the ports in use add up.
	 */
	bool speed_of_slowest;
	/* How the ports are used, for the stack's LAG upper info. */
	enum netdev_lag_tx_type lag_tx_type;
};

struct nbond {
	struct net_device *dev;
	struct list_head ports;		/* RTNL */
	unsigned int port_count;
	u32 ports_gen;			/* bumped as a port joins or leaves */
	struct nbond_port __rcu *active;
	/* The active port that the last event reported; RTNL. */
	struct nbond_port *reported_active;
	u64 changed_ns;			/* monotonic: active or carrier change */
	struct nbond_port_array __rcu *usable;
	const struct nbond_mode_ops *mode;
	struct nbond_params params;
	bool addr_from_port;		/* dev_addr was taken from a port */
	bool announced;			/* BOND_CREATED event sent */
	unsigned long arp_next_probe;	/* jiffies; the ARP work's own */
	unsigned long mii_get_link_next; /* jiffies; the MII work's own */
	/* the NS targets whose groups backups joined (RTNL) */
	struct in6_addr ns_joined[NBOND_MAX_TARGETS];
	bool reselect;			/* choose the active port anew */
	bool force_primary;		/* the primary takes over once usable */
	u32 __percpu *rr_counter;
	/* XDP program attached to the bond and its ports (xdp.c); RTNL */
	struct bpf_prog *xdp_prog;
	/* Ports with a non-zero queue_id (RTNL; transmit reads it). */
	unsigned int queue_id_ports;
	struct delayed_work mii_work;
	struct delayed_work arp_work;
	struct delayed_work notify_work;
	struct delayed_work igmp_work;
	unsigned int notify_left;	/* peer notifications still to send */
	unsigned int igmp_left;		/* IGMP resends still to do */
	struct proc_dir_entry *proc;
	struct proc_dir_entry *proc_bonding;	/* kind=bond */
	u32 lacp_agent;			/* netlink port id of the LACP agent */
	u64 lacp_agent_gone_ns;		/* when the last one detached */
	/*
	 * The agent's requests that waited for RTNL, and the ports' exit
	 * at the partner's timeout when there is no agent.
	 */
	struct delayed_work lacp_work;
	spinlock_t lacp_lock;		/* the ports' lacp_next, and: */
	bool lacp_refresh;		/* the agent changed something */
	bool lacp_closed;		/* uninit: no more lacp_work */
	/*
	 * The mode's own state, made and freed by its ops (tlb and alb).
	 * The data path and the rx handler read bond->mode plainly: the
	 * mode changes only while the bond is down and has no ports
	 * (nbond_mode_switch()).
	 */
	void __rcu *mode_priv;
};

static inline struct nbond_port *nbond_port_rcu(const struct net_device *dev)
{
	return rcu_dereference(dev->rx_handler_data);
}

static inline struct nbond_port *nbond_port_rtnl(const struct net_device *dev)
{
	return rtnl_dereference(dev->rx_handler_data);
}

/*
 * fail_over_mac as it acts: only active-backup moves addresses with the
 * active port; other modes keep the value (bonding.ko takes it in every
 * mode) and ignore it.
 */
static inline u32 nbond_fail_over_mac(const struct nbond *bond)
{
	return bond->params.mode == NBOND_MODE_AB ?
	       bond->params.fail_over_mac : NBOND_FOM_NONE;
}

static inline struct nbond_port *nbond_active_rtnl(const struct nbond *bond)
{
	return rtnl_dereference(bond->active);
}

/* Report @msg, which must be static, like NL_SET_ERR_MSG_ATTR() does. */
static inline void nbond_set_err(struct netlink_ext_ack *extack,
				 const struct nlattr *nla, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	NL_SET_BAD_ATTR(extack, nla);
}

#define nbond_for_each_port(bond, port) \
	list_for_each_entry(port, &(bond)->ports, list)

/* main.c: registered as kind "bond", in bonding.ko's place */
extern bool nbond_kind_bond;

/* device.c */
extern struct rtnl_link_ops nbond_link_ops;
int nbond_create(struct net *net, const char *name);
bool nbond_is_nbond(const struct net_device *dev);
void nbond_set_lltx(struct net_device *dev);
void nbond_update_features(struct nbond *bond);
int nbond_set_dev_addr(struct nbond *bond, const u8 *addr);

/* port.c */
int nbond_notifier_register(void);
void nbond_notifier_unregister(void);
bool nbond_is_port(const struct net_device *dev);
int nbond_port_add(struct nbond *bond, struct net_device *port_dev,
		   struct netlink_ext_ack *extack);
int nbond_port_del(struct nbond *bond, struct net_device *port_dev,
		   struct netlink_ext_ack *extack);
void nbond_port_release(struct nbond_port *port);
bool nbond_port_update_speed(struct nbond_port *port);
struct nbond_port *nbond_port_by_ifindex(struct nbond *bond, int ifindex);
struct nbond_port *nbond_port_by_name(struct nbond *bond, const char *name);

/* tstamp.c: the struct of time stamping capabilities of this kernel. */
#ifdef HAVE_KERNEL_ETHTOOL_TS_INFO
#define nbond_ts_info kernel_ethtool_ts_info
#else
#define nbond_ts_info ethtool_ts_info
#endif
int nbond_get_ts_info(struct net_device *dev, struct nbond_ts_info *info);

/* ioctl.c */
int nbond_siocbond(struct net_device *bond_dev, struct ifreq *ifr, int cmd);
int nbond_eth_ioctl(struct net_device *bond_dev, struct ifreq *ifr, int cmd);

/* netpoll.c */
#ifdef CONFIG_NET_POLL_CONTROLLER
bool nbond_netpoll_on(const struct nbond *bond);
int nbond_netpoll_setup(struct net_device *dev, struct netpoll_info *npinfo);
void nbond_netpoll_cleanup(struct net_device *dev);
void nbond_poll_controller(struct net_device *dev);
int nbond_netpoll_port_add(struct nbond_port *port);
void nbond_netpoll_port_del(struct nbond_port *port);
bool nbond_netpoll_xmit(struct nbond_port *port, struct sk_buff *skb);
#else
static inline bool nbond_netpoll_on(const struct nbond *bond)
{
	return false;
}

static inline int nbond_netpoll_port_add(struct nbond_port *port)
{
	return 0;
}

static inline void nbond_netpoll_port_del(struct nbond_port *port)
{
}

static inline bool nbond_netpoll_xmit(struct nbond_port *port,
				      struct sk_buff *skb)
{
	dev_kfree_skb_any(skb);
	return false;
}
#endif

/* mode.c */
const struct nbond_mode_ops *nbond_mode_get(u32 mode);
void nbond_mode_switch(struct nbond *bond, const struct nbond_mode_ops *ops);
void nbond_mode_free(struct nbond *bond);
void nbond_refresh(struct nbond *bond, enum nbond_cause cause);
void nbond_set_active(struct nbond *bond, struct nbond_port *port);
bool nbond_port_usable(const struct nbond_port *port);
void nbond_port_came_up(struct nbond_port *port);
void nbond_usable_free(struct nbond *bond);
int nbond_port_set_mac(struct nbond_port *port, const u8 *addr);
netdev_tx_t nbond_drop(struct nbond *bond, struct sk_buff *skb);

/*
 * Queue @skb on @port; true if the port took it. Inline, as
 * nbond_xmit_to(), into each mode's transmit: every call and return on
 * the transmit path costs a frame's worth of instructions.
 */
static __always_inline bool nbond_xmit_port(struct nbond_port *port,
					    struct sk_buff *skb)
{
	int rc;

	skb->dev = port->dev;
	if (unlikely(netpoll_tx_running(port->bond->dev)))
		return nbond_netpoll_xmit(port, skb);
	skb_set_queue_mapping(skb, qdisc_skb_cb(skb)->slave_dev_queue_mapping);
	/* net_xmit_eval() is a macro that reads its argument twice. */
	rc = dev_queue_xmit(skb);
	return net_xmit_eval(rc) == 0;
}

/* @skb out of @port, counted as the bond's. */
static __always_inline netdev_tx_t nbond_xmit_to(struct nbond *bond,
						 struct nbond_port *port,
						 struct sk_buff *skb)
{
	unsigned int len = skb->len;

	if (nbond_xmit_port(port, skb))
		dev_sw_netstats_tx_add(bond->dev, 1, len);
	else
		dev_core_stats_tx_dropped_inc(bond->dev);
	return NETDEV_TX_OK;
}

void nbond_sync_port_addrs(struct nbond *bond, struct nbond_port *port,
			   bool sync);
void nbond_sync_all_port_addrs(struct nbond *bond);
extern const struct nbond_mode_ops nbond_mode_rr;
extern const struct nbond_mode_ops nbond_mode_ab;
extern const struct nbond_mode_ops nbond_mode_xor;
extern const struct nbond_mode_ops nbond_mode_bcast;
extern const struct nbond_mode_ops nbond_mode_8023ad;
extern const struct nbond_mode_ops nbond_mode_tlb;
extern const struct nbond_mode_ops nbond_mode_alb;
netdev_tx_t nbond_xmit_hash(struct nbond *bond, struct sk_buff *skb,
			    struct nbond_port_array *ports);
bool nbond_hashes_always(const struct nbond *bond);
bool nbond_rx_accept_all(const struct nbond *bond,
			 const struct nbond_port *port,
			 const struct sk_buff *skb);
bool nbond_rx_accept_active(const struct nbond *bond,
			    const struct nbond_port *port,
			    const struct sk_buff *skb);
u8 nbond_role_active(const struct nbond_port *port);
u8 nbond_port_state(const struct nbond_port *port);

/* mode_8023ad.c */
extern const u8 nbond_slow_proto_addr[ETH_ALEN];
int nbond_lacp_port_add(struct nbond_port *port);
void nbond_lacp_port_del(struct nbond_port *port);
void nbond_lacp_init(struct nbond *bond);
void nbond_lacp_uninit(struct nbond *bond);
void nbond_lacp_agent_gone(struct nbond *bond);
void nbond_lacp_kick(struct nbond *bond);
bool nbond_lacp_apply_pending(struct nbond *bond);
const struct nbond_port *nbond_lacp_active_agg(const struct nbond *bond);
unsigned int nbond_lacp_agg_ports(const struct nbond_port *port);
size_t nbond_lacp_xstats_size(const struct net_device *dev, int attr);
int nbond_lacp_xstats_fill(struct sk_buff *skb, const struct net_device *dev,
			   int *prividx, int attr);

/* flow.c */
u32 nbond_skb_hash(const struct sk_buff *skb, u32 policy);
struct flow_keys;
void nbond_flow_from_keys(const struct flow_keys *keys, struct nbond_flow *f);

/*
 * Is a BPF flow dissector attached to the initial namespace or to @net
 * (may be NULL)? It has the first say in the kernel's flow dissector, so
 * the transmit hash leaves the frames to it then (flow.c, xdp.c).
 */
static inline bool nbond_bpf_flow_dissector(const struct net *net)
{
#ifdef CONFIG_BPF_SYSCALL
	if (rcu_access_pointer(init_net.bpf.run_array[NETNS_BPF_FLOW_DISSECTOR]))
		return true;
	return net &&
	       rcu_access_pointer(net->bpf.run_array[NETNS_BPF_FLOW_DISSECTOR]);
#else
	return false;
#endif
}

/* xdp.c */
int nbond_xdp(struct net_device *dev, struct netdev_bpf *cmd);
int nbond_xdp_xmit(struct net_device *dev, int n, struct xdp_frame **frames,
		   u32 flags);
struct net_device *nbond_xdp_get_xmit_slave(struct net_device *dev,
					    struct xdp_buff *xdp);
u32 nbond_xdp_pick_hash(struct nbond *bond, const u8 *data, u32 len,
			bool whole, u32 count);
int nbond_xdp_port_check(struct nbond *bond, struct net_device *port_dev,
			 struct netlink_ext_ack *extack);
int nbond_xdp_port_add(struct nbond_port *port, struct netlink_ext_ack *extack);
void nbond_xdp_port_del(struct nbond_port *port);
int nbond_xdp_check_params(const struct nbond *bond,
			   const struct nbond_params *p,
			   struct netlink_ext_ack *extack);
void nbond_xdp_update_features(struct nbond *bond);
void nbond_xdp_uninit(struct nbond *bond);

/* monitor_mii.c */
void nbond_mii_start(struct nbond *bond);
void nbond_mii_stop(struct nbond *bond);
void nbond_mii_init(struct nbond *bond);
void nbond_link_event(struct nbond_port *port);
void nbond_link_resync(struct nbond *bond);
void nbond_link_set(struct nbond_port *port, u8 link,
		    enum nbond_cause cause);
bool nbond_port_carrier(const struct nbond_port *port);

/* monitor_arp.c */
void nbond_arp_init(struct nbond *bond);
void nbond_arp_start(struct nbond *bond);
void nbond_arp_stop(struct nbond *bond);
bool nbond_arp_enabled(const struct nbond *bond);
unsigned int nbond_arp_count(const struct nbond_params *p);
unsigned int nbond_ns_count(const struct nbond_params *p);
void nbond_arp_port_added(struct nbond_port *port);
void nbond_ns_maddrs_sync(struct nbond *bond);
void nbond_ns_maddrs_leave(struct nbond_port *port);
void nbond_arp_rx(struct nbond *bond, struct nbond_port *port,
		  const struct sk_buff *skb);

/* notify.c */
void nbond_notify_init(struct nbond *bond);
void nbond_notify_peers(struct nbond *bond);
void nbond_notify_stop(struct nbond *bond);

/* genl.c */
int nbond_genl_init(void);
void nbond_genl_exit(void);
void nbond_event_bond(struct nbond *bond, enum nbond_event event);
void nbond_event_port(struct nbond_port *port, enum nbond_event event,
		      enum nbond_cause cause);
void nbond_event_active(struct nbond *bond, struct nbond_port *old,
			struct nbond_port *new, enum nbond_cause cause);
void nbond_event_carrier(struct nbond *bond, bool carrier);
void nbond_event_port_changed(struct nbond_port *port);

/* options.c */
void nbond_params_init(struct nbond_params *p);

/* params.c */
extern struct nbond_params nbond_default_params;
extern unsigned int nbond_tx_queues;
int nbond_params_load(void);
int nbond_params_make_bonds(void);
int nbond_opts_set_nl(struct nbond *bond, struct nlattr *data[],
		      struct netlink_ext_ack *extack);
int nbond_port_opts_set_nl(struct nbond_port *port, struct nlattr *data[],
			   struct netlink_ext_ack *extack);
const char *nbond_opt_value_name(const char *opt, u32 value);

/* netlink.c */
extern const struct nla_policy nbond_nl_policy[];
extern const struct nla_policy nbond_port_nl_policy[];
size_t nbond_nl_size(const struct net_device *dev);
int nbond_nl_fill(struct sk_buff *skb, const struct net_device *dev);
size_t nbond_port_nl_size(const struct net_device *bond_dev,
			  const struct net_device *port_dev);
int nbond_port_nl_fill(struct sk_buff *skb, const struct net_device *bond_dev,
		       const struct net_device *port_dev);

/* sysfs.c: bonding.ko's files, under kind=bond */
int nbond_sysfs_init(void);
void nbond_sysfs_exit(void);
void nbond_sysfs_setup(struct net_device *dev);
int nbond_sysfs_port_add(struct nbond_port *port);
void nbond_sysfs_port_del(struct nbond_port *port);

/*
 * LACP system ids and keys: nbond's own interfaces (the nbond family,
 * /proc/net/nbond) show them to CAP_NET_ADMIN over the bond's namespace,
 * so that an agent in a container works; bonding.ko's (rtnetlink,
 * sysfs, /proc/net/bonding) to CAP_NET_ADMIN over the host, as bonding.ko.
 */

/* procfs_bonding.c */
extern const char *const nbond_bonding_link_names[];
bool nbond_bonding_may_see_ids(struct seq_file *seq);
int nbond_proc_bonding_show(struct seq_file *seq, void *v);

/* procfs.c */
void nbond_proc_show_targets(struct seq_file *seq,
			     const struct nbond_params *p,
			     const char *arp_label, const char *ns_label);
int nbond_procfs_init(void);
void nbond_procfs_exit(void);
void nbond_proc_add(struct nbond *bond);
void nbond_proc_del(struct nbond *bond);
void nbond_proc_rename(struct nbond *bond);

#endif /* _NBOND_H */
