// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: bonding.ko's sysfs files, under kind=bond. bonding_masters in
 * /sys/class/net of each network namespace, the bonding/ directory of
 * each bond and the bonding_slave/ directory of each port, with bonding's
 * names, formats, permissions and write syntax, so that ifenslave,
 * NetworkManager and monitoring agents work unchanged. Writes go through
 * the options table (options_text.c); the files are documented in
 * docs/nbond.4.
 *
 * Locking: a write takes RTNL with rtnl_trylock() and restarts the system
 * call when it cannot, because unregistering a device under RTNL waits for
 * the writers of its files. Reads take no lock: what they show is under
 * RCU or a single field.
 */
#include <linux/capability.h>
#include <linux/kobject.h>
#include <linux/sched/signal.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "nbond.h"
#include "options.h"

/* The show and store of a class attribute: const since 6.4 (6.12). */
#ifdef HAVE_CONST_CLASS_ATTR
#define NBOND_CLASS_CONST const
#else
#define NBOND_CLASS_CONST
#endif

static struct nbond *nbond_of(struct device *d)
{
	return netdev_priv(to_net_dev(d));
}

/* Writers need CAP_NET_ADMIN over the bond's namespace, as with ip. */
static bool nbond_sysfs_may_write(const struct net *net)
{
	return ns_capable(net->user_ns, CAP_NET_ADMIN);
}

/* The bonding/ file @attr sets this option (num_unsol_na: an alias). */
static const char *nbond_sysfs_opt(const struct device_attribute *attr)
{
	if (!strcmp(attr->attr.name, "num_unsol_na"))
		return "num_grat_arp";
	return attr->attr.name;
}

/*
 * A write to a bonding/ file, done by @set under RTNL. A change is
 * announced as a netlink change of the bond, and to the LACP agent.
 */
