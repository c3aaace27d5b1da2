#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/failover: how long an active-backup bond stops forwarding when its
# active port loses carrier, and when the operator moves the active role
# to the other port; nbond.ko (kind=bond) against the kernel's bonding.ko
# and team (teamd's activebackup runner, ethtool link watch) in the same
# boot. A ping every 2 ms runs across the bond; the gap is the longest time
# between two consecutive replies around the event, and the requests that
# got no reply are counted (under emulation a busy host also delays the
# pinger itself, which the gap shows and the count does not).
#
#  +--------- fo-h-PID ---------+        +---------- fo-s-PID ----------+
#  |  bond0 --+-- e0 ===========|=veth===|== s0 --+                     |
#  |          +-- e1 ===========|=veth===|== s1 --+-- br0 10.40.0.2     |
#  |  10.40.0.1                 |        |                              |
#  +----------------------------+        +------------------------------+
#
# Events:
#   carrier  s0 goes down (e0 loses carrier); bonds with miimon 100
#   switch   the active role set to e1: bonding.ko's and nbond's
#            active_slave, teamd's runner.active_port
#   drill    nbond only: `bondctl drill bond0 --cycles 1`, which takes e0
#            out of use with its link up; also its own takeover time, from
#            the driver's event timestamps
# Prints one line per run, a table of medians with nbond's ratio to each
# other driver, and failover.json in RESULTS_DIR. Fails only if a run loses
# the path for good. Timings under software emulation are ~10x hardware's.

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
# shellcheck source=../vm/bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/bond.sh"

require_nbond
require_module bonding
require_bondctl
RUNS=${NBOND_BENCH_RUNS:-3}
echo "bench: $RUNS runs per configuration"

H=$(ns_add fo-h)
S=$(ns_add fo-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.40.0.2/24 e s 2

# active DRIVER: the bond's active port.
active() {
	if [[ $1 == team ]]; then
		ip netns exec "$H" teamdctl bond0 state item get \
			runner.active_port 2>/dev/null
	else
		bond_active "$H" bond0
	fi
}

active_of() {
	[[ $(active "$1") == "$2" ]]
}

bond_make() {
	local driver=$1
	if [[ $driver == team ]]; then
		ip -n "$H" link set e0 down
		ip -n "$H" link set e1 down
		# e0 first: the higher prio makes it active.
		ip netns exec "$H" teamd -d -t bond0 -c '{
			"runner": {"name": "activebackup"},
			"link_watch": {"name": "ethtool"},
			"ports": {"e0": {"prio": 10}, "e1": {"prio": 0}}
		}' >/dev/null 2>&1 || fail "teamd did not start"
		wait_until 30 ip -n "$H" link show bond0 >/dev/null 2>&1 ||
			fail "teamd made no bond0"
		ip -n "$H" link set e0 up
		ip -n "$H" link set e1 up
	else
		ip -n "$H" link add bond0 type bond mode active-backup \
			miimon 100
		add_ports "$H" bond0 e0 e1
	fi
	ip -n "$H" link set bond0 up
	ip -n "$H" addr add 10.40.0.1/24 dev bond0
}

bond_unmake() {
	if [[ $1 == team ]]; then
		ip netns exec "$H" teamd -t bond0 -k >/dev/null 2>&1
		wait_until 30 bash -c "! ip -n $H link show bond0" 2>/dev/null ||
			fail "teamd left bond0"
	else
		ip -n "$H" link del bond0
	fi
}

# one_run DRIVER EVENT: prints "GAP_MS LOST [TAKEOVER_US]".
one_run() {
	local driver=$1 event=$2 name log pid takeover=
	bond_make "$driver"
	wait_until 10 in_ns "$H" ping -c 1 -W 1 10.40.0.2 >/dev/null ||
		fail "$driver: no path before the $event"
	wait_until 10 active_of "$driver" e0 || fail "$driver: e0 not active"

	name=$driver-$event-$RANDOM
	log=$RESULTS_DIR/$name.ping
	ip netns exec "$H" ping -D -i 0.002 -W 1 10.40.0.2 >"$log" 2>&1 &
	pid=$!
	sleep 1
	case $event in
	carrier)
		ip -n "$S" link set s0 down
		;;
	switch)
		if [[ $driver == team ]]; then
			ip netns exec "$H" teamdctl bond0 state item set \
				runner.active_port e1
		else
			ip -n "$H" link set bond0 type bond active_slave e1
		fi
		;;
	drill)
		"$BONDCTL" -n "$H" drill bond0 --cycles 1 --hold 1 \
			>"$log.drill" || fail "bondctl drill failed"
		takeover=$(sed -n 's/.*took over in \([0-9]*\) us.*/\1/p' \
			"$log.drill")
		[[ -n $takeover ]] ||
			fail "no takeover time in: $(cat "$log.drill")"
		;;
	esac
	if [[ $event != drill ]]; then
		wait_until 10 active_of "$driver" e1 ||
			fail "$driver: e1 did not take over ($event)"
	fi
	sleep 1
	kill -INT "$pid"
	wait "$pid" || true
	ip -n "$S" link set s0 up
	bond_unmake "$driver"
	echo "$(stream_gap_ms "$name") $(stream_holes "$name") $takeover"
}

