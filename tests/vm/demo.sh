#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo: nbond at work, narrated, in one boot (what `make demo` runs).
#
# 1. 802.3ad: `bondctl create bond0 mode 802.3ad lacp_rate fast`, two
#    ports, lacpd negotiating with Open vSwitch (a switch nbond did not
#    write); traffic to many peers spreads over both links; a cable is
#    pulled under a ping stream and plugged back.
# 2. active-backup, made with plain iproute2 (nbond loaded with
#    kind=bond): failover and failback under a ping stream, then a
#    `bondctl drill`.
# 3. A summary of what was measured.
#
# Each step prints the command as an operator types it ("host#" runs in
# the server's namespace, "switch#" in the switch's) and what to look at.
# The numbers are checked too: the demo fails if the bond does not
# negotiate, spread or survive a failure.
#
# Part 1                                   Part 2
# +---- host (demo-h-PID) ----+           +---- host (demo-ab-PID) ----+
# | bond0 802.3ad  lacpd      |           | bond0 active-backup        |
# | 10.50.0.1 -+- eth0 ==+    |           | 10.60.0.1 -+- eth0 ==+     |
# |            +- eth1 ==|=+  |           |            +- eth1 ==|=+   |
# +----------------------|-|--+           +----------------------|-|---+
# +---- switch (demo-s-PID) --+           +---- switch (demo-as-PID) --+
# |  sw0 ================+ |  |           |  sw0 ================+ |   |
# |  sw1 ==================+  |           |  sw1 ==================+   |
# |  Open vSwitch br0, LACP   |           |  Linux bridge br0          |
# |  bond0 over sw0 and sw1   |           |  10.60.0.2                 |
# |  10.50.0.2, .10 to .25    |           |                            |
# +---------------------------+           +----------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"
# shellcheck source=ovs.sh
. "$(dirname "${BASH_SOURCE[0]}")/ovs.sh"

require_nbond
require_bondctl
require_lacpd
require_ovs
nbond_reload kind=bond
# The commands are shown as an operator types them.
PATH=$NBOND_TOP/ctl:$NBOND_TOP/lacpd:$PATH

readonly PEERS=16
readonly PINGS_PER_PEER=50

say() {
	printf '\n### %s\n' "$*"
}

# What an operator would look at in the output above.
look() {
	local line
	for line in "$@"; do
		printf '    -> %s\n' "$line"
	done
}

on_host() {
	echo "host# $*"
	ip netns exec "$HOST" "$@"
}

on_switch() {
	echo "switch# $*"
	ip netns exec "$SWITCH" "$@"
}

# "1 packet", "2 packets".
packets() {
	if [[ $1 == 1 ]]; then
		echo "1 packet"
	else
		echo "$1 packets"
	fi
}

seconds() {
	printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100))
}

# Both of the host's ports distribute and its bond has carrier.
host_converged() {
	all_distributing "$HOST" eth0 eth1 && bond_carrier_is "$HOST" bond0 1
}

port_not_distributing() {
	[[ $(proc_port_field "$HOST" bond0 "$1" distributing) == no ]]
}

# The port whose tx counter grew the most over one second.
busiest_port() {
	local port best='' most=-1 n
	local -A before
	for port in eth0 eth1; do
		before[$port]=$(link_counter "$HOST" "$port" tx_packets)
	done
	sleep 1
	for port in eth0 eth1; do
		n=$(($(link_counter "$HOST" "$port" tx_packets) - before[$port]))
		((n > most)) && { most=$n; best=$port; }
	done
	echo "$best"
}

# ---- part 1: 802.3ad with Open vSwitch ------------------------------------

HOST=$(ns_add demo-h)
SWITCH=$(ns_add demo-s)
quiet_ns "$HOST"
quiet_ns "$SWITCH"
veth_pair eth0 "$HOST" sw0 "$SWITCH"
veth_pair eth1 "$HOST" sw1 "$SWITCH"
ovs_start "$SWITCH"

say "The switch: Open vSwitch with an LACP bond over its ports sw0 and sw1"
on_switch ovs-vsctl add-br br0 -- set bridge br0 datapath_type=netdev \
	-- add-bond br0 bond0 sw0 sw1 lacp=active bond_mode=balance-tcp \
	other_config:lacp-time=fast
on_switch ip link set br0 up
on_switch ip addr add 10.50.0.2/24 dev br0

say "802.3ad on the server: the bond, its ports (warned: no lacpd yet), lacpd"
on_host bondctl create bond0 mode 802.3ad lacp_rate fast
on_host bondctl add bond0 eth0 eth1
on_host ip link set bond0 up
on_host ip addr add 10.50.0.1/24 dev bond0
echo "host# lacpd -i bond0 &"
t0=$(now_ms)
start_lacpd "$HOST" demo -i bond0
wait_until 30 host_converged ||
	fail "no LACP agreement with the switch: $(cat_proc "$HOST")"
