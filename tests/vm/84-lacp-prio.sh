#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 84-lacp-prio: which links an aggregator uses when it cannot take them all,
# and independent control.
#
# Two nbond 802.3ad bonds over 4 cables, each with lacpd --max-ports 2. A's
# port priorities prefer links 0 and 1, B's prefer links 2 and 3. The end
# with the better system priority decides (802.1AX 6.4.14.1): first A,
# then B once its ad_actor_sys_prio is lowered. Both ends must agree on
# the links each time: only those distribute, the others stand by, and
# IPv4 frames (counted by tc on every port) cross only those links. A
# chosen link's carrier loss lets a standby link in; a port priority
# changed at run time moves the choice. Then a pair with coupled_control
# off converges through a collecting-only state, which the coupled pair
# never shows in its LACPDUs.
#
#  +------- pa-PID -------+                 +------- pb-PID -------+
#  | bond0 10.84.0.1/24   |  a0 ======= b0  | bond0 10.84.0.2/24   |
#  | sys prio 100         |  ..  4 cables   | sys prio 200, then 50|
#  | prio a0,a1 10; a2,a3 20  a3 ======= b3 | prio b0,b1 20; b2,b3 10
#  | lacpd -m 2           |                 | lacpd -m 2 + .10-.25 |
#  +----------------------+                 +----------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
require_lacpd
require_cmd tshark
require_cmd tc
nbond_reload kind=bond

A=$(ns_add pa)
B=$(ns_add pb)
quiet_ns "$A"
quiet_ns "$B"

# count_ipv4 NS DEV: count the IPv4 frames DEV receives (ipv4_rx reads it).
count_ipv4() {
	tc -n "$1" qdisc add dev "$2" clsact
	tc -n "$1" filter add dev "$2" ingress protocol ip prio 1 \
		u32 match u32 0 0 action pass
}

ipv4_rx() {
	tc -n "$1" -s filter show dev "$2" ingress |
		awk '/Sent [0-9]+ bytes/ { print $4; exit }'
}

# links_in_use I...: exactly links I... distribute, at both ends; every
# other link is neither distributing nor selected.
links_in_use() {
	local i dist sel
	for ((i = 0; i < 4; i++)); do
		for end in "$A a$i" "$B b$i"; do
			read -r ns port <<<"$end"
			dist=$(proc_port_field "$ns" bond0 "$port" distributing)
			sel=$(proc_port_field "$ns" bond0 "$port" selection)
			if [[ " $* " == *" $i "* ]]; then
				[[ $dist == yes && $sel == selected ]] || return 1
			else
				[[ $dist == no && $sel != selected ]] || return 1
			fi
		done
	done
}

# expect_links WHAT I...: links_in_use within 40 s, and still so 3 s later.
expect_links() {
	local what=$1
	shift
	wait_until 40 links_in_use "$@" ||
		fail "$what: not exactly links $* in use: A: $(cat_proc "$A") B: $(cat_proc "$B")"
	sleep 3
	links_in_use "$@" ||
		fail "$what: links $* did not stay in use: A: $(cat_proc "$A") B: $(cat_proc "$B")"
	pass "$what: links $* in use at both ends, the others stand by"
	assert_eq "$what: A carrier" "$(bond_carrier "$A" bond0)" 1
	assert_eq "$what: B carrier" "$(bond_carrier "$B" bond0)" 1
}

# traffic_over I...: pings from A to B's 16 addresses, and their replies,
# cross links I... and no other.
traffic_over() {
	local i h rx_a=() rx_b=() pids=() da db
	for ((i = 0; i < 4; i++)); do
		rx_a[i]=$(ipv4_rx "$A" "a$i")
		rx_b[i]=$(ipv4_rx "$B" "b$i")
	done
	for ((h = 10; h < 26; h++)); do
		in_ns "$A" ping -q -c 10 -i 0.05 -W 10 "10.84.0.$h" >/dev/null &
		pids+=($!)
	done
	for ((h = 0; h < 16; h++)); do
		wait "${pids[h]}" || fail "no ping to 10.84.0.$((h + 10))"
	done
	for ((i = 0; i < 4; i++)); do
		da=$(($(ipv4_rx "$A" "a$i") - rx_a[i]))
		db=$(($(ipv4_rx "$B" "b$i") - rx_b[i]))
		if [[ " $* " == *" $i "* ]]; then
			assert_ge "link $i carried requests to B" "$db" 10
			assert_ge "link $i carried replies to A" "$da" 10
		else
			assert_eq "link $i carried no request" "$db" 0
			assert_eq "link $i carried no reply" "$da" 0
		fi
	done
}

