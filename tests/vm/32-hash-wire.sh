#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 32-hash-wire: the port each frame leaves on is the one the specification
# at the top of driver/hash.c gives, nbond_hash(flow, policy) % 3, for the
# fields struct nbond_flow (driver/hash.h) takes from the frame. Crafted
# frames go out of the bond one at a time through a packet socket; the
# port whose tx counter moved is compared with a model of the hash written
# here in python, fed with the fields each case states (not parsed back
# from the frame). balance-xor with every xmit_hash_policy, then 802.3ad
# with layer3+4 over ports that tests/vm/lacp_agent.py made distributing.
#
#  +------------------------------ hw-h-PID ------------------------------+
#  |                                                                      |
#  |  python3 (AF_PACKET) --> bond0 --+-- e0 ========veth======== p0      |
#  |  one frame at a time   (3 ports) +-- e1 ========veth======== p1      |
#  |  reads e0..e2 tx_packets         +-- e2 ========veth======== p2      |
#  |                                                                      |
#  +----------------------------------------------------------------------+
#
# The p ends have no address and IPv6 is off in the namespace: nothing but
# the frames sent here leaves e0..e2, so each frame moves exactly one
# port's counter (checked). Port index = order of enslavement (e0, e1,
# e2), the order of the bond's usable-port array (driver/mode.c).
#
# Cases (IPv4 and IPv6 addresses, ports, MACs vary per frame): TCP and
# UDP over many source ports; TCP to several hosts; IPv4 with options
# (ihl 6 and 15); first and later IPv4 fragments (no ports); ICMP; SCTP,
# UDP-Lite, DCCP (ports at 0), ESP (SPI as ports), AH (SPI at 4); IPv6
# TCP and UDP (flow label set); IPv6 with a hop-by-hop header before TCP;
# an IPv6 first fragment (no ports); IPv4-in-IPv4, IPv6-in-IPv4 and GRE
# (outer addresses and no ports for layer2+3 and layer3+4, the inner
# headers for encap2+3 and encap3+4); an in-band 802.1Q tag before IPv4
# TCP (ethertype and addresses those after the tag); ARP; a cut IPv4
# header; ihl 4; a TCP header cut before its ports; TCP ports 0 and 0.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd python3 jq
nbond_reload kind=bond

H=$(ns_add hw-h)
quiet_ns "$H"
looped_ports "$H" 3
PORTS=(e0 e1 e2)
AGENT=$NBOND_TOP/tests/vm/lacp_agent.py

# make_bond MODE OPTION...: bond0 over e0, e1, e2 (enslaved in that order),
# up. The p ends stay up, so the ports have carrier.
make_bond() {
	ip -n "$H" link del bond0 2>/dev/null || true
	ip -n "$H" link add bond0 type bond mode "$@" miimon 100
	add_ports "$H" bond0 "${PORTS[@]}"
	ip -n "$H" link set bond0 up
	local order
	# shellcheck disable=SC2016 # awk program, not shell
	order=$(ip netns exec "$H" awk '/^port: / { printf "%s ", substr($0, 7) }' \
		/proc/net/nbond/bond0)
	assert_eq "ports in the order enslaved" "${order% }" "${PORTS[*]}"
}

ports_up() {
	local port
	for port in "${PORTS[@]}"; do
		[[ $(port_field "$H" "$port" mii_status) == UP ]] || return 1
	done
	bond_carrier_is "$H" bond0 1
}

