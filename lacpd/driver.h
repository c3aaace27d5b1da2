/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: the client of the driver's "nbond" generic netlink family. It
 * reads the 802.3ad bonds (their options, ports and the LACP state the
 * driver kept), attaches as their agent, sets each port's LACP state, and
 * receives the driver's events.
 */
#ifndef LACPD_DRIVER_H
#define LACPD_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>

#include "pdu.h"

#define DRV_NSTATS 9	/* NBOND_LACP_STATS_A_LACPDU_RX ... MARKER_UNKNOWN_RX */
/* A port's LACP priority when the driver does not say (bonding's). */
#define DRV_DEFAULT_PORT_PRIO 255

/* A port's LACP state, as the driver holds and shows it. */
struct drv_lacp {
	uint16_t aggregator;
	uint8_t selected;		/* enum nbond_lacp_selected */
	bool collecting;
	bool distributing;
	struct lacp_info actor;
	struct lacp_info partner;
	uint8_t actor_churn;		/* enum nbond_lacp_churn */
	uint8_t partner_churn;
	uint32_t actor_churns;		/* times the actor churned */
	uint32_t partner_churns;
	uint64_t stats[DRV_NSTATS];
};

struct drv_port {
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	uint8_t link;			/* enum nbond_link_state */
	uint32_t speed;			/* Mb/s, UINT32_MAX: unknown */
	uint8_t duplex;			/* DUPLEX_* of <linux/ethtool.h> */
	uint16_t ad_prio;		/* actor_port_prio */
	uint8_t perm_addr[LACP_ETH_ALEN];
	uint64_t link_changed_ns;	/* CLOCK_MONOTONIC; 0: not said */
	uint64_t added_ns;		/* when it joined the bond; 0: same */
	bool has_lacp;
	struct drv_lacp lacp;
};

/* An nbond bond and the options LACP reads. */
struct drv_bond {
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	uint8_t hwaddr[LACP_ETH_ALEN];
	uint8_t mode;
	uint8_t lacp_rate;		/* 0 slow, 1 fast */
	uint8_t lacp_active;		/* 0 off, 1 on */
	uint8_t ad_select;		/* 0 stable, 1 bandwidth, 2 count */
	uint8_t coupled_control;	/* 0 off, 1 on */
	uint8_t lacp_fallback;		/* enum nbond_lacp_fallback */
	uint16_t ad_actor_sys_prio;
	uint16_t ad_user_port_key;
	uint8_t ad_actor_system[LACP_ETH_ALEN];
	uint32_t agent;			/* netlink port id of the agent */
	size_t n_ports;
	struct drv_port *ports;
};

/*
 * Not the driver's events but about it: its generic netlink family went
 * away (the module was unloaded) or came back.
 */
#define DRV_EVENT_MODULE_GONE	0x10000
#define DRV_EVENT_MODULE_BACK	0x10001

struct drv_event {
	uint32_t type;			/* enum nbond_event, DRV_EVENT_* */
	uint64_t timestamp_ns;
	uint32_t bond_ifindex;
	char bond[IF_NAMESIZE];
	uint32_t port_ifindex;		/* 0: none */
	char port[IF_NAMESIZE];
	bool has_link;			/* PORT_CHANGED: the four below */
	uint8_t link;
	uint32_t speed;
	uint8_t duplex;
	uint16_t ad_prio;
};

struct drv;

struct drv *drv_open(void);
void drv_close(struct drv *d);

/*
 * The socket that carries events; drv_read_events() reads what one
 * receive holds, passes each event to @fn and returns how many messages
 * it read (0: none waiting) or a negative errno (-ENOBUFS: events lost).
 */
int drv_events_fd(const struct drv *d);
int drv_read_events(struct drv *d,
		    void (*fn)(const struct drv_event *ev, void *arg),
		    void *arg);

/* Every nbond bond of the namespace, to @fn (which may keep nothing). */
int drv_dump(struct drv *d, void (*fn)(const struct drv_bond *b, void *arg),
	     void *arg);
/* One bond by ifindex; the caller frees it with drv_bond_free(). */
int drv_get(struct drv *d, uint32_t ifindex, struct drv_bond **out);
void drv_bond_free(struct drv_bond *b);

/* Become the LACP agent of the bond. */
int drv_attach(struct drv *d, uint32_t bond_ifindex);

/* Set a port's LACP state; the driver refreshes the bond. */
int drv_lacp_set(struct drv *d, uint32_t port_ifindex,
		 const struct drv_lacp *st);

/* One port's state in a batch. */
struct drv_lacp_item {
	uint32_t ifindex;
	struct drv_lacp st;
};

/*
 * Set the states of @n ports in as few requests as fit (the counters,
 * each second). On an error the ports of the failed request and after it
 * may or may not be set: the caller sets them one by one. -EOPNOTSUPP: the
 * driver takes one port a request (it predates batches).
 */
int drv_lacp_set_many(struct drv *d, const struct drv_lacp_item *items,
		      size_t n);

#endif /* LACPD_DRIVER_H */
