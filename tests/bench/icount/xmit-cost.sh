#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/icount/xmit-cost: what a bond costs per transmitted packet, nbond.ko
# against the kernel's bonding.ko, and team (teamd's activebackup,
# roundrobin and broadcast runners) where team has the mode, in every mode
# and transmit hash policy, with 2 and 8 ports. Runs in an --icount boot
# (`make bench`): guest time is the instruction count, 1 ns each, so the
# figures repeat to the instruction across boots and hosts (DESIGN §5).
#
#  +-------------------------- xc-PID ---------------------------+
#  |  pktgen --dev_queue_xmit--> bond0 --+-- d0  (dummy)          |
#  |                                     +-- d1 ... d7            |
#  |  pktgen --dev_queue_xmit--> bare    (dummy: the baseline)    |
#  +--------------------------------------------------------------+
#
# pktgen sends NBOND_BENCH_PACKETS (50000) 60-byte UDP packets of one flow
# (clone_skb 0, burst 1) to the bond's ndo_start_xmit, which hands them to
# a port with dev_queue_xmit; the same packets go to a bare dummy port with
# dev_queue_xmit (xmit_mode queue_xmit). The bond's own cost is the
# difference in guest ns (instructions) per packet.
# Every run checks that the ports transmitted what pktgen sent (the sum of
# their tx_packets; every port's for broadcast; tlb and alb add learning
# frames of their own). The drivers take turns,
# each measured with the same commands: bonding.ko, then nbond.ko loaded
# with kind=bond, then team. 802.3ad ports are made distributing by
# tests/vm/lacp_agent.py for nbond (no partner needed); bonding.ko
# distributes on one port against a silent partner by itself.
# NBOND_BENCH_MODES, a regular expression, keeps only the rows whose label
# ("802.3ad/layer3+4", "broadcast") it matches. Prints a table with the
# ratios and writes xmit-cost.json in RESULTS_DIR.
# Fails if a run loses packets or the boot is not an --icount one.

# shellcheck source=../../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../vm/lib.sh"
# shellcheck source=../../vm/bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../vm/bond.sh"

require_nbond
require_module bonding
require_module pktgen
require_module dummy
grep -qw 'nbond.icount=1' /proc/cmdline ||
	fail "not an --icount boot: run by 'make bench' (vm/run --icount)"

readonly PACKETS=${NBOND_BENCH_PACKETS:-50000}
AGENT=$(dirname "${BASH_SOURCE[0]}")/../../vm/lacp_agent.py
readonly AGENT
readonly POLICIES="layer2 layer2+3 layer3+4 encap2+3 encap3+4 vlan+srcmac"
modprobe pktgen || fail "modprobe pktgen failed"
on_exit "rmmod pktgen 2>/dev/null || true"

NS=$(ns_add xc)
# No IPv6: its router solicitations and reports would add to the ports'
# counters.
quiet_ns "$NS"
# A process in the namespace: its /proc/PID/net/pktgen is the namespace's
# pktgen (pktgen is per network namespace).
ip netns exec "$NS" sleep infinity &
HOLDER=$!
on_exit "kill $HOLDER 2>/dev/null || true"
PG=/proc/$HOLDER/net/pktgen
wait_until 10 test -e "$PG/pgctrl" || fail "no pktgen in $NS"
KPKTGEND=$(find "$PG" -name 'kpktgend_*' | head -n 1)
[[ -n $KPKTGEND ]] || fail "no pktgen thread in $NS"
AGENT_PID=

