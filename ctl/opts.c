// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: the bond options, their values as text and as netlink payload.
 *
 * Names, accepted spellings, ranges and defaults are the kernel bonding
 * driver's (driver/options.c mirrors them). Ranges here are the kernel's
 * own: where nbond accepts less for now (arp_interval), the driver says so
 * in its extended-ack message, which reaches the user.
 */
#include <arpa/inet.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/nbond.h>

#include "cmdline.h"
#include "opts.h"

/*
 * IFLA_BOND_COUPLED_CONTROL came with Linux 6.10, right after
 * IFLA_BOND_NS_IP6_TARGET, and is missing from older <linux/if_link.h>.
 * It is an enum constant, which #ifndef cannot see, so bondctl uses its
 * own name for the number.
 */
#define CTL_IFLA_BOND_COUPLED_CONTROL (IFLA_BOND_NS_IP6_TARGET + 1)

#define NAMED(_name, _attr, _type, _values, _def)			\
	{ .name = _name, .attr = _attr, .type = _type,			\
	  .values = _values, .def = _def }

#define RANGE(_name, _attr, _type, _min, _max, _def)			\
	{ .name = _name, .attr = _attr, .type = _type,			\
	  .min = _min, .max = _max, .def = _def }

#define OTHER(_name, _attr, _type, _def)				\
	{ .name = _name, .attr = _attr, .type = _type, .def = _def }

const struct ctl_opt ctl_opts[] = {
	NAMED("mode", IFLA_BOND_MODE, CTL_OPT_U8, nbond_mode_values,
	      "balance-rr"),
	RANGE("miimon", IFLA_BOND_MIIMON, CTL_OPT_U32, 0, INT_MAX, "0"),
	RANGE("updelay", IFLA_BOND_UPDELAY, CTL_OPT_U32, 0, INT_MAX, "0"),
	RANGE("downdelay", IFLA_BOND_DOWNDELAY, CTL_OPT_U32, 0, INT_MAX, "0"),
	RANGE("peer_notif_delay", IFLA_BOND_PEER_NOTIF_DELAY, CTL_OPT_U32,
	      0, 300000, "0"),
	RANGE("use_carrier", IFLA_BOND_USE_CARRIER, CTL_OPT_U8, 0, 1, "1"),
	RANGE("arp_interval", IFLA_BOND_ARP_INTERVAL, CTL_OPT_U32, 0, INT_MAX,
	      "0"),
	OTHER("arp_ip_target", IFLA_BOND_ARP_IP_TARGET, CTL_OPT_IP4_LIST, ""),
	OTHER("ns_ip6_target", IFLA_BOND_NS_IP6_TARGET, CTL_OPT_IP6_LIST, ""),
	NAMED("arp_validate", IFLA_BOND_ARP_VALIDATE, CTL_OPT_U32,
	      nbond_arp_validate_values, "none"),
	NAMED("arp_all_targets", IFLA_BOND_ARP_ALL_TARGETS, CTL_OPT_U32,
	      nbond_arp_all_targets_values, "any"),
	RANGE("arp_missed_max", IFLA_BOND_MISSED_MAX, CTL_OPT_U8, 1, 255, "2"),
	OTHER("primary", IFLA_BOND_PRIMARY, CTL_OPT_PORT, ""),
	NAMED("primary_reselect", IFLA_BOND_PRIMARY_RESELECT, CTL_OPT_U8,
	      nbond_primary_reselect_values, "always"),
	OTHER("active_slave", IFLA_BOND_ACTIVE_SLAVE, CTL_OPT_PORT, ""),
	NAMED("fail_over_mac", IFLA_BOND_FAIL_OVER_MAC, CTL_OPT_U8,
	      nbond_fail_over_mac_values, "none"),
	NAMED("xmit_hash_policy", IFLA_BOND_XMIT_HASH_POLICY, CTL_OPT_U8,
	      nbond_xmit_policy_values, "layer2"),
	RANGE("resend_igmp", IFLA_BOND_RESEND_IGMP, CTL_OPT_U32, 0, 255, "1"),
	/* Two names for one setting: ctl_opt_by_attr() finds the first. */
	RANGE("num_grat_arp", IFLA_BOND_NUM_PEER_NOTIF, CTL_OPT_U8, 0, 255,
	      "1"),
	RANGE("num_unsol_na", IFLA_BOND_NUM_PEER_NOTIF, CTL_OPT_U8, 0, 255,
	      "1"),
	RANGE("all_slaves_active", IFLA_BOND_ALL_SLAVES_ACTIVE, CTL_OPT_U8,
	      0, 1, "0"),
	RANGE("min_links", IFLA_BOND_MIN_LINKS, CTL_OPT_U32, 0, INT_MAX, "0"),
	RANGE("lp_interval", IFLA_BOND_LP_INTERVAL, CTL_OPT_U32, 1, INT_MAX,
	      "1"),
	RANGE("packets_per_slave", IFLA_BOND_PACKETS_PER_SLAVE, CTL_OPT_U32,
	      0, 65535, "1"),
	NAMED("lacp_active", IFLA_BOND_AD_LACP_ACTIVE, CTL_OPT_U8,
	      nbond_onoff_values, "on"),
	NAMED("lacp_rate", IFLA_BOND_AD_LACP_RATE, CTL_OPT_U8,
	      nbond_lacp_rate_values, "slow"),
	NAMED("lacp_fallback", CTL_OPT_NBOND | NBOND_A_LACP_FALLBACK,
	      CTL_OPT_U8, nbond_lacp_fallback_values, "individual"),
	NAMED("ad_select", IFLA_BOND_AD_SELECT, CTL_OPT_U8,
	      nbond_ad_select_values, "stable"),
	RANGE("ad_actor_sys_prio", IFLA_BOND_AD_ACTOR_SYS_PRIO, CTL_OPT_U16,
	      1, 65535, "65535"),
	RANGE("ad_user_port_key", IFLA_BOND_AD_USER_PORT_KEY, CTL_OPT_U16,
	      0, 1023, "0"),
	OTHER("ad_actor_system", IFLA_BOND_AD_ACTOR_SYSTEM, CTL_OPT_MAC,
	      "00:00:00:00:00:00"),
	RANGE("tlb_dynamic_lb", IFLA_BOND_TLB_DYNAMIC_LB, CTL_OPT_U8, 0, 1,
	      "1"),
	NAMED("coupled_control", CTL_IFLA_BOND_COUPLED_CONTROL, CTL_OPT_U8,
	      nbond_onoff_values, "on"),
	{ .name = NULL }
};

