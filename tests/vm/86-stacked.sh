#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 86-stacked: a macvlan, then an ipvlan (both take the bond's receive
# handler, so one at a time), on an active-backup, a balance-tlb and a
# balance-alb bond keep working across a failover and back. The macvlan
# has a MAC address of its own, which the bond must hand to whichever port
# is active; the ipvlan shares the bond's (and in balance-alb, its ARP
# replies name a port's address, so it receives on either port).
#
#  +-------- sh-PID --------+            +------- ss-PID -------+
#  | bond0 10.86.0.1        |  e0 == s0  | br0 10.86.0.254      |
#  |  mv0 (macvlan) .2, or  |  e1 == s1  |                      |
#  |  iv0 (ipvlan l2) .3    |            |                      |
#  +------------------------+            +----------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
nbond_reload kind=bond

H=$(ns_add sh)
S=$(ns_add ss)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.86.0.254/24 e s 2

# reach WHAT IP...: the switch reaches every IP.
reach() {
	local what=$1 ip
	shift
	ip -n "$S" neigh flush dev br0
	for ip in "$@"; do
		wait_until 10 in_ns "$S" ping -c 1 -W 1 "$ip" >/dev/null ||
			fail "$what: no answer from $ip"
	done
	pass "$what: $* answer"
}

# drill DEV IP [MAC]: over e0, over e1 after a failover, over e0 again;
# the switch learns MAC (the upper's own) on the active port's side.
drill() {
	local dev=$1 ip=$2 mac=${3:-}
	reach "$dev, e0 active" 10.86.0.1 "$ip"
	[[ -z $mac ]] || assert_true "$dev: the switch learned $mac on s0" \
		bash -c "bridge -n $S fdb show br br0 | grep -q '^$mac dev s0 '"
	ip -n "$S" link set s0 down
	wait_until 10 active_is "$H" bond0 e1 || fail "$dev: no failover"
	reach "$dev, e1 active" 10.86.0.1 "$ip"
	[[ -z $mac ]] || assert_true "$dev: the switch learned $mac on s1" \
		bash -c "bridge -n $S fdb show br br0 | grep -q '^$mac dev s1 '"
	ip -n "$S" link set s0 up
	wait_until 10 active_is "$H" bond0 e0 || fail "$dev: no failback"
	reach "$dev, e0 active again" 10.86.0.1 "$ip"
}

# stacked MODE: the drills on a bond in MODE, e0 its primary.
stacked() {
	local mode=$1 mv_mac

	ip -n "$H" link add bond0 type bond mode "$mode" miimon 100
	add_ports "$H" bond0 e0 e1
	ip -n "$H" link set bond0 type bond primary e0
	ip -n "$H" link set bond0 up
	ip -n "$H" addr add 10.86.0.1/24 dev bond0
	wait_until 10 active_is "$H" bond0 e0 || fail "$mode: e0 not active"

	step "$mode: a macvlan on the bond"
	ip -n "$H" link add link bond0 name mv0 type macvlan mode bridge
	ip -n "$H" addr add 10.86.0.2/24 dev mv0
	ip -n "$H" link set mv0 up
	mv_mac=$(ip -n "$H" -j link show mv0 | jq -r '.[0].address')
	assert_true "the macvlan has an address of its own" \
		test "$mv_mac" != \
		"$(ip -n "$H" -j link show bond0 | jq -r '.[0].address')"
	drill mv0 10.86.0.2 "$mv_mac"
	ip -n "$H" link del mv0

	step "$mode: an ipvlan on the bond"
	ip -n "$H" link add link bond0 name iv0 type ipvlan mode l2
	ip -n "$H" addr add 10.86.0.3/24 dev iv0
	ip -n "$H" link set iv0 up
	drill iv0 10.86.0.3
	ip -n "$H" link del iv0
	ip -n "$H" link del bond0
}

stacked active-backup
stacked balance-tlb
stacked balance-alb
