#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 91-speed: the speed a bond reports (ethtool, and so every tool that asks)
# over ports of 1000 and 10000 Mb/s, as bonding.ko reports it: the ports
# in use add up in balance-rr and balance-xor; active-backup is as fast as
# its active port; broadcast, which sends every frame on every port, is as
# fast as its slowest port (issue 12, defect 11: it reported the sum).
#
#  +------------------- sp-PID --------------------+
#  |  bond0 --+-- tap0 (1000 Mb/s)                 |
#  |          +-- tap1 (10000 Mb/s)                |
#  |  a python3 process holds both taps open, so   |
#  |  that they have carrier                       |
#  +-----------------------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd python3 ethtool
nbond_reload kind=bond
modprobe tun || skip "no tun module"

H=$(ns_add sp)
quiet_ns "$H"

# Two taps, created and held open (with carrier) until the scenario ends.
ip netns exec "$H" python3 - <<-'EOF' &
	import fcntl, os, struct, time
	TUNSETIFF, IFF_TAP, IFF_NO_PI = 0x400454ca, 0x0002, 0x1000
	fds = []
	for name in (b"tap0", b"tap1"):
	    fd = os.open("/dev/net/tun", os.O_RDWR)
	    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name, IFF_TAP | IFF_NO_PI))
	    fds.append(fd)
	time.sleep(600)
	EOF
on_exit "kill $! 2>/dev/null || true"
wait_until 10 dev_exists "$H" tap1 || fail "the taps did not appear"
in_ns "$H" ethtool -s tap0 speed 1000 duplex full
in_ns "$H" ethtool -s tap1 speed 10000 duplex full

bond_speed() {
	in_ns "$H" ethtool bond0 | sed -n 's/^[[:space:]]*Speed: //p'
}

# speed_in MODE EXPECTED OPTIONS...
speed_in() {
	local mode=$1 want=$2
	shift 2
	ip -n "$H" link add bond0 type bond mode "$mode" "$@"
	add_ports "$H" bond0 tap0 tap1
	ip -n "$H" link set bond0 up
	wait_until 10 bond_carrier_is "$H" bond0 1 || fail "$mode: no carrier"
	assert_eq "$mode: the bond's speed" "$(bond_speed)" "$want"
	ip -n "$H" link del bond0
}

speed_in balance-rr 11000Mb/s
speed_in balance-xor 11000Mb/s
speed_in active-backup 10000Mb/s primary tap1
speed_in active-backup 1000Mb/s primary tap0
speed_in broadcast 1000Mb/s
