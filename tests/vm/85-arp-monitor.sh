#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 85-arp-monitor: the ARP and IPv6 NS link monitors of an active-backup
# bond, configured with iproute2 (nbond loaded as kind=bond).
#
#  +------ ah-PID ------+            +--------- as-PID ----------+
#  | bond0 10.85.0.1    |  e0 == s0  | br0 10.85.0.254           |
#  |  bond0.100         |  e1 == s1  |  br0.100 10.85.100.254    |
#  |  10.85.100.1       |            | tc filters on s0, s1      |
#  +--------------------+            +---------------------------+
#
# A path that stops answering while its carrier stays up (ARP dropped by
# tc on the switch) is detected and failed over, with cause "arp" in the
# events; every arp_validate value is shown accepting and refusing, on the
# active and on a backup port, frames injected from the switch side: any
# frame, an ARP packet of another host, a target's answer; arp_all_targets
# all against any; targets behind a VLAN on the bond; the NS monitor with a
# global and a link-local target; and bad input.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
require_cmd python3 tc jq
nbond_reload kind=bond

H=$(ns_add ah)
S=$(ns_add as)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.85.0.254/24 e s 2

EVENTS=$RESULTS_DIR/arp-events.jsonl
ip netns exec "$H" "$BONDCTL" -j monitor >"$EVENTS" 2>"$RESULTS_DIR/monitor.err" &
on_exit "kill $! 2>/dev/null || true"

mii() { port_field "$H" "$1" mii_status; }
failures() { port_field "$H" "$1" link_failure_count; }
link_is() { [[ $(mii "$1") == "$2" ]]; }

# healthy: e0 active, both ports up.
healthy() {
	active_is "$H" bond0 e0 && link_is e0 UP && link_is e1 UP
}

# have_event EVENT PORT CAUSE [FILE]: monitor -j reported it.
have_event() {
	jq -e -s --arg e "$1" --arg p "$2" --arg c "$3" \
		'any(.[]; .event == $e and .port == $p and .cause == $c)' \
		"${4:-$EVENTS}" >/dev/null
}

