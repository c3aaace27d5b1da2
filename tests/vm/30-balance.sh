#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 30-balance: how the load-balancing modes spread frames over the ports.
# balance-rr spreads one flow (packets_per_slave 1, 4 and 0 = random);
# balance-xor keeps a flow on one port and spreads different flows as the
# xmit_hash_policy says, and moves them when a port fails; broadcast sends
# every frame on every port and counts it once.
#
#  +----------- bal-h-PID -----------+        +----------- bal-p-PID -----------+
#  |                                 |  veth  |                                 |
#  |  bond0 ---+-- e0 ===============|========|=============== p0 --+--- peer0  |
#  | 10.30.0.1 |                     |        |                     | 10.30.0.2 |
#  |           +-- e1 ===============|========|=============== p1 --+           |
#  |           +-- e2 ===============|========|=============== p2 --+           |
#  |               (broadcast only)  |        |                                 |
#  +---------------------------------+        +---------------------------------+
#
# The far end is a second bond in the same mode (a static LAG), not a
# bridge, which would loop broadcasts back. IPv6 is off and both ends have
# permanent ARP entries, so bond0 sends nothing but what a check sends: its
# ports' tx counters are exact. A port's link is cut by setting its peer
# down.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd python3 jq taskset
nbond_reload kind=bond

H=$(ns_add bal-h)
P=$(ns_add bal-p)
for i in 0 1 2; do
	veth_pair "e$i" "$H" "p$i" "$P"
done
# "all" turns IPv6 off on the veths, "default" on the bonds made later.
for ns in "$H" "$P"; do
	in_ns "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
done

UDP_PORT=5001
# Frames a quiet port may still send during a check (none are expected).
NOISE=2

# make_pair MODE NPORTS [OPTION...]: bond0 over e0.. and peer0 over p0..,
# both in MODE with OPTIONs, addressed, with permanent ARP entries.
make_pair() {
	local mode=$1 nports=$2 i
	shift 2
	ip -n "$H" link del bond0 2>/dev/null || true
	ip -n "$P" link del peer0 2>/dev/null || true
	ip -n "$H" link add bond0 type bond mode "$mode" miimon 100 "$@"
	ip -n "$P" link add peer0 type bond mode "$mode" miimon 100 "$@"
	for ((i = 0; i < nports; i++)); do
		ip -n "$H" link set "e$i" master bond0
		ip -n "$P" link set "p$i" master peer0
	done
	ip -n "$H" addr add 10.30.0.1/24 dev bond0
	ip -n "$P" addr add 10.30.0.2/24 dev peer0
	ip -n "$H" link set bond0 up
	ip -n "$P" link set peer0 up
	ip -n "$H" neigh replace 10.30.0.2 dev bond0 nud permanent \
		lladdr "$(mac_of "$P" peer0)"
	ip -n "$P" neigh replace 10.30.0.1 dev peer0 nud permanent \
		lladdr "$(mac_of "$H" bond0)"
	for ((i = 0; i < nports; i++)); do
		wait_until 5 test "$(port_field "$H" "e$i" mii_status)" = UP ||
			fail "e$i is not up in the new bond"
	done
	wait_until 10 in_ns "$H" ping -c 1 -W 1 10.30.0.2 >/dev/null ||
		fail "no ping over the new $mode bond"
}

cut() { ip -n "$P" link set "p$1" down; }
mend() { ip -n "$P" link set "p$1" up; }

# udp_send FLOWS COUNT: COUNT datagrams from each of FLOWS sockets, bound
# to source ports 40000, 40001, ..., to 10.30.0.2:UDP_PORT. Each payload
# starts with its sequence number (8 digits). The sender stays on CPU 0, so
# that balance-rr's per-CPU turn counter sees every frame.
udp_send() {
	in_ns "$H" taskset -c 0 python3 -c '
import socket, sys
flows, count, dport = (int(a) for a in sys.argv[1:4])
socks = []
for i in range(flows):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("10.30.0.1", 40000 + i))
    socks.append(s)
seq = 0
for _ in range(count):
    for s in socks:
        s.sendto(b"%08d" % seq + b"nbond" * 8, ("10.30.0.2", dport))
        seq += 1
' "$1" "$2" "$UDP_PORT"
}

