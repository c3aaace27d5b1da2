#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/failover: how long an active-backup bond stops forwarding when the
# active port loses carrier, nbond.ko against the kernel's bonding.ko in
# the same boot. A ping every 2 ms runs across the bond; the gap is the
# longest time between two consecutive replies around the carrier loss.
#
#  +--------- fo-h-PID ---------+        +---------- fo-s-PID ----------+
#  |  bond0 --+-- e0 ===========|=veth===|== s0 --+                     |
#  |          +-- e1 ===========|=veth===|== s1 --+-- br0 10.40.0.2     |
#  |  10.40.0.1                 |        |                              |
#  +----------------------------+        +------------------------------+
#
# Prints one line per run and a summary; fails only if a run loses the
# path for good. Timings under software emulation are ~10x hardware's.

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
# shellcheck source=../vm/bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/bond.sh"

require_nbond
require_module bonding
RUNS=${NBOND_BENCH_RUNS:-3}
echo "bench: $RUNS runs per configuration"

H=$(ns_add fo-h)
S=$(ns_add fo-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.40.0.2/24 e s 2

# one_run LABEL OPTIONS...: print the gap of one failover.
one_run() {
	local label=$1 log pid
	shift
	ip -n "$H" link add bond0 type bond mode active-backup "$@"
	add_ports "$H" bond0 e0 e1
	ip -n "$H" link set bond0 up
	ip -n "$H" addr add 10.40.0.1/24 dev bond0
	wait_until 10 in_ns "$H" ping -c 1 -W 1 10.40.0.2 >/dev/null ||
		fail "$label: no path before the failover"
	wait_until 10 active_is "$H" bond0 e0 || fail "$label: e0 not active"

	log=$RESULTS_DIR/$label-$RANDOM.ping
	ip netns exec "$H" ping -D -i 0.002 -W 1 10.40.0.2 >"$log" 2>&1 &
	pid=$!
	sleep 1
	ip -n "$S" link set s0 down
	wait_until 10 active_is "$H" bond0 e1 || fail "$label: no failover"
	sleep 1
	kill -INT "$pid"
	wait "$pid" || true
	ip -n "$S" link set s0 up
	ip -n "$H" link del bond0
	echo "$label $(ping_gap_ms "$log")"
}

# bench LABEL OPTIONS...: RUNS runs, then "LABEL median min max".
bench() {
	local label=$1 i gaps=()
	shift
	for ((i = 0; i < RUNS; i++)); do
		gaps+=("$(one_run "$label" "$@" | awk '{ print $2 }')")
		echo "$label run $((i + 1)): ${gaps[-1]} ms"
	done
	printf '%s\n' "${gaps[@]}" | sort -n |
		awk -v l="$label" '{ v[NR] = $1 }
			END { printf "%s: median %d ms (min %d, max %d) over %d runs\n",
			      l, v[int((NR + 1) / 2)], v[1], v[NR], NR }' |
		tee -a "$RESULTS_DIR/summary.txt"
}

nbond_reload kind=bond
bench nbond-miimon100 miimon 100
bench nbond-miimon1000 miimon 1000
rmmod nbond
on_exit "rmmod bonding 2>/dev/null || true"
modprobe bonding max_bonds=0
bench bonding-miimon100 miimon 100
rmmod bonding
insmod "$NBOND_KO"
echo "== summary ($KVER)"
cat "$RESULTS_DIR/summary.txt"
