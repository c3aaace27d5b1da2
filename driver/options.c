// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: the one table of bond options.
 *
 * Every way of configuring a bond goes through this table: its name, its
 * netlink attribute, its accepted values (a name table or a range), its
 * default, the modes it applies to and whether it may only change while
 * the bond is down or has no ports.
 *
 * A request is applied in two steps. First every option in it is checked
 * and written into a copy of the parameters (the mode first, since it
 * decides what the other options may be); any error leaves the bond as it
 * was. Then the copy replaces the parameters and the bond reacts to what
 * changed.
 */
#include <linux/if_link.h>

#include "nbond.h"
#include "options.h"
#include "values.h"

#define ALL_MODES	(BIT(NBOND_MODE_COUNT) - 1)
/* The MII interval a mode without ARP monitoring gets by default (ms). */
#define NBOND_DEFAULT_MIIMON	100
#define AB_TLB_ALB	(BIT(NBOND_MODE_AB) | BIT(NBOND_MODE_TLB) | \
			 BIT(NBOND_MODE_ALB))
#define ARP_MODES	(ALL_MODES & ~(BIT(NBOND_MODE_8023AD) | \
				       BIT(NBOND_MODE_TLB) | \
				       BIT(NBOND_MODE_ALB)))

#define PARAM(field)	offsetof(struct nbond_params, field)

#define OPT_NAMED(_name, _attr, _values, _def, _modes, _flags, _field,	\
		  _bad_value, _bad_mode)					\
	{ .name = _name, .attr = _attr, .values = _values, .def = _def,	\
	  .modes = _modes, .flags = _flags, .offset = PARAM(_field),	\
	  .bad_value = _bad_value, .bad_mode = _bad_mode }

#define OPT_RANGE(_name, _attr, _min, _max, _def, _modes, _flags, _field, \
		  _bad_value, _bad_mode)					\
	{ .name = _name, .attr = _attr, .min = _min, .max = _max,	\
	  .def = _def, .modes = _modes, .flags = _flags,		\
	  .offset = PARAM(_field),					\
	  .bad_value = _bad_value, .bad_mode = _bad_mode }

#define OPT_SPECIAL(_name, _attr, _modes, _flags, _parse, _bad_mode)	\
	{ .name = _name, .attr = _attr, .modes = _modes,		\
	  .flags = _flags, .offset = SIZE_MAX, .parse = _parse,		\
	  .bad_mode = _bad_mode }

#define ANY_MODE	"applies to every mode"
#define ONLY_AB_TLB_ALB	"applies only to active-backup, balance-tlb and balance-alb"
#define ONLY_RR		"applies only to balance-rr"
#define ONLY_8023AD	"applies only to 802.3ad"
#define ONLY_TLB_ALB	"applies only to balance-tlb and balance-alb"
#define ONLY_ARP	"is not available in 802.3ad, balance-tlb and balance-alb"

static int nbond_parse_active(struct nbond *bond, struct nbond_request *req,
			      const struct nlattr *nla,
			      struct netlink_ext_ack *extack)
{
	u32 ifindex = nla_get_u32(nla);
	struct nbond_port *port;

	req->set_active = true;
	req->active = NULL;
	if (!ifindex)
		return 0;

	port = nbond_port_by_ifindex(bond, ifindex);
	if (!port) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "active_slave: the device is not a port of this bond");
		return -EINVAL;
	}
	if (!nbond_port_usable(port)) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "active_slave: the port has no link");
		return -EINVAL;
	}
	req->active = port;
	return 0;
}

static int nbond_parse_primary(struct nbond *bond, struct nbond_request *req,
			       const struct nlattr *nla,
			       struct netlink_ext_ack *extack)
{
	u32 ifindex = nla_get_u32(nla);
	struct net_device *dev;

	if (!ifindex) {
		req->p.primary[0] = '\0';
		return 0;
	}
	dev = __dev_get_by_index(dev_net(bond->dev), ifindex);
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "primary: no such device");
		return -ENODEV;
	}
	strscpy(req->p.primary, dev->name, sizeof(req->p.primary));
	return 0;
}

