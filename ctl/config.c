// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: create, destroy, set, add and remove, over rtnetlink.
 *
 * Each command parses and checks all its words first (config_args.c),
 * then looks up the devices it names, and only then changes anything.
 * create and set send one RTM_NEWLINK whose IFLA_INFO_DATA carries every
 * option: the driver applies such a request all or nothing, and a create
 * whose options it refuses creates no bond. The options that bonding has
 * no IFLA_BOND_* attribute for (lacp_fallback) follow in one
 * NBOND_CMD_BOND_SET; a create that this fails deletes its bond again, and
 * set checks the mode they need before it changes anything. libnl-route's
 * bond support
 * knows few IFLA_BOND_* attributes, so these messages are built with
 * libnl's message and attribute calls.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/route/link.h>

#include "bond.h"
#include "bondctl.h"
#include "config_args.h"
#include "genl.h"
#include "lacpd_check.h"
#include "nl.h"

#define NBOND_KIND_PARAM "/sys/module/nbond/parameters/kind"
#define NBOND_KIND_DEFAULT "nbond"
#define CTL_ERRLEN 1024

/*
 * The link kind nbond registered: its "kind" module parameter, else the
 * default. Returns false when the module's parameter is not there (the
 * module is not loaded: the kernel may still load it on request).
 */
static bool ctl_nbond_kind(char *kind, size_t size)
{
	FILE *f = fopen(NBOND_KIND_PARAM, "re");
	bool found = false;

	snprintf(kind, size, "%s", NBOND_KIND_DEFAULT);
	if (!f)
		return false;
	if (fgets(kind, (int)size, f)) {
		kind[strcspn(kind, "\n")] = '\0';
		found = kind[0] != '\0';
	}
	fclose(f);
	if (!found)
		snprintf(kind, size, "%s", NBOND_KIND_DEFAULT);
	return found;
}

/* Look the device @name up; CTL_OK with *@link, else CTL_FAIL (said). */
static int ctl_get_link(struct nl_sock *sk, const char *name,
			struct rtnl_link **link)
{
	int err = rtnl_link_get_kernel(sk, 0, name, link);

	if (err == -NLE_OBJ_NOTFOUND || err == -NLE_NODEV) {
		ctl_err("%s: no such device", name);
		return CTL_FAIL;
	}
	if (err < 0) {
		ctl_err("%s: cannot read the device: %s", name,
			nl_geterror(err));
		return CTL_FAIL;
	}
	return CTL_OK;
}

/* As ctl_get_link(), and the device must be an nbond bond. */
static int ctl_get_bond(struct nl_sock *sk, const char *name,
			struct rtnl_link **link)
{
	char kind[IFNAMSIZ];
	const char *type;
	int ret;

	ret = ctl_get_link(sk, name, link);
	if (ret)
		return ret;
	ctl_nbond_kind(kind, sizeof(kind));
	type = rtnl_link_get_type(*link);
	if (!type || strcmp(type, kind)) {
		ctl_err("%s: not an nbond bond", name);
		rtnl_link_put(*link);
		*link = NULL;
		return CTL_FAIL;
	}
	return CTL_OK;
}

/* The ifindex of every PORT-type option's device, into its num. */
static int ctl_resolve_ports(struct ctl_config_args *a)
{
	struct ctl_optval *v;
	unsigned int i;

	for (i = 0; i < a->nopts; i++) {
		v = &a->opts[i];
		if (v->opt->type != CTL_OPT_PORT || !v->port[0])
			continue;
		v->num = if_nametoindex(v->port);
		if (!v->num) {
			ctl_err("%s: %s: no such device", v->opt->name,
				v->port);
			return CTL_FAIL;
		}
	}
	return CTL_OK;
}

/* A list of addresses: a nest of attributes numbered 0, 1, ... */
static int ctl_put_list(struct nl_msg *msg, int attr, const void *addrs,
			size_t size, unsigned int count)
{
	struct nlattr *nest;
	unsigned int i;
	int err;

	nest = nla_nest_start(msg, attr);
	if (!nest)
		return -NLE_NOMEM;
	for (i = 0; i < count; i++) {
		err = nla_put(msg, (int)i, (int)size,
			      (const char *)addrs + i * size);
		if (err < 0)
			return err;
	}
	/* An empty list clears the targets: keep the empty nest. */
	return nla_nest_end_keep_empty(msg, nest);
}

