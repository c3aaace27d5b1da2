/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: a bond, its ports and an event of the nbond family as plain
 * structs. genl.c fills them from netlink; everything that prints or
 * computes works on them alone, so that the unit tests can build them by
 * hand. Pure.
 */
#ifndef BONDCTL_BOND_H
#define BONDCTL_BOND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>

/* BOND_MODE_8023AD; <linux/if_bonding.h> clashes with <net/if.h>. */
#define CTL_MODE_8023AD 4

#define CTL_HWADDR_MAX 32	/* MAX_ADDR_LEN */
#define CTL_SPEED_UNKNOWN UINT32_MAX
#define CTL_DUPLEX_UNKNOWN 0xff
#define CTL_LACP_SYSTEM_LEN 6	/* an 802.1AX System ID: a MAC address */

/* NBOND_STATS_A_* */
struct ctl_stats {
	uint64_t rx_packets;
	uint64_t tx_packets;
	uint64_t rx_bytes;
	uint64_t tx_bytes;
	uint64_t rx_dropped;
	uint64_t tx_dropped;
	uint64_t rx_nohandler;
};

/* NBOND_LACP_INFO_A_*: the Actor or Partner Information of 802.1AX. */
struct ctl_lacp_info {
	/* The driver gives the system only to CAP_NET_ADMIN. */
	bool has_system;
	uint16_t system_prio;
	uint8_t system[CTL_LACP_SYSTEM_LEN];
	uint16_t key;
	uint16_t port_prio;
	uint16_t port;
	uint8_t state;			/* Actor_State, Partner_State */
};

/* NBOND_LACP_STATS_A_* */
struct ctl_lacp_stats {
	uint64_t lacpdu_rx;
	uint64_t lacpdu_tx;
	uint64_t lacpdu_unknown_rx;
	uint64_t lacpdu_illegal_rx;
	uint64_t marker_rx;
	uint64_t marker_tx;
	uint64_t marker_resp_rx;
	uint64_t marker_resp_tx;
	uint64_t marker_unknown_rx;
};

/* NBOND_LACP_A_*: what the LACP agent decided for a port (802.3ad). */
struct ctl_lacp {
	uint16_t aggregator;		/* 0: none */
	uint8_t selected;		/* enum nbond_lacp_selected */
	bool collecting;
	bool distributing;
	struct ctl_lacp_info actor;
	struct ctl_lacp_info partner;
	/* Churn Detection; an older driver reports none of it */
	bool has_churn;
	uint8_t actor_churn;		/* enum nbond_lacp_churn */
	uint8_t partner_churn;
	uint32_t actor_churns;		/* times the actor churned */
	uint32_t partner_churns;
	struct ctl_lacp_stats stats;
};

/* NBOND_PORT_A_* */
struct ctl_port {
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	uint8_t link;			/* enum nbond_link_state */
	uint8_t role;			/* enum nbond_port_role */
	uint8_t admin;			/* enum nbond_admin_state */
	bool usable;
	int32_t prio;
	uint16_t queue_id;
	uint16_t ad_prio;		/* actor_port_prio */
	uint32_t link_cause;		/* enum nbond_cause; 0: none yet */
	uint32_t speed;			/* Mb/s, or CTL_SPEED_UNKNOWN */
	uint8_t duplex;			/* DUPLEX_*; unknown: 0xff */
	uint8_t perm_hwaddr[CTL_HWADDR_MAX];
	size_t perm_hwaddr_len;
	uint32_t link_failures;
	uint64_t link_changed_ns;	/* CLOCK_MONOTONIC; 0: unknown */
	uint64_t added_ns;
	struct ctl_stats stats;
	bool has_lacp;			/* NBOND_PORT_A_LACP was there */
	struct ctl_lacp lacp;
};

