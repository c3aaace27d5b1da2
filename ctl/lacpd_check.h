/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: does a lacpd run for a bond? lacpd holds flock(2) locks in
 * /run/lacpd, named in lacpd/lock.h: the network namespace's alone when
 * it manages every bond, the bond's own with -i. /proc/locks lists the
 * locks held, so the question is answered without taking one, which could
 * turn away a lacpd starting at that moment.
 */
#ifndef BONDCTL_LACPD_CHECK_H
#define BONDCTL_LACPD_CHECK_H

#include <stdbool.h>

/*
 * Does @line of /proc/locks show a held flock lock on the file of device
 * @major:@minor and inode @ino (exclusive only, if @excl)?
 */
bool ctl_locks_line_holds(const char *line, unsigned int major,
			  unsigned int minor, unsigned long ino, bool excl);

/*
 * Does a lacpd manage @bond in the current network namespace? True also
 * when it cannot be told (no /proc/locks): callers only warn on false.
 */
bool ctl_lacpd_runs(const char *bond);

#endif /* BONDCTL_LACPD_CHECK_H */