/*
 * arp_ip_target: a nest of IPv4 addresses (__be32), the new list as a
 * whole; an empty nest clears it.
 */
static int nbond_parse_arp_targets(struct nbond *bond,
				   struct nbond_request *req,
				   const struct nlattr *nla,
				   struct netlink_ext_ack *extack)
{
	__be32 *list = req->p.arp_targets;
	const struct nlattr *attr;
	int rem, i, n = 0;
	__be32 addr;

	memset(req->p.arp_targets, 0, sizeof(req->p.arp_targets));
	nla_for_each_nested(attr, nla, rem) {
		if (nla_len(attr) != sizeof(__be32)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "arp_ip_target: not an IPv4 address");
			return -EINVAL;
		}
		addr = nla_get_be32(attr);
		if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr) ||
		    ipv4_is_multicast(addr) || ipv4_is_loopback(addr)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "arp_ip_target: not a unicast address");
			return -EINVAL;
		}
		for (i = 0; i < n; i++) {
			if (list[i] == addr) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "arp_ip_target: address given twice");
				return -EINVAL;
			}
		}
		if (n == NBOND_MAX_TARGETS) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "arp_ip_target: at most 16 targets");
			return -EINVAL;
		}
		list[n++] = addr;
	}
	return 0;
}

/* ns_ip6_target: the same with IPv6 addresses (16 octets). */
static int nbond_parse_ns_targets(struct nbond *bond,
				  struct nbond_request *req,
				  const struct nlattr *nla,
				  struct netlink_ext_ack *extack)
{
	struct in6_addr *list = req->p.ns_targets, addr;
	const struct nlattr *attr;
	int rem, i, n = 0;

	memset(req->p.ns_targets, 0, sizeof(req->p.ns_targets));
	nla_for_each_nested(attr, nla, rem) {
		if (nla_len(attr) != sizeof(addr)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "ns_ip6_target: not an IPv6 address");
			return -EINVAL;
		}
		addr = nla_get_in6_addr(attr);
		if (ipv6_addr_any(&addr) || ipv6_addr_loopback(&addr) ||
		    ipv6_addr_is_multicast(&addr)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "ns_ip6_target: not a unicast address");
			return -EINVAL;
		}
		for (i = 0; i < n; i++) {
			if (ipv6_addr_equal(&list[i], &addr)) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "ns_ip6_target: address given twice");
				return -EINVAL;
			}
		}
		if (n == NBOND_MAX_TARGETS) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "ns_ip6_target: at most 16 targets");
			return -EINVAL;
		}
		list[n++] = addr;
	}
	return 0;
}

static int nbond_parse_actor_system(struct nbond *bond,
				    struct nbond_request *req,
				    const struct nlattr *nla,
				    struct netlink_ext_ack *extack)
{
	const u8 *addr = nla_data(nla);

	if (nla_len(nla) != ETH_ALEN || is_multicast_ether_addr(addr)) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "ad_actor_system: a unicast MAC address is required");
		return -EINVAL;
	}
	ether_addr_copy(req->p.ad_actor_system, addr);
	return 0;
}

