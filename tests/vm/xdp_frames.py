#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# xdp_frames.py: frames for tests/vm/45-xdp.sh and tests/bench/xdp.sh.
#
#   xdp_frames.py send SEND_NS SEND_DEV CAP_NS CAP_DEV[,CAP_DEV...] \
#       SRC_MAC DST_MAC FLOWS COUNT
#       Captures on every CAP_DEV (in network namespace CAP_NS, a name
#       under /run/netns), then sends COUNT rounds of FLOWS IPv4 UDP frames
#       from 10.45.0.2 to 10.45.0.1, port 9 (tests/vm/xdp_prog.c's test
#       frames), flow i from source port 40000 + i, out of SEND_DEV (in
#       SEND_NS) as raw Ethernet frames SRC_MAC -> DST_MAC. It waits until
#       every frame was seen or 2 s pass without one, and prints one line
#       per CAP_DEV: "DEV N FLOW,FLOW,..." (the frames it received and the
#       flows they belong to, each once, sorted).
#   xdp_frames.py seed NS DEV SRC_MAC DST_MAC FLOWS COUNT
#       Only sends: COUNT rounds of the FLOWS frames out of DEV (in NS).
#   xdp_frames.py progs
#       The ids of the BPF programs loaded in the kernel (bpf(2)
#       BPF_PROG_GET_NEXT_ID), one line, space separated.
#
# Only frames that arrive (not PACKET_OUTGOING) and carry the marker count.

import ctypes
import os
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 3
MARKER = b"nbond-xdp"
SPORT = 40000
DPORT = 9


CLONE_NEWNET = 0x40000000
LIBC = ctypes.CDLL(None, use_errno=True)


def enter(ns):
    """Move this process to network namespace NS (os.setns is 3.12's)."""
    with open(f"/run/netns/{ns}") as f:
        if LIBC.setns(f.fileno(), CLONE_NEWNET) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"setns {ns}: {os.strerror(err)}")


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def frame(src_mac, dst_mac, flow, seq):
    payload = MARKER + struct.pack("!HI", flow, seq)
    udp = struct.pack("!HHHH", SPORT + flow, DPORT, 8 + len(payload), 0)
    total = 20 + len(udp) + len(payload)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, seq & 0xFFFF, 0, 64,
                     17, 0, socket.inet_aton("10.45.0.2"),
                     socket.inet_aton("10.45.0.1"))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = bytes.fromhex(dst_mac.replace(":", "")) + \
        bytes.fromhex(src_mac.replace(":", "")) + b"\x08\x00"
    return eth + ip + udp + payload


def flow_of(data):
    if len(data) < 42 or data[12:14] != b"\x08\x00" or data[23] != 17:
        return None
    ihl = (data[14] & 15) * 4
    udp = 14 + ihl
    body = data[udp + 8:udp + 8 + len(MARKER) + 6]
    if len(body) < len(MARKER) + 6 or not body.startswith(MARKER):
        return None
    flow, seq = struct.unpack("!HI", body[len(MARKER):])
    return flow, seq


def send(args):
    send_ns, send_dev, cap_ns, cap_devs, src_mac, dst_mac = args[:6]
    flows, count = int(args[6]), int(args[7])
    cap_devs = cap_devs.split(",")

    enter(cap_ns)
    caps = {}
    for dev in cap_devs:
        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                          socket.htons(ETH_P_ALL))
        s.bind((dev, 0))
        s.setblocking(False)
        caps[s] = dev
    enter(send_ns)
    out = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    out.bind((send_dev, 0))

    frames = [frame(src_mac, dst_mac, f, r)
              for r in range(count) for f in range(flows)]
    for f in frames:
        out.send(f)

    seen = {dev: set() for dev in cap_devs}
    got = {dev: 0 for dev in cap_devs}
    want = len(frames)
    deadline = time.monotonic() + 2
    while sum(got.values()) < want:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select(list(caps), [], [], left)
        for s in ready:
            while True:
                try:
                    data, addr = s.recvfrom(2048)
                except BlockingIOError:
                    break
                if addr[2] == socket.PACKET_OUTGOING:
                    continue
                fl = flow_of(data)
                if fl is None:
                    continue
                got[caps[s]] += 1
                seen[caps[s]].add(fl[0])
                deadline = time.monotonic() + 2
    for dev in cap_devs:
        flows_seen = ",".join(str(f) for f in sorted(seen[dev])) or "-"
        print(f"{dev} {got[dev]} {flows_seen}")


def seed(args):
    ns, dev, src_mac, dst_mac = args[:4]
    flows, count = int(args[4]), int(args[5])
    enter(ns)
    out = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    out.bind((dev, 0))
    for r in range(count):
        for f in range(flows):
            out.send(frame(src_mac, dst_mac, f, r))


def progs():
    nr_bpf = 321            # x86_64
    prog_get_next_id = 11
    attr = (ctypes.c_uint32 * 3)()
    ids = []
    while True:
        attr[1] = 0
        if LIBC.syscall(nr_bpf, prog_get_next_id, attr, 12) != 0:
            break
        ids.append(attr[1])
        attr[0] = attr[1]
    print(" ".join(str(i) for i in ids))


def main():
    if len(sys.argv) == 10 and sys.argv[1] == "send":
        send(sys.argv[2:])
    elif len(sys.argv) == 8 and sys.argv[1] == "seed":
        seed(sys.argv[2:])
    elif len(sys.argv) == 2 and sys.argv[1] == "progs":
        progs()
    else:
        sys.exit("usage: xdp_frames.py send|seed|progs ... (see its top)")


if __name__ == "__main__":
    main()