# drop_arp DEV [SENDER...]: the switch stops passing ARP out of DEV (only
# ARP from SENDERs, when given). undrop DEV lifts it.
drop_arp() {
	local dev=$1 ip hi lo a b c d
	shift
	tc -n "$S" qdisc add dev "$dev" clsact
	if [[ $# -eq 0 ]]; then
		tc -n "$S" filter add dev "$dev" egress protocol arp prio 1 \
			u32 match u32 0 0 action drop
		return
	fi
	for ip in "$@"; do
		# The sender address, at offset 14 of the ARP packet, in
		# halves: u32 matches must be 4-aligned.
		IFS=. read -r a b c d <<<"$ip"
		printf -v hi '0x%02x%02x' "$a" "$b"
		printf -v lo '0x%02x%02x' "$c" "$d"
		tc -n "$S" filter add dev "$dev" egress protocol arp prio 1 \
			u32 match u16 "$hi" 0xffff at 14 \
			match u16 "$lo" 0xffff at 16 action drop
	done
}

undrop() {
	tc -n "$S" qdisc del dev "$1" clsact 2>/dev/null || true
}

BOND_MAC=

# inject DEV KIND SECONDS: from the switch side, frames of KIND out of DEV
# to the bond, 20 a second: "any" an IPv4 datagram, "arp" an ARP request
# between two other hosts, "target" an ARP reply from target 10.85.0.253.
# $INJECT_READY appears once the first frame is out.
INJECT_READY=$RESULTS_DIR/inject.ready
inject() {
	ip netns exec "$S" python3 - "$1" "$2" "$3" "$BOND_MAC" \
		"$INJECT_READY" <<'PY'
import errno, socket, struct, sys, time
dev, kind, secs, bond, ready = sys.argv[1:6]
secs = float(secs)
bond = bytes.fromhex(bond.replace(":", ""))
me = bytes.fromhex("020000008501")
ip = lambda s: socket.inet_aton(s)
def arp(op, dst, sip, tip):
    return (dst + me + struct.pack("!H", 0x0806) +
            struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) +
            me + ip(sip) + bytes(6) + ip(tip) + bytes(18))
frames = {
    "any": bond + me + struct.pack("!H", 0x0800) +
           struct.pack("!BBHHHBBH4s4s", 0x45, 0, 28, 1, 0, 64, 17, 0,
                       ip("10.85.0.77"), ip("10.85.0.1")) + bytes(18),
    "arp": arp(1, b"\xff" * 6, "10.85.0.77", "10.85.0.78"),
    "target": arp(2, bond, "10.85.0.253", "10.85.0.1"),
}
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((dev, 0))
# A slow guest (the debug kernel) may drop one at the backlog: ENOBUFS.
def send():
    try:
        s.send(frames[kind])
    except BlockingIOError:
        pass
    except OSError as e:
        if e.errno != errno.ENOBUFS:
            raise
send()
open(ready, "w").close()
end = time.monotonic() + secs
while time.monotonic() < end:
    send()
    time.sleep(0.05)
PY
}

step "active-backup with arp_interval 200 and a target on the switch"
ip -n "$H" link add bond0 type bond mode active-backup arp_interval 200 \
	arp_ip_target 10.85.0.254
add_ports "$H" bond0 e0 e1
ip -n "$H" link set bond0 type bond primary e0
ip -n "$H" link set bond0 up
ip -n "$H" addr add 10.85.0.1/24 dev bond0
BOND_MAC=$(ip -n "$H" -j link show bond0 | jq -r '.[0].address')
wait_until 10 healthy || fail "not healthy: $(cat_proc "$H")"
assert_eq "ip -d: arp_interval" "$(bond_opt "$H" bond0 arp_interval)" 200
assert_eq "ip -d: arp_ip_target" \
	"$(bond_opt "$H" bond0 'arp_ip_target | join(",")')" 10.85.0.254
assert_eq "ip -d: miimon" "$(bond_opt "$H" bond0 miimon)" 0
assert_eq "/proc: arp ip target" "$(proc_field "$H" bond0 'arp ip target')" \
	10.85.0.254
in_ns "$H" ping -q -c 3 -i 0.2 -W 2 10.85.0.254 >/dev/null ||
	fail "no ping to the target"
sleep 2
assert_true "both ports stay up while the target answers" healthy

step "miimon and arp_interval exclude each other"
ip -n "$H" link set bond0 type bond miimon 100
assert_eq "miimon on: arp_interval 0" "$(bond_opt "$H" bond0 arp_interval)" 0
ip -n "$H" link set bond0 type bond arp_interval 200
assert_eq "arp_interval on: miimon 0" "$(bond_opt "$H" bond0 miimon)" 0
wait_until 10 healthy || fail "not healthy again: $(cat_proc "$H")"

step "a dead path with carrier: ARP dropped towards e0"
f0=$(failures e0)
drop_arp s0
wait_until 10 active_is "$H" bond0 e1 || fail "no failover: $(cat_proc "$H")"
assert_eq "e0 is down" "$(mii e0)" DOWN
assert_eq "e0's carrier is still up" \
	"$(ip -n "$H" -j link show e0 | jq -r '.[0].operstate')" UP
assert_eq "e0's failure counted" "$(failures e0)" $((f0 + 1))
assert_eq "bondctl show -j: e0's link_cause" \
	"$("$BONDCTL" -n "$H" -j show bond0 |
		jq -r '.[0].ports[] | select(.name == "e0") | .link_cause')" arp
assert_true "bondctl show: e0 down (arp)" bash -c \
	"'$BONDCTL' -n $H show bond0 | grep -Eq '^ +e0 +down \(arp\) '"
in_ns "$H" ping -q -c 3 -i 0.2 -W 2 10.85.0.254 >/dev/null ||
	fail "no ping over e1"