static int ctl_put_opt(struct nl_msg *msg, const struct ctl_optval *v)
{
	const struct ctl_opt *o = v->opt;

	switch (o->type) {
	case CTL_OPT_U8:
		return nla_put_u8(msg, o->attr, (uint8_t)v->num);
	case CTL_OPT_U16:
		return nla_put_u16(msg, o->attr, (uint16_t)v->num);
	case CTL_OPT_U32:
	case CTL_OPT_PORT:
		return nla_put_u32(msg, o->attr, v->num);
	case CTL_OPT_MAC:
		return nla_put(msg, o->attr, sizeof(v->mac), v->mac);
	case CTL_OPT_IP4_LIST:
		return ctl_put_list(msg, o->attr, v->ip4, sizeof(v->ip4[0]),
				    v->count);
	case CTL_OPT_IP6_LIST:
		return ctl_put_list(msg, o->attr, v->ip6, sizeof(v->ip6[0]),
				    v->count);
	}
	return -NLE_INVAL;
}

/* How many of @a's options are nbond's own (NBOND_CMD_BOND_SET). */
static unsigned int ctl_nbond_opts(const struct ctl_config_args *a)
{
	unsigned int i, n = 0;

	for (i = 0; i < a->nopts; i++)
		n += CTL_OPT_IS_NBOND(a->opts[i].opt->attr);
	return n;
}

/* Set @a's options of nbond's own, if any, over the nbond family. */
static int ctl_set_nbond(const struct ctl_config_args *a)
{
	struct ctl_genl g;
	int ret;

	if (!ctl_nbond_opts(a))
		return CTL_OK;
	ret = ctl_genl_open(&g);
	if (ret)
		return ret;
	ret = ctl_genl_bond_set(&g, a->bond, a->opts, a->nopts);
	ctl_genl_close(&g);
	return ret;
}

/*
 * An RTM_NEWLINK with @flags for the device @ifindex (0: new, named
 * @name) of kind @kind, with the options of @a in IFLA_INFO_DATA.
 */
static struct nl_msg *ctl_link_msg(int flags, int ifindex, const char *name,
				   const char *kind,
				   const struct ctl_config_args *a)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = ifindex,
	};
	struct nlattr *info, *data;
	struct nl_msg *msg;
	unsigned int i;

	msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK |
				 flags);
	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0)
		goto err_free;
	if (name && nla_put_string(msg, IFLA_IFNAME, name) < 0)
		goto err_free;

	info = nla_nest_start(msg, IFLA_LINKINFO);
	if (!info || nla_put_string(msg, IFLA_INFO_KIND, kind) < 0)
		goto err_free;
	if (a->nopts > ctl_nbond_opts(a)) {
		data = nla_nest_start(msg, IFLA_INFO_DATA);
		if (!data)
			goto err_free;
		for (i = 0; i < a->nopts; i++)
			if (!CTL_OPT_IS_NBOND(a->opts[i].opt->attr) &&
			    ctl_put_opt(msg, &a->opts[i]) < 0)
				goto err_free;
		if (nla_nest_end(msg, data) < 0)
			goto err_free;
	}
	if (nla_nest_end(msg, info) < 0)
		goto err_free;
	return msg;

err_free:
	nlmsg_free(msg);
	return NULL;
}

/* The mode @a sets, or -1. */
static int ctl_args_mode(const struct ctl_config_args *a)
{
	unsigned int i;

	for (i = 0; i < a->nopts; i++)
		if (a->opts[i].opt->attr == IFLA_BOND_MODE)
			return (int)a->opts[i].num;
	return -1;
}

/* Does the create request make an 802.3ad bond? */
static bool wants_lacp(const struct ctl_config_args *a)
{
	return ctl_args_mode(a) == CTL_MODE_8023AD;
}

