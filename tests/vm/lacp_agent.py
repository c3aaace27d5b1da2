#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# lacp_agent.py [--takeover | --no-attach | --batch | --bad-batch] BOND:
# the smallest LACP agent there is, for benchmarks that need an 802.3ad
# bond's ports distributing without a partner. It attaches to BOND over
# the "nbond" generic netlink family (NBOND_CMD_AGENT; with --takeover
# even while another agent is attached; with --no-attach not at all, to
# see the driver refuse what follows) and marks every port of it selected,
# collecting and distributing in aggregator 1 (NBOND_CMD_LACP_SET, a
# request a port; with --batch one request for all, NBOND_A_PORTS; with
# --bad-batch the same with a last entry the policy refuses, Selected 7),
# prints "ready", and stays attached until its standard input closes. It speaks no LACP: the
# ports' partners are whatever is on the wire, if anything. A refused
# request ends it with "lacp_agent.py: COMMAND: ERROR" and status 1.
#
# The numbers are uapi/linux/nbond.h's and the kernel's generic netlink
# controller's.

import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
NLM_F_REQUEST = 0x1
NLM_F_ACK = 0x4
NLMSG_ERROR = 0x2
NLA_F_NESTED = 0x8000
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2

NBOND_CMD_AGENT = 4
NBOND_CMD_LACP_SET = 5
NBOND_A_IFINDEX = 2
NBOND_A_PORTS = 9
NBOND_A_PORT = 10
NBOND_A_AGENT_TAKEOVER = 17
NBOND_PORT_A_IFINDEX = 2
NBOND_PORT_A_LACP = 17
NBOND_LACP_A_AGGREGATOR = 1
NBOND_LACP_A_SELECTED = 2
NBOND_LACP_A_COLLECTING = 3
NBOND_LACP_A_DISTRIBUTING = 4
NBOND_LACP_SELECTED = 1


def attr(kind, payload):
    size = 4 + len(payload)
    pad = b"\0" * ((4 - size % 4) % 4)
    return struct.pack("=HH", size, kind) + payload + pad


def nest(kind, *attrs):
    return attr(kind | NLA_F_NESTED, b"".join(attrs))


def attrs_of(data):
    out = {}
    while len(data) >= 4:
        size, kind = struct.unpack_from("=HH", data)
        if size < 4:
            break
        out[kind & 0x3FFF] = data[4:size]
        data = data[(size + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.seq = 0

    def request(self, family, cmd, payload):
        """Send one request with an ACK asked for; the reply's payload
        (past the genl header) or an OSError with the kernel's errno."""
        self.seq += 1
        body = struct.pack("=BBH", cmd, 1, 0) + payload
        msg = struct.pack("=IHHII", 16 + len(body), family,
                          NLM_F_REQUEST | NLM_F_ACK, self.seq, 0) + body
        self.sock.send(msg)
        answer = None
        while True:
            data = self.sock.recv(65536)
            while len(data) >= 16:
                size, kind, _, seq, _ = struct.unpack_from("=IHHII", data)
                if size < 16:
                    raise OSError("malformed netlink message")
                message, data = data[:size], data[(size + 3) & ~3:]
                if seq != self.seq:
                    continue
                if kind == NLMSG_ERROR:
                    err = struct.unpack_from("=i", message, 16)[0]
                    if err:
                        raise OSError(-err, os.strerror(-err))
                    return answer
                answer = message[20:]

    def family(self, name):
        reply = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                             attr(CTRL_ATTR_FAMILY_NAME,
                                  name.encode() + b"\0"))
        return struct.unpack("=H", attrs_of(reply)[CTRL_ATTR_FAMILY_ID])[0]


def ifindex(name):
    with open(f"/sys/class/net/{name}/ifindex") as f:
        return int(f.read())


def ports(bond):
    return sorted(entry[len("lower_"):]
                  for entry in os.listdir(f"/sys/class/net/{bond}")
                  if entry.startswith("lower_"))


def port_state(name, selected=NBOND_LACP_SELECTED):
    lacp = nest(NBOND_PORT_A_LACP,
                attr(NBOND_LACP_A_AGGREGATOR, struct.pack("=H", 1)),
                attr(NBOND_LACP_A_SELECTED, struct.pack("=B", selected)),
                attr(NBOND_LACP_A_COLLECTING, struct.pack("=B", 1)),
                attr(NBOND_LACP_A_DISTRIBUTING, struct.pack("=B", 1)))
    return nest(NBOND_A_PORT,
                attr(NBOND_PORT_A_IFINDEX, struct.pack("=I", ifindex(name))),
                lacp)


def main():
    args = sys.argv[1:]
    flag = args.pop(0) if len(args) == 2 else None
    if len(args) != 1 or flag not in (None, "--takeover", "--no-attach",
                                      "--batch", "--bad-batch"):
        sys.exit("usage: lacp_agent.py"
                 " [--takeover | --no-attach | --batch | --bad-batch] BOND")
    bond = args[0]
    genl = Genl()
    family = genl.family("nbond")
    if flag != "--no-attach":
        request = attr(NBOND_A_IFINDEX, struct.pack("=I", ifindex(bond)))
        if flag == "--takeover":
            request += attr(NBOND_A_AGENT_TAKEOVER, b"")
        try:
            genl.request(family, NBOND_CMD_AGENT, request)
        except OSError as e:
            sys.exit(f"lacp_agent.py: AGENT: {e.strerror}")
    names = ports(bond)
    if not names:
        sys.exit(f"lacp_agent.py: {bond} has no ports")
    if flag in ("--batch", "--bad-batch"):
        entries = [port_state(name) for name in names]
        if flag == "--bad-batch":
            entries.append(port_state(names[0], selected=7))
        requests = [nest(NBOND_A_PORTS, *entries)]
    else:
        requests = [port_state(name) for name in names]
    for request in requests:
        try:
            genl.request(family, NBOND_CMD_LACP_SET, request)
        except OSError as e:
            sys.exit(f"lacp_agent.py: LACP_SET: {e.strerror}")
    print("ready", " ".join(names), flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
