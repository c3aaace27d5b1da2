/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: the agent. It keeps one LACP system (lacp.h) per 802.3ad nbond
 * bond of the network namespace and wires it to the ports' packet sockets
 * (port_io.h), the driver (driver.h), the trace and the event loop.
 */
#ifndef LACPD_AGENT_H
#define LACPD_AGENT_H

#include <stdbool.h>

struct agent_options {
	const char *only_bond;		/* -i: manage this bond only */
	const char *trace_path;		/* --trace FILE.pcap */
	unsigned int trace_max_mib;	/* --trace-max: its size limit */
	unsigned int max_ports;		/* -m: ports per aggregator, 0: all */
};

/* Set everything up and run until SIGTERM or SIGINT; the exit status. */
int agent_run(const struct agent_options *opt);

#endif /* LACPD_AGENT_H */