# send_frames MODE POLICY...: the frames of every case under each POLICY
# (set on bond0 in turn); the table goes to stdout and
# $RESULTS_DIR/MODE.txt, every frame's fields to $RESULTS_DIR/MODE.frames.
send_frames() {
	local mode=$1 ports policies
	shift
	ports=$(printf '%s,' "${PORTS[@]}")
	policies=$(printf '%s,' "$@")
	ip netns exec "$H" python3 - bond0 "${ports%,}" "${policies%,}" \
		"$RESULTS_DIR/$mode" <<'PY'
import json
import socket
import struct
import subprocess
import sys
import time

BOND = sys.argv[1]
PORTS = sys.argv[2].split(",")
POLICIES = sys.argv[3].split(",")
OUT = sys.argv[4]

ETH_IP, ETH_IPV6, ETH_ARP, ETH_8021Q = 0x0800, 0x86DD, 0x0806, 0x8100
TCP, UDP, ICMP, SCTP, DCCP, UDPLITE = 6, 17, 1, 132, 33, 136
ESP, AH, GRE, IPIP, IPV6_IN_IP, HOPOPTS, FRAG6 = 50, 51, 47, 4, 41, 0, 44


# ---- the fields struct nbond_flow holds (driver/hash.h) ----------------

def addr32(text):
    """An address as the hash takes it: IPv4 as a host-order number,
    IPv6 as the XOR of its four 32-bit big-endian words."""
    if ":" in text:
        words = struct.unpack("!4I", socket.inet_pton(socket.AF_INET6, text))
        return words[0] ^ words[1] ^ words[2] ^ words[3]
    return struct.unpack("!I", socket.inet_aton(text))[0]


class L3:
    """has_l3 with these addresses; has_l4 with these ports, or none."""

    def __init__(self, src, dst, sport=None, dport=None):
        self.src, self.dst = src, dst
        self.sport, self.dport = sport, dport

    def ports(self):
        if self.sport is None:
            return 0
        return self.sport << 16 | self.dport

    def __str__(self):
        ports = "no ports" if self.sport is None else \
            f"ports {self.sport}>{self.dport}"
        return f"{self.src}>{self.dst} {ports}"


class Flow:
    """MACs, the ethertype after any VLAN tag, the tag's VLAN id (None:
    untagged), and the IP fields: `outer` for layer2+3 and layer3+4
    (FLOW_DISSECTOR_F_STOP_AT_ENCAP), `inner` for encap2+3 and encap3+4
    (the innermost headers; the same as outer unless given). None: no
    IP header (has_l3 false)."""

    def __init__(self, dmac, smac, ethertype, vid=None, outer=None,
                 inner="same"):
        self.dmac, self.smac, self.ethertype = dmac, smac, ethertype
        self.vid = vid
        self.outer = outer
        self.inner = outer if inner == "same" else inner

    def __str__(self):
        text = f"l2 {self.dmac.hex(':')}<{self.smac.hex(':')} " \
               f"type {self.ethertype:#06x}"
        if self.vid is not None:
            text += f" vid {self.vid}"
        text += f"; outer {self.outer or 'no l3'}"
        if self.inner is not self.outer:
            text += f"; inner {self.inner or 'no l3'}"
        return text


# ---- the hash (driver/hash.c's specification) ---------------------------

def l2(f):
    return f.dmac[5] ^ f.smac[5] ^ f.ethertype


def fold(h):
    h ^= h >> 16
    h ^= h >> 8
    return h


def mac24(b):
    return b[0] << 16 | b[1] << 8 | b[2]


def nbond_hash(f, policy):
    if policy in ("layer2+3", "encap2+3"):
        ip = f.outer if policy == "layer2+3" else f.inner
        if ip is None:
            return l2(f)
        return fold(l2(f) ^ addr32(ip.src) ^ addr32(ip.dst))
    if policy in ("layer3+4", "encap3+4"):
        ip = f.outer if policy == "layer3+4" else f.inner
        if ip is None:
            return l2(f)
        return fold(addr32(ip.src) ^ addr32(ip.dst) ^ ip.ports())
    if policy == "vlan+srcmac":
        vid = f.vid if f.vid is not None else 0
        return vid ^ mac24(f.smac[0:3]) ^ mac24(f.smac[3:6])
    return l2(f)


# ---- frames -------------------------------------------------------------

def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def eth(dmac, smac, ethertype, payload):
    return dmac + smac + struct.pack("!H", ethertype) + payload


def ipv4(src, dst, proto, payload, options=b"", frag=0, ihl=None):
    if ihl is None:
        ihl = 5 + len(options) // 4
    header = struct.pack("!BBHHHBBH4s4s", 0x40 | ihl, 0,
                         20 + len(options) + len(payload), 0x3232, frag,
                         64, proto, 0, socket.inet_aton(src),
                         socket.inet_aton(dst)) + options
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + payload


def ipv6(src, dst, next_header, payload, flow_label=0):
    return struct.pack("!IHBB16s16s", 6 << 28 | flow_label, len(payload),
                       next_header, 64,
                       socket.inet_pton(socket.AF_INET6, src),
                       socket.inet_pton(socket.AF_INET6, dst)) + payload


def tcp(sport, dport):
    return struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 5 << 4, 0x02,
                       65535, 0, 0)