/* Delete the bond @name that create made, after a refused option. */
static void ctl_undo_create(struct nl_sock *sk, const char *name)
{
	struct rtnl_link *link = rtnl_link_alloc();

	if (!link)
		return;
	rtnl_link_set_name(link, name);
	if (rtnl_link_delete(sk, link) < 0)
		ctl_err("%s: cannot delete it again", name);
	else
		ctl_err("%s: not created", name);
	rtnl_link_put(link);
}

/*
 * set: the options of nbond's own apply to 802.3ad only, which the mode
 * that @a sets, or else the bond's, must be; checked before anything
 * changes, so that a refusal leaves the bond as it was.
 */
static int ctl_check_nbond_mode(const struct ctl_config_args *a)
{
	struct ctl_bond *b = NULL;
	struct ctl_genl g;
	unsigned int i;
	int mode, ret;

	if (!ctl_nbond_opts(a))
		return CTL_OK;
	mode = ctl_args_mode(a);
	if (mode < 0) {
		ret = ctl_genl_open(&g);
		if (ret)
			return ret;
		ret = ctl_genl_get(&g, a->bond, &b);
		ctl_genl_close(&g);
		if (ret)
			return ret;
		mode = ctl_bond_mode(b);
		ctl_bond_free(b);
	}
	if (mode == CTL_MODE_8023AD)
		return CTL_OK;
	for (i = 0; i < a->nopts; i++)
		if (CTL_OPT_IS_NBOND(a->opts[i].opt->attr))
			break;
	ctl_err("%s: %s applies only to 802.3ad", a->bond,
		a->opts[i].opt->name);
	return CTL_REFUSED;
}

int cmd_create(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_config_args a;
	char err[CTL_ERRLEN], kind[IFNAMSIZ];
	struct nl_sock *sk;
	struct nl_msg *msg;
	bool loaded;
	int ret;

	(void)ctl;
	if (ctl_args_create(argc, argv, &a, err, sizeof(err)))
		return ctl_usage("%s", err);

	ret = ctl_resolve_ports(&a);
	if (ret)
		return ret;
	loaded = ctl_nbond_kind(kind, sizeof(kind));

	sk = ctl_nl_open(NETLINK_ROUTE);
	if (!sk)
		return CTL_FAIL;
	msg = ctl_link_msg(NLM_F_CREATE | NLM_F_EXCL, 0, a.bond, kind, &a);
	if (!msg) {
		ctl_err("%s: cannot build the request: %s", a.bond,
			strerror(ENOMEM));
		ret = CTL_FAIL;
		goto out;
	}
	/* An existing NAME is the kernel's to refuse (EEXIST), race-free. */
	ret = ctl_nl_transact(sk, msg, a.bond, NULL, NULL);
	if (ret == CTL_REFUSED && errno == EOPNOTSUPP && !loaded)
		ctl_err("is the nbond module loaded? (modprobe nbond)");
	if (!ret) {
		ret = ctl_set_nbond(&a);
		if (ret)
			ctl_undo_create(sk, a.bond);
	}
	if (!ret && wants_lacp(&a) && !ctl_lacpd_runs(a.bond))
		ctl_err("%s: warning: no lacpd runs for it in this network namespace; it negotiates nothing and carries no traffic until one does (lacpd(8))",
			a.bond);
out:
	nl_socket_free(sk);
	return ret;
}