step "4 cables, ports' LACP priorities set with bondctl"
"$BONDCTL" -n "$A" create bond0 mode 802.3ad lacp_rate "$LACP_RATE" miimon 100 \
	xmit_hash_policy layer3+4 ad_actor_sys_prio 100
"$BONDCTL" -n "$B" create bond0 mode 802.3ad lacp_rate "$LACP_RATE" miimon 100 \
	xmit_hash_policy layer3+4 ad_actor_sys_prio 200
for ((i = 0; i < 4; i++)); do
	veth_pair "a$i" "$A" "b$i" "$B"
	"$BONDCTL" -n "$A" add bond0 "a$i"
	"$BONDCTL" -n "$B" add bond0 "b$i"
	count_ipv4 "$A" "a$i"
	count_ipv4 "$B" "b$i"
done
assert_eq "actor_port_prio defaults to 255" \
	"$("$BONDCTL" -n "$A" -j -d show bond0 |
		jq '.[0].ports[] | select(.name == "a0") | .actor_port_prio')" 255
for p in a0 a1; do "$BONDCTL" -n "$A" port set "$p" actor_port_prio 10; done
for p in a2 a3; do "$BONDCTL" -n "$A" port set "$p" actor_port_prio 20; done
for p in b0 b1; do "$BONDCTL" -n "$B" port set "$p" actor_port_prio 20; done
for p in b2 b3; do "$BONDCTL" -n "$B" port set "$p" actor_port_prio 10; done
assert_eq "bondctl show -j -d: a2's actor_port_prio" \
	"$("$BONDCTL" -n "$A" -j -d show bond0 |
		jq '.[0].ports[] | select(.name == "a2") | .actor_port_prio')" 20
assert_eq "/proc: b3's actor port prio" \
	"$(proc_port_field "$B" bond0 b3 'actor port prio')" 10

ip -n "$A" link set bond0 up
ip -n "$B" link set bond0 up
ip -n "$A" addr add 10.84.0.1/24 dev bond0
ip -n "$B" addr add 10.84.0.2/24 dev bond0
for ((h = 10; h < 26; h++)); do
	ip -n "$B" addr add "10.84.0.$h/24" dev bond0
done
start_lacpd "$A" pa --max-ports 2
start_lacpd "$B" pb --max-ports 2

step "A has the better system priority: its port priorities count"
expect_links "A decides" 0 1
assert_eq "a0 sends its priority and number" \
	"$(proc_port_field "$A" bond0 a0 'actor port')" 10,1
assert_eq "a0 hears b0's" "$(proc_port_field "$A" bond0 a0 'partner port')" 20,1
traffic_over 0 1

step "B gets the better system priority: now its port priorities count"
"$BONDCTL" -n "$B" set bond0 ad_actor_sys_prio 50
expect_links "B decides" 2 3
traffic_over 2 3

step "a chosen link fails: a standby link takes its place, then gives it back"
# B ranks b3 (10,4), then b0 (20,1), b1 (20,2); b2 is down.
ip -n "$B" link set b2 down
expect_links "b2 down" 0 3
in_ns "$A" ping -q -c 5 -i 0.1 -W 2 10.84.0.2 >/dev/null ||
	fail "no traffic over links 0 and 3"
ip -n "$B" link set b2 up
expect_links "b2 back" 2 3

step "a port priority changed at run time on the deciding end"
"$BONDCTL" -n "$B" port set b1 actor_port_prio 5
expect_links "b1 at priority 5" 1 2
assert_eq "a1 hears b1's new priority" \
	"$(proc_port_field "$A" bond0 a1 'partner port')" 5,2
