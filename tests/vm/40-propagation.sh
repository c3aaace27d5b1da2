#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 40-propagation: what a bond hands down to its ports and takes back: MAC
# address (also with fail_over_mac active and follow), MTU, VLANs,
# promisc/allmulti and multicast addresses (all ports, or only the active
# one in active-backup, moving on failover), offload limits and features;
# and the bond's own 64-bit counters.
#
#  +------------ prop-h-PID ------------+        +------------ prop-s-PID ------------+
#  |                                    |  veth  |                                    |
#  |  bond0 ---+-- e0 ==================|========|== s0 --+                          |
#  | 10.40.0.1 |                        |        |        +-- br0      10.40.0.2      |
#  |           +-- e1 ==================|========|== s1 --+   br0.100  10.40.100.2    |
#  |           +-- e2 ==================|========|== s2 --+                          |
#  |  bond0.100 10.40.100.1             |        |                                    |
#  |                                    |        +------------------------------------+
#  |  d0 (dummy) -- v0 (vlan 5: MTU at most d0's 1500, refuses 9000)       |
#  |  d1 (dummy: tso_max_size 65536, less than a veth's)                   |
#  +------------------------------------+
#
# The far side is a bridge: the traffic checks use active-backup only (a
# bridge would loop balance-rr broadcasts back). IPv6 is off everywhere, so
# that nothing but the checks' own frames is sent. A port's link is cut by
# setting its peer down on the bridge side.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd jq ethtool
nbond_reload kind=bond

H=$(ns_add prop-h)
S=$(ns_add prop-s)
ip -n "$S" link add br0 type bridge
for i in 0 1 2; do
	veth_pair "e$i" "$H" "s$i" "$S"
	ip -n "$S" link set "s$i" master br0
done
ip -n "$H" link add d0 type dummy
ip -n "$H" link set d0 up
ip -n "$H" link add link d0 name v0 type vlan id 5
ip -n "$H" link add d1 type dummy
# "all" turns IPv6 off on the devices above, "default" on those made later.
for ns in "$H" "$S"; do
	in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
done
ip -n "$S" link set br0 up
ip -n "$S" addr add 10.40.0.2/24 dev br0
ip -n "$S" link add link br0 name br0.100 type vlan id 100
ip -n "$S" link set br0.100 up
ip -n "$S" addr add 10.40.100.2/24 dev br0.100

dev_field() {
	ip -n "$1" -j -d link show dev "$2" | jq -r ".[0].$3"
}

mac_of() { dev_field "$1" "$2" address; }
mtu_of() { dev_field "$1" "$2" mtu; }
master_of() { dev_field "$1" "$2" 'master // "none"'; }

# The kernel's own flags of a device (sysfs): `ip link` shows PROMISC and
# ALLMULTI only when a user set them, not when a bond did.
IFF_PROMISC=0x100
IFF_ALLMULTI=0x200
has_flag() {
	local flags
	flags=$(in_ns "$1" cat "/sys/class/net/$2/flags")
	((flags & $3))
}

flag_of() {
	if has_flag "$@"; then echo 1; else echo 0; fi
}

maddr_of() {
	if ip -n "$1" maddr show dev "$2" | grep -qw "link  *$3"; then
		echo 1
	else
		echo 0
	fi
}

# feature_of DEV NAME: "on" or "off", from ethtool -k DEV.
feature_of() {
	in_ns "$H" ethtool -k "$1" | sed -n "s/^$2: \([a-z]*\).*/\1/p"
}

E0=$(mac_of "$H" e0)
E1=$(mac_of "$H" e1)
E2=$(mac_of "$H" e2)

cut() { ip -n "$S" link set "$1" down; }
mend() { ip -n "$S" link set "$1" up; }

# make_ab OPTIONS...: a fresh active-backup bond0 over e0 e1 with OPTIONS,
# up and addressed, pinging the bridge.
make_ab() {
	ip -n "$H" link del bond0 2>/dev/null || true
	ip -n "$H" link add bond0 type bond mode active-backup miimon 100 "$@"
	ip -n "$H" link set e0 master bond0
	ip -n "$H" link set e1 master bond0
	ip -n "$H" link set bond0 up
	ip -n "$H" addr add 10.40.0.1/24 dev bond0
	wait_until 10 in_ns "$H" ping -c 1 -W 1 10.40.0.2 >/dev/null ||
		fail "no ping over the new bond"
	assert_eq "e0 is the active port" "$(bond_active "$H" bond0)" e0
}

