// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: bonding.ko's module parameters, the defaults of every new bond
 * (an "options bonding mode=802.3ad miimon=100" line in /etc/modprobe.d
 * reaches nbond through system/nbond-modprobe.conf), and max_bonds, the
 * bonds made at load. Values are read as the bonding/ files read them,
 * through the options table; an invalid one fails the load, as with
 * bonding.ko, and one the mode does not use is ignored with a warning.
 */
#include <linux/inet.h>
#include <linux/module.h>

#include "nbond.h"
#include "options.h"

static char *mode;
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "mode of new bonds (name or number)");

static char *miimon;
module_param(miimon, charp, 0444);
MODULE_PARM_DESC(miimon, "MII monitoring interval of new bonds (ms)");

static char *updelay;
module_param(updelay, charp, 0444);
MODULE_PARM_DESC(updelay, "updelay of new bonds (ms)");

static char *downdelay;
module_param(downdelay, charp, 0444);
MODULE_PARM_DESC(downdelay, "downdelay of new bonds (ms)");

static char *use_carrier;
module_param(use_carrier, charp, 0444);
MODULE_PARM_DESC(use_carrier, "use_carrier of new bonds (0 or 1)");

static char *primary;
module_param(primary, charp, 0444);
MODULE_PARM_DESC(primary, "primary port (name) of new bonds");

static char *primary_reselect;
module_param(primary_reselect, charp, 0444);
MODULE_PARM_DESC(primary_reselect, "primary_reselect of new bonds");

static char *lacp_rate;
module_param(lacp_rate, charp, 0444);
MODULE_PARM_DESC(lacp_rate, "lacp_rate of new 802.3ad bonds");

static char *ad_select;
module_param(ad_select, charp, 0444);
MODULE_PARM_DESC(ad_select, "ad_select of new bonds");

static char *min_links;
module_param(min_links, charp, 0444);
MODULE_PARM_DESC(min_links, "min_links of new bonds");

static char *xmit_hash_policy;
module_param(xmit_hash_policy, charp, 0444);
MODULE_PARM_DESC(xmit_hash_policy, "xmit_hash_policy of new bonds");

static char *arp_interval;
module_param(arp_interval, charp, 0444);
MODULE_PARM_DESC(arp_interval, "ARP monitoring interval of new bonds (ms)");

static char *arp_validate;
module_param(arp_validate, charp, 0444);
MODULE_PARM_DESC(arp_validate, "arp_validate of new bonds");

static char *arp_all_targets;
module_param(arp_all_targets, charp, 0444);
MODULE_PARM_DESC(arp_all_targets, "arp_all_targets of new bonds");

static char *fail_over_mac;
module_param(fail_over_mac, charp, 0444);
MODULE_PARM_DESC(fail_over_mac, "fail_over_mac of new bonds");

static char *all_slaves_active;
module_param(all_slaves_active, charp, 0444);
MODULE_PARM_DESC(all_slaves_active, "all_slaves_active of new bonds");

static char *resend_igmp;
module_param(resend_igmp, charp, 0444);
MODULE_PARM_DESC(resend_igmp, "resend_igmp of new bonds");

static char *packets_per_slave;
module_param(packets_per_slave, charp, 0444);
MODULE_PARM_DESC(packets_per_slave, "packets_per_slave of new bonds");

static char *lp_interval;
module_param(lp_interval, charp, 0444);
MODULE_PARM_DESC(lp_interval, "lp_interval of new bonds (s)");

static char *num_grat_arp;
module_param(num_grat_arp, charp, 0444);
MODULE_PARM_DESC(num_grat_arp, "peer notifications of new bonds");

static char *num_unsol_na;
module_param(num_unsol_na, charp, 0444);
MODULE_PARM_DESC(num_unsol_na, "the same as num_grat_arp");

static char *arp_ip_target[NBOND_MAX_TARGETS];
static int arp_ip_targets;
module_param_array(arp_ip_target, charp, &arp_ip_targets, 0444);
MODULE_PARM_DESC(arp_ip_target, "ARP targets of new bonds (a.b.c.d,...)");

static int tx_queues = NBOND_TX_QUEUES;
module_param(tx_queues, int, 0444);
MODULE_PARM_DESC(tx_queues, "transmit queues of new bonds (1-255, default 16)");

static int max_bonds;
module_param(max_bonds, int, 0444);
MODULE_PARM_DESC(max_bonds, "bonds to make at load, bond0... (default 0)");

/* The parameters of the options table, mode first: it decides the rest. */
static const struct {
	const char *opt;
	char **value;
} nbond_mod_params[] = {
	{ "mode", &mode },
	{ "miimon", &miimon },
	{ "updelay", &updelay },
	{ "downdelay", &downdelay },
	{ "use_carrier", &use_carrier },
	{ "primary_reselect", &primary_reselect },
	{ "lacp_rate", &lacp_rate },
	{ "ad_select", &ad_select },
	{ "min_links", &min_links },
	{ "xmit_hash_policy", &xmit_hash_policy },
	{ "arp_interval", &arp_interval },
	{ "arp_validate", &arp_validate },
	{ "arp_all_targets", &arp_all_targets },
	{ "fail_over_mac", &fail_over_mac },
	{ "all_slaves_active", &all_slaves_active },
	{ "resend_igmp", &resend_igmp },
	{ "packets_per_slave", &packets_per_slave },
	{ "lp_interval", &lp_interval },
	{ "num_grat_arp", &num_grat_arp },
	{ "num_grat_arp", &num_unsol_na },
};