int cmd_set(struct ctl *ctl, int argc, char **argv)
{
	struct rtnl_link *bond = NULL;
	struct ctl_config_args a;
	char err[CTL_ERRLEN];
	struct nl_sock *sk;
	struct nl_msg *msg;
	int ret;

	(void)ctl;
	if (ctl_args_set(argc, argv, &a, err, sizeof(err)))
		return ctl_usage("%s", err);

	sk = ctl_nl_open(NETLINK_ROUTE);
	if (!sk)
		return CTL_FAIL;
	ret = ctl_get_bond(sk, a.bond, &bond);
	if (ret)
		goto out;
	ret = ctl_resolve_ports(&a);
	if (ret)
		goto out;
	ret = ctl_check_nbond_mode(&a);
	if (ret)
		goto out;

	if (a.nopts > ctl_nbond_opts(&a)) {
		msg = ctl_link_msg(0, rtnl_link_get_ifindex(bond), NULL,
				   rtnl_link_get_type(bond), &a);
		if (!msg) {
			ctl_err("%s: cannot build the request: %s", a.bond,
				strerror(ENOMEM));
			ret = CTL_FAIL;
			goto out;
		}
		ret = ctl_nl_transact(sk, msg, a.bond, NULL, NULL);
		if (ret)
			goto out;
	}
	ret = ctl_set_nbond(&a);
out:
	if (bond)
		rtnl_link_put(bond);
	nl_socket_free(sk);
	return ret;
}

int cmd_destroy(struct ctl *ctl, int argc, char **argv)
{
	struct rtnl_link *bond = NULL;
	struct ctl_config_args a;
	char err[CTL_ERRLEN];
	struct nl_sock *sk;
	struct nl_msg *msg;
	int ret, nlerr;

	(void)ctl;
	if (ctl_args_destroy(argc, argv, &a, err, sizeof(err)))
		return ctl_usage("%s", err);

	sk = ctl_nl_open(NETLINK_ROUTE);
	if (!sk)
		return CTL_FAIL;
	ret = ctl_get_bond(sk, a.bond, &bond);
	if (ret)
		goto out;
	nlerr = rtnl_link_build_delete_request(bond, &msg);
	if (nlerr < 0) {
		ctl_err("%s: cannot build the request: %s", a.bond,
			nl_geterror(nlerr));
		ret = CTL_FAIL;
		goto out;
	}
	ret = ctl_nl_transact(sk, msg, a.bond, NULL, NULL);
out:
	if (bond)
		rtnl_link_put(bond);
	nl_socket_free(sk);
	return ret;
}

/* Make @port a port of the bond @master, or release it when 0. */
static int ctl_set_master(struct nl_sock *sk, struct rtnl_link *port,
			  int master, const char *what)
{
	struct rtnl_link *change;
	struct nl_msg *msg;
	int err;

	change = rtnl_link_alloc();
	if (!change) {
		ctl_err("%s: %s", what, strerror(ENOMEM));
		return CTL_FAIL;
	}
	rtnl_link_set_master(change, master);
	err = rtnl_link_build_change_request(port, change, 0, &msg);
	rtnl_link_put(change);
	if (err < 0) {
		ctl_err("%s: cannot build the request: %s", what,
			nl_geterror(err));
		return CTL_FAIL;
	}
	return ctl_nl_transact(sk, msg, what, NULL, NULL);
}

/* The devices of @a->ports, looked up into @links (room for nports). */
static int ctl_get_ports(struct nl_sock *sk, const struct ctl_config_args *a,
			 struct rtnl_link **links)
{
	int i, ret;

	for (i = 0; i < a->nports; i++) {
		ret = ctl_get_link(sk, a->ports[i], &links[i]);
		if (ret)
			return ret;
	}
	return CTL_OK;
}

static void ctl_put_links(struct rtnl_link **links, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (links[i])
			rtnl_link_put(links[i]);
}

/* add: none of the ports may have a master yet. */
static int ctl_check_free(const struct ctl_config_args *a,
			  struct rtnl_link **links, int bond)
{
	char name[IF_NAMESIZE];
	int i, master;

	for (i = 0; i < a->nports; i++) {
		master = rtnl_link_get_master(links[i]);
		if (!master)
			continue;
		if (master == bond)
			ctl_err("%s: %s is already a port of %s", a->bond,
				a->ports[i], a->bond);
		else
			ctl_err("%s: %s already belongs to %s; remove it from there first",
				a->bond, a->ports[i],
				if_indextoname(master, name) ?
				name : "another device");
		return CTL_FAIL;
	}
	return CTL_OK;
}

/* Release ports[0..@n-1] again after a failed add. */
static void ctl_undo_add(struct nl_sock *sk, const struct ctl_config_args *a,
			 struct rtnl_link **links, int n)
{
	char what[2 * IF_NAMESIZE + 32];