static const struct nbond_opt nbond_opts[] = {
	/* The mode comes first: it decides which other options apply. */
	OPT_NAMED("mode", IFLA_BOND_MODE, nbond_mode_values, NBOND_MODE_RR,
		  ALL_MODES, OPT_IFDOWN | OPT_NOPORTS, mode,
		  "mode: accepted values are balance-rr (0), active-backup (1), balance-xor (2), broadcast (3), 802.3ad (4), balance-tlb (5), balance-alb (6)",
		  "mode " ANY_MODE),
	OPT_NAMED("xmit_hash_policy", IFLA_BOND_XMIT_HASH_POLICY,
		  nbond_xmit_policy_values, NBOND_XMIT_LAYER2, ALL_MODES, 0,
		  xmit_policy,
		  "xmit_hash_policy: accepted values are layer2 (0), layer3+4 (1), layer2+3 (2), encap2+3 (3), encap3+4 (4), vlan+srcmac (5)",
		  "xmit_hash_policy " ANY_MODE),
	OPT_RANGE("miimon", IFLA_BOND_MIIMON, 0, INT_MAX, 0, ALL_MODES, 0,
		  miimon,
		  "miimon: out of range (0-2147483647 ms)",
		  "miimon " ANY_MODE),
	OPT_RANGE("updelay", IFLA_BOND_UPDELAY, 0, INT_MAX, 0, ALL_MODES, 0,
		  updelay,
		  "updelay: out of range (0-2147483647 ms)",
		  "updelay " ANY_MODE),
	OPT_RANGE("downdelay", IFLA_BOND_DOWNDELAY, 0, INT_MAX, 0, ALL_MODES, 0,
		  downdelay,
		  "downdelay: out of range (0-2147483647 ms)",
		  "downdelay " ANY_MODE),
	OPT_RANGE("peer_notif_delay", IFLA_BOND_PEER_NOTIF_DELAY, 0, 300000, 0,
		  ALL_MODES, 0, peer_notif_delay,
		  "peer_notif_delay: out of range (0-300000 ms)",
		  "peer_notif_delay " ANY_MODE),
	OPT_RANGE("use_carrier", IFLA_BOND_USE_CARRIER, 0, 1, 1, ALL_MODES, 0,
		  use_carrier,
		  "use_carrier: out of range (0 or 1)",
		  "use_carrier " ANY_MODE),
	OPT_RANGE("arp_interval", IFLA_BOND_ARP_INTERVAL, 0, INT_MAX, 0,
		  ARP_MODES, 0, arp_interval,
		  "arp_interval: out of range (0-2147483647 ms)",
		  "arp_interval " ONLY_ARP),
	/* Kept in every mode, as bonding.ko: only arp_interval starts them. */
	OPT_SPECIAL("arp_ip_target", IFLA_BOND_ARP_IP_TARGET, ALL_MODES, 0,
		    nbond_parse_arp_targets,
		    "arp_ip_target " ANY_MODE),
	OPT_SPECIAL("ns_ip6_target", IFLA_BOND_NS_IP6_TARGET, ALL_MODES, 0,
		    nbond_parse_ns_targets,
		    "ns_ip6_target " ANY_MODE),
	OPT_NAMED("arp_validate", IFLA_BOND_ARP_VALIDATE,
		  nbond_arp_validate_values, 0, ARP_MODES, 0, arp_validate,
		  "arp_validate: accepted values are none (0), active (1), backup (2), all (3), filter (4), filter_active (5), filter_backup (6)",
		  "arp_validate " ONLY_ARP),
	OPT_NAMED("arp_all_targets", IFLA_BOND_ARP_ALL_TARGETS,
		  nbond_arp_all_targets_values, 0, ALL_MODES, 0,
		  arp_all_targets,
		  "arp_all_targets: accepted values are any (0), all (1)",
		  "arp_all_targets " ANY_MODE),
	OPT_RANGE("arp_missed_max", IFLA_BOND_MISSED_MAX, 1, 255, 2, ARP_MODES,
		  0, arp_missed_max,
		  "arp_missed_max: out of range (1-255)",
		  "arp_missed_max " ONLY_ARP),
	OPT_SPECIAL("primary", IFLA_BOND_PRIMARY, AB_TLB_ALB, 0,
		    nbond_parse_primary,
		    "primary " ONLY_AB_TLB_ALB),
	OPT_NAMED("primary_reselect", IFLA_BOND_PRIMARY_RESELECT,
		  nbond_primary_reselect_values, NBOND_RESELECT_ALWAYS,
		  ALL_MODES, 0, primary_reselect,
		  "primary_reselect: accepted values are always (0), better (1), failure (2)",
		  "primary_reselect " ANY_MODE),
	OPT_SPECIAL("active_slave", IFLA_BOND_ACTIVE_SLAVE, AB_TLB_ALB, 0,
		    nbond_parse_active,
		    "active_slave " ONLY_AB_TLB_ALB),
	OPT_NAMED("fail_over_mac", IFLA_BOND_FAIL_OVER_MAC,
		  nbond_fail_over_mac_values, NBOND_FOM_NONE, ALL_MODES,
		  OPT_NOPORTS, fail_over_mac,
		  "fail_over_mac: accepted values are none (0), active (1), follow (2)",
		  "fail_over_mac " ANY_MODE),
	OPT_RANGE("resend_igmp", IFLA_BOND_RESEND_IGMP, 0, 255, 1, ALL_MODES, 0,
		  resend_igmp,
		  "resend_igmp: out of range (0-255)",
		  "resend_igmp " ANY_MODE),
	OPT_RANGE("num_grat_arp", IFLA_BOND_NUM_PEER_NOTIF, 0, 255, 1,
		  ALL_MODES, 0, num_peer_notif,
		  "num_grat_arp: out of range (0-255)",
		  "num_grat_arp " ANY_MODE),
	OPT_RANGE("all_slaves_active", IFLA_BOND_ALL_SLAVES_ACTIVE, 0, 1, 0,
		  ALL_MODES, 0, all_slaves_active,
		  "all_slaves_active: out of range (0 or 1)",
		  "all_slaves_active " ANY_MODE),
	OPT_RANGE("min_links", IFLA_BOND_MIN_LINKS, 0, INT_MAX, 0, ALL_MODES, 0,
		  min_links,
		  "min_links: out of range (0-2147483647)",
		  "min_links " ANY_MODE),
	OPT_RANGE("lp_interval", IFLA_BOND_LP_INTERVAL, 1, INT_MAX, 1,
		  ALL_MODES, 0, lp_interval,
		  "lp_interval: out of range (1-2147483647 s)",
		  "lp_interval " ANY_MODE),
	OPT_RANGE("packets_per_slave", IFLA_BOND_PACKETS_PER_SLAVE, 0, U16_MAX,
		  1, BIT(NBOND_MODE_RR), 0, packets_per_slave,
		  "packets_per_slave: out of range (0-65535)",
		  "packets_per_slave " ONLY_RR),
	OPT_NAMED("lacp_active", IFLA_BOND_AD_LACP_ACTIVE, nbond_onoff_values,
		  1, BIT(NBOND_MODE_8023AD), OPT_IFDOWN, lacp_active,
		  "lacp_active: accepted values are off (0), on (1)",
		  "lacp_active " ONLY_8023AD),
	OPT_NAMED("lacp_rate", IFLA_BOND_AD_LACP_RATE, nbond_lacp_rate_values,
		  0, BIT(NBOND_MODE_8023AD), OPT_IFDOWN, lacp_rate,
		  "lacp_rate: accepted values are slow (0), fast (1)",
		  "lacp_rate " ONLY_8023AD),
	/* Kept in every mode for a later 802.3ad, as bonding.ko. */
	OPT_NAMED("ad_select", IFLA_BOND_AD_SELECT, nbond_ad_select_values, 0,
		  ALL_MODES, OPT_IFDOWN, ad_select,
		  "ad_select: accepted values are stable (0), bandwidth (1), count (2)",
		  "ad_select " ANY_MODE),
	OPT_RANGE("ad_actor_sys_prio", IFLA_BOND_AD_ACTOR_SYS_PRIO, 1, U16_MAX,
		  U16_MAX, BIT(NBOND_MODE_8023AD), 0, ad_actor_sys_prio,
		  "ad_actor_sys_prio: out of range (1-65535)",
		  "ad_actor_sys_prio " ONLY_8023AD),
	OPT_RANGE("ad_user_port_key", IFLA_BOND_AD_USER_PORT_KEY, 0, 1023, 0,
		  BIT(NBOND_MODE_8023AD), OPT_IFDOWN, ad_user_port_key,
		  "ad_user_port_key: out of range (0-1023)",
		  "ad_user_port_key " ONLY_8023AD),
	OPT_SPECIAL("ad_actor_system", IFLA_BOND_AD_ACTOR_SYSTEM,
		    BIT(NBOND_MODE_8023AD), 0, nbond_parse_actor_system,
		    "ad_actor_system " ONLY_8023AD),
	OPT_RANGE("tlb_dynamic_lb", IFLA_BOND_TLB_DYNAMIC_LB, 0, 1, 1,
		  BIT(NBOND_MODE_TLB) | BIT(NBOND_MODE_ALB), OPT_IFDOWN,
		  tlb_dynamic_lb,
		  "tlb_dynamic_lb: out of range (0 or 1)",
		  "tlb_dynamic_lb " ONLY_TLB_ALB),
#ifdef HAVE_IFLA_BOND_COUPLED_CONTROL
	OPT_NAMED("coupled_control", IFLA_BOND_COUPLED_CONTROL,
		  nbond_onoff_values, 1, BIT(NBOND_MODE_8023AD), OPT_IFDOWN,
		  coupled_control,
		  "coupled_control: accepted values are off (0), on (1)",
		  "coupled_control " ONLY_8023AD),
#endif
	/* nbond's own: the nbond family and sysfs set it, not rtnetlink. */
	OPT_NAMED("lacp_fallback", NBOND_OPT_LACP_FALLBACK,
		  nbond_lacp_fallback_values, NBOND_LACP_FALLBACK_INDIVIDUAL,
		  BIT(NBOND_MODE_8023AD), 0, lacp_fallback,
		  "lacp_fallback: accepted values are individual (0), strict (1)",
		  "lacp_fallback " ONLY_8023AD),
};

