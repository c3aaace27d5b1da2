// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the agent's locks (see lock.h). The files are named after the
 * network namespace's inode; each holds the pid of the lacpd that locks
 * it alone, for the message the next one prints.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lock.h"
#include "log.h"

static int excl_fd = -1;		/* the lock we hold alone */
/* When the previous holder of excl_fd was last alive (CLOCK_REALTIME). */
static struct timespec prev_alive;
static bool prev_known;
static unsigned long long lock_ns;	/* the namespace's inode */
static bool lock_only_bond;		/* lacpd -i */

/* The pid written in @fd's file, if that process is alive; else 0. */
static pid_t holder(int fd)
{
	char buf[16];
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid;

	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, NULL, 10);
	if (pid <= 0 || (kill((pid_t)pid, 0) < 0 && errno == ESRCH))
		return 0;
	return (pid_t)pid;
}

/*
 * Lock @path with @op (LOCK_SH or LOCK_EX). The open file, -1 if another
 * lacpd holds it (said on stderr, about @what), or -2 if the lock cannot
 * be taken at all (said too).
 */
static int lock_file(const char *path, int op, const char *what)
{
	pid_t pid;
	int fd;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		goto cannot;
	if (!flock(fd, op | LOCK_NB))
		return fd;
	if (errno != EWOULDBLOCK)
		goto cannot;
	pid = holder(fd);
	if (pid)
		fprintf(stderr, "lacpd: another lacpd (pid %d) manages %s\n",
			(int)pid, what);
	else
		fprintf(stderr, "lacpd: another lacpd manages %s\n", what);
	close(fd);
	return -1;
cannot:
	fprintf(stderr, "lacpd: warning: cannot lock %s (%s); nothing keeps a second lacpd away\n",
		path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -2;
}

/* A file with a pid in it had a holder, whose last sign of life it keeps. */
static void note_prev_alive(int fd)
{
	struct stat st;

	if (fd >= 0 && !fstat(fd, &st) && st.st_size > 0) {
		prev_alive = st.st_mtim;
		prev_known = true;
	}
}

int lock_take(const char *only_bond)
{
	unsigned long long ns;
	char path[128];
	struct stat st;
	int ns_fd, fd;

	if (stat("/proc/self/ns/net", &st) < 0) {
		fprintf(stderr, "lacpd: warning: /proc/self/ns/net: %s; running without a lock\n",
			strerror(errno));
		return 0;
	}
	ns = (unsigned long long)st.st_ino;
	lock_ns = ns;
	lock_only_bond = only_bond;
	if (mkdir(LOCK_DIR, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "lacpd: warning: %s: %s; running without a lock\n",
			LOCK_DIR, strerror(errno));
		return 0;
	}

	snprintf(path, sizeof(path), LOCK_NS_PATH, ns);
	ns_fd = lock_file(path, only_bond ? LOCK_SH : LOCK_EX,
			  only_bond ? "every bond of this network namespace" :
				      "bonds of this network namespace");
	if (ns_fd == -1)
		return -1;
	if (!only_bond) {
		excl_fd = ns_fd;
		note_prev_alive(excl_fd);
		return 0;
	}

	/* Held shared for as long as we run: ns_fd stays open. */
	snprintf(path, sizeof(path), LOCK_BOND_PATH, ns, only_bond);
	fd = lock_file(path, LOCK_EX, only_bond);
	if (fd == -1) {
		if (ns_fd >= 0)
			close(ns_fd);
		return -1;
	}
	excl_fd = fd;
	note_prev_alive(excl_fd);
	return 0;
}

void lock_note_pid(void)
{
	char buf[16];
	int n;

	if (excl_fd < 0)
		return;
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(excl_fd, 0) < 0 || pwrite(excl_fd, buf, n, 0) != n)
		log_warn("cannot write the pid into the lock: %s",
			 strerror(errno));
}

void lock_heartbeat(void)
{
	if (excl_fd >= 0)
		futimens(excl_fd, NULL);
}

/* The later of @t and the time of @path, if that file had a holder. */
static bool later_of_file(const char *path, struct timespec *t, bool known)
{
	struct stat st;

	if (stat(path, &st) || !st.st_size)
		return known;
	if (!known || st.st_mtim.tv_sec > t->tv_sec ||
	    (st.st_mtim.tv_sec == t->tv_sec &&
	     st.st_mtim.tv_nsec > t->tv_nsec))
		*t = st.st_mtim;
	return true;
}

uint64_t lock_away_ns(const char *bond)
{
	struct timespec last = prev_alive, now;
	bool known = prev_known;
	char path[128];
	int64_t ns;

	if (excl_fd < 0)
		return UINT64_MAX;
	if (lock_only_bond)
		snprintf(path, sizeof(path), LOCK_NS_PATH, lock_ns);
	else
		snprintf(path, sizeof(path), LOCK_BOND_PATH, lock_ns, bond);
	known = later_of_file(path, &last, known);
	if (!known || clock_gettime(CLOCK_REALTIME, &now))
		return UINT64_MAX;
	ns = (int64_t)(now.tv_sec - last.tv_sec) * 1000000000 +
	     (now.tv_nsec - last.tv_nsec);
	return ns > 0 ? (uint64_t)ns : 0;
}
