#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 81-lacpd-pair: two nbond 802.3ad bonds, each with its own lacpd, cabled
# together by 2, then 4 veth pairs. They converge; traffic to many peers
# spreads over every distributing port; a port's carrier loss takes it
# out of distribution and its return brings it back; lacpd restarts
# without a lost ping; when one side's lacpd stops for good, the other's
# ports expire, default and its carrier drops; the --trace pcap reads back
# in tshark with the expected fields. nbond is loaded with kind=bond so
# that iproute2 decodes what the driver reports (ad_info, the ports'
# aggregator and LACP states) and ip stats the 3ad counters lacpd keeps.
#
#  +-------- pa-PID --------+              +-------- pb-PID --------+
#  |  bond0 10.81.0.1/24    |   a0 == b0   |  bond0 10.81.0.2/24    |
#  |  (802.3ad, fast)  a0..a3|==== .. ====|b0..b3  + 10.81.0.10-25  |
#  |  lacpd                 |   a3 == b3   |  lacpd                 |
#  +------------------------+              +------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
require_lacpd
require_cmd tshark
nbond_reload kind=bond

A=$(ns_add pa)
B=$(ns_add pb)
quiet_ns "$A"
quiet_ns "$B"

# make_pair N [RATE]: bond0 in both namespaces over N cables, lacpd on
# both, lacp_rate RATE (fast).
make_pair() {
	local n=$1 rate=${2:-fast} i
	for ns in "$A" "$B"; do
		"$BONDCTL" -n "$ns" create bond0 mode 802.3ad lacp_rate "$rate" \
			xmit_hash_policy layer3+4 miimon 100
	done
	for ((i = 0; i < n; i++)); do
		veth_pair "a$i" "$A" "b$i" "$B"
		"$BONDCTL" -n "$A" add bond0 "a$i"
		"$BONDCTL" -n "$B" add bond0 "b$i"
	done
	ip -n "$A" link set bond0 up
	ip -n "$B" link set bond0 up
	ip -n "$A" addr add 10.81.0.1/24 dev bond0
	ip -n "$B" addr add 10.81.0.2/24 dev bond0
	start_lacpd "$A" pa
	start_lacpd "$B" pb
}

drop_pair() {
	stop_lacpd pa
	stop_lacpd pb
	ip -n "$A" link del bond0
	ip -n "$B" link del bond0
	for ((i = 0; i < $1; i++)); do
		ip -n "$A" link del "a$i" 2>/dev/null || true
	done
}

step "bondctl create mode 802.3ad warns while no lacpd runs for the bond"
# create_warns NAME MODE: "yes" if bondctl warned that no lacpd runs.
create_warns() {
	local out
	out=$("$BONDCTL" -n "$A" create "$1" mode "$2" 2>&1) ||
		fail "bondctl create $1 mode $2: $out"
	grep -q "no lacpd runs" <<<"$out" && echo yes || echo no
}
lacpd_started() {
	grep -q "starting" "$RESULTS_DIR/lacpd-$1.log"
}
assert_eq "no lacpd: w0 (802.3ad) warned" "$(create_warns w0 802.3ad)" yes
assert_eq "active-backup: no warning" "$(create_warns w1 active-backup)" no
start_lacpd "$A" pw -i w2
wait_until 10 lacpd_started pw || fail "lacpd -i w2 did not start"
assert_eq "lacpd -i w2 runs: w2 not warned" "$(create_warns w2 802.3ad)" no
assert_eq "lacpd -i w2 runs: w3 warned" "$(create_warns w3 802.3ad)" yes
stop_lacpd pw
start_lacpd "$A" pw-all
wait_until 10 lacpd_started pw-all || fail "lacpd did not start"
assert_eq "lacpd for every bond: w4 not warned" \
	"$(create_warns w4 802.3ad)" no
stop_lacpd pw-all
for b in w0 w1 w2 w3 w4; do
	"$BONDCTL" -n "$A" destroy "$b"