lacp_ms=$(($(now_ms) - t0))
echo "both ports collecting and distributing $(seconds "$lacp_ms") s after lacpd started"
wait_until 10 ovs_members_attached bond0 sw0 sw1 ||
	fail "Open vSwitch did not attach both members: $(ovs-appctl lacp/show bond0)"
on_host bondctl show -d bond0
look "mode 802.3ad; each port in one aggregator, collecting and distributing" \
	"the partner system is the switch's; lacpd is attached as the agent"
on_switch ovs-appctl bond/show bond0
look "lacp_status: negotiated; both members enabled"

bond_mac=$(mac_of "$HOST" bond0)
switch_id=$(ovs_member_field bond0 sw0 'actor sys_id')
assert_eq "the switch's partner is the server's bond" \
	"$(ovs_member_field bond0 sw0 'partner sys_id')" "$bond_mac"
assert_eq "the server's partner is the switch" \
	"$(proc_port_field "$HOST" bond0 eth0 'partner system' | cut -d, -f2)" \
	"$switch_id"
assert_eq "ip -d: both ports in the active aggregator" \
	"$(bond_opt "$HOST" bond0 ad_info.num_ports)" 2

say "Spread: hash by addresses and ports, then ping $PEERS addresses of the switch"
on_host bondctl set bond0 xmit_hash_policy layer3+4
echo "switch# for i in \$(seq 10 $((9 + PEERS))); do ip addr add 10.50.0.\$i/24 dev br0; done"
for ((i = 10; i < 10 + PEERS; i++)); do
	ip -n "$SWITCH" addr add "10.50.0.$i/24" dev br0
done
declare -A tx0 rx0 tx rx
for port in eth0 eth1; do
	tx0[$port]=$(link_counter "$HOST" "$port" tx_packets)
	rx0[$port]=$(link_counter "$HOST" "$port" rx_packets)
done
echo "host# for i in \$(seq 10 $((9 + PEERS))); do ping -q -c $PINGS_PER_PEER -i 0.01 10.50.0.\$i; done"
for ((i = 10; i < 10 + PEERS; i++)); do
	in_ns "$HOST" ping -q -c "$PINGS_PER_PEER" -i 0.01 -W 1 "10.50.0.$i" \
		>"$RESULTS_DIR/spread.ping" 2>&1 ||
		fail "no ping to 10.50.0.$i: $(cat "$RESULTS_DIR/spread.ping"; ip -n "$HOST" neigh; ovs-appctl dpctl/dump-flows; ovs-appctl bond/show; ip -n "$HOST" -s link)"
done
printf '    %-6s %12s %12s\n' port "tx packets" "rx packets"
for port in eth0 eth1; do
	tx[$port]=$(($(link_counter "$HOST" "$port" tx_packets) - tx0[$port]))
	rx[$port]=$(($(link_counter "$HOST" "$port" rx_packets) - rx0[$port]))
	printf '    %-6s %12d %12d\n' "$port" "${tx[$port]}" "${rx[$port]}"
done
look "tx: the server spreads what it sends over both ports, by flow" \
	"rx: the switch chooses the port for its replies (OVS balance-tcp" \
	"moves flows between its ports as it rebalances, every 10 s)"
# A port that carried no flow sends only LACPDUs and ARP, about one
# packet a second: one flow alone is $PINGS_PER_PEER packets.
for port in eth0 eth1; do
	assert_ge "$port sent at least one flow" "${tx[$port]}" \
		$((PINGS_PER_PEER * 4 / 5))
done