static ssize_t nbond_sysfs_write(struct device *d,
				 struct device_attribute *attr,
				 const char *buf, size_t count,
				 int (*set)(struct nbond *bond,
					    const char *opt, char *text))
{
	struct nbond *bond = nbond_of(d);
	char *text;
	int err;

	if (!nbond_sysfs_may_write(dev_net(bond->dev)))
		return -EPERM;
	text = kstrndup(buf, count, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	if (!rtnl_trylock()) {
		kfree(text);
		return restart_syscall();
	}
	err = set(bond, nbond_sysfs_opt(attr), text);
	if (!err) {
		call_netdevice_notifiers(NETDEV_CHANGEINFODATA, bond->dev);
		nbond_event_bond(bond, NBOND_EVENT_BOND_CHANGED);
	}
	rtnl_unlock();
	kfree(text);
	return err ? err : count;
}

/* ---- options of the table: one show and one store for all --------- */

static ssize_t nbond_opt_show(struct device *d, struct device_attribute *attr,
			      char *buf)
{
	return nbond_opt_show_text(nbond_of(d), nbond_sysfs_opt(attr), buf);
}

static ssize_t nbond_opt_store(struct device *d,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	return nbond_sysfs_write(d, attr, buf, count, nbond_opt_set_text);
}

#define NBOND_OPT_ATTR(_name) struct device_attribute dev_attr_##_name = \
	__ATTR(_name, 0644, nbond_opt_show, nbond_opt_store)

static NBOND_OPT_ATTR(mode);
static NBOND_OPT_ATTR(xmit_hash_policy);
static NBOND_OPT_ATTR(arp_validate);
static NBOND_OPT_ATTR(arp_all_targets);
static NBOND_OPT_ATTR(fail_over_mac);
static NBOND_OPT_ATTR(arp_interval);
static NBOND_OPT_ATTR(arp_missed_max);
static NBOND_OPT_ATTR(downdelay);
static NBOND_OPT_ATTR(updelay);
static NBOND_OPT_ATTR(peer_notif_delay);
static NBOND_OPT_ATTR(lacp_active);
static NBOND_OPT_ATTR(lacp_rate);
static NBOND_OPT_ATTR(lacp_fallback);
static NBOND_OPT_ATTR(min_links);
static NBOND_OPT_ATTR(ad_select);
static NBOND_OPT_ATTR(num_grat_arp);
static NBOND_OPT_ATTR(num_unsol_na);
static NBOND_OPT_ATTR(miimon);
static NBOND_OPT_ATTR(primary_reselect);
static NBOND_OPT_ATTR(use_carrier);
static NBOND_OPT_ATTR(all_slaves_active);
static NBOND_OPT_ATTR(resend_igmp);
static NBOND_OPT_ATTR(lp_interval);
static NBOND_OPT_ATTR(tlb_dynamic_lb);
static NBOND_OPT_ATTR(packets_per_slave);

/* ---- files with a format of their own ------------------------------ */

/*
 * Whether a list of names has no room for one more (and its ":queue"):
 * then it ends in "++more++", as bonding's lists do.
 */
static bool nbond_sysfs_list_full(char *buf, ssize_t *len)
{
	if (*len <= PAGE_SIZE - IFNAMSIZ - 16)
		return false;
	*len += sysfs_emit_at(buf, *len, "++more++ ");
	return true;
}

/* "eth0 eth1\n", or nothing: bonding's lists of names end that way. */
static ssize_t nbond_sysfs_end_list(char *buf, ssize_t len)
{
	if (len)
		buf[len - 1] = '\n';
	return len;
}

static ssize_t slaves_show(struct device *d, struct device_attribute *attr,
			   char *buf)
{
	struct nbond *bond = nbond_of(d);
	struct nbond_port *port;
	ssize_t len = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(port, &bond->ports, list) {
		if (nbond_sysfs_list_full(buf, &len))
			break;
		len += sysfs_emit_at(buf, len, "%s ", port->dev->name);
	}
	rcu_read_unlock();
	return nbond_sysfs_end_list(buf, len);
}

/* "+eth0" enslaves eth0, "-eth0" releases it. */
static int nbond_set_slaves(struct nbond *bond, const char *opt, char *text)
{
	struct netlink_ext_ack extack = {};
	char word[IFNAMSIZ + 1];
	struct net_device *dev;
	int err;

	if (nbond_parse_word(text, word, sizeof(word)) ||
	    (word[0] != '+' && word[0] != '-') || !word[1]) {
		netdev_err(bond->dev, "option slaves: invalid value (%s): +ifname adds a port, -ifname removes one\n",
			   strim(text));
		return -EPERM;
	}
	dev = __dev_get_by_name(dev_net(bond->dev), word + 1);
	if (!dev) {
		netdev_err(bond->dev, "option slaves: interface %s does not exist!\n",
			   word + 1);
		return -ENODEV;
	}
	if (word[0] == '+')
		err = nbond_port_add(bond, dev, &extack);
	else
		err = nbond_port_del(bond, dev, &extack);
	if (err && extack._msg)
		netdev_err(bond->dev, "option slaves: %s: %s\n", dev->name,
			   extack._msg);
	return err;
}

static ssize_t slaves_store(struct device *d, struct device_attribute *attr,
			    const char *buf, size_t count)
{
	return nbond_sysfs_write(d, attr, buf, count, nbond_set_slaves);
}
static DEVICE_ATTR_RW(slaves);

static ssize_t arp_ip_target_show(struct device *d,
				  struct device_attribute *attr, char *buf)
{
	const struct nbond_params *p = &nbond_of(d)->params;
	ssize_t len = 0;
	__be32 addr;
	int i;

	for (i = 0; i < NBOND_MAX_TARGETS; i++) {
		addr = READ_ONCE(p->arp_targets[i]);
		if (addr)
			len += sysfs_emit_at(buf, len, "%pI4 ", &addr);
	}
	return nbond_sysfs_end_list(buf, len);
}

/* Written like every option of the table. */
static struct device_attribute dev_attr_arp_ip_target =
	__ATTR(arp_ip_target, 0644, arp_ip_target_show, nbond_opt_store);

/* The primary, only once it is a port (as bonding shows it). */
static ssize_t primary_show(struct device *d, struct device_attribute *attr,
			    char *buf)
{
	struct nbond *bond = nbond_of(d);
	char name[IFNAMSIZ];
	ssize_t len = 0;

	rcu_read_lock();
	strscpy(name, bond->params.primary, sizeof(name));
	if (name[0] && nbond_port_by_name(bond, name))
		len = sysfs_emit(buf, "%s\n", name);
	rcu_read_unlock();
	return len;
}

/* Written like every option of the table. */
static struct device_attribute dev_attr_primary =
	__ATTR(primary, 0644, primary_show, nbond_opt_store);

static ssize_t active_slave_show(struct device *d,
				 struct device_attribute *attr, char *buf)
{
	struct nbond *bond = nbond_of(d);
	struct nbond_port *port;
	ssize_t len = 0;

	rcu_read_lock();
	port = rcu_dereference(bond->active);
	if (bond->mode->has_active && port)
		len = sysfs_emit(buf, "%s\n", port->dev->name);
	rcu_read_unlock();
	return len;
}

/* Written like every option of the table. */
static struct device_attribute dev_attr_active_slave =
	__ATTR(active_slave, 0644, active_slave_show, nbond_opt_store);

static ssize_t mii_status_show(struct device *d,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  netif_carrier_ok(to_net_dev(d)) ? "up" : "down");
}
static DEVICE_ATTR_RO(mii_status);

