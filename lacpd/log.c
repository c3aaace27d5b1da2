// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: logging. In the foreground every message goes to stderr with a
 * monotonic timestamp, so that a log lines up with the driver's event
 * timestamps; daemonized, to syslog (facility daemon).
 */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "log.h"

static bool log_syslog;
static bool log_verbose;

void log_init(bool use_syslog, bool verbose)
{
	log_syslog = use_syslog;
	log_verbose = verbose;
	if (use_syslog)
		openlog("lacpd", LOG_PID, LOG_DAEMON);
}

void log_msg(int prio, const char *fmt, ...)
{
	static const char *const names[] = {
		[LOG_ERR] = "error", [LOG_WARNING] = "warning",
		[LOG_INFO] = "info", [LOG_DEBUG] = "debug",
	};
	struct timespec ts;
	va_list ap;

	if (prio == LOG_DEBUG && !log_verbose)
		return;
	va_start(ap, fmt);
	if (log_syslog) {
		vsyslog(prio, fmt, ap);
	} else {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		fprintf(stderr, "lacpd[%lld.%06ld] %s: ", (long long)ts.tv_sec,
			ts.tv_nsec / 1000,
			prio < (int)(sizeof(names) / sizeof(names[0])) &&
			names[prio] ? names[prio] : "log");
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
