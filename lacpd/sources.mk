# SPDX-License-Identifier: GPL-2.0
# lacpd sources that do no I/O: the unit tests compile these in (paths
# relative to the top of the tree).
LACPD_PURE_SRCS := lacpd/pdu.c lacpd/ifindex_map.c lacpd/drv_state.c
# the LACP state machines (lacp.h)
LACPD_PURE_SRCS += lacpd/lacp.c lacpd/lacp_rx.c lacpd/lacp_select.c \
	lacpd/lacp_mux.c lacpd/lacp_tx.c lacpd/lacp_state.c
# the event loop and its log, which the unit tests drive with pipes
LACPD_LOOP_SRCS := lacpd/loop.c lacpd/log.c