/* "eth0:0 eth1:2": each port's queue id; "eth1:2" sets one. */
static ssize_t queue_id_show(struct device *d, struct device_attribute *attr,
			     char *buf)
{
	struct nbond *bond = nbond_of(d);
	struct nbond_port *port;
	ssize_t len = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(port, &bond->ports, list) {
		if (nbond_sysfs_list_full(buf, &len))
			break;
		len += sysfs_emit_at(buf, len, "%s:%u ", port->dev->name,
				     READ_ONCE(port->queue_id));
	}
	rcu_read_unlock();
	return nbond_sysfs_end_list(buf, len);
}

static int nbond_set_queue_id(struct nbond *bond, const char *opt, char *text)
{
	struct nlattr *data[IFLA_BOND_SLAVE_MAX + 1] = {};
	struct netlink_ext_ack extack = {};
	char word[IFNAMSIZ + sizeof(":65535")];
	struct {
		struct nlattr nla;
		u16 qid;
	} __aligned(NLA_ALIGNTO) attr = {};
	struct nbond_port *port;
	char *colon;
	u32 qid;
	int err;

	if (nbond_parse_word(text, word, sizeof(word)))
		goto invalid;
	colon = strrchr(word, ':');
	if (!colon || colon == word ||
	    nbond_parse_u32(colon + 1, 0, U16_MAX, &qid))
		goto invalid;
	*colon = '\0';
	port = nbond_port_by_name(bond, word);
	if (!port) {
		netdev_err(bond->dev, "option queue_id: %s is not a port\n",
			   word);
		return -EPERM;
	}
	attr.nla.nla_type = IFLA_BOND_SLAVE_QUEUE_ID;
	attr.nla.nla_len = nla_attr_size(sizeof(attr.qid));
	attr.qid = qid;
	data[IFLA_BOND_SLAVE_QUEUE_ID] = &attr.nla;
	err = nbond_port_opts_set_nl(port, data, &extack);
	if (err && extack._msg)
		netdev_err(bond->dev, "option queue_id: %s\n", extack._msg);
	/* bonding.ko refuses every queue_id it cannot take with -EPERM. */
	return err == -ENOMEM ? err : err ? -EPERM : 0;

invalid:
	netdev_err(bond->dev, "option queue_id: invalid value (%s): ifname:queue_id is expected\n",
		   strim(text));
	return -EPERM;
}

static ssize_t queue_id_store(struct device *d,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	return nbond_sysfs_write(d, attr, buf, count, nbond_set_queue_id);
}
static DEVICE_ATTR_RW(queue_id);

