#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 83-lacpd-malformed: malformed and flooding slow-protocol frames sent
# from a raw socket at a port of an 802.3ad bond run by lacpd: each kind
# is counted (the 3ad xstats, which lacpd reports to the driver), none is
# acted on; a LACPDU whose version and TLV types are unusual is read like
# any other, as 802.3 43.4.12 asks; a flood is cut down to lacpd's
# budget, and lacpd stays alive and still answers a Marker Information
# PDU.
#
#  +---------------- mf-h-PID ----------------+
#  |  bond0 (802.3ad) -- e0 ====veth==== x0   |   x0: raw socket (python3)
#  |  lacpd                                    |
#  +-------------------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
require_lacpd
require_cmd python3 tcpdump
nbond_reload kind=bond

H=$(ns_add mf-h)
quiet_ns "$H"
ip -n "$H" link add e0 type veth peer name x0
ip -n "$H" link set x0 up
ip -n "$H" link add bond0 type bond mode 802.3ad lacp_rate fast
ip -n "$H" link set e0 master bond0
ip -n "$H" link set bond0 up
start_lacpd "$H" mf

# xstat KEY: one 802.3ad counter of bond0 (lacpdu_rx, ...), from the
# xstats (ip stats: iproute2 6.1's "ip link xstats type bond" crashes).
xstat() {
	ip -n "$H" -j stats show dev bond0 group xstats subgroup bond |
		jq -r --arg k "$1" '.[0]["802.3ad"][$k] // 0'
}

# inject KIND COUNT: send COUNT frames of KIND out of x0.
inject() {
	ip netns exec "$H" python3 - "$1" "$2" <<'PY'
import socket, struct, sys
kind, count = sys.argv[1], int(sys.argv[2])
dst = bytes.fromhex("0180c2000002")
src = bytes.fromhex("020000000099")
hdr = dst + src + struct.pack("!H", 0x8809)
info = lambda t: bytes([t, 20]) + struct.pack("!H6sHHHB", 1, src, 5, 1, 1, 0x05) + bytes(3)
good = bytes([1, 1]) + info(1) + info(2) + bytes([3, 16]) + bytes(14) + bytes([0, 0]) + bytes(50)
frames = {
    "short": bytes([1, 1]) + bytes(10),
    "badlen": good[:3] + bytes([19]) + good[4:],
    "lenone": good[:59] + bytes([1]) + good[60:],
    "noterm": good[:59] + bytes([52]) + good[60:],
    "oddversion": bytes([1, 0, 9]) + good[3:22] + bytes([0]) + good[23:42] + bytes([7]) + good[43:],
    "unknown": bytes([9, 1]) + bytes(108),
    "good": good,
    "marker": bytes([2, 1, 1, 16]) + struct.pack("!H6sI", 7, src, 0x1234abcd) + bytes(2) + bytes([0, 0]) + bytes(90),
}
pdu = frames[kind]
frame = hdr + pdu + bytes(max(0, 60 - 14 - len(pdu)))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("x0", 0))
for _ in range(count):
    s.send(frame)
PY
}

sleep 2
step "each kind of malformed frame is counted as illegal or unknown"
illegal0=$(xstat lacpdu_illegal_rx)
for kind in short badlen lenone noterm; do
	inject "$kind" 1
done
inject unknown 1
sleep 2
ip -n "$H" stats show dev bond0 group xstats subgroup bond
assert_ge "illegal LACPDUs counted" "$(xstat lacpdu_illegal_rx)" $((illegal0 + 4))
assert_ge "unknown slow protocol counted" "$(xstat lacpdu_unknown_rx)" 1
assert_eq "nothing acted on: e0 not distributing" \
	"$(proc_port_field "$H" bond0 e0 distributing)" no

step "version 0 and unknown TLV types: read like any LACPDU (802.3 43.4.12)"
rx0=$(xstat lacpdu_rx)
illegal0=$(xstat lacpdu_illegal_rx)
inject oddversion 1
partner_is_x0() {
	[[ $(proc_port_field "$H" bond0 e0 "partner system") == \
		1,02:00:00:00:00:99 &&
	   $(proc_port_field "$H" bond0 e0 "partner key") == 5 ]]
}
wait_until 10 partner_is_x0 ||
	fail "e0's partner is not the LACPDU's actor: $(proc_port_field \
		"$H" bond0 e0 "partner system")"
pass "e0's partner is the LACPDU's actor (1,02:00:00:00:00:99, key 5)"
# lacpd hands its counters to the driver once a second.
counted_rx() {
	[[ $(xstat lacpdu_rx) -gt $rx0 ]]
}
wait_until 5 counted_rx || fail "the LACPDU was not counted as received"
assert_eq "not counted as illegal" "$(xstat lacpdu_illegal_rx)" "$illegal0"

step "a flood of 5000 LACPDUs: lacpd takes its budget and survives"
# The budget is 50 frames a second per port, in one-second windows: what
# passes is bounded by how long the flood lasted (seconds on the debug
# kernel, where sending it is slow), counted from before its start to
# after the last read, plus a window for the boundaries and one for the
# counters, which lacpd pushes to the driver once a second.
rx0=$(xstat lacpdu_rx)
t0=$(now_ms)
inject good 5000
sleep 2
assert_true "lacpd is alive" kill -0 "$(cat "$RESULTS_DIR/lacpd-mf.pid")"
rx=$(($(xstat lacpdu_rx) - rx0))
secs=$((($(now_ms) - t0 + 999) / 1000))
echo "the flood and the wait took at most $secs s"
assert_le "most of the flood was dropped before the state machines" \
	"$rx" $((50 * (secs + 2)))
assert_le "most of the flood was dropped (of 5000)" "$rx" 2500
assert_true "lacpd logged the flood" grep -q "flood" "$RESULTS_DIR/lacpd-mf.log"

step "a Marker Information PDU still gets its Response"
ip netns exec "$H" timeout $((20 * NBOND_WAIT_FACTOR)) \
	tcpdump -c 1 -nn -i x0 -w "$RESULTS_DIR/marker.pcap" \
	'ether proto 0x8809 and ether[14] == 2 and ether[16] == 2' \
	>/dev/null 2>"$RESULTS_DIR/marker.err" &
dump=$!
wait_until 10 grep -q 'listening on' "$RESULTS_DIR/marker.err" ||
	fail "tcpdump did not start on x0"
inject marker 1
wait "$dump" || fail "no Marker Response seen on x0"
# lacpd hands its counters to the driver once a second.
marker_counted() {
	[[ $(xstat marker_response_tx) -ge 1 ]]
}
wait_until 5 marker_counted ||
	fail "marker responses not counted: $(xstat marker_response_tx)"
pass "marker responses counted ($(xstat marker_response_tx))"
