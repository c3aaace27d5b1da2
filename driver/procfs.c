// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: /proc/net/nbond/<bond>, one "key: value" status file per bond in
 * each network namespace. The format is described in docs/nbond.4.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "nbond.h"

struct nbond_net {
	struct proc_dir_entry *dir;
	struct proc_dir_entry *bonding_dir;	/* kind=bond */
};

static unsigned int nbond_net_id;

static const char *const nbond_link_names[] = {
	[NBOND_LINK_UP] = "up",
	[NBOND_LINK_FAIL] = "going down",
	[NBOND_LINK_DOWN] = "down",
	[NBOND_LINK_BACK] = "going up",
};

static const char *nbond_duplex_name(u8 duplex)
{
	switch (duplex) {
	case DUPLEX_FULL:
		return "full";
	case DUPLEX_HALF:
		return "half";
	default:
		return "unknown";
	}
}

static const char *const nbond_selected_names[] = {
	[NBOND_LACP_UNSELECTED] = "unselected",
	[NBOND_LACP_SELECTED] = "selected",
	[NBOND_LACP_STANDBY] = "standby",
};

/*
 * System ids only to a reader with CAP_NET_ADMIN over the bond's namespace
 * (nbond.h): an unprivileged user learns neither the switch's identity nor
 * the one the bond negotiates with.
 */
static bool nbond_proc_may_see_ids(struct seq_file *seq,
				   const struct nbond *bond)
{
	return file_ns_capable(seq->file, dev_net(bond->dev)->user_ns,
			       CAP_NET_ADMIN);
}

static void nbond_show_lacp_info(struct seq_file *seq, const char *who,
				 const struct nbond_lacp_info *li, bool ids)
{
	if (ids)
		seq_printf(seq, "%s system: %u,%pM\n", who,
			   READ_ONCE(li->system_prio), li->system);
	seq_printf(seq, "%s key: %u\n", who, READ_ONCE(li->key));
	seq_printf(seq, "%s port: %u,%u\n", who, READ_ONCE(li->port_prio),
		   READ_ONCE(li->port));
	seq_printf(seq, "%s state: 0x%02x\n", who, READ_ONCE(li->state));
}

/* 802.3ad: the port's LACP priority, and what the agent set for it. */
static void nbond_show_port_lacp(struct seq_file *seq,
				 const struct nbond_port *port)
{
	const struct nbond_lacp_port *lp = &port->lacp;
	bool ids = nbond_proc_may_see_ids(seq, port->bond);

	seq_printf(seq, "actor port prio: %u\n", port->ad_port_prio);
	seq_printf(seq, "aggregator id: %u\n", lp->aggregator);
	seq_printf(seq, "selection: %s\n",
		   lp->selected < ARRAY_SIZE(nbond_selected_names) ?
		   nbond_selected_names[lp->selected] : "?");
	seq_printf(seq, "collecting: %s\n", lp->collecting ? "yes" : "no");
	seq_printf(seq, "distributing: %s\n",
		   lp->distributing ? "yes" : "no");
	nbond_show_lacp_info(seq, "actor", &lp->actor, ids);
	nbond_show_lacp_info(seq, "partner", &lp->partner, ids);
}

/*
 * The target lists, each on a line after its label: "label: a, b". Both
 * /proc formats (nbond's and bonding.ko's) write them so.
 */
void nbond_proc_show_targets(struct seq_file *seq,
			     const struct nbond_params *p,
			     const char *arp_label, const char *ns_label)
{
	unsigned int i, n4 = nbond_arp_count(p), n6 = nbond_ns_count(p);

	seq_printf(seq, "%s:", arp_label);
	for (i = 0; i < n4; i++)
		seq_printf(seq, "%s %pI4", i ? "," : "", &p->arp_targets[i]);
	seq_printf(seq, "\n%s:", ns_label);
	for (i = 0; i < n6; i++)
		seq_printf(seq, "%s %pI6c", i ? "," : "", &p->ns_targets[i]);
	seq_putc(seq, '\n');
}

/* The ARP/NS monitor's options, as "arp ip target: a, b". */
static void nbond_show_arp(struct seq_file *seq, const struct nbond_params *p)
{
	seq_printf(seq, "arp interval: %u ms\n", p->arp_interval);
	seq_printf(seq, "arp validate: %s\n",
		   nbond_opt_value_name("arp_validate", p->arp_validate));
	seq_printf(seq, "arp all targets: %s\n",
		   nbond_opt_value_name("arp_all_targets",
					p->arp_all_targets));
	seq_printf(seq, "arp missed max: %u\n", p->arp_missed_max);
	nbond_proc_show_targets(seq, p, "arp ip target", "ns ip6 target");
}

static void nbond_show_port(struct seq_file *seq,
			    const struct nbond_mode_ops *mode,
			    struct nbond_port *port)
{
	seq_printf(seq, "\nport: %s\n", port->dev->name);
	seq_printf(seq, "mii status: %s\n", nbond_link_names[port->link]);
	seq_printf(seq, "state: %s\n",
		   port->role == NBOND_ROLE_ACTIVE ? "active" : "backup");
	seq_printf(seq, "admin: %s\n", port->admin_down ? "down" : "up");
	if (port->speed == SPEED_UNKNOWN)
		seq_puts(seq, "speed: unknown\n");
	else
		seq_printf(seq, "speed: %u Mb/s\n", port->speed);
	seq_printf(seq, "duplex: %s\n", nbond_duplex_name(port->duplex));
	seq_printf(seq, "link failure count: %u\n",
		   READ_ONCE(port->link_failure_count));
	seq_printf(seq, "permanent address: %pM\n", port->perm_addr);
	seq_printf(seq, "queue id: %u\n", READ_ONCE(port->queue_id));
	seq_printf(seq, "prio: %d\n", port->prio);
	if (mode->ad_info)
		nbond_show_port_lacp(seq, port);
	if (mode->show_port)
		mode->show_port(seq, port);
}

