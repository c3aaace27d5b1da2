/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: one agent per bond. Two agents on one bond would fight over its
 * ports' LACP state, so each lacpd holds a lock (flock) in LOCK_DIR per
 * network namespace: a lacpd for every bond of the namespace holds the
 * namespace's lock alone; a lacpd -i BOND shares it with other -i ones and
 * holds BOND's lock alone. Locks go with the process; the files stay,
 * holding "PID ALIVE" (below).
 */
#ifndef LACPD_LOCK_H
#define LACPD_LOCK_H

#include <stdint.h>

#define LOCK_DIR "/run/lacpd"
/*
 * The lock files, named after the network namespace's inode (a stat of
 * /proc/self/ns/net, as unsigned long long): the namespace's own, and
 * that of its bond (%s). bondctl reads the same files (ctl/lacpd_check.c).
 */
#define LOCK_NS_PATH	LOCK_DIR "/net-%llu.lock"
#define LOCK_BOND_PATH	LOCK_DIR "/net-%llu-%s.lock"

/*
 * Take the locks for @only_bond (NULL: every bond). 0, or -1 after
 * printing on stderr which lacpd holds them.
 */
int lock_take(const char *only_bond);

/* Write our pid into the lock we hold alone (after daemon(), log_init()). */
void lock_note_pid(void);

/*
 * The lock a lacpd holds alone also says when it last managed its bonds
 * (CLOCK_MONOTONIC, written each second while it does, and at exit).
 * lock_away_ns(): how long ago the last lacpd that could manage @bond
 * did: the previous holder of our lock, or a lacpd of the other kind (the
 * namespace's lock for a lacpd -i, @bond's for one that manages every
 * bond); UINT64_MAX when none ever did, or there are no locks.
 */
void lock_heartbeat(void);
uint64_t lock_away_ns(const char *bond);

#endif /* LACPD_LOCK_H */
