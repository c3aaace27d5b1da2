#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 20-active-backup: failover and failback under a continuous stream, the
# rules that pick the active port (primary, primary_reselect, prio,
# active_slave), updelay/downdelay, and what backups receive.
#
#  +--------- ab-h-PID ---------+        +---------- ab-s-PID ----------+
#  |                            |  veth  |                              |
#  |  bond0 ---+-- e0 ==========|========|== s0 --+                    |
#  | 10.20.0.1 |                |        |        +-- br0 10.20.0.2    |
#  |           +-- e1 ==========|========|== s1 --+                    |
#  |           +-- e2 ==========|========|== s2 --+  (some checks)     |
#  +----------------------------+        +------------------------------+
#
# The "switch" side is a bridge; a port's link is cut by setting its peer
# down there, which drops the carrier of e0/e1/e2.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
nbond_reload kind=bond

H=$(ns_add ab-h)
S=$(ns_add ab-s)
# No IPv6: router solicitations and MLD reports would blur the counts.
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.20.0.2/24 e s 3

# make_bond OPTIONS...: a fresh bond0 over e0 e1 with OPTIONS.
make_bond() {
	ip -n "$H" link del bond0 2>/dev/null || true
	ip -n "$H" link add bond0 type bond mode active-backup "$@"
	ip -n "$H" link set e0 master bond0
	ip -n "$H" link set e1 master bond0
	ip -n "$H" link set bond0 up
	ip -n "$H" addr add 10.20.0.1/24 dev bond0
	wait_until 10 in_ns "$H" ping -c 1 -W 1 10.20.0.2 >/dev/null ||
		fail "no ping over the new bond"
}

cut() { ip -n "$S" link set "$1" down; }
mend() { ip -n "$S" link set "$1" up; }

step "first port becomes active; only it transmits"
make_bond miimon 100
assert_eq "active port" "$(bond_active "$H" bond0)" e0
assert_eq "e0 state" "$(port_field "$H" e0 state)" ACTIVE
assert_eq "e1 state" "$(port_field "$H" e1 state)" BACKUP
assert_eq "proc active port" "$(proc_field "$H" bond0 'active port')" e0
tx0=$(link_counter "$H" e0 tx_packets)
tx1=$(link_counter "$H" e1 tx_packets)
in_ns "$H" ping -q -c 50 -i 0.02 10.20.0.2 >/dev/null
assert_ge "e0 sent the 50 pings" "$(link_counter "$H" e0 tx_packets)" $((tx0 + 50))
assert_le "e1 sent none of them" "$(link_counter "$H" e1 tx_packets)" $((tx1 + 2))

step "carrier loss on the active port fails over under a stream"
start_stream "$H" 10.20.0.2 stream
cut s0
wait_until 5 active_is "$H" bond0 e1 || fail "no failover to e1"
assert_eq "e0 mii status" "$(port_field "$H" e0 mii_status)" DOWN
assert_eq "e0 link failure count" "$(port_field "$H" e0 link_failure_count)" 1
assert_eq "bond carrier stays up" "$(bond_carrier "$H" bond0)" 1
tx1=$(link_counter "$H" e1 tx_packets)
sleep 1
assert_ge "e1 carries the stream" "$(link_counter "$H" e1 tx_packets)" $((tx1 + 20))

step "failback to the first port: primary_reselect always (default) with no primary keeps e1"
mend s0
wait_until 5 port_is "$H" e0 mii_status UP || fail "e0 not back up"
sleep 0.5
assert_eq "no primary: e1 stays active" "$(bond_active "$H" bond0)" e1
stop_stream stream
assert_le "stream lost at most 1 s of packets across the failover" \
	"$(stream_lost stream)" 100

step "primary takes over again when it returns (primary_reselect always)"
make_bond miimon 100 primary e0
assert_eq "primary e0 active" "$(bond_active "$H" bond0)" e0
cut s0
wait_until 5 active_is "$H" bond0 e1 || fail "no failover to e1"
mend s0
wait_until 5 active_is "$H" bond0 e0 || fail "primary e0 did not take over again"
pass "primary reclaimed the active role"

