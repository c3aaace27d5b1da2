/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * nbond: the runtime generic netlink family "nbond".
 *
 * Configuration (creating bonds, options, enslaving) goes over rtnetlink
 * with the kernel bonding driver's IFLA_BOND_* attributes. This family
 * reports state and events, and sets what rtnetlink has no place for.
 *
 * Commands
 *
 *   NBOND_CMD_GET        doit: one bond, named by NBOND_A_IFINDEX or
 *                        NBOND_A_IFNAME; -EMSGSIZE if its reply would
 *                        pass 32 KiB (many ports): dump it instead.
 *                        dumpit: every nbond bond of the caller's network
 *                        namespace, or the one that NBOND_A_IFINDEX or
 *                        NBOND_A_IFNAME names. Reply: a bond (below). A
 *                        dump splits a big bond over several messages:
 *                        each has the bond's attributes and the next of
 *                        its ports, in order; readers join the messages
 *                        of one ifindex. NLM_F_DUMP_INTR: bonds or ports
 *                        came or went during the dump; read it again.
 *   NBOND_CMD_PORT_SET   NBOND_A_PORT with the port's NBOND_PORT_A_IFINDEX
 *                        or NBOND_PORT_A_IFNAME and any of NBOND_PORT_A_ADMIN,
 *                        NBOND_PORT_A_PRIO, NBOND_PORT_A_QUEUE_ID,
 *                        NBOND_PORT_A_AD_PRIO (802.3ad only). Admin.
 *   NBOND_CMD_EVENT      sent to the multicast group "events" only (and
 *                        those an LACP agent acts on to "agent" too).
 *   NBOND_CMD_AGENT      NBOND_A_IFINDEX: the sending socket becomes the
 *                        bond's LACP agent (802.3ad), until it closes.
 *                        While another socket is the agent: -EBUSY,
 *                        unless NBOND_A_AGENT_TAKEOVER is given. Admin.
 *   NBOND_CMD_LACP_SET   NBOND_A_PORT with NBOND_PORT_A_IFINDEX and
 *                        NBOND_PORT_A_LACP: what the LACP agent decided
 *                        for one port of an 802.3ad bond. Attributes left
 *                        out keep their value. Or NBOND_A_PORTS, a nest of
 *                        such NBOND_A_PORT, for several ports at once:
 *                        all validated first, then taken in order, the
 *                        first refused one ending the request (those
 *                        before it are applied); a bond applies what it
 *                        took of one request at once.
 *                        Only from the bond's agent: -EPERM from any
 *                        other socket. It does not wait for RTNL: the new
 *                        state is in force at once, or as soon as RTNL is
 *                        free. Admin.
 *   NBOND_CMD_BOND_SET   NBOND_A_IFINDEX or NBOND_A_IFNAME, and the bond
 *                        options that bonding has no IFLA_BOND_* attribute
 *                        for: NBOND_A_LACP_FALLBACK (802.3ad). Checked and
 *                        applied as rtnetlink's options are: all or
 *                        nothing. Admin.
 *
 * Commands that change state need CAP_NET_ADMIN in the user namespace that
 * owns the bond's network namespace. Every attribute is validated
 * strictly: attributes the command does not take, unknown attributes and
 * wrong lengths are refused.
 *
 * A bond (reply to NBOND_CMD_GET)
 *
 *   NBOND_A_IFINDEX          u32     the bond's ifindex
 *   NBOND_A_IFNAME           string
 *   NBOND_A_OPTIONS          nest    IFLA_BOND_* exactly as in IFLA_INFO_DATA
 *   NBOND_A_CARRIER          u8      1 when the bond has carrier
 *   NBOND_A_ACTIVE_IFINDEX   u32     the active port (only when there is one)
 *   NBOND_A_CHANGED_NS       u64     last change of the active port or of
 *                                    the carrier (CLOCK_MONOTONIC ns)
 *   NBOND_A_STATS            nest    NBOND_STATS_A_* of the bond device
 *   NBOND_A_PORTS            nest    one NBOND_A_PORT per port, in the
 *                                    order they were added
 *   NBOND_A_LACP_AGENT       u32     802.3ad: the netlink port id of the
 *                                    attached LACP agent, 0 when none
 *   NBOND_A_HWADDR           binary  the bond's MAC address
 *   NBOND_A_LACP_FALLBACK    u8      enum nbond_lacp_fallback
 *
 * A port (NBOND_A_PORT, nested)
 *
 *   NBOND_PORT_A_IFINDEX     u32
 *   NBOND_PORT_A_IFNAME      string
 *   NBOND_PORT_A_LINK        u8      enum nbond_link_state (MII state)
 *   NBOND_PORT_A_ROLE        u8      enum nbond_port_role
 *   NBOND_PORT_A_ADMIN       u8      enum nbond_admin_state
 *   NBOND_PORT_A_USABLE      u8      1 when the bond may use the port: link
 *                                    up (or failing, in downdelay), device
 *                                    running, admin up. In active-backup
 *                                    only the active one carries traffic.
 *   NBOND_PORT_A_PRIO        s32     prio (as IFLA_BOND_SLAVE_PRIO)
 *   NBOND_PORT_A_QUEUE_ID    u16     queue_id (as IFLA_BOND_SLAVE_QUEUE_ID)
 *   NBOND_PORT_A_SPEED       u32     Mb/s; 0xffffffff when unknown
 *   NBOND_PORT_A_DUPLEX      u8      DUPLEX_* of <linux/ethtool.h>
 *   NBOND_PORT_A_PERM_HWADDR binary  the address the port had when added
 *   NBOND_PORT_A_LINK_FAILURES u32   times the link went from up to down
 *   NBOND_PORT_A_LINK_CHANGED_NS u64 last link or admin change (monotonic)
 *   NBOND_PORT_A_ADDED_NS    u64     when the port was added (monotonic)
 *   NBOND_PORT_A_STATS       nest    NBOND_STATS_A_* of the port device
 *   NBOND_PORT_A_LACP        nest    802.3ad: NBOND_LACP_A_* (below)
 *   NBOND_PORT_A_AD_PRIO     u16     the LACP port priority an agent gives
 *                                    the port (as
 *                                    IFLA_BOND_SLAVE_ACTOR_PORT_PRIO)
 *   NBOND_PORT_A_LINK_CAUSE  u32     enum nbond_cause of the last change of
 *                                    LINK (carrier, miimon, arp, ns...);
 *                                    absent before the first one
 *
 * A port's LACP state (NBOND_PORT_A_LACP, nested), set by the agent
 *
 *   NBOND_LACP_A_AGGREGATOR  u16     aggregator id, 0 for none
 *   NBOND_LACP_A_SELECTED    u8      enum nbond_lacp_selected
 *   NBOND_LACP_A_COLLECTING  u8      1: the bond accepts frames from it
 *   NBOND_LACP_A_DISTRIBUTING u8     1: the bond transmits over it
 *   NBOND_LACP_A_ACTOR       nest    NBOND_LACP_INFO_A_*: this end
 *   NBOND_LACP_A_PARTNER     nest    NBOND_LACP_INFO_A_*: the other end
 *   NBOND_LACP_A_STATS       nest    NBOND_LACP_STATS_A_*, all u64
 *   NBOND_LACP_A_ACTOR_CHURN u8      enum nbond_lacp_churn: the actor's
 *                                    Churn Detection state
 *   NBOND_LACP_A_PARTNER_CHURN u8    enum nbond_lacp_churn: the partner's
 *   NBOND_LACP_A_ACTOR_CHURNS u32    times the actor churned
 *   NBOND_LACP_A_PARTNER_CHURNS u32  times the partner churned
 *
 * The bond transmits over the ports that are distributing and whose link
 * is up; its carrier is up while at least max(min_links, 1) are.
 *
 * An event (NBOND_CMD_EVENT)
 *
 *   NBOND_A_EVENT            u32     enum nbond_event
 *   NBOND_A_TIMESTAMP_NS     u64     CLOCK_MONOTONIC, when it happened:
 *                                    PORT_UP/DOWN carry the port's
 *                                    LINK_CHANGED_NS, ACTIVE_CHANGED and
 *                                    CARRIER_CHANGED the bond's CHANGED_NS
 *   NBOND_A_IFINDEX, NBOND_A_IFNAME  the bond
 *   NBOND_A_PORT             nest    PORT_ADDED, PORT_REMOVED, PORT_UP,
 *                                    PORT_DOWN: the port (IFINDEX, IFNAME);
 *                                    ACTIVE_CHANGED: the new active port,
 *                                    absent when there is none
 *   NBOND_A_OLD_PORT         nest    ACTIVE_CHANGED: the old active port,
 *                                    absent when there was none
 *   NBOND_A_CAUSE            u32     PORT_UP, PORT_DOWN, ACTIVE_CHANGED:
 *                                    enum nbond_cause
 *   NBOND_A_CARRIER          u8      CARRIER_CHANGED: the new carrier
 *
 * PORT_CHANGED carries NBOND_A_PORT with IFINDEX, IFNAME, LINK, SPEED,
 * DUPLEX and AD_PRIO: the port's MII state, speed, duplex or LACP port
 * priority changed (what an LACP agent derives its port information from).
 *
 * Timestamps are CLOCK_MONOTONIC nanoseconds (clock_gettime()), so that
 * the interval between two events is exact.
 */