	while (n-- > 0) {
		snprintf(what, sizeof(what), "%s: releasing %s again",
			 a->bond, a->ports[n]);
		if (ctl_set_master(sk, links[n], 0, what) == CTL_OK)
			ctl_err("%s: released %s again", a->bond,
				a->ports[n]);
	}
}

/* Check that every port is a port of @bond_ifindex before removing any. */
static int ctl_check_ours(const struct ctl_config_args *a,
			  struct rtnl_link **links, int bond_ifindex)
{
	int i;

	for (i = 0; i < a->nports; i++) {
		if (rtnl_link_get_master(links[i]) != bond_ifindex) {
			ctl_err("%s: %s is not a port of %s", a->bond,
				a->ports[i], a->bond);
			return CTL_FAIL;
		}
	}
	return CTL_OK;
}

/* Enslave every port to the bond; undo them all if one is refused. */
static int ctl_add_ports(struct nl_sock *sk, const struct ctl_config_args *a,
			 struct rtnl_link **links, int bond_ifindex)
{
	char what[2 * IF_NAMESIZE + 16];
	int i, ret;

	ret = ctl_check_free(a, links, bond_ifindex);
	for (i = 0; !ret && i < a->nports; i++) {
		snprintf(what, sizeof(what), "%s: adding %s", a->bond,
			 a->ports[i]);
		ret = ctl_set_master(sk, links[i], bond_ifindex, what);
		if (ret)
			ctl_undo_add(sk, a, links, i);
	}
	return ret;
}

static int ctl_remove_ports(struct nl_sock *sk,
			    const struct ctl_config_args *a,
			    struct rtnl_link **links, int bond_ifindex)
{
	char what[2 * IF_NAMESIZE + 16];
	int i, ret;

	ret = ctl_check_ours(a, links, bond_ifindex);
	for (i = 0; !ret && i < a->nports; i++) {
		snprintf(what, sizeof(what), "%s: removing %s", a->bond,
			 a->ports[i]);
		ret = ctl_set_master(sk, links[i], 0, what);
	}
	return ret;
}

/*
 * add and remove: look the bond and every port up before changing
 * anything, then let @change do the work.
 */
static int ctl_change_ports(const struct ctl_config_args *a,
			    int (*change)(struct nl_sock *sk,
					  const struct ctl_config_args *a,
					  struct rtnl_link **links,
					  int bond_ifindex))
{
	struct rtnl_link *bond = NULL, **links = NULL;
	struct nl_sock *sk;
	int ret;

	sk = ctl_nl_open(NETLINK_ROUTE);
	if (!sk)
		return CTL_FAIL;
	links = calloc((size_t)a->nports, sizeof(*links));
	if (!links) {
		ctl_err("%s: %s", a->bond, strerror(ENOMEM));
		ret = CTL_FAIL;
		goto out;
	}
	ret = ctl_get_bond(sk, a->bond, &bond);
	if (ret)
		goto out;
	ret = ctl_get_ports(sk, a, links);
	if (ret)
		goto out;
	ret = change(sk, a, links, rtnl_link_get_ifindex(bond));
out:
	if (links)
		ctl_put_links(links, a->nports);
	free(links);
	if (bond)
		rtnl_link_put(bond);
	nl_socket_free(sk);
	return ret;
}

int cmd_add(struct ctl *ctl, int argc, char **argv)
{
	char err[CTL_ERRLEN];
	struct ctl_config_args a;

	(void)ctl;
	if (ctl_args_add(argc, argv, &a, err, sizeof(err)))
		return ctl_usage("%s", err);
	return ctl_change_ports(&a, ctl_add_ports);
}

int cmd_remove(struct ctl *ctl, int argc, char **argv)
{
	char err[CTL_ERRLEN];
	struct ctl_config_args a;

	(void)ctl;
	if (ctl_args_remove(argc, argv, &a, err, sizeof(err)))
		return ctl_usage("%s", err);
	return ctl_change_ports(&a, ctl_remove_ports);
}
