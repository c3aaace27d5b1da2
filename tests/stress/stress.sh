#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/stress/stress.sh: what `make stress` runs in the debug kernel.
#
# NBOND_STRESS_WORKERS processes (4) send random requests for
# NBOND_STRESS_SECONDS (600): create and delete bonds in every mode, set
# options to random values (valid or not), enslave and release ports,
# delete port devices, move bonds (refused) and ports to other namespaces,
# delete whole namespaces, take ports out of use and back with bondctl,
# set ports' prio and queue_id, take bonds up and down, attach and kill
# lacpd, and read everything back (ip -d, /proc, bondctl show), while each
# worker's pinger sends traffic through its bonds. The workers' `ip` and
# `bondctl` run with failslab fault injection (the create, enslave and
# option paths; 2% of their allocations fail). At the end every bond is
# deleted, the module unloaded, and vm/run scans the kernel log.
#
# NBOND_STRESS_SEED (default: the time) seeds each worker's choices; the
# seed is printed, and the same seed replays the same requests (their
# interleaving is the scheduler's). NBOND_STRESS_FAULTS=0 goes without
# failslab (a kernel that has none).

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
# shellcheck source=../vm/bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/bond.sh"

require_nbond
require_bondctl
require_lacpd

readonly SECONDS_TOTAL=${NBOND_STRESS_SECONDS:-600}
readonly WORKERS=${NBOND_STRESS_WORKERS:-4}
readonly SEED=${NBOND_STRESS_SEED:-$(date +%s)}
readonly FAILSLAB=/sys/kernel/debug/failslab

echo "stress: seed $SEED, $WORKERS workers, $SECONDS_TOTAL s"
echo "stress: replay with NBOND_STRESS_SEED=$SEED make stress"

nbond_reload kind=bond

MODES=(balance-rr active-backup balance-xor broadcast 802.3ad balance-tlb
	balance-alb 7)
# option: values to draw from (valid ones and some that are not).
declare -A OPTIONS=(
	[miimon]="0 1 10 100 -1"
	[updelay]="0 100 200 7"
	[downdelay]="0 100 300"
	[arp_interval]="0 1 10 100"
	[arp_ip_target]="192.0.2.1 192.0.2.1,192.0.2.2 224.0.0.1 0.0.0.0"
	[ns_ip6_target]="2001:db8::1 2001:db8::1,2001:db8::2 ff02::1"
	[arp_validate]="0 1 2 3 4 5 6 7"
	[arp_all_targets]="any all 2"
	[primary]="w0 w1 w2 lo"
	[primary_reselect]="always better failure 3"
	[fail_over_mac]="none active follow"
	[xmit_hash_policy]="layer2 layer3+4 layer2+3 encap2+3 encap3+4 vlan+srcmac"
	[lacp_rate]="slow fast"
	[ad_select]="stable bandwidth count"
	[min_links]="0 1 2 100"
	[packets_per_slave]="0 1 3 65535 65536"
	[all_slaves_active]="0 1 2"
	[tlb_dynamic_lb]="0 1"
	[num_grat_arp]="0 1 255 256"
	[peer_notify_delay]="0 100 300001"
	[use_carrier]="0 1"
	[arp_missed_max]="0 1 2 255"
	[resend_igmp]="0 1 255"
	[active_slave]="w0 w1 w2"
	[mode]="${MODES[*]}"
)
OPTION_NAMES=("${!OPTIONS[@]}")

# pick WORD...: one of the words, drawn from this worker's RANDOM.
pick() {
	local -a words=("$@")
	echo "${words[RANDOM % ${#words[@]}]}"
}

# faulty CMD...: CMD with failslab on (task filter: this process only).
faulty() {
	(
		[[ ! -e /proc/self/make-it-fail ]] ||
			echo 1 >/proc/self/make-it-fail
		exec "$@"
	) >/dev/null 2>&1
}

quiet() {
	"$@" >/dev/null 2>&1
}

setup_failslab() {
	if [[ ${NBOND_STRESS_FAULTS:-1} == 0 ]]; then
		echo "stress: NBOND_STRESS_FAULTS=0: no fault injection"
		return 0
	fi
	[[ -d $FAILSLAB ]] ||
		fail "no $FAILSLAB: make stress runs on the debug kernel (NBOND_STRESS_FAULTS=0 to go without)"
	echo 2 >"$FAILSLAB/probability"
	echo 1 >"$FAILSLAB/interval"
	echo -1 >"$FAILSLAB/times"
	echo 0 >"$FAILSLAB/verbose"
	echo Y >"$FAILSLAB/task-filter"
	echo N >"$FAILSLAB/ignore-gfp-wait"
	on_exit "echo 0 >$FAILSLAB/probability"
}