wait_until 5 have_event port-down e0 arp ||
	fail "no port-down e0 cause arp: $(cat "$EVENTS")"
assert_true "active-changed to e1, cause arp" have_event active-changed e1 arp
undrop s0
wait_until 10 healthy || fail "e0 did not come back: $(cat_proc "$H")"
pass "e0 back and active again (primary)"

# arp_case ROLE VALIDATE KIND up|down: with arp_validate VALIDATE, the
# port of ROLE (active: e0, backup: e1) hears nothing from the switch but
# frames of KIND; it stays up, or goes down. Down is judged by its failure
# count: e0, once down, is a backup, which other rules may bring back.
arp_case() {
	local role=$1 validate=$2 kind=$3 want=$4 port sw f pid
	if [[ $role == active ]]; then port=e0 sw=s0; else port=e1 sw=s1; fi
	ip -n "$H" link set bond0 type bond arp_validate "$validate"
	wait_until 10 healthy || fail "$validate: not healthy: $(cat_proc "$H")"
	f=$(failures "$port")
	rm -f "$INJECT_READY"
	# Until killed below: on the debug kernel the steps in between take
	# seconds each, and a stream that ended early would fail the port.
	inject "$sw" "$kind" 120 &
	pid=$!
	wait_until 10 test -e "$INJECT_READY" || fail "the injector did not start"
	sleep 0.5
	if [[ $role == active ]]; then
		drop_arp "$sw" 10.85.0.254
	else
		drop_arp "$sw" 10.85.0.254 10.85.0.1
	fi
	if [[ $want == up ]]; then
		sleep $((2 * NBOND_WAIT_FACTOR))
		assert_true "$role $validate, $kind frames: $port stays up" \
			bash -c "[[ \$(ip -n $H -j -d link show $port | jq -r '.[0].linkinfo.info_slave_data.link_failure_count') == $f ]]"
	else
		wait_until 5 bash -c "[[ \$(ip -n $H -j -d link show $port | jq -r '.[0].linkinfo.info_slave_data.link_failure_count') -gt $f ]]" ||
			fail "$role $validate, $kind frames: $port stayed up"
		pass "$role $validate, $kind frames: $port goes down"
	fi
	# The job is a subshell; python is its child.
	pkill -P "$pid" || fail "the injector had stopped early"
	wait "$pid" 2>/dev/null || true
	undrop "$sw"
}

ip -n "$H" link set bond0 type bond arp_ip_target 10.85.0.254,10.85.0.253
# The injector's 20 frames a second keep a port up only if it keeps pace:
# a slow guest (the debug kernel) gets more missed intervals before a
# port fails, and each "stays up" is watched as much longer.
ip -n "$H" link set bond0 type bond arp_missed_max $((2 * NBOND_WAIT_FACTOR))
step "arp_validate on the active port"
arp_case active none any up
arp_case active active any down
arp_case active active arp down
arp_case active active target up
arp_case active backup any up
arp_case active all arp down
arp_case active filter any down
arp_case active filter arp up
arp_case active filter_active arp down
arp_case active filter_backup any down
arp_case active filter_backup arp up

step "arp_validate on a backup port"
arp_case backup none any up
arp_case backup backup any down
arp_case backup backup arp down
arp_case backup backup target up
arp_case backup active any up
arp_case backup all arp down
arp_case backup filter any down
arp_case backup filter arp up
arp_case backup filter_backup arp down
arp_case backup filter_active any down
arp_case backup filter_active arp up

step "arp_all_targets: any target answering, or all of them"
ip -n "$H" link set bond0 type bond arp_validate active arp_all_targets any
wait_until 10 healthy || fail "not healthy: $(cat_proc "$H")"
f0=$(failures e0)
sleep 3
assert_eq "any: 10.85.0.254 answering is enough, e0 never failed" \
	"$(failures e0)" "$f0"
