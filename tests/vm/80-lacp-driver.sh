#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 80-lacp-driver: the driver's side of 802.3ad before any LACP agent
# speaks: every LACP option is stored and reported like bonding.ko's, the
# ports listen to 01:80:c2:00:00:02 (also while the bond is down, and no
# longer once released), the bond has no carrier and transmits nothing
# while no port distributes, the 3ad xstats exist, and /proc and bondctl
# say that no agent is attached. Then an agent's LACP_SET in one batch
# (NBOND_A_PORTS): refused whole when one entry is bad, else every port
# set.
#
#  +------------------ lacp-h-PID ------------------+
#  |  bond0 (802.3ad) --+-- e0 ====veth==== p0      |
#  |                    +-- e1 ====veth==== p1      |
#  +------------------------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
nbond_reload kind=bond

H=$(ns_add lacp-h)
quiet_ns "$H"
looped_ports "$H" 2

has_slow_mcast() {
	ip -n "$H" maddr show dev "$1" | grep -q '01:80:c2:00:00:02'
}

step "every LACP option is stored and reported"
ip -n "$H" link add bond0 type bond mode 802.3ad lacp_rate fast \
	ad_select bandwidth ad_actor_sys_prio 1000 ad_user_port_key 7 \
	ad_actor_system 02:00:00:00:00:aa lacp_active off min_links 2 \
	xmit_hash_policy layer3+4
assert_eq "mode" "$(bond_opt "$H" bond0 mode)" 802.3ad
assert_eq "lacp_rate" "$(bond_opt "$H" bond0 ad_lacp_rate)" fast
assert_eq "ad_select" "$(bond_opt "$H" bond0 ad_select)" bandwidth
assert_eq "ad_actor_sys_prio" "$(bond_opt "$H" bond0 ad_actor_sys_prio)" 1000
assert_eq "ad_user_port_key" "$(bond_opt "$H" bond0 ad_user_port_key)" 7
assert_eq "ad_actor_system" "$(bond_opt "$H" bond0 ad_actor_system)" \
	02:00:00:00:00:aa
assert_eq "lacp_active" "$(bond_opt "$H" bond0 ad_lacp_active)" off
assert_eq "min_links" "$(bond_opt "$H" bond0 min_links)" 2
assert_eq "no aggregator yet" "$(bond_opt "$H" bond0 ad_info)" ""
ip -n "$H" link set bond0 type bond lacp_rate slow
assert_eq "lacp_rate changed while down" \
	"$(bond_opt "$H" bond0 ad_lacp_rate)" slow

step "ports listen to the slow-protocols group while the bond is up, as with bonding.ko"
add_ports "$H" bond0 e0 e1
for port in e0 e1; do
	if has_slow_mcast "$port"; then
		fail "$port has 01:80:c2:00:00:02 while the bond is down"
	fi
done
pass "the ports do not listen while the bond is down"
assert_eq "proc: no agent" "$(proc_field "$H" bond0 'lacp agent')" none
assert_eq "proc: e0 not distributing" \
	"$(proc_port_field "$H" bond0 e0 distributing)" no
assert_eq "bondctl: no port usable" \
	"$("$BONDCTL" -n "$H" -j show bond0 | jq -r '[.[0].ports[].usable] | unique | join(",")')" false

step "no distributing port: no carrier, nothing transmitted"
ip -n "$H" link set bond0 up
assert_true "e0 has 01:80:c2:00:00:02" has_slow_mcast e0
assert_true "e1 has 01:80:c2:00:00:02" has_slow_mcast e1
ip -n "$H" addr add 10.80.0.1/24 dev bond0
sleep 1
assert_eq "bond carrier" "$(bond_carrier "$H" bond0)" 0
tx0=$(link_counter "$H" e0 tx_packets)
tx1=$(link_counter "$H" e1 tx_packets)
in_ns "$H" ping -c 3 -i 0.2 -W 1 10.80.0.2 >/dev/null 2>&1 || true
assert_le "e0 sent nothing" "$(link_counter "$H" e0 tx_packets)" "$tx0"
assert_le "e1 sent nothing" "$(link_counter "$H" e1 tx_packets)" "$tx1"

step "3ad xstats are there, as bonding.ko gives them (zero: no agent yet)"
# iproute2 6.1's "ip link xstats type bond" overruns its stack (with
# bonding.ko as well); "ip stats" reads the same attributes.
xstats=$(ip -n "$H" -j stats show dev bond0 group xstats subgroup bond)
echo "$xstats"
assert_eq "bond: suite 802.3ad" "$(jq -r '.[0].suite' <<<"$xstats")" 802.3ad
assert_eq "bond: nine counters, all 0" \
	"$(jq -c '[.[0]["802.3ad"][]] | [length, add]' <<<"$xstats")" "[9,0]"
xstats=$(ip -n "$H" -j stats show dev e0 group xstats_slave subgroup bond)
assert_eq "port: lacpdu_rx" \
	"$(jq -r '.[0]["802.3ad"].lacpdu_rx' <<<"$xstats")" 0

step "release: the group address goes with the port"
ip -n "$H" link set e1 nomaster
assert_true "e1 no longer has 01:80:c2:00:00:02" \
	bash -c "! ip -n $H maddr show dev e1 | grep -q 01:80:c2:00:00:02"
assert_true "e0 still has it" has_slow_mcast e0
ip -n "$H" link del bond0
assert_true "e0 no longer has it" \
	bash -c "! ip -n $H maddr show dev e0 | grep -q 01:80:c2:00:00:02"

step "LACP_SET in a batch: validated whole, then every port set"
AGENT=$NBOND_TOP/tests/vm/lacp_agent.py
ip -n "$H" link add bond1 type bond mode 802.3ad miimon 100
add_ports "$H" bond1 e0 e1
ip -n "$H" link set bond1 up
out=$(in_ns "$H" python3 "$AGENT" --bad-batch bond1 </dev/null 2>&1) && rc=0 ||
	rc=$?
# The policy's error: ERANGE (Selected beyond the policy's maximum) on
# 6.1 and 6.12; EINVAL, a generic refusal, would do as well.
case $rc/$out in
"1/lacp_agent.py: LACP_SET: Invalid argument" | \
"1/lacp_agent.py: LACP_SET: Numerical result out of range")
	pass "a batch with one bad entry is refused ($out)"
	;;
*)
	fail "a batch with one bad entry: got '$rc/$out'"
	;;
esac
for port in e0 e1; do
	assert_eq "and $port was not set" \
		"$(proc_port_field "$H" bond1 "$port" distributing)" no
done
coproc BATCH { in_ns "$H" python3 "$AGENT" --batch bond1; }
read -r -t 30 line <&"${BATCH[0]}" || fail "the batching agent said nothing"
assert_eq "the agent's batch was taken" "$line" "ready e0 e1"
for port in e0 e1; do
	assert_eq "$port distributing" \
		"$(proc_port_field "$H" bond1 "$port" distributing)" yes
done
wait_until 10 bond_carrier_is "$H" bond1 1 || fail "bond1 has no carrier"
eval "exec ${BATCH[1]}>&-"
wait "$BATCH_PID" || true
ip -n "$H" link del bond1