/* ---- 802.3ad --------------------------------------------------------- */

/*
 * The active aggregator's figures, in 802.3ad only; the keys and the
 * partner only to CAP_NET_ADMIN, as bonding shows them.
 */
enum nbond_ad_field {
	NBOND_AD_AGGREGATOR,
	NBOND_AD_NUM_PORTS,
	NBOND_AD_ACTOR_KEY,
	NBOND_AD_PARTNER_KEY,
	NBOND_AD_PARTNER_MAC,
};

static ssize_t nbond_ad_show(struct device *d, char *buf,
			     enum nbond_ad_field field)
{
	struct nbond *bond = nbond_of(d);
	const struct nbond_mode_ops *mode = READ_ONCE(bond->mode);
	struct nbond_ad_info info = {};
	ssize_t len = 0;
	bool found;
	u32 val;

	if (!mode->ad_info)
		return 0;
	if (field >= NBOND_AD_ACTOR_KEY && !capable(CAP_NET_ADMIN))
		return 0;

	rcu_read_lock();
	found = !mode->ad_info(bond, &info);
	rcu_read_unlock();
	switch (field) {
	case NBOND_AD_AGGREGATOR:
		val = info.aggregator;
		break;
	case NBOND_AD_NUM_PORTS:
		val = info.ports;
		break;
	case NBOND_AD_ACTOR_KEY:
		val = info.actor_key;
		break;
	case NBOND_AD_PARTNER_KEY:
		val = info.partner_key;
		break;
	default:
		if (found)
			len = sysfs_emit(buf, "%pM\n", info.partner_system);
		return len;
	}
	return sysfs_emit(buf, "%u\n", val);
}

#define NBOND_AD_ATTR(_name, _field)					\
static ssize_t _name##_show(struct device *d,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	return nbond_ad_show(d, buf, _field);				\
}									\
static DEVICE_ATTR_RO(_name)

NBOND_AD_ATTR(ad_aggregator, NBOND_AD_AGGREGATOR);
NBOND_AD_ATTR(ad_num_ports, NBOND_AD_NUM_PORTS);
NBOND_AD_ATTR(ad_actor_key, NBOND_AD_ACTOR_KEY);
NBOND_AD_ATTR(ad_partner_key, NBOND_AD_PARTNER_KEY);
NBOND_AD_ATTR(ad_partner_mac, NBOND_AD_PARTNER_MAC);

/* The actor's settings: shown in 802.3ad only, to CAP_NET_ADMIN. */
static ssize_t nbond_ad_opt_show(struct device *d,
				 struct device_attribute *attr, char *buf)
{
	struct nbond *bond = nbond_of(d);
	u8 system[ETH_ALEN];

	if (!READ_ONCE(bond->mode)->ad_info || !capable(CAP_NET_ADMIN))
		return 0;
	if (strcmp(attr->attr.name, "ad_actor_system"))
		return nbond_opt_show_text(bond, attr->attr.name, buf);
	memcpy(system, bond->params.ad_actor_system, ETH_ALEN);
	return sysfs_emit(buf, "%pM\n", system);
}

#define NBOND_AD_OPT_ATTR(_name) struct device_attribute dev_attr_##_name = \
	__ATTR(_name, 0644, nbond_ad_opt_show, nbond_opt_store)

static NBOND_AD_OPT_ATTR(ad_actor_sys_prio);
static NBOND_AD_OPT_ATTR(ad_actor_system);
static NBOND_AD_OPT_ATTR(ad_user_port_key);

