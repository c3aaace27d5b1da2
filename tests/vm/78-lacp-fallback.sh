#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 78-lacp-fallback: an 802.3ad bond cabled to a switch where LACP is not
# configured (a Linux bridge). With lacp_fallback individual, the default,
# one port carries traffic as bonding.ko's does against the same bridge;
# with strict none does and the bond has no carrier. Then the switch gets
# LACP (its ports move into a bonding.ko 802.3ad bond, as an operator
# reconfigures a switch) and the bond renegotiates into a full aggregate;
# the longest gap in a ping stream across the change is printed and must
# stay within a few seconds. Last, under kind=bond, the option through
# its sysfs file, read back by bondctl.
#
#  +------ fh-PID (nbond) ------+         +---------- fs-PID ------------+
#  | bond0 10.78.0.1/24 -+- h0 =|=========|= s0 -+- br0 10.78.0.2/24     |
#  | lacpd, 802.3ad      +- h1 =|=========|= s1 -+  (then bonding.ko's   |
#  +----------------------------+         |        802.3ad bond0)        |
#                                         +------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
require_lacpd
nbond_reload kind=nbond
modprobe bonding max_bonds=0 || fail "no bonding.ko, the reference peer"
on_exit "rmmod bonding 2>/dev/null || true"

H=$(ns_add fh)
S=$(ns_add fs)
quiet_ns "$H"
quiet_ns "$S"

# The ports of H's bond0 that distribute, by name.
distributing() {
	local p
	for p in h0 h1; do
		if [[ $(proc_port_field "$H" bond0 "$p" distributing) == yes ]]
		then
			echo "$p"
		fi
	done
}

one_distributing() {
	[[ $(distributing | wc -l) -eq 1 ]] && bond_carrier_is "$H" bond0 1
}

none_distributing() {
	[[ -z $(distributing) ]] && bond_carrier_is "$H" bond0 0
}

both_distributing() {
	[[ $(distributing | wc -l) -eq 2 ]]
}

pings() {
	ip netns exec "$H" ping -c 3 -i 0.2 -W 2 "$1" >/dev/null 2>&1
}

# The bond's own reports of the option, which must agree.
fallback_everywhere() {
	local want=$1
	assert_eq "/proc/net/nbond: lacp fallback" \
		"$(proc_field "$H" bond0 'lacp fallback')" "$want"
	assert_eq "bondctl show -j: options.lacp_fallback" \
		"$("$BONDCTL" -n "$H" show -j -d bond0 |
		   jq -r '.[0].options.lacp_fallback')" "$want"
	assert_true "bondctl show -d lists it" bash -c \
		"'$BONDCTL' -n '$H' show -d bond0 |
		 grep -Eq '^ +lacp_fallback +$want\$'"
}

step "reference: bonding.ko against a switch without LACP"
bridge_switch "$S" "$H" 10.78.0.2/24 h s 2
ip -n "$H" link add bond0 type bond mode 802.3ad lacp_rate "$LACP_RATE" \
	miimon 100
add_ports "$H" bond0 h0 h1
ip -n "$H" addr add 10.78.0.1/24 dev bond0
ip -n "$H" link set bond0 up
wait_until 40 pings 10.78.0.2 ||
	fail "bonding.ko passes no traffic to the bridge"
pass "bonding.ko carries traffic over one port (its partnerless case)"
ip -n "$H" link del bond0
ip -n "$S" link del br0

step "lacp_fallback individual (default): one port carries traffic"
ip -n "$S" link add br0 type bridge
ip -n "$S" link set br0 up
ip -n "$S" addr add 10.78.0.2/24 dev br0
for i in 0 1; do
	ip -n "$S" link set "s$i" master br0
done
"$BONDCTL" -n "$H" create bond0 mode 802.3ad lacp_rate "$LACP_RATE" \
	miimon 100
"$BONDCTL" -n "$H" add bond0 h0 h1
ip -n "$H" addr add 10.78.0.1/24 dev bond0
ip -n "$H" link set bond0 up
fallback_everywhere individual
start_lacpd "$H" fh
wait_until 40 one_distributing ||
	fail "no port carries traffic: $(cat_proc "$H")"
pass "one port distributes: $(distributing)"
assert_true "its partner is defaulted" bash -c \
	"(( $(proc_port_field "$H" bond0 "$(distributing)" 'actor state') & 0x40 ))"
wait_until 20 pings 10.78.0.2 || fail "no ping over the individual port"
pass "traffic flows to the bridge"
assert_true "lacpd said why" grep -q \
	'as an individual link: no LACP partner (lacp_fallback individual)' \
	"$RESULTS_DIR/lacpd-fh.log"