# The active port fails; as a backup (not validated) it comes back.
ip -n "$H" link set bond0 type bond arp_all_targets all
wait_until 10 bash -c "[[ \$(ip -n $H -j -d link show e0 | jq -r '.[0].linkinfo.info_slave_data.link_failure_count') -gt $f0 ]]" ||
	fail "all: e0 stayed up with 10.85.0.253 silent"
pass "all: with 10.85.0.253 silent the active port fails"
ip -n "$H" link set bond0 type bond arp_all_targets any
wait_until 10 healthy || fail "any again: not healthy: $(cat_proc "$H")"

step "a target behind a VLAN on the bond"
ip -n "$H" link add link bond0 name bond0.100 type vlan id 100
ip -n "$H" link set bond0.100 up
ip -n "$H" addr add 10.85.100.1/24 dev bond0.100
ip -n "$S" link add link br0 name br0.100 type vlan id 100
ip -n "$S" link set br0.100 up
ip -n "$S" addr add 10.85.100.254/24 dev br0.100
ip -n "$H" link set bond0 type bond arp_ip_target 10.85.100.254 \
	arp_validate active
sleep 3
assert_true "answers through VLAN 100 keep both ports up" healthy
assert_true "the probes come from 10.85.100.1 on VLAN 100" bash -c \
	"ip -n $S neigh show dev br0.100 | grep -q '^10.85.100.1 '"
tc -n "$S" qdisc add dev s0 clsact
tc -n "$S" filter add dev s0 egress protocol all prio 1 u32 match u32 0 0 \
	action drop
wait_until 10 active_is "$H" bond0 e1 ||
	fail "no failover with the VLAN target: $(cat_proc "$H")"
in_ns "$H" ping -q -c 3 -i 0.2 -W 2 10.85.100.254 >/dev/null ||
	fail "no ping over the VLAN after the failover"
undrop s0
wait_until 10 healthy || fail "e0 not back: $(cat_proc "$H")"

step "bad input is refused and changes nothing"
before=$(bond_opt "$H" bond0 'arp_ip_target | join(",")')
for bad in 255.255.255.255 224.0.0.1 0.0.0.0 127.0.0.1; do
	out=$(ip -n "$H" link set bond0 type bond arp_ip_target "$bad" 2>&1) &&
		fail "arp_ip_target $bad accepted"
	assert_true "arp_ip_target $bad: says why ($out)" \
		grep -q "not a unicast address" <<<"$out"
done
out=$(ip -n "$H" link set bond0 type bond ns_ip6_target ff02::1 2>&1) &&
	fail "ns_ip6_target ff02::1 accepted"
assert_true "ns_ip6_target ff02::1: says why ($out)" \
	grep -q "not a unicast address" <<<"$out"
# iproute2 stops at 16 targets; a 17th goes in a hand-made request.
out=$(ip netns exec "$H" python3 - "$(ip -n "$H" -j link show bond0 | jq '.[0].ifindex')" <<'PY'
import socket, struct, sys
ifindex = int(sys.argv[1])
def attr(t, data):
    a = struct.pack("=HH", 4 + len(data), t) + data
    return a + bytes((4 - len(a) % 4) % 4)
NESTED = 0x8000
targets = b"".join(attr(i, socket.inet_aton("10.85.1.%d" % (i + 1)))
                   for i in range(17))
data = attr(8 | NESTED, targets)                 # IFLA_BOND_ARP_IP_TARGET
info = attr(1, b"bond\0") + attr(2 | NESTED, data)  # KIND, DATA
body = struct.pack("=BxHiII", 0, 0, ifindex, 0, 0) + attr(18 | NESTED, info)
msg = struct.pack("=IHHII", 16 + len(body), 16, 0x5, 1, 0) + body
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
s.setsockopt(270, 11, 1)                         # NETLINK_EXT_ACK
s.send(msg)
r = s.recv(65536)
err = struct.unpack_from("=i", r, 16)[0]
text = ""
off = 16 + 4 + struct.unpack_from("=I", r, 20)[0]   # past the request
if err and off < len(r):
    while off + 4 <= len(r):
        ln, t = struct.unpack_from("=HH", r, off)
        if ln < 4:
            break
        if t == 1:
            text = r[off + 4:off + ln].rstrip(b"\0").decode()
        off += (ln + 3) & ~3
print(err, text)
PY
)
assert_true "17 targets: refused by the driver ($out)" \
	grep -q "^-22 arp_ip_target: at most 16 targets" <<<"$out"
