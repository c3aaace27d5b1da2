#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 93-reselect-parity: nbond chooses the active port when and as bonding.ko
# does. Each case is a bond and a list of actions (ports added, carriers
# lost and back, prio, primary, primary_reselect, active_slave set); after
# every action the active port is recorded. The primary renamed is no
# longer the primary; a port renamed to its name becomes it (netlink names
# the primary by ifindex, so only a rename can make a port the primary
# after the fact). The cases run in
# active-backup (three of them in balance-tlb and balance-alb too), once
# with bonding.ko
# and once with nbond (kind=bond) in the same boot, and the two traces
# must be identical.
#
# 14 cases, each run twice (bonding.ko and nbond), are more than the usual
# scenario's 7 minutes on a loaded machine:
# nbond-vm: timeout 900
#
#  +-------------------- rs-PID --------------------+
#  |  b0 --+-- e0 ==veth== p0   (a peer set down    |
#  |       +-- e1 ==veth== p1    takes its port's   |
#  |       +-- e2 ==veth== p2    carrier away)      |
#  +-------------------------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module bonding

H=$(ns_add rs)
quiet_ns "$H"

# "OPTIONS|ACTION;ACTION;...". Actions: add PORT, down PORT, up PORT,
# prio PORT N, set OPTIONS, rename PORT NAME (taken down to be renamed, as
# the kernel wants, and up again).
CASES=(
	"|add e0;add e1;prio e1 10;down e1;up e1"
	"primary_reselect failure|add e0;add e1;prio e1 10;down e0;up e0;down e1;up e1"
	"|add e0;add e1;down e0;up e0;add e2"
	"primary_reselect failure|add e0;add e1;add e2;set primary e2;down e2;up e2"
	"primary e1 primary_reselect better|add e0;add e1;down e1;up e1"
	"|add e0;add e1;add e2;prio e2 5;prio e1 7;set primary e0;prio e2 9;down e0"
	"|add e0;add e1;prio e1 10;set active_slave e0;down e1;up e1"
	"primary e1|add e0;add e1;rename e1 other;rename e0 e1"
)

mii_is() {
	[[ $(port_field "$H" "$1" mii_status) == "$2" ]]
}

act() {
	local verb=$1 port=${2:-}
	case $verb in
	add)
		add_ports "$H" b0 "$port"
		wait_until 10 mii_is "$port" UP || fail "$port never came up"
		;;
	down)
		ip -n "$H" link set "p${port#e}" down
		wait_until 10 mii_is "$port" DOWN || fail "$port never went down"
		;;
	up)
		ip -n "$H" link set "p${port#e}" up
		wait_until 10 mii_is "$port" UP || fail "$port never came up"
		;;
	prio)
		ip -n "$H" link set "$port" type bond_slave prio "$3"
		;;
	rename)
		ip -n "$H" link set "$port" down
		wait_until 10 mii_is "$port" DOWN || fail "$port never went down"
		ip -n "$H" link set "$port" name "$3"
		ip -n "$H" link set "$3" up
		wait_until 10 mii_is "$3" UP || fail "$3 never came up"
		;;
	set)
		shift
		# shellcheck disable=SC2068 # options are words
		ip -n "$H" link set b0 type bond $@
		;;
	esac
	# Both drivers choose in the same pass as a link change, which the
	# waits above see; give the option paths a moment.
	case $verb in
	prio | set) sleep 0.2 ;;
	esac
}

# run_case MODE "OPTIONS|ACTIONS": one line per action, with the active
# port after it.
run_case() {
	local mode=$1 opts=${2%%|*} actions=${2#*|} action i
	local -a list
	for i in 0 1 2; do
		ip -n "$H" link add "e$i" type veth peer name "p$i"
		ip -n "$H" link set "p$i" up
	done
	# shellcheck disable=SC2086 # options are words
	ip -n "$H" link add b0 type bond mode "$mode" miimon 50 $opts
	ip -n "$H" link set b0 up
	IFS=';' read -ra list <<<"$actions"
	for action in "${list[@]}"; do
		# shellcheck disable=SC2086 # an action is words
		act $action
		echo "$mode [$opts] $action: $(bond_active "$H" b0)"
	done
	ip -n "$H" link del b0
	# By the peers: a port may have been renamed.
	for i in 0 1 2; do
		ip -n "$H" link del "p$i"
	done
}

# Every case in active-backup; in balance-tlb and balance-alb (which
# choose the same way, through the same code in both drivers) the prio
# and primary ones.
readonly TLB_ALB_CASES=(0 1 4)

run_all() {
	local c mode
	for c in "${CASES[@]}"; do
		run_case active-backup "$c"
	done
	for mode in balance-tlb balance-alb; do
		for c in "${TLB_ALB_CASES[@]}"; do
			run_case "$mode" "${CASES[c]}"
		done
	done
}

like_bonding run_all "nbond chose other active ports than bonding.ko"
actions=0
for c in "${CASES[@]}" "${CASES[0]}" "${CASES[1]}" "${CASES[4]}" \
	"${CASES[0]}" "${CASES[1]}" "${CASES[4]}"; do
	IFS=';' read -ra list <<<"${c#*|}"
	actions=$((actions + ${#list[@]}))
done
assert_eq "every action recorded" \
	"$(wc -l <"$RESULTS_DIR/nbond.txt")" "$actions"
assert_eq "a port of higher prio back up takes over (always)" \
	"$(sed -n 5p "$RESULTS_DIR/nbond.txt")" \
	"active-backup [] up e1: e1"
pass "the same active port as bonding.ko after all $actions actions"
