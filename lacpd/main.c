// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: IEEE 802.1AX LACP for nbond's 802.3ad bonds.
 *
 *   lacpd [-i BOND] [-m N] [-d] [-v] [--trace FILE.pcap [--trace-max MIB]]
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include "agent.h"
#include "lock.h"
#include "log.h"

#define LACPD_VERSION "0.4.0"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: lacpd [-i BOND] [-m N] [-d] [-v]\n"
		"             [--trace FILE.pcap [--trace-max MIB]]\n"
		"       lacpd -h | -V\n"
		"\n"
		"Runs LACP (IEEE 802.1AX) for every nbond bond in 802.3ad mode of\n"
		"this network namespace, as they come and go.\n"
		"\n"
		"  -i, --interface BOND  manage this bond only\n"
		"  -m, --max-ports N     aggregate at most N ports per bond (1-65535);\n"
		"                        the rest stand by, chosen by LACP port priority\n"
		"  -d, --daemon          run in the background, log to syslog\n"
		"  -v, --verbose         log debug messages too\n"
		"  -t, --trace FILE      write the PDUs sent and received to FILE (pcap);\n"
		"                        in a flood, a few each second\n"
		"  -T, --trace-max MIB   let FILE grow to MIB mebibytes (1-65535, 64)\n"
		"  -h, --help            this text\n"
		"  -V, --version         print the version\n"
		"\n"
		"Signals: SIGHUP re-reads the bonds and their options from the driver,\n"
		"SIGUSR1 logs the full LACP state, SIGTERM and SIGINT exit (the driver\n"
		"keeps the ports' state, so a restart within the partner's timeout is\n"
		"hitless).\n");
}

/* A number from 1 to 65535 for option --@name. */
static int parse_count(const char *name, const char *arg, unsigned int *out)
{
	unsigned long n;
	char *end;

	errno = 0;
	n = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || !n ||
	    n > 65535) {
		fprintf(stderr,
			"lacpd: --%s '%s': expected a number from 1 to 65535\n",
			name, arg);
		return -1;
	}
	*out = (unsigned int)n;
	return 0;
}

/*
 * Every port is a socket: a namespace with a thousand ports needs more
 * descriptors than the usual soft limit of 1024. Take the hard limit.
 */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= rl.rlim_max)
		return;
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		log_warn("cannot raise the open files limit: %s",
			 strerror(errno));
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "interface",	required_argument,	NULL, 'i' },
		{ "max-ports",	required_argument,	NULL, 'm' },
		{ "daemon",	no_argument,		NULL, 'd' },
		{ "verbose",	no_argument,		NULL, 'v' },
		{ "trace",	required_argument,	NULL, 't' },
		{ "trace-max",	required_argument,	NULL, 'T' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct agent_options opt = { .trace_max_mib = 64 };
	bool daemonize = false, verbose = false;
	int c;

	while ((c = getopt_long(argc, argv, "i:m:dvt:T:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			opt.only_bond = optarg;
			break;
		case 'm':
			if (parse_count("max-ports", optarg, &opt.max_ports))
				return 255;
			break;
		case 'd':
			daemonize = true;
			break;
		case 'v':
			verbose = true;
			break;
		case 't':
			opt.trace_path = optarg;
			break;
		case 'T':
			if (parse_count("trace-max", optarg,
					&opt.trace_max_mib))
				return 255;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("lacpd %s\n", LACPD_VERSION);
			return 0;
		default:
			usage(stderr);
			return 255;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "lacpd: unexpected argument '%s'\n",
			argv[optind]);
		usage(stderr);
		return 255;
	}
	if (opt.only_bond && strlen(opt.only_bond) >= 16) {
		fprintf(stderr, "lacpd: '%s' is too long for a device name\n",
			opt.only_bond);
		return 255;
	}

	if (lock_take(opt.only_bond))
		return 1;
	if (daemonize && daemon(0, 0) < 0) {
		perror("lacpd: daemon");
		return 1;
	}
	log_init(daemonize, verbose);
	lock_note_pid();
	log_info("lacpd %s starting%s%s", LACPD_VERSION,
		 opt.only_bond ? " for " : "",
		 opt.only_bond ? opt.only_bond : "");
	if (opt.max_ports)
		log_info("at most %u ports per aggregator", opt.max_ports);
	raise_fd_limit();
	return agent_run(&opt);
}
