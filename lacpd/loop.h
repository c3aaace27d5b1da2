/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: the event loop. One epoll instance watches the packet sockets of
 * the ports, the driver's netlink sockets, a timerfd for the LACP timers
 * and a signalfd for SIGTERM, SIGINT, SIGHUP and SIGUSR1.
 */
#ifndef LACPD_LOOP_H
#define LACPD_LOOP_H

#include <stdbool.h>
#include <stdint.h>

struct loop;

/* Called when @fd is readable. */
typedef void (*loop_fn)(int fd, void *arg);

struct loop *loop_new(void);
void loop_free(struct loop *l);

int loop_add(struct loop *l, int fd, loop_fn fn, void *arg);
void loop_del(struct loop *l, int fd);

/* The next timer expiry (CLOCK_MONOTONIC ns; UINT64_MAX: none). */
int loop_set_deadline(struct loop *l, uint64_t when);

struct loop_ops {
	void (*on_timer)(void *arg);		/* the deadline passed */
	void (*on_signal)(int sig, void *arg);	/* each signal caught */
	/* After each wakeup's events, before waiting again (may be NULL). */
	void (*on_idle)(void *arg);
};

/*
 * Run until loop_stop(); SIGTERM and SIGINT stop it too, once on_signal
 * and on_idle returned.
 */
int loop_run(struct loop *l, const struct loop_ops *ops, void *arg);
void loop_stop(struct loop *l);

uint64_t now_ns(void);

#endif /* LACPD_LOOP_H */
