// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl show [NAME]: the state of one nbond bond, or of every one in the
 * namespace. show_print.c does the printing.
 */
#include <errno.h>
#include <string.h>

#include "bondctl.h"
#include "cmdline.h"
#include "genl.h"
#include "show_print.h"
#include "wait.h"

int cmd_show(struct ctl *ctl, int argc, char **argv)
{
	struct ctl_bond *bonds = NULL;
	const char *name = NULL;
	struct ctl_genl g;
	char err[128];
	size_t n = 0;
	int ret;

	if (argc > 1)
		return ctl_usage("show: unexpected argument '%s'", argv[1]);
	if (argc == 1) {
		if (argv[0][0] == '-')
			return ctl_usage("show: unknown option '%s'", argv[0]);
		if (ctl_check_ifname("bond name", argv[0], err,
				     sizeof(err)) < 0)
			return ctl_usage("%s", err);
		name = argv[0];
	}

	ret = ctl_genl_open(&g);
	if (ret != CTL_OK)
		return ret;
	if (name) {
		ret = ctl_genl_get(&g, name, &bonds);
		n = bonds ? 1 : 0;
	} else {
		ret = ctl_genl_get_all(&g, &bonds, &n);
	}
	ctl_genl_close(&g);
	if (ret != CTL_OK)
		return ret;

	if (ctl_show_print(stdout, ctl, bonds, n, ctl_now_ns()) < 0) {
		ctl_err("show: %s", strerror(ENOMEM));
		ret = CTL_FAIL;
	}
	if (fflush(stdout) == EOF) {
		ctl_err("show: %s", strerror(errno));
		ret = CTL_FAIL;
	}
	ctl_bonds_free(bonds, n);
	return ret;
}