# failover_to PORT: wait until PORT is the active port.
failover_to() {
	wait_until 5 test "$(bond_active "$H" bond0)" = "$1" ||
		fail "no failover to $1"
}

pings() {
	wait_until 5 in_ns "$H" ping -c 1 -W 1 "$1" >/dev/null
}

step "MAC: the bond takes its first port's address; every port takes the bond's"
ip -n "$H" link add bond0 type bond mode balance-rr
random0=$(mac_of "$H" bond0)
assert_true "a new bond has its own address" test "$random0" != "$E0"
ip -n "$H" link set e0 master bond0
assert_eq "bond0 took e0's address" "$(mac_of "$H" bond0)" "$E0"
assert_eq "e0 kept it" "$(mac_of "$H" e0)" "$E0"
ip -n "$H" link set e1 master bond0
ip -n "$H" link set e2 master bond0
assert_eq "e1 took the bond's address" "$(mac_of "$H" e1)" "$E0"
assert_eq "e2 took the bond's address" "$(mac_of "$H" e2)" "$E0"
assert_eq "e1's permanent address is reported" \
	"$(port_field "$H" e1 perm_hwaddr)" "$E1"
assert_eq "and in /proc" \
	"$(proc_port_field "$H" bond0 e1 'permanent address')" "$E1"

step "MAC: released ports get their own addresses back"
ip -n "$H" link set e2 nomaster
assert_eq "e2 has its address back" "$(mac_of "$H" e2)" "$E2"
ip -n "$H" link set e1 nomaster
assert_eq "e1 has its address back" "$(mac_of "$H" e1)" "$E1"
ip -n "$H" link set e0 nomaster
assert_eq "e0 has its address" "$(mac_of "$H" e0)" "$E0"
addr=$(mac_of "$H" bond0)
assert_true "the empty bond no longer uses e0's address ($addr)" \
	test "$addr" != "$E0"
assert_eq "its new address is random: unicast, locally administered" \
	$((0x${addr%%:*} & 3)) 2

step "MAC: setting the bond's address changes its ports'"
ip -n "$H" link set e0 master bond0
ip -n "$H" link set e1 master bond0
assert_eq "bond0 took e0's address again" "$(mac_of "$H" bond0)" "$E0"
ip -n "$H" link set bond0 address 02:00:00:00:00:bb
assert_eq "bond0 address set" "$(mac_of "$H" bond0)" 02:00:00:00:00:bb
assert_eq "e0 follows" "$(mac_of "$H" e0)" 02:00:00:00:00:bb
assert_eq "e1 follows" "$(mac_of "$H" e1)" 02:00:00:00:00:bb
ip -n "$H" link set e0 nomaster
ip -n "$H" link set e1 nomaster
assert_eq "e0 has its address back" "$(mac_of "$H" e0)" "$E0"
assert_eq "e1 has its address back" "$(mac_of "$H" e1)" "$E1"
assert_eq "bond0 keeps the address it was given" \
	"$(mac_of "$H" bond0)" 02:00:00:00:00:bb
ip -n "$H" link del bond0

step "MAC: a bond created with an address keeps it and gives it to its ports"
ip -n "$H" link add bond0 address 02:00:00:00:00:aa type bond mode balance-rr
ip -n "$H" link set e0 master bond0
ip -n "$H" link set e1 master bond0
assert_eq "bond0 kept its address" "$(mac_of "$H" bond0)" 02:00:00:00:00:aa
assert_eq "e0 took it" "$(mac_of "$H" e0)" 02:00:00:00:00:aa
assert_eq "e1 took it" "$(mac_of "$H" e1)" 02:00:00:00:00:aa
ip -n "$H" link set e0 nomaster
ip -n "$H" link set e1 nomaster
assert_eq "e0 has its address back" "$(mac_of "$H" e0)" "$E0"
assert_eq "e1 has its address back" "$(mac_of "$H" e1)" "$E1"
assert_eq "bond0 still has its address" "$(mac_of "$H" bond0)" 02:00:00:00:00:aa
ip -n "$H" link del bond0

