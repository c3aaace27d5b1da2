#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/memory: what a bond and a port cost the kernel, nbond.ko against
# the kernel's bonding.ko in the same boot: unreclaimable slab, per-CPU
# memory, vmalloc and kernel stacks (/proc/meminfo), and kernel threads,
# over NBOND_BENCH_BONDS (100) bonds of each driver (their defaults:
# balance-rr, no monitor) with two dummy ports each. nbond keeps its kind
# "nbond", so both drivers are loaded at once.
#
#  +----------------------- mem-PID ------------------------+
#  |  bond0   bond1   ...   bond99      (one driver a time)  |
#  |  |  |    |  |          |  |                             |
#  |  d0a d0b d1a d1b  ...  d99a d99b   (dummy devices)      |
#  +---------------------------------------------------------+
#
# Per bond: (after the bonds - before) / N. Per port: (after enslaving -
# after creating the dummies) / 2N. Kernel memory moves for reasons of its
# own (RCU frees, slab caches growing by pages), so each driver is measured
# NBOND_BENCH_RUNS (3) times and the median kept; Percpu moves by whole
# chunks and mostly reads 0. Prints a table with the ratios nbond /
# bonding.ko and writes it as memory.json in RESULTS_DIR.
# Fails only if a bond cannot be made.

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"

require_nbond
require_module bonding
readonly BONDS=${NBOND_BENCH_BONDS:-100}
readonly RUNS=${NBOND_BENCH_RUNS:-3}
readonly METRICS="SUnreclaim Percpu VmallocUsed KernelStack"
nbond_reload kind=nbond
modprobe bonding max_bonds=0 || fail "modprobe bonding failed"
on_exit "rmmod bonding 2>/dev/null || true"
echo "bench: $BONDS bonds with 2 ports each, $RUNS runs per driver"

# Let freed objects go (RCU, deferred work) before reading the counters.
settle() {
	local i
	for i in 1 2 3; do
		echo 1 >/proc/sys/vm/drop_caches 2>/dev/null || true
		sleep 0.5
	done
}

# snapshot: "SUnreclaim Percpu VmallocUsed KernelStack Threads" (kB, kB,
# kB, kB, count).
snapshot() {
	local kthreads
	settle
	kthreads=$(ps -e -o ppid= | awk '$1 == 2' | wc -l)
	awk -v keys="$METRICS" '
		BEGIN { n = split(keys, k, " ") }
		{ sub(":", "", $1); v[$1] = $2 }
		END { for (i = 1; i <= n; i++) printf "%s ", v[k[i]] }
	' /proc/meminfo
	echo "$kthreads"
}

# delta A B DIV: (B - A) / DIV, field by field, two decimals.
delta() {
	awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN {
		n = split(a, x, " "); split(b, y, " ")
		for (i = 1; i <= n; i++)
			printf "%.2f%s", (y[i] - x[i]) / d, i < n ? " " : "\n"
	}'
}

# one_run KIND: ten numbers, the five fields of snapshot per bond, then
# per port.
one_run() {
	local kind=$1 ns i s0 s1 s2 s3
	ns=$(ns_add mem)
	s0=$(snapshot)
	for ((i = 0; i < BONDS; i++)); do
		ip -n "$ns" link add "bond$i" type "$kind" ||
			fail "$kind: cannot create bond$i"
	done
	s1=$(snapshot)
	for ((i = 0; i < BONDS; i++)); do
		ip -n "$ns" link add "d${i}a" type dummy
		ip -n "$ns" link add "d${i}b" type dummy
	done
	s2=$(snapshot)
	for ((i = 0; i < BONDS; i++)); do
		ip -n "$ns" link set "d${i}a" master "bond$i" ||
			fail "$kind: cannot enslave d${i}a"
		ip -n "$ns" link set "d${i}b" master "bond$i"
		ip -n "$ns" link set "bond$i" up
	done
	s3=$(snapshot)
	ip netns delete "$ns"
	echo "$(delta "$s0" "$s1" "$BONDS") $(delta "$s2" "$s3" $((2 * BONDS)))"
}

# column C of the lines on stdin, their median
median_of() {
	awk -v c="$1" '{ print $c }' | sort -g |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

readonly FIELDS="SUnreclaim Percpu VmallocUsed KernelStack Threads"
declare -A MED
for kind in bond nbond; do
	driver=$([[ $kind == bond ]] && echo bonding || echo nbond)
	runs=()
	for ((r = 1; r <= RUNS; r++)); do
		runs+=("$(one_run "$kind")")
		echo "$driver run $r (per bond x5, per port x5): ${runs[-1]}"
	done
	c=1
	for part in bond port; do
		for f in $FIELDS; do
			MED[$driver:$part:$f]=$(printf '%s\n' "${runs[@]}" |
				median_of "$c")
			c=$((c + 1))
		done
	done
done

# ratio A B: A / B, or "-" when B is not positive; a negative A (noise:
# memory freed meanwhile by others) counts as 0.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a < 0) a = 0
		if (b > 0) printf "%.2f", a / b; else printf "-"
	}'
}

printf '\n%-6s %-12s %10s %10s %8s\n' per what bonding.ko nbond ratio
json="{\"bonds\": $BONDS, \"runs\": $RUNS"
for part in bond port; do
	for f in $FIELDS; do
		b=${MED[bonding:$part:$f]}
		n=${MED[nbond:$part:$f]}
		unit=$([[ $f == Threads ]] && echo "" || echo " kB")
		printf '%-6s %-12s %10s %10s %8s\n' "$part" "$f$unit" "$b" \
			"$n" "$(ratio "$n" "$b")"
		json+=", \"${part}_${f}\": {\"bonding\": $b, \"nbond\": $n}"
	done
done
json+="}"
echo "$json" | jq . >"$RESULTS_DIR/memory.json" ||
	fail "the results are not JSON: $json"
echo "figures: $RESULTS_DIR/memory.json"
pass "memory per bond and per port measured"
