// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the agent's locks (see lock.h). The files are named after the
 * network namespace's inode; each holds the pid of the lacpd that locks
 * it alone, for the message the next one prints, and when that lacpd
 * last managed its bonds, for the next one's resume.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
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
/* When the previous holder of excl_fd was last alive (monotonic ns; 0). */
static uint64_t prev_alive;
static unsigned long long lock_ns;	/* the namespace's inode */
static bool lock_only_bond;		/* lacpd -i */

/*
 * A lock file holds "PID ALIVE\n": the pid of the lacpd that locks it
 * alone, and when it last managed its bonds (CLOCK_MONOTONIC ns, the
 * driver's clock; 0 or absent: never). Read from @fd into @alive.
 */
static long read_lock_file(int fd, uint64_t *alive)
{
	char buf[48], *end;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long pid;

	*alive = 0;
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	pid = strtol(buf, &end, 10);
	if (*end == ' ')
		*alive = strtoull(end + 1, NULL, 10);
	return pid;
}

/* The pid written in @fd's file, if that process is alive; else 0. */
static pid_t holder(int fd)
{
	uint64_t alive;
	long pid = read_lock_file(fd, &alive);

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

/* Carried forward as it is only if it can be true: not from the future. */
static void note_prev_alive(int fd)
{
	struct timespec ts;

	if (fd < 0)
		return;
	read_lock_file(fd, &prev_alive);
	if (clock_gettime(CLOCK_MONOTONIC, &ts) ||
	    prev_alive > (uint64_t)ts.tv_sec * 1000000000ULL +
			 (uint64_t)ts.tv_nsec)
		prev_alive = 0;
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

static void write_lock_file(uint64_t alive)
{
	char buf[48];
	int n;

	n = snprintf(buf, sizeof(buf), "%d %llu\n", (int)getpid(),
		     (unsigned long long)alive);
	errno = EIO;		/* a short write sets none */
	if (pwrite(excl_fd, buf, n, 0) != n || ftruncate(excl_fd, n) < 0)
		log_warn("cannot write into the lock: %s", strerror(errno));
}

/*
 * Until this lacpd manages its bonds, the file keeps the previous
 * holder's last sign of life: a lacpd that fails to start does not make
 * old state look recent to the next.
 */
void lock_note_pid(void)
{
	if (excl_fd >= 0)
		write_lock_file(prev_alive);
}

void lock_heartbeat(void)
{
	struct timespec ts;

	if (excl_fd < 0 || clock_gettime(CLOCK_MONOTONIC, &ts))
		return;
	write_lock_file((uint64_t)ts.tv_sec * 1000000000ULL +
			(uint64_t)ts.tv_nsec);
}

/* The last sign of life in the lock file @path, 0 if none. */
static uint64_t alive_in(const char *path)
{
	uint64_t alive = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		read_lock_file(fd, &alive);
		close(fd);
	}
	return alive;
}

uint64_t lock_away_ns(const char *bond)
{
	uint64_t last = prev_alive, other, now;
	struct timespec ts;
	char path[128];

	if (excl_fd < 0)
		return UINT64_MAX;
	if (lock_only_bond)
		snprintf(path, sizeof(path), LOCK_NS_PATH, lock_ns);
	else
		snprintf(path, sizeof(path), LOCK_BOND_PATH, lock_ns, bond);
	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return UINT64_MAX;
	now = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	/* A time from the future (garbage) says nothing. */
	other = alive_in(path);
	if (other > last && other <= now)
		last = other;
	return last && last <= now ? now - last : UINT64_MAX;
}
