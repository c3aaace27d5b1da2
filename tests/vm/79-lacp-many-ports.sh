#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 79-lacp-many-ports: an 802.3ad bond of 64 ports at each end of 64 cables,
# lacpd on both, fast LACPDUs (slow on the debug kernel): every port
# distributes at both ends, and bondctl shows all 64. A bond's state
# outgrows one netlink message at about 40 ports: the driver's dump
# splits it, and lacpd and bondctl join the parts (before, lacpd logged
# "starting" and never managed the bond). In the steady state lacpd's
# updates to the driver never wait for RTNL.
#
#  +------- mp-a-PID --------+                 +------- mp-b-PID --------+
#  | bond0 10.79.0.1/24      |  a0 ======= b0  | bond0 10.79.0.2/24      |
#  |   a0 ... a63            |  ..  64 cables  |   b0 ... b63            |
#  | lacpd                   |  a63 ===== b63  | lacpd                   |
#  +-------------------------+                 +-------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
require_lacpd
require_cmd jq
nbond_reload kind=bond

readonly N=64
# Fast LACPDUs: 64 a second each way, and a port whose partner is not
# heard for 3 s expires. The debug kernel's guest cannot read that many in
# time (its ports expire and regroup over and over): there the slow rate,
# whose timeout is 90 s.
RATE=fast
! debug_kernel || RATE=slow

A=$(ns_add mp-a)
B=$(ns_add mp-b)
quiet_ns "$A"
quiet_ns "$B"

step "$N cables, an 802.3ad bond over all of them at each end"
# One batch per namespace: 64 times two ip commands each is slow here.
batch_a=$(mktemp)
batch_b=$(mktemp)
on_exit "rm -f $batch_a $batch_b"
echo "link add bond0 type bond mode 802.3ad lacp_rate $RATE miimon 100" \
	>"$batch_a"
cp "$batch_a" "$batch_b"
for ((i = 0; i < N; i++)); do
	ip link add "a$i" netns "$A" type veth peer name "b$i" netns "$B" ||
		fail "cannot create cable $i"
	echo "link set a$i master bond0" >>"$batch_a"
	echo "link set b$i master bond0" >>"$batch_b"
done
for ((i = 0; i < N; i++)); do
	echo "link set a$i up" >>"$batch_a"
	echo "link set b$i up" >>"$batch_b"
done
echo "link set bond0 up" >>"$batch_a"
echo "link set bond0 up" >>"$batch_b"
ip -n "$A" -batch "$batch_a" || fail "cannot make A's bond"
ip -n "$B" -batch "$batch_b" || fail "cannot make B's bond"
ip -n "$A" addr add 10.79.0.1/24 dev bond0
ip -n "$B" addr add 10.79.0.2/24 dev bond0
assert_eq "A's bond has $N ports" "$(proc_field "$A" bond0 ports)" "$N"
assert_eq "B's bond has $N ports" "$(proc_field "$B" bond0 ports)" "$N"

start_lacpd "$A" a
start_lacpd "$B" b

# distributing NS: how many of bond0's ports distribute.
distributing() {
	ip netns exec "$1" grep -c '^distributing: yes' /proc/net/nbond/bond0 ||
		true
}

all_distribute() {
	[[ $(distributing "$A") == "$N" && $(distributing "$B") == "$N" ]]
}

step "lacpd manages both bonds, every port distributes"
start=$(now_ms)
wait_until 120 all_distribute ||
	fail "not all ports distribute: A $(distributing "$A"), B $(distributing \
		"$B"); lacpd A: $(tail -n 5 "$RESULTS_DIR/lacpd-a.log")"
pass "all $N ports distribute at both ends after $(($(now_ms) - start)) ms"
for end in a b; do
	assert_true "lacpd $end manages bond0 with its $N ports" \
		grep -q "bond0: managing ($N ports)" "$RESULTS_DIR/lacpd-$end.log"
done
assert_true "traffic crosses the bond" \
	in_ns "$A" ping -c 3 -i 0.2 -W 2 10.79.0.2

step "steady state: lacpd's updates never wait for RTNL"
# Each lacpd hands each port's counters to the driver every second they
# change (128 LACP_SETs a second at the fast rate); the driver takes them
# without RTNL, and
# applies what the data path uses under RTNL only if it is free at once
# (rtnl_trylock), or later from a work. No rtnl_lock() by lacpd, then.
kprobe_add rtnl rtnl_lock
echo 'comm == "lacpd"' >"$TRACEFS/events/kprobes/nbond_rtnl/filter"
echo >"$TRACEFS/trace"
calls=$(kprobe_hits rtnl)
sleep 5
by_lacpd=$(grep -c 'nbond_rtnl:' "$TRACEFS/trace" || true)
echo "rtnl_lock in 5 s: $(($(kprobe_hits rtnl) - calls)) in all, $by_lacpd by lacpd"
assert_eq "rtnl_lock calls by lacpd in 5 s" "$by_lacpd" 0
echo 0 >"$TRACEFS/events/kprobes/nbond_rtnl/enable"

step "bondctl shows every port, in order"
want=$(for ((i = 0; i < N; i++)); do echo "a$i"; done | paste -sd, -)
json=$("$BONDCTL" -n "$A" show -j bond0) || fail "bondctl show bond0 failed"
assert_eq "show bond0: the ports" \
	"$(jq -r '[.[0].ports[].name] | join(",")' <<<"$json")" "$want"
json=$("$BONDCTL" -n "$A" show -j) || fail "bondctl show failed"
assert_eq "show: one bond" "$(jq length <<<"$json")" 1
assert_eq "show: the ports" \
	"$(jq -r '[.[0].ports[].name] | join(",")' <<<"$json")" "$want"
assert_eq "show: every port distributing" \
	"$(jq '[.[0].ports[] | select(.lacp.distributing)] | length' \
		<<<"$json")" "$N"

step "a port leaves and comes back: lacpd follows"
ip -n "$A" link set a17 nomaster
wait_until 30 bash -c "[[ \$(ip netns exec '$A' grep -c \
	'^distributing: yes' /proc/net/nbond/bond0) == $((N - 1)) ]]" ||
	fail "A does not have $((N - 1)) distributing ports"
ip -n "$A" link set a17 master bond0
ip -n "$A" link set a17 up
wait_until 60 all_distribute ||
	fail "a17 does not distribute again: A $(distributing "$A")"
pass "a17 distributes again"
assert_true "lacpd A is alive" kill -0 "$(cat "$RESULTS_DIR/lacpd-a.pid")"