step "MAC: fail_over_mac active: ports keep theirs, the bond uses the active one's"
make_ab fail_over_mac active
assert_eq "fail_over_mac reported" "$(bond_opt "$H" bond0 fail_over_mac)" active
assert_eq "e0 kept its address" "$(mac_of "$H" e0)" "$E0"
assert_eq "e1 kept its address" "$(mac_of "$H" e1)" "$E1"
assert_eq "bond0 has the active e0's address" "$(mac_of "$H" bond0)" "$E0"
cut s0
failover_to e1
assert_eq "bond0 now has e1's address" "$(mac_of "$H" bond0)" "$E1"
assert_eq "e0 still has its own" "$(mac_of "$H" e0)" "$E0"
assert_eq "e1 still has its own" "$(mac_of "$H" e1)" "$E1"
assert_true "the far side reaches the new address (gratuitous ARP)" \
	pings 10.40.0.2
assert_eq "the far side's ARP entry names e1's address" \
	"$(ip -n "$S" -j neigh show 10.40.0.1 | jq -r '.[0].lladdr')" "$E1"
mend s0
ip -n "$H" link del bond0

step "MAC: fail_over_mac active: a port's address does not outlive the ports"
# Given its own address, the bond takes the active port's; once the last
# port has left it must not keep a freed device's address.
ip -n "$H" link add bond0 address 02:00:00:00:00:dd type bond \
	mode active-backup miimon 100 fail_over_mac active
ip -n "$H" link set e0 master bond0
ip -n "$H" link set e1 master bond0
ip -n "$H" link set bond0 up
wait_until 10 bash -c "[[ \$(ip -n $H -j link show bond0 | jq -r '.[0].address') == $E0 ]]" ||
	fail "bond0 did not take the active e0's address"
ip -n "$H" link set e0 nomaster
ip -n "$H" link set e1 nomaster
after=$(mac_of "$H" bond0)
[[ $after != "$E0" && $after != "$E1" ]] ||
	fail "bond0 kept a former port's address ($after)"
pass "bond0 left with an address of its own ($after)"
ip -n "$H" link del bond0
for p in e0 e1; do
	ip -n "$H" link set "$p" up
done

step "MAC: fail_over_mac follow: the active port carries the bond's address"
ip -n "$H" link add bond0 address 02:00:00:00:00:cc type bond \
	mode active-backup miimon 100 fail_over_mac follow
ip -n "$H" link set e0 master bond0
ip -n "$H" link set e1 master bond0
ip -n "$H" link set bond0 up
ip -n "$H" addr add 10.40.0.1/24 dev bond0
assert_true "ping over the bond" pings 10.40.0.2
assert_eq "fail_over_mac reported" "$(bond_opt "$H" bond0 fail_over_mac)" follow
assert_eq "bond0 has its address" "$(mac_of "$H" bond0)" 02:00:00:00:00:cc
assert_eq "the active e0 carries it" "$(mac_of "$H" e0)" 02:00:00:00:00:cc
assert_eq "the backup e1 keeps its own" "$(mac_of "$H" e1)" "$E1"
cut s0
failover_to e1
assert_eq "the new active e1 carries it" "$(mac_of "$H" e1)" 02:00:00:00:00:cc
old=$(mac_of "$H" e0)
assert_true "the old active e0 no longer does ($old)" \
	test "$old" != 02:00:00:00:00:cc
assert_true "ping after the failover" pings 10.40.0.2
mend s0
wait_until 5 test "$(port_field "$H" e0 mii_status)" = UP ||
	fail "e0 not back up"
ip -n "$H" link set e1 nomaster
assert_eq "releasing the active e1 makes e0 active" "$(bond_active "$H" bond0)" e0
assert_eq "and e0 carries the bond's address" "$(mac_of "$H" e0)" 02:00:00:00:00:cc
assert_eq "released e1 has its address back" "$(mac_of "$H" e1)" "$E1"
ip -n "$H" link set e0 nomaster
assert_eq "released e0 has its address back" "$(mac_of "$H" e0)" "$E0"

step "MTU: the bond's MTU goes to every port"
make_ab
if in_ns "$H" ping -c 1 -W 1 -M "do" -s 8000 10.40.0.2 >/dev/null 2>&1; then
	fail "an 8000-byte ping went out at MTU 1500"
fi
ip -n "$H" link set bond0 mtu 9000
assert_eq "bond0 mtu" "$(mtu_of "$H" bond0)" 9000
assert_eq "e0 mtu" "$(mtu_of "$H" e0)" 9000
assert_eq "e1 mtu" "$(mtu_of "$H" e1)" 9000
for i in 0 1 2; do
	ip -n "$S" link set "s$i" mtu 9000
done
ip -n "$S" link set br0 mtu 9000
assert_true "an 8000-byte unfragmented ping crosses the bond" \
	in_ns "$H" ping -c 3 -i 0.1 -W 1 -M "do" -s 8000 -q 10.40.0.2 >/dev/null