const struct ctl_opt *ctl_opt_by_name(const char *name)
{
	const struct ctl_opt *o;

	for (o = ctl_opts; o->name; o++)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

const struct ctl_opt *ctl_opt_by_attr(int attr)
{
	const struct ctl_opt *o;

	for (o = ctl_opts; o->name; o++)
		if (o->attr == attr)
			return o;
	return NULL;
}

/* snprintf() at @buf + *@pos; false once the text no longer fits. */
static bool __attribute__((format(printf, 4, 5)))
ctl_append(char *buf, size_t size, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= size)
		return false;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, size - *pos, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size - *pos) {
		*pos = size;
		return false;
	}
	*pos += (size_t)n;
	return true;
}

/* "balance-rr (0), active-backup (1), ..." */
static void ctl_append_values(char *buf, size_t size, size_t *pos,
			      const struct nbond_value *v)
{
	for (; v->name; v++)
		ctl_append(buf, size, pos, "%s%s (%u)", *pos ? ", " : "",
			   v->name, v->value);
}

/* "0-255", or "0 or 1" */
static void ctl_append_range(char *buf, size_t size, size_t *pos,
			     const struct ctl_opt *opt)
{
	if (opt->max == opt->min + 1)
		ctl_append(buf, size, pos, "%u or %u", opt->min, opt->max);
	else
		ctl_append(buf, size, pos, "%u-%u", opt->min, opt->max);
}

int ctl_opt_accepted(const struct ctl_opt *opt, char *buf, size_t size)
{
	size_t pos = 0;

	if (size)
		buf[0] = '\0';
	switch (opt->type) {
	case CTL_OPT_U8:
	case CTL_OPT_U16:
	case CTL_OPT_U32:
		if (opt->values)
			ctl_append_values(buf, size, &pos, opt->values);
		else
			ctl_append_range(buf, size, &pos, opt);
		break;
	case CTL_OPT_MAC:
		ctl_append(buf, size, &pos,
			   "a unicast MAC address xx:xx:xx:xx:xx:xx");
		break;
	case CTL_OPT_PORT:
		ctl_append(buf, size, &pos,
			   "a device name, or '' for none");
		break;
	case CTL_OPT_IP4_LIST:
		ctl_append(buf, size, &pos,
			   "up to %d IPv4 addresses a.b.c.d, comma-separated, or '' for none",
			   CTL_MAX_TARGETS);
		break;
	case CTL_OPT_IP6_LIST:
		ctl_append(buf, size, &pos,
			   "up to %d IPv6 addresses, comma-separated, or '' for none",
			   CTL_MAX_TARGETS);
		break;
	}
	return pos < size ? 0 : -1;
}

