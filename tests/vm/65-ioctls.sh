#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 65-ioctls: bonding's ioctls, sent by a small program (bond_ioctl.py) as
# the tools that predate netlink and sysfs send them: enslave and release
# (SIOCBONDENSLAVE, SIOCBONDRELEASE), change the active port
# (SIOCBONDCHANGEACTIVE), take a device's address (SIOCBONDSETHWADDR),
# query the bond and each port (SIOCBONDINFOQUERY, SIOCBONDSLAVEINFOQUERY)
# and its MII status (SIOCGMIIPHY, SIOCGMIIREG); errors for a missing
# device, a port number out of range, a port of another mode. Each result
# is read back with ip where it changes something. Run with bonding.ko and
# with nbond (kind=bond): the outputs must be the same.
#
#  +------------- io-PID -------------+
#  |  bond0 -- e0 ==veth== p0 (up)    |
#  |        -- e1 ==veth== p1 (up)    |
#  |  d0 (dummy, 02:00:00:00:00:42)   |
#  +----------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module bonding
require_module dummy

H=$(ns_add io)
quiet_ns "$H"
looped_ports "$H" 2
ip -n "$H" link add d0 address 02:00:00:00:00:42 type dummy

IOCTL=$(dirname "${BASH_SOURCE[0]}")/bond_ioctl.py
io() {
	ip netns exec "$H" python3 "$IOCTL" "$@" | sed "s/^/$1 ${3:-}: /"
}

settled() {
	[[ $(bond_carrier "$H" bond0) == 1 && -n $(bond_active "$H" bond0) ]]
}

ioctls() {
	local i
	ip -n "$H" link add bond0 type bond mode active-backup miimon 100
	ip -n "$H" link set bond0 up
	io info bond0
	io mii bond0
	for i in 0 1; do
		ip -n "$H" link set "e$i" down
		io enslave bond0 "e$i"
	done
	io enslave bond0 nosuchdev
	wait_until 20 settled || echo "bond0 did not settle"
	echo "masters: $(port_master "$H" e0) $(port_master "$H" e1)"
	io info bond0
	io mii bond0
	for i in 0 1 2 -1; do
		io port bond0 "$i"
	done
	io active bond0 e1
	echo "active: $(bond_active "$H" bond0)"
	io port bond0 1
	io active bond0 d0
	io sethwaddr bond0 d0
	echo "bond0 address: $(mac_of "$H" bond0)"
	io release bond0 e0
	echo "e0's master: '$(port_master "$H" e0)'"
	io release bond0 e0
	io info bond0
	io release bond0 e1
	wait_until 20 bond_carrier_is "$H" bond0 0 || echo "carrier stays"
	io mii bond0
	ip -n "$H" link del bond0

	ip -n "$H" link add bond0 type bond mode balance-xor miimon 100
	ip -n "$H" link set e0 down
	io enslave bond0 e0
	io active bond0 e0
	io info bond0
	ip -n "$H" link del bond0
	for i in 0 1; do
		ip -n "$H" link set "e$i" down
	done
}

like_bonding ioctls "bonding's ioctls"
pass "bonding's ioctls enslave, release, query and change a bond as with bonding.ko"