#ifndef _UAPI_LINUX_NBOND_H
#define _UAPI_LINUX_NBOND_H

#define NBOND_GENL_NAME		"nbond"
#define NBOND_GENL_VERSION	1
#define NBOND_GENL_MCGRP_EVENTS	"events"
/*
 * The events an LACP agent acts on, alone: bonds created, changed or
 * deleted, ports added, removed or changed (not a port's use, the active
 * port or the carrier, which the agent's own LACP_SETs cause).
 */
#define NBOND_GENL_MCGRP_AGENT	"agent"

enum nbond_cmd {
	NBOND_CMD_UNSPEC,
	NBOND_CMD_GET,
	NBOND_CMD_PORT_SET,
	NBOND_CMD_EVENT,
	NBOND_CMD_AGENT,
	NBOND_CMD_LACP_SET,
	NBOND_CMD_BOND_SET,

	__NBOND_CMD_MAX,
	NBOND_CMD_MAX = __NBOND_CMD_MAX - 1
};

enum nbond_attr {
	NBOND_A_UNSPEC,
	NBOND_A_PAD,
	NBOND_A_IFINDEX,		/* u32 */
	NBOND_A_IFNAME,			/* string */
	NBOND_A_OPTIONS,		/* nest: IFLA_BOND_* */
	NBOND_A_CARRIER,		/* u8 */
	NBOND_A_ACTIVE_IFINDEX,		/* u32 */
	NBOND_A_CHANGED_NS,		/* u64 */
	NBOND_A_STATS,			/* nest: NBOND_STATS_A_* */
	NBOND_A_PORTS,			/* nest: NBOND_A_PORT... */
	NBOND_A_PORT,			/* nest: NBOND_PORT_A_* */
	NBOND_A_EVENT,			/* u32: enum nbond_event */
	NBOND_A_TIMESTAMP_NS,		/* u64 */
	NBOND_A_OLD_PORT,		/* nest: NBOND_PORT_A_* */
	NBOND_A_CAUSE,			/* u32: enum nbond_cause */
	NBOND_A_LACP_AGENT,		/* u32 */
	NBOND_A_HWADDR,			/* binary */
	NBOND_A_AGENT_TAKEOVER,		/* flag: NBOND_CMD_AGENT */
	NBOND_A_LACP_FALLBACK,		/* u8: enum nbond_lacp_fallback */

