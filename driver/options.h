/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nbond: the options table's entries (options.c), for the files that give
 * the same options another spelling: sysfs (options_text.c) and module
 * parameters (params.c).
 */
#ifndef _NBOND_OPTIONS_H
#define _NBOND_OPTIONS_H

#include "nbond.h"
#include "values.h"

enum {
	OPT_IFDOWN = BIT(0),	/* only while the bond is down */
	OPT_NOPORTS = BIT(1),	/* only while the bond has no ports */
};

/*
 * Options that bonding has no IFLA_BOND_* attribute for, numbered after
 * every one of them: they appear only in the option arrays that the
 * driver builds itself (sysfs writes, NBOND_CMD_BOND_SET), never in a
 * request from rtnetlink, which cannot carry them.
 */
enum {
	NBOND_OPT_LACP_FALLBACK = IFLA_BOND_MAX + 1,

	__NBOND_OPT_MAX,
	NBOND_OPT_MAX = __NBOND_OPT_MAX - 1
};

/* What a request asks beyond parameter values. */
struct nbond_request {
	struct nbond_params p;
	bool set_active;
	struct nbond_port *active;
};

struct nbond_opt {
	const char *name;
	int attr;			/* IFLA_BOND_* or NBOND_OPT_* */
	const struct nbond_value *values;
	u32 min, max, def;
	u32 modes;			/* BIT(mode) of the modes it applies to */
	u32 flags;
	size_t offset;			/* of its u32 in struct nbond_params */
	/* Messages, static so that every supported kernel can show them. */
	const char *bad_value;
	const char *bad_mode;
	/* Options that are not a plain number: parse @nla into @req. */
	int (*parse)(struct nbond *bond, struct nbond_request *req,
		     const struct nlattr *nla, struct netlink_ext_ack *extack);
};

/* The option named @name, or NULL. */
const struct nbond_opt *nbond_opt_find(const char *name);

/* The netlink type of the option numbered @attr: NLA_U8, NLA_U16... */
int nbond_opt_nla_type(int attr);

/* The value of the plain-number option @o (not a special one) in @p. */
u32 nbond_opt_get(const struct nbond_params *p, const struct nbond_opt *o);
/* Store @val, already checked, as the value of @o in @p (no lock). */
void nbond_opt_put(struct nbond_params *p, const struct nbond_opt *o, u32 val);

/*
 * options.c: set the options in @data, an array indexed by attribute up
 * to @maxattr (IFLA_BOND_MAX for rtnetlink's, NBOND_OPT_MAX for the
 * driver's own); all or nothing. RTNL.
 */
int nbond_opts_set(struct nbond *bond, struct nlattr *data[], int maxattr,
		   struct netlink_ext_ack *extack);

/* options.c: primary by name (sysfs), RTNL. */
int nbond_opt_set_primary_name(struct nbond *bond, const char *name,
			       struct netlink_ext_ack *extack);

/* options_text.c */
int nbond_opt_set_text(struct nbond *bond, const char *name, char *text);
ssize_t nbond_opt_show_text(const struct nbond *bond, const char *name,
			    char *buf);

#endif /* _NBOND_OPTIONS_H */
