#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/lacp-scale: 802.3ad with many ports. N veth pairs between two
# namespaces, lacp_rate fast, in one bond at each end and spread over
# bonds of 8; nbond with lacpd at both ends, and bonding.ko at both ends
# for the time. For each: the time from creating the bonds to every port
# of both ends distributing; for lacpd also, over 10 s of the steady state
# that follows, the CPU it used (percent of one core) and its resident
# memory. N: NBOND_BENCH_SCALE ("256 1024"). One run each (a run of 1024
# ports takes minutes under emulation, where CPU figures are ~10x a
# host's). To look into one case: NBOND_BENCH_SCALE_LAYOUTS, ports per
# bond ("all 8": one bond, and bonds of 8), NBOND_BENCH_SCALE_BONDING=0
# (nbond alone: no ratio). Writes lacp-scale.json in RESULTS_DIR. Fails only if nbond's
# layout never converges; bonding.ko's that does not is reported "never"
# (null in the JSON).
#
#  +------ ls-a-PID ------+                   +------ ls-b-PID ------+
#  | bond0 [.. bondK]     |  a0 ========= b0  | bond0 [.. bondK]     |
#  |   a0 ... aN-1        |  ..  N cables     |   b0 ... bN-1        |
#  | lacpd (nbond runs)   |                   | lacpd (nbond runs)   |
#  +----------------------+                   +----------------------+

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
# shellcheck source=../vm/bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/bond.sh"

require_nbond
require_lacpd
require_module bonding
require_cmd jq
# At the top, so that the default nbond is back at the end (the runs
# reload it in subshells).
nbond_reload kind=nbond
on_exit "rmmod bonding 2>/dev/null || true"
SCALES=${NBOND_BENCH_SCALE:-256 1024}
# ip -batch keeps a namespace's file open per "netns NAME" it reads: a
# thousand cables pass the usual 1024 open files.
ulimit -n "$(ulimit -Hn)"
LAYOUTS=${NBOND_BENCH_SCALE_LAYOUTS:-all 8}
WITH_BONDING=${NBOND_BENCH_SCALE_BONDING:-1}
# How long a layout may take to converge (ms of the guest's clock).
LIMIT_MS=${NBOND_BENCH_SCALE_LIMIT_MS:-600000}
CLK_TCK=$(getconf CLK_TCK)
echo "bench: $SCALES ports; ports per bond: $LAYOUTS"

# cables N: fresh namespaces A and B with N veth pairs, up.
cables() {
	local n=$1 i batch
	A=$(ns_add ls-a)
	B=$(ns_add ls-b)
	quiet_ns "$A"
	quiet_ns "$B"
	batch=$(mktemp)
	for ((i = 0; i < n; i++)); do
		echo "link add a$i netns $A type veth peer name b$i netns $B"
	done >"$batch"
	ip -batch "$batch" || fail "cannot make $n cables"
	for ((i = 0; i < n; i++)); do
		echo "link set a$i up"
	done >"$batch"
	ip -n "$A" -batch "$batch"
	sed -i 's/ a/ b/' "$batch"
	ip -n "$B" -batch "$batch"
	rm -f "$batch"
}

# use DRIVER: make DRIVER (bonding or nbond) the one behind "type bond",
# so that both get the same ip commands.
use() {
	if [[ $1 == bonding ]]; then
		nbond_reload kind=nbond
		modprobe bonding max_bonds=0 || fail "cannot load bonding"
	else
		rmmod bonding 2>/dev/null || true
		nbond_reload kind=bond
	fi
}

# bonds_batch N BONDS PREFIX: the ip -batch lines that make BONDS bonds
# over PREFIX0 ... PREFIX(N-1), up.
bonds_batch() {
	local n=$1 bonds=$2 prefix=$3 per b i
	per=$((n / bonds))
	for ((b = 0; b < bonds; b++)); do
		echo "link add bond$b type bond mode 802.3ad lacp_rate fast miimon 100"
		for ((i = b * per; i < (b + 1) * per; i++)); do
			echo "link set $prefix$i down"
			echo "link set $prefix$i master bond$b"
			echo "link set $prefix$i up"
		done
		echo "link set bond$b up"
	done
}

# distributing_nbond NS: ports of NS's nbond bonds that distribute.
distributing_nbond() {
	ip netns exec "$1" sh -c 'cat /proc/net/nbond/bond* 2>/dev/null' |
		grep -c '^distributing: yes' || true
}

# distributing_bonding NS: ports of NS's bonding.ko bonds that collect
# and distribute (actor state bits 0x30).
distributing_bonding() {
	ip -n "$1" -j -d link show |
		jq '[.[] | .linkinfo.info_slave_data.ad_actor_oper_port_state
			// empty | select(. % 64 >= 48)] | length'
}