static int nbond_proc_show(struct seq_file *seq, void *v)
{
	struct nbond *bond = seq->private;
	const struct nbond_params *p = &bond->params;
	const struct nbond_mode_ops *mode;
	struct nbond_port *port;

	rcu_read_lock();
	/*
	 * One mode for the whole show, with its state or none (pairs with
	 * the release in nbond_mode_switch()).
	 */
	mode = smp_load_acquire(&bond->mode);
	seq_printf(seq, "mode: %s\n", mode->name);
	seq_printf(seq, "xmit hash policy: %s\n",
		   nbond_opt_value_name("xmit_hash_policy", p->xmit_policy));
	if (mode->has_active) {
		port = rcu_dereference(bond->active);
		seq_printf(seq, "primary: %s\n",
			   p->primary[0] ? p->primary : "none");
		seq_printf(seq, "primary reselect: %s\n",
			   nbond_opt_value_name("primary_reselect",
						p->primary_reselect));
		seq_printf(seq, "fail over mac: %s\n",
			   nbond_opt_value_name("fail_over_mac",
						p->fail_over_mac));
		seq_printf(seq, "active port: %s\n",
			   port ? port->dev->name : "none");
	}
	seq_printf(seq, "mii status: %s\n",
		   netif_carrier_ok(bond->dev) ? "up" : "down");
	seq_printf(seq, "miimon: %u ms\n", p->miimon);
	seq_printf(seq, "updelay: %u ms\n", p->updelay);
	seq_printf(seq, "downdelay: %u ms\n", p->downdelay);
	seq_printf(seq, "use carrier: %u\n", p->use_carrier);
	if (p->arp_interval)
		nbond_show_arp(seq, p);
	if (mode->ad_info) {
		seq_printf(seq, "lacp rate: %s\n",
			   nbond_opt_value_name("lacp_rate", p->lacp_rate));
		seq_printf(seq, "lacp fallback: %s\n",
			   nbond_opt_value_name("lacp_fallback",
						p->lacp_fallback));
		seq_printf(seq, "min links: %u\n", p->min_links);
		if (READ_ONCE(bond->lacp_agent))
			seq_printf(seq, "lacp agent: netlink port %u\n",
				   READ_ONCE(bond->lacp_agent));
		else
			seq_puts(seq, "lacp agent: none\n");
	}
	if (mode->show)
		mode->show(seq, bond);
	seq_printf(seq, "ports: %u\n", READ_ONCE(bond->port_count));
	list_for_each_entry_rcu(port, &bond->ports, list)
		nbond_show_port(seq, mode, port);
	rcu_read_unlock();
	return 0;
}

static struct nbond_net *nbond_net_of(const struct nbond *bond)
{
	return net_generic(dev_net(bond->dev), nbond_net_id);
}

/*
 * /proc/net/nbond/<bond>, and under kind=bond /proc/net/bonding/<bond>.
 * A bond works without them: a failure is only logged.
 */
void nbond_proc_add(struct nbond *bond)
{
	struct nbond_net *nn = nbond_net_of(bond);
	const char *name = bond->dev->name;

	if (nn->dir) {
		bond->proc = proc_create_single_data(name, 0444, nn->dir,
						     nbond_proc_show, bond);
		if (!bond->proc)
			netdev_warn(bond->dev, "cannot create /proc/net/nbond/%s\n",
				    name);
	}
	/*
	 * /proc/net/bonding is made with the namespace's first bond, not at
	 * load: a bond exists only once the kind is ours, and loading next to
	 * bonding.ko (refused) must not clash with its directory. RTNL.
	 */
	if (nbond_kind_bond && !nn->bonding_dir)
		nn->bonding_dir = proc_mkdir("bonding",
					     dev_net(bond->dev)->proc_net);
	if (nn->bonding_dir) {
		bond->proc_bonding =
			proc_create_single_data(name, 0444, nn->bonding_dir,
						nbond_proc_bonding_show, bond);
		if (!bond->proc_bonding)
			netdev_warn(bond->dev, "cannot create /proc/net/bonding/%s\n",
				    name);
	}
}

void nbond_proc_del(struct nbond *bond)
{
	proc_remove(bond->proc);
	bond->proc = NULL;
	proc_remove(bond->proc_bonding);
	bond->proc_bonding = NULL;
}

void nbond_proc_rename(struct nbond *bond)
{
	nbond_proc_del(bond);
	nbond_proc_add(bond);
}

static int __net_init nbond_net_init(struct net *net)
{
	struct nbond_net *nn = net_generic(net, nbond_net_id);

	nn->dir = proc_mkdir(NBOND_DRV_NAME, net->proc_net);
	return 0;
}

static void __net_exit nbond_net_exit(struct net *net)
{
	struct nbond_net *nn = net_generic(net, nbond_net_id);

	if (nn->dir)
		remove_proc_entry(NBOND_DRV_NAME, net->proc_net);
	if (nn->bonding_dir)
		remove_proc_entry("bonding", net->proc_net);
}

static struct pernet_operations nbond_net_ops = {
	.init	= nbond_net_init,
	.exit	= nbond_net_exit,
	.id	= &nbond_net_id,
	.size	= sizeof(struct nbond_net),
};

int nbond_procfs_init(void)
{
	return register_pernet_subsys(&nbond_net_ops);
}

void nbond_procfs_exit(void)
{
	unregister_pernet_subsys(&nbond_net_ops);
}
