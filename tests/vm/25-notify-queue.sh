#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 25-notify-queue: what a failover tells the network (num_grat_arp
# gratuitous ARPs, peer_notif_delay apart), use_carrier 0 (link from
# ethtool), and queue_id: a tc filter on the bond steering one
# destination to the port with a given queue id.
#
#  Part 1 (active-backup, the switch is a bridge):
#  +------- nq-h-PID -------+        +--------- nq-s-PID ---------+
#  | bond0 --+-- e0 ========|=veth===|== s0 --+                   |
#  |10.25.0.1+-- e1 ========|=veth===|== s1 --+-- br0 10.25.0.2   |
#  +------------------------+        +----------------------------+
#
#  Part 2 (balance-xor at both ends, a static aggregation):
#  +------- nq-x-PID -------+        +--------- nq-y-PID ---------+
#  | bond1 --+-- x0 ========|=veth===|== y0 --+-- peer1           |
#  |10.25.1.1+-- x1 ========|=veth===|== y1 --+   10.25.1.2       |
#  |  queue_id on one port  |        |          10.25.1.3         |
#  +------------------------+        +----------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd tcpdump tc
nbond_reload kind=bond

H=$(ns_add nq-h)
S=$(ns_add nq-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.25.0.2/24 e s 2

step "a failover sends num_grat_arp gratuitous ARPs"
ip -n "$H" link add bond0 type bond mode active-backup miimon 100 \
	num_grat_arp 3 peer_notify_delay 300 use_carrier 0
assert_eq "use_carrier reported" "$(bond_opt "$H" bond0 use_carrier)" 0
ip -n "$H" link set e0 master bond0
ip -n "$H" link set e1 master bond0
ip -n "$H" link set bond0 up
ip -n "$H" addr add 10.25.0.1/24 dev bond0
wait_until 10 in_ns "$H" ping -c 1 -W 1 10.25.0.2 >/dev/null ||
	fail "no path over bond0"
sleep 1
# Gratuitous ARP: sender and target protocol addresses are both ours.
# tcpdump must be capturing before the failover (on the debug kernel it
# takes seconds to start).
ip netns exec "$S" tcpdump -l -n -tt -i s1 'arp and arp[14:4] = arp[24:4]' \
	>"$RESULTS_DIR/garp.txt" 2>"$RESULTS_DIR/garp.err" &
dump=$!
on_exit "kill $dump 2>/dev/null || true"
wait_until 10 grep -q 'listening on' "$RESULTS_DIR/garp.err" ||
	fail "tcpdump did not start on s1"
ip -n "$S" link set s0 down
step "use_carrier 0: the link comes from ethtool, the failover still happens"
wait_until 5 active_is "$H" bond0 e1 || fail "no failover to e1"
pass "failed over to e1"
garp_count() {
	grep -c 'who-has 10.25.0.1 tell 10.25.0.1' "$RESULTS_DIR/garp.txt" ||
		true
}
three_garps() {
	[[ $(garp_count) -ge 3 ]]
}
wait_until 10 three_garps || true
# A fourth, if one came, would be here by now.
sleep 1
kill -INT "$dump"
wait "$dump" || true
assert_eq "gratuitous ARPs seen on the new path" "$(garp_count)" 3
first=$(grep 'who-has 10.25.0.1 tell 10.25.0.1' "$RESULTS_DIR/garp.txt" |
	head -n 1 | cut -d' ' -f1)
last=$(grep 'who-has 10.25.0.1 tell 10.25.0.1' "$RESULTS_DIR/garp.txt" |
	tail -n 1 | cut -d' ' -f1)
spread=$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%d", (b - a) * 1000 }')
assert_ge "they are peer_notif_delay apart (2 x 300 ms)" "$spread" 550

step "queue_id: a tc filter steers one destination to a chosen port"
X=$(ns_add nq-x)
Y=$(ns_add nq-y)
quiet_ns "$X"
quiet_ns "$Y"
ip -n "$Y" link add peer1 type bond mode balance-xor
for i in 0 1; do
	veth_pair "x$i" "$X" "y$i" "$Y"
	ip -n "$Y" link set "y$i" master peer1
done
ip -n "$Y" link set peer1 up
ip -n "$Y" addr add 10.25.1.2/24 dev peer1
ip -n "$Y" addr add 10.25.1.3/24 dev peer1
ip -n "$X" link add bond1 type bond mode balance-xor xmit_hash_policy layer2
ip -n "$X" link set x0 master bond1
ip -n "$X" link set x1 master bond1
ip -n "$X" link set bond1 up
ip -n "$X" addr add 10.25.1.1/24 dev bond1
wait_until 10 in_ns "$X" ping -c 1 -W 1 10.25.1.2 >/dev/null ||
	fail "no path over bond1"
# Static neighbours at both ends: no ARP request or reply (which the IP
# filter does not match) mixes into the per-port counts.
peer_mac=$(ip -n "$Y" -j link show peer1 | jq -r '.[0].address')
bond_mac=$(ip -n "$X" -j link show bond1 | jq -r '.[0].address')
for ip in 10.25.1.2 10.25.1.3; do
	ip -n "$X" neigh replace "$ip" lladdr "$peer_mac" dev bond1 nud permanent
done
ip -n "$Y" neigh replace 10.25.1.1 lladdr "$bond_mac" dev peer1 nud permanent

tx0=$(link_counter "$X" x0 tx_packets)
tx1=$(link_counter "$X" x1 tx_packets)
in_ns "$X" ping -q -c 40 -i 0.02 10.25.1.3 >/dev/null
d0=$(($(link_counter "$X" x0 tx_packets) - tx0))
d1=$(($(link_counter "$X" x1 tx_packets) - tx1))
if ((d0 >= d1)); then hashed=x0 other=x1; else hashed=x1 other=x0; fi
assert_ge "layer2 hash keeps the flow on $hashed" "$((d0 > d1 ? d0 : d1))" 40

ip -n "$X" link set "$other" type bond_slave queue_id 2
assert_eq "queue_id reported" "$(port_field "$X" "$other" queue_id)" 2
tc -n "$X" qdisc add dev bond1 handle 1 root multiq
tc -n "$X" filter add dev bond1 parent 1: protocol ip prio 1 u32 \
	match ip dst 10.25.1.3/32 action skbedit queue_mapping 2
tx_h=$(link_counter "$X" "$hashed" tx_packets)
tx_o=$(link_counter "$X" "$other" tx_packets)
in_ns "$X" ping -q -c 40 -i 0.02 10.25.1.3 >/dev/null
assert_ge "steered frames left on $other" \
	"$(($(link_counter "$X" "$other" tx_packets) - tx_o))" 40
assert_le "none on $hashed" \
	"$(($(link_counter "$X" "$hashed" tx_packets) - tx_h))" 0
tx_h=$(link_counter "$X" "$hashed" tx_packets)
in_ns "$X" ping -q -c 40 -i 0.02 10.25.1.2 >/dev/null
assert_ge "other destinations still follow the hash ($hashed)" \
	"$(($(link_counter "$X" "$hashed" tx_packets) - tx_h))" 40

step "refused queue ids"
if ip -n "$X" link set "$hashed" type bond_slave queue_id 2 2>/dev/null; then
	fail "two ports accepted the same queue_id"
fi
if ip -n "$X" link set "$hashed" type bond_slave queue_id 16 2>/dev/null; then
	fail "queue_id 16 accepted with 16 tx queues"
fi
assert_eq "$hashed keeps queue id 0" "$(port_field "$X" "$hashed" queue_id)" 0

# steered_to PORT WHAT: 40 frames to the steered destination, all on PORT.
steered_to() {
	local before
	before=$(link_counter "$X" "$1" tx_packets)
	in_ns "$X" ping -q -c 40 -i 0.02 10.25.1.3 >/dev/null
	assert_ge "$2" "$(($(link_counter "$X" "$1" tx_packets) - before))" 40
}

# The bond looks for a queue's port only while a port has a queue id.
step "queue ids cleared, set again, and a port with one released"
ip -n "$X" link set "$other" type bond_slave queue_id 0
steered_to "$hashed" "queue id cleared: the steered destination follows the hash"
ip -n "$X" link set "$other" type bond_slave queue_id 2
steered_to "$other" "queue id set again: steered to $other"
veth_pair x2 "$X" y2 "$Y"
ip -n "$Y" link set y2 down
ip -n "$Y" link set y2 master peer1
ip -n "$X" link set x2 master bond1
ip -n "$X" link set x2 type bond_slave queue_id 3
ip -n "$X" link set x2 nomaster
ip -n "$X" link set "$hashed" type bond_slave queue_id 4
ip -n "$X" link set "$hashed" type bond_slave queue_id 0
steered_to "$other" "after a port with a queue id left: still steered to $other"
