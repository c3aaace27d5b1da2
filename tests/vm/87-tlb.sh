#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 87-tlb: balance-tlb. The active port holds the bond's MAC address and
# alone receives; the other keeps its own. Destinations spread over both
# ports and each stays on one; a heavy destination ends up alone on its
# port; learning frames every lp_interval; a failover moves the address,
# receive and transmit, and the clients recover at once; primary takes the
# address back; tlb_dynamic_lb 0 spreads one destination's flows by hash.
#
#  +---- tlb-h-PID ----+        +------------ tlb-s-PID ------------+
#  |                   |  veth  |                                   |
#  | bond0 --+-- e0 ===|========|=== s0 --+                         |
#  |10.87.0.1|         |        |         +-- br0 --+-- q1 ==== c (tlb-c1-PID) 10.87.0.11
#  |         +-- e1 ===|========|=== s1 --+  .254   +-- q2 ==== c (tlb-c2-PID) 10.87.0.12
#  |                   |        |                   +-- q3 ==== c (tlb-c3-PID) 10.87.0.13
#  +-------------------+        |                   +-- q4 ==== c (tlb-c4-PID) 10.87.0.14
#                               +-----------------------------------+
#
# Client I has MAC 02:87:00:00:00:0I. What e0 and e1 send is counted by tc
# on s0 and s1 (ingress, flower, action continue so that every filter
# counts): pref I frames to client I, pref 10 frames from the bond's
# address, pref 11 learning frames (ethertype 0x9000). IPv6 is off, and
# bond0 has permanent neighbour entries, so it sends nothing unasked. A
# port's link is cut by setting its switch side down.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd tc bridge jq python3
nbond_reload kind=bond

