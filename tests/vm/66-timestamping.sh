#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 66-timestamping: a bond's time stamping capabilities, as PTP daemons and
# `ethtool -T` read them. An active-backup bond reports its active port's
# (veth: software transmit and receive, no PHC), before it has ports only
# software receive; the same with bonding.ko and with nbond (kind=bond).
# A balance-xor bond (nbond) reports software transmit when every port has
# it, as Debian's 6.12 bonding.ko does.
#
#  +----------- ts-PID -----------+
#  |  bond0 -- e0 ==veth== p0     |
#  |        -- e1 ==veth== p1     |
#  +------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module bonding
require_cmd ethtool

H=$(ns_add ts)
quiet_ns "$H"
looped_ports "$H" 2

# caps BOND: the capabilities and PHC that ethtool -T lists.
caps() {
	ip netns exec "$H" ethtool -T "$1" |
		sed -n '/^Capabilities:/,/^PTP Hardware Clock/p' |
		tr -s ' \t' ' '
}

timestamping() {
	ip -n "$H" link add bond0 type bond mode active-backup miimon 100
	echo "==== no ports"
	caps bond0
	add_ports "$H" bond0 e0 e1
	ip -n "$H" link set bond0 up
	wait_until 20 bond_carrier_is "$H" bond0 1 || echo "no carrier"
	echo "==== active-backup, active $(bond_active "$H" bond0)"
	caps bond0
	echo "==== e0 alone"
	caps e0
	ip -n "$H" link del bond0
}

like_bonding timestamping "time stamping capabilities"
grep -q 'software-transmit' "$RESULTS_DIR/nbond.txt" ||
	fail "the active port's software transmit stamping is not reported"

step "balance-xor: software transmit when every port has it"
nbond_reload kind=bond
ip -n "$H" link add bond0 type bond mode balance-xor miimon 100
add_ports "$H" bond0 e0 e1
caps bond0 | tee "$RESULTS_DIR/xor.txt"
grep -q 'software-transmit' "$RESULTS_DIR/xor.txt" ||
	fail "balance-xor over veth does not report software transmit"
grep -q 'PTP Hardware Clock: none' "$RESULTS_DIR/xor.txt" ||
	fail "balance-xor reports a PHC"
ip -n "$H" link del bond0
pass "time stamping: the active port's in active-backup, as bonding.ko; software transmit in balance-xor"
