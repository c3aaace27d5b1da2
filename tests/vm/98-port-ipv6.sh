#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 98-port-ipv6: IPv6 does not configure a bond's ports. A port has the
# bond's MAC; with an address of its own it would claim the bond's
# link-local address, and the bond's duplicate address detection would
# fail (the kernel's bond_macvlan_ipvlan.sh selftest lost IPv6 that way).
# Each round makes an active-backup bond over two ports cabled to a bridge,
# gives it an IPv6 address and waits for DAD; then it is deleted and made
# again over the same ports, as bond_topo_2d1c.sh's bond_reset does. The
# rounds run with bonding.ko and with nbond (kind=bond) in the same boot
# and must read the same.
#
#  +------- p6-PID -------+        +--------- p6s-PID ---------+
#  |  bond0 --+-- h0 ==veth== s0 --+-- br0  2001:db8:98::fe   |
#  |          +-- h1 ==veth== s1 --+                           |
#  +----------------------+        +---------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module bonding

H=$(ns_add p6)
S=$(ns_add p6s)
bridge_switch "$S" "$H" 192.0.2.254/24 h s 2
ip -n "$S" addr add 2001:db8:98::fe/64 dev br0 nodad

# IPv6 addresses on DEV (tentative, failed and all).
ipv6_count() {
	ip -n "$H" -6 -j addr show dev "$1" | jq '[.[].addr_info[]?] | length'
}

# ok, tentative or dadfailed: the worst of bond0's IPv6 addresses.
bond_dad() {
	local addrs
	addrs=$(ip -n "$H" -6 addr show dev bond0)
	case $addrs in
	*dadfailed*) echo dadfailed ;;
	*tentative*) echo tentative ;;
	*) echo ok ;;
	esac
}

bond_settled() {
	[[ $(bond_dad) != tentative ]]
}

rounds() {
	local opts round
	for opts in "" "miimon 100"; do
		for round in 1 2; do
			# shellcheck disable=SC2086 # options are words
			ip -n "$H" link add bond0 type bond mode active-backup \
				$opts
			add_ports "$H" bond0 h0 h1
			ip -n "$H" link set bond0 up
			ip -n "$H" addr add 2001:db8:98::1/64 dev bond0
			wait_until 20 bond_settled || fail "DAD never ended"
			echo "[$opts] round $round: bond0 $(bond_dad)," \
				"addresses on h0 $(ipv6_count h0)," \
				"on h1 $(ipv6_count h1)"
			if in_ns "$H" ping -6 -q -c 3 -i 0.2 -W 2 \
				2001:db8:98::fe >/dev/null 2>&1; then
				echo "[$opts] round $round: the switch answers"
			else
				echo "[$opts] round $round: the switch does not answer"
			fi
			ip -n "$H" link del bond0
		done
	done
}

like_bonding rounds "IPv6 on the ports is not what it is with bonding.ko"
assert_eq "no address on a port, DAD passed, the switch answers" \
	"$(grep -vc 'bond0 ok, addresses on h0 0, on h1 0$\|the switch answers$' \
		"$RESULTS_DIR/nbond.txt" || true)" 0
assert_eq "eight lines" "$(wc -l <"$RESULTS_DIR/nbond.txt")" 8
pass "IPv6 leaves the ports alone, with nbond as with bonding.ko"
