// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: does a lacpd run for a bond (see lacpd_check.h)?
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "../lacpd/lock.h"
#include "lacpd_check.h"

bool ctl_locks_line_holds(const char *line, unsigned int major,
			  unsigned int minor, unsigned long ino, bool excl)
{
	char class[16], kind[16], mode[16];
	unsigned int maj, min;
	unsigned long i;
	int pid;

	/*
	 * "1: FLOCK  ADVISORY  WRITE 726 fe:00:1460505 0 EOF"; a waiter has
	 * "->" before FLOCK and holds nothing.
	 */
	if (sscanf(line, "%*[^:]: %15s %15s %15s %d %x:%x:%lu", class, kind,
		   mode, &pid, &maj, &min, &i) != 7)
		return false;
	if (strcmp(class, "FLOCK") || maj != major || min != minor ||
	    i != ino)
		return false;
	return !excl || !strcmp(mode, "WRITE");
}

/* Is the lock file @path held (alone, if @excl)? -1: cannot tell. */
static int lock_held(const char *path, bool excl)
{
	char line[256];
	struct stat st;
	int held = 0;
	FILE *f;

	if (stat(path, &st) < 0)
		return 0;		/* no lacpd ever locked it */
	f = fopen("/proc/locks", "r");
	if (!f)
		return -1;
	while (!held && fgets(line, sizeof(line), f))
		held = ctl_locks_line_holds(line, major(st.st_dev),
					    minor(st.st_dev), st.st_ino, excl);
	fclose(f);
	return held;
}

bool ctl_lacpd_runs(const char *bond)
{
	unsigned long long ns;
	char path[128];
	struct stat st;
	int held;

	if (stat("/proc/self/ns/net", &st) < 0)
		return true;
	ns = (unsigned long long)st.st_ino;
	snprintf(path, sizeof(path), LOCK_NS_PATH, ns);
	held = lock_held(path, true);
	if (held)
		return true;		/* held, or cannot tell */
	snprintf(path, sizeof(path), LOCK_BOND_PATH, ns, bond);
	return lock_held(path, false) != 0;
}