/* In bonding.ko's order, so that a directory listing matches. */
static struct attribute *nbond_bond_attrs[] = {
	&dev_attr_slaves.attr,
	&dev_attr_mode.attr,
	&dev_attr_fail_over_mac.attr,
	&dev_attr_arp_validate.attr,
	&dev_attr_arp_all_targets.attr,
	&dev_attr_arp_interval.attr,
	&dev_attr_arp_ip_target.attr,
	&dev_attr_downdelay.attr,
	&dev_attr_updelay.attr,
	&dev_attr_peer_notif_delay.attr,
	&dev_attr_lacp_active.attr,
	&dev_attr_lacp_rate.attr,
	&dev_attr_ad_select.attr,
	&dev_attr_xmit_hash_policy.attr,
	&dev_attr_num_grat_arp.attr,
	&dev_attr_num_unsol_na.attr,
	&dev_attr_miimon.attr,
	&dev_attr_primary.attr,
	&dev_attr_primary_reselect.attr,
	&dev_attr_use_carrier.attr,
	&dev_attr_active_slave.attr,
	&dev_attr_mii_status.attr,
	&dev_attr_ad_aggregator.attr,
	&dev_attr_ad_num_ports.attr,
	&dev_attr_ad_actor_key.attr,
	&dev_attr_ad_partner_key.attr,
	&dev_attr_ad_partner_mac.attr,
	&dev_attr_queue_id.attr,
	&dev_attr_all_slaves_active.attr,
	&dev_attr_resend_igmp.attr,
	&dev_attr_min_links.attr,
	&dev_attr_lp_interval.attr,
	&dev_attr_packets_per_slave.attr,
	&dev_attr_tlb_dynamic_lb.attr,
	&dev_attr_ad_actor_sys_prio.attr,
	&dev_attr_ad_actor_system.attr,
	&dev_attr_ad_user_port_key.attr,
	&dev_attr_arp_missed_max.attr,
	/* nbond's own, after bonding's. */
	&dev_attr_lacp_fallback.attr,
	NULL,
};

static const struct attribute_group nbond_bond_group = {
	.name = "bonding",
	.attrs = nbond_bond_attrs,
};

/* The bond's bonding/ directory: made when the device registers. */
void nbond_sysfs_setup(struct net_device *dev)
{
	if (nbond_kind_bond)
		dev->sysfs_groups[0] = &nbond_bond_group;
}

/* ---- a port's bonding_slave/ ------------------------------------------ */

/*
 * The directory is a plain kobject of the driver core (its release is not
 * ours, so it may outlive the module) under the port's device. It lives
 * while the port is in the bond, and is removed before the rx handler
 * goes: removal waits for the readers, which find the port through the
 * rx handler and need no lock.
 */
struct nbond_port_file {
	struct kobj_attribute attr;
	ssize_t (*show)(const struct nbond_port *port, char *buf);
};

static ssize_t state_show(const struct nbond_port *port, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  nbond_port_state(port) == NBOND_ROLE_ACTIVE ?
			  "active" : "backup");
}

static ssize_t port_mii_status_show(const struct nbond_port *port, char *buf)
{
	u8 link = READ_ONCE(port->link);

	return sysfs_emit(buf, "%s\n", nbond_bonding_link_names[link]);
}

static ssize_t link_failure_count_show(const struct nbond_port *port,
				       char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(port->link_failure_count));
}

static ssize_t perm_hwaddr_show(const struct nbond_port *port, char *buf)
{
	return sysfs_emit(buf, "%*phC\n", port->dev->addr_len,
			  port->perm_addr);
}

static ssize_t port_queue_id_show(const struct nbond_port *port, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(port->queue_id));
}

/*
 * 802.3ad: what the agent set. Without an aggregator (no agent yet, or
 * another mode) "N/A", as bonding shows a port it has not aggregated.
 */
enum nbond_port_ad_field {
	NBOND_PORT_AD_AGGREGATOR,
	NBOND_PORT_AD_ACTOR_STATE,
	NBOND_PORT_AD_PARTNER_STATE,
};

static ssize_t nbond_port_ad_show(const struct nbond_port *port, char *buf,
				  enum nbond_port_ad_field field)
{
	const struct nbond_lacp_port *lp = &port->lacp;
	u16 agg = READ_ONCE(lp->aggregator);

