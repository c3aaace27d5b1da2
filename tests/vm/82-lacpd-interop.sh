#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 82-lacpd-interop: nbond + lacpd against the kernel's own bonding.ko in
# 802.3ad mode playing the switch, with lacp_rate fast and slow: both ends
# reach collecting and distributing, traffic flows both ways, and a port
# failure is handled on both ends. nbond keeps its kind "nbond", so both
# drivers are loaded at once.
#
#  +-------- ih-PID (nbond) --------+        +------ is-PID (bonding.ko) ------+
#  |  bond0 10.82.0.1/24 -+- h0 ====|========|== s0 -+- bond0 10.82.0.2/24   |
#  |  lacpd               +- h1 ====|========|== s1 -+  (802.3ad)            |
#  +--------------------------------+        +---------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
require_lacpd
nbond_reload kind=nbond
modprobe bonding max_bonds=0 || skip "no bonding.ko"
on_exit "rmmod bonding 2>/dev/null || true"

H=$(ns_add ih)
S=$(ns_add is)
quiet_ns "$H"
quiet_ns "$S"

# The switch's ports, as bonding.ko reports them (ip -j -d).
switch_port_state() {
	ip -n "$S" -j -d link show dev "$1" |
		jq -r '.[0].linkinfo.info_slave_data.ad_actor_oper_port_state // 0'
}

# both_distribute: every port of both ends collects and distributes.
both_distribute() {
	local p st
	for p in h0 h1; do
		[[ $(proc_port_field "$H" bond0 "$p" distributing) == yes ]] ||
			return 1
	done
	for p in s0 s1; do
		st=$(switch_port_state "$p")
		(( (st & 0x30) == 0x30 )) || return 1
	done
}

for rate in fast slow; do
	step "lacp_rate $rate: both ends reach collecting and distributing"
	ip -n "$S" link add bond0 type bond mode 802.3ad lacp_rate "$rate" \
		miimon 100
	"$BONDCTL" -n "$H" create bond0 mode 802.3ad lacp_rate "$rate" miimon 100
	for i in 0 1; do
		veth_pair "h$i" "$H" "s$i" "$S"
		ip -n "$S" link set "s$i" down
		ip -n "$S" link set "s$i" master bond0
		ip -n "$S" link set "s$i" up
		"$BONDCTL" -n "$H" add bond0 "h$i"
	done
	ip -n "$S" link set bond0 up
	ip -n "$H" link set bond0 up
	ip -n "$S" addr add 10.82.0.2/24 dev bond0
	ip -n "$H" addr add 10.82.0.1/24 dev bond0
	start_lacpd "$H" "ih-$rate"
	# Slow rate: the first LACPDUs are sent at once all the same.
	wait_until 40 both_distribute ||
		fail "no convergence: $(cat_proc "$H"; ip -n "$S" -d link show s0)"
	assert_eq "bonding.ko's aggregator has both ports" \
		"$(bond_opt "$S" bond0 ad_info.num_ports)" 2
	assert_eq "bonding.ko sees nbond's bond as partner" \
		"$(bond_opt "$S" bond0 ad_info.partner_mac)" \
		"$(ip -n "$H" -j link show bond0 | jq -r '.[0].address')"
	agg=$(proc_port_field "$H" bond0 h0 'aggregator id')
	assert_ge "nbond: h0 in an aggregator" "$agg" 1
	assert_eq "nbond: h1 in the same one" \
		"$(proc_port_field "$H" bond0 h1 'aggregator id')" "$agg"
	want_timeout=$([[ $rate == fast ]] && echo 1 || echo 0)
	st=$(proc_port_field "$H" bond0 h0 'actor state')
	assert_eq "nbond asks for the $rate rate (timeout bit)" \
		"$(( (st & 0x02) >> 1 ))" "$want_timeout"

	step "lacp_rate $rate: traffic flows both ways"
	in_ns "$H" ping -q -c 20 -i 0.02 -W 1 10.82.0.2 >/dev/null ||
		fail "no ping from nbond to bonding.ko"
	in_ns "$S" ping -q -c 20 -i 0.02 -W 1 10.82.0.1 >/dev/null ||
		fail "no ping from bonding.ko to nbond"

	step "lacp_rate $rate: a port failure is handled on both ends"
	ip -n "$S" link set s1 down
	wait_until 10 bash -c "[[ \$(ip netns exec $H sed -n '/^port: h1/,/^\$/p' /proc/net/nbond/bond0 | grep '^distributing:') == 'distributing: no' ]]" ||
		fail "h1 still distributing"
	in_ns "$H" ping -q -c 20 -i 0.02 -W 1 10.82.0.2 >/dev/null ||
		fail "no ping over h0 alone"
	ip -n "$S" link set s1 up
	wait_until 40 both_distribute || fail "h1/s1 did not come back"

	stop_lacpd "ih-$rate"
	ip -n "$H" link del bond0
	ip -n "$S" link del bond0
	ip -n "$H" link del h0
	ip -n "$H" link del h1
done
