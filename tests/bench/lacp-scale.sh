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
# host's). Writes lacp-scale.json in RESULTS_DIR. Fails only if nbond's
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
PER_BOND=8
# How long a layout may take to converge (ms of the guest's clock).
LIMIT_MS=${NBOND_BENCH_SCALE_LIMIT_MS:-600000}
CLK_TCK=$(getconf CLK_TCK)
echo "bench: $SCALES ports; one bond, and bonds of $PER_BOND"

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

# lacpd_plain NS NAME: lacpd as a service runs it (no -v, no --trace, whose
# pcap of every LACPDU would be measured too), logging to lacpd-NAME.log.
lacpd_plain() {
	ip netns exec "$1" "$LACPD" >>"$RESULTS_DIR/lacpd-$2.log" 2>&1 &
	echo $! >"$RESULTS_DIR/lacpd-$2.pid"
	on_exit "kill $! 2>/dev/null || true"
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
	for bonds in 1 $((n / PER_BOND)); do
		tb=$(run bonding "$n" "$bonds") ||
			fail "bonding.ko, $n ports in $bonds bonds: $tb"
		out=$(run nbond "$n" "$bonds") ||
			fail "nbond, $n ports in $bonds bonds: $out"
		read -r tn cpu rss <<<"$out"
		echo "  $n ports in $bonds bonds: bonding.ko $tb ms, nbond+lacpd $tn ms, lacpd ${cpu}% of a core, ${rss} KiB"
		if [[ $tb == never ]]; then
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
json="{\"per_bond\": $PER_BOND, \"runs\": [$rows]}"
echo "$json" | jq . >"$RESULTS_DIR/lacp-scale.json" ||
	fail "the results are not JSON: $json"
cat "$RESULTS_DIR/summary.txt"
echo "figures: $RESULTS_DIR/lacp-scale.json"
pass "every layout converged"