def udp(sport, dport, data=b"nbond hash"):
    return struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data


def sctp(sport, dport):
    return struct.pack("!HHII", sport, dport, 0x32323232, 0)


def dccp(sport, dport):
    return struct.pack("!HHBBHBBHI", sport, dport, 4, 0, 0, 0, 0, 0, 1)


def icmp_echo(ident, seq):
    return struct.pack("!BBHHH", 8, 0, 0, ident, seq) + b"ping" * 4


def esp(spi):
    return struct.pack("!II", spi, 1) + b"\x5a" * 16


def ah(spi):
    # next header TCP, length 4 (24 bytes: 12 + a 12-byte ICV)
    return struct.pack("!BBHII", TCP, 4, 0, spi, 1) + b"\0" * 12


def hop_by_hop(next_header):
    # 8 bytes: next header, length 0, a PadN option of 4 bytes
    return struct.pack("!BB", next_header, 0) + b"\x01\x04\0\0\0\0"


def frag6(next_header, offset, more):
    return struct.pack("!BBHI", next_header, 0, offset << 3 | more, 0x3232)


def gre(protocol, payload):
    return struct.pack("!HH", 0, protocol) + payload


def arp_request(smac, sip, tip):
    return struct.pack("!HHBBH6s4s6s4s", 1, ETH_IP, 6, 4, 1, smac,
                       socket.inet_aton(sip), b"\0" * 6,
                       socket.inet_aton(tip))


BROADCAST = b"\xff" * 6


def host(k):
    """MACs and addresses of variant k: every byte the hashes read
    changes with k."""
    dmac = bytes([0x02, 0, 0, 0x32, 0, 0x11 + 3 * k])
    smac = bytes([0x02, 0, 0x32, 0x10 + k, 0x5 * k, 0x21 + 7 * k])
    return (dmac, smac, f"10.32.{k}.{1 + 2 * k}", f"10.33.{3 * k}.{9 + k}",
            f"2001:db8:{k:x}::{1 + k:x}", f"2001:db8:32::{0x100 + 9 * k:x}")


