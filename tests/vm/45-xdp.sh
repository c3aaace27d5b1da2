#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 45-xdp: XDP through a bond of veth ports in native XDP mode.
#
#  +------------------ xdp-h-PID ------------------+    +--- xdp-p-PID ---+
#  |                                               |    |                 |
#  |  bond0 (ifindex 4242) --+-- e0 ===============|====|== p0 [xdp/pass] |
#  |  [xdp/tx: on its ports] +-- e1 ===============|====|== p1 [xdp/pass] |
#  |                         +.. e2 ===============|====|== p2 [xdp/pass] |
#  |                         +.. d0 (dummy)        |    |                 |
#  |                                               |    |                 |
#  |  r0 [xdp/redirect to bond0] ==================|====|== g0             |
#  +-----------------------------------------------+    +-----------------+
#
# The bond's program (tests/vm/xdp_prog.c, xdp/tx) sends back with XDP_TX
# the test frames (IPv4 UDP to port 9) a port receives; r0's sends them to
# the bond (bpf_redirect, the bond's ndo_xdp_xmit). p0..p2 run xdp/pass so
# that their peers take XDP frames. Frames are sent and counted by
# tests/vm/xdp_frames.py: 16 flows (source ports), twice each.
#
# First nbond as loaded (kind=nbond, balance-rr): a program attaches, a
# redirect to the bond spreads by turns, and XDP_TX leaves by the port
# that received the frame (the stack asks a bond for the port only for a
# port marked IFF_BONDING, which nbond does only under kind=bond).
# Then the same checks, whose output must be equal, with bonding.ko and
# with nbond kind=bond (like_bonding):
#  - attach in every mode: refused in broadcast, balance-tlb, balance-alb
#    and with xmit_hash_policy vlan+srcmac; refused with a port without
#    native XDP (dummy), and such a port refused while attached, as is a
#    port with a program of its own; a port added later runs the program
#    (its frames come back) and a port that leaves does not; a mode
#    change to broadcast and xmit_hash_policy vlan+srcmac are refused
#    while attached; detaching takes it off every port; `ip -d link`
#    shows the program on the bond, not on its ports; a port deleted
#    under the program leaves the others running it;
#  - in balance-rr, active-backup, balance-xor (layer2, layer2+3,
#    layer3+4) and 802.3ad (layer3+4): XDP_TX from a port and a redirect
#    to the bond send each frame by the port the skb path gives the same
#    bytes (a packet socket on the bond): per flow in the hashing modes,
#    turn by turn in balance-rr (an even split), the active port in
#    active-backup. nbond's 802.3ad ports are made distributing by
#    lacp_agent.py; bonding.ko's distribute on one port (no partner).
# Last, every program the bonds held is freed (no reference left).
#
# nbond-vm: timeout 1500

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"
# shellcheck source=xdp.sh
. "$(dirname "${BASH_SOURCE[0]}")/xdp.sh"

require_nbond
require_cmd clang jq python3 taskset
require_module bonding
require_module dummy

readonly FLOWS=16 ROUNDS=2
readonly FRAMES=$((FLOWS * ROUNDS))
readonly P_MAC=02:45:00:00:00:02
AGENT=$(dirname "${BASH_SOURCE[0]}")/lacp_agent.py
readonly AGENT
OBJ=$RESULTS_DIR/xdp_prog.o
readonly OBJ
xdp_build "$OBJ"

H=$(ns_add xdp-h)
P=$(ns_add xdp-p)
quiet_ns "$H"
quiet_ns "$P"
for i in 0 1 2; do
	veth_pair "e$i" "$H" "p$i" "$P"
	ip -n "$P" link set "p$i" xdp obj "$OBJ" sec xdp/pass
done
veth_pair r0 "$H" g0 "$P"
ip -n "$H" link set r0 xdp obj "$OBJ" sec xdp/redirect
ip -n "$H" link add d0 type dummy
ip -n "$P" link set g0 address "$P_MAC"
for i in 0 1 2; do
	ip -n "$P" link set "p$i" address "$P_MAC"
done
BASE_PROGS=$(bpf_prog_ids)
echo "BPF programs before the bonds: ${BASE_PROGS:-none}"
# The ids of the programs attached to bonds, one a line.
BOND_PROGS=$RESULTS_DIR/bond-progs
: >"$BOND_PROGS"

# ---- helpers ----------------------------------------------------------------

# frames NS DEV: send the test frames out of DEV (in NS) to bond0's
# address; prints "pN COUNT FLOWS" for p0, p1 and p2.
frames() {
	local dst
	dst=$(mac_of "$H" bond0)
	taskset -c 0 python3 "$XDP_FRAMES" send "$1" "$2" "$P" p0,p1,p2 \
		"$P_MAC" "$dst" "$FLOWS" "$ROUNDS"
}

# count LINES DEV: the frames DEV received, from frames' output.
count() {
	awk -v d="$2" '$1 == d { print $2 }' <<<"$1"
}