done

for n in 2 4; do
	ports_a=() ports_b=()
	for ((i = 0; i < n; i++)); do
		ports_a+=("a$i")
		ports_b+=("b$i")
	done

	step "$n cables: both ends converge"
	make_pair "$n"
	wait_until 30 all_distributing "$A" "${ports_a[@]}" ||
		fail "A: not every port distributes: $(cat_proc "$A")"
	wait_until 30 all_distributing "$B" "${ports_b[@]}" ||
		fail "B: not every port distributes: $(cat_proc "$B")"
	assert_eq "A carrier" "$(bond_carrier "$A" bond0)" 1
	assert_eq "B carrier" "$(bond_carrier "$B" bond0)" 1
	agg=$(proc_port_field "$A" bond0 a0 'aggregator id')
	for p in "${ports_a[@]}"; do
		assert_eq "A $p in one aggregator" \
			"$(proc_port_field "$A" bond0 "$p" 'aggregator id')" "$agg"
	done
	b_mac=$(ip -n "$B" -j link show bond0 | jq -r '.[0].address')
	assert_eq "A's partner is B's bond" \
		"$(proc_port_field "$A" bond0 a0 'partner system' | cut -d, -f2)" \
		"$b_mac"
	assert_eq "ip -d: ad_info num_ports" \
		"$(bond_opt "$A" bond0 ad_info.num_ports)" "$n"
	assert_eq "ip -d: ad_info partner_mac" \
		"$(bond_opt "$A" bond0 ad_info.partner_mac)" "$b_mac"
	assert_eq "ip -d: a0 ad_aggregator_id" \
		"$(port_field "$A" a0 ad_aggregator_id)" "$agg"
	# active, short timeout, aggregatable, in sync, collecting, distributing
	assert_eq "ip -d: a0 actor state" \
		"$(port_field "$A" a0 ad_actor_oper_port_state)" 63
	assert_eq "ip -d: a0 partner state" \
		"$(port_field "$A" a0 ad_partner_oper_port_state)" 63
	sleep 1.5
	assert_ge "3ad xstats: LACPDUs received on a0, as lacpd counts them" \
		"$(ip -n "$A" -j stats show dev a0 group xstats_slave subgroup bond |
			jq '.[0]["802.3ad"].lacpdu_rx')" 2

	step "$n cables: traffic to 16 peers spreads over every port"
	for ((i = 10; i < 26; i++)); do
		ip -n "$B" addr add "10.81.0.$i/24" dev bond0
	done
	declare -A tx0=()
	for p in "${ports_a[@]}"; do
		tx0[$p]=$(link_counter "$A" "$p" tx_packets)
	done
	for ((i = 10; i < 26; i++)); do
		in_ns "$A" ping -q -c 5 -i 0.05 -W 1 "10.81.0.$i" >/dev/null ||
			fail "no ping to 10.81.0.$i"
	done
	for p in "${ports_a[@]}"; do
		assert_ge "A $p carried some of it" \
			"$(link_counter "$A" "$p" tx_packets)" $((tx0[$p] + 5))
	done

	step "$n cables: a carrier loss takes the port out, its return brings it back"
	ip -n "$B" link set b1 down
	wait_until 10 bash -c "[[ \$(ip netns exec $A sed -n '/^port: a1/,/^$/p' /proc/net/nbond/bond0 | grep '^distributing:') == 'distributing: no' ]]" ||
		fail "a1 still distributing"
	in_ns "$A" ping -q -c 20 -i 0.02 -W 1 10.81.0.2 >/dev/null ||
		fail "no traffic over the remaining ports"
	tx1=$(link_counter "$A" a1 tx_packets)
	for ((i = 10; i < 26; i++)); do
		in_ns "$A" ping -q -c 2 -i 0.05 -W 1 "10.81.0.$i" >/dev/null ||
			fail "no ping to 10.81.0.$i with a1 down"
	done
	assert_le "a1 carries nothing while down" \
		"$(link_counter "$A" a1 tx_packets)" "$tx1"
	ip -n "$B" link set b1 up
	wait_until 30 all_distributing "$A" "${ports_a[@]}" ||
		fail "a1 did not come back"

	drop_pair "$n"