const struct nbond_opt *nbond_opt_find(const char *name)
{
	const struct nbond_opt *o;

	for (o = nbond_opts; o < nbond_opts + ARRAY_SIZE(nbond_opts); o++)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

static u32 *nbond_opt_field(struct nbond_params *p, const struct nbond_opt *o)
{
	return (u32 *)((u8 *)p + o->offset);
}

void nbond_opt_put(struct nbond_params *p, const struct nbond_opt *o, u32 val)
{
	*nbond_opt_field(p, o) = val;
}

u32 nbond_opt_get(const struct nbond_params *p, const struct nbond_opt *o)
{
	return READ_ONCE(*(const u32 *)((const u8 *)p + o->offset));
}

void nbond_params_init(struct nbond_params *p)
{
	const struct nbond_opt *o;

	memset(p, 0, sizeof(*p));
	for (o = nbond_opts; o < nbond_opts + ARRAY_SIZE(nbond_opts); o++)
		if (o->offset != SIZE_MAX)
			*nbond_opt_field(p, o) = o->def;
}

/* The netlink type of the option numbered @attr (a number's width). */
int nbond_opt_nla_type(int attr)
{
	/*
	 * nbond's own options are all u8, as the nbond family's policy:
	 * one that is not will need its type here.
	 */
	BUILD_BUG_ON(NBOND_OPT_MAX != NBOND_OPT_LACP_FALLBACK);
	if (attr > IFLA_BOND_MAX)
		return NLA_U8;
	return nbond_nl_policy[attr].type;
}

/*
 * An option's value, read as its policy types it: rtnetlink parses
 * IFLA_INFO_DATA liberally, so an attribute may be longer than its type,
 * and bonding.ko then reads only the type's width.
 */
static u32 nbond_nla_u32(const struct nbond_opt *o, const struct nlattr *nla)
{
	switch (nbond_opt_nla_type(o->attr)) {
	case NLA_U8:
		return nla_get_u8(nla);
	case NLA_U16:
		return nla_get_u16(nla);
	default:
		return nla_get_u32(nla);
	}
}

static int nbond_opt_check_value(const struct nbond_opt *o, u32 val)
{
	if (o->values)
		return nbond_value_valid(o->values, val) ? 0 : -EINVAL;
	return val >= o->min && val <= o->max ? 0 : -ERANGE;
}

static int nbond_opt_parse(struct nbond *bond, struct nbond_request *req,
			   const struct nbond_opt *o, const struct nlattr *nla,
			   struct netlink_ext_ack *extack)
{
	u32 val;
	int err;

	/* A mode dependency: -EACCES, as bonding.ko answers. */
	if (!(o->modes & BIT(req->p.mode))) {
		nbond_set_err(extack, nla, o->bad_mode);
		return -EACCES;
	}
	if (o->parse)
		return o->parse(bond, req, nla, extack);

	val = nbond_nla_u32(o, nla);
	err = nbond_opt_check_value(o, val);
	if (err) {
		nbond_set_err(extack, nla, o->bad_value);
		return err;
	}
	if (val == nbond_opt_get(&bond->params, o))
		goto store;
	/* In bonding.ko's order, with its error numbers. */
	if ((o->flags & OPT_NOPORTS) && !list_empty(&bond->ports)) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "this option can only be changed while the bond has no ports");
		return -ENOTEMPTY;
	}
	if ((o->flags & OPT_IFDOWN) && (bond->dev->flags & IFF_UP)) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "this option can only be changed while the bond is down");
		return -EBUSY;
	}