# worker N: requests until the deadline, in namespaces of its own. Each
# request is logged; the log is the replay's reference.
worker() {
	local n=$1 deadline=$2 ns other b p op opt value i pinger_pid
	# Requests fail on purpose: no errexit, no ERR trap here; the main
	# shell's EXIT trap is not the worker's.
	set +eE
	trap - ERR EXIT
	RANDOM=$((SEED + n))
	ns=$(ns_add "st$n")
	other=$(ns_add "st${n}x")
	quiet_ns "$ns"
	quiet ip -n "$other" link add sw type bridge
	quiet ip -n "$other" link set sw up
	quiet ip -n "$other" addr add 10.77.0.254/24 dev sw
	for i in 0 1 2 3; do
		cable "$ns" "$other" "$i"
	done
	pinger "$ns" &
	pinger_pid=$!

	while ((SECONDS < deadline)); do
		b=$(pick sb0 sb1 sb2)
		p=$(pick w0 w1 w2 w3)
		op=$((RANDOM % 16))
		echo "$op $b $p" >>"$RESULTS_DIR/worker$n.log"
		case $op in
		0 | 1)
			faulty ip -n "$ns" link add "$b" type bond \
				mode "$(pick "${MODES[@]}")"
			;;
		2)
			quiet ip -n "$ns" link del "$b"
			;;
		3 | 4 | 5)
			opt=$(pick "${OPTION_NAMES[@]}")
			# shellcheck disable=SC2086 # the values are words
			value=$(pick ${OPTIONS[$opt]})
			faulty ip -n "$ns" link set "$b" type bond "$opt" "$value"
			;;
		6 | 7)
			faulty ip -n "$ns" link set "$p" master "$b"
			;;
		8)
			quiet ip -n "$ns" link set "$p" nomaster
			;;
		9)
			# A port deleted and made again.
			quiet ip -n "$ns" link del "$p"
			cable "$ns" "$other" "${p#w}"
			;;
		10)
			# Refused for a bond; a port leaves its bond and
			# comes back.
			quiet ip -n "$ns" link set "$b" netns "$other"
			if quiet ip -n "$ns" link set "$p" netns "$other"; then
				quiet ip -n "$other" link set "$p" netns "$ns"
				quiet ip -n "$ns" link set "$p" up
			fi
			;;
		11)
			faulty "$BONDCTL" -n "$ns" port set "$p" \
				"$(pick down up up)"
			;;
		12)
			faulty ip -n "$ns" link set "$p" type bond_slave \
				"$(pick prio queue_id)" "$(pick 0 1 5 -1 70000)"
			;;
		13)
			quiet ip -n "$ns" link set "$b" "$(pick up up down)"
			quiet ip -n "$ns" addr add "10.77.0.$((n * 10 + ${b#sb} + 1))/24" \
				dev "$b"
			;;
		14)
			# An agent for a while, killed without warning.
			ip netns exec "$ns" timeout -s KILL "0.$((RANDOM % 9 + 1))" \
				"$LACPD" -i "$b" >/dev/null 2>&1 || true
			;;
		15)
			quiet ip -n "$ns" -d -s link show
			quiet ip netns exec "$ns" cat /proc/net/nbond/"$b"
			quiet "$BONDCTL" -n "$ns" show -d
			;;
		esac
		# Now and then the namespace goes, bonds and all, and comes
		# back.
		if ((RANDOM % 200 == 0)); then
			echo "namespace" >>"$RESULTS_DIR/worker$n.log"
			kill "$pinger_pid"
			quiet ip netns del "$ns"
			quiet ip netns add "$ns"
			quiet_ns "$ns"
			quiet ip -n "$ns" link set lo up
			for i in 0 1 2 3; do
				cable "$ns" "$other" "$i"
			done
			pinger "$ns" &
			pinger_pid=$!
		fi
	done
	kill "$pinger_pid"
	wait
	echo "worker $n: $(wc -l <"$RESULTS_DIR/worker$n.log") requests"
}

# cable NS OTHER I: port wI in NS, its peer vI on OTHER's switch (both
# made anew, wherever they were).
cable() {
	local ns=$1 other=$2 i=$3
	quiet ip -n "$ns" link del "w$i"
	quiet ip -n "$other" link del "w$i"
	quiet ip -n "$other" link del "v$i"
	quiet ip link add "w$i" netns "$ns" type veth peer name "v$i" \
		netns "$other"
	quiet ip -n "$ns" link set "w$i" up
	quiet ip -n "$other" link set "v$i" master sw
	quiet ip -n "$other" link set "v$i" up
}

# pinger NS: traffic through whichever bonds are up.
pinger() {
	local ns=$1 b
	set +eE
	trap - ERR
	while :; do
		for b in sb0 sb1 sb2; do
			ip netns exec "$ns" ping -q -c 3 -i 0.01 -W 0.2 -I "$b" \
				10.77.0.254 >/dev/null 2>&1 || true
		done
		sleep 0.1
	done
}

# Requests sent so far, by every worker.
requests() {
	local f n=0
	for f in "$RESULTS_DIR"/worker*.log; do
		[[ -f $f ]] || continue
		n=$((n + $(wc -l <"$f")))
	done
	echo "$n"
}

step "stress for $SECONDS_TOTAL s"
setup_failslab
deadline=$((SECONDS + SECONDS_TOTAL))
pids=()
for ((w = 0; w < WORKERS; w++)); do
	worker "$w" "$deadline" &
	pids+=($!)
done
# Progress: one line a minute.
while ((SECONDS < deadline)); do
	sleep 60
	echo "stress: $((deadline - SECONDS)) s left, $(requests) requests so far"
done
for pid in "${pids[@]}"; do
	wait "$pid" || fail "a worker failed (exit $?)"
done
[[ ! -d $FAILSLAB ]] || echo 0 >"$FAILSLAB/probability"

step "the end: every bond deleted, the module unloaded"
for ns in $(ip netns list | awk '{ print $1 }' | grep -- "-$$\$"); do
	ip netns del "$ns"
done
# Namespaces are torn down in the background; wait for the bonds to go.
wait_until 60 bash -c "! ls /proc/net/nbond 2>/dev/null | grep -q ." ||
	fail "bonds left: $(ls /proc/net/nbond)"
wait_until 60 rmmod nbond || fail "rmmod nbond failed"
insmod "$NBOND_KO"
pass "seed $SEED: $(requests) requests, clean teardown"