traffic_over 1 2

step "the non-deciding end's port priorities change nothing"
"$BONDCTL" -n "$A" port set a3 actor_port_prio 1
sleep 5
expect_links "a3 at priority 1" 1 2

step "actor_port_prio: bad values and modes are refused"
assert_eq "65536: usage error" \
	"$(bondctl_rc -n "$A" port set a0 actor_port_prio 65536)" 255
assert_true "65536: says the range" grep -q "out of range (0..65535)" \
	<<<"$(bondctl_out)"
assert_eq "-1: usage error" \
	"$(bondctl_rc -n "$A" port set a0 actor_port_prio -1)" 255
ip -n "$A" link add d0 type dummy
"$BONDCTL" -n "$A" create bond1 mode active-backup
"$BONDCTL" -n "$A" add bond1 d0
assert_eq "active-backup: refused by the driver" \
	"$(bondctl_rc -n "$A" port set d0 actor_port_prio 5)" 2
assert_true "active-backup: says why: $(bondctl_out)" \
	grep -q "applies only to 802.3ad" <<<"$(bondctl_out)"
ip -n "$A" link del bond1
ip -n "$A" link del d0

stop_lacpd pa
stop_lacpd pb
ip -n "$A" link del bond0
ip -n "$B" link del bond0
for ((i = 0; i < 4; i++)); do
	ip -n "$A" link del "a$i"
done

step "coupled_control off: the ports collect before they distribute"
for ns in "$A" "$B"; do
	"$BONDCTL" -n "$ns" create bond0 mode 802.3ad lacp_rate "$LACP_RATE" \
		miimon 100 coupled_control off
done
for ((i = 0; i < 2; i++)); do
	veth_pair "a$i" "$A" "b$i" "$B"
	"$BONDCTL" -n "$A" add bond0 "a$i"
	"$BONDCTL" -n "$B" add bond0 "b$i"
done
assert_eq "coupled_control reported off" \
	"$("$BONDCTL" -n "$A" -j -d show bond0 |
		jq -r '.[0].options.coupled_control')" off
ip -n "$A" link set bond0 up
ip -n "$B" link set bond0 up
ip -n "$A" addr add 10.84.1.1/24 dev bond0
ip -n "$B" addr add 10.84.1.2/24 dev bond0
start_lacpd "$A" pa-ind
start_lacpd "$B" pb-ind
for end in "$A a" "$B b"; do
	read -r ns x <<<"$end"
	for p in "${x}0" "${x}1"; do
		wait_until 40 bash -c "[[ \$(ip netns exec $ns sed -n '/^port: $p\$/,/^\$/s/^distributing: //p' /proc/net/nbond/bond0) == yes ]]" ||
			fail "$p does not distribute: $(cat_proc "$ns")"
		assert_eq "$p collecting" \
			"$(proc_port_field "$ns" bond0 "$p" collecting)" yes
	done
done
in_ns "$A" ping -q -c 5 -i 0.1 -W 2 10.84.1.2 >/dev/null ||
	fail "no traffic with coupled_control off"
pass "traffic flows with coupled_control off"
sleep 1
collect_only='lacp.actor.state.collecting == 1 && lacp.actor.state.distributing == 0'
n_ind=0
for f in pa-ind pb-ind; do
	n_ind=$((n_ind + $(tshark -r "$RESULTS_DIR/lacpd-$f.pcap" \
		-Y "$collect_only" 2>/dev/null | wc -l)))
done
assert_ge "independent control: LACPDUs collecting but not distributing" \
	"$n_ind" 1
n_cpl=$(tshark -r "$RESULTS_DIR/lacpd-pa.pcap" -Y "$collect_only" \
	2>/dev/null | wc -l)
assert_eq "coupled control (the pair above): no such LACPDU" "$n_cpl" 0
assert_ge "the coupled pair's trace is not empty" \
	"$(tshark -r "$RESULTS_DIR/lacpd-pa.pcap" -Y lacp 2>/dev/null | wc -l)" 20
