// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: per-second receive budgets (see rx_limit.h).
 */
#include "lacp.h"
#include "log.h"
#include "rx_limit.h"

void rx_limit_init(struct rx_limit *l, const char *what, const char *excess,
		   unsigned int per_sec)
{
	l->what = what;
	l->excess = excess;
	l->per_sec = per_sec;
}

void rx_limit_roll(struct rx_limit *l, const char *bond, const char *port,
		   uint64_t now)
{
	if (now - l->window < LACP_NSEC_PER_SEC)
		return;
	if (l->dropped && !l->over) {
		log_warn("%s: %s: the flood of %s is over: %llu over the limit",
			 bond, port, l->what, (unsigned long long)l->dropped);
		l->dropped = 0;
	}
	l->window = now;
	l->taken = 0;
	l->over = false;
}

bool rx_limit_take(struct rx_limit *l, const char *bond, const char *port,
		   uint64_t now)
{
	rx_limit_roll(l, bond, port, now);
	if (l->taken < l->per_sec) {
		l->taken++;
		return true;
	}
	if (!l->dropped)
		log_warn("%s: %s: a flood of %s: over %u a second, the rest %s",
			 bond, port, l->what, l->per_sec, l->excess);
	l->over = true;
	l->dropped++;
	return false;
}
