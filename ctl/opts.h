/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: the table of bond options (kernel bonding names, values and
 * defaults) and the parsing and formatting of their values. Pure: no
 * libnl, no sockets, so that the unit tests compile it in.
 */
#ifndef BONDCTL_OPTS_H
#define BONDCTL_OPTS_H

#include <stddef.h>
#include <stdint.h>
#include <net/if.h>
#include <netinet/in.h>

#include "values.h"

#define CTL_MAX_TARGETS 16

/* How an option's value travels in IFLA_INFO_DATA. */
enum ctl_opt_type {
	CTL_OPT_U8,
	CTL_OPT_U16,
	CTL_OPT_U32,
	CTL_OPT_MAC,		/* binary, 6 bytes */
	CTL_OPT_PORT,		/* u32 ifindex, written as a device name */
	CTL_OPT_IP4_LIST,	/* nest of be32, written a.b.c.d,a.b.c.d */
	CTL_OPT_IP6_LIST,	/* nest of in6_addr, written comma-separated */
};

/*
 * The attr of an option that bonding has no IFLA_BOND_* attribute for:
 * this flag and its NBOND_A_* attribute, set with NBOND_CMD_BOND_SET.
 */
#define CTL_OPT_NBOND		0x4000
#define CTL_OPT_IS_NBOND(attr)	(((attr) & CTL_OPT_NBOND) != 0)

struct ctl_opt {
	const char *name;		/* kernel bonding option name */
	int attr;			/* IFLA_BOND_*, or CTL_OPT_NBOND | NBOND_A_* */
	enum ctl_opt_type type;
	const struct nbond_value *values; /* named values, or NULL */
	uint32_t min, max;		/* numbers: the accepted range */
	const char *def;		/* the default, as text */
};

/* A parsed value, ready to be put into a netlink message. */
struct ctl_optval {
	const struct ctl_opt *opt;
	uint32_t num;			/* U8, U16, U32 */
	uint8_t mac[6];			/* MAC */
	char port[IF_NAMESIZE];		/* PORT: "" clears it */
	unsigned int count;		/* lists */
	struct in_addr ip4[CTL_MAX_TARGETS];
	struct in6_addr ip6[CTL_MAX_TARGETS];
};

/* Every option, in the order `show -d` prints them; ends with .name NULL. */
extern const struct ctl_opt ctl_opts[];

const struct ctl_opt *ctl_opt_by_name(const char *name);
const struct ctl_opt *ctl_opt_by_attr(int attr);

/*
 * Parse @text as a value of @opt into @val. On error returns -1 and writes
 * a message that names the option and lists the accepted values (for
 * example "mode: 'foo' is not a mode; accepted: balance-rr (0), ...") into
 * @err.
 */
int ctl_opt_parse(const struct ctl_opt *opt, const char *text,
		  struct ctl_optval *val, char *err, size_t errlen);

/*
 * Describe the values @opt accepts ("balance-rr (0), active-backup (1),
 * ...", "0-255", ...) into @buf, as the help text and errors show them.
 * Returns -1 if @buf is too small (the text is then cut short).
 */
int ctl_opt_accepted(const struct ctl_opt *opt, char *buf, size_t size);

/*
 * Format the payload of @opt's attribute (@data, @len bytes, as received
 * in IFLA_INFO_DATA or NBOND_A_OPTIONS) as text: the value's name where it
 * has one, addresses in their usual notation, lists comma-separated (empty
 * string for an empty list), a port as its ifindex number (the caller maps
 * it to a name). Returns 0, or -1 if the payload is malformed or the text
 * does not fit in @size bytes.
 */
int ctl_opt_format(const struct ctl_opt *opt, const void *data, size_t len,
		   char *buf, size_t size);

#endif /* BONDCTL_OPTS_H */