store:
	*nbond_opt_field(&req->p, o) = val;
	return 0;
}

/* Rules between options, on the request as a whole. */
static int nbond_request_check(struct nbond *bond, struct nbond_request *req,
			       struct nlattr *data[],
			       struct netlink_ext_ack *extack)
{
	struct nbond_params *p = &req->p;

	/*
	 * A mode without ARP monitoring (802.3ad, balance-tlb, balance-alb)
	 * turns it off and, where no MII monitoring is set, monitors MII
	 * every 100 ms: what bonding.ko does when its mode is set.
	 */
	if (data[IFLA_BOND_MODE] && !(ARP_MODES & BIT(p->mode))) {
		p->arp_interval = 0;
		if (!p->miimon)
			p->miimon = NBOND_DEFAULT_MIIMON;
	}
	/* One link monitor: the one the request turns on wins, ARP last. */
	if (data[IFLA_BOND_ARP_INTERVAL] && p->arp_interval && p->miimon) {
		netdev_info(bond->dev, "ARP monitoring replaces MII monitoring: miimon 0\n");
		p->miimon = 0;
	} else if (data[IFLA_BOND_MIIMON] && p->miimon && p->arp_interval) {
		netdev_info(bond->dev, "MII monitoring replaces ARP monitoring: arp_interval 0\n");
		p->arp_interval = 0;
	}
	if (!p->miimon && (p->updelay || p->downdelay) &&
	    (data[IFLA_BOND_UPDELAY] || data[IFLA_BOND_DOWNDELAY])) {
		NL_SET_ERR_MSG(extack,
			       "updelay and downdelay need MII monitoring (miimon)");
		return -EINVAL;
	}
	return nbond_xdp_check_params(bond, p, extack);
}

