#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/forward: packets a second that a router forwards out of a bond,
# with both CPUs generating and forwarding, nbond.ko (kind=bond) against
# bonding.ko in the same boot.
#
#  +--- G ---+      +------------ R -------------+      +---- S ----+
#  |   g0 ===|=veth=|= r0 10.60.0.1              |      |           |
#  | pktgen  |      |   bond0 10.61.0.1 -+- p0 ==|=veth=|= q0       |
#  | on both |      |   (forwarding)     +- p1 ==|=veth=|= q1       |
#  |  CPUs   |      |                            |      |           |
#  +---------+      +----------------------------+      +-----------+
#
# pktgen's thread on each CPU sends NBOND_BENCH_FWD_PACKETS (100000) 60-byte
# UDP packets of 256 flows of its own (source ports) to r0; R forwards them to
# 10.61.0.2 out of bond0; a veth delivers on the CPU that sent, so each CPU
# carries its packets all the way. The figure is what S's ports received
# over the guest time pktgen ran. Runs alternate between the drivers
# (NBOND_BENCH_RUNS, 3, each); the medians and their ratio are printed and
# written as forward.json in RESULTS_DIR.
#
# Under the rig's emulation both vCPUs share one host thread (vm/run), so
# the absolute rates are the emulator's; the ratio is the result.

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
# shellcheck source=../vm/bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/bond.sh"

require_nbond
require_module bonding
require_module pktgen

readonly RUNS=${NBOND_BENCH_RUNS:-3}
readonly PACKETS=${NBOND_BENCH_FWD_PACKETS:-100000}
readonly S_MAC=02:00:00:00:61:02
readonly MODES="balance-xor:layer3+4 active-backup:-"
CPUS=$(nproc)
readonly CPUS
((CPUS >= 2)) || echo "bench: only $CPUS CPU in this guest"
echo "bench: $RUNS runs per driver and mode, $PACKETS packets per CPU"

modprobe pktgen || fail "modprobe pktgen failed"
on_exit "rmmod pktgen 2>/dev/null || true"

G=$(ns_add fw-g)
R=$(ns_add fw-r)
S=$(ns_add fw-s)
quiet_ns "$G"
quiet_ns "$R"
quiet_ns "$S"
veth_pair g0 "$G" r0 "$R"
veth_pair p0 "$R" q0 "$S"
veth_pair p1 "$R" q1 "$S"
ip -n "$R" addr add 10.60.0.1/24 dev r0
ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 \
	net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0
# S only counts: its ports take the router's frames as their own, and with
# no address there the packets go no further.
ip -n "$S" link set q0 address "$S_MAC"
ip -n "$S" link set q1 address "$S_MAC"
R0_MAC=$(mac_of "$R" r0)

ip netns exec "$G" sleep infinity &
HOLDER=$!
on_exit "kill $HOLDER 2>/dev/null || true"
PG=/proc/$HOLDER/net/pktgen
wait_until 10 test -e "$PG/pgctrl" || fail "no pktgen in $G"

# One device per CPU: g0@N is g0 as pktgen's thread on CPU N sees it.
pktgen_setup() {
	local cpu dev
	for ((cpu = 0; cpu < CPUS; cpu++)); do
		dev=g0@$cpu
		pg "$PG/kpktgend_$cpu" rem_device_all
		pg "$PG/kpktgend_$cpu" "add_device $dev"
		pg "$PG/$dev" "count $PACKETS"
		pg "$PG/$dev" "clone_skb 0"
		pg "$PG/$dev" "burst 1"
		pg "$PG/$dev" "pkt_size 60"
		pg "$PG/$dev" "delay 0"
		pg "$PG/$dev" "dst 10.61.0.2"
		pg "$PG/$dev" "src_min 10.60.0.2"
		pg "$PG/$dev" "src_max 10.60.0.2"
		pg "$PG/$dev" "dst_mac $R0_MAC"
		pg "$PG/$dev" "udp_src_min $((4000 + cpu * 256))"
		pg "$PG/$dev" "udp_src_max $((4255 + cpu * 256))"
		pg "$PG/$dev" "udp_dst_min 9"
		pg "$PG/$dev" "udp_dst_max 9"
	done
}