H=$(ns_add tlb-h)
S=$(ns_add tlb-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.87.0.254/24 e s 2

CLIENTS=4
C=()
client_mac() { printf '02:87:00:00:00:%02x' "$1"; }
client_ip() { echo "10.87.0.$((10 + $1))"; }
for ((i = 1; i <= CLIENTS; i++)); do
	C[i]=$(ns_add "tlb-c$i")
	bridge_client "${C[i]}" "$S" "q$i" "$(client_mac "$i")" \
		"$(client_ip "$i")/24"
done

# The bridge port behind which the switch has learnt MAC.
fdb_port() {
	bridge -n "$S" fdb show br br0 |
		awk -v m="$1" '$1 == m && $2 == "dev" { print $3; exit }'
}

fdb_is() {
	[[ $(fdb_port "$1") == "$2" ]]
}

# ---- counting what each port sends -----------------------------------------

count_setup() {
	local dev=$1 bond_mac=$2 i
	tc -n "$S" qdisc add dev "$dev" clsact
	for ((i = 1; i <= CLIENTS; i++)); do
		tc -n "$S" filter add dev "$dev" ingress pref "$i" protocol all \
			flower dst_mac "$(client_mac "$i")" action continue
	done
	tc -n "$S" filter add dev "$dev" ingress pref 10 protocol all \
		flower src_mac "$bond_mac" action continue
	tc -n "$S" filter add dev "$dev" ingress pref 11 protocol 0x9000 \
		flower action continue
}

count() {
	tc -n "$S" -s filter show dev "$1" ingress pref "$2" |
		awk '/Sent [0-9]+ bytes/ { print $4; exit }'
}

# snap: remember every counter; since DEV PREF: frames counted since.
declare -A SNAP
snap() {
	local dev p
	for dev in s0 s1; do
		for p in $(seq 1 "$CLIENTS") 10 11; do
			SNAP[$dev/$p]=$(count "$dev" "$p")
		done
	done
}

since() {
	echo $(($(count "$1" "$2") - SNAP[$1/$2]))
}

# client_port I: the one port (s0 or s1) that carried frames to client I
# since the last snap; "both" or "none" otherwise.
client_port() {
	local d0 d1
	d0=$(since s0 "$1")
	d1=$(since s1 "$1")
	if ((d0 > 0 && d1 > 0)); then
		echo both
	elif ((d0 > 0)); then
		echo s0
	elif ((d1 > 0)); then
		echo s1
	else
		echo none
	fi
}

# learning_check LP SECS: over about SECS s, each port sent one learning
# frame per LP s, give or take one. Reading a counter takes a while under
# emulation (seconds on the debug kernel), so each port's window is timed
# around its own reads: at least from just after the first read to just
# before the second, at most from just before the first to just after
# the second.
learning_check() {
	local lp_ms=$(($1 * 1000)) secs=$2 p n short long lo hi
	local -A n0 before after
	for p in s0 s1; do
		before[$p]=$(now_ms)
		n0[$p]=$(count "$p" 11)
		after[$p]=$(now_ms)
	done
	sleep "$secs"
	for p in s0 s1; do
		short=$(($(now_ms) - after[$p]))
		n=$(($(count "$p" 11) - n0[$p]))
		long=$(($(now_ms) - before[$p]))
		lo=$((short / lp_ms - 1))
		hi=$(((long + lp_ms - 1) / lp_ms + 1))
		assert_ge "learning frames through $p in $short..$long ms" "$n" "$lo"
		assert_le "learning frames through $p in $short..$long ms" "$n" "$hi"
	done
}

ping_clients() {
	local count=$1 i
	for ((i = 1; i <= CLIENTS; i++)); do
		in_ns "$H" ping -q -c "$count" -i 0.02 "$(client_ip "$i")" \
			>/dev/null || fail "bond0 cannot ping client $i"
	done
}

# udp_send FLOWS COUNT I: COUNT datagrams from each of FLOWS sockets
# (source ports 40000...) to client I, port 5001 (nobody listens).
udp_send() {
	in_ns "$H" python3 -c '
import socket, sys
flows, count, dst = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
socks = []
for i in range(flows):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("10.87.0.1", 40000 + i))
    socks.append(s)
for _ in range(count):
    for s in socks:
        s.sendto(b"nbond-tlb" * 8, (dst, 5001))
' "$1" "$2" "$(client_ip "$3")"
}

# flows_to_client1: 32 flows of 10 datagrams each to client 1; D0 and D1
# say how many of them left through e0 and through e1.
flows_to_client1() {
	snap
	udp_send 32 10 1
	D0=$(since s0 1)
	D1=$(since s1 1)
	echo "s0 $D0, s1 $D1"
}

# ---- the bond --------------------------------------------------------------

step "a balance-tlb bond over e0 e1"
E0_PERM=$(mac_of "$H" e0)
E1_PERM=$(mac_of "$H" e1)
ip -n "$H" link add bond0 type bond mode balance-tlb miimon 100
add_ports "$H" bond0 e0 e1
ip -n "$H" link set bond0 up
ip -n "$H" addr add 10.87.0.1/24 dev bond0
for p in e0 e1; do
	wait_until 5 port_is "$H" "$p" mii_status UP || fail "$p is not up"
done
BOND_MAC=$(mac_of "$H" bond0)
# (Again after the bond was down: that flushes permanent entries too.)
neigh_clients() {
	local i
	for ((i = 1; i <= CLIENTS; i++)); do
		ip -n "$H" neigh replace "$(client_ip "$i")" dev bond0 \
			nud permanent lladdr "$(client_mac "$i")"
	done
}
neigh_clients
count_setup s0 "$BOND_MAC"
count_setup s1 "$BOND_MAC"

assert_eq "mode reported" "$(bond_opt "$H" bond0 mode)" balance-tlb
assert_eq "tlb_dynamic_lb defaults to 1" \
	"$(bond_opt "$H" bond0 tlb_dynamic_lb)" 1
