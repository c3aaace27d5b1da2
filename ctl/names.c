// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: the words for the numbers of the nbond family.
 *
 * The tables are indexed by value, so that each word sits next to the
 * enum constant it stands for; a hole or a number past the end prints as
 * the number.
 */
#include <stdio.h>
#include <linux/ethtool.h>

#include <linux/nbond.h>

#include "names.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const char *const link_names[] = {
	[NBOND_LINK_STATE_UP]		= "up",
	[NBOND_LINK_STATE_FAIL]		= "fail",
	[NBOND_LINK_STATE_DOWN]		= "down",
	[NBOND_LINK_STATE_BACK]		= "back",
};

static const char *const role_names[] = {
	[NBOND_PORT_ROLE_ACTIVE]	= "active",
	[NBOND_PORT_ROLE_BACKUP]	= "backup",
};

static const char *const admin_names[] = {
	[NBOND_ADMIN_UP]		= "up",
	[NBOND_ADMIN_DOWN]		= "down",
};

static const char *const event_names[] = {
	[NBOND_EVENT_BOND_CREATED]	= "bond-created",
	[NBOND_EVENT_BOND_DELETED]	= "bond-deleted",
	[NBOND_EVENT_BOND_CHANGED]	= "bond-changed",
	[NBOND_EVENT_PORT_ADDED]	= "port-added",
	[NBOND_EVENT_PORT_REMOVED]	= "port-removed",
	[NBOND_EVENT_PORT_UP]		= "port-up",
	[NBOND_EVENT_PORT_DOWN]		= "port-down",
	[NBOND_EVENT_ACTIVE_CHANGED]	= "active-changed",
	[NBOND_EVENT_CARRIER_CHANGED]	= "carrier-changed",
	[NBOND_EVENT_PORT_CHANGED]	= "port-changed",
};

static const char *const cause_names[] = {
	[NBOND_CAUSE_NONE]		= "none",
	[NBOND_CAUSE_CARRIER]		= "carrier",
	[NBOND_CAUSE_MIIMON]		= "miimon",
	[NBOND_CAUSE_ADMIN]		= "admin",
	[NBOND_CAUSE_ARP]		= "arp",
	[NBOND_CAUSE_NS]		= "ns",
	[NBOND_CAUSE_LACP]		= "lacp",
	[NBOND_CAUSE_CONFIG]		= "config",
	[NBOND_CAUSE_PORT_ADDED]	= "port-added",
	[NBOND_CAUSE_PORT_REMOVED]	= "port-removed",
};

static const char *const selected_names[] = {
	[NBOND_LACP_UNSELECTED]		= "unselected",
	[NBOND_LACP_SELECTED]		= "selected",
	[NBOND_LACP_STANDBY]		= "standby",
};

static const char *const churn_names[] = {
	[NBOND_LACP_CHURN_MONITOR]	= "monitoring",
	[NBOND_LACP_CHURN_CHURNED]	= "churned",
	[NBOND_LACP_CHURN_NONE]		= "none",
};

/* The letters of the LACP state bits, bit 0 first. */
static const char lacp_state_letters[] = "ATGSCDFE";

static const char *lookup(const char *const *tbl, size_t n, uint32_t value,
			  char buf[CTL_NAME_BUFLEN])
{
	if (value < n && tbl[value])
		return tbl[value];
	snprintf(buf, CTL_NAME_BUFLEN, "%u", value);
	return buf;
}

const char *ctl_link_name(uint32_t value, char buf[CTL_NAME_BUFLEN])
{
	return lookup(link_names, ARRAY_SIZE(link_names), value, buf);
}

const char *ctl_role_name(uint32_t value, char buf[CTL_NAME_BUFLEN])
{
	return lookup(role_names, ARRAY_SIZE(role_names), value, buf);
}

const char *ctl_admin_name(uint32_t value, char buf[CTL_NAME_BUFLEN])
{
	return lookup(admin_names, ARRAY_SIZE(admin_names), value, buf);
}

const char *ctl_event_name(uint32_t value, char buf[CTL_NAME_BUFLEN])
{
	return lookup(event_names, ARRAY_SIZE(event_names), value, buf);
}

const char *ctl_cause_name(uint32_t value, char buf[CTL_NAME_BUFLEN])
{
	return lookup(cause_names, ARRAY_SIZE(cause_names), value, buf);
}

const char *ctl_selected_name(uint32_t value, char buf[CTL_NAME_BUFLEN])
{
	return lookup(selected_names, ARRAY_SIZE(selected_names), value, buf);
}

const char *ctl_churn_name(uint32_t value, char buf[CTL_NAME_BUFLEN])
{
	return lookup(churn_names, ARRAY_SIZE(churn_names), value, buf);
}

const char *ctl_duplex_name(uint8_t value)
{
	switch (value) {
	case DUPLEX_HALF:
		return "half";
	case DUPLEX_FULL:
		return "full";
	default:
		return "unknown";
	}
}

const char *ctl_lacp_state_text(uint8_t state,
				char buf[CTL_LACP_STATE_BUFLEN])
{
	char *p = buf + snprintf(buf, CTL_LACP_STATE_BUFLEN, "0x%02x ", state);
	unsigned int bit;

	for (bit = 0; bit < 8; bit++)
		*p++ = state & (1u << bit) ? lacp_state_letters[bit] : '-';
	*p = '\0';
	return buf;
}
