#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# demo: a live failover, narrated. A host bonds two links to a switch in
# active-backup mode; a ping stream runs while the active link is cut and
# later restored, then while bondctl runs a failover drill, and the bond's
# state and the driver's events are shown at each step.
#
#  +-------- host (demo-h-PID) --------+      +------ switch (demo-s-PID) ------+
#  |  bond0 --+-- eth0 ===============|=veth=|== sw0 --+                       |
#  | 10.50.0.1|                        |      |         +-- br0  10.50.0.2     |
#  |          +-- eth1 ===============|=veth=|== sw1 --+      (the far end)    |
#  +-----------------------------------+      +---------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
nbond_reload kind=bond

say() {
	printf '\n### %s\n' "$*"
}

show() {
	echo "\$ $*"
	"$@"
}

H=$(ns_add demo-h)
S=$(ns_add demo-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.50.0.2/24 eth sw 2

say "Create an active-backup bond with iproute2 (nbond loaded with kind=bond)"
show ip -n "$H" link add bond0 type bond mode active-backup miimon 100 primary eth0
show ip -n "$H" link set eth0 master bond0
show ip -n "$H" link set eth1 master bond0
show ip -n "$H" link set bond0 up
show ip -n "$H" addr add 10.50.0.1/24 dev bond0
wait_until 10 in_ns "$H" ping -c 1 -W 1 10.50.0.2 >/dev/null ||
	fail "no path to the switch"
show ip netns exec "$H" cat /proc/net/nbond/bond0

say "Ping the far end every 10 ms while links fail; bondctl monitor records"
start_stream "$H" 10.50.0.2 demo
ip netns exec "$H" "$BONDCTL" monitor >"$RESULTS_DIR/demo.events" 2>&1 &
on_exit "kill $! 2>/dev/null || true"
sleep 1

say "Cut the active link (eth0): the switch port goes down"
show ip -n "$S" link set sw0 down
wait_until 5 active_is "$H" bond0 eth1 || fail "no failover"
echo "active port: $(bond_active "$H" bond0)"
show ip -n "$H" -d link show eth0
sleep 1

say "Restore it: eth0 is the primary, so it takes over again"
show ip -n "$S" link set sw0 up
wait_until 5 active_is "$H" bond0 eth0 || fail "no failback"
echo "active port: $(bond_active "$H" bond0)"
sleep 1

say "The same bond through bondctl"
show "$BONDCTL" -n "$H" show -d

say "A failover drill: bondctl takes the active port out of use (its link"
echo "    stays up), waits for the takeover, holds, restores it; three times"
show "$BONDCTL" -n "$H" drill bond0 --cycles 3 --hold 0.5
sleep 1
stop_stream demo

say "The driver's events, as bondctl monitor printed them"
cat "$RESULTS_DIR/demo.events"

say "What the stream saw"
grep -E 'packets transmitted|rtt' "$RESULTS_DIR/demo.ping"
lost=$(stream_lost demo)
echo "lost across two failovers and three drills: $lost packets (10 ms apart)"
show "$BONDCTL" -n "$H" -s show bond0
assert_le "the stream lost at most 50 packets" "$lost" 50