	__NBOND_A_MAX,
	NBOND_A_MAX = __NBOND_A_MAX - 1
};

enum nbond_port_attr {
	NBOND_PORT_A_UNSPEC,
	NBOND_PORT_A_PAD,
	NBOND_PORT_A_IFINDEX,		/* u32 */
	NBOND_PORT_A_IFNAME,		/* string */
	NBOND_PORT_A_LINK,		/* u8: enum nbond_link_state */
	NBOND_PORT_A_ROLE,		/* u8: enum nbond_port_role */
	NBOND_PORT_A_ADMIN,		/* u8: enum nbond_admin_state */
	NBOND_PORT_A_USABLE,		/* u8 */
	NBOND_PORT_A_PRIO,		/* s32 */
	NBOND_PORT_A_QUEUE_ID,		/* u16 */
	NBOND_PORT_A_SPEED,		/* u32 */
	NBOND_PORT_A_DUPLEX,		/* u8 */
	NBOND_PORT_A_PERM_HWADDR,	/* binary */
	NBOND_PORT_A_LINK_FAILURES,	/* u32 */
	NBOND_PORT_A_LINK_CHANGED_NS,	/* u64 */
	NBOND_PORT_A_ADDED_NS,		/* u64 */
	NBOND_PORT_A_STATS,		/* nest: NBOND_STATS_A_* */
	NBOND_PORT_A_LACP,		/* nest: NBOND_LACP_A_* */
	NBOND_PORT_A_AD_PRIO,		/* u16 */
	NBOND_PORT_A_LINK_CAUSE,	/* u32: enum nbond_cause */