# lacpd_cpu PID: its user+system time, in clock ticks.
lacpd_cpu() {
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

lacpd_rss_kib() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

# The lacpds' logs, copied to RESULTS_DIR at the end: in the guest's
# memory meanwhile, since RESULTS_DIR is the host's, over 9p without a
# cache, where each line lacpd logs costs a round trip to the host (some
# 7 ms under emulation; a thousand ports changing state at once took
# seconds of lacpd's time that way, past the partner's timeout).
LOGS=$(mktemp -d)
on_exit "cp '$LOGS'/* '$RESULTS_DIR'/ 2>/dev/null; rm -rf '$LOGS'"

# lacpd_plain NS NAME: lacpd as a service runs it (no -v, no --trace, whose
# pcap of every LACPDU would be measured too), logging to lacpd-NAME.log.
lacpd_plain() {
	ip netns exec "$1" "$LACPD" >>"$LOGS/lacpd-$2.log" 2>&1 &
	echo $! >"$RESULTS_DIR/lacpd-$2.pid"
	on_exit "kill $! 2>/dev/null || true"
}

# traffic NS: the frames NS's ports (a*, b*: LACPDUs alone) sent,
# received and dropped so far: "tx rx dropped".
traffic() {
	ip -n "$1" -s -j link show |
		jq -r '[.[] | select(.ifname | test("^[ab][0-9]+$")) |
			.stats64] | "\(map(.tx.packets) | add) \(map(.rx.packets) | add) \(map(.rx.dropped + .tx.dropped) | add)"'
}