# seq_capture NAME DEV: record, in arrival order, the sequence numbers of
# the datagrams to UDP_PORT that DEV (in the far namespace) receives, until
# 1 s without any (or 10 s without the first); they go to
# $RESULTS_DIR/NAME.seqs. Returns once the packet socket is bound.
seq_capture() {
	local name=$1 dev=$2
	in_ns "$P" python3 -c '
import socket, struct, sys
name, dev, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((dev, 0))
open(name + ".ready", "w").close()
seqs = []
# The first frame may be long in coming when the guest is loaded.
s.settimeout(30)
try:
    while True:
        frame, addr = s.recvfrom(2048)
        if addr[2] == socket.PACKET_OUTGOING or frame[12:14] != b"\x08\x00":
            continue
        ihl = (frame[14] & 15) * 4
        udp = 14 + ihl
        if frame[23] != 17 or struct.unpack("!H", frame[udp + 2:udp + 4])[0] != port:
            continue
        seqs.append(int(frame[udp + 8:udp + 16]))
        s.settimeout(1)
except socket.timeout:
    pass
with open(name + ".seqs", "w") as f:
    f.write(" ".join(str(n) for n in seqs) + "\n")
' "$RESULTS_DIR/$name" "$dev" "$UDP_PORT" &
	echo $! >"$RESULTS_DIR/$name.pid"
	on_exit "kill $! 2>/dev/null || true"
	wait_until 30 test -e "$RESULTS_DIR/$name.ready" ||
		fail "capture $name did not start"
}

# collect NAME: wait for the background capture or sink NAME to finish.
# Not in a $(...) subshell: only this shell can wait for its children.
collect() {
	wait "$(cat "$RESULTS_DIR/$1.pid")" || fail "$1 failed"
}

# seq_runs NAME: the distinct lengths of the runs of consecutive sequence
# numbers a finished capture saw, leaving out the first and the last run
# (the capture may start or end in the middle of one).
seq_runs() {
	awk '{
		n = 0
		for (i = 1; i <= NF; i++) {
			if (i > 1 && $i == $(i - 1) + 1) { len[n]++; continue }
			len[++n] = 1
		}
		for (r = 2; r < n; r++) seen[len[r]] = 1
		out = ""
		for (l in seen) out = out (out == "" ? "" : " ") l
		print out
	}' "$RESULTS_DIR/$1.seqs"
}

# udp_sink NAME: count the datagrams 10.30.0.2:UDP_PORT receives, until
# 1 s without any (or 10 s without the first; both NBOND_WAIT_FACTOR
# times longer on a slow kernel); the count goes to $RESULTS_DIR/NAME.count.
# Returns once the socket is bound.
udp_sink() {
	local name=$1
	in_ns "$P" python3 -c '
import socket, sys
name, port, factor = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)  # SO_RCVBUFFORCE
s.bind(("10.30.0.2", port))
open(name + ".ready", "w").close()
n = 0
# The first datagram may be long in coming when the guest is loaded.
s.settimeout(30 * factor)
try:
    while True:
        s.recv(2048)
        n += 1
        s.settimeout(factor)
except socket.timeout:
    pass
with open(name + ".count", "w") as f:
    f.write("%d\n" % n)
' "$RESULTS_DIR/$name" "$UDP_PORT" "$NBOND_WAIT_FACTOR" &
	echo $! >"$RESULTS_DIR/$name.pid"
	on_exit "kill $! 2>/dev/null || true"
	wait_until 30 test -e "$RESULTS_DIR/$name.ready" ||
		fail "UDP sink $name did not start"
}

# Counter snapshots: mark NS COUNTER DEV...; later delta NS DEV COUNTER.
declare -A BASE
mark() {
	local ns=$1 counter=$2 dev
	shift 2
	for dev in "$@"; do
		BASE[$ns/$dev/$counter]=$(link_counter "$ns" "$dev" "$counter")
	done
}

delta() {
	local now
	now=$(link_counter "$1" "$2" "$3")
	echo $((now - BASE[$1/$2/$3]))
}

# spread_check WHAT TOTAL PERCENT: e0 and e1 each sent >= PERCENT % of the
# TOTAL frames sent since the last mark.
spread_check() {
	local what=$1 total=$2 pct=$3 i
	for i in 0 1; do
		assert_ge "$what: e$i sent >= $pct % of $total" \
			"$(delta "$H" "e$i" tx_packets)" $((total * pct / 100))
	done
}