	__NBOND_PORT_A_MAX,
	NBOND_PORT_A_MAX = __NBOND_PORT_A_MAX - 1
};

enum nbond_lacp_attr {
	NBOND_LACP_A_UNSPEC,
	NBOND_LACP_A_AGGREGATOR,	/* u16 */
	NBOND_LACP_A_SELECTED,		/* u8: enum nbond_lacp_selected */
	NBOND_LACP_A_COLLECTING,	/* u8 */
	NBOND_LACP_A_DISTRIBUTING,	/* u8 */
	NBOND_LACP_A_ACTOR,		/* nest: NBOND_LACP_INFO_A_* */
	NBOND_LACP_A_PARTNER,		/* nest: NBOND_LACP_INFO_A_* */
	NBOND_LACP_A_STATS,		/* nest: NBOND_LACP_STATS_A_* */
	NBOND_LACP_A_ACTOR_CHURN,	/* u8: enum nbond_lacp_churn */
	NBOND_LACP_A_PARTNER_CHURN,	/* u8: enum nbond_lacp_churn */
	NBOND_LACP_A_ACTOR_CHURNS,	/* u32 */
	NBOND_LACP_A_PARTNER_CHURNS,	/* u32 */

	__NBOND_LACP_A_MAX,
	NBOND_LACP_A_MAX = __NBOND_LACP_A_MAX - 1
};

/* The Actor or Partner Information of IEEE 802.1AX. */
enum nbond_lacp_info_attr {
	NBOND_LACP_INFO_A_UNSPEC,
	NBOND_LACP_INFO_A_SYSTEM_PRIO,	/* u16 */
	NBOND_LACP_INFO_A_SYSTEM,	/* binary, 6 octets */
	NBOND_LACP_INFO_A_KEY,		/* u16 */
	NBOND_LACP_INFO_A_PORT_PRIO,	/* u16 */
	NBOND_LACP_INFO_A_PORT,		/* u16 */
	NBOND_LACP_INFO_A_STATE,	/* u8: Actor_State / Partner_State */

	__NBOND_LACP_INFO_A_MAX,
	NBOND_LACP_INFO_A_MAX = __NBOND_LACP_INFO_A_MAX - 1
};

/* The counters of the kernel's BOND_3AD_STAT_*, kept by the agent. */
enum nbond_lacp_stats_attr {
	NBOND_LACP_STATS_A_UNSPEC,
	NBOND_LACP_STATS_A_PAD,
	NBOND_LACP_STATS_A_LACPDU_RX,
	NBOND_LACP_STATS_A_LACPDU_TX,
	NBOND_LACP_STATS_A_LACPDU_UNKNOWN_RX,
	NBOND_LACP_STATS_A_LACPDU_ILLEGAL_RX,
	NBOND_LACP_STATS_A_MARKER_RX,
	NBOND_LACP_STATS_A_MARKER_TX,
	NBOND_LACP_STATS_A_MARKER_RESP_RX,
	NBOND_LACP_STATS_A_MARKER_RESP_TX,
	NBOND_LACP_STATS_A_MARKER_UNKNOWN_RX,

	__NBOND_LACP_STATS_A_MAX,
	NBOND_LACP_STATS_A_MAX = __NBOND_LACP_STATS_A_MAX - 1
};

enum nbond_lacp_selected {
	NBOND_LACP_UNSELECTED,
	NBOND_LACP_SELECTED,
	NBOND_LACP_STANDBY,
};

/*
 * 802.1AX Churn Detection, numbered as bonding numbers it (churn_state_t,
 * IFLA_BOND_SLAVE_AD_CHURN_*_STATE): MONITOR while the port is disabled,
 * or out of sync for less than Churn_Detection_Time (60 s); CHURNED once
 * that time ran out; NONE while in sync.
 */