# stalled NS... -- PID...: why a layout did not converge, as far as can
# be seen from outside: LACPDUs a second over 10 s, drops, the backlog's
# drops, and the CPU the lacpds PID... used meanwhile.
stalled() {
	local ns t0 t1 pid cpu=() pids=() nss=() idle0 idle1 i
	declare -A t0
	while (($#)) && [[ $1 != -- ]]; do
		nss+=("$1")
		shift
	done
	(($#)) && shift
	pids=("$@")
	for ns in "${nss[@]}"; do
		t0[$ns]=$(traffic "$ns")
	done
	for pid in "${pids[@]}"; do
		cpu+=("$(lacpd_cpu "$pid")")
	done
	read -r _ _ _ _ idle0 _ </proc/stat
	sleep 10
	read -r _ _ _ _ idle1 _ </proc/stat
	for ((i = 0; i < ${#pids[@]}; i++)); do
		echo "lacpd ${pids[i]}: $((($(lacpd_cpu "${pids[i]}") - cpu[i]) * 10 / CLK_TCK))% of a core" >&2
	done
	echo "idle: $(((idle1 - idle0) * 10 / CLK_TCK))% of a core (of $(nproc))" >&2
	set -- "${nss[@]}"
	for ns in "$@"; do
		t1=$(traffic "$ns")
		awk -v a="${t0[$ns]}" -v b="$t1" -v ns="$ns" 'BEGIN {
			split(a, x, " "); split(b, y, " ")
			printf "%s: LACPDUs %.0f/s sent, %.0f/s received, %d dropped (%d before)\n",
				ns, (y[1] - x[1]) / 10, (y[2] - x[2]) / 10,
				y[3] - x[3], x[3] }' >&2
	done
	# softnet_stat's second column: frames the backlog had no room for.
	local total=0 dropped
	while read -r _ dropped _; do
		total=$((total + 16#$dropped))
	done </proc/net/softnet_stat
	echo "backlog drops: $total" >&2
}

# run DRIVER N BONDS: converge, print "ms cpu% rss_kib" (nbond) or "ms".
run() {
	local driver=$1 n=$2 bonds=$3 t0 t t1 count pa pb c0a c0b batch i
	use "$driver"
	cables "$n"
	if [[ $driver == nbond ]]; then
		lacpd_plain "$A" "ls-a-$n-$bonds"
		lacpd_plain "$B" "ls-b-$n-$bonds"
		pa=$(cat "$RESULTS_DIR/lacpd-ls-a-$n-$bonds.pid")
		pb=$(cat "$RESULTS_DIR/lacpd-ls-b-$n-$bonds.pid")
		sleep 2
	fi
	count=distributing_$driver
	batch=$(mktemp)
	t0=$(now_ms)
	bonds_batch "$n" "$bonds" a >"$batch"
	ip -n "$A" -batch "$batch" || fail "$driver: cannot make A's bonds"
	bonds_batch "$n" "$bonds" b >"$batch"
	ip -n "$B" -batch "$batch" || fail "$driver: cannot make B's bonds"
	rm -f "$batch"
	t1=
	until [[ $($count "$A") == "$n" && $($count "$B") == "$n" ]]; do
		t=$(($(now_ms) - t0))
		if ((t >= LIMIT_MS)); then
			if [[ $driver == bonding ]]; then
				stalled "$A" "$B"
			else
				stalled "$A" "$B" -- "$pa" "$pb"
				# Every port's state, in lacpd's log.
				kill -USR1 "$pa" "$pb"
				sleep 5
			fi
			# bonding.ko's shortfall is a figure; nbond's a failure.
			[[ $driver == bonding ]] ||
				fail "$driver, $n ports in $bonds bonds: $($count "$A") and $($count "$B") distribute after $t ms"
			echo "bonding.ko, $n ports in $bonds bonds: $($count "$A") and $($count "$B") distribute after $t ms" >&2
			t1=never
			break
		fi
		sleep 0.5
	done
	[[ $t1 == never ]] || t1=$(now_ms)
	if [[ $t1 == never ]]; then
		echo never
	elif [[ $driver == nbond ]]; then
		# The steady state: a few seconds for the last changes to pass.
		sleep 5
		c0a=$(lacpd_cpu "$pa")
		c0b=$(lacpd_cpu "$pb")
		sleep 10
		echo "$((t1 - t0)) $(awk -v a="$(($(lacpd_cpu "$pa") - c0a))" \
			-v b="$(($(lacpd_cpu "$pb") - c0b))" -v hz="$CLK_TCK" \
			'BEGIN { printf "%.2f", (a + b) / 2 / hz / 10 * 100 }') $((
			($(lacpd_rss_kib "$pa") + $(lacpd_rss_kib "$pb")) / 2))"
		[[ $($count "$A") == "$n" ]] ||
			fail "nbond, $n ports: not all distribute in the steady state"
		stop_lacpd "ls-a-$n-$bonds"
		stop_lacpd "ls-b-$n-$bonds"
	else
		echo "$((t1 - t0))"
	fi
	# Gone before the next run, not in the background during it: the
	# bonds at both ends, then the cables (one end takes the other).
	batch=$(mktemp)
	for ((i = 0; i < bonds; i++)); do
		echo "link del bond$i"
	done >"$batch"
	ip -n "$B" -batch "$batch" || fail "cannot delete B's bonds"
	for ((i = 0; i < n; i++)); do
		echo "link del a$i"
	done >>"$batch"
	ip -n "$A" -batch "$batch" || fail "cannot delete A's links"
	rm -f "$batch"
	ip netns del "$A"
	ip netns del "$B"
}

rows=
printf '%-6s %-8s %12s %12s %8s %12s %10s\n' ports bonds "bonding ms" \
	"nbond ms" ratio "lacpd cpu%" "rss KiB" >"$RESULTS_DIR/summary.txt"
for n in $SCALES; do
	for per in $LAYOUTS; do
		if [[ $per == all ]]; then
			bonds=1
		else
			bonds=$((n / per))
		fi
		if [[ $WITH_BONDING == 1 ]]; then
			tb=$(run bonding "$n" "$bonds") ||
				fail "bonding.ko, $n ports in $bonds bonds: $tb"
		else
			tb="not run"
		fi
		out=$(run nbond "$n" "$bonds") ||
			fail "nbond, $n ports in $bonds bonds: $out"
		read -r tn cpu rss <<<"$out"
		echo "  $n ports in $bonds bonds: bonding.ko $tb ms, nbond+lacpd $tn ms, lacpd ${cpu}% of a core, ${rss} KiB"
		if [[ $tb == never || $tb == "not run" ]]; then
			r=-
			tb_json=null
		else
			r=$(ratio "$tn" "$tb")
			tb_json=$tb
		fi
		printf '%-6s %-8s %12s %12s %8s %12s %10s\n' "$n" "$bonds" "$tb" \
			"$tn" "$r" "$cpu" "$rss" >>"$RESULTS_DIR/summary.txt"
		rows+="${rows:+, }{\"ports\": $n, \"bonds\": $bonds, "
		rows+="\"bonding_ms\": $tb_json, \"nbond_ms\": $tn, "
		rows+="\"lacpd_cpu_percent\": $cpu, \"lacpd_rss_kib\": $rss}"
	done
done
json="{\"runs\": [$rows]}"
echo "$json" | jq . >"$RESULTS_DIR/lacp-scale.json" ||
	fail "the results are not JSON: $json"
cat "$RESULTS_DIR/summary.txt"
echo "figures: $RESULTS_DIR/lacp-scale.json"
pass "every layout converged"