# one_run DRIVER MODE POLICY: prints "PPS Q0 Q1": the packets a second S
# received, and how many each of its ports had.
one_run() {
	local driver=$1 mode=$2 policy=$3 q0 q1 t0 t1 got
	local -a opts=(mode "$mode")
	[[ $policy == - ]] || opts+=(xmit_hash_policy "$policy")
	ip -n "$R" link add bond0 type bond "${opts[@]}" ||
		fail "$driver: cannot make a $mode bond"
	add_ports "$R" bond0 p0 p1
	ip -n "$R" link set bond0 up
	ip -n "$R" addr add 10.61.0.1/24 dev bond0
	ip -n "$R" neigh replace 10.61.0.2 lladdr "$S_MAC" nud permanent \
		dev bond0
	wait_until 10 bond_carrier_is "$R" bond0 1 ||
		fail "$driver: bond0 has no carrier"
	q0=$(link_counter "$S" q0 rx_packets)
	q1=$(link_counter "$S" q1 rx_packets)
	pktgen_setup
	t0=$(date +%s%N)
	# pgctrl acts on the writer's namespace; it returns when every
	# thread has sent its count.
	ip netns exec "$G" sh -c 'echo start >/proc/net/pktgen/pgctrl' ||
		fail "pktgen: start in $G refused"
	t1=$(date +%s%N)
	q0=$(($(link_counter "$S" q0 rx_packets) - q0))
	q1=$(($(link_counter "$S" q1 rx_packets) - q1))
	got=$((q0 + q1))
	((got > 0)) || fail "$driver $mode: nothing forwarded"
	ip -n "$R" link del bond0
	echo "$((got * 1000000000 / (t1 - t0))) $q0 $q1"
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
for spec in $MODES; do
	mode=${spec%%:*}
	policy=${spec#*:}
	label=$mode
	[[ $policy == - ]] || label=$mode-$policy
	nb=()
	bd=()
	for ((i = 0; i < RUNS; i++)); do
		for driver in nbond bonding; do
			load "$driver"
			read -r pps q0 q1 <<<"$(one_run "$driver" "$mode" "$policy")"
			echo "$label $driver run $((i + 1)): $pps packets/s" \
				"(q0 $q0, q1 $q1)"
			if [[ $mode == balance-xor ]]; then
				# 512 flows: both ports must carry a share.
				assert_ge "$driver: q0 carried a share" \
					"$q0" $(((q0 + q1) / 8)) >/dev/null
				assert_ge "$driver: q1 carried a share" \
					"$q1" $(((q0 + q1) / 8)) >/dev/null
			fi
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
	printf '%-24s bonding.ko %8d  nbond %8d  nbond/bonding %s\n' \
		"$label" "${PPS[$label/bonding]}" "${PPS[$label/nbond]}" \
		"$ratio" >>"$RESULTS_DIR/summary.txt"
	[[ -z $rows ]] || rows+=", "
	rows+="\"$label\": {\"bonding\": ${PPS[$label/bonding]}, "
	rows+="\"nbond\": ${PPS[$label/nbond]}, \"ratio\": $ratio}"
done
# The library loads nbond as it was at the end.
rmmod bonding 2>/dev/null || true

json="{\"cpus\": $CPUS, \"packets_per_cpu\": $PACKETS, \"runs\": $RUNS, "
json+="\"packets_per_second\": {$rows}}"
echo "$json" | jq . >"$RESULTS_DIR/forward.json" ||
	fail "the results are not JSON: $json"
echo "== summary ($KVER): median packets a second forwarded out of the bond"
cat "$RESULTS_DIR/summary.txt"
echo "figures: $RESULTS_DIR/forward.json"
