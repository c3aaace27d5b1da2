#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 64-netconsole: netconsole (netpoll) over an active-backup bond. Kernel
# messages leave through the active port, again after a failover, and
# again through a port that joined while netconsole was attached; deleting
# the bond under netconsole leaves the kernel log clean. netpoll works only
# in the initial network namespace, so the bond is made there (and deleted
# at exit). Its ports are tap devices (veth refuses netpoll): a reader
# holds both and logs each netconsole datagram with the port it left by.
#
#  initial namespace
#  bond0 192.0.2.1 -- t0 --+
#                  -- t1 --+-- tap reader: "PORT MESSAGE" lines

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module netconsole
require_module tun
modprobe tun
[[ ! -d /sys/module/netconsole ]] || fail "netconsole is loaded already"
nbond_reload kind=bond

# The initial namespace under a name, for the helpers that take one (its
# name goes at exit; the namespace stays).
I=init-$$
ip netns attach "$I" 1 || fail "cannot name the initial namespace"
on_exit "ip link del t0 2>/dev/null; ip link del t1 2>/dev/null; true"
for i in 0 1; do
	ip tuntap add "t$i" mode tap
done

RECEIVED=$RESULTS_DIR/received.log
python3 -u - t0 t1 >"$RECEIVED" 2>&1 <<-'PY' &
	import fcntl, os, select, struct, sys
	TUNSETIFF, IFF_TAP, IFF_NO_PI = 0x400454CA, 0x0002, 0x1000
	names = {}
	for name in sys.argv[1:]:
	    fd = os.open("/dev/net/tun", os.O_RDWR)
	    fcntl.ioctl(fd, TUNSETIFF,
	                struct.pack("16sH", name.encode(), IFF_TAP | IFF_NO_PI))
	    names[fd] = name
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
on_exit "kill $! 2>/dev/null || true"
wait_until 20 grep -q attached "$RECEIVED" || fail "the tap reader did not start"

ip link add bond0 type bond mode active-backup miimon 100 primary t0
on_exit "ip link del bond0 2>/dev/null || true"
add_ports "$I" bond0 t0 t1
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
assert_eq "t0 is active" "$(bond_active "$I" bond0)" t0
sent first
wait_until 20 received_on t0 first ||
	fail "the message did not leave through t0: $(cat "$RECEIVED")"
pass "sent through t0"

step "after a failover, through the new active port"
ip link set t0 down
wait_until 20 active_is "$I" bond0 t1 || fail "t1 did not take over"
sent second
wait_until 20 received_on t1 second ||
	fail "the message did not leave through t1: $(cat "$RECEIVED")"
pass "sent through t1"

step "through a port that joined while netconsole was attached"
ip link set t0 nomaster
add_ports "$I" bond0 t0
ip link set bond0 type bond active_slave t0
wait_until 20 active_is "$I" bond0 t0 || fail "t0 did not become active"
sent third
wait_until 20 received_on t0 third ||
	fail "the message did not leave through the re-added t0: $(cat "$RECEIVED")"
pass "sent through the re-added t0"

step "the bond deleted under netconsole"
ip link del bond0
rmmod netconsole
pass "netconsole over nbond: messages arrive through the active port, after a failover and a port change"