/* The reply to NBOND_CMD_GET. */
struct ctl_bond {
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	bool carrier;
	uint32_t active_ifindex;	/* 0: no active port */
	uint64_t changed_ns;		/* CLOCK_MONOTONIC; 0: unknown */
	struct ctl_stats stats;
	uint8_t hwaddr[CTL_HWADDR_MAX];
	size_t hwaddr_len;		/* 0: not reported */
	bool has_lacp_agent;		/* reported (802.3ad only) */
	uint32_t lacp_agent;		/* netlink port id; 0: none */
	bool has_lacp_fallback;		/* reported (a driver that has it) */
	uint8_t lacp_fallback;		/* enum nbond_lacp_fallback */
	void *options;			/* NBOND_A_OPTIONS: IFLA_BOND_* */
	size_t options_len;
	struct ctl_port *ports;
	size_t n_ports;
};

/*
 * NBOND_CMD_EVENT. Absent ports have ifindex 0 and an empty name; speed and
 * duplex are unknown unless the event carries them.
 */
struct ctl_event {
	uint32_t type;			/* enum nbond_event */
	uint64_t timestamp_ns;		/* CLOCK_MONOTONIC */
	uint32_t bond_ifindex;
	char bond[IF_NAMESIZE];
	uint32_t port_ifindex;
	char port[IF_NAMESIZE];
	uint32_t old_port_ifindex;
	char old_port[IF_NAMESIZE];
	bool has_cause;
	uint32_t cause;			/* enum nbond_cause */
	bool has_carrier;
	bool carrier;
	/* PORT_CHANGED: the port's MII state, speed and duplex. */
	bool has_link;
	uint8_t link;			/* enum nbond_link_state */
	uint32_t speed;			/* Mb/s, or CTL_SPEED_UNKNOWN */
	uint8_t duplex;			/* DUPLEX_*; unknown: 0xff */
};

/* What NBOND_CMD_PORT_SET changes; only the fields marked set are sent. */
struct ctl_port_req {
	char port[IF_NAMESIZE];
	bool set_admin;
	uint8_t admin;			/* enum nbond_admin_state */
	bool set_prio;
	int32_t prio;
	bool set_queue_id;
	uint16_t queue_id;
	bool set_ad_prio;
	uint16_t ad_prio;
};

/* Free what the bond points to, and the bond itself. NULL is fine. */
void ctl_bond_free(struct ctl_bond *bond);
/* Free @n bonds in an array, then the array. */
void ctl_bonds_free(struct ctl_bond *bonds, size_t n);
/*
 * @from is the next message of @into's bond (the driver splits a bond of
 * many ports): its ports go after @into's, and @from is emptied. 0, or
 * -1 out of memory (both left as they were).
 */
int ctl_bond_join(struct ctl_bond *into, struct ctl_bond *from);

const struct ctl_port *ctl_bond_port(const struct ctl_bond *bond,
				     uint32_t ifindex);
const struct ctl_port *ctl_bond_port_by_name(const struct ctl_bond *bond,
					     const char *name);
/* The name of the active port, or NULL when there is none. */
const char *ctl_bond_active_name(const struct ctl_bond *bond);

/*
 * Whether @port could carry traffic: the driver says it is usable, or it
 * is admin up with its link up (a backup of active-backup, ready to take
 * over).
 */
bool ctl_port_ready(const struct ctl_port *port);

/*
 * The payload of option @attr (IFLA_BOND_*, or an nbond option's
 * CTL_OPT_NBOND attr) in the bond's options, or NULL; *@len gets its
 * length.
 */
const void *ctl_bond_option(const struct ctl_bond *bond, int attr,
			    size_t *len);
/* The bond's mode (IFLA_BOND_MODE), or -1 when it was not reported. */
int ctl_bond_mode(const struct ctl_bond *bond);
/* Whether the bond is in mode 802.3ad, where LACP decides. */
bool ctl_bond_is_8023ad(const struct ctl_bond *bond);

/*
 * The name of the device @ifindex for display: a port of @bond, else the
 * system's name, else the number. Returns @buf.
 */
const char *ctl_ifname(const struct ctl_bond *bond, uint32_t ifindex,
		       char buf[IF_NAMESIZE]);

#endif /* BONDCTL_BOND_H */