/* "OPTION: WHAT; accepted: ..." into @err. */
static int __attribute__((format(printf, 4, 5)))
ctl_opt_fail(const struct ctl_opt *opt, char *err, size_t errlen,
	     const char *fmt, ...)
{
	size_t pos = 0;
	va_list ap;
	int n;

	if (!errlen)
		return -1;
	ctl_append(err, errlen, &pos, "%s: ", opt->name);
	if (pos < errlen) {
		va_start(ap, fmt);
		n = vsnprintf(err + pos, errlen - pos, fmt, ap);
		va_end(ap);
		pos = n < 0 || (size_t)n >= errlen - pos ? errlen : pos + n;
	}
	ctl_append(err, errlen, &pos, "; accepted: ");
	if (pos < errlen)
		ctl_opt_accepted(opt, err + pos, errlen - pos);
	return -1;
}

static int ctl_parse_number(const struct ctl_opt *opt, const char *text,
			    struct ctl_optval *val, char *err, size_t errlen)
{
	u32 num;
	int ret;

	if (opt->values) {
		if (nbond_value_parse(opt->values, text, &num))
			return ctl_opt_fail(opt, err, errlen,
					    "'%s' is not a valid %s", text,
					    opt->name);
		val->num = num;
		return 0;
	}
	ret = nbond_parse_u32(text, opt->min, opt->max, &num);
	if (ret == -ERANGE)
		return ctl_opt_fail(opt, err, errlen, "%s is out of range",
				    text);
	if (ret)
		return ctl_opt_fail(opt, err, errlen, "'%s' is not a number",
				    text);
	val->num = num;
	return 0;
}

static int ctl_parse_mac(const struct ctl_opt *opt, const char *text,
			 struct ctl_optval *val, char *err, size_t errlen)
{
	if (nbond_parse_mac(text, val->mac))
		return ctl_opt_fail(opt, err, errlen,
				    "'%s' is not a MAC address", text);
	if (val->mac[0] & 1)
		return ctl_opt_fail(opt, err, errlen,
				    "%s is a multicast address", text);
	return 0;
}

static int ctl_parse_port(const struct ctl_opt *opt, const char *text,
			  struct ctl_optval *val, char *err, size_t errlen)
{
	if (*text && ctl_check_ifname(opt->name, text, err, errlen))
		return -1;
	snprintf(val->port, sizeof(val->port), "%s", text);
	return 0;
}

/* Addresses the kernel refuses as targets (bonding's own rules). */
static bool ctl_target_ok(int af, const void *addr)
{
	const uint8_t *b = addr;
	static const uint8_t any6[16], loop6[16] = { [15] = 1 };

	if (af == AF_INET) {
		/* not 0.0.0.0/8, not 255.255.255.255 */
		return b[0] != 0 &&
		       !(b[0] == 255 && b[1] == 255 && b[2] == 255 &&
			 b[3] == 255);
	}
	/* not ::, not ::1, not multicast */
	return memcmp(b, any6, 16) && memcmp(b, loop6, 16) && b[0] != 0xff;
}

/*
 * Parse @text, comma-separated addresses of family @af, into @out (room
 * for CTL_MAX_TARGETS addresses of @size bytes). "" is the empty list.
 */
static int ctl_parse_list(const struct ctl_opt *opt, const char *text, int af,
			  size_t size, void *out, unsigned int *count,
			  char *err, size_t errlen)
{
	const char *family = af == AF_INET ? "IPv4" : "IPv6";
	char word[INET6_ADDRSTRLEN + 1];
	const char *p = text, *end;
	uint8_t addr[16];
	unsigned int n = 0, i;
	size_t len;

	*count = 0;
	if (!*text)
		return 0;
	for (;;) {
		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		if (!len)
			return ctl_opt_fail(opt, err, errlen,
					    "'%s' has an empty address", text);
		if (len >= sizeof(word))
			return ctl_opt_fail(opt, err, errlen,
					    "'%.*s' is not an %s address",
					    (int)len, p, family);
		memcpy(word, p, len);
		word[len] = '\0';
		if (inet_pton(af, word, addr) != 1)
			return ctl_opt_fail(opt, err, errlen,
					    "'%s' is not an %s address", word,
					    family);
		if (!ctl_target_ok(af, addr))
			return ctl_opt_fail(opt, err, errlen,
					    "%s cannot be a target", word);
		if (n == CTL_MAX_TARGETS)
			return ctl_opt_fail(opt, err, errlen,
					    "more than %d addresses",
					    CTL_MAX_TARGETS);
		for (i = 0; i < n; i++)
			if (!memcmp((uint8_t *)out + i * size, addr, size))
				return ctl_opt_fail(opt, err, errlen,
						    "%s is given twice", word);
		memcpy((uint8_t *)out + n * size, addr, size);
		n++;
		if (!end)
			break;
		p = end + 1;
	}
	*count = n;
	return 0;
}