say "Pull a cable: the one that carries a ping stream to 10.50.0.2"
start_stream "$HOST" 10.50.0.2 lacp
echo "host# ping -D -i 0.01 10.50.0.2 &"
pulled=$(busiest_port)
sw=sw${pulled#eth}
echo "the stream leaves through $pulled; its cable ends at the switch's $sw"
on_switch ip link set "$sw" down
wait_until 10 port_not_distributing "$pulled" ||
	fail "$pulled still distributes after its cable was pulled"
sleep 1
on_host bondctl show bond0
look "$pulled: mii status down, no longer distributing; the bond keeps" \
	"its carrier on the other port, and the stream goes on there"
assert_eq "the bond kept its carrier" "$(bond_carrier "$HOST" bond0)" 1
stop_stream lacp
pull_lost=$(stream_lost lacp)
pull_gap=$(stream_gap_ms lacp)
echo "the stream lost $(packets "$pull_lost"); longest gap between replies $pull_gap ms"
assert_le "the stream lost at most 50 packets (10 ms apart)" "$pull_lost" 50

say "Plug it back: the port rejoins the aggregate"
t0=$(now_ms)
on_switch ip link set "$sw" up
wait_until 30 host_converged ||
	fail "$pulled did not rejoin: $(cat_proc "$HOST")"
rejoin_ms=$(($(now_ms) - t0))
echo "$pulled distributing again $(seconds "$rejoin_ms") s after its cable came back"
on_host ip -d link show "$pulled"
look "bond_slave ... ad_actor_oper_port_state 63: active, fast, in sync," \
	"collecting and distributing"
stop_lacpd demo

# ---- part 2: active-backup ------------------------------------------------

HOST=$(ns_add demo-ab)
SWITCH=$(ns_add demo-as)
quiet_ns "$HOST"
quiet_ns "$SWITCH"
bridge_switch "$SWITCH" "$HOST" 10.60.0.2/24 eth sw 2

say "active-backup with plain iproute2: nbond is loaded with kind=bond"
on_host ip link add bond0 type bond mode active-backup miimon 100 primary eth0
on_host ip link set eth0 master bond0
on_host ip link set eth1 master bond0
on_host ip link set bond0 up
on_host ip addr add 10.60.0.1/24 dev bond0
wait_until 10 in_ns "$HOST" ping -c 1 -W 1 10.60.0.2 >/dev/null ||
	fail "no path to the switch"
on_host cat /proc/net/nbond/bond0
look "active port eth0 (the primary), both ports' mii status up"

say "Cut the active link under a ping stream; bondctl monitor records"
echo "host# ping -D -i 0.01 10.60.0.2 &"
start_stream "$HOST" 10.60.0.2 failover
echo "host# bondctl monitor &"
ip netns exec "$HOST" bondctl monitor >"$RESULTS_DIR/demo.events" 2>&1 &
on_exit "kill $! 2>/dev/null || true"
sleep 1
on_switch ip link set sw0 down
wait_until 5 active_is "$HOST" bond0 eth1 || fail "no failover"
echo "active port: $(bond_active "$HOST" bond0)"
sleep 1
stop_stream failover
fail_lost=$(stream_lost failover)
fail_gap=$(stream_gap_ms failover)
echo "failover: the stream lost $(packets "$fail_lost"); longest gap $fail_gap ms"

say "Restore it: eth0 is the primary, so it takes over again"
start_stream "$HOST" 10.60.0.2 failback
on_switch ip link set sw0 up
wait_until 5 active_is "$HOST" bond0 eth0 || fail "no failback"
echo "active port: $(bond_active "$HOST" bond0)"
sleep 1
stop_stream failback
back_lost=$(stream_lost failback)
back_gap=$(stream_gap_ms failback)
echo "failback: the stream lost $(packets "$back_lost"); longest gap $back_gap ms"
on_host bondctl show -d bond0
look "eth0 active again, since when, and why it last changed"

say "A failover drill: bondctl takes the active port out of use (its link"
echo "    stays up), waits for the takeover, holds, restores it; three times"
start_stream "$HOST" 10.60.0.2 drill
on_host bondctl drill bond0 --cycles 3 --hold 0.5 | tee "$RESULTS_DIR/drill.txt"
look "each cycle's takeover time, from the driver's own event timestamps"
sleep 1
stop_stream drill
drill_lost=$(stream_lost drill)
drill_line=$(tail -n 1 "$RESULTS_DIR/drill.txt")
takeover=$(echo "$drill_line" | sed -n 's/.*\(takeover min [^,]*, median [^,]*, max [^,]*\),.*/\1/p')
[[ -n $takeover ]] || fail "no takeover times in: $drill_line"
assert_true "the drill restored every cycle" \
	grep -q 'restored 3/3$' "$RESULTS_DIR/drill.txt"

say "The driver's events, as bondctl monitor printed them"
cat "$RESULTS_DIR/demo.events"
look "port down, active changed to eth1; port up, active back to eth0"

assert_le "failover: the stream lost at most 50 packets" "$fail_lost" 50
assert_le "failback: the stream lost at most 50 packets" "$back_lost" 50
assert_le "drill: the stream lost at most 50 packets" "$drill_lost" 50

# ---- summary ----------------------------------------------------------------

if dmesg | grep -q 'Hypervisor detected: KVM'; then
	say "Summary (kernel $(uname -r), under KVM)"
else
	say "Summary (kernel $(uname -r), under software emulation: times are" \
		"about 10x those of hardware)"
fi
printf '  %-34s %s\n' \
	"802.3ad with Open vSwitch" "distributing on both ports $(seconds "$lacp_ms") s after lacpd started" \
	"  spread over $PEERS peers" "eth0 tx ${tx[eth0]} rx ${rx[eth0]}, eth1 tx ${tx[eth1]} rx ${rx[eth1]} packets" \
	"  cable pull ($pulled)" "gap $pull_gap ms, $(packets "$pull_lost") lost; back in $(seconds "$rejoin_ms") s" \
	"active-backup failover" "gap $fail_gap ms, $(packets "$fail_lost") lost" \
	"active-backup failback" "gap $back_gap ms, $(packets "$back_lost") lost" \
	"bondctl drill, 3 cycles" "$takeover; $(packets "$drill_lost") lost" \
	"packets lost in all" "$((pull_lost + fail_lost + back_lost + drill_lost)) (pings 10 ms apart)"