step "MTU: a port added later takes the bond's MTU and gets its own back"
ip -n "$H" link set e2 mtu 1400
ip -n "$H" link set e2 master bond0
assert_eq "e2 took mtu 9000" "$(mtu_of "$H" e2)" 9000
ip -n "$H" link set e2 nomaster
assert_eq "released e2 has its mtu 1400 back" "$(mtu_of "$H" e2)" 1400
ip -n "$H" link set e2 mtu 1500

step "MTU: a port that cannot take the bond's MTU is refused"
assert_eq "v0 mtu" "$(mtu_of "$H" v0)" 1500
if ip -n "$H" link set v0 master bond0 2>/dev/null; then
	fail "v0 (at most 1500) enslaved to a bond at 9000"
fi
assert_eq "v0 is not a port" "$(master_of "$H" v0)" none
assert_eq "v0 mtu unchanged" "$(mtu_of "$H" v0)" 1500
assert_eq "bond0 still has 2 ports" "$(proc_field "$H" bond0 ports)" 2
assert_eq "e0 mtu unchanged" "$(mtu_of "$H" e0)" 9000

step "MTU: an MTU out of the bond's range is refused, nothing changes"
if ip -n "$H" link set bond0 mtu 70000 2>/dev/null; then
	fail "mtu 70000 accepted"
fi
assert_eq "bond0 mtu unchanged" "$(mtu_of "$H" bond0)" 9000
assert_eq "e0 mtu unchanged" "$(mtu_of "$H" e0)" 9000
assert_eq "e1 mtu unchanged" "$(mtu_of "$H" e1)" 9000

step "MTU: an MTU one port refuses is undone on the others"
ip -n "$H" link set bond0 mtu 1500
assert_eq "e0 back at 1500" "$(mtu_of "$H" e0)" 1500
ip -n "$H" link set v0 master bond0
if ip -n "$H" link set bond0 mtu 9000 2>/dev/null; then
	fail "mtu 9000 accepted although v0 refuses it"
fi
assert_eq "bond0 mtu unchanged" "$(mtu_of "$H" bond0)" 1500
assert_eq "e0 back at 1500" "$(mtu_of "$H" e0)" 1500
assert_eq "e1 back at 1500" "$(mtu_of "$H" e1)" 1500
assert_eq "v0 at 1500" "$(mtu_of "$H" v0)" 1500
ip -n "$H" link set v0 nomaster
assert_eq "released v0 has d0's address back" \
	"$(mac_of "$H" v0)" "$(mac_of "$H" d0)"

step "VLAN: a VLAN on the bond works, also across a failover"
make_ab
ip -n "$H" link add link bond0 name bond0.100 type vlan id 100
ip -n "$H" link set bond0.100 up
ip -n "$H" addr add 10.40.100.1/24 dev bond0.100
assert_true "ping over VLAN 100" pings 10.40.100.2
rx=$(link_counter "$S" br0.100 rx_packets)
in_ns "$H" ping -q -c 20 -i 0.02 10.40.100.2 >/dev/null
assert_ge "the far VLAN device received them tagged" \
	"$(link_counter "$S" br0.100 rx_packets)" $((rx + 20))
start_stream "$H" 10.40.100.2 vstream
sleep 0.5
cut s0
failover_to e1
tx1=$(link_counter "$H" e1 tx_packets)
sleep 1
assert_ge "e1 carries the VLAN stream" \
	"$(link_counter "$H" e1 tx_packets)" $((tx1 + 20))
stop_stream vstream
assert_le "the VLAN stream lost at most 1 s of packets" \
	"$(stream_lost vstream)" 100
assert_true "ping over VLAN 100 after the failover" pings 10.40.100.2
mend s0
wait_until 5 test "$(port_field "$H" e0 mii_status)" = UP ||
	fail "e0 not back up"

step "promisc in active-backup: only the active port, moving on failover"
# The active port is e1 now.
ip -n "$H" link set bond0 promisc on
assert_eq "e1 (active) promiscuity" "$(dev_field "$H" e1 promiscuity)" 1
assert_eq "e1 has IFF_PROMISC" "$(flag_of "$H" e1 $IFF_PROMISC)" 1
assert_eq "e0 (backup) promiscuity" "$(dev_field "$H" e0 promiscuity)" 0
assert_eq "e0 has no IFF_PROMISC" "$(flag_of "$H" e0 $IFF_PROMISC)" 0
cut s1
failover_to e0
assert_eq "after failover: e0 promiscuity" "$(dev_field "$H" e0 promiscuity)" 1
assert_eq "after failover: e1 promiscuity" "$(dev_field "$H" e1 promiscuity)" 0
mend s1
wait_until 5 test "$(port_field "$H" e1 mii_status)" = UP ||
	fail "e1 not back up"