# one_port_check WHAT TOTAL: all TOTAL frames sent since the last mark
# went out on the same port, e0 or e1.
one_port_check() {
	local what=$1 total=$2 d0 d1
	d0=$(delta "$H" e0 tx_packets)
	d1=$(delta "$H" e1 tx_packets)
	echo "$what: e0 sent $d0, e1 sent $d1"
	if ((d0 >= d1)); then
		assert_ge "$what: e0 sent them all" "$d0" "$total"
		assert_le "$what: e1 sent none" "$d1" "$NOISE"
	else
		assert_ge "$what: e1 sent them all" "$d1" "$total"
		assert_le "$what: e0 sent none" "$d0" "$NOISE"
	fi
}

step "balance-rr: one flow is spread over both ports"
make_pair balance-rr 2
assert_eq "mode reported" "$(bond_opt "$H" bond0 mode)" balance-rr
assert_eq "packets_per_slave defaults to 1" \
	"$(bond_opt "$H" bond0 packets_per_slave)" 1
mark "$H" tx_packets e0 e1 bond0
sleep 1
assert_eq "the wire is quiet: e0" "$(delta "$H" e0 tx_packets)" 0
assert_eq "the wire is quiet: e1" "$(delta "$H" e1 tx_packets)" 0
mark "$H" tx_packets e0 e1 bond0
seq_capture rr1 p0
udp_send 1 400
assert_eq "bond0 counted the 400 datagrams" "$(delta "$H" bond0 tx_packets)" 400
spread_check "rr, 1 per port" 400 35
collect rr1
assert_eq "p0 got every other datagram (runs of 1)" "$(seq_runs rr1)" 1

step "balance-rr: packets_per_slave 4"
ip -n "$H" link set bond0 type bond packets_per_slave 4
assert_eq "packets_per_slave reported" \
	"$(bond_opt "$H" bond0 packets_per_slave)" 4
mark "$H" tx_packets e0 e1
seq_capture rr4 p0
udp_send 1 400
spread_check "rr, 4 per port" 400 35
collect rr4
assert_eq "p0 got the datagrams 4 by 4 (runs of 4)" "$(seq_runs rr4)" 4

step "balance-rr: packets_per_slave 0 (a random port per frame)"
ip -n "$H" link set bond0 type bond packets_per_slave 0
assert_eq "packets_per_slave reported" \
	"$(bond_opt "$H" bond0 packets_per_slave)" 0
mark "$H" tx_packets e0 e1
udp_send 1 400
spread_check "rr, random" 400 35

step "balance-rr: IGMP reports all leave by one port"
# As bonding.ko: a snooping switch must see a group's member on one port.
mark "$H" tx_packets e0 e1
in_ns "$H" python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF,
             socket.inet_aton("10.30.0.1"))
# An IGMPv2 membership report for 239.1.2.3 (checksum left to 0: the
# counters, not the switch, judge here).
report = bytes([0x16, 0, 0, 0]) + socket.inet_aton("239.1.2.3")
for _ in range(40):
    s.sendto(report, ("239.1.2.3", 0))
PY
assert_ge "e0, the first port, sent the 40 reports" "$(delta "$H" e0 tx_packets)" 40
assert_le "e1 sent none of them" "$(delta "$H" e1 tx_packets)" "$NOISE"

step "balance-rr: packets_per_slave is refused in balance-xor"
make_pair balance-xor 2
if ip -n "$H" link set bond0 type bond packets_per_slave 3 2>/dev/null; then
	fail "packets_per_slave accepted in balance-xor"
fi
assert_eq "packets_per_slave unchanged" \
	"$(bond_opt "$H" bond0 packets_per_slave)" 1

step "balance-xor layer3+4: one flow stays on one port, 32 flows spread"
make_pair balance-xor 2 xmit_hash_policy layer3+4
assert_eq "xmit_hash_policy reported by name" \
	"$(bond_opt "$H" bond0 xmit_hash_policy)" layer3+4
assert_eq "proc shows the policy" \
	"$(proc_field "$H" bond0 'xmit hash policy')" layer3+4
mark "$H" tx_packets e0 e1
udp_send 1 200
one_port_check "layer3+4, one flow" 200
mark "$H" tx_packets e0 e1
udp_send 32 10
spread_check "layer3+4, 32 flows" 320 20

step "balance-xor layer2: the same 32 flows use one port (same MACs)"
ip -n "$H" link set bond0 type bond xmit_hash_policy layer2
assert_eq "xmit_hash_policy reported" \
	"$(bond_opt "$H" bond0 xmit_hash_policy)" layer2
mark "$H" tx_packets e0 e1
udp_send 32 10
one_port_check "layer2, 32 flows" 320