done

step "hitless restart of lacpd under a ping stream"
# At the slow rate (the default, 90 s before a partner gives up), and a
# fast pair is made again after: at the fast rate B gives up on A after
# 3 s of silence, and the checks made while lacpd is stopped took longer
# than that in a loaded rig (CI with both VMs and another; and always on
# the emulated debug kernel).
restart_rate=slow
make_pair 2 "$restart_rate"
wait_until 30 all_distributing "$A" a0 a1 || fail "no convergence"
wait_until 30 all_distributing "$B" b0 b1 || fail "no convergence"
start_stream "$A" 10.81.0.2 restart
sleep 1
b_log_lines=$(wc -l <"$RESULTS_DIR/lacpd-pb.log")
stop_lacpd pa
assert_eq "agent gone: /proc says so" \
	"$(proc_field "$A" bond0 'lacp agent')" none
assert_true "ports keep distributing without an agent" \
	all_distributing "$A" a0 a1
start_lacpd "$A" pa
sleep 5
assert_true "still distributing after the restart" all_distributing "$A" a0 a1
assert_true "B distributes after the restart" all_distributing "$B" b0 b1
assert_eq "B's ports never changed state (its lacpd logged no move)" \
	"$(tail -n +"$((b_log_lines + 1))" "$RESULTS_DIR/lacpd-pb.log" |
		{ grep -c ': aggregator ' || true; })" 0
stop_stream restart
assert_ge "the stream got replies" "$(grep -c icmp_seq= "$RESULTS_DIR/restart.ping")" 100
assert_eq "the stream lost nothing (but what was in flight at its end)" \
	"$(stream_holes restart)" 0

# pa_log_since LINE: A's lacpd log after its first LINE lines.
pa_log_since() {
	tail -n +"$(($1 + 1))" "$RESULTS_DIR/lacpd-pa.log"
}

step "a link that changed while lacpd was away negotiates afresh, the other resumes"
a_log_lines=$(wc -l <"$RESULTS_DIR/lacpd-pa.log")
stop_lacpd pa
ip -n "$A" link set a0 down
wait_until 10 bash -c "[[ \$(ip -n $A -j -d link show a0 | jq -r '.[0].linkinfo.info_slave_data.mii_status') == DOWN ]]" ||
	fail "a0 did not go down in the bond"
ip -n "$A" link set a0 up
wait_until 10 bash -c "[[ \$(ip -n $A -j -d link show a0 | jq -r '.[0].linkinfo.info_slave_data.mii_status') == UP ]]" ||
	fail "a0 did not come back in the bond"
start_lacpd "$A" pa
wait_until 10 bash -c "grep -q 'a1: resumed' <(tail -n +$((a_log_lines + 1)) $RESULTS_DIR/lacpd-pa.log)" ||
	fail "a1 did not resume: $(pa_log_since "$a_log_lines")"
# The driver took a0 out of its aggregate when its link went down with
# no agent (lacpd would not resume it either: its link changed).
assert_true "a0 left its aggregate with its link" bash -c \
	"dmesg | grep -q 'port a0: link down with no LACP agent'"
assert_true "a0: negotiated afresh, not resumed" bash -c \
	"! grep -q 'a0: resumed' <(tail -n +$((a_log_lines + 1)) $RESULTS_DIR/lacpd-pa.log)"
wait_until 30 all_distributing "$A" a0 a1 || fail "a0 did not come back"
wait_until 30 all_distributing "$B" b0 b1 || fail "b0 did not come back"
pass "a0 negotiated again; a1 resumed"

