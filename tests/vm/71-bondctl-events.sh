#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 71-bondctl-events: `bondctl monitor -j` reports the driver's events in
# order across a bond's life and a failover; `bondctl drill` fails an
# active-backup bond over and back under a ping stream, reports the
# takeover, and the stream loses no more than the drill says; a drill on
# a one-port bond is refused and changes nothing.
#
#  +--------- ev-h-PID ----------+        +----------- ev-s-PID ----------+
#  |                             |  veth  |                               |
#  |  bond0 ---+-- e0 ===========|========|== s0 --+                      |
#  | 10.71.0.1 |                 |        |        +-- br0 10.71.0.2      |
#  |           +-- e1 ===========|========|== s1 --+                      |
#  |  bond1 ------ e2 ===========|========|== s2 --+  (one-port bond)     |
#  +-----------------------------+        +-------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
nbond_reload kind=bond

H=$(ns_add ev-h)
S=$(ns_add ev-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.71.0.2/24 e s 3

ctl() { "$BONDCTL" -n "$H" "$@"; }
EVENTS=$RESULTS_DIR/events.jsonl

# events_have N: the monitor has written at least N lines.
events_have() {
	[[ -f $EVENTS && $(wc -l <"$EVENTS") -ge $1 ]]
}

# event_seq FILTER: "event:port:cause" of each event of bond0, one per line.
event_seq() {
	jq -r 'select(.bond == "bond0") |
		[.event, (.port // "-"), (.cause // "-")] | join(":")' "$EVENTS"
}

# in_order EXPECTED...: the EXPECTED lines occur in event_seq in this
# order (other events may come between them).
in_order() {
	local seq want i=0
	mapfile -t seq < <(event_seq)
	for want in "$@"; do
		while [[ $i -lt ${#seq[@]} && ${seq[i]} != "$want" ]]; do
			i=$((i + 1))
		done
		[[ $i -lt ${#seq[@]} ]] || { echo "missing in order: $want"; return 1; }
		i=$((i + 1))
	done
}

step "monitor -j: a bond's life and a carrier failover, in order"
ip netns exec "$H" "$BONDCTL" -j monitor >"$EVENTS" 2>"$RESULTS_DIR/monitor.err" &
MONITOR=$!
on_exit "kill $MONITOR 2>/dev/null || true"
sleep 1
ctl create bond0 mode active-backup miimon 100
ctl add bond0 e0 e1
ip -n "$H" link set bond0 up
ip -n "$H" addr add 10.71.0.1/24 dev bond0
wait_until 10 in_ns "$H" ping -c 1 -W 1 10.71.0.2 >/dev/null ||
	fail "no ping over the bond"
ip -n "$S" link set s0 down
wait_until 5 active_is "$H" bond0 e1 || fail "no failover to e1"
ctl set bond0 miimon 200
ip -n "$S" link set s0 up
wait_until 5 port_is "$H" e0 mii_status UP || fail "e0 not back"
wait_until 5 events_have 11 || fail "too few events: $(cat "$EVENTS")"
sleep 0.5
cat "$EVENTS"
assert_true "every line is one JSON object" \
	jq -e -s 'all(type == "object")' "$EVENTS"
assert_true "timestamps never go back" jq -e -s \
	'[.[].timestamp_ns] | . == sort' "$EVENTS"
assert_true "events in order" in_order \
	"bond-created:-:-" \
	"port-added:e0:-" \
	"port-up:e0:port-added" \
	"active-changed:e0:port-added" \
	"port-added:e1:-" \
	"port-up:e1:port-added" \
	"carrier-changed:-:-" \
	"port-down:e0:carrier" \
	"active-changed:e1:carrier" \
	"bond-changed:-:-" \
	"port-up:e0:carrier"
assert_eq "the failover names the old port" "$(jq -r \
	'select(.event == "active-changed" and .port == "e1") | .old_port' \
	"$EVENTS")" e0
kill "$MONITOR"
wait "$MONITOR" 2>/dev/null || true

step "drill: admin failover under a ping stream"
# With e1 as primary the bond goes back to e1 after each cycle.
ctl set bond0 primary e1
wait_until 5 active_is "$H" bond0 e1 || fail "e1 not active"
start_stream "$H" 10.71.0.2 drill
sleep 1
drill=$(ctl -j drill bond0 --hold 1 --cycles 2)
stop_stream drill
echo "$drill"
assert_eq "two cycles" "$(jq '.cycles | length' <<<"$drill")" 2
assert_eq "cycle 1 took e1 down" "$(jq -r '.cycles[0].port' <<<"$drill")" e1
assert_eq "cycle 1 e0 took over" \
	"$(jq -r '.cycles[0].takeover_port' <<<"$drill")" e0
assert_ge "cycle 1 takeover time in us" \
	"$(jq -r '.cycles[0].takeover_us' <<<"$drill")" 1
assert_eq "cycle 1 restored" "$(jq -r '.cycles[0].restored' <<<"$drill")" true
assert_eq "cycle 2 restored" "$(jq -r '.cycles[1].restored' <<<"$drill")" true
dropped=$(jq '[.cycles[].dropped] | add' <<<"$drill")
assert_le "the stream lost no more than the drill reports" \
	"$(stream_lost drill)" "$dropped"
assert_eq "e1 is active again" "$(bond_active "$H" bond0)" e1
assert_eq "no port left admin down" \
	"$(ctl -j show bond0 | jq -r '[.[0].ports[].admin] | unique | join(",")')" up

step "drill text names the ports and the time in us"
text=$(ctl drill bond0 --port e1 --hold 0.2)
echo "$text"
assert_true "takeover time printed in us" grep -Eq '[0-9]+ us' <<<"$text"
assert_true "names the port taken down" grep -q e1 <<<"$text"

step "drill refuses a one-port bond"
ctl create bond1 mode active-backup miimon 100
ctl add bond1 e2
ip -n "$H" link set bond1 up
wait_until 5 active_is "$H" bond1 e2 || fail "e2 not active"
rc=$(bondctl_rc -n "$H" drill bond1)
bondctl_out
assert_eq "exit status" "$rc" 1
assert_true "says why" grep -qi "no other" "$RESULTS_DIR/bondctl.out"
assert_eq "e2 still active" "$(bond_active "$H" bond1)" e2
assert_eq "e2 admin still up" "$(proc_port_field "$H" bond1 e2 admin)" up

step "monitor -j: admin down, removal and deletion"
ip netns exec "$H" "$BONDCTL" -j monitor bond1 >"$EVENTS" \
	2>"$RESULTS_DIR/monitor.err" &
MONITOR=$!
on_exit "kill $MONITOR 2>/dev/null || true"
sleep 1
ctl port set e2 down
ctl port set e2 up
ctl remove bond1 e2
ctl destroy bond1
wait_until 5 events_have 11 || fail "too few events: $(cat "$EVENTS")"
sleep 0.5
cat "$EVENTS"
assert_true "only bond1's events" jq -e -s 'all(.bond == "bond1")' "$EVENTS"
bond1_seq() {
	jq -r '[.event, (.port // "-"), (.cause // "-")] | join(":")' "$EVENTS"
}
# Its last port gone, the bond leaves e2's address for a random one: a
# new address is a bond-changed (an LACP agent's System ID follows it).
assert_eq "admin down, back, removed, deleted" "$(bond1_seq | paste -sd ' ')" \
"port-down:e2:admin active-changed:-:admin carrier-changed:-:- \
port-up:e2:admin active-changed:e2:admin carrier-changed:-:- \
port-removed:e2:- active-changed:-:port-removed carrier-changed:-:- \
bond-changed:-:- bond-deleted:-:-"
