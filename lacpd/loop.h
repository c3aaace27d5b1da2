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

/*
 * Run until loop_stop(). @on_timer runs when the deadline passes,
 * @on_signal for every signal caught (SIGTERM and SIGINT stop the loop
 * after it returned).
 */
int loop_run(struct loop *l, void (*on_timer)(void *arg),
	     void (*on_signal)(int sig, void *arg), void *arg);
void loop_stop(struct loop *l);

uint64_t now_ns(void);

#endif /* LACPD_LOOP_H */