assert_eq "lp_interval defaults to 1" "$(bond_opt "$H" bond0 lp_interval)" 1
assert_eq "the first port is active" "$(bond_active "$H" bond0)" e0
assert_eq "proc: mode" "$(proc_field "$H" bond0 mode)" balance-tlb
assert_eq "proc: active port" "$(proc_field "$H" bond0 'active port')" e0
assert_eq "proc: tlb dynamic lb" "$(proc_field "$H" bond0 'tlb dynamic lb')" 1
assert_eq "e0 state" "$(port_field "$H" e0 state)" ACTIVE
# rtnetlink reports every port of balance-tlb active, as bonding.ko does
# (the backups still drop what they receive); /proc/net/nbond tells.
assert_eq "e1 state (as bonding.ko)" "$(port_field "$H" e1 state)" ACTIVE
assert_eq "proc: e1 state" "$(proc_port_field "$H" bond0 e1 state)" backup
assert_eq "bond0 took e0's address" "$BOND_MAC" "$E0_PERM"
assert_eq "e1 keeps its own address" "$(mac_of "$H" e1)" "$E1_PERM"
assert_true "e1's address is not the bond's" \
	test "$(mac_of "$H" e1)" != "$BOND_MAC"

step "learning frames: each port, once per lp_interval, from its address"
learning_check 1 3.5
wait_until 5 fdb_is "$BOND_MAC" s0 || fail "the switch has not learnt bond0 on s0"
pass "the switch has the bond's address on s0"
wait_until 5 fdb_is "$E1_PERM" s1 || fail "the switch has not learnt e1 on s1"
pass "the switch has e1's address on s1"

step "destinations spread over both ports, each on one port"
snap
rx0=$(link_counter "$H" e0 rx_packets)
rx1=$(link_counter "$H" e1 rx_packets)
ping_clients 25
used0=0 used1=0
for ((i = 1; i <= CLIENTS; i++)); do
	port=$(client_port "$i")
	echo "client $i: s0 $(since s0 "$i"), s1 $(since s1 "$i")"
	[[ $port == s0 || $port == s1 ]] ||
		fail "client $i: frames on $port port(s)"
	pass "client $i on one port ($port)"
	[[ $port == s0 ]] && used0=$((used0 + 1))
	[[ $port == s1 ]] && used1=$((used1 + 1))
done
assert_ge "clients on e0" "$used0" 1
assert_ge "clients on e1" "$used1" 1
assert_eq "e1 never sent the bond's address" "$(since s1 10)" 0
assert_ge "e0 received the replies" \
	$(($(link_counter "$H" e0 rx_packets) - rx0)) $((CLIENTS * 25))
# Only what the switch floods reaches e1: the clients' ARP requests, and
# a first frame to each client before the switch has learnt it.
assert_le "e1 received next to nothing" \
	$(($(link_counter "$H" e1 rx_packets) - rx1)) $((2 * CLIENTS + 2))

step "each destination stays on its port while the load is stable"
for ((i = 1; i <= CLIENTS; i++)); do
	start_stream "$H" "$(client_ip "$i")" "st$i"
done
sleep 1
snap
# A rebalancing period is 10 s: watch more than one.
sleep 12
for ((i = 1; i <= CLIENTS; i++)); do
	port=$(client_port "$i")
	[[ $port == s0 || $port == s1 ]] ||
		fail "client $i moved while the load was stable ($port)"
	pass "client $i stayed on $port"
done
for ((i = 1; i <= CLIENTS; i++)); do
	stop_stream "st$i"
done

step "a heavy destination ends up alone on its port"
ip netns exec "$H" ping -q -s 1000 -i 0.005 "$(client_ip 1)" \
	>"$RESULTS_DIR/heavy.ping" 2>&1 &
heavy=$!
on_exit "kill $heavy 2>/dev/null || true"
for ((i = 2; i <= CLIENTS; i++)); do
	start_stream "$H" "$(client_ip "$i")" "st$i"