declare -A GAP=() LOST=()
# bench DRIVER EVENT: RUNS runs; the medians in GAP and LOST[DRIVER/EVENT].
bench() {
	local driver=$1 event=$2 i gap lost takeover
	local -a gaps=() losts=() takeovers=()
	for ((i = 0; i < RUNS; i++)); do
		read -r gap lost takeover <<<"$(one_run "$driver" "$event")"
		gaps+=("$gap")
		losts+=("$lost")
		echo "$driver $event run $((i + 1)): gap $gap ms," \
			"$lost lost${takeover:+ (drill takeover $takeover us)}"
		[[ -z $takeover ]] || takeovers+=("$takeover")
	done
	GAP[$driver/$event]=$(median "${gaps[@]}")
	# shellcheck disable=SC2034 # read by table and rows (a nameref)
	LOST[$driver/$event]=$(median "${losts[@]}")
	if ((${#takeovers[@]})); then
		GAP[$driver/takeover_us]=$(median "${takeovers[@]}")
	fi
}

nbond_reload kind=bond
bench nbond carrier
bench nbond switch
bench nbond drill
rmmod nbond
on_exit "rmmod bonding 2>/dev/null || true"
modprobe bonding max_bonds=0
bench bonding carrier
bench bonding switch
rmmod bonding
TEAM=0
if command -v teamd >/dev/null && modprobe team; then
	TEAM=1
	bench team carrier
	bench team switch
else
	echo "bench: no teamd or no team module: no team column"
fi
insmod "$NBOND_KO"

num() {
	echo "${1:-null}"
}

# table TITLE ARRAY: one row an event, nbond's ratio to the others.
table() {
	local -n v=$2
	local event b t n
	echo "$1"
	printf '%-10s %8s %8s %8s %10s %10s\n' event bonding team nbond \
		/bonding /team
	for event in carrier switch drill; do
		b=${v[bonding/$event]:-}
		t=${v[team/$event]:-}
		n=${v[nbond/$event]}
		# The drill has no counterpart: set against the others' switch.
		if [[ $event == drill ]]; then
			b=${v[bonding/switch]}
			t=${v[team/switch]:-}
		fi
		printf '%-10s %8s %8s %8s %10s %10s\n' "$event" "$b" "${t:--}" \
			"$n" "$(ratio "$n" "$b")" "$(ratio "$n" "$t")"
	done
}

# rows ARRAY: the JSON members of one figure.
rows() {
	local -n v=$1
	local event sep=
	for event in carrier switch drill; do
		printf '%s"%s": {"bonding": %s, "team": %s, "nbond": %s}' \
			"$sep" "$event" "$(num "${v[bonding/$event]:-}")" \
			"$(num "${v[team/$event]:-}")" "${v[nbond/$event]}"
		sep=", "
	done
}

{
	echo "== summary ($KVER), medians of $RUNS runs"
	table "longest gap in a 2 ms ping (ms):" GAP
	table "pings lost:" LOST
	echo "drill: nbond's takeover ${GAP[nbond/takeover_us]} us (median)," \
		"by the driver's event timestamps; the drill row sets nbond's" \
		"drill against the others' switch"
} | tee "$RESULTS_DIR/summary.txt"
json="{\"runs\": $RUNS, \"team\": $TEAM, \"gap_ms\": {$(rows GAP)}, "
json+="\"lost\": {$(rows LOST)}, "
json+="\"drill_takeover_us\": ${GAP[nbond/takeover_us]}}"
echo "$json" | jq . >"$RESULTS_DIR/failover.json" ||
	fail "the results are not JSON: $json"
echo "figures: $RESULTS_DIR/failover.json"