	if (!READ_ONCE(port->bond->mode)->ad_info || !agg)
		return sysfs_emit(buf, "N/A\n");
	switch (field) {
	case NBOND_PORT_AD_AGGREGATOR:
		return sysfs_emit(buf, "%u\n", agg);
	case NBOND_PORT_AD_ACTOR_STATE:
		return sysfs_emit(buf, "%u\n", READ_ONCE(lp->actor.state));
	default:
		return sysfs_emit(buf, "%u\n", READ_ONCE(lp->partner.state));
	}
}

static ssize_t ad_aggregator_id_show(const struct nbond_port *port, char *buf)
{
	return nbond_port_ad_show(port, buf, NBOND_PORT_AD_AGGREGATOR);
}

static ssize_t ad_actor_oper_port_state_show(const struct nbond_port *port,
					     char *buf)
{
	return nbond_port_ad_show(port, buf, NBOND_PORT_AD_ACTOR_STATE);
}

static ssize_t ad_partner_oper_port_state_show(const struct nbond_port *port,
					       char *buf)
{
	return nbond_port_ad_show(port, buf, NBOND_PORT_AD_PARTNER_STATE);
}

static ssize_t nbond_port_file_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	const struct nbond_port_file *pf =
		container_of(attr, struct nbond_port_file, attr);
	struct net_device *dev = to_net_dev(kobj_to_dev(kobj->parent));
	const struct nbond_port *port;
	ssize_t len = 0;

	rcu_read_lock();
	port = nbond_port_rcu(dev);
	if (port)
		len = pf->show(port, buf);
	rcu_read_unlock();
	return len;
}

#define NBOND_PORT_ATTR(_name, _show)					\
	static struct nbond_port_file nbond_port_attr_##_name = {	\
		.attr = __ATTR(_name, 0444, nbond_port_file_show, NULL),\
		.show = _show,						\
	}

NBOND_PORT_ATTR(state, state_show);
NBOND_PORT_ATTR(mii_status, port_mii_status_show);
NBOND_PORT_ATTR(link_failure_count, link_failure_count_show);
NBOND_PORT_ATTR(perm_hwaddr, perm_hwaddr_show);
NBOND_PORT_ATTR(queue_id, port_queue_id_show);
NBOND_PORT_ATTR(ad_aggregator_id, ad_aggregator_id_show);
NBOND_PORT_ATTR(ad_actor_oper_port_state, ad_actor_oper_port_state_show);
NBOND_PORT_ATTR(ad_partner_oper_port_state, ad_partner_oper_port_state_show);

static struct attribute *nbond_port_attrs[] = {
	&nbond_port_attr_state.attr.attr,
	&nbond_port_attr_mii_status.attr.attr,
	&nbond_port_attr_link_failure_count.attr.attr,
	&nbond_port_attr_perm_hwaddr.attr.attr,
	&nbond_port_attr_queue_id.attr.attr,
	&nbond_port_attr_ad_aggregator_id.attr.attr,
	&nbond_port_attr_ad_actor_oper_port_state.attr.attr,
	&nbond_port_attr_ad_partner_oper_port_state.attr.attr,
	NULL,
};

static const struct attribute_group nbond_port_group = {
	.attrs = nbond_port_attrs,
};

/* The port's bonding_slave/ directory, under kind=bond. RTNL. */
int nbond_sysfs_port_add(struct nbond_port *port)
{
	struct kobject *kobj;
	int err;

	if (!nbond_kind_bond)
		return 0;
	kobj = kobject_create_and_add("bonding_slave", &port->dev->dev.kobj);
	if (!kobj)
		return -ENOMEM;
	err = sysfs_create_group(kobj, &nbond_port_group);
	if (err) {
		kobject_del(kobj);
		kobject_put(kobj);
		return err;
	}
	port->sysfs = kobj;
	return 0;
}

void nbond_sysfs_port_del(struct nbond_port *port)
{
	if (!port->sysfs)
		return;
	sysfs_remove_group(port->sysfs, &nbond_port_group);
	kobject_del(port->sysfs);
	kobject_put(port->sysfs);
	port->sysfs = NULL;
}

/* ---- /sys/class/net/bonding_masters, one per namespace ---------------- */

