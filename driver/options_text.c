// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: the options as text, for the bonding/ files of sysfs.
 *
 * A write names one option and gives its value as bonding.ko's sysfs
 * takes it: a name or a number for enumerated options, a number for the
 * others, "+addr" or "-addr" to change the ARP target list, an interface
 * name for primary and active_slave. The text becomes the netlink
 * attribute that carries the same value, and the request goes through the
 * options table like any netlink request, with its checks and effects.
 */
#include <linux/inet.h>

#include "nbond.h"
#include "options.h"
#include "values.h"

/* Room for the largest attribute made here: a nest of 16 IPv4 targets. */
#define NBOND_TEXT_ATTR_MAX \
	(NLA_HDRLEN + NBOND_MAX_TARGETS * NLA_ALIGN(NLA_HDRLEN + sizeof(__be32)))

struct nbond_text_req {
	struct nlattr *data[NBOND_OPT_MAX + 1];
	u8 buf[NBOND_TEXT_ATTR_MAX] __aligned(NLA_ALIGNTO);
};

/* The attribute @type with @len bytes of @value at @at. */
static struct nlattr *nbond_text_put(void *at, int type, const void *value,
				     int len)
{
	struct nlattr *nla = at;

	nla->nla_type = type;
	nla->nla_len = nla_attr_size(len);
	memcpy(nla_data(nla), value, len);
	return nla;
}

/* A number, as wide as the policy of @attr says. */
static struct nlattr *nbond_text_put_num(void *at, int attr, u32 val)
{
	u16 v16 = val;
	u8 v8 = val;

	switch (nbond_opt_nla_type(attr)) {
	case NLA_U8:
		return nbond_text_put(at, attr, &v8, sizeof(v8));
	case NLA_U16:
		return nbond_text_put(at, attr, &v16, sizeof(v16));
	default:
		return nbond_text_put(at, attr, &val, sizeof(val));
	}
}

/*
 * "+a.b.c.d" adds a target, "-a.b.c.d" removes one: the attribute is the
 * whole new list.
 */
static int nbond_text_arp_targets(struct nbond *bond,
				  struct nbond_text_req *req, const char *text)
{
	const struct nbond_params *p = &bond->params;
	unsigned int i, n = nbond_arp_count(p);
	struct nlattr *nest = (struct nlattr *)req->buf;
	u8 *at = req->buf + NLA_HDRLEN;
	char word[sizeof("+255.255.255.255")];
	bool found = false;
	__be32 addr;

	if (nbond_parse_word(text, word, sizeof(word)) ||
	    (word[0] != '+' && word[0] != '-') ||
	    !in4_pton(word + 1, -1, (u8 *)&addr, -1, NULL)) {
		netdev_err(bond->dev, "option arp_ip_target: invalid value (%s): +a.b.c.d adds a target, -a.b.c.d removes one\n",
			   text);
		return -EPERM;
	}
	for (i = 0; i < n; i++)
		found |= p->arp_targets[i] == addr;
	if (word[0] == '+' && found) {
		netdev_err(bond->dev, "option arp_ip_target: %pI4 is already a target\n",
			   &addr);
		return -EINVAL;
	}
	if (word[0] == '-' && !found) {
		netdev_err(bond->dev, "option arp_ip_target: %pI4 is not a target\n",
			   &addr);
		return -EINVAL;
	}
	for (i = 0; i < n; i++) {
		if (p->arp_targets[i] == addr)
			continue;
		nbond_text_put(at, 1, &p->arp_targets[i], sizeof(addr));
		at += nla_total_size(sizeof(addr));
	}
	if (word[0] == '+') {
		if (n == NBOND_MAX_TARGETS) {
			netdev_err(bond->dev, "option arp_ip_target: the list is full (%u)\n",
				   NBOND_MAX_TARGETS);
			return -EINVAL;
		}
		nbond_text_put(at, 1, &addr, sizeof(addr));
		at += nla_total_size(sizeof(addr));
	}
	nest->nla_type = IFLA_BOND_ARP_IP_TARGET;
	nest->nla_len = at - req->buf;
	req->data[IFLA_BOND_ARP_IP_TARGET] = nest;
	return 0;
}

/* An interface name, or nothing: its ifindex, or 0. */
static int nbond_text_ifindex(struct nbond *bond, const char *opt,
			      const char *text, u32 *ifindex)
{
	char name[IFNAMSIZ];
	struct net_device *dev;

	if (nbond_parse_word(text, name, sizeof(name))) {
		netdev_err(bond->dev, "option %s: invalid value: an interface name is expected\n",
			   opt);
		return -EINVAL;
	}
	*ifindex = 0;
	if (!name[0])
		return 0;
	dev = __dev_get_by_name(dev_net(bond->dev), name);
	if (!dev) {
		netdev_err(bond->dev, "option %s: interface %s does not exist!\n",
			   opt, name);
		return -ENODEV;
	}
	*ifindex = dev->ifindex;
	return 0;
}

