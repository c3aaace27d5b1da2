#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/lacp-converge: the time from creating both ends' bonds to every
# port of both ends distributing, for bonding.ko <-> bonding.ko,
# nbond+lacpd <-> nbond+lacpd and nbond+lacpd <-> bonding.ko, in one boot,
# two cables (up before), lacp_rate fast. 802.1AX's aggregate wait (2 s)
# is the floor. lacpd runs before the bonds exist and picks them up as
# they appear, as it does in service. nbond keeps its kind "nbond", so
# both drivers are loaded at once.
#
#  +---------- cv-a-PID ----------+        +---------- cv-b-PID ----------+
#  |  bond0 -+- a0 ===============|========|== b0 -+- bond0               |
#  |         +- a1 ===============|========|== b1 -+                      |
#  +------------------------------+        +------------------------------+
#
# The clock starts before the first bond is created (the same commands for
# both drivers: one ip or bondctl call per step).
# Prints one line per run, the median per pairing, and the ratio of
# nbond<->nbond to bonding<->bonding. Fails only if a pairing never
# converges. Timings under software emulation are ~10x hardware's.

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
# shellcheck source=../vm/bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/bond.sh"

require_nbond
require_bondctl
require_lacpd
require_module bonding
nbond_reload kind=nbond
modprobe bonding max_bonds=0
on_exit "rmmod bonding 2>/dev/null || true"
RUNS=${NBOND_BENCH_RUNS:-3}
echo "bench: $RUNS runs per pairing"

A=$(ns_add cv-a)
B=$(ns_add cv-b)
quiet_ns "$A"
quiet_ns "$B"

# make_end NS DRIVER PREFIX: bond0 of DRIVER (bonding|nbond) over
# PREFIX0 and PREFIX1, up.
make_end() {
	local ns=$1 driver=$2 prefix=$3 i
	if [[ $driver == bonding ]]; then
		ip -n "$ns" link add bond0 type bond mode 802.3ad \
			lacp_rate fast miimon 100
		for i in 0 1; do
			ip -n "$ns" link set "$prefix$i" down
			ip -n "$ns" link set "$prefix$i" master bond0
		done
	else
		"$BONDCTL" -n "$ns" create bond0 mode 802.3ad lacp_rate fast \
			miimon 100
		"$BONDCTL" -n "$ns" add bond0 "${prefix}0" "${prefix}1"
	fi
	ip -n "$ns" link set bond0 up
}

# distributing NS DRIVER PORT: the port collects and distributes.
distributing() {
	local st
	if [[ $2 == bonding ]]; then
		st=$(port_field "$1" "$3" ad_actor_oper_port_state)
		[[ -n $st ]] && (( (st & 0x30) == 0x30 ))
	else
		[[ $(proc_port_field "$1" bond0 "$3" distributing) == yes ]]
	fi
}

pair_distributing() {
	distributing "$A" "$1" a0 && distributing "$A" "$1" a1 &&
		distributing "$B" "$2" b0 && distributing "$B" "$2" b1
}

# one_run DRIVER_A DRIVER_B: print the convergence time in ms.
one_run() {
	local da=$1 db=$2 t0 t1 i
	for i in 0 1; do
		veth_pair "a$i" "$A" "b$i" "$B"
	done
	[[ $da == nbond ]] && start_lacpd "$A" "cv-$A"
	[[ $db == nbond ]] && start_lacpd "$B" "cv-$B"
	sleep 2

	t0=$(now_ms)
	make_end "$A" "$da" a
	make_end "$B" "$db" b
	until pair_distributing "$da" "$db"; do
		(( $(now_ms) - t0 < 60000 )) ||
			fail "$da <-> $db: no convergence in 60 s"
		sleep 0.02
	done
	t1=$(now_ms)
	echo $((t1 - t0))

	[[ $da == nbond ]] && stop_lacpd "cv-$A"
	[[ $db == nbond ]] && stop_lacpd "cv-$B"
	ip -n "$A" link del bond0
	ip -n "$B" link del bond0
	ip -n "$A" link del a0
	ip -n "$A" link del a1
}

declare -A MEDIAN
for pairing in bonding:bonding nbond:nbond nbond:bonding; do
	da=${pairing%%:*}
	db=${pairing##*:}
	times=()
	for ((r = 1; r <= RUNS; r++)); do
		t=$(one_run "$da" "$db") || fail "$da <-> $db: run $r failed"
		echo "  $da <-> $db run $r: $t ms"
		times+=("$t")
	done
	MEDIAN[$pairing]=$(median "${times[@]}")
	echo "$da <-> $db: median ${MEDIAN[$pairing]} ms (min $(printf '%s\n' "${times[@]}" | sort -n | head -n 1), max $(printf '%s\n' "${times[@]}" | sort -n | tail -n 1))"
done

echo "nbond<->nbond / bonding<->bonding: $(ratio "${MEDIAN[nbond:nbond]}" \
	"${MEDIAN[bonding:bonding]}")"
pass "every pairing converged"
