#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/xdp: XDP frames a second through a bond of two veth ports, nbond.ko
# (kind=bond) against bonding.ko in the same boot.
#
#  +------------------- R -------------------+      +-------- S --------+
#  |  bond0 (ifindex 4242) -+- p0 ===========|=veth=|= q0 [xdp/tx]      |
#  |  [its program on p0    +- p1 ===========|=veth=|= q1 [xdp/tx]      |
#  |   and p1]                               |      |                   |
#  +-----------------------------------------+      +-------------------+
#
# A loop of XDP reflectors: NBOND_BENCH_XDP_FRAMES (128) UDP frames of 64
# flows are sent once from S into p0, and from then on go round for
# good: q0 and q1 send back every frame they receive (XDP_TX), and the
# bond's program on p0 and p1 sends it through the bond again, which
# picks the port it leaves by. redirect rows: the bond's program
# redirects each frame to the bond (tests/vm/xdp_prog.c's xdp/redirect),
# i.e. its ndo_xdp_xmit, which a devmap flush hands up to 16 frames at a
# time. XDP_TX rows: the program returns XDP_TX (xdp/tx) and the stack
# asks the bond for the port (ndo_xdp_get_xmit_slave). No skb is made
# anywhere: the loop is XDP alone, and the bond's part of it is large.
# The figure is how many frames q0 and q1 received in
# NBOND_BENCH_XDP_SECONDS (2) of guest time, after half a second to
# settle, per second; one shell reads the counters and the clock with
# builtins, so that no program start falls inside the window. Runs
# alternate between the drivers (NBOND_BENCH_RUNS, 3, each); the medians
# and their ratio are printed and written as xdp.json in RESULTS_DIR.
# NBOND_BENCH_XDP_ROWS, a regular expression, keeps only the rows whose
# label ("xdp_tx balance-xor layer3+4") it matches.
#
# make bench runs it twice. In the ordinary boot (2 vCPUs sharing one
# host thread) the rate is the emulator's and moves with the host's load
# by tens of percent from run to run. In the --icount boot
# (tests/bench/icount/xdp.sh runs this script) guest time counts
# instructions and the loop has the one vCPU to itself, so the rate is
# 10^9 over the instructions a frame's round costs, repeatable from run
# to run: that is the comparison to read.
#
# nbond-vm: timeout 1800

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
# shellcheck source=../vm/bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/bond.sh"
# shellcheck source=../vm/xdp.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/xdp.sh"

require_nbond
require_module bonding
require_cmd clang jq python3

readonly RUNS=${NBOND_BENCH_RUNS:-3}
readonly FRAMES=${NBOND_BENCH_XDP_FRAMES:-128}
readonly SECONDS_RUN=${NBOND_BENCH_XDP_SECONDS:-2}
readonly ROWS="redirect:balance-xor:layer3+4 redirect:balance-rr:- redirect:active-backup:- xdp_tx:balance-xor:layer3+4 xdp_tx:balance-rr:- xdp_tx:active-backup:-"
readonly S_MAC=02:45:00:00:00:02
CLOCK="wall clock, $(nproc) vCPUs"
ICOUNT=false
if grep -qw 'nbond.icount=1' /proc/cmdline; then
	CLOCK="icount: guest time is instructions"
	ICOUNT=true
fi
readonly CLOCK ICOUNT
echo "bench: $RUNS runs per driver and row, $FRAMES frames in the loop," \
	"$SECONDS_RUN s each ($CLOCK)"

OBJ=$RESULTS_DIR/xdp_prog.o
readonly OBJ
xdp_build "$OBJ"

R=$(ns_add xb-r)
S=$(ns_add xb-s)
quiet_ns "$R"
quiet_ns "$S"
veth_pair p0 "$R" q0 "$S"
veth_pair p1 "$R" q1 "$S"
for q in q0 q1; do
	ip -n "$S" link set "$q" address "$S_MAC"
	ip -n "$S" link set "$q" xdp obj "$OBJ" sec xdp/tx
done

