/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: waiting for a descriptor, a deadline or a stop signal (SIGINT,
 * SIGTERM, SIGHUP), for the commands that run until stopped (monitor) or
 * must clean up when stopped (drill).
 */
#ifndef BONDCTL_WAIT_H
#define BONDCTL_WAIT_H

#include <stdint.h>

#define CTL_WAIT_FOREVER UINT64_MAX

/* CLOCK_MONOTONIC now, in ns: the clock of the driver's timestamps. */
uint64_t ctl_now_ns(void);

/*
 * Block the stop signals and catch them: from now on they are only let
 * in while ctl_wait() waits, so that no code path is cut short.
 * Returns 0, or -1 after reporting why.
 */
int ctl_catch_signals(void);
/* The signal caught, or 0. */
int ctl_caught_signal(void);

/*
 * Wait until @fd is readable (1), @timeout_ns has passed (0) or a signal
 * was caught (-1; ctl_caught_signal() says which). Other errors are
 * reported and give -1 too.
 */
int ctl_wait(int fd, uint64_t timeout_ns);

#endif /* BONDCTL_WAIT_H */