total() {
	awk '{ n += $2 } END { print n + 0 }' <<<"$1"
}

# flows LINES: "DEV FLOWS" of the devices that received frames.
flows() {
	awk '$2 > 0 { print $1, $3 }' <<<"$1"
}

yes_no() {
	if "$@"; then echo yes; else echo no; fi
}

# attach: the bond's program; prints ok or refused (the error to stderr).
attach() {
	if ip -n "$H" link set dev bond0 xdp obj "$OBJ" sec xdp/tx >&2; then
		xdp_prog_id "$H" bond0 >>"$BOND_PROGS"
		echo ok
	else
		echo refused
	fi
}

detach() {
	ip -n "$H" link set dev bond0 xdp off
}

rc_word() {
	if "$@" >&2; then echo ok; else echo refused; fi
}

AGENT_PID=
make_bond() {
	local mode=$1 i
	shift
	ip -n "$H" link add bond0 index 4242 type bond mode "$mode" \
		miimon 100 "$@"
}

# up_bond PORT...: the ports in, the bond up with carrier (802.3ad: nbond's
# ports distributing, by the agent).
up_bond() {
	add_ports "$H" bond0 "$@"
	ip -n "$H" link set bond0 up
	if [[ $DRIVER == nbond && $(bond_opt "$H" bond0 mode) == 802.3ad ]]; then
		coproc AGENT_PROC {
			ip netns exec "$H" python3 "$AGENT" bond0 2>&1
		}
		AGENT_PID=$AGENT_PROC_PID
		local line
		read -r -u "${AGENT_PROC[0]}" line ||
			fail "lacp_agent.py did not attach"
		[[ $line == ready* ]] || fail "lacp_agent.py: $line"
	fi
	wait_until 20 bond_carrier_is "$H" bond0 1 ||
		fail "$DRIVER: bond0 has no carrier"
}

del_bond() {
	if [[ -n $AGENT_PID ]]; then
		local in=${AGENT_PROC[1]}
		exec {in}>&-
		wait "$AGENT_PID" 2>/dev/null || true
		AGENT_PID=
	fi
	ip -n "$H" link del bond0
}

# returns DEV...: the DEVs whose frames, sent into H's end, come back
# (a program there sends them back with XDP_TX), or "none".
returns() {
	local dev out back=
	for dev in "$@"; do
		out=$(frames "$P" "$dev")
		echo "  from $dev: $out" >&2
		[[ $(total "$out") -eq 0 ]] || back+=" $dev"
	done
	back=${back# }
	echo "${back:-none}"
}

# ---- kind=nbond -------------------------------------------------------------

step "kind=nbond: balance-rr"
DRIVER=nbond
ip -n "$H" link add bond0 index 4242 type nbond
up_bond e0 e1
assert_eq "attach" "$(attach)" ok
assert_true "bond0 shows its program" test -n "$(xdp_prog_id "$H" bond0)"
out=$(frames "$P" g0)
echo "$out"
assert_eq "redirect: every frame out" "$(total "$out")" "$FRAMES"
assert_eq "redirect: p0's turns" "$(count "$out" p0)" $((FRAMES / 2))
assert_eq "redirect: p1's turns" "$(count "$out" p1)" $((FRAMES / 2))
out=$(frames "$P" p0)
echo "$out"
assert_eq "XDP_TX: every frame back by the port it came in by" \
	"$(count "$out" p0)" "$FRAMES"
detach
assert_eq "detached" "$(xdp_prog_id "$H" bond0)" ""
del_bond

# ---- like bonding.ko ----------------------------------------------------------

# The XDP paths against the skb path of the same bytes, in MODE with
# OPTIONs; prints the verdicts.
traffic() {
	local mode=$1 ref tx rd
	shift
	make_bond "$mode" "$@"
	up_bond e0 e1
	echo "-- $mode $*: attach $(attach)"
	ref=$(frames "$H" bond0)
	tx=$(frames "$P" p0)
	rd=$(frames "$P" g0)
	printf 'skb path:\n%s\nXDP_TX:\n%s\nredirect:\n%s\n' "$ref" "$tx" \
		"$rd" >&2
	echo "every frame out: skb $(total "$ref"), XDP_TX $(total "$tx"), redirect $(total "$rd")"
	case $mode in
	balance-rr)
		echo "XDP_TX split evenly: $(yes_no test "$(count "$tx" p0)" = $((FRAMES / 2)))"
		echo "redirect split evenly: $(yes_no test "$(count "$rd" p0)" = $((FRAMES / 2)))"
		;;
	active-backup)
		echo "active port: $(bond_active "$H" bond0)"
		echo "XDP_TX on p0 only: $(yes_no test "$(count "$tx" p0)" = "$FRAMES")"
		echo "redirect on p0 only: $(yes_no test "$(count "$rd" p0)" = "$FRAMES")"
		;;
	*)
		echo "XDP_TX flows as the skb path's: $(yes_no test "$(flows "$tx")" = "$(flows "$ref")")"
		echo "redirect flows as the skb path's: $(yes_no test "$(flows "$rd")" = "$(flows "$ref")")"
		if [[ $DRIVER == nbond && $* == *layer3+4* ]]; then
			# Not compared: bonding.ko's 802.3ad uses one port.
			assert_eq "$mode $*: both ports carry flows" \
				"$(flows "$ref" | wc -l)" 2 >&2
		fi
		;;
	esac
	detach
	del_bond
}