def cases():
    """(name, [(frame, Flow), ...]): every frame with the fields the
    driver is to hash for it, stated here, not read back from it."""
    out = []

    def case(name, frames):
        out.append((name, list(frames)))

    dmac, smac, sip, dip, sip6, dip6 = host(0)

    # Many flows between two hosts: only the ports change.
    def v4_sports(proto, l4):
        for k in range(24):
            sport = 32768 + 1009 * k
            yield (eth(dmac, smac, ETH_IP, ipv4(sip, dip, proto,
                                                l4(sport, 443))),
                   Flow(dmac, smac, ETH_IP, outer=L3(sip, dip, sport, 443)))
    case("ipv4-tcp-sports", v4_sports(TCP, tcp))
    case("ipv4-udp-sports", v4_sports(UDP, udp))

    def varied(build, flow, n=6):
        """n frames of variant k = 0..n-1: build(k, *host(k)) and
        flow(k, *host(k))."""
        for k in range(n):
            yield build(k, *host(k)), flow(k, *host(k))

    case("ipv4-tcp-hosts", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, TCP, tcp(1024 + k, 80 + k))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d, 1024 + k, 80 + k))))
    for ihl in (6, 15):
        options = b"\x01" * ((ihl - 5) * 4 - 1) + b"\0"
        case(f"ipv4-options-ihl{ihl}", varied(
            lambda k, dm, sm, s, d, s6, d6, o=options:
                eth(dm, sm, ETH_IP, ipv4(s, d, UDP, udp(5000 + 17 * k, 53),
                                         options=o)),
            lambda k, dm, sm, s, d, s6, d6:
                Flow(dm, sm, ETH_IP, outer=L3(s, d, 5000 + 17 * k, 53))))
    # Fragments: no ports, not even in the first one, which has them.
    case("ipv4-first-fragment", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, UDP, udp(7000 + k, 9000 + k),
                                     frag=0x2000)),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d))))
    case("ipv4-first-fragment-sports", (
        (eth(dmac, smac, ETH_IP, ipv4(sip, dip, TCP, tcp(40000 + 7 * k, 22),
                                      frag=0x2000)),
         Flow(dmac, smac, ETH_IP, outer=L3(sip, dip)))
        for k in range(6)))
    case("ipv4-later-fragment", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, UDP, udp(7000 + k, 9000 + k),
                                     frag=185)),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d))))
    case("ipv4-icmp", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, ICMP, icmp_echo(0x3200 + k, k))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d))))
    for name, proto, l4 in (("sctp", SCTP, sctp), ("udplite", UDPLITE, udp),
                            ("dccp", DCCP, dccp)):
        case(f"ipv4-{name}", varied(
            lambda k, dm, sm, s, d, s6, d6, p=proto, l4=l4:
                eth(dm, sm, ETH_IP, ipv4(s, d, p, l4(36412 + 3 * k, 2905))),
            lambda k, dm, sm, s, d, s6, d6:
                Flow(dm, sm, ETH_IP, outer=L3(s, d, 36412 + 3 * k, 2905))))
    # ESP's SPI stands in for the ports, AH's (4 bytes in) too.
    case("ipv4-esp", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, ESP, esp(0x1000 + 0x10203 * k))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d, (0x1000 + 0x10203 * k) >> 16,
                                          (0x1000 + 0x10203 * k) & 0xFFFF))))
    case("ipv4-ah", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, AH, ah(0x2000 + 0x30405 * k))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d, (0x2000 + 0x30405 * k) >> 16,
                                          (0x2000 + 0x30405 * k) & 0xFFFF))))
    for name, proto, l4 in (("tcp", TCP, tcp), ("udp", UDP, udp)):
        case(f"ipv6-{name}", varied(
            lambda k, dm, sm, s, d, s6, d6, p=proto, l4=l4:
                eth(dm, sm, ETH_IPV6, ipv6(s6, d6, p, l4(50000 + 11 * k, 8080),
                                           flow_label=0x32000 + k)),
            lambda k, dm, sm, s, d, s6, d6:
                Flow(dm, sm, ETH_IPV6, outer=L3(s6, d6, 50000 + 11 * k,
                                                8080))))
    # Extension headers go to the kernel's flow dissector.
    case("ipv6-hop-by-hop-tcp", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IPV6, ipv6(s6, d6, HOPOPTS,
                                       hop_by_hop(TCP) + tcp(2000 + k, 179),
                                       flow_label=0x12345)),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IPV6, outer=L3(s6, d6, 2000 + k, 179))))
    case("ipv6-first-fragment", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IPV6, ipv6(s6, d6, FRAG6, frag6(UDP, 0, 1) +
                                       udp(6000 + k, 4789))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IPV6, outer=L3(s6, d6))))
    # Tunnels: the outer header for layer2+3 and layer3+4 (no ports), the
    # inner ones for encap2+3 and encap3+4.
    def inner4(k):
        return f"192.168.{k}.{10 + k}", f"172.16.{5 * k}.{200 - k}"
    case("ipip-tcp", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, IPIP, ipv4(
                *inner4(k), TCP, tcp(33000 + 5 * k, 3260)))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d),
                 inner=L3(*inner4(k), 33000 + 5 * k, 3260))))
    case("ip6in4-udp", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, IPV6_IN_IP, ipv6(
                d6, s6, UDP, udp(4000 + 13 * k, 123)))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d),
                 inner=L3(d6, s6, 4000 + 13 * k, 123))))
    case("gre-ipv4-udp", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, GRE, gre(ETH_IP, ipv4(
                *inner4(k), UDP, udp(1812 + k, 1813 + 2 * k))))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d),
                 inner=L3(*inner4(k), 1812 + k, 1813 + 2 * k))))
    # An 802.1Q tag in the data: the ethertype is the one after it, and
    # the IP header after it is the one hashed.
    case("vlan-inband-tcp", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_8021Q, struct.pack("!HH", 100 + 37 * k, ETH_IP) +
                ipv4(s, d, TCP, tcp(45000 + k, 443))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, vid=100 + 37 * k,
                 outer=L3(s, d, 45000 + k, 443))))
    # No IP header: every L3 policy falls back to layer2.
    case("arp", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(BROADCAST, sm, ETH_ARP, arp_request(sm, s, d)),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(BROADCAST, sm, ETH_ARP)))
    case("ipv4-cut-header", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, TCP, tcp(1, 2))[:12]),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP)))
    case("ipv4-ihl4", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, TCP, tcp(1, 2), ihl=4)),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP)))
    case("ipv6-cut-header", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IPV6, ipv6(s6, d6, TCP, tcp(1, 2))[:30]),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IPV6)))
    # Addresses but no ports: the TCP header ends before them, or both are 0.
    case("ipv4-tcp-cut-ports", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, TCP, tcp(6000 + k, 25)[:2])),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d))))
    case("ipv4-tcp-ports-0", varied(
        lambda k, dm, sm, s, d, s6, d6:
            eth(dm, sm, ETH_IP, ipv4(s, d, TCP, tcp(0, 0))),
        lambda k, dm, sm, s, d, s6, d6:
            Flow(dm, sm, ETH_IP, outer=L3(s, d))))
    return out


