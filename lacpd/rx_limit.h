/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: a per-second budget of one kind of frame a port receives, and
 * the floods over it, logged when they start and when they end (see the
 * agent's rx_frame() for the kinds and their budgets).
 */
#ifndef LACPD_RX_LIMIT_H
#define LACPD_RX_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

struct rx_limit {
	const char *what;		/* for the log: "Marker PDUs", ... */
	const char *excess;		/* what becomes of the rest */
	unsigned int per_sec;
	uint64_t window;		/* start of the current second */
	unsigned int taken;		/* in it */
	bool over;			/* something was dropped in it */
	uint64_t dropped;		/* in the flood going on, if any */
};

void rx_limit_init(struct rx_limit *l, const char *what, const char *excess,
		   unsigned int per_sec);

/*
 * May port @port of bond @bond (for the log) take one more frame of @l's
 * kind at @now (CLOCK_MONOTONIC ns)?
 */
bool rx_limit_take(struct rx_limit *l, const char *bond, const char *port,
		   uint64_t now);

/*
 * Start a new second if the current one is over; a flood ends with the
 * first second in which nothing was dropped. rx_limit_take() does it too;
 * run it once a second as well, so that the end of a flood is logged
 * without another frame.
 */
void rx_limit_roll(struct rx_limit *l, const char *bond, const char *port,
		   uint64_t now);

#endif /* LACPD_RX_LIMIT_H */