step "a lacpd away past the partner's timeout: every port negotiates afresh"
a_log_lines=$(wc -l <"$RESULTS_DIR/lacpd-pa.log")
stop_lacpd pa
# As if it had left long ago: the lock file says when its lacpd last
# managed the bonds, "PID NS" in CLOCK_MONOTONIC nanoseconds (lacpd(8)).
a_lock=/run/lacpd/net-$(ip netns exec "$A" stat -L -c %i /proc/self/ns/net).lock
read -r a_pid a_alive <"$a_lock" || fail "no lock file $a_lock"
[[ $a_alive -gt 0 ]] || fail "the lock file has no time: $(cat "$a_lock")"
# 100 s ago (past the 60 s lacpd allows a slow partner), which the
# guest's monotonic clock must reach first.
mono_s() {
	python3 -c 'import time; print(time.monotonic_ns() // 10**9)'
}
(($(mono_s) > 101)) || sleep $((102 - $(mono_s)))
mono_ns=$(python3 -c 'import time; print(time.monotonic_ns())')
echo "$a_pid $((mono_ns - 100000000000))" >"$a_lock"
start_lacpd "$A" pa
wait_until 10 bash -c "[[ \$(grep -c 'past the partner.s timeout' <(tail -n +$((a_log_lines + 1)) $RESULTS_DIR/lacpd-pa.log)) == 2 ]]" ||
	fail "the ports were not renegotiated: $(pa_log_since "$a_log_lines")"
assert_eq "nothing resumed" \
	"$(pa_log_since "$a_log_lines" | { grep -c ': resumed' || true; })" 0
wait_until 30 all_distributing "$A" a0 a1 || fail "A did not converge again"
pass "both ports negotiated again"

if [[ $restart_rate != fast ]]; then
	drop_pair 2
	make_pair 2
	wait_until 30 all_distributing "$A" a0 a1 || fail "no convergence"
	wait_until 30 all_distributing "$B" b0 b1 || fail "no convergence"
fi

step "LACP system ids only to CAP_NET_ADMIN: /proc and the genl GET"
# as_nobody CMD...: CMD in A, as an unprivileged user.
as_nobody() {
	ip netns exec "$A" setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all --bounding-set=-all "$@"
}
b_mac=$(ip -n "$B" -j link show bond0 | jq -r '.[0].address')
assert_eq "root reads the partner's system in /proc" \
	"$(proc_port_field "$A" bond0 a0 'partner system' | cut -d, -f2)" "$b_mac"
assert_eq "an unprivileged reader does not" \
	"$(as_nobody grep -c 'system: ' /proc/net/nbond/bond0 || true)" 0
assert_ge "but sees the rest of the LACP state" \
	"$(as_nobody grep -c '^partner key: ' /proc/net/nbond/bond0)" 1
assert_eq "the genl GET: no system for an unprivileged user" \
	"$(as_nobody "$BONDCTL" -j -d show bond0 |
		jq -r '.[0].ports[0].lacp.partner.system')" null
assert_eq "and the partner's system for root" \
	"$("$BONDCTL" -n "$A" -j -d show bond0 |
		jq -r '.[0].ports[0].lacp.partner.system')" "$b_mac"

step "the trace: tshark reads every PDU as LACP, with the expected fields"
fields=$(tshark -r "$RESULTS_DIR/lacpd-pb.pcap" -Y lacp -T fields \
	-e lacp.version -e lacp.actor.sysid -e lacp.actor.key 2>/dev/null |
	sort -u)
echo "$fields"
assert_true "no malformed packet" bash -c \
	"! tshark -r $RESULTS_DIR/lacpd-pb.pcap -Y _ws.malformed 2>/dev/null | grep -q ."
assert_ge "LACPDUs in the trace" \
	"$(tshark -r "$RESULTS_DIR/lacpd-pb.pcap" -Y lacp 2>/dev/null | wc -l)" 10