# ---- the wire -----------------------------------------------------------

def counter(dev, name):
    with open(f"/sys/class/net/{dev}/statistics/{name}") as f:
        return int(f.read())


def tx_counts():
    return [counter(port, "tx_packets") for port in PORTS]


def set_policy(policy):
    subprocess.run(["ip", "link", "set", "dev", BOND, "type", "bond",
                    "xmit_hash_policy", policy], check=True)
    out = subprocess.run(["ip", "-j", "-d", "link", "show", "dev", BOND],
                         check=True, capture_output=True, text=True).stdout
    got = json.loads(out)[0]["linkinfo"]["info_data"]["xmit_hash_policy"]
    if got != policy:
        sys.exit(f"FAIL: xmit_hash_policy is {got}, not {policy}")


def send_one(sock, frame):
    """Send frame; the index of the one port that sent it, or a word
    for what happened instead."""
    before = tx_counts()
    dropped = counter(BOND, "tx_dropped")
    sock.send(frame)
    deadline = time.monotonic() + 2
    while True:
        moved = [a - b for a, b in zip(tx_counts(), before)]
        if any(moved) or time.monotonic() > deadline:
            break
        time.sleep(0.001)
    if sorted(moved) == [0] * (len(PORTS) - 1) + [1]:
        return moved.index(1)
    if not any(moved):
        if counter(BOND, "tx_dropped") != dropped:
            return "dropped"
        return "none"
    return "+".join(f"{p}:{m}" for p, m in zip(PORTS, moved) if m)