enum nbond_lacp_churn {
	NBOND_LACP_CHURN_MONITOR,
	NBOND_LACP_CHURN_CHURNED,
	NBOND_LACP_CHURN_NONE,
};

/*
 * The bond option lacp_fallback: what an 802.3ad port does when its
 * partner is silent (no LACPDU for a whole timeout) or absent.
 * INDIVIDUAL: as bonding does against a switch without LACP, one such
 * port, alone in the bond's active aggregator, carries traffic as an
 * individual link. STRICT: no port carries traffic without a partner.
 */
enum nbond_lacp_fallback {
	NBOND_LACP_FALLBACK_INDIVIDUAL,
	NBOND_LACP_FALLBACK_STRICT,
};

/* Device counters (as rtnl_link_stats64); all u64. */
enum nbond_stats_attr {
	NBOND_STATS_A_UNSPEC,
	NBOND_STATS_A_PAD,
	NBOND_STATS_A_RX_PACKETS,
	NBOND_STATS_A_TX_PACKETS,
	NBOND_STATS_A_RX_BYTES,
	NBOND_STATS_A_TX_BYTES,
	NBOND_STATS_A_RX_DROPPED,
	NBOND_STATS_A_TX_DROPPED,
	NBOND_STATS_A_RX_NOHANDLER,	/* frames refused on an unused port */

	__NBOND_STATS_A_MAX,
	NBOND_STATS_A_MAX = __NBOND_STATS_A_MAX - 1
};

/* The values are those of IFLA_BOND_SLAVE_MII_STATUS. */
enum nbond_link_state {
	NBOND_LINK_STATE_UP,		/* usable */
	NBOND_LINK_STATE_FAIL,		/* carrier lost, waiting out downdelay */
	NBOND_LINK_STATE_DOWN,
	NBOND_LINK_STATE_BACK,		/* carrier back, waiting out updelay */
};

/* The values are those of IFLA_BOND_SLAVE_STATE. */
enum nbond_port_role {
	NBOND_PORT_ROLE_ACTIVE,
	NBOND_PORT_ROLE_BACKUP,
};

enum nbond_admin_state {
	NBOND_ADMIN_UP,			/* the bond may use the port */
	NBOND_ADMIN_DOWN,		/* kept out of use; the NIC is untouched */
};

enum nbond_event {
	NBOND_EVENT_UNSPEC,
	NBOND_EVENT_BOND_CREATED,
	NBOND_EVENT_BOND_DELETED,
	NBOND_EVENT_BOND_CHANGED,	/* options or MAC address changed */
	NBOND_EVENT_PORT_ADDED,
	NBOND_EVENT_PORT_REMOVED,
	NBOND_EVENT_PORT_UP,		/* the port became usable */
	NBOND_EVENT_PORT_DOWN,		/* the port stopped being usable */
	NBOND_EVENT_ACTIVE_CHANGED,
	NBOND_EVENT_CARRIER_CHANGED,
	NBOND_EVENT_PORT_CHANGED,	/* MII state, speed or duplex */

	__NBOND_EVENT_MAX,
	NBOND_EVENT_MAX = __NBOND_EVENT_MAX - 1
};

/* Why a port went up or down, or why the active port changed. */
enum nbond_cause {
	NBOND_CAUSE_NONE,
	NBOND_CAUSE_CARRIER,		/* the port's carrier, from its driver */
	NBOND_CAUSE_MIIMON,		/* the miimon poll (or its delays) */
	NBOND_CAUSE_ADMIN,		/* NBOND_CMD_PORT_SET admin state */
	NBOND_CAUSE_ARP,		/* the ARP monitor */
	NBOND_CAUSE_NS,			/* the IPv6 NS monitor */
	NBOND_CAUSE_LACP,		/* lacpd */
	NBOND_CAUSE_CONFIG,		/* an option (primary, active_slave...) */
	NBOND_CAUSE_PORT_ADDED,
	NBOND_CAUSE_PORT_REMOVED,

	__NBOND_CAUSE_MAX,
	NBOND_CAUSE_MAX = __NBOND_CAUSE_MAX - 1
};

#endif /* _UAPI_LINUX_NBOND_H */
