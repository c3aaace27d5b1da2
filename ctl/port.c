// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl port set PORT { up | down | prio N | queue_id N |
 * actor_port_prio N }...: one
 * NBOND_CMD_PORT_SET. The driver checks that PORT is a port of an nbond
 * bond and that queue_id fits the bond's queues, and says why not.
 */
#include "bondctl.h"
#include "genl.h"
#include "port_args.h"

int cmd_port(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_port_req req;
	struct ctl_genl g;
	char err[160];
	int ret;

	(void)ctl;
	if (ctl_port_parse(argc, argv, &req, err, sizeof(err)) < 0)
		return ctl_usage("%s", err);

	ret = ctl_genl_open(&g);
	if (ret != CTL_OK)
		return ret;
	ret = ctl_genl_port_set(&g, &req);
	ctl_genl_close(&g);
	return ret;
}
