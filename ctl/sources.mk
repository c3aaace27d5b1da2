# SPDX-License-Identifier: GPL-2.0
# bondctl sources that need neither libnl nor a kernel: the unit tests
# compile these in (paths relative to the top of the tree).
CTL_PURE_SRCS :=
# configuration half: options, command line, help, config arguments
CTL_PURE_SRCS += ctl/opts.c ctl/cmdline.c ctl/help.c ctl/config_args.c
# observing half: names, JSON, tables, show/monitor/drill rendering and
# argument parsing, drill figures
CTL_PURE_SRCS += ctl/names.c ctl/json.c ctl/table.c ctl/num.c ctl/bond.c \
	ctl/show_print.c ctl/show_lacp.c ctl/port_args.c ctl/monitor_print.c \
	ctl/drill_args.c ctl/drill_calc.c ctl/drill_print.c \
	ctl/lacpd_check.c
# Sources that need libnl but no socket (parsing the nbond family's
# messages): the unit tests compile them with libnl-3 and libnl-genl-3.
CTL_NL_SRCS := ctl/genl_parse.c ctl/genl_parse_lacp.c
