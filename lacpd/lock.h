/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: one agent per bond. Two agents on one bond would fight over its
 * ports' LACP state, so each lacpd holds a lock (flock) in LOCK_DIR per
 * network namespace: a lacpd for every bond of the namespace holds the
 * namespace's lock alone; a lacpd -i BOND shares it with other -i ones and
 * holds BOND's lock alone. Locks go with the process; the files stay.
 */
#ifndef LACPD_LOCK_H
#define LACPD_LOCK_H

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

#endif /* LACPD_LOCK_H */