step "primary_reselect failure: the primary waits for the active port to fail"
ip -n "$H" link set bond0 type bond primary_reselect failure
cut s0
wait_until 5 active_is "$H" bond0 e1 || fail "no failover to e1"
mend s0
wait_until 5 port_is "$H" e0 mii_status UP || fail "e0 not back"
sleep 0.5
assert_eq "e1 stays active" "$(bond_active "$H" bond0)" e1
cut s1
wait_until 5 active_is "$H" bond0 e0 || fail "no failover back to e0"
mend s1
pass "primary_reselect failure honoured"

step "primary_reselect better: equal speeds do not move the active port"
ip -n "$H" link set bond0 type bond primary_reselect better active_slave e1
assert_eq "active_slave e1" "$(bond_active "$H" bond0)" e1
sleep 0.3
assert_eq "e1 stays: e0 is not better" "$(bond_active "$H" bond0)" e1

step "prio: setting one chooses anew, a failure falls to the next, a return preempts"
# As bonding.ko: setting a prio (with no primary) and a port of higher
# prio coming up both choose the active port anew (93-reselect-parity
# compares the two drivers case by case).
make_bond miimon 100
ip -n "$H" link set e2 master bond0
ip -n "$H" link set e1 type bond_slave prio 5
ip -n "$H" link set e2 type bond_slave prio 10
assert_eq "e2 prio" "$(port_field "$H" e2 prio)" 10
wait_until 5 active_is "$H" bond0 e2 || fail "highest prio e2 not chosen"
cut s2
wait_until 5 active_is "$H" bond0 e1 || fail "next highest prio e1 not chosen"
mend s2
wait_until 5 active_is "$H" bond0 e2 || fail "e2, back, did not preempt e1"
pass "the highest prio port is active"
ip -n "$H" link set e2 nomaster

step "downdelay and updelay are honoured"
# The delays are long enough for the checks within them to run: 8 s, and
# five times that on the debug kernel, where each check (ip and jq) took
# over 3 s in a loaded guest and the delay ran out between two of them.
delay=$((8000 * NBOND_WAIT_FACTOR))
make_bond miimon 100 downdelay "$delay" updelay "$delay"
cut s0
sleep 1
assert_eq "e0 is going down" "$(port_field "$H" e0 mii_status)" GOING_DOWN
assert_eq "within downdelay e0 is still active" "$(bond_active "$H" bond0)" e0
wait_until 20 active_is "$H" bond0 e1 || fail "no failover after downdelay"
mend s0
sleep 1
assert_eq "within updelay e0 is not up" "$(port_field "$H" e0 mii_status)" GOING_BACK
wait_until 20 port_is "$H" e0 mii_status UP || fail "e0 never up after updelay"
pass "updelay honoured"

step "backup ports drop what they receive, unless all_slaves_active"
make_bond miimon 100
assert_eq "e1 is a backup" "$(port_field "$H" e1 state)" BACKUP
rx=$(link_counter "$H" bond0 rx_packets)
rx1=$(link_counter "$H" e1 rx_packets)
# A broadcast from the switch reaches both ports; only e0's copy counts.
in_ns "$S" ping -q -b -c 10 -i 0.05 10.20.0.255 >/dev/null 2>&1 || true
sleep 0.2
got=$(($(link_counter "$H" bond0 rx_packets) - rx))
assert_ge "e1 saw the broadcasts too" "$(link_counter "$H" e1 rx_packets)" $((rx1 + 10))
assert_ge "bond received the broadcasts" "$got" 10
assert_le "once each (backup drops)" "$got" 12
ip -n "$H" link set bond0 type bond all_slaves_active 1
rx=$(link_counter "$H" bond0 rx_packets)
in_ns "$S" ping -q -b -c 10 -i 0.05 10.20.0.255 >/dev/null 2>&1 || true
sleep 0.2
got=$(($(link_counter "$H" bond0 rx_packets) - rx))
assert_ge "all_slaves_active: both copies delivered" "$got" 20

step "active_slave names a port to use"
ip -n "$H" link set bond0 type bond active_slave e1
assert_eq "active is e1" "$(bond_active "$H" bond0)" e1
assert_eq "proc agrees" "$(proc_field "$H" bond0 'active port')" e1