step "balance-xor layer2+3: one peer address, one port"
ip -n "$H" link set bond0 type bond xmit_hash_policy layer2+3
assert_eq "xmit_hash_policy reported" \
	"$(bond_opt "$H" bond0 xmit_hash_policy)" layer2+3
mark "$H" tx_packets e0 e1
udp_send 32 10
one_port_check "layer2+3, 32 flows" 320

step "balance-xor: a failed port's flows move to the other port, and back"
ip -n "$H" link set bond0 type bond xmit_hash_policy layer3+4
ip -n "$P" link set peer0 type bond xmit_hash_policy layer3+4
start_stream "$H" 10.30.0.2 xstream
sleep 0.5
mark "$H" tx_packets e0 e1
sleep 1
# The ping flow (no L4 ports) hashes to one port: cut that one.
if (($(delta "$H" e0 tx_packets) >= $(delta "$H" e1 tx_packets))); then
	busy=0 idle=1
else
	busy=1 idle=0
fi
assert_ge "the ping stream uses e$busy" "$(delta "$H" "e$busy" tx_packets)" 20
assert_le "and not e$idle" "$(delta "$H" "e$idle" tx_packets)" "$NOISE"
cut "$busy"
wait_until 5 test "$(port_field "$H" "e$busy" mii_status)" = DOWN ||
	fail "e$busy not seen down"
assert_eq "bond carrier stays up" "$(bond_carrier "$H" bond0)" 1
mark "$H" tx_packets "e$idle"
mark "$P" rx_packets "p$busy" peer0
sleep 1
assert_ge "the stream moved to e$idle" "$(delta "$H" "e$idle" tx_packets)" 20
mark "$H" tx_packets "e$idle"
udp_send 32 10
assert_ge "all 32 flows on e$idle" "$(delta "$H" "e$idle" tx_packets)" 320
wait_until 5 test "$(delta "$P" peer0 rx_packets)" -ge 320 ||
	fail "peer0 did not receive the 32 flows"
pass "peer0 received them ($(delta "$P" peer0 rx_packets))"
assert_eq "nothing reached the dead p$busy" "$(delta "$P" "p$busy" rx_packets)" 0
mend "$busy"
wait_until 5 test "$(port_field "$H" "e$busy" mii_status)" = UP ||
	fail "e$busy not back up"
mark "$H" tx_packets "e$busy"
sleep 1
assert_ge "the stream came back to e$busy" \
	"$(delta "$H" "e$busy" tx_packets)" 20
stop_stream xstream
assert_le "the stream lost at most 1 s of packets" "$(stream_lost xstream)" 100
mark "$H" tx_packets e0 e1
udp_send 32 10
spread_check "layer3+4, 32 flows after the port returned" 320 20

step "broadcast over 3 ports: every frame on every port, counted once"
make_pair broadcast 3
assert_eq "mode reported" "$(bond_opt "$H" bond0 mode)" broadcast
udp_sink bsink
mark "$H" tx_packets e0 e1 e2 bond0
mark "$P" rx_packets p0 p1 p2 peer0
udp_send 1 100
for i in 0 1 2; do
	assert_ge "e$i sent every frame" "$(delta "$H" "e$i" tx_packets)" 100
done
assert_eq "bond0 counted each frame once" "$(delta "$H" bond0 tx_packets)" 100
for i in 0 1 2; do
	wait_until 5 test "$(delta "$P" "p$i" rx_packets)" -ge 100 ||
		fail "p$i did not receive every frame"
	pass "p$i received every frame"
done
assert_ge "peer0 received the frames" "$(delta "$P" peer0 rx_packets)" 100
collect bsink
got=$(cat "$RESULTS_DIR/bsink.count")
assert_ge "the UDP receiver behind peer0 got the datagrams" "$got" 100

step "broadcast: with one port down, the others still send every frame"
cut 2
wait_until 5 test "$(port_field "$H" e2 mii_status)" = DOWN ||
	fail "e2 not seen down"
mark "$H" tx_packets e0 e1 e2 bond0
udp_send 1 100
assert_ge "e0 sent every frame" "$(delta "$H" e0 tx_packets)" 100
assert_ge "e1 sent every frame" "$(delta "$H" e1 tx_packets)" 100
assert_eq "the dead e2 sent none" "$(delta "$H" e2 tx_packets)" 0
assert_eq "bond0 counted each frame once" "$(delta "$H" bond0 tx_packets)" 100
mend 2