int ctl_opt_parse(const struct ctl_opt *opt, const char *text,
		  struct ctl_optval *val, char *err, size_t errlen)
{
	memset(val, 0, sizeof(*val));
	val->opt = opt;
	if (errlen)
		err[0] = '\0';

	switch (opt->type) {
	case CTL_OPT_U8:
	case CTL_OPT_U16:
	case CTL_OPT_U32:
		return ctl_parse_number(opt, text, val, err, errlen);
	case CTL_OPT_MAC:
		return ctl_parse_mac(opt, text, val, err, errlen);
	case CTL_OPT_PORT:
		return ctl_parse_port(opt, text, val, err, errlen);
	case CTL_OPT_IP4_LIST:
		return ctl_parse_list(opt, text, AF_INET, sizeof(val->ip4[0]),
				      val->ip4, &val->count, err, errlen);
	case CTL_OPT_IP6_LIST:
		return ctl_parse_list(opt, text, AF_INET6, sizeof(val->ip6[0]),
				      val->ip6, &val->count, err, errlen);
	}
	snprintf(err, errlen, "%s: unknown option type", opt->name);
	return -1;
}

/* The addresses in the nest payload @data: "a,b,c", "" when empty. */
static int ctl_format_list(int af, size_t size, const void *data, size_t len,
			   char *buf, size_t bufsize)
{
	char text[INET6_ADDRSTRLEN];
	const uint8_t *p = data;
	struct nlattr nla;
	size_t pos = 0, step;

	while (len) {
		if (len < NLA_HDRLEN)
			return -1;
		memcpy(&nla, p, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || nla.nla_len > len ||
		    (size_t)nla.nla_len - NLA_HDRLEN != size)
			return -1;
		if (!inet_ntop(af, p + NLA_HDRLEN, text, sizeof(text)))
			return -1;
		if (!ctl_append(buf, bufsize, &pos, "%s%s", pos ? "," : "",
				text))
			return -1;
		step = NLA_ALIGN(nla.nla_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	return 0;
}

int ctl_opt_format(const struct ctl_opt *opt, const void *data, size_t len,
		   char *buf, size_t size)
{
	const uint8_t *b = data;
	const char *name;
	uint16_t u16;
	uint32_t num;
	size_t pos = 0;

	if (!size)
		return -1;
	buf[0] = '\0';

	switch (opt->type) {
	case CTL_OPT_U8:
		if (len != sizeof(uint8_t))
			return -1;
		num = b[0];
		break;
	case CTL_OPT_U16:
		if (len != sizeof(u16))
			return -1;
		memcpy(&u16, data, sizeof(u16));
		num = u16;
		break;
	case CTL_OPT_U32:
	case CTL_OPT_PORT:
		if (len != sizeof(num))
			return -1;
		memcpy(&num, data, sizeof(num));
		break;
	case CTL_OPT_MAC:
		if (len != 6)
			return -1;
		return ctl_append(buf, size, &pos,
				  "%02x:%02x:%02x:%02x:%02x:%02x",
				  b[0], b[1], b[2], b[3], b[4], b[5]) ? 0 : -1;
	case CTL_OPT_IP4_LIST:
		return ctl_format_list(AF_INET, 4, data, len, buf, size);
	case CTL_OPT_IP6_LIST:
		return ctl_format_list(AF_INET6, 16, data, len, buf, size);
	default:
		return -1;
	}

	name = opt->values ? nbond_value_name(opt->values, num) : NULL;
	if (name)
		return ctl_append(buf, size, &pos, "%s", name) ? 0 : -1;
	return ctl_append(buf, size, &pos, "%u", num) ? 0 : -1;
}