/* Delays are whole miimon intervals, as the bonding driver keeps them. */
static void nbond_round_delays(struct nbond *bond, struct nbond_params *p)
{
	static const char *const names[] = {
		"updelay", "downdelay", "peer_notif_delay"
	};
	u32 *delays[] = { &p->updelay, &p->downdelay, &p->peer_notif_delay };
	int i;

	for (i = 0; i < ARRAY_SIZE(delays); i++) {
		u32 ms = *delays[i];

		*delays[i] = p->miimon ? ms - ms % p->miimon : 0;
		if (*delays[i] != ms)
			netdev_warn(bond->dev, "%s %u ms is not a multiple of miimon %u ms: using %u ms\n",
				    names[i], ms, p->miimon, *delays[i]);
	}
}

/*
 * The data path and the monitors read options without RTNL: every field
 * they read is stored whole, with WRITE_ONCE, never by a struct copy.
 * ad_actor_system and primary are read under RTNL only (and by /proc,
 * which shows them as they are; primary always keeps its final NUL).
 */
static void nbond_params_commit(struct nbond_params *dst,
				const struct nbond_params *src)
{
	const struct nbond_opt *o;
	int i, w;

	for (o = nbond_opts; o < nbond_opts + ARRAY_SIZE(nbond_opts); o++)
		if (o->offset != SIZE_MAX)
			WRITE_ONCE(*nbond_opt_field(dst, o),
				   nbond_opt_get(src, o));
	memcpy(dst->ad_actor_system, src->ad_actor_system, ETH_ALEN);
	memcpy(dst->primary, src->primary, IFNAMSIZ);
	for (i = 0; i < NBOND_MAX_TARGETS; i++) {
		WRITE_ONCE(dst->arp_targets[i], src->arp_targets[i]);
		for (w = 0; w < 4; w++)
			WRITE_ONCE(dst->ns_targets[i].s6_addr32[w],
				   src->ns_targets[i].s6_addr32[w]);
	}
}