ip -n "$H" link set e0 nomaster
assert_eq "released active e0 is not promiscuous" \
	"$(dev_field "$H" e0 promiscuity)" 0
assert_eq "the new active e1 is" "$(dev_field "$H" e1 promiscuity)" 1
ip -n "$H" link set e0 master bond0
assert_eq "e0, back as a backup, is not" "$(dev_field "$H" e0 promiscuity)" 0
ip -n "$H" link set bond0 promisc off
assert_eq "promisc off: e0 promiscuity" "$(dev_field "$H" e0 promiscuity)" 0
assert_eq "promisc off: e0 has no IFF_PROMISC" "$(flag_of "$H" e0 $IFF_PROMISC)" 0
assert_eq "promisc off: e1 promiscuity" "$(dev_field "$H" e1 promiscuity)" 0

step "allmulticast in active-backup: only the active port, moving on failover"
# The active port is e1 now.
ip -n "$H" link set bond0 allmulticast on
assert_eq "e1 (active) has IFF_ALLMULTI" "$(flag_of "$H" e1 $IFF_ALLMULTI)" 1
assert_eq "e0 (backup) has no IFF_ALLMULTI" "$(flag_of "$H" e0 $IFF_ALLMULTI)" 0
cut s1
failover_to e0
assert_eq "after failover: e0 has IFF_ALLMULTI" "$(flag_of "$H" e0 $IFF_ALLMULTI)" 1
assert_eq "after failover: e1 has none" "$(flag_of "$H" e1 $IFF_ALLMULTI)" 0
mend s1
wait_until 5 test "$(port_field "$H" e1 mii_status)" = UP ||
	fail "e1 not back up"
ip -n "$H" link set bond0 allmulticast off
assert_eq "allmulticast off: e0" "$(flag_of "$H" e0 $IFF_ALLMULTI)" 0
assert_eq "allmulticast off: e1" "$(flag_of "$H" e1 $IFF_ALLMULTI)" 0

step "multicast addresses in active-backup: only the active port, moving on failover"
# The active port is e0 now.
MC=01:00:5e:01:02:03
ip -n "$H" maddr add "$MC" dev bond0
assert_eq "bond0 has $MC" "$(maddr_of "$H" bond0 "$MC")" 1
assert_eq "e0 (active) has it" "$(maddr_of "$H" e0 "$MC")" 1
assert_eq "e1 (backup) has not" "$(maddr_of "$H" e1 "$MC")" 0
cut s0
failover_to e1
assert_eq "after failover: e1 has it" "$(maddr_of "$H" e1 "$MC")" 1
assert_eq "after failover: e0 has not" "$(maddr_of "$H" e0 "$MC")" 0
mend s0
ip -n "$H" maddr del "$MC" dev bond0
assert_eq "deleted: e1 has not" "$(maddr_of "$H" e1 "$MC")" 0

step "64-bit stats: bond0 counts exactly what it sends and receives"
# Permanent ARP entries: only the pings cross the wire.
ip -n "$H" neigh replace 10.40.0.2 dev bond0 nud permanent \
	lladdr "$(mac_of "$S" br0)"
ip -n "$S" neigh replace 10.40.0.1 dev br0 nud permanent \
	lladdr "$(mac_of "$H" bond0)"
active=$(bond_active "$H" bond0)
sleep 0.5
tx=$(link_counter "$H" bond0 tx_packets)
txb=$(link_counter "$H" bond0 tx_bytes)
rx=$(link_counter "$H" bond0 rx_packets)
rxb=$(link_counter "$H" bond0 rx_bytes)
ptx=$(link_counter "$H" "$active" tx_packets)
in_ns "$H" ping -q -c 100 -i 0.01 -s 56 10.40.0.2 >/dev/null
sleep 0.2
# 56 bytes of data + 8 ICMP + 20 IP + 14 Ethernet = 98 bytes a frame.
assert_eq "bond0 tx_packets grew by the 100 requests" \
	$(($(link_counter "$H" bond0 tx_packets) - tx)) 100