# one_run DRIVER PATH MODE POLICY: prints "PPS Q0 Q1", Q0 and Q1 what
# each received in the window.
one_run() {
	local driver=$1 path=$2 mode=$3 policy=$4 sec us q0 q1
	local -a opts=(mode "$mode")
	[[ $policy == - ]] || opts+=(xmit_hash_policy "$policy")
	sec=xdp/tx
	[[ $path == redirect ]] && sec=xdp/redirect
	ip -n "$R" link add bond0 index 4242 type bond "${opts[@]}" ||
		fail "$driver: cannot make a $mode bond"
	add_ports "$R" bond0 p0 p1
	ip -n "$R" link set bond0 up
	wait_until 10 bond_carrier_is "$R" bond0 1 ||
		fail "$driver: bond0 has no carrier"
	ip -n "$R" link set dev bond0 xdp obj "$OBJ" sec "$sec" ||
		fail "$driver: the bond refused its program"
	python3 "$XDP_FRAMES" seed "$S" q0 "$S_MAC" "$(mac_of "$R" bond0)" \
		64 $((FRAMES / 64)) || fail "cannot send the frames"
	# shellcheck disable=SC2016 # a script for the inner shell
	read -r q0 q1 us <<<"$(ip netns exec "$S" bash -c '
		cd /sys/class/net
		sleep 0.5
		read -r a <q0/statistics/rx_packets
		read -r b <q1/statistics/rx_packets
		t0=${EPOCHREALTIME/[.,]/}
		sleep "$1"
		read -r c <q0/statistics/rx_packets
		read -r d <q1/statistics/rx_packets
		t1=${EPOCHREALTIME/[.,]/}
		echo $((c - a)) $((d - b)) $((t1 - t0))' - "$SECONDS_RUN")"
	# Without the bond's program the frames end in R's stack.
	ip -n "$R" link set dev bond0 xdp off
	ip -n "$R" link del bond0
	((q0 + q1 > 0)) || fail "$driver $path $mode: the loop did not run"
	echo "$(((q0 + q1) * 1000000 / us)) $q0 $q1"
}

# load DRIVER: nbond.ko (kind=bond) or bonding.ko, the other unloaded.
load() {
	case $1 in
	nbond)
		rmmod bonding 2>/dev/null || true
		nbond_reload kind=bond
		;;
	bonding)
		rmmod nbond 2>/dev/null || true
		modprobe bonding max_bonds=0 || fail "modprobe bonding failed"
		;;
	esac
}
on_exit "rmmod bonding 2>/dev/null || true"

declare -A PPS=()
rows=
for spec in $ROWS; do
	IFS=: read -r path mode policy <<<"$spec"
	label="$path $mode"
	[[ $policy == - ]] || label+=" $policy"
	[[ $label =~ ${NBOND_BENCH_XDP_ROWS:-.} ]] || continue
	nb=()
	bd=()
	for ((i = 0; i < RUNS; i++)); do
		for driver in nbond bonding; do
			load "$driver"
			read -r pps q0 q1 <<<"$(one_run "$driver" "$path" "$mode" "$policy")"
			echo "$label, $driver, run $((i + 1)): $pps frames/s" \
				"(q0 $q0, q1 $q1)"
			case $mode in
			balance-xor | balance-rr)
				assert_ge "$driver: q0 carried a share" \
					"$q0" $(((q0 + q1) / 8)) >/dev/null
				assert_ge "$driver: q1 carried a share" \
					"$q1" $(((q0 + q1) / 8)) >/dev/null
				;;
			active-backup)
				assert_eq "$driver: q1 (backup) carried nothing" \
					"$q1" 0 >/dev/null
				;;
			esac
			if [[ $driver == nbond ]]; then
				nb+=("$pps")
			else
				bd+=("$pps")
			fi
		done
	done
	PPS[$label/nbond]=$(median "${nb[@]}")
	PPS[$label/bonding]=$(median "${bd[@]}")
	ratio=$(ratio "${PPS[$label/nbond]}" "${PPS[$label/bonding]}")
	printf '%-34s bonding.ko %8d  nbond %8d  nbond/bonding %s\n' \
		"$label" "${PPS[$label/bonding]}" "${PPS[$label/nbond]}" \
		"$ratio" >>"$RESULTS_DIR/summary.txt"
	[[ -z $rows ]] || rows+=", "
	rows+="\"$label\": {\"bonding\": ${PPS[$label/bonding]}, "
	rows+="\"nbond\": ${PPS[$label/nbond]}, \"ratio\": $ratio}"
done
# The library loads nbond as it was at the end.
rmmod bonding 2>/dev/null || true

json="{\"icount\": $ICOUNT, \"frames_in_loop\": $FRAMES, "
json+="\"seconds\": $SECONDS_RUN, "
json+="\"runs\": $RUNS, \"frames_per_second\": {$rows}}"
echo "$json" | jq . >"$RESULTS_DIR/xdp.json" ||
	fail "the results are not JSON: $json"
echo "== summary ($KVER, $CLOCK): median XDP frames a second through the bond"
cat "$RESULTS_DIR/summary.txt"
echo "figures: $RESULTS_DIR/xdp.json"
