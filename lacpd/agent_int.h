/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: the agent's own state, shared by its three parts: agent.c (the
 * core's callbacks, the ports' frames, the driver's events, timers and
 * signals), agent_sync.c (the bonds and ports as the driver shows them)
 * and agent_out.c (what goes out, at the end of each wakeup). Not for
 * other files.
 */
#ifndef LACPD_AGENT_INT_H
#define LACPD_AGENT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <net/if.h>

#include "agent.h"
#include "driver.h"
#include "id_set.h"
#include "ifindex_map.h"
#include "lacp.h"
#include "rx_limit.h"

#define AGENT_STATS_PERIOD	LACP_NSEC_PER_SEC
/*
 * The timer fires on a grid of this: the periodic LACPDUs of many ports,
 * each due at its own instant, go out a few a wakeup instead of one each,
 * at most this late (the partner waits three intervals before it times a
 * port out).
 */
#define AGENT_TIMER_GRAIN	(20 * 1000 * 1000ULL)
/*
 * What a port takes from the wire each second (see rx_frame()): LACPDUs
 * from systems other than its partner, Marker PDUs (802.3 Annex 57A
 * lets a system send 10 slow-protocol frames a second; markers get half),
 * and malformed frames written to the trace. More is a flood, dropped.
 */
#define AGENT_STRANGERS_PER_SEC	10
#define AGENT_MARKERS_PER_SEC	5
#define AGENT_JUNK_PER_SEC	10
/*
 * The partner's socket moves to another source address only once the
 * partner has sent nothing from its own for this long (longer than the
 * fast rate's 3 s timeout): the same LACPDUs from two addresses are an
 * impersonation, not a move, and the socket stays where it is.
 */
#define AGENT_PARTNER_MOVE_NS	(5 * LACP_NSEC_PER_SEC)
#define AGENT_FRAME_MAX		1518

struct agent;
struct abond;
struct out_state;
struct out_frame;

struct aport {
	struct aport *next;
	struct abond *bond;
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	uint8_t mac[LACP_ETH_ALEN];
	uint16_t number;
	uint64_t added_ns;		/* when it joined the bond (driver) */
	int fd;				/* every sender but partner_src */
	int partner_fd;			/* partner_src alone; -1: none yet */
	uint8_t partner_src[LACP_ETH_ALEN];
	uint64_t partner_heard_ns;	/* the partner's last LACPDU from it */
	bool partner_fd_failed;		/* could not be made: fd alone */
	bool seen;			/* in the driver's latest view */
	struct drv_lacp pushed;		/* what the driver was last told */
	unsigned int out_states;	/* queued to go (agent_out.c) */
	unsigned int out_frames;
	struct rx_limit strangers;	/* LACPDUs not from the partner */
	struct rx_limit markers;
	struct rx_limit junk;		/* malformed frames, traced */
};

struct abond {
	struct abond *next;
	struct agent *agent;
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	struct lacp_config cfg;
	struct lacp_sys *sys;
	struct aport *ports;
	struct ifindex_map ports_by_ifindex;	/* the same ports */
	struct id_set numbers;		/* Actor_Port numbers in use */
	bool seen;
	bool taken_over;		/* another agent has it: drop it */
};

struct agent {
	const struct agent_options *opt;
	struct loop *loop;
	struct drv *drv;
	struct trace *trace;
	struct abond *bonds;
	uint64_t next_stats;
	uint64_t timer_armed;		/* the deadline set; 0: none pending */
	bool resync;			/* re-read everything from the driver */
	int sync_err;			/* why the last re-read failed, or 0 */
	unsigned int reads_interrupted;	/* in a row (agent_sync.c) */
	bool synced;			/* read them all once: managing */
	/* Bonds that events named, read once the events are drained. */
	uint32_t *dirty;
	size_t n_dirty, dirty_cap;
	/* Bonds that another LACP agent has, tried again each second. */
	struct ifindex_map refused;
	uint64_t next_retry;
	bool reap;			/* a bond was taken over */
	/* What a wakeup decided, sent at its end (agent_out.c). */
	struct out_state *out_states;
	size_t n_out_states, out_states_cap;
	struct out_frame *out_frames;
	size_t n_out_frames, out_frames_cap;
	/* The states as one request (or a few) takes them. */
	struct drv_lacp_item *batch;
	size_t batch_cap;
};

/* agent.c */
extern const struct lacp_ops agent_lacp_ops;
struct aport *agent_find_port(struct abond *b, uint32_t ifindex);
void agent_port_readable(int fd, void *arg);

/* agent_out.c */
void agent_out_state(struct aport *p, const struct lacp_port_state *st);
void agent_out_frame(struct aport *p, const uint8_t *buf, size_t len);
void agent_out_counters(struct agent *a);
void agent_out_forget(struct agent *a, struct aport *p);
void agent_flush(struct agent *a);

/* agent_sync.c */
void agent_sync_all(struct agent *a);
void agent_sync_dirty(struct agent *a);
void agent_mark_dirty(struct agent *a, uint32_t ifindex);
bool agent_port_changed(struct agent *a, const struct drv_event *ev);
void agent_drop_all(struct agent *a);
void agent_bond_free(struct agent *a, struct abond *b);
void agent_retry_refused(struct agent *a, uint64_t now);
void agent_reap(struct agent *a);

#endif /* LACPD_AGENT_INT_H */