def main():
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    sock.bind((BOND, 0))
    all_cases = cases()
    frames = sum(len(f) for _, f in all_cases)

    start = tx_counts()
    time.sleep(0.5)
    if tx_counts() != start:
        sys.exit("FAIL: the ports transmit without us: "
                 f"{start} -> {tx_counts()}")

    table = open(OUT + ".txt", "w")
    log = open(OUT + ".frames", "w")

    def row(*cols):
        line = f"{cols[0]:<28} {cols[1]:<12} {cols[2]:<50} {cols[3]}"
        print(line)
        table.write(line + "\n")

    row("case", "policy", "expected", "got")
    bad = []
    sent = 0
    for policy in POLICIES:
        set_policy(policy)
        used = {}
        spread = []
        for name, variants in all_cases:
            want, got = [], []
            for k, (frame, flow) in enumerate(variants):
                h = nbond_hash(flow, policy)
                w = h % len(PORTS)
                g = send_one(sock, frame)
                sent += 1
                want.append(w)
                got.append(g)
                used[g] = used.get(g, 0) + 1
                log.write(f"{policy} {name}#{k}: {flow}; hash {h:#010x}"
                          f" -> {w}, got {g}; {frame.hex()}\n")
                if g != w:
                    # For an L3 policy, where the frame would go without
                    # its IP fields: a hint for whoever reads a failure,
                    # never asserted.
                    hint = ""
                    if policy != "layer2" and policy != "vlan+srcmac":
                        bare = l2(flow) % len(PORTS)
                        hint = f" (without its IP fields: {bare})"
                    bad.append(f"{policy} {name}#{k}: expected {PORTS[w]}"
                               f", got {g}; {flow}; hash {h:#010x}{hint}")
            mark = "" if want == got else "   <-- MISMATCH"
            row(name, policy, " ".join(map(str, want)),
                " ".join(map(str, got)) + mark)
            if len(set(want)) > 1:
                spread.append(name)
        # Not a trivial model: some case of this policy sends different
        # frames of it to different ports, and every port carried some.
        summary = ", ".join(f"{PORTS[p] if isinstance(p, int) else p}"
                            f" {n}" for p, n in sorted(used.items(),
                                                         key=str))
        print(f"-- {policy}: frames per port: {summary};"
              f" cases spread over ports: {len(spread)}"
              f" ({', '.join(spread[:4])}{', ...' if len(spread) > 4 else ''})")
        if not spread:
            bad.append(f"{policy}: every case's frames go to one port")
        if sorted(p for p in used if isinstance(p, int)) != \
                list(range(len(PORTS))):
            bad.append(f"{policy}: not every port carried a frame")
    time.sleep(0.5)
    late = [a - b for a, b in zip(tx_counts(), start)]
    if sum(late) != sent:
        bad.append(f"{sent} frames sent, the ports sent {sum(late)}")
    print(f"{sent} frames ({frames} a policy), {len(bad)} wrong")
    for line in bad:
        print("MISMATCH:", line)
    sys.exit(1 if bad else 0)


main()
PY
}

# Both modes run before a mismatch fails the scenario.
WRONG=()

step "balance-xor over 3 ports, every xmit_hash_policy"
make_bond balance-xor
wait_until 10 ports_up || fail "the balance-xor bond's ports are not all up"
XOR_POLICIES=(layer2 layer2+3 layer3+4 encap2+3 encap3+4 vlan+srcmac)
if send_frames balance-xor "${XOR_POLICIES[@]}"; then
	pass "balance-xor: every frame on its port under ${XOR_POLICIES[*]}"
else
	WRONG+=(balance-xor)
fi

step "802.3ad over 3 distributing ports (lacp_agent.py), layer3+4"
make_bond 802.3ad xmit_hash_policy layer3+4
coproc AGENT_PROC {
	ip netns exec "$H" python3 "$AGENT" bond0 2>&1
}
on_exit "kill $AGENT_PROC_PID 2>/dev/null || true"
read -r -u "${AGENT_PROC[0]}" line || fail "lacp_agent.py did not attach"
[[ $line == ready* ]] || fail "lacp_agent.py: $line"
wait_until 10 all_distributing "$H" "${PORTS[@]}" ||
	fail "the ports do not all distribute"
wait_until 10 ports_up || fail "the 802.3ad bond's ports are not all up"
if send_frames 802.3ad layer3+4; then
	pass "802.3ad: every frame on its port under layer3+4"
else
	WRONG+=(802.3ad)
fi

((${#WRONG[@]} == 0)) ||
	fail "${WRONG[*]}: a frame not on the specification's port (above)"
