/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: logging, to stderr in the foreground or to syslog when
 * daemonized (-d).
 */
#ifndef LACPD_LOG_H
#define LACPD_LOG_H

#include <stdbool.h>
#include <syslog.h>

void log_init(bool use_syslog, bool verbose);
void log_msg(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

#endif /* LACPD_LOG_H */