assert_eq "bond0 tx_bytes grew by 100 x 98" \
	$(($(link_counter "$H" bond0 tx_bytes) - txb)) 9800
assert_eq "bond0 rx_packets grew by the 100 replies" \
	$(($(link_counter "$H" bond0 rx_packets) - rx)) 100
assert_eq "bond0 rx_bytes grew by 100 x 98" \
	$(($(link_counter "$H" bond0 rx_bytes) - rxb)) 9800
assert_eq "the active port $active sent the same 100" \
	$(($(link_counter "$H" "$active" tx_packets) - ptx)) 100

step "balance-rr: promisc, allmulticast and multicast addresses on every port"
ip -n "$H" link del bond0
ip -n "$H" link add bond0 type bond mode balance-rr
ip -n "$H" link set e0 master bond0
ip -n "$H" link set e1 master bond0
ip -n "$H" link set bond0 up
ip -n "$H" link set bond0 promisc on
ip -n "$H" link set bond0 allmulticast on
ip -n "$H" maddr add "$MC" dev bond0
for p in e0 e1; do
	assert_eq "$p promiscuity" "$(dev_field "$H" $p promiscuity)" 1
	assert_eq "$p has IFF_PROMISC" "$(flag_of "$H" $p $IFF_PROMISC)" 1
	assert_eq "$p has IFF_ALLMULTI" "$(flag_of "$H" $p $IFF_ALLMULTI)" 1
	assert_eq "$p has $MC" "$(maddr_of "$H" $p "$MC")" 1
done
ip -n "$H" link set e2 master bond0
assert_eq "a port added later is promiscuous" \
	"$(dev_field "$H" e2 promiscuity)" 1
assert_eq "and has $MC" "$(maddr_of "$H" e2 "$MC")" 1
ip -n "$H" link set e2 nomaster
assert_eq "released e2 is not promiscuous" "$(dev_field "$H" e2 promiscuity)" 0
assert_eq "released e2 has no IFF_ALLMULTI" "$(flag_of "$H" e2 $IFF_ALLMULTI)" 0
assert_eq "released e2 has no $MC" "$(maddr_of "$H" e2 "$MC")" 0
ip -n "$H" link set bond0 promisc off
ip -n "$H" link set bond0 allmulticast off
ip -n "$H" maddr del "$MC" dev bond0
for p in e0 e1; do
	assert_eq "off: $p promiscuity" "$(dev_field "$H" $p promiscuity)" 0
	assert_eq "off: $p has no IFF_ALLMULTI" "$(flag_of "$H" $p $IFF_ALLMULTI)" 0
	assert_eq "off: $p has no $MC" "$(maddr_of "$H" $p "$MC")" 0
done

step "offloads: the bond's TSO limit is its ports' smallest"
veth_tso=$(dev_field "$H" e0 tso_max_size)
dummy_tso=$(dev_field "$H" d1 tso_max_size)
echo "veth tso_max_size $veth_tso, dummy $dummy_tso"
assert_ge "a veth allows more than a dummy" "$veth_tso" $((dummy_tso + 1))
assert_eq "bond0 over veths" "$(dev_field "$H" bond0 tso_max_size)" "$veth_tso"
ip -n "$H" link set d1 master bond0
assert_eq "with d1 as a port" "$(dev_field "$H" bond0 tso_max_size)" "$dummy_tso"
for p in e0 e1 d1; do
	assert_le "bond0 gso_max_size <= $p's" \
		"$(dev_field "$H" bond0 gso_max_size)" \
		"$(dev_field "$H" $p gso_max_size)"
done
ip -n "$H" link set d1 nomaster
assert_eq "d1 released" "$(dev_field "$H" bond0 tso_max_size)" "$veth_tso"

step "features: scatter-gather is on while one port has it"
assert_eq "bond0 scatter-gather" "$(feature_of bond0 scatter-gather)" on
in_ns "$H" ethtool -K e0 sg off >/dev/null
assert_eq "e0 sg off: bond0 keeps it (e1 has it)" \
	"$(feature_of bond0 scatter-gather)" on
in_ns "$H" ethtool -K e1 sg off >/dev/null
assert_eq "no port has it: bond0 has not" \
	"$(feature_of bond0 scatter-gather)" off
in_ns "$H" ethtool -K e0 sg on >/dev/null
assert_eq "e0 has it again: so has bond0" \
	"$(feature_of bond0 scatter-gather)" on
in_ns "$H" ethtool -K e1 sg on >/dev/null
