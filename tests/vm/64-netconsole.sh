#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 64-netconsole: netconsole (netpoll) over an active-backup bond. Kernel
# messages leave through the active port, again after a failover, and
# again through a port that joined while netconsole was attached; deleting
# the bond under netconsole leaves the kernel log clean. netpoll works only
# in the initial network namespace, so the bond is made there (and deleted
# at exit). Its ports are the rig's wires (vm/run): virtio-net NICs
# whose far ends a reader holds in the wires' namespace, logging each
# netconsole datagram with the port it left by. Without wires (a vng rig)
# they are tap devices that the reader holds; veth refuses netpoll. On the
# debug kernel netpoll through a tap is a lock-order report of tun's own
# (docs/testing.md), hence the wires.
#
#  initial namespace                     wires' namespace
#  bond0 192.0.2.1 -- P0 ---- wire 0 ---- w01 --+
#                  -- P1 ---- wire 1 ---- w11 --+-- reader: "PORT MESSAGE"

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

readonly WIRES=/run/nbond-wires

require_nbond
require_module netconsole
[[ ! -d /sys/module/netconsole ]] || fail "netconsole is loaded already"
nbond_reload kind=bond

# The initial namespace under a name, for the helpers that take one (its
# name goes at exit; the namespace stays).
I=init-$$
ip netns attach "$I" 1 || fail "cannot name the initial namespace"

# reader.py PORT:KIND:DEV...: prints "PORT TEXT" for each netconsole
# datagram it reads, after "attached". KIND is "tap" (a tap to open) or
# "packet" (a device to read with a packet socket).
READER=$RESULTS_DIR/reader.py
cat >"$READER" <<-'PY'
	import fcntl, os, select, socket, struct, sys
	TUNSETIFF, IFF_TAP, IFF_NO_PI = 0x400454CA, 0x0002, 0x1000
	ETH_P_ALL = 0x0003
	names = {}
	for arg in sys.argv[1:]:
	    port, kind, dev = arg.split(":")
	    if kind == "tap":
	        fd = os.open("/dev/net/tun", os.O_RDWR)
	        fcntl.ioctl(fd, TUNSETIFF,
	                    struct.pack("16sH", dev.encode(), IFF_TAP | IFF_NO_PI))
	    else:
	        s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
	                          socket.htons(ETH_P_ALL))
	        s.bind((dev, 0))
	        fd = os.dup(s.fileno())
	    names[fd] = port
	print("attached", flush=True)
	while True:
	    ready, _, _ = select.select(list(names), [], [])
	    for fd in ready:
	        f = os.read(fd, 65536)
	        # IPv4, UDP, to port 6666: a netconsole datagram
	        if len(f) < 42 or f[12:14] != b"\x08\x00" or f[23] != 17:
	            continue
	        udp = 14 + (f[14] & 0x0F) * 4
	        if struct.unpack("!H", f[udp + 2:udp + 4])[0] != 6666:
	            continue
	        text = f[udp + 8:].decode(errors="replace").strip()
	        print(names[fd], text, flush=True)
	PY

RECEIVED=$RESULTS_DIR/received.log
if [[ -e $WIRES ]]; then
	P0=w00
	P1=w10
	for p in w00 w10; do
		nsenter --net="$WIRES" ip link set "$p" netns "$I" ||
			fail "cannot fetch $p from the rig's wires"
		on_exit "ip link set $p nomaster 2>/dev/null; ip link set $p down; ip link set $p netns $WIRES"
	done
	# Promiscuous: QEMU's virtio-net drops what is not for its MAC.
	nsenter --net="$WIRES" ip link set w01 promisc on up
	nsenter --net="$WIRES" ip link set w11 promisc on up
	on_exit "nsenter --net=$WIRES ip link set w01 promisc off down; nsenter --net=$WIRES ip link set w11 promisc off down"
	nsenter --net="$WIRES" python3 -u "$READER" \
		P0:packet:w01 P1:packet:w11 >"$RECEIVED" 2>&1 &
	echo "ports: the rig's virtio-net wires"
else
	require_module tun
	modprobe tun
	P0=t0
	P1=t1
	on_exit "ip link del t0 2>/dev/null; ip link del t1 2>/dev/null; true"
	for i in 0 1; do
		ip tuntap add "t$i" mode tap
	done
	python3 -u "$READER" P0:tap:t0 P1:tap:t1 >"$RECEIVED" 2>&1 &
	echo "ports: taps (this rig has no wires)"
fi
on_exit "kill $! 2>/dev/null || true"
wait_until 20 grep -q attached "$RECEIVED" || fail "the reader did not start: $(cat "$RECEIVED")"

ip link add bond0 type bond mode active-backup miimon 100 primary "$P0"
on_exit "ip link del bond0 2>/dev/null || true"
add_ports "$I" bond0 "$P0" "$P1"
ip link set bond0 up
ip addr add 192.0.2.1/24 dev bond0
wait_until 20 bond_carrier_is "$I" bond0 1 || fail "bond0 has no carrier"

step "netconsole attaches to bond0"
modprobe netconsole \
	"netconsole=6665@192.0.2.1/bond0,6666@192.0.2.254/02:00:00:00:00:fe"
on_exit "rmmod netconsole 2>/dev/null || true"
on_exit "rmmod bonding 2>/dev/null || true"
if dmesg | grep -q 'Not enabling netconsole'; then
	fail "netconsole refused bond0: $(dmesg | grep netpoll | tail -n 3)"
fi

# sent TAG: a kernel message with TAG (critical: on every console).
sent() {
	echo "<2>nbond-netconsole $1" >/dev/kmsg
}
# received_on PORT TAG: the message TAG left through PORT.
received_on() {
	grep -q "^$1 .*nbond-netconsole $2" "$RECEIVED"
}

step "a kernel message goes out through the active port"
assert_eq "$P0 is active" "$(bond_active "$I" bond0)" "$P0"
sent first
wait_until 20 received_on P0 first ||
	fail "the message did not leave through $P0: $(cat "$RECEIVED")"
pass "sent through $P0"

step "after a failover, through the new active port"
ip link set "$P0" down
wait_until 20 active_is "$I" bond0 "$P1" || fail "$P1 did not take over"
sent second
wait_until 20 received_on P1 second ||
	fail "the message did not leave through $P1: $(cat "$RECEIVED")"
pass "sent through $P1"

step "through a port that joined while netconsole was attached"
ip link set "$P0" nomaster
add_ports "$I" bond0 "$P0"
ip link set bond0 type bond active_slave "$P0"
wait_until 20 active_is "$I" bond0 "$P0" || fail "$P0 did not become active"
sent third
wait_until 20 received_on P0 third ||
	fail "the message did not leave through the re-added $P0: $(cat "$RECEIVED")"
pass "sent through the re-added $P0"

step "the bond deleted under netconsole"
ip link del bond0
rmmod netconsole
pass "netconsole over nbond: messages arrive through the active port, after a failover and a port change"
