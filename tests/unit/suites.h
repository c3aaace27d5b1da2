/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unit test suites of nbond. Each tests/unit/test_*.c file defines one
 * constructor returning its Suite; to add a file, add its constructor to
 * NBOND_UNIT_SUITES below and main.c picks it up.
 */
#ifndef NBOND_UNIT_SUITES_H
#define NBOND_UNIT_SUITES_H

#include <check.h>

#define NBOND_UNIT_SUITES(X) \
	X(hash_suite) \
	X(flow_parse_suite) \
	X(values_suite) \
	X(opts_suite) \
	X(cmdline_suite) \
	X(config_args_suite) \
	X(names_suite) \
	X(json_suite) \
	X(show_suite) \
	X(show_lacp_suite) \
	X(events_suite) \
	X(drill_suite) \
	X(ctl_args_suite) \
	X(genl_suite) \
	X(pdu_suite) \
	X(lacp_suite) \
	X(lacp_agg_suite) \
	X(lacp_limit_suite) \
	X(lacpd_check_suite) \
	X(loop_suite) \
	X(ifindex_map_suite) \
	X(lacp_scale_suite) \
	X(drv_state_suite)

#define NBOND_UNIT_DECLARE(ctor) Suite *ctor(void);
NBOND_UNIT_SUITES(NBOND_UNIT_DECLARE)
#undef NBOND_UNIT_DECLARE

#endif /* NBOND_UNIT_SUITES_H */