struct nbond_sysfs_net {
	struct net *net;
	struct class_attribute masters;
	bool created;
};

static unsigned int nbond_sysfs_net_id;

static ssize_t nbond_masters_show(NBOND_CLASS_CONST struct class *cls,
				  NBOND_CLASS_CONST struct class_attribute *attr,
				  char *buf)
{
	const struct nbond_sysfs_net *sn =
		container_of(attr, struct nbond_sysfs_net, masters);
	struct net_device *dev;
	ssize_t len = 0;

	rcu_read_lock();
	for_each_netdev_rcu(sn->net, dev) {
		if (!nbond_is_nbond(dev))
			continue;
		if (nbond_sysfs_list_full(buf, &len))
			break;
		len += sysfs_emit_at(buf, len, "%s ", dev->name);
	}
	rcu_read_unlock();
	return nbond_sysfs_end_list(buf, len);
}

/* "+name" makes a bond, "-name" deletes one. */
static ssize_t nbond_masters_store(NBOND_CLASS_CONST struct class *cls,
				   NBOND_CLASS_CONST struct class_attribute *attr,
				   const char *buf, size_t count)
{
	const struct nbond_sysfs_net *sn =
		container_of(attr, struct nbond_sysfs_net, masters);
	char word[IFNAMSIZ + 1];
	struct net_device *dev;
	int err;

	if (!nbond_sysfs_may_write(sn->net))
		return -EPERM;
	if (nbond_parse_word(buf, word, sizeof(word)) ||
	    (word[0] != '+' && word[0] != '-') || !dev_valid_name(word + 1)) {
		pr_err("nbond: bonding_masters: +ifname makes a bond, -ifname deletes one\n");
		return -EPERM;
	}
	if (word[0] == '+')
		return nbond_create(sn->net, word + 1) ?: count;

	rtnl_lock();
	dev = __dev_get_by_name(sn->net, word + 1);
	if (dev && nbond_is_nbond(dev)) {
		unregister_netdevice(dev);
		err = 0;
	} else {
		pr_err("nbond: bonding_masters: no bond %s to delete\n",
		       word + 1);
		err = -ENODEV;
	}
	rtnl_unlock();
	return err ?: count;
}

static int __net_init nbond_sysfs_net_init(struct net *net)
{
	struct nbond_sysfs_net *sn = net_generic(net, nbond_sysfs_net_id);
	int err;

	sn->net = net;
	sn->masters.attr.name = "bonding_masters";
	sn->masters.attr.mode = 0644;
	sn->masters.show = nbond_masters_show;
	sn->masters.store = nbond_masters_store;
	sysfs_attr_init(&sn->masters.attr);
	err = netdev_class_create_file_ns(&sn->masters, net);
	/* A device named bonding_masters: the bonds work without the file. */
	if (err == -EEXIST) {
		pr_warn("nbond: /sys/class/net/bonding_masters exists already\n");
		return 0;
	}
	sn->created = !err;
	return err;
}

/*
 * Before the namespace's devices go (.pre_exit runs before any .exit): a
 * "+name" written later would register a bond in a dying namespace. The
 * removal waits for the writers already in the file.
 */
static void __net_exit nbond_sysfs_net_pre_exit(struct net *net)
{
	struct nbond_sysfs_net *sn = net_generic(net, nbond_sysfs_net_id);

	if (sn->created)
		netdev_class_remove_file_ns(&sn->masters, net);
	sn->created = false;
}

static struct pernet_operations nbond_sysfs_net_ops = {
	.init	= nbond_sysfs_net_init,
	.pre_exit = nbond_sysfs_net_pre_exit,
	.id	= &nbond_sysfs_net_id,
	.size	= sizeof(struct nbond_sysfs_net),
};

int nbond_sysfs_init(void)
{
	if (!nbond_kind_bond)
		return 0;
	return register_pernet_subsys(&nbond_sysfs_net_ops);
}

void nbond_sysfs_exit(void)
{
	if (nbond_kind_bond)
		unregister_pernet_subsys(&nbond_sysfs_net_ops);
}
