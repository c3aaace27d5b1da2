// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl port: the command line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/nbond.h>

#include "cmdline.h"
#include "num.h"
#include "port_args.h"

static int number_error(char *err, size_t errlen, const char *what,
			const char *text, int code, const char *range)
{
	if (code == -ERANGE)
		snprintf(err, errlen, "port set: %s '%s' is out of range (%s)",
			 what, text, range);
	else
		snprintf(err, errlen, "port set: %s '%s' is not a number",
			 what, text);
	return -1;
}

int ctl_port_parse(int argc, char **argv, struct ctl_port_req *req,
		   char *err, size_t errlen)
{
	const char *word, *val;
	uint32_t num;
	int i, code;

	memset(req, 0, sizeof(*req));
	if (argc < 1) {
		snprintf(err, errlen, "port: missing subcommand (port set PORT ...)");
		return -1;
	}
	if (strcmp(argv[0], "set")) {
		snprintf(err, errlen, "port: unknown subcommand '%s'", argv[0]);
		return -1;
	}
	if (argc < 2) {
		snprintf(err, errlen, "port set: missing PORT");
		return -1;
	}
	if (ctl_check_ifname("port name", argv[1], err, errlen) < 0)
		return -1;
	snprintf(req->port, sizeof(req->port), "%s", argv[1]);

	for (i = 2; i < argc; i++) {
		word = argv[i];
		if (!strcmp(word, "up") || !strcmp(word, "down")) {
			if (req->set_admin) {
				snprintf(err, errlen,
					 "port set: up or down given twice");
				return -1;
			}
			req->set_admin = true;
			req->admin = word[0] == 'u' ? NBOND_ADMIN_UP :
						      NBOND_ADMIN_DOWN;
			continue;
		}
		if (strcmp(word, "prio") && strcmp(word, "queue_id") &&
		    strcmp(word, "actor_port_prio")) {
			snprintf(err, errlen, "port set: unknown setting '%s'",
				 word);
			return -1;
		}
		if (i + 1 >= argc) {
			snprintf(err, errlen, "port set: %s needs a number",
				 word);
			return -1;
		}
		val = argv[++i];
		if (!strcmp(word, "prio")) {
			if (req->set_prio) {
				snprintf(err, errlen,
					 "port set: prio given twice");
				return -1;
			}
			code = ctl_parse_s32(val, &req->prio);
			if (code)
				return number_error(err, errlen, "prio", val,
						    code,
						    "-2147483648..2147483647");
			req->set_prio = true;
		} else if (!strcmp(word, "actor_port_prio")) {
			if (req->set_ad_prio) {
				snprintf(err, errlen,
					 "port set: actor_port_prio given twice");
				return -1;
			}
			code = ctl_parse_u32(val, 0, UINT16_MAX, &num);
			if (code)
				return number_error(err, errlen,
						    "actor_port_prio", val,
						    code, "0..65535");
			req->ad_prio = (uint16_t)num;
			req->set_ad_prio = true;
		} else {
			if (req->set_queue_id) {
				snprintf(err, errlen,
					 "port set: queue_id given twice");
				return -1;
			}
			code = ctl_parse_u32(val, 0, UINT16_MAX, &num);
			if (code)
				return number_error(err, errlen, "queue_id",
						    val, code, "0..65535");
			req->queue_id = (uint16_t)num;
			req->set_queue_id = true;
		}
	}
	if (!req->set_admin && !req->set_prio && !req->set_queue_id &&
	    !req->set_ad_prio) {
		snprintf(err, errlen,
			 "port set %s: nothing to set (up, down, prio N, queue_id N, actor_port_prio N)",
			 req->port);
		return -1;
	}
	return 0;
}
