/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl port: the command line. Pure.
 */
#ifndef BONDCTL_PORT_ARGS_H
#define BONDCTL_PORT_ARGS_H

#include <stddef.h>

#include "bond.h"

/*
 * Parse the words after "port":
 *
 *   set PORT { up | down | prio N | queue_id N }...
 *
 * prio is any s32, queue_id 0 to 65535. Each setting may be given once.
 * Returns 0 and fills @req, or -1 with a message in @err.
 */
int ctl_port_parse(int argc, char **argv, struct ctl_port_req *req,
		   char *err, size_t errlen);

#endif /* BONDCTL_PORT_ARGS_H */