# ports_tx PORT...: the sum of the ports' tx_packets, read from the
# namespace's /proc/net/dev without starting a program (under icount every
# program costs guest time, which is instructions).
ports_tx() {
	local name rest n=0
	local -a f
	local -A want=()
	for name; do
		want[$name]=1
	done
	while IFS=: read -r name rest; do
		name=${name// /}
		[[ -n ${want[$name]:-} ]] || continue
		read -r -a f <<<"$rest"
		n=$((n + f[9]))
	done <"/proc/$HOLDER/net/dev"
	echo "$n"
}

# send DEV COUNT [MODE]: COUNT packets by pktgen to DEV, by its
# ndo_start_xmit, or as MODE says (queue_xmit: dev_queue_xmit); prints the
# guest microseconds pktgen took.
send() {
	local dev=$1 count=$2 mode=${3:-start_xmit} result
	pg "$KPKTGEND" rem_device_all
	pg "$KPKTGEND" "add_device $dev"
	pg "$PG/$dev" "count $count"
	pg "$PG/$dev" "clone_skb 0"
	pg "$PG/$dev" "burst 1"
	pg "$PG/$dev" "pkt_size 60"
	pg "$PG/$dev" "delay 0"
	pg "$PG/$dev" "xmit_mode $mode"
	pg "$PG/$dev" "dst 10.98.0.2"
	pg "$PG/$dev" "src_min 10.98.0.1"
	pg "$PG/$dev" "src_max 10.98.0.1"
	pg "$PG/$dev" "dst_mac 02:00:00:00:98:02"
	pg "$PG/$dev" "udp_src_min 4000"
	pg "$PG/$dev" "udp_src_max 4000"
	pg "$PG/$dev" "udp_dst_min 9"
	pg "$PG/$dev" "udp_dst_max 9"
	# pgctrl acts on the writer's namespace, whatever file it writes.
	ip netns exec "$NS" sh -c 'echo start >/proc/net/pktgen/pgctrl' ||
		fail "pktgen: start in $NS refused"
	result=$(sed -n 's/^Result: OK: \([0-9]*\)(.*/\1/p' "$PG/$dev")
	[[ -n $result ]] || fail "pktgen on $dev: $(cat "$PG/$dev")"
	pg "$KPKTGEND" rem_device_all
	echo "$result"
}

# per_packet USEC: guest ns (instructions) per packet, two decimals.
per_packet() {
	echo "scale=2; $1 * 1000 / $PACKETS" | bc
}

# make_ports N: dummy ports d0..dN-1, up.
make_ports() {
	local i
	PORTS=()
	for ((i = 0; i < $1; i++)); do
		ip -n "$NS" link add "d$i" type dummy
		ip -n "$NS" link set "d$i" up
		PORTS+=("d$i")
	done
}

drop_ports() {
	local p
	for p in "${PORTS[@]}"; do
		ip -n "$NS" link del "$p"
	done
}

# bond_up DRIVER MODE POLICY N: bond0 of DRIVER (bonding, nbond, team)
# over N new dummy ports, up.
bond_up() {
	local driver=$1 mode=$2 policy=$3 n=$4 p line
	local -a opts=(mode "$mode")
	[[ $policy == - ]] || opts+=(xmit_hash_policy "$policy")
	make_ports "$n"
	case $driver in
	team)
		ip netns exec "$NS" teamd -d -t bond0 -c \
			"{\"runner\": {\"name\": \"$mode\"}}" >/dev/null 2>&1 ||
			fail "teamd $mode did not start"
		wait_until 30 ip -n "$NS" link show bond0 >/dev/null 2>&1 ||
			fail "teamd made no bond0"
		for p in "${PORTS[@]}"; do
			ip -n "$NS" link set "$p" down
			ip netns exec "$NS" teamdctl bond0 port add "$p" \
				>/dev/null || fail "teamdctl port add $p failed"
		done
		;;
	bonding | nbond)
		ip -n "$NS" link add bond0 type bond "${opts[@]}" ||
			fail "$driver: cannot make a $mode bond"
		for p in "${PORTS[@]}"; do
			ip -n "$NS" link set "$p" down
			ip -n "$NS" link set "$p" master bond0 ||
				fail "$driver: cannot enslave $p"
		done
		;;
	esac
	ip -n "$NS" link set bond0 up
	if [[ $driver == nbond && $mode == 802.3ad ]]; then
		coproc AGENT_PROC {
			ip netns exec "$NS" python3 "$AGENT" bond0 2>&1
		}
		AGENT_PID=$AGENT_PROC_PID
		# No -t: the guest's clock leaps while python loads. An agent
		# that fails closes the pipe.
		read -r -u "${AGENT_PROC[0]}" line ||
			fail "lacp_agent.py did not attach"
		[[ $line == ready* ]] || fail "lacp_agent.py: $line"
	fi
}

bond_down() {
	local driver=$1
	if [[ -n $AGENT_PID ]]; then
		# The agent leaves when its standard input closes.
		local in=${AGENT_PROC[1]}
		exec {in}>&-
		wait "$AGENT_PID" 2>/dev/null
		AGENT_PID=
	fi
	if [[ $driver == team ]]; then
		ip netns exec "$NS" teamd -t bond0 -k >/dev/null 2>&1
		wait_until 30 bash -c "! ip -n $NS link show bond0" 2>/dev/null ||
			fail "teamd left bond0"
	else
		ip -n "$NS" link del bond0
	fi
	drop_ports
}

# sent_all MODE N WANT GOT: GOT packets on the ports are what the bond was
# given, WANT: exactly, except that balance-tlb and balance-alb send
# learning frames of their own now and then (up to 1 % more is allowed).
sent_all() {
	case $1 in
	balance-tlb | balance-alb)
		(($4 >= $3 && $4 <= $3 + $3 / 100 + 8))
		;;
	*)
		(($4 == $3))
		;;
	esac
}

# transmits MODE N: bond0 passes 100 packets to its ports (for broadcast,
# to every port).
transmits() {
	local before after want=100
	[[ $1 == broadcast ]] && want=$((100 * $2))
	before=$(ports_tx "${PORTS[@]}")
	send bond0 100 >/dev/null
	after=$(ports_tx "${PORTS[@]}")
	sent_all "$1" "$2" "$want" $((after - before))
}