assert_eq "bondctl: 17 targets is a usage error" \
	"$(bondctl_rc -n "$H" set bond0 arp_ip_target \
		"$(echo 10.85.1.{1..17} | tr ' ' ,)")" 255
assert_eq "nothing changed" \
	"$(bond_opt "$H" bond0 'arp_ip_target | join(",")')" "$before"
out=$(ip -n "$H" link add bad0 type bond mode 802.3ad arp_interval 100 2>&1) &&
	fail "arp_interval accepted in 802.3ad"
assert_true "802.3ad: says why ($out)" grep -q "arp_interval is not available" \
	<<<"$out"
assert_true "no half-made bond" bash -c "! ip -n $H link show bad0 2>/dev/null"
ip -n "$H" link del bond0

step "the NS monitor, global and link-local targets"
H6=$(ns_add nh)
S6=$(ns_add ns)
bridge_switch "$S6" "$H6" 10.85.6.254/24 e s 2
EVENTS6=$RESULTS_DIR/ns-events.jsonl
ip netns exec "$H6" "$BONDCTL" -j monitor >"$EVENTS6" \
	2>"$RESULTS_DIR/monitor6.err" &
on_exit "kill $! 2>/dev/null || true"
ip -n "$S6" addr add 2001:db8:85::254/64 dev br0 nodad
ip -n "$S6" addr add fe80::254/64 dev br0 nodad
ip -n "$H6" link add bond0 type bond mode active-backup arp_interval 200 \
	ns_ip6_target 2001:db8:85::254 arp_validate active
add_ports "$H6" bond0 e0 e1
ip -n "$H6" link set bond0 type bond primary e0
ip -n "$H6" link set bond0 up
ip -n "$H6" addr add 2001:db8:85::1/64 dev bond0 nodad
healthy6() {
	active_is "$H6" bond0 e0 &&
		[[ $(port_field "$H6" e0 mii_status) == UP &&
		   $(port_field "$H6" e1 mii_status) == UP ]]
}
wait_until 15 healthy6 || fail "NS: not healthy: $(cat_proc "$H6")"
sleep 2
assert_true "NS: validated answers keep both ports up" healthy6
assert_eq "ip -d: ns_ip6_target" \
	"$(bond_opt "$H6" bond0 'ns_ip6_target | join(",")')" 2001:db8:85::254
for target in 2001:db8:85::254 fe80::254; do
	ip -n "$H6" link set bond0 type bond ns_ip6_target "$target"
	wait_until 10 healthy6 || fail "NS $target: not healthy"
	sleep 2
	assert_true "NS $target: ports stay up" healthy6
	tc -n "$S6" qdisc add dev s0 clsact
	tc -n "$S6" filter add dev s0 egress protocol ipv6 prio 1 u32 \
		match u32 0 0 action drop
	wait_until 10 active_is "$H6" bond0 e1 ||
		fail "NS $target: no failover: $(cat_proc "$H6")"
	assert_eq "NS $target: e0 down" "$(port_field "$H6" e0 mii_status)" DOWN
	tc -n "$S6" qdisc del dev s0 clsact
	wait_until 10 healthy6 || fail "NS $target: e0 not back"
	pass "NS $target: a silent path fails over and comes back"
done
wait_until 5 have_event port-down e0 ns "$EVENTS6" ||
	fail "no port-down e0 cause ns: $(cat "$EVENTS6")"
