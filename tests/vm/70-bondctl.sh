#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 70-bondctl: every bondctl command against the driver, each effect read
# back through `ip -j -d link show` and /proc/net/nbond; bondctl's own
# show output is checked against the same facts. All commands run with
# -n NETNS, as an operator would address a namespace.
#
#  +--------- ctl-h-PID ---------+        +---------- ctl-s-PID ----------+
#  |                             |  veth  |                               |
#  |  bond0 ---+-- e0 ===========|========|== s0 --+                      |
#  | 10.70.0.1 |                 |        |        +-- br0 10.70.0.2      |
#  |           +-- e1 ===========|========|== s1 --+                      |
#  |              e2 ===========|========|== s2 --+  (spare)             |
#  +-----------------------------+        +-------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
# kind=bond: iproute2 decodes IFLA_BOND_* only for the kind "bond".
nbond_reload kind=bond

H=$(ns_add ctl-h)
S=$(ns_add ctl-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.70.0.2/24 e s 3

ctl() { "$BONDCTL" -n "$H" "$@"; }

show_json() {
	ctl -j -d -s show "$@"
}

step "create with options"
ctl create bond0 mode active-backup miimon 100 primary_reselect better \
	num_grat_arp 3
assert_eq "kind" "$(ip_json "$H" bond0 | jq -r '.[0].linkinfo.info_kind')" bond
assert_eq "mode" "$(bond_opt "$H" bond0 mode)" active-backup
assert_eq "miimon" "$(bond_opt "$H" bond0 miimon)" 100
assert_eq "primary_reselect" "$(bond_opt "$H" bond0 primary_reselect)" better
assert_eq "num_grat_arp" "$(bond_opt "$H" bond0 num_peer_notif)" 3
assert_eq "proc mode" "$(proc_field "$H" bond0 mode)" active-backup

step "set several options in one request"
ctl set bond0 updelay 200 downdelay 300 xmit_hash_policy layer3+4
assert_eq "updelay" "$(bond_opt "$H" bond0 updelay)" 200
assert_eq "downdelay" "$(bond_opt "$H" bond0 downdelay)" 300
assert_eq "xmit_hash_policy" "$(bond_opt "$H" bond0 xmit_hash_policy)" layer3+4
assert_eq "proc updelay" "$(proc_field "$H" bond0 updelay)" "200 ms"
ctl set bond0 updelay 0 downdelay 0

step "add ports"
ctl add bond0 e0 e1
assert_eq "e0 master" "$(port_master "$H" e0)" bond0
assert_eq "e1 master" "$(port_master "$H" e1)" bond0
assert_eq "proc ports" "$(proc_field "$H" bond0 ports)" 2
ip -n "$H" link set bond0 up
ip -n "$H" addr add 10.70.0.1/24 dev bond0
wait_until 10 in_ns "$H" ping -c 1 -W 1 10.70.0.2 >/dev/null ||
	fail "no ping over the bond"
assert_eq "active port" "$(bond_active "$H" bond0)" e0

step "bash completion offers the namespace's bonds and ports"
(
	# shellcheck source=../completion/complete.sh
	source "$NBOND_TOP/tests/completion/complete.sh"
	c() { complete_line "bondctl -n $H $1" | tr '\n' ' '; }
	assert_eq "show: the bonds" "$(c "show ")" "bond0 "
	assert_eq "remove: the bond's ports" "$(c "remove bond0 ")" "e0 e1 "
	# Free devices: e2, and whatever the kernel puts in every
	# namespace (sit0 where IPv6-in-IPv4 is built in), never a port,
	# a bond or lo.
	free=" $(c "add bond0 ")"
	assert_true "add: the free device e2" \
		bash -c "[[ '$free' == *' e2 '* ]]"
	assert_true "add: no port, bond or lo" \
		bash -c "[[ '$free' != *' e0 '* && '$free' != *' e1 '* && '$free' != *' bond0 '* && '$free' != *' lo '* ]]"
	assert_eq "set primary: the bond's ports" \
		"$(c "set bond0 primary ")" "e0 e1 "
	assert_eq "port set: ports of every bond" "$(c "port set ")" "e0 e1 "
	assert_eq "drill --port: the bond's ports" \
		"$(c "drill bond0 --port ")" "e0 e1 "
	assert_true "-n: the namespaces" \
		bash -c "[[ ' $(complete_line "bondctl -n " | tr '\n' ' ') ' == *' $H '* ]]"
)

step "show -j agrees with the driver"
json=$(show_json bond0)
assert_eq "one bond" "$(jq length <<<"$json")" 1
assert_eq "name" "$(jq -r '.[0].name' <<<"$json")" bond0
assert_eq "mode" "$(jq -r '.[0].mode' <<<"$json")" active-backup
assert_eq "carrier" "$(jq -r '.[0].carrier' <<<"$json")" up
assert_eq "active" "$(jq -r '.[0].active' <<<"$json")" e0
assert_eq "ports" "$(jq -r '[.[0].ports[].name] | join(",")' <<<"$json")" e0,e1
assert_eq "e0 role" "$(jq -r '.[0].ports[0].role' <<<"$json")" active
assert_eq "e1 role" "$(jq -r '.[0].ports[1].role' <<<"$json")" backup
assert_eq "e1 link" "$(jq -r '.[0].ports[1].link' <<<"$json")" up
assert_eq "options miimon" "$(jq -r '.[0].options.miimon' <<<"$json")" 100
assert_eq "options primary_reselect" \
	"$(jq -r '.[0].options.primary_reselect' <<<"$json")" better
# The bond may send (ARP, peer notification) while we look: bracket it.
tx_before=$(link_counter "$H" bond0 tx_packets)
tx=$(show_json bond0 | jq -r '.[0].stats.tx_packets')
tx_after=$(link_counter "$H" bond0 tx_packets)
assert_ge "bond tx_packets as the kernel counts (from)" "$tx" "$tx_before"
assert_le "bond tx_packets as the kernel counts (to)" "$tx" "$tx_after"
assert_eq "show without a name lists it too" \
	"$(ctl show -j | jq -r '[.[].name] | join(",")')" bond0

step "show text marks the active port"
text=$(ctl show bond0)
echo "$text"
assert_true "bond line names the mode" grep -q "active-backup" <<<"$text"
assert_true "e0 is marked active" grep -Eq '^\s*\*\s*e0\b' <<<"$text"
assert_true "e1 is not marked" grep -Eq '^\s+e1\b' <<<"$text"

step "port set prio and queue_id"
ctl port set e1 prio 10 queue_id 2
assert_eq "e1 prio" "$(port_field "$H" e1 prio)" 10
assert_eq "e1 queue_id" "$(port_field "$H" e1 queue_id)" 2
assert_eq "proc e1 prio" "$(proc_port_field "$H" bond0 e1 prio)" 10

step "port set down takes the active port out of use, up returns it"
ctl port set e0 down
assert_eq "proc e0 admin" "$(proc_port_field "$H" bond0 e0 admin)" down
assert_eq "e1 took over" "$(bond_active "$H" bond0)" e1
assert_eq "e0 NIC untouched (still up)" \
	"$(ip -n "$H" -j link show dev e0 | jq -r '.[0].flags | index("UP") != null')" true
assert_eq "show: e0 admin down" \
	"$(show_json bond0 | jq -r '.[0].ports[0].admin')" down
in_ns "$H" ping -c 3 -i 0.2 -W 1 10.70.0.2 >/dev/null || fail "no ping over e1"
tx0=$(link_counter "$H" e0 tx_packets)
in_ns "$H" ping -q -c 20 -i 0.02 10.70.0.2 >/dev/null
assert_le "e0 sends nothing while admin down" \
	"$(link_counter "$H" e0 tx_packets)" "$tx0"
ctl port set e0 up
assert_eq "proc e0 admin" "$(proc_port_field "$H" bond0 e0 admin)" up
assert_eq "e0 usable again" "$(show_json bond0 | jq -r '.[0].ports[0].usable')" true

step "remove a port"
ctl remove bond0 e1
assert_eq "e1 has no master" "$(port_master "$H" e1)" ""
assert_eq "proc ports" "$(proc_field "$H" bond0 ports)" 1

step "destroy"
ctl destroy bond0
assert_true "bond0 is gone" bash -c "! ip -n $H link show dev bond0 2>/dev/null"
assert_eq "e0 free again" "$(port_master "$H" e0)" ""

step "kind nbond: bondctl follows the module's kind"
nbond_reload
ctl create nb0 mode balance-xor xmit_hash_policy layer2+3 miimon 50
assert_eq "kind" "$(ip_json "$H" nb0 | jq -r '.[0].linkinfo.info_kind')" nbond
assert_eq "proc mode" "$(proc_field "$H" nb0 mode)" balance-xor
assert_eq "proc xmit hash policy" "$(proc_field "$H" nb0 'xmit hash policy')" layer2+3
assert_eq "proc miimon" "$(proc_field "$H" nb0 miimon)" "50 ms"
ctl add nb0 e0 e1 e2
assert_eq "proc ports" "$(proc_field "$H" nb0 ports)" 3
assert_eq "show -j mode" "$(show_json nb0 | jq -r '.[0].mode')" balance-xor
assert_eq "show -j options xmit_hash_policy" \
	"$(show_json nb0 | jq -r '.[0].options.xmit_hash_policy')" layer2+3
ctl remove nb0 e0 e1 e2
ctl destroy nb0
assert_true "nb0 is gone" bash -c "! ip -n $H link show dev nb0 2>/dev/null"
