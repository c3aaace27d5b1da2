// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: waiting for a descriptor, a deadline or a signal.
 *
 * The signals stay blocked except inside ppoll(), which unblocks them
 * atomically: one that comes while a request is under way is held until
 * the next wait and then ends it, so it can be neither lost nor acted on
 * half-way.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "bondctl.h"
#include "wait.h"

static volatile sig_atomic_t caught;
static sigset_t wait_mask;	/* the mask to wait with: signals let in */

static void on_signal(int sig)
{
	caught = sig;
}

uint64_t ctl_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

int ctl_catch_signals(void)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &block, &wait_mask) < 0 ||
	    sigaction(SIGINT, &sa, NULL) < 0 ||
	    sigaction(SIGTERM, &sa, NULL) < 0 ||
	    sigaction(SIGHUP, &sa, NULL) < 0) {
		ctl_err("cannot catch signals: %s", strerror(errno));
		return -1;
	}
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGHUP);
	return 0;
}

int ctl_caught_signal(void)
{
	return caught;
}

int ctl_wait(int fd, uint64_t timeout_ns)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	struct timespec ts, *tsp = NULL;
	int n;

	if (caught)
		return -1;
	if (timeout_ns != CTL_WAIT_FOREVER) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		tsp = &ts;
	}
	n = ppoll(&pfd, 1, tsp, &wait_mask);
	if (n < 0) {
		if (errno == EINTR && caught)
			return -1;
		if (errno == EINTR)
			return 0;
		ctl_err("waiting for events: %s", strerror(errno));
		return -1;
	}
	return n > 0;
}