sleep $((5 * NBOND_WAIT_FACTOR))
assert_true "still exactly one port after a while" one_distributing

step "lacp_fallback strict: no port, no carrier"
"$BONDCTL" -n "$H" set bond0 lacp_fallback strict
fallback_everywhere strict
wait_until 20 none_distributing ||
	fail "strict: ports still distribute: $(cat_proc "$H")"
assert_true "no ping" bash -c \
	"! ip netns exec '$H' ping -c 2 -W 1 10.78.0.2 >/dev/null"
pass "strict: the bond is down against the bridge"

step "bad input: bondctl refuses a wrong value and a wrong mode"
out=$("$BONDCTL" -n "$H" set bond0 lacp_fallback maybe 2>&1) &&
	fail "lacp_fallback maybe accepted"
grep -q 'individual' <<<"$out" || fail "no list of values: $out"
"$BONDCTL" -n "$H" create ab0 mode active-backup miimon 100
out=$("$BONDCTL" -n "$H" set ab0 miimon 250 lacp_fallback strict 2>&1) &&
	fail "lacp_fallback accepted in active-backup"
grep -q '802.3ad' <<<"$out" || fail "no reason given: $out"
assert_eq "and nothing of that set was applied" \
	"$(proc_field "$H" ab0 miimon)" "100 ms"
out=$("$BONDCTL" -n "$H" create ab1 mode balance-xor \
	lacp_fallback strict 2>&1) && fail "create balance-xor lacp_fallback accepted"
assert_true "the refused create left no bond" bash -c \
	"! ip -n '$H' link show ab1 2>/dev/null"
"$BONDCTL" -n "$H" destroy ab0
pass "refused, with the reason, leaving nothing half-done"

step "the switch gets LACP: the bond renegotiates into a full aggregate"
"$BONDCTL" -n "$H" set bond0 lacp_fallback individual
wait_until 40 one_distributing ||
	fail "individual again: no port carries traffic: $(cat_proc "$H")"
start_stream "$H" 10.78.0.2 change
sleep 1
for i in 0 1; do
	ip -n "$S" link set "s$i" nomaster
done
ip -n "$S" link del br0
ip -n "$S" link add bond0 type bond mode 802.3ad lacp_rate "$LACP_RATE" \
	miimon 100
add_ports "$S" bond0 s0 s1
ip -n "$S" addr add 10.78.0.2/24 dev bond0
ip -n "$S" link set bond0 up
wait_until 60 both_distributing ||
	fail "no full aggregate: $(cat_proc "$H")"
wait_until 20 pings 10.78.0.2 || fail "no ping over the aggregate"
sleep 2
stop_stream change
gap=$(stream_gap_ms change)
echo "longest gap across the switch's change: $gap ms"
assert_le "gap across the change, ms" "$gap" $((10000 * NBOND_WAIT_FACTOR))
pass "both ports distribute with bonding.ko's bond as the partner"
assert_eq "no port in fallback: partner known on h0" \
	"$(( $(proc_port_field "$H" bond0 h0 'actor state') & 0x40 ))" 0
stop_lacpd fh
ip -n "$H" link del bond0
ip -n "$S" link del bond0
ip -n "$H" link del h0 2>/dev/null || true
ip -n "$H" link del h1 2>/dev/null || true

step "kind=bond: bonding/lacp_fallback in sysfs"
rmmod bonding
nbond_reload kind=bond
"$BONDCTL" -n "$H" create bond1 mode 802.3ad
f=/sys/class/net/bond1/bonding/lacp_fallback
assert_eq "read" "$(in_ns "$H" cat "$f")" "individual 0"
in_ns "$H" sh -c "echo strict > $f" || fail "write strict refused"
assert_eq "read back" "$(in_ns "$H" cat "$f")" "strict 1"
assert_eq "bondctl sees it" \
	"$("$BONDCTL" -n "$H" show -j -d bond1 | jq -r '.[0].options.lacp_fallback')" \
	strict
in_ns "$H" sh -c "echo 0 > $f" || fail "write 0 refused"
assert_eq "by number" "$(in_ns "$H" cat "$f")" "individual 0"
assert_true "a bad value is refused" bash -c \
	"! ip netns exec '$H' sh -c 'echo bogus > $f' 2>/dev/null"
ip -n "$H" link add ab2 type bond mode active-backup
assert_true "in active-backup it is refused" bash -c \
	"! ip netns exec '$H' sh -c \
	 'echo strict > /sys/class/net/ab2/bonding/lacp_fallback' 2>/dev/null"
pass "sysfs reads and writes lacp_fallback as bonding's own options"
