/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nbond: balance-tlb's state, which balance-alb's begins with. The bond's
 * mode_priv points at a struct nbond_tlb in balance-tlb, and at a struct
 * nbond_alb, whose first member is one, in balance-alb: balance-tlb's code
 * serves both modes and finds its state there either way.
 */
#ifndef NBOND_MODE_TLB_H
#define NBOND_MODE_TLB_H

#include "nbond.h"

#define NBOND_TLB_BUCKETS	256
/* The per-CPU counter of what the active port sends outside buckets. */
#define NBOND_TLB_OTHER		NBOND_TLB_BUCKETS
#define NBOND_TLB_COUNTERS	(NBOND_TLB_BUCKETS + 1)

struct nbond_tlb_map;
struct nbond_tlb_bytes;

struct nbond_tlb {
	struct nbond *bond;
	struct nbond_tlb_map __rcu *map;
	struct nbond_tlb_bytes __percpu *bytes;
	/* RTNL: totals at the last measurement, and what the period added. */
	unsigned long seen[NBOND_TLB_COUNTERS];
	unsigned long period[NBOND_TLB_COUNTERS];
	struct delayed_work work;
	unsigned long learnt;		/* jiffies of the last learning round */
	unsigned long balanced;		/* jiffies of the last measurement */
	/* RTNL: the active port and bond address the last round announced. */
	int announced_ifindex;
	u8 announced_addr[ETH_ALEN];
};

/* balance-tlb's state at bond->mode_priv (RCU, BH off: the data path). */
static inline struct nbond_tlb *nbond_tlb_rcu_bh(struct nbond *bond)
{
	return rcu_dereference_bh(bond->mode_priv);
}

static inline struct nbond_tlb *nbond_tlb_rcu(struct nbond *bond)
{
	return rcu_dereference(bond->mode_priv);
}

static inline struct nbond_tlb *nbond_tlb_rtnl(struct nbond *bond)
{
	return rtnl_dereference(bond->mode_priv);
}

int nbond_tlb_state_init(struct nbond_tlb *tlb, struct nbond *bond);
void nbond_tlb_state_destroy(struct nbond_tlb *tlb);
netdev_tx_t nbond_tlb_xmit(struct nbond *bond, struct sk_buff *skb,
			   struct nbond_port_array *ports);
netdev_tx_t nbond_tlb_xmit_to(struct nbond *bond, struct nbond_port *port,
			      struct sk_buff *skb);
bool nbond_tlb_hashes(const struct nbond *bond);
void nbond_tlb_start(struct nbond *bond, struct nbond_tlb *tlb);
void nbond_tlb_stop(struct nbond *bond);
void nbond_tlb_update(struct nbond *bond, struct nbond_tlb *tlb);
void nbond_tlb_show(struct seq_file *seq, struct nbond *bond);
void nbond_tlb_show_port(struct seq_file *seq, struct nbond_port *port);

#endif /* NBOND_MODE_TLB_H */
