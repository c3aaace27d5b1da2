#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 96-arp-rtnl: the ARP monitor probes and judges without RTNL, and takes
# it only to change a port's state. arp_interval can be 1 ms: with RTNL on
# every interval, bonds made by an unprivileged user in a user namespace
# could keep the host's RTNL busy. 16 bonds probe a target nobody answers
# every millisecond; once their ports are down, a kprobe on rtnl_trylock
# (the monitor's only way in) must count nothing while the probes go on.
# The MII monitor with use_carrier 0 reads get_link under RTNL, but at
# most every 100 ms. Changing the mode to one without ARP monitoring
# stops the monitor (issue 12, defect 8).
#
#  +------------- ar-PID --------------+
#  |  b0 -- d0 (dummy)  arp_interval 1 |
#  |  ...                              |
#  |  b15 -- d15                       |
#  +-----------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module dummy
nbond_reload kind=bond

readonly BONDS=16
H=$(ns_add ar)
quiet_ns "$H"

kprobe_add trylock rtnl_trylock

step "$BONDS bonds, arp_interval 1 ms, a target nobody answers"
for ((i = 0; i < BONDS; i++)); do
	ip -n "$H" link add "b$i" type bond mode active-backup \
		arp_interval 1 arp_ip_target 192.0.2.1
	ip -n "$H" link add "d$i" type dummy
	ip -n "$H" link set "d$i" master "b$i"
	ip -n "$H" link set "b$i" up
done
# No addresses, no routes: every bond probes, from 0.0.0.0 (with one
# subnet on every bond the route would name b0 alone).

all_down() {
	local i
	for ((i = 0; i < BONDS; i++)); do
		[[ $(port_field "$H" "d$i" mii_status) == DOWN ]] || return 1
	done
}
# Taking them down is a change: the monitor took RTNL for it.
wait_until 30 all_down || fail "not every port went down: $(cat_proc "$H" b0)"
pass "every port went down: nothing answers"

step "the ports stay down: probes go on, RTNL is not taken"
calls=$(kprobe_hits trylock)
tx=$(link_counter "$H" d0 tx_packets)
sleep 2
assert_le "rtnl_trylock calls in 2 s" $(($(kprobe_hits trylock) - calls)) 0
assert_ge "d0 went on probing (ARP requests sent)" \
	"$(link_counter "$H" d0 tx_packets)" $((tx + 10))

for ((i = 0; i < BONDS; i++)); do
	ip -n "$H" link del "b$i"
	ip -n "$H" link del "d$i"
done

step "$BONDS bonds, miimon 1 with use_carrier 0: get_link is read under RTNL, but seldom"
# A veth has get_link; a driver's may sleep, so it is never called under
# RCU: the MII monitor reads it under RTNL, at most every 100 ms.
for ((i = 0; i < BONDS; i++)); do
	ip -n "$H" link add "b$i" type bond mode active-backup miimon 1 \
		use_carrier 0
	ip -n "$H" link add "v$i" type veth peer name "w$i"
	ip -n "$H" link set "w$i" up
	ip -n "$H" link set "v$i" master "b$i"
	ip -n "$H" link set "b$i" up
done
wait_until 10 port_is "$H" v0 mii_status UP || fail "v0 never came up"
calls=$(kprobe_hits trylock)
sleep 2
# 16 bonds, 10 passes a second each, for 2 s: 320; at every tick (1 ms,
# a jiffy here) it would be thousands.
assert_le "rtnl_trylock calls in 2 s" $(($(kprobe_hits trylock) - calls)) 640
ip -n "$H" link set w0 down
wait_until 10 port_is "$H" v0 mii_status DOWN ||
	fail "v0's link loss went unseen"
pass "a link loss is still seen through get_link"

for ((i = 0; i < BONDS; i++)); do
	ip -n "$H" link del "b$i"
	ip -n "$H" link del "v$i"
done

step "a mode without ARP monitoring stops the monitor, as with bonding.ko"
kprobe_add arpwork nbond_arp_work
ip -n "$H" link add d0 type dummy
for mode in 802.3ad balance-tlb balance-alb; do
	ip -n "$H" link add b0 type bond mode active-backup arp_interval 10 \
		arp_ip_target 192.0.2.1
	ip -n "$H" link set d0 master b0
	ip -n "$H" link set b0 up
	calls=$(kprobe_hits arpwork)
	sleep 1
	assert_ge "active-backup: the ARP monitor runs" \
		"$(kprobe_hits arpwork)" $((calls + 5))
	# The mode changes only on a bond that is down and has no ports.
	ip -n "$H" link set b0 down
	ip -n "$H" link set d0 nomaster
	ip -n "$H" link set b0 type bond mode "$mode"
	assert_eq "$mode: arp_interval 0" "$(bond_opt "$H" b0 arp_interval)" 0
	ip -n "$H" link set d0 master b0
	ip -n "$H" link set b0 up
	calls=$(kprobe_hits arpwork)
	sleep 1
	assert_eq "$mode: the ARP monitor no longer runs" \
		$(($(kprobe_hits arpwork) - calls)) 0
	ip -n "$H" link del b0
done
