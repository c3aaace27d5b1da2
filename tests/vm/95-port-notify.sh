#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 95-port-notify: a port whose state changes in the bond (its role, whether
# it transmits, its link as the monitor sees it) is announced: rtnetlink
# sends RTM_NEWLINK for the port, so that `ip monitor`, NetworkManager and
# systemd-networkd learn of it, as they do with bonding.ko; also when the
# LACP agent puts a port to use. Here the carriers do not change: only the
# bond's view of its ports does.
#
#  +------------- pn-PID --------------+
#  |  bond0 --+-- e0 ==veth== p0       |
#  |          +-- e1 ==veth== p1       |
#  +-----------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
nbond_reload kind=bond

H=$(ns_add pn)
quiet_ns "$H"
looped_ports "$H" 2
ip -n "$H" link add bond0 type bond mode active-backup miimon 100
add_ports "$H" bond0 e0 e1
ip -n "$H" link set bond0 up
wait_until 10 active_is "$H" bond0 e0 || fail "e0 never became active"

# monitored NAME CMD...: run CMD under `ip monitor link`, keep its output.
monitored() {
	local name=$1 pid
	shift
	ip -n "$H" monitor link >"$RESULTS_DIR/$name.mon" 2>&1 &
	pid=$!
	on_exit "kill $pid 2>/dev/null || true"
	sleep 1
	"$@"
	sleep 1
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	cat "$RESULTS_DIR/$name.mon"
}

# Lines of a monitor log about port PORT.
port_lines() {
	grep -c ": $2[@:]" "$RESULTS_DIR/$1.mon" || true
}

step "active_slave e1: both ports change roles, both are announced"
monitored switch ip -n "$H" link set bond0 type bond active_slave e1
assert_eq "e1 active" "$(bond_active "$H" bond0)" e1
assert_ge "RTM_NEWLINK for e0 (now a backup)" "$(port_lines switch e0)" 1
assert_ge "RTM_NEWLINK for e1 (now active)" "$(port_lines switch e1)" 1

step "the active port taken out of use with bondctl: both announced"
require_bondctl
monitored admin "$BONDCTL" -n "$H" port set e1 down
assert_eq "e0 active" "$(bond_active "$H" bond0)" e0
assert_ge "RTM_NEWLINK for e1 (out of use)" "$(port_lines admin e1)" 1
assert_ge "RTM_NEWLINK for e0 (active again)" "$(port_lines admin e0)" 1
"$BONDCTL" -n "$H" port set e1 up

step "nothing changes: nothing is announced"
monitored quiet sleep 1
assert_eq "no RTM_NEWLINK for the ports" \
	$(($(port_lines quiet e0) + $(port_lines quiet e1))) 0

step "802.3ad: the LACP agent puts both ports to use: both announced"
ip -n "$H" link del bond0
ip -n "$H" link add bond1 type bond mode 802.3ad miimon 100
add_ports "$H" bond1 e0 e1
ip -n "$H" link set bond1 up
# The agent sets every port selected, collecting and distributing, and
# leaves at once (its input is empty); the ports keep that state.
agent_once() {
	ip netns exec "$H" python3 "$NBOND_TOP/tests/vm/lacp_agent.py" bond1 \
		</dev/null
}
monitored lacp agent_once
assert_eq "e0 distributes" "$(proc_port_field "$H" bond1 e0 distributing)" yes
assert_ge "RTM_NEWLINK for e0 (distributing)" "$(port_lines lacp e0)" 1
assert_ge "RTM_NEWLINK for e1 (distributing)" "$(port_lines lacp e1)" 1
