// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: helpers on the plain bond structs of bond.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/netlink.h>

#include <linux/nbond.h>

#include "bond.h"
#include "opts.h"

void ctl_bond_free(struct ctl_bond *bond)
{
	if (!bond)
		return;
	free(bond->options);
	free(bond->ports);
	free(bond);
}

void ctl_bonds_free(struct ctl_bond *bonds, size_t n)
{
	size_t i;

	if (!bonds)
		return;
	for (i = 0; i < n; i++) {
		free(bonds[i].options);
		free(bonds[i].ports);
	}
	free(bonds);
}

int ctl_bond_join(struct ctl_bond *into, struct ctl_bond *from)
{
	struct ctl_port *ports;

	if (from->n_ports) {
		ports = realloc(into->ports, (into->n_ports + from->n_ports) *
					     sizeof(*ports));
		if (!ports)
			return -1;
		memcpy(ports + into->n_ports, from->ports,
		       from->n_ports * sizeof(*ports));
		into->ports = ports;
		into->n_ports += from->n_ports;
	}
	free(from->options);
	free(from->ports);
	memset(from, 0, sizeof(*from));
	return 0;
}

const struct ctl_port *ctl_bond_port(const struct ctl_bond *bond,
				     uint32_t ifindex)
{
	size_t i;

	if (!ifindex)
		return NULL;
	for (i = 0; i < bond->n_ports; i++)
		if (bond->ports[i].ifindex == ifindex)
			return &bond->ports[i];
	return NULL;
}

const struct ctl_port *ctl_bond_port_by_name(const struct ctl_bond *bond,
					     const char *name)
{
	size_t i;

	for (i = 0; i < bond->n_ports; i++)
		if (!strcmp(bond->ports[i].name, name))
			return &bond->ports[i];
	return NULL;
}

const char *ctl_bond_active_name(const struct ctl_bond *bond)
{
	const struct ctl_port *p = ctl_bond_port(bond, bond->active_ifindex);

	return p ? p->name : NULL;
}

bool ctl_port_ready(const struct ctl_port *port)
{
	if (port->usable)
		return true;
	return port->admin == NBOND_ADMIN_UP &&
	       port->link == NBOND_LINK_STATE_UP;
}

const void *ctl_bond_option(const struct ctl_bond *bond, int attr,
			    size_t *len)
{
	const unsigned char *p = bond->options;
	size_t left = bond->options_len, step;
	struct nlattr nla;

	if (attr == (CTL_OPT_NBOND | NBOND_A_LACP_FALLBACK)) {
		*len = sizeof(bond->lacp_fallback);
		return bond->has_lacp_fallback ? &bond->lacp_fallback : NULL;
	}

	while (p && left >= NLA_HDRLEN) {
		memcpy(&nla, p, sizeof(nla));
		if (nla.nla_len < NLA_HDRLEN || nla.nla_len > left)
			break;
		if ((nla.nla_type & NLA_TYPE_MASK) == attr) {
			*len = nla.nla_len - NLA_HDRLEN;
			return p + NLA_HDRLEN;
		}
		step = NLA_ALIGN(nla.nla_len);
		if (step >= left)
			break;
		left -= step;
		p += step;
	}
	return NULL;
}

int ctl_bond_mode(const struct ctl_bond *bond)
{
	const unsigned char *mode;
	size_t len;

	mode = ctl_bond_option(bond, IFLA_BOND_MODE, &len);
	if (!mode || len < 1)
		return -1;
	return mode[0];
}

bool ctl_bond_is_8023ad(const struct ctl_bond *bond)
{
	return ctl_bond_mode(bond) == CTL_MODE_8023AD;
}

const char *ctl_ifname(const struct ctl_bond *bond, uint32_t ifindex,
		       char buf[IF_NAMESIZE])
{
	const struct ctl_port *p = bond ? ctl_bond_port(bond, ifindex) : NULL;

	if (p) {
		snprintf(buf, IF_NAMESIZE, "%s", p->name);
		return buf;
	}
	if (ifindex && if_indextoname(ifindex, buf))
		return buf;
	snprintf(buf, IF_NAMESIZE, "%u", ifindex);
	return buf;
}
