# SPDX-License-Identifier: GPL-2.0
# lacpd sources that do no I/O: the unit tests compile these in (paths
# relative to the top of the tree).
LACPD_PURE_SRCS := lacpd/pdu.c
# the LACP state machines (lacp.h)
LACPD_PURE_SRCS += lacpd/lacp.c lacpd/lacp_rx.c lacpd/lacp_select.c \
	lacpd/lacp_mux.c lacpd/lacp_tx.c lacpd/lacp_state.c
