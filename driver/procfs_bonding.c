// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: /proc/net/bonding/<bond> under kind=bond, in bonding.ko's format
 * line for line, for the monitoring agents and scripts that parse it
 * (Telegraf, Checkmk, check_linux_bonding...). The mode adds its part
 * (802.3ad) through its bonding_show ops. /proc/net/nbond/<bond> stays
 * the place of nbond's own format.
 */
#include <linux/capability.h>
#include <linux/seq_file.h>
#include <generated/utsrelease.h>

#include "nbond.h"

const char *const nbond_bonding_link_names[] = {
	[NBOND_LINK_UP] = "up",
	[NBOND_LINK_FAIL] = "going down",
	[NBOND_LINK_DOWN] = "down",
	[NBOND_LINK_BACK] = "going back",
};

/* The reader (who opened the file) has CAP_NET_ADMIN, as bonding.ko asks. */
bool nbond_bonding_may_see_ids(struct seq_file *seq)
{
	return file_ns_capable(seq->file, &init_user_ns, CAP_NET_ADMIN);
}

/* A delay as bonding keeps it: whole MII intervals, none without MII. */
static u32 nbond_bonding_delay(const struct nbond_params *p, u32 ms)
{
	return p->miimon ? ms - ms % p->miimon : 0;
}

static void nbond_bonding_show_targets(struct seq_file *seq,
				       const struct nbond_params *p)
{
	seq_printf(seq, "ARP Polling Interval (ms): %u\n", p->arp_interval);
	seq_printf(seq, "ARP Missed Max: %u\n", p->arp_missed_max);
	nbond_proc_show_targets(seq, p, "ARP IP target/s (n.n.n.n form)",
				"NS IPv6 target/s (xx::xx form)");
}

static void nbond_bonding_show_bond(struct seq_file *seq, struct nbond *bond,
				    const struct nbond_mode_ops *mode)
{
	const struct nbond_params *p = &bond->params;
	struct nbond_port *active, *primary;

	seq_printf(seq, "Bonding Mode: %s", mode->bonding_name);
	if (mode->bonding_shows_fom && p->fail_over_mac)
		seq_printf(seq, " (fail_over_mac %s)",
			   nbond_opt_value_name("fail_over_mac",
						p->fail_over_mac));
	seq_putc(seq, '\n');
	if (mode->hashes && mode->hashes(bond))
		seq_printf(seq, "Transmit Hash Policy: %s (%u)\n",
			   nbond_opt_value_name("xmit_hash_policy",
						p->xmit_policy),
			   p->xmit_policy);
	if (mode->has_active) {
		primary = nbond_port_by_name(bond, p->primary);
		active = rcu_dereference(bond->active);
		seq_printf(seq, "Primary Slave: %s",
			   primary ? primary->dev->name : "None");
		if (primary)
			seq_printf(seq, " (primary_reselect %s)",
				   nbond_opt_value_name("primary_reselect",
							p->primary_reselect));
		seq_printf(seq, "\nCurrently Active Slave: %s\n",
			   active ? active->dev->name : "None");
	}
	seq_printf(seq, "MII Status: %s\n",
		   netif_carrier_ok(bond->dev) ? "up" : "down");
	seq_printf(seq, "MII Polling Interval (ms): %u\n", p->miimon);
	seq_printf(seq, "Up Delay (ms): %u\n",
		   nbond_bonding_delay(p, p->updelay));
	seq_printf(seq, "Down Delay (ms): %u\n",
		   nbond_bonding_delay(p, p->downdelay));
	seq_printf(seq, "Peer Notification Delay (ms): %u\n",
		   nbond_bonding_delay(p, p->peer_notif_delay));
	if (p->arp_interval)
		nbond_bonding_show_targets(seq, p);
	if (mode->bonding_show)
		mode->bonding_show(seq, bond);
}

static void nbond_bonding_show_port(struct seq_file *seq,
				    const struct nbond_mode_ops *mode,
				    struct nbond_port *port)
{
	u8 link = READ_ONCE(port->link);

	seq_printf(seq, "\nSlave Interface: %s\n", port->dev->name);
	seq_printf(seq, "MII Status: %s\n", nbond_bonding_link_names[link]);
	if (port->speed == SPEED_UNKNOWN)
		seq_puts(seq, "Speed: Unknown\n");
	else
		seq_printf(seq, "Speed: %u Mbps\n", port->speed);
	if (port->duplex == DUPLEX_UNKNOWN)
		seq_puts(seq, "Duplex: Unknown\n");
	else
		seq_printf(seq, "Duplex: %s\n",
			   port->duplex == DUPLEX_FULL ? "full" : "half");
	seq_printf(seq, "Link Failure Count: %u\n",
		   READ_ONCE(port->link_failure_count));
	seq_printf(seq, "Permanent HW addr: %*phC\n", port->dev->addr_len,
		   port->perm_addr);
	seq_printf(seq, "Slave queue ID: %u\n", READ_ONCE(port->queue_id));
	if (mode->bonding_show_port)
		mode->bonding_show_port(seq, port);
}

int nbond_proc_bonding_show(struct seq_file *seq, void *v)
{
	struct nbond *bond = seq->private;
	const struct nbond_mode_ops *mode;
	struct nbond_port *port;

	rcu_read_lock();
	/*
	 * One mode for the whole show, with its state or none (pairs with
	 * the release in nbond_mode_switch()).
	 */
	mode = smp_load_acquire(&bond->mode);
	seq_puts(seq, "Ethernet Channel Bonding Driver: v" UTS_RELEASE "\n\n");
	nbond_bonding_show_bond(seq, bond, mode);
	list_for_each_entry_rcu(port, &bond->ports, list)
		nbond_bonding_show_port(seq, mode, port);
	rcu_read_unlock();
	return 0;
}
