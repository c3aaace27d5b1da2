/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl drill: what is pure about it. drill_args.c reads the command
 * line, drill_calc.c computes a cycle's figures, drill_print.c prints
 * them; drill.c does the netlink and the waiting.
 */
#ifndef BONDCTL_DRILL_H
#define BONDCTL_DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bond.h"

/* The defaults of --hold and --timeout, and the longest either may be. */
#define CTL_DRILL_HOLD_NS	UINT64_C(1000000000)
#define CTL_DRILL_TIMEOUT_NS	UINT64_C(5000000000)
#define CTL_DRILL_MAX_NS	UINT64_C(3600000000000)
#define CTL_DRILL_MAX_CYCLES	10000

struct ctl_drill_args {
	const char *bond;
	const char *port;		/* NULL: the active port */
	uint64_t hold_ns;
	uint64_t timeout_ns;
	uint32_t cycles;
	bool force;
};

/*
 * Parse the words after "drill":
 *
 *   NAME [--port PORT] [--hold SECONDS] [--cycles N] [--timeout SECONDS]
 *        [--force]
 *
 * ("--opt=value" works too). SECONDS may have decimals ("0.5"); --hold may
 * be 0, --timeout may not. Returns 0 and fills @a with the defaults for
 * what is not given, or -1 with a message in @err.
 */
int ctl_drill_parse(int argc, char **argv, struct ctl_drill_args *a,
		    char *err, size_t errlen);

/* Who carried the traffic once the drilled port went down. */
enum ctl_takeover {
	CTL_TAKEOVER_ACTIVE,	/* another port became the active one */
	CTL_TAKEOVER_NONE,	/* the bond was left without an active port */
	CTL_TAKEOVER_STAYED,	/* a backup went down, the active stayed */
	CTL_TAKEOVER_ALL,	/* no active port in this mode: the others */
};

struct ctl_drill_cycle {
	char port[IF_NAMESIZE];		/* the port taken down */
	enum ctl_takeover takeover;
	char takeover_port[IF_NAMESIZE]; /* ACTIVE, STAYED: that port */
	uint64_t takeover_ns;		/* ACTIVE_CHANGED - PORT_DOWN */
	uint64_t dropped;
	bool restored;
	char why[96];			/* not restored: what differs */
};

/*
 * Packets lost between two GETs of the same bond: the growth of the bond's
 * tx_dropped and rx_dropped, plus that of each port's rx_nohandler (ports
 * present in both). A counter that went backwards counts 0.
 */
uint64_t ctl_drill_dropped(const struct ctl_bond *before,
			   const struct ctl_bond *after);

/*
 * Whether @after is as @before: the same active port, carrier and set of
 * usable ports. If not, says what differs in @why.
 */
bool ctl_drill_restored(const struct ctl_bond *before,
			const struct ctl_bond *after, char *why, size_t len);

struct ctl_drill_summary {
	size_t cycles;
	size_t measured;		/* cycles of kind CTL_TAKEOVER_ACTIVE */
	uint64_t min_ns, median_ns, max_ns; /* over the measured cycles */
	uint64_t dropped;
	size_t restored;
};

void ctl_drill_summarize(const struct ctl_drill_cycle *c, size_t n,
			 struct ctl_drill_summary *s);

/*
 * "cycle 1: eth1 down, eth2 took over in 37 us, dropped 0 packets,
 * restored yes". @num_width and @name_width align a series of lines.
 */
void ctl_drill_print_cycle(FILE *f, size_t num, int num_width,
			   int name_width, const struct ctl_drill_cycle *c);
void ctl_drill_print_summary(FILE *f, const char *bond,
			     const struct ctl_drill_cycle *c, size_t n);
/*
 * The whole drill as one JSON document; @error (or NULL) says why it
 * stopped early.
 */
void ctl_drill_json(FILE *f, bool pretty, const struct ctl_drill_args *a,
		    const struct ctl_drill_cycle *c, size_t n,
		    const char *error);

#endif /* BONDCTL_DRILL_H */