xdp_checks() {
	local mode

	step "attach in each mode (no ports)"
	for mode in balance-rr active-backup balance-xor 802.3ad broadcast \
		balance-tlb balance-alb; do
		make_bond "$mode"
		echo "attach in $mode: $(attach)"
		detach
		del_bond
	done
	make_bond balance-xor xmit_hash_policy vlan+srcmac
	echo "attach with vlan+srcmac: $(attach)"
	del_bond

	step "ports"
	make_bond balance-xor xmit_hash_policy layer3+4
	up_bond e0 d0
	echo "attach with a dummy port: $(attach)"
	ip -n "$H" link set d0 nomaster
	echo "attach without it: $(attach)"
	echo "bond0 shows a program: $(yes_no test -n "$(xdp_prog_id "$H" bond0)")"
	echo "e0 shows a program: $(yes_no test -n "$(xdp_prog_id "$H" e0)")"
	ip -n "$H" link set d0 down
	echo "enslave a dummy: $(rc_word ip -n "$H" link set d0 master bond0)"
	ip -n "$H" link set e2 down
	ip -n "$H" link set e2 xdp obj "$OBJ" sec xdp/pass
	echo "enslave a port with its own program: $(rc_word ip -n "$H" link set e2 master bond0)"
	ip -n "$H" link set e2 xdp off
	echo "enslave it without: $(rc_word ip -n "$H" link set e2 master bond0)"
	ip -n "$H" link set e1 down
	ip -n "$H" link set e1 master bond0
	ip -n "$H" link set e1 up
	ip -n "$H" link set e2 up
	wait_until 10 test "$(port_field "$H" e2 mii_status)" = UP ||
		fail "e2 is not up in the bond"
	echo "frames come back from: $(returns p0 p1 p2)"
	echo "xmit_hash_policy vlan+srcmac: $(rc_word ip -n "$H" link set bond0 type bond xmit_hash_policy vlan+srcmac)"
	echo "xmit_hash_policy layer2+3: $(rc_word ip -n "$H" link set bond0 type bond xmit_hash_policy layer2+3)"
	# Up again out of the bond: a program left on e1 would still run.
	ip -n "$H" link set e1 nomaster
	ip -n "$H" link set e1 up
	echo "e1 released: frames come back from: $(returns p0 p1 p2)"
	detach
	echo "detached: bond0 shows a program: $(yes_no test -n "$(xdp_prog_id "$H" bond0)")"
	echo "detached: frames come back from: $(returns p0 p1 p2)"
	echo "attach again: $(attach)"
	ip -n "$H" link set e0 nomaster
	ip -n "$H" link set e2 nomaster
	ip -n "$H" link set bond0 down
	echo "mode broadcast, attached: $(rc_word ip -n "$H" link set bond0 type bond mode broadcast)"
	echo "mode active-backup, attached: $(rc_word ip -n "$H" link set bond0 type bond mode active-backup)"
	del_bond

	step "a port deleted under the program"
	ip link add t0 netns "$H" type veth peer name u0 netns "$P"
	ip -n "$P" link set u0 xdp obj "$OBJ" sec xdp/pass
	ip -n "$P" link set u0 up
	make_bond balance-xor xmit_hash_policy layer3+4
	up_bond e0 t0
	echo "attach: $(attach)"
	ip -n "$H" link del t0
	echo "after t0 went: ports $(ip -n "$H" -j link show master bond0 | jq -r '[.[].ifname] | join(" ")'), frames come back from: $(returns p0)"
	detach
	del_bond

	step "traffic"
	traffic balance-rr
	traffic active-backup
	traffic balance-xor xmit_hash_policy layer2
	traffic balance-xor xmit_hash_policy layer2+3
	traffic balance-xor xmit_hash_policy layer3+4
	traffic 802.3ad xmit_hash_policy layer3+4
}

bonding_driver() {
	if [[ -d /sys/module/bonding ]]; then echo bonding; else echo nbond; fi
}

checks() {
	DRIVER=$(bonding_driver)
	xdp_checks
}
like_bonding checks "XDP with nbond differs from bonding.ko's"

step "every program the bonds held is freed"
progs_back() {
	[[ $(bpf_prog_ids) == "$BASE_PROGS" ]]
}
assert_ge "programs the bonds held" "$(wc -l <"$BOND_PROGS")" 10
wait_until 10 progs_back ||
	fail "programs still loaded: $(bpf_prog_ids), before: $BASE_PROGS; the bonds': $(tr '\n' ' ' <"$BOND_PROGS")"
pass "the BPF programs left are those of before (${BASE_PROGS:-none})"