assert_true "version 1" grep -q "^0x01" <<<"$fields"
assert_true "B's bond address as actor system" grep -qi \
	"$(ip -n "$B" -j link show bond0 | jq -r '.[0].address')" <<<"$fields"

step "an option changed in the driver reaches lacpd: lacp_rate slow"
ip -n "$A" link set bond0 down
"$BONDCTL" -n "$A" set bond0 lacp_rate slow
ip -n "$A" link set bond0 up
a0_slow() {
	local state
	state=$(proc_port_field "$A" bond0 a0 'actor state')
	(( (state & 0x02) == 0 ))
}
wait_until 10 a0_slow ||
	fail "a0 still asks for fast LACPDUs: $(proc_port_field "$A" bond0 a0 'actor state')"
pass "a0 asks for the slow rate"
wait_until 10 all_distributing "$A" a0 a1 || fail "A stopped distributing"

step "a new bond address is A's new System ID, at once"
old_mac=$(mac_of "$A" bond0)
# Up: lacpd learns of the change only through the driver's event.
ip -n "$A" link set bond0 address 02:81:00:00:00:0a
a_system_seen_by_b() {
	[[ $(proc_port_field "$B" bond0 b0 'partner system' | cut -d, -f2) == \
	   02:81:00:00:00:0a ]]
}
wait_until 10 a_system_seen_by_b ||
	fail "B's partner system is still $(proc_port_field "$B" bond0 b0 \
		'partner system')"
pass "B sees A's new System ID"
wait_until 20 all_distributing "$A" a0 a1 ||
	fail "A did not distribute again under its new System ID"
ip -n "$A" link set bond0 address "$old_mac"
wait_until 20 all_distributing "$A" a0 a1 ||
	fail "A did not distribute again under its old System ID"

step "SIGUSR1 logs the state, SIGHUP re-reads the driver"
kill -USR1 "$(cat "$RESULTS_DIR/lacpd-pa.pid")"
kill -HUP "$(cat "$RESULTS_DIR/lacpd-pa.pid")"
sleep 1
assert_true "SIGUSR1: the bond and its ports" \
	grep -q "bond bond0: active aggregator" "$RESULTS_DIR/lacpd-pa.log"
assert_true "SIGUSR1: a port's machines" \
	grep -Eq "a0: port [0-9]+,[0-9]+ agg [0-9]+ selected rx current" \
	"$RESULTS_DIR/lacpd-pa.log"
assert_true "SIGHUP: re-read" grep -q "SIGHUP" "$RESULTS_DIR/lacpd-pa.log"
assert_true "still distributing" all_distributing "$A" a0 a1
# Back to fast: the next step counts on A's short timeout.
ip -n "$A" link set bond0 down
"$BONDCTL" -n "$A" set bond0 lacp_rate fast
ip -n "$A" link set bond0 up
wait_until 10 all_distributing "$A" a0 a1 || fail "A stopped distributing"

step "one LACP agent a bond: a second is refused, a takeover makes lacpd step back"
AGENT=$NBOND_TOP/tests/vm/lacp_agent.py
rc=0
out=$(ip netns exec "$A" python3 "$AGENT" bond0 </dev/null 2>&1) || rc=$?
assert_eq "a second agent is refused" "$rc/$out" \
	"1/lacp_agent.py: AGENT: Device or resource busy"
rc=0
out=$(ip netns exec "$A" python3 "$AGENT" --no-attach bond0 </dev/null 2>&1) ||
	rc=$?
assert_eq "LACP_SET from a socket that is not the agent is refused" \
	"$rc/$out" "1/lacp_agent.py: LACP_SET: Operation not permitted"