struct nbond_params nbond_default_params;
unsigned int nbond_tx_queues __read_mostly = NBOND_TX_QUEUES;

/* One plain option's value from its text, checked as the table says. */
static int __init nbond_param_set(struct nbond_params *p, const char *name,
				  const char *text)
{
	const struct nbond_opt *o = nbond_opt_find(name);
	u32 val;
	int err;

	if (WARN_ON(!o))
		return -EINVAL;
	if (o->values)
		err = nbond_value_parse(o->values, text, &val);
	else
		err = nbond_parse_u32(text, o->min, o->max, &val);
	if (err) {
		pr_err("nbond: invalid value for parameter %s: %s\n", name,
		       text);
		return -EINVAL;
	}
	if (!(o->modes & BIT(p->mode))) {
		pr_warn("nbond: parameter %s %s: ignored\n", name, o->bad_mode);
		return 0;
	}
	nbond_opt_put(p, o, val);
	return 0;
}

static int __init nbond_param_targets(struct nbond_params *p)
{
	unsigned int i, j;
	__be32 addr;

	for (i = 0; i < arp_ip_targets; i++) {
		if (!in4_pton(arp_ip_target[i], -1, (u8 *)&addr, -1, NULL) ||
		    ipv4_is_multicast(addr) || ipv4_is_lbcast(addr) ||
		    ipv4_is_zeronet(addr)) {
			pr_err("nbond: invalid arp_ip_target %s\n",
			       arp_ip_target[i]);
			return -EINVAL;
		}
		for (j = 0; j < i; j++)
			if (p->arp_targets[j] == addr) {
				pr_err("nbond: arp_ip_target %pI4 given twice\n",
				       &addr);
				return -EINVAL;
			}
		p->arp_targets[i] = addr;
	}
	return 0;
}

/* Rules between the parameters, as bonding.ko applies them at load. */
static void __init nbond_params_settle(struct nbond_params *p)
{
	const struct nbond_opt *arp = nbond_opt_find("arp_interval");

	/* A mode without ARP monitoring needs MII monitoring. */
	if (!(arp->modes & BIT(p->mode)) && !p->miimon) {
		pr_info("nbond: mode %s monitors MII: miimon 100\n",
			nbond_opt_value_name("mode", p->mode));
		p->miimon = 100;
	}
	if (p->miimon && p->arp_interval) {
		pr_warn("nbond: miimon and arp_interval both given: MII monitoring only\n");
		p->arp_interval = 0;
	}
	if (!p->miimon && (p->updelay || p->downdelay)) {
		pr_warn("nbond: updelay and downdelay need miimon: ignored\n");
		p->updelay = 0;
		p->downdelay = 0;
	}
	/* Whole MII intervals, as netlink keeps them. */
	if (p->miimon) {
		p->updelay -= p->updelay % p->miimon;
		p->downdelay -= p->downdelay % p->miimon;
	}
}

/* The defaults of new bonds, from the parameters. Before any bond. */
int __init nbond_params_load(void)
{
	struct nbond_params *p = &nbond_default_params;
	unsigned int i;
	int err;

	nbond_params_init(p);
	for (i = 0; i < ARRAY_SIZE(nbond_mod_params); i++) {
		if (!*nbond_mod_params[i].value)
			continue;
		err = nbond_param_set(p, nbond_mod_params[i].opt,
				      *nbond_mod_params[i].value);
		if (err)
			return err;
	}
	if (primary && !dev_valid_name(primary)) {
		pr_err("nbond: invalid primary %s\n", primary);
		return -EINVAL;
	}
	if (primary && !(nbond_opt_find("primary")->modes & BIT(p->mode)))
		pr_warn("nbond: parameter primary %s: ignored\n",
			nbond_opt_find("primary")->bad_mode);
	else if (primary)
		strscpy(p->primary, primary, sizeof(p->primary));
	err = nbond_param_targets(p);
	if (err)
		return err;
	nbond_params_settle(p);
	if (max_bonds < 0 || max_bonds > 1024) {
		pr_err("nbond: max_bonds %d is out of range (0-1024)\n",
		       max_bonds);
		return -EINVAL;
	}
	/* As bonding.ko: a bad tx_queues is replaced, not fatal. */
	if (tx_queues < 1 || tx_queues > 255)
		pr_warn("nbond: tx_queues %d is out of range (1-255), using %u\n",
			tx_queues, NBOND_TX_QUEUES);
	else
		nbond_tx_queues = tx_queues;
	return 0;
}

/* max_bonds bonds in the initial namespace, as bonding.ko makes them. */
int __init nbond_params_make_bonds(void)
{
	int i, err;

	for (i = 0; i < max_bonds; i++) {
		err = nbond_create(&init_net, "bond%d");
		if (err) {
			pr_err("nbond: cannot make bond %d of max_bonds (%d)\n",
			       i, err);
			return err;
		}
	}
	return 0;
}
