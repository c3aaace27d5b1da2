/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nbond: what genl.c and genl_lacp.c, the two halves of the "nbond"
 * generic netlink family, share.
 */
#ifndef _NBOND_NBOND_GENL_H
#define _NBOND_NBOND_GENL_H

#include <net/genetlink.h>

extern const struct nla_policy nbond_lacp_policy[NBOND_LACP_A_MAX + 1];
extern const struct nla_policy nbond_port_policy[NBOND_PORT_A_MAX + 1];

/* genl.c: what a request names, or an ERR_PTR. RTNL (a port: or RCU). */
struct nbond *nbond_genl_bond(struct genl_info *info);
struct nbond_port *nbond_genl_port(struct genl_info *info, struct nlattr **tb,
				   bool rcu);

/* genl_lacp.c */
size_t nbond_genl_lacp_size(void);
int nbond_genl_put_lacp(struct sk_buff *skb, const struct nbond_port *port,
			bool ids);
int nbond_cmd_lacp_set(struct sk_buff *skb, struct genl_info *info);
int nbond_cmd_agent(struct sk_buff *skb, struct genl_info *info);
int nbond_agent_watch(void);
void nbond_agent_unwatch(void);

#endif /* _NBOND_NBOND_GENL_H */