static void nbond_request_apply(struct nbond *bond, struct nbond_request *req)
{
	struct nbond_params old = bond->params;

	nbond_round_delays(bond, &req->p);
	nbond_params_commit(&bond->params, &req->p);

	if (old.mode != bond->params.mode)
		nbond_mode_switch(bond, nbond_mode_get(bond->params.mode));
	if (old.mode != bond->params.mode ||
	    old.xmit_policy != bond->params.xmit_policy)
		nbond_xdp_update_features(bond);
	if (old.miimon != bond->params.miimon)
		nbond_mii_start(bond);
	if (old.arp_interval != bond->params.arp_interval ||
	    memcmp(old.arp_targets, bond->params.arp_targets,
		   sizeof(old.arp_targets)) ||
	    memcmp(old.ns_targets, bond->params.ns_targets,
		   sizeof(old.ns_targets))) {
		nbond_arp_start(bond);
		if (!nbond_arp_enabled(bond))
			nbond_link_resync(bond);
	}
	if (req->set_active)
		nbond_set_active(bond, req->active);
	nbond_refresh(bond, NBOND_CAUSE_CONFIG);
}

/*
 * The end of every request: the rules between options, then the change.
 * @primary_set: the request names a primary (or clears it).
 */
static int nbond_request_finish(struct nbond *bond, struct nbond_request *req,
				struct nlattr *data[], bool primary_set,
				struct netlink_ext_ack *extack)
{
	int err;

	err = nbond_request_check(bond, req, data, extack);
	if (err)
		return err;

	/* As bonding.ko: naming an enslaved primary makes it active. */
	if (primary_set || data[IFLA_BOND_PRIMARY_RESELECT])
		bond->reselect = true;
	if (primary_set && req->p.primary[0] &&
	    nbond_port_by_name(bond, req->p.primary))
		bond->force_primary = true;
	nbond_request_apply(bond, req);
	return 0;
}

int nbond_opts_set(struct nbond *bond, struct nlattr *data[], int maxattr,
		   struct netlink_ext_ack *extack)
{
	struct nbond_request *req;
	const struct nbond_opt *o;
	int attr, err = 0;

	ASSERT_RTNL();

	if (!data)
		return 0;

	for (attr = 1; attr <= maxattr; attr++) {
		/* Read-only, from a dump sent back: ignored, as bonding.ko. */
		if (!data[attr] || attr == IFLA_BOND_AD_INFO)
			continue;
		for (o = nbond_opts; o < nbond_opts + ARRAY_SIZE(nbond_opts); o++)
			if (o->attr == attr)
				break;
		if (o == nbond_opts + ARRAY_SIZE(nbond_opts)) {
			NL_SET_ERR_MSG_ATTR(extack, data[attr],
					    "this bond option is not supported by nbond yet");
			return -EOPNOTSUPP;
		}
	}

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	req->p = bond->params;

	for (o = nbond_opts; o < nbond_opts + ARRAY_SIZE(nbond_opts); o++) {
		if (o->attr > maxattr || !data[o->attr])
			continue;
		err = nbond_opt_parse(bond, req, o, data[o->attr], extack);
		if (err)
			goto out;
	}
	err = nbond_request_finish(bond, req, data, !!data[IFLA_BOND_PRIMARY],
				   extack);
out:
	kfree(req);
	return err;
}

int nbond_opts_set_nl(struct nbond *bond, struct nlattr *data[],
		      struct netlink_ext_ack *extack)
{
	return nbond_opts_set(bond, data, IFLA_BOND_MAX, extack);
}

/*
 * primary by name, which sysfs accepts for a device that does not exist
 * yet (netlink names it by ifindex): it becomes the primary when a port
 * of that name joins. An empty name clears it.
 */
int nbond_opt_set_primary_name(struct nbond *bond, const char *name,
			       struct netlink_ext_ack *extack)
{
	struct nlattr *data[IFLA_BOND_MAX + 1] = {};
	struct nbond_request *req;
	int err;

	ASSERT_RTNL();