done
alone() {
	local hp i p
	snap
	sleep 2
	hp=$(client_port 1)
	[[ $hp == s0 || $hp == s1 ]] || return 1
	for ((i = 2; i <= CLIENTS; i++)); do
		p=$(client_port "$i")
		[[ $p == s0 || $p == s1 ]] || return 1
		[[ $p != "$hp" ]] || return 1
	done
	echo "heavy client 1 on $hp, the others on the other port"
}
wait_until 40 alone || fail "client 1 still shares its port after 40 s"
pass "the light clients left the heavy one's port"
cat_proc "$H" | grep -E '^(port|tlb)' || true
alone || fail "the placement did not hold"
pass "and stay there"
kill "$heavy"
wait "$heavy" 2>/dev/null || true
for ((i = 2; i <= CLIENTS; i++)); do
	stop_stream "st$i"
done

step "failover: the address, receive and transmit move to e1"
for ((i = 1; i <= CLIENTS; i++)); do
	ip netns exec "${C[i]}" ping -i 0.01 -W 1 10.87.0.1 \
		>"$RESULTS_DIR/cl$i.ping" 2>&1 &
	echo $! >"$RESULTS_DIR/cl$i.pid"
	on_exit "kill $! 2>/dev/null || true"
done
sleep 1
ip -n "$S" link set s0 down
wait_until 5 active_is "$H" bond0 e1 || fail "no failover to e1"
assert_eq "e0 is down" "$(port_field "$H" e0 mii_status)" DOWN
assert_eq "e1 is active" "$(port_field "$H" e1 state)" ACTIVE
assert_eq "proc: active port" "$(proc_field "$H" bond0 'active port')" e1
assert_eq "bond0 keeps its address" "$(mac_of "$H" bond0)" "$BOND_MAC"
assert_eq "e1 took the bond's address" "$(mac_of "$H" e1)" "$BOND_MAC"
assert_eq "e0 took e1's (its own is the bond's)" "$(mac_of "$H" e0)" "$E1_PERM"
wait_until 3 fdb_is "$BOND_MAC" s1 || fail "the switch did not move bond0 to s1"
pass "the switch learnt the bond's address on s1 at once"
for ((i = 1; i <= CLIENTS; i++)); do
	wait_until 3 in_ns "${C[i]}" ping -c 1 -W 1 10.87.0.1 >/dev/null ||
		fail "client $i cannot reach bond0 after the failover"
done
pass "every client reaches bond0"
snap
rx1=$(link_counter "$H" e1 rx_packets)
ping_clients 10
for ((i = 1; i <= CLIENTS; i++)); do
	assert_eq "client $i now through e1" "$(client_port "$i")" s1
done
assert_ge "e1 receives" $(($(link_counter "$H" e1 rx_packets) - rx1)) 100
for ((i = 1; i <= CLIENTS; i++)); do
	pid=$(cat "$RESULTS_DIR/cl$i.pid")
	kill -INT "$pid"
	wait "$pid" 2>/dev/null || true
	assert_le "client $i lost at most 1 s of its stream" \
		"$(stream_lost "cl$i")" 100
done

step "e0 comes back as a transmit port; primary takes the address back"
ip -n "$S" link set s0 up
wait_until 5 port_is "$H" e0 mii_status UP || fail "e0 not back up"
sleep 0.5
assert_eq "no primary: e1 stays active" "$(bond_active "$H" bond0)" e1
assert_true "e0 does not carry the bond's address" \
	test "$(mac_of "$H" e0)" != "$BOND_MAC"