assert_true "lacpd is still the agent" all_distributing "$A" a0 a1
managed=$(grep -c "bond0: managing" "$RESULTS_DIR/lacpd-pa.log")
coproc TAKER { ip netns exec "$A" python3 "$AGENT" --takeover bond0 2>&1; }
taker=$TAKER_PID
on_exit "kill $taker 2>/dev/null || true"
read -r -t 20 -u "${TAKER[0]}" line || fail "the takeover agent said nothing"
[[ $line == ready* ]] || fail "the takeover agent: $line"
lacpd_stepped_back() {
	grep -q "bond0: another LACP agent took the bond over" \
		"$RESULTS_DIR/lacpd-pa.log"
}
wait_until 10 lacpd_stepped_back || fail "lacpd did not notice the takeover"
pass "lacpd noticed the takeover and left the bond"
assert_true "the kernel logged the takeover" \
	bash -c "dmesg | grep -q 'bond0: LACP agent netlink port .* takes over from'"
# The taker leaves when its input closes; lacpd attaches again.
taker_in=${TAKER[1]}
exec {taker_in}>&-
wait "$taker" 2>/dev/null || true
lacpd_back() {
	[[ $(grep -c "bond0: managing" "$RESULTS_DIR/lacpd-pa.log") -gt \
	   "$managed" ]]
}
wait_until 10 lacpd_back || fail "lacpd did not take the bond back"
wait_until 20 all_distributing "$A" a0 a1 ||
	fail "not distributing again under lacpd"
pass "lacpd took the bond back once the other agent left"

step "lacpd -d -i bond0: in the background, for that bond"
stop_lacpd pa
ip netns exec "$A" "$LACPD" -d -i bond0
agent_attached() {
	[[ $(proc_field "$A" bond0 'lacp agent') == "netlink port "* ]]
}
wait_until 10 agent_attached || fail "the daemon did not attach"
daemon_pid=$(pgrep -f -n "$LACPD -d -i bond0") || fail "no lacpd daemon"
on_exit "kill $daemon_pid 2>/dev/null || true"
assert_true "detached from the shell (parent is init)" \
	bash -c "[[ \$(ps -o ppid= -p $daemon_pid | tr -d ' ') == 1 ]]"
# Resumed, or negotiated afresh if it took the daemon longer than the
# fast partner's timeout to start (the debug kernel).
wait_until 10 all_distributing "$A" a0 a1 ||
	fail "not distributing under the daemon"
pass "distributing under the daemon"
kill -TERM "$daemon_pid"
wait_until 5 bash -c "! kill -0 $daemon_pid 2>/dev/null" ||
	fail "the daemon did not exit on SIGTERM"
start_lacpd "$A" pa
wait_until 10 agent_attached || fail "lacpd did not attach again"

step "lacpd@.service: its command, in the namespace it names, manages the bond"
# No systemd in the rig: the instance for A is run as systemd would run it,
# from the unit file's own lines (%i: the namespace's name).
unit=$NBOND_TOP/lacpd/lacpd@.service
unit_ns=$(sed -n 's/^NetworkNamespacePath=//p' "$unit")
unit_exec=$(sed -n 's/^ExecStart=//p' "$unit")
assert_eq "the unit joins /run/netns/%i" "$unit_ns" "/run/netns/%i"
assert_eq "the unit runs lacpd" "${unit_exec%% *}" /usr/sbin/lacpd
read -r -a unit_args <<<"${unit_exec#/usr/sbin/lacpd}"
stop_lacpd pa
nsenter --net="${unit_ns//%i/$A}" "$LACPD" "${unit_args[@]}" \
	>"$RESULTS_DIR/lacpd-unit.log" 2>&1 &
unit_pid=$!
wait_until 10 agent_attached || fail "the unit's lacpd did not attach"
sleep 4
assert_true "still distributing under the unit's lacpd" \
	all_distributing "$A" a0 a1
kill -TERM "$unit_pid"
wait "$unit_pid" 2>/dev/null || true
start_lacpd "$A" pa
wait_until 10 agent_attached || fail "lacpd did not attach again"
# The unit's lacpd was away for longer than the partner's short timeout, so
# the ports negotiate afresh (without their carrier for a while): the
# next step must start from an aggregate that carries traffic.
wait_until 20 all_distributing "$A" a0 a1 ||
	fail "not distributing again after the unit's lacpd"
