#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 92-port-addresses: what a bond puts on its ports goes when they leave
# (issue 12, defect 15): the unicast address of a macvlan above the bond,
# and, in 802.3ad, the slow-protocols group 01:80:c2:00:00:02, whether
# the port is released or the bond deleted, whether the bond was up or
# down. A port's own lists are read with `bridge fdb show dev PORT`
# (unicast and multicast, "self permanent") and `ip maddr show dev PORT`.
#
#  +---------------------------- pa-PID ----------------------------+
#  |  mv0 (macvlan, 02:00:00:00:92:01)                               |
#  |   |                                                             |
#  |  bond0 --+-- e0 ==veth== p0                                     |
#  |          +-- e1 ==veth== p1                                     |
#  +-----------------------------------------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
nbond_reload kind=bond

readonly MV_MAC=02:00:00:00:92:01
readonly SLOW=01:80:c2:00:00:02

H=$(ns_add pa)
quiet_ns "$H"
looped_ports "$H" 2

has_uc() {
	ip -n "$H" -j link show dev "$1" >/dev/null &&
		bridge -n "$H" fdb show dev "$1" | grep -q "^$2 "
}

has_mc() {
	ip -n "$H" maddr show dev "$1" | grep -q "link  *$2"
}

# make_bond MODE UP|DOWN: bond0 over e0 and e1, a macvlan above it.
make_bond() {
	ip -n "$H" link add bond0 type bond mode "$1" miimon 100
	add_ports "$H" bond0 e0 e1
	ip -n "$H" link add link bond0 name mv0 address "$MV_MAC" type macvlan
	if [[ $2 == UP ]]; then
		ip -n "$H" link set bond0 up
		ip -n "$H" link set mv0 up
	fi
}

# gone_from PORT WHAT: neither the macvlan's address nor, in 802.3ad, the
# slow-protocols group is left on PORT.
gone_from() {
	local port=$1 what=$2
	if has_uc "$port" "$MV_MAC"; then
		fail "$what: the macvlan's address is left on $port"
	fi
	if has_mc "$port" "$SLOW"; then
		fail "$what: the slow-protocols group is left on $port"
	fi
	pass "$what: nothing of the bond's is left on $port"
}

# slow_follows_bond UP|DOWN: as with bonding.ko, the ports listen to the
# slow-protocols group while the 802.3ad bond is up, and only then (the
# kernel's dev_addr_lists.sh selftest checks the same).
slow_follows_bond() {
	local up=$1 i
	for i in 1 2; do
		if [[ $up == UP ]]; then
			assert_true "e0 listens to the slow-protocols group" \
				has_mc e0 "$SLOW"
			ip -n "$H" link set bond0 down
			up=DOWN
		else
			if has_mc e0 "$SLOW"; then
				fail "e0 listens to the slow-protocols group while the bond is down"
			fi
			pass "e0 does not listen while the bond is down"
			ip -n "$H" link set bond0 up
			up=UP
		fi
	done
}

for mode in balance-rr 802.3ad active-backup; do
	for state in UP DOWN; do
		step "$mode, bond $state"
		make_bond "$mode" "$state"
		if [[ $state == UP ]]; then
			# balance-rr and 802.3ad: every port; active-backup:
			# e0, once the MII monitor has made it active.
			assert_true "the macvlan's address reached e0" \
				wait_until 10 has_uc e0 "$MV_MAC"
		fi
		if [[ $mode == 802.3ad ]]; then
			slow_follows_bond "$state"
		fi
		ip -n "$H" link set e0 nomaster
		gone_from e0 "released"
		ip -n "$H" link del bond0
		gone_from e1 "bond deleted"
		if dev_exists "$H" mv0; then
			fail "mv0 outlived its bond"
		fi
	done
done
