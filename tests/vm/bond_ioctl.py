#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""bond_ioctl.py: bonding's ioctls, as tools older than its netlink and
sysfs interfaces send them (for scenario 65-ioctls).

  bond_ioctl.py info BOND            SIOCBONDINFOQUERY: mode, ports, miimon
  bond_ioctl.py port BOND ID         SIOCBONDSLAVEINFOQUERY: port number ID
  bond_ioctl.py enslave BOND DEV     SIOCBONDENSLAVE
  bond_ioctl.py release BOND DEV     SIOCBONDRELEASE
  bond_ioctl.py sethwaddr BOND DEV   SIOCBONDSETHWADDR
  bond_ioctl.py active BOND DEV      SIOCBONDCHANGEACTIVE
  bond_ioctl.py mii BOND             SIOCGMIIPHY, then SIOCGMIIREG of BMSR

Prints the result, or "error: ERRNAME" (exit status 0 either way, so that
the outputs of two drivers can be compared).
"""

import array
import errno
import fcntl
import socket
import struct
import sys

SIOCGMIIPHY, SIOCGMIIREG = 0x8947, 0x8948
SIOCBONDENSLAVE, SIOCBONDRELEASE = 0x8990, 0x8991
SIOCBONDSETHWADDR, SIOCBONDSLAVEINFOQUERY = 0x8992, 0x8993
SIOCBONDINFOQUERY, SIOCBONDCHANGEACTIVE = 0x8994, 0x8995
IFREQ_SIZE = 40  # struct ifreq on x86_64: a name and a 24-byte union


def ifreq(name, union):
    """A struct ifreq: the interface name, then the union's bytes."""
    head = struct.pack("16s", name.encode())
    return head + union + bytes(IFREQ_SIZE - len(head) - len(union))


def call(sock, request, req):
    return fcntl.ioctl(sock.fileno(), request, req)


def with_data(sock, request, bond, data):
    """An ioctl whose ifr_data points at DATA (a bytearray, updated)."""
    buf = array.array("B", bytes(data))
    addr, _ = buf.buffer_info()
    call(sock, request, ifreq(bond, struct.pack("P", addr)))
    return buf.tobytes()


def info(sock, bond):
    out = with_data(sock, SIOCBONDINFOQUERY, bond, bytes(12))
    mode, ports, miimon = struct.unpack("iii", out)
    print(f"mode {mode} ports {ports} miimon {miimon}")


def port(sock, bond, port_id):
    # struct ifslave: id, name[16], link, state, (pad), link_failure_count
    fmt = "i16sbbxxI"
    out = with_data(sock, SIOCBONDSLAVEINFOQUERY, bond,
                    struct.pack(fmt, int(port_id), b"", 0, 0, 0))
    _, name, link, state, failures = struct.unpack(fmt, out)
    name = name.split(b"\0")[0].decode()
    print(f"port {port_id}: {name} link {link} state {state} "
          f"failures {failures}")


def named(sock, request, bond, dev):
    call(sock, request, ifreq(bond, struct.pack("16s", dev.encode())))
    print("ok")


def mii(sock, bond):
    # struct mii_ioctl_data: phy_id, reg_num, val_in, val_out (u16 each)
    out = call(sock, SIOCGMIIPHY, ifreq(bond, struct.pack("HHHH", 7, 0, 0, 0)))
    phy = struct.unpack_from("H", out, 16)[0]
    req = ifreq(bond, struct.pack("HHHH", phy, 1, 0, 0xFFFF))
    out = call(sock, SIOCGMIIREG, req)
    bmsr = struct.unpack_from("H", out, 22)[0]
    print(f"phy {phy} bmsr 0x{bmsr:04x}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    cmd, bond, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    named_cmds = {"enslave": SIOCBONDENSLAVE, "release": SIOCBONDRELEASE,
                  "sethwaddr": SIOCBONDSETHWADDR,
                  "active": SIOCBONDCHANGEACTIVE}
    try:
        if cmd == "info":
            info(sock, bond)
        elif cmd == "port":
            port(sock, bond, args[0])
        elif cmd == "mii":
            mii(sock, bond)
        elif cmd in named_cmds:
            named(sock, named_cmds[cmd], bond, args[0])
        else:
            sys.exit(__doc__)
    except OSError as err:
        print(f"error: {errno.errorcode.get(err.errno, err.errno)}")


if __name__ == "__main__":
    main()