wait_until 10 bond_carrier_is "$A" bond0 1 || fail "A has no carrier"

step "with no agent, a port leaves at link loss, the others at the partner's timeout"
stop_lacpd pa
assert_eq "agent gone: /proc says so" \
	"$(proc_field "$A" bond0 'lacp agent')" none
ip -n "$B" link set b1 down
a_port_out() {
	[[ $(proc_port_field "$A" bond0 "$1" distributing) == no &&
	   $(proc_port_field "$A" bond0 "$1" "aggregator id") == 0 ]]
}
wait_until 10 a_port_out a1 || fail "a1 still in: $(cat_proc "$A")"
pass "a1 left its aggregate with its link"
# Fast LACPDUs: B gives up on a0 3 s after the last one; A 2 s after
# lacpd left (its last LACPDU may have gone a second before).
wait_until 20 a_port_out a0 || fail "a0 still in: $(cat_proc "$A")"
pass "a0 left its aggregate at the partner's timeout"
assert_true "the kernel said why, port by port" bash -c \
	"dmesg | grep -q 'port a1: link down with no LACP agent' &&
	 dmesg | grep -q \"port a0: the partner's timeout with no LACP agent\""
ip -n "$B" link set b1 up
start_lacpd "$A" pa
wait_until 10 agent_attached || fail "lacpd did not attach again"
wait_until 30 all_distributing "$A" a0 a1 ||
	fail "lacpd did not bring both ports back"
pass "lacpd negotiated both ports afresh"

step "the partner falls silent: ports expire, default, the carrier drops (strict)"
"$BONDCTL" -n "$A" set bond0 lacp_fallback strict
stop_lacpd pb
wait_until 20 bond_carrier_is "$A" bond0 0 ||
	fail "A kept its carrier: $(cat_proc "$A")"
assert_eq "a0 no longer distributing" \
	"$(proc_port_field "$A" bond0 a0 distributing)" no
a0_defaulted() {
	local state
	state=$(proc_port_field "$A" bond0 a0 'actor state')
	(( state & 0x40 ))
}
wait_until 10 a0_defaulted ||
	fail "a0 not defaulted: $(proc_port_field "$A" bond0 a0 'actor state')"
pass "a0 expired, then defaulted"

step "lacp_fallback individual, the bond up: one port carries traffic"
"$BONDCTL" -n "$A" set bond0 lacp_fallback individual
wait_until 10 bond_carrier_is "$A" bond0 1 ||
	fail "no carrier with lacp_fallback individual: $(cat_proc "$A")"
n=0
for p in a0 a1; do
	[[ $(proc_port_field "$A" bond0 "$p" distributing) == yes ]] &&
		n=$((n + 1))
done
assert_eq "ports distributing as individual links" "$n" 1
assert_true "lacpd said why" grep -q 'no LACP partner (lacp_fallback individual)' \
	"$RESULTS_DIR/lacpd-pa.log"
"$BONDCTL" -n "$A" set bond0 lacp_fallback strict
wait_until 10 bond_carrier_is "$A" bond0 0 ||
	fail "strict again: A kept its carrier: $(cat_proc "$A")"
pass "strict again: no port carries traffic"

step "with no partner, lacpd still sends a LACPDU a second (fast)"
# The window is what the clock says, not the sleep: reading a counter
# takes a while in a slow guest (over a second on the debug kernel).
t0=$(now_ms)
c0=$(link_counter "$B" b0 rx_packets)
sleep 5
c1=$(link_counter "$B" b0 rx_packets)
secs=$((($(now_ms) - t0 + 999) / 1000))
assert_ge "b0 received at least 4 frames in 5 s" "$c1" $((c0 + 4))
assert_le "and no more than one a second (and spares) in ${secs} s" \
	"$c1" $((c0 + secs + 3))
drop_pair 2