# measure DRIVER MODE POLICY N: the bond's ns per packet (before the
# baseline is taken off). Run in $(...): fail exits only it, so the
# caller checks its status.
measure() {
	local driver=$1 mode=$2 policy=$3 n=$4 before after want usec try
	bond_up "$driver" "$mode" "$policy" "$n"
	# 802.3ad and the team runners need a moment to start transmitting.
	# Tries, not wait_until: under icount the guest's clock leaps while
	# it waits for the host (9p), so its seconds say little.
	for ((try = 0; ; try++)); do
		transmits "$mode" "$n" && break
		((try < 30)) ||
			fail "$driver $mode $policy x$n: the ports do not transmit what the bond gets"
		sleep 1
	done
	want=$PACKETS
	[[ $mode == broadcast ]] && want=$((PACKETS * n))
	before=$(ports_tx "${PORTS[@]}")
	usec=$(send bond0 "$PACKETS")
	after=$(ports_tx "${PORTS[@]}")
	sent_all "$mode" "$n" "$want" $((after - before)) ||
		fail "$driver $mode $policy x$n: the ports sent $((after - before)) of $want"
	bond_down "$driver"
	per_packet "$usec"
}

step "baseline: a bare dummy port"
ip -n "$NS" link add bare type dummy
ip -n "$NS" link set bare up
send bare 1000 queue_xmit >/dev/null
BASE=$(per_packet "$(send bare "$PACKETS" queue_xmit)")
AGAIN=$(per_packet "$(send bare "$PACKETS" queue_xmit)")
echo "bench: $PACKETS packets a run; a bare dummy: $BASE ns a packet ($AGAIN again)"

# The configurations: LABEL MODE POLICY TEAM_RUNNER ("-": none).
CONFIGS=("active-backup active-backup - activebackup"
	"balance-rr balance-rr - roundrobin")
for policy in $POLICIES; do
	CONFIGS+=("balance-xor/$policy balance-xor $policy -")
done
CONFIGS+=("broadcast broadcast - broadcast")
for policy in $POLICIES; do
	CONFIGS+=("802.3ad/$policy 802.3ad $policy -")
done
CONFIGS+=("balance-tlb balance-tlb - -" "balance-alb balance-alb - -")
if [[ -n ${NBOND_BENCH_MODES:-} ]]; then
	for i in "${!CONFIGS[@]}"; do
		[[ ${CONFIGS[i]%% *} =~ $NBOND_BENCH_MODES ]] || unset 'CONFIGS[i]'
	done
	((${#CONFIGS[@]})) || fail "NBOND_BENCH_MODES matches no mode"
fi

# driver_turn DRIVER: every configuration with DRIVER, 2 and 8 ports, in
# COST[DRIVER/LABEL/N].
declare -A COST
driver_turn() {
	local driver=$1 config label mode policy runner n cost
	step "$driver: every mode and hash policy"
	for config in "${CONFIGS[@]}"; do
		read -r label mode policy runner <<<"$config"
		if [[ $driver == team ]]; then
			[[ $runner != - ]] || continue
			mode=$runner
			policy=-
		fi
		for n in 2 8; do
			cost=$(measure "$driver" "$mode" "$policy" "$n") ||
				fail "$driver $label x$n: no measure"
			COST[$driver/$label/$n]=$cost
			echo "bench: $driver $label x$n: $cost ns a packet"
		done
	done
}

[[ ! -d /sys/module/nbond ]] || rmmod nbond
on_exit "rmmod bonding 2>/dev/null; [[ -d /sys/module/nbond ]] || insmod '$NBOND_KO'"
modprobe bonding max_bonds=0 || fail "modprobe bonding failed"
driver_turn bonding
rmmod bonding || fail "rmmod bonding failed"
nbond_reload kind=bond
driver_turn nbond
if command -v teamd >/dev/null && modprobe team; then
	driver_turn team
else
	echo "bench: no teamd or no team module: no team column"
fi

ROWS=()
for config in "${CONFIGS[@]}"; do
	read -r label _ <<<"$config"
	for n in 2 8; do
		ROWS+=("$label $n ${COST[bonding/$label/$n]} ${COST[team/$label/$n]:--} ${COST[nbond/$label/$n]}")
	done
done

step "the bond's own cost: instructions a packet beyond one dev_queue_xmit"
python3 - "$BASE" "$RESULTS_DIR/xmit-cost.json" "${ROWS[@]}" <<'EOF'
import json
import sys

base = float(sys.argv[1])
rows = []
for row in sys.argv[3:]:
    label, ports, bonding, team, nbond = row.split()
    own = {"bonding": float(bonding) - base, "nbond": float(nbond) - base,
           "team": None if team == "-" else float(team) - base}
    rows.append({"mode": label, "ports": int(ports), **own})

print(f"{'mode':24} {'ports':>5} {'bonding':>8} {'team':>8} {'nbond':>8}"
      f" {'/bonding':>8} {'/team':>8}")
for r in rows:
    team = "-" if r["team"] is None else f"{r['team']:.0f}"
    vs_team = "-" if r["team"] is None else f"{r['nbond'] / r['team']:.2f}"
    print(f"{r['mode']:24} {r['ports']:>5} {r['bonding']:>8.0f} {team:>8}"
          f" {r['nbond']:>8.0f} {r['nbond'] / r['bonding']:>8.2f}"
          f" {vs_team:>8}")
with open(sys.argv[2], "w") as f:
    json.dump({"baseline_ns": base, "unit": "instructions per packet",
               "rows": rows}, f, indent=1)
EOF
pass "transmit cost of every mode measured ($PACKETS packets a run)"