ip -n "$H" link set bond0 type bond primary e0
assert_eq "primary e0 is active" "$(bond_active "$H" bond0)" e0
assert_eq "e0 has the bond's address again" "$(mac_of "$H" e0)" "$BOND_MAC"
assert_eq "e1 has its own again" "$(mac_of "$H" e1)" "$E1_PERM"
wait_until 3 fdb_is "$BOND_MAC" s0 || fail "the switch did not move bond0 to s0"
pass "the switch learnt the bond's address on s0"
wait_until 3 fdb_is "$E1_PERM" s1 || fail "the switch lost e1 on s1"
pass "and e1's on s1"
sleep 0.5
snap
ping_clients 10
assert_eq "e1 never sent the bond's address" "$(since s1 10)" 0

step "tlb_dynamic_lb 1: one destination's 32 flows share one port"
flows_to_client1
assert_true "one port carried them all" \
	test "$D0" -eq 0 -o "$D1" -eq 0
assert_ge "all 320 datagrams left" $((D0 + D1)) 320

step "tlb_dynamic_lb 0: the hash spreads the same flows"
if ip -n "$H" link set bond0 type bond tlb_dynamic_lb 0 2>/dev/null; then
	fail "tlb_dynamic_lb changed while the bond is up"
fi
ip -n "$H" link set bond0 down
ip -n "$H" link set bond0 type bond tlb_dynamic_lb 0 xmit_hash_policy layer3+4
ip -n "$H" link set bond0 up
neigh_clients
assert_eq "tlb_dynamic_lb reported" "$(bond_opt "$H" bond0 tlb_dynamic_lb)" 0
wait_until 5 bond_carrier_is "$H" bond0 1 || fail "bond0 has no carrier"
wait_until 5 in_ns "$H" ping -c 1 -W 1 "$(client_ip 1)" >/dev/null ||
	fail "bond0 cannot reach client 1"
flows_to_client1
assert_ge "e0 sent >= 20 % of 320" "$D0" 64
assert_ge "e1 sent >= 20 % of 320" "$D1" 64
assert_eq "e1 still never sent the bond's address" "$(since s1 10)" 0

step "lp_interval 3"
ip -n "$H" link set bond0 type bond lp_interval 3
assert_eq "lp_interval reported" "$(bond_opt "$H" bond0 lp_interval)" 3
sleep 0.5
learning_check 3 9

step "a new bond address goes to the active port only, and is announced"
NEW_MAC=02:87:00:00:00:aa
# The stack sends a gratuitous ARP on an address change only with
# arp_notify; the learning frames are the bond's own doing.
in_ns "$H" sysctl -qw net.ipv4.conf.bond0.arp_notify=1
ip -n "$H" link set bond0 address "$NEW_MAC"
assert_eq "bond0's address" "$(mac_of "$H" bond0)" "$NEW_MAC"
assert_eq "the active e0 took it" "$(mac_of "$H" e0)" "$NEW_MAC"
assert_eq "e1 keeps its own" "$(mac_of "$H" e1)" "$E1_PERM"
# lp_interval is 3 s: only the announcement on the change is this quick.
wait_until 1 fdb_is "$NEW_MAC" s0 || fail "the switch did not learn it on s0"
pass "the switch learnt the new address on s0 at once"
wait_until 5 in_ns "${C[1]}" ping -c 1 -W 1 10.87.0.1 >/dev/null ||
	fail "client 1 cannot reach bond0 at its new address"
pass "client 1 reaches bond0 at its new address"

step "fail_over_mac is taken in balance-tlb, as bonding.ko takes it"
ip -n "$H" link add bx type bond mode balance-tlb fail_over_mac follow ||
	fail "fail_over_mac follow refused in balance-tlb"
assert_eq "reported" "$(bond_opt "$H" bx fail_over_mac)" follow
ip -n "$H" link del bx

step "release: the ports get their own addresses back"
ip -n "$H" link set e1 nomaster
assert_eq "e1's own address" "$(mac_of "$H" e1)" "$E1_PERM"
ip -n "$H" link set e0 nomaster
assert_eq "e0's own address" "$(mac_of "$H" e0)" "$E0_PERM"
ip -n "$H" link del bond0