	if (!(AB_TLB_ALB & BIT(bond->params.mode))) {
		NL_SET_ERR_MSG(extack, "primary " ONLY_AB_TLB_ALB);
		return -EACCES;
	}
	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	req->p = bond->params;
	strscpy(req->p.primary, name, sizeof(req->p.primary));
	err = nbond_request_finish(bond, req, data, true, extack);
	kfree(req);
	return err;
}

/* A queue id names a bond tx queue and at most one port. */
/*
 * The bond counts its ports with a queue_id, so that transmit looks for
 * the port of a queue only when one has it. RTNL.
 */
static void nbond_port_set_queue_id(struct nbond_port *port, u16 qid)
{
	struct nbond *bond = port->bond;

	if (!port->queue_id != !qid)
		WRITE_ONCE(bond->queue_id_ports,
			   bond->queue_id_ports + (qid ? 1 : -1));
	WRITE_ONCE(port->queue_id, qid);
}

static int nbond_check_queue_id(struct nbond_port *port,
				const struct nlattr *nla,
				struct netlink_ext_ack *extack)
{
	u16 qid = nla_get_u16(nla);
	struct nbond_port *other;

	if (qid >= port->bond->dev->real_num_tx_queues) {
		NL_SET_ERR_MSG_ATTR(extack, nla,
				    "queue_id: out of range (0 to the bond's tx queues - 1)");
		return -ERANGE;
	}
	nbond_for_each_port(port->bond, other) {
		if (qid && other != port && other->queue_id == qid) {
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "queue_id: another port has this queue id");
			return -EEXIST;
		}
	}
	return 0;
}

int nbond_port_opts_set_nl(struct nbond_port *port, struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct nbond *bond = port->bond;
	u16 prio, qid;
	int err;

	if (!data)
		return 0;

	if (data[IFLA_BOND_SLAVE_PRIO] &&
	    !(AB_TLB_ALB & BIT(bond->params.mode))) {
		NL_SET_ERR_MSG_ATTR(extack, data[IFLA_BOND_SLAVE_PRIO],
				    "prio " ONLY_AB_TLB_ALB);
		return -EINVAL;
	}
	if (data[IFLA_BOND_SLAVE_ACTOR_PORT_PRIO] &&
	    bond->params.mode != NBOND_MODE_8023AD) {
		NL_SET_ERR_MSG_ATTR(extack,
				    data[IFLA_BOND_SLAVE_ACTOR_PORT_PRIO],
				    "actor_port_prio " ONLY_8023AD);
		return -EINVAL;
	}

	if (data[IFLA_BOND_SLAVE_QUEUE_ID]) {
		err = nbond_check_queue_id(port, data[IFLA_BOND_SLAVE_QUEUE_ID],
					   extack);
		if (err)
			return err;
	}

	if (data[IFLA_BOND_SLAVE_QUEUE_ID]) {
		qid = nla_get_u16(data[IFLA_BOND_SLAVE_QUEUE_ID]);
		nbond_port_set_queue_id(port, qid);
	}
	if (data[IFLA_BOND_SLAVE_PRIO]) {
		port->prio = nla_get_s32(data[IFLA_BOND_SLAVE_PRIO]);
		/* With a primary, prio plays no part in the choice. */
		if (!bond->params.primary[0] ||
		    !nbond_port_by_name(bond, bond->params.primary))
			bond->reselect = true;
		nbond_refresh(bond, NBOND_CAUSE_CONFIG);
	}
	if (data[IFLA_BOND_SLAVE_ACTOR_PORT_PRIO]) {
		prio = nla_get_u16(data[IFLA_BOND_SLAVE_ACTOR_PORT_PRIO]);
		if (prio != port->ad_port_prio) {
			port->ad_port_prio = prio;
			/* The agent puts it in its LACPDUs. */
			nbond_event_port_changed(port);
		}
	}
	return 0;
}

/* The name of @value of the named-value option @opt, for printing. */
const char *nbond_opt_value_name(const char *opt, u32 value)
{
	const struct nbond_opt *o;
	const char *name;

	for (o = nbond_opts; o < nbond_opts + ARRAY_SIZE(nbond_opts); o++) {
		if (strcmp(o->name, opt) || !o->values)
			continue;
		name = nbond_value_name(o->values, value);
		return name ? name : "?";
	}
	return "?";
}