/* The attribute that carries the value @text of @o, in @req. */
static int nbond_text_parse(struct nbond *bond, const struct nbond_opt *o,
			    const char *text, struct nbond_text_req *req)
{
	u8 mac[ETH_ALEN];
	u32 val;
	int err;

	if (o->attr == IFLA_BOND_ARP_IP_TARGET)
		return nbond_text_arp_targets(bond, req, text);
	if (o->attr == IFLA_BOND_ACTIVE_SLAVE) {
		err = nbond_text_ifindex(bond, o->name, text, &val);
		if (err)
			return err;
	} else if (o->attr == IFLA_BOND_AD_ACTOR_SYSTEM) {
		if (nbond_parse_mac(text, mac))
			goto invalid;
		req->data[o->attr] = nbond_text_put(req->buf, o->attr, mac,
						    ETH_ALEN);
		return 0;
	} else if (o->values) {
		if (nbond_value_parse(o->values, text, &val))
			goto invalid;
	} else if (o->offset != SIZE_MAX) {
		if (nbond_parse_u32(text, o->min, o->max, &val)) {
			netdev_err(bond->dev, "option %s: invalid value (%s): allowed values %u - %u\n",
				   o->name, text, o->min, o->max);
			return -EINVAL;
		}
	} else {
		/* No file sets ns_ip6_target: netlink only, as bonding.ko. */
		WARN_ON_ONCE(1);
		return -EOPNOTSUPP;
	}
	req->data[o->attr] = nbond_text_put_num(req->buf, o->attr, val);
	return 0;

invalid:
	netdev_err(bond->dev, "option %s: invalid value (%s)\n", o->name,
		   text);
	return -EINVAL;
}

/*
 * Set the option @name to @text, what a sysfs write gives (it may end in
 * a newline; blanks around it are cut off in place). RTNL.
 */
int nbond_opt_set_text(struct nbond *bond, const char *name, char *text)
{
	struct netlink_ext_ack extack = {};
	const struct nbond_opt *o;
	struct nbond_text_req *req;
	char primary[IFNAMSIZ];
	int err;

	ASSERT_RTNL();

	o = nbond_opt_find(name);
	if (WARN_ON_ONCE(!o))
		return -ENOENT;
	text = strim(text);
	/*
	 * An enumerated value is its first word, so that what a read shows
	 * ("802.3ad 4") can be written back, as with bonding.ko.
	 */
	if (o->values)
		text[strcspn(text, " \t\n")] = '\0';
	/*
	 * What the bond's state allows comes before the value, in bonding.ko's
	 * order and with its error numbers (netlink, which accepts a value
	 * equal to the current one, checks these only for a change).
	 */
	if (!(o->modes & BIT(bond->params.mode))) {
		netdev_err(bond->dev, "option %s\n", o->bad_mode);
		return -EACCES;
	}
	if ((o->flags & OPT_NOPORTS) && !list_empty(&bond->ports)) {
		netdev_err(bond->dev, "option %s: only while the bond has no ports\n",
			   name);
		return -ENOTEMPTY;
	}
	if ((o->flags & OPT_IFDOWN) && (bond->dev->flags & IFF_UP)) {
		netdev_err(bond->dev, "option %s: only while the bond is down\n",
			   name);
		return -EBUSY;
	}

	if (o->attr == IFLA_BOND_PRIMARY) {
		/* By name: the device need not exist yet. */
		if (nbond_parse_word(text, primary, sizeof(primary))) {
			netdev_err(bond->dev, "option primary: invalid value: an interface name is expected\n");
			return -EINVAL;
		}
		err = nbond_opt_set_primary_name(bond, primary, &extack);
		goto out;
	}

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	err = nbond_text_parse(bond, o, text, req);
	if (!err)
		err = nbond_opts_set(bond, req->data, NBOND_OPT_MAX, &extack);
	kfree(req);
out:
	if (err && extack._msg)
		netdev_err(bond->dev, "option %s: %s\n", name, extack._msg);
	return err;
}

/*
 * A plain option's value as bonding.ko's sysfs shows it: "name number"
 * for an enumerated one, the number for the others.
 */
ssize_t nbond_opt_show_text(const struct nbond *bond, const char *name,
			    char *buf)
{
	const struct nbond_opt *o = nbond_opt_find(name);
	const char *vname;
	u32 val;

	if (WARN_ON_ONCE(!o || o->offset == SIZE_MAX))
		return -ENOENT;
	val = nbond_opt_get(&bond->params, o);
	if (!o->values)
		return sysfs_emit(buf, "%u\n", val);
	vname = nbond_value_name(o->values, val);
	return sysfs_emit(buf, "%s %u\n", vname ? vname : "?", val);
}
