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

/* What a request asks beyond parameter values. */
struct nbond_request {
	struct nbond_params p;
	bool set_active;
	struct nbond_port *active;
};

struct nbond_opt {
	const char *name;
	int attr;			/* IFLA_BOND_* */
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

/* The value of the plain-number option @o (not a special one) in @p. */
u32 nbond_opt_get(const struct nbond_params *p, const struct nbond_opt *o);
/* Store @val, already checked, as the value of @o in @p (no lock). */
void nbond_opt_put(struct nbond_params *p, const struct nbond_opt *o, u32 val);

/* options.c: primary by name (sysfs), RTNL. */
int nbond_opt_set_primary_name(struct nbond *bond, const char *name,
			       struct netlink_ext_ack *extack);

/* options_text.c */
int nbond_opt_set_text(struct nbond *bond, const char *name, char *text);
ssize_t nbond_opt_show_text(const struct nbond *bond, const char *name,
			    char *buf);

#endif /* _NBOND_OPTIONS_H */
