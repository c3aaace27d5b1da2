#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 50-bad-input: every refused request gets a clear error and changes
# nothing: unknown modes and policies (names and numbers), modes that are
# options in the wrong mode or state, bad ports.
#
#  +------------------------- bad-h-PID --------------------------+
#  |  bond0 (active-backup) --- e0 ====veth==== p0 (same ns)       |
#  |  bond1 (balance-rr)   --- e1 ====veth==== p1                  |
#  |  bond2 (empty), tun0 (not Ethernet), lo, dummy d0             |
#  +---------------------------------------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
nbond_reload kind=bond

H=$(ns_add bad-h)
quiet_ns "$H"
ip -n "$H" link add e0 type veth peer name p0
ip -n "$H" link add e1 type veth peer name p1
ip -n "$H" link add d0 type dummy
ip -n "$H" link add bond0 type bond mode active-backup miimon 100
ip -n "$H" link add bond1 type bond
ip -n "$H" link set e0 master bond0
ip -n "$H" link set e1 master bond1
ip -n "$H" link add bond2 type bond

# refused DESC CMD...: CMD must fail and print an error message.
refused() {
	local desc=$1 out
	shift
	if out=$("$@" 2>&1); then
		fail "$desc: '$*' was accepted"
	fi
	[[ -n $out ]] || fail "$desc: refused without a message"
	pass "$desc refused: ${out//$'\n'/ }"
}

# snapshot: everything a refused request must leave as it was.
snapshot() {
	ip -n "$H" -j -d link show | jq -S '[.[] | {ifname, address, mtu,
		master, operstate, linkinfo}]'
}

operstate_is() {
	[[ $(ip -n "$H" -j link show "$1" | jq -r '.[0].operstate') == "$2" ]]
}

# Enslaving opened e0 and e1; their peers are down. Let linkwatch settle
# their state before taking the reference.
wait_until 10 operstate_is e0 LOWERLAYERDOWN || fail "e0 never settled"
wait_until 10 operstate_is e1 LOWERLAYERDOWN || fail "e1 never settled"
before=$(snapshot)

step "modes and policies"
refused "unknown mode name" ip -n "$H" link add bx type bond mode fast
refused "unknown mode number" ip -n "$H" link add bx type bond mode 9
refused "802.3ad: ad_actor_sys_prio 0 is out of range" \
	ip -n "$H" link add bx type bond mode 802.3ad ad_actor_sys_prio 0
refused "unknown xmit_hash_policy name" \
	ip -n "$H" link add bx type bond xmit_hash_policy layer5
refused "unknown xmit_hash_policy number" \
	ip -n "$H" link add bx type bond xmit_hash_policy 6
refused "unknown primary_reselect number" \
	ip -n "$H" link set bond0 type bond primary_reselect 3
refused "unknown fail_over_mac number" \
	ip -n "$H" link add bx type bond mode active-backup fail_over_mac 3
refused "packets_per_slave out of range" \
	ip -n "$H" link add bx type bond packets_per_slave 65536
refused "peer_notif_delay out of range" \
	ip -n "$H" link set bond0 type bond peer_notify_delay 300001
# Refused after the device was registered: balance-alb allocates its
# tables, then the bad name or option undoes it all (kmemleak, on the
# debug kernel, checks that nothing is left behind).
refused "an invalid name, with a mode that allocates" \
	ip -n "$H" link add 'bx%d%d' type bond mode balance-alb
refused "balance-alb with ARP monitoring" \
	ip -n "$H" link add bx type bond mode balance-alb arp_interval 100
assert_true "no half-made bond left" \
	bash -c "! ip -n '$H' link show bx 2>/dev/null"

step "options in the wrong mode or state"
refused "primary in balance-rr" \
	ip -n "$H" link set bond1 type bond primary e1
refused "packets_per_slave in active-backup" \
	ip -n "$H" link set bond0 type bond packets_per_slave 2
refused "lacp_rate outside 802.3ad" \
	ip -n "$H" link set bond0 type bond lacp_rate fast
refused "mode change while the bond has ports" \
	ip -n "$H" link set bond0 type bond mode balance-rr
ip -n "$H" link set bond1 up
refused "mode change while the bond is up" \
	ip -n "$H" link set bond1 type bond mode active-backup
ip -n "$H" link set bond1 down
refused "fail_over_mac while the bond has ports" \
	ip -n "$H" link set bond0 type bond fail_over_mac active
refused "updelay without miimon" \
	ip -n "$H" link set bond1 type bond updelay 200
refused "arp_ip_target that is not unicast" \
	ip -n "$H" link set bond1 type bond arp_interval 100 arp_ip_target 224.0.0.1
refused "ARP monitoring in 802.3ad" \
	ip -n "$H" link set bond2 type bond mode 802.3ad arp_interval 100
refused "ARP monitoring in balance-alb" \
	ip -n "$H" link set bond2 type bond mode balance-alb arp_interval 100
refused "NS monitoring in balance-tlb" \
	ip -n "$H" link set bond2 type bond mode balance-tlb arp_interval 100 \
	ns_ip6_target 2001:db8::1
refused "active_slave that is not a port" \
	ip -n "$H" link set bond0 type bond active_slave d0
refused "active_slave in a mode without one" \
	ip -n "$H" link set bond1 type bond active_slave d0
refused "prio in balance-rr" ip -n "$H" link set e1 type bond_slave prio 3

step "ports that cannot be"
refused "the bond as its own port" ip -n "$H" link set bond0 master bond0
refused "loopback as a port" ip -n "$H" link set lo master bond1
modprobe tun
ip -n "$H" tuntap add tun0 mode tun
refused "a non-Ethernet device" ip -n "$H" link set tun0 master bond1
ip -n "$H" link del tun0
ip -n "$H" link set bond2 master bond0
refused "a loop of bonds" ip -n "$H" link set bond0 master bond2
ip -n "$H" link set bond2 nomaster
ip -n "$H" link add link bond0 name bond0.5 type vlan id 5
refused "a device stacked on the bond" \
	ip -n "$H" link set bond0.5 master bond0
ip -n "$H" link del bond0.5

step "nothing changed"
after=$(snapshot)
if [[ $before != "$after" ]]; then
	diff <(echo "$before") <(echo "$after") >&2 || true
	fail "a refused request changed the system"
fi
pass "links, addresses, MTUs, masters and bond options are as before"

step "a port moved from one bond to another leaves the first"
ip -n "$H" link set e0 master bond1
assert_eq "bond1 has two ports" "$(proc_field "$H" bond1 ports)" 2
assert_eq "e0 is in bond1" \
	"$(ip -n "$H" -j link show e0 | jq -r '.[0].master')" bond1
assert_eq "bond0 has no ports" "$(proc_field "$H" bond0 ports)" 0

# raw_newlink NAME CASE: an RTM_NEWLINK that iproute2 cannot send, making
# bond NAME; prints the kernel's answer (0 or -errno). CASE:
#   long_mode  IFLA_BOND_MODE 1 in 4 bytes (0x101)
#   ad_info    mode 802.3ad and an IFLA_BOND_AD_INFO, as a dump echoed back
raw_newlink() {
	ip netns exec "$H" python3 - "$1" "$2" <<-'PY'
	import socket, struct, sys
	def nla(kind, payload):
	    length = 4 + len(payload)
	    return struct.pack("HH", length, kind) + payload + bytes(-length % 4)
	IFLA_IFNAME, IFLA_LINKINFO, IFLA_INFO_KIND, IFLA_INFO_DATA = 3, 18, 1, 2
	IFLA_BOND_MODE, IFLA_BOND_AD_INFO, RTM_NEWLINK = 1, 23, 16
	IFLA_BOND_AD_INFO_AGGREGATOR, IFLA_BOND_AD_INFO_NUM_PORTS = 1, 2
	flags = 0x1 | 0x4 | 0x200 | 0x400  # REQUEST ACK EXCL CREATE
	name, case = sys.argv[1], sys.argv[2]
	if case == "long_mode":
	    data = nla(IFLA_BOND_MODE, struct.pack("I", 0x101))
	else:
	    ad = nla(IFLA_BOND_AD_INFO_AGGREGATOR, struct.pack("H", 5))
	    ad += nla(IFLA_BOND_AD_INFO_NUM_PORTS, struct.pack("H", 2))
	    data = nla(IFLA_BOND_MODE, struct.pack("B", 4))
	    data += nla(IFLA_BOND_AD_INFO | 0x8000, ad)  # NLA_F_NESTED
	info = nla(IFLA_INFO_KIND, b"bond\0") + nla(IFLA_INFO_DATA, data)
	body = struct.pack("BBHiII", 0, 0, 0, 0, 0, 0)
	body += nla(IFLA_IFNAME, name.encode() + b"\0") + nla(IFLA_LINKINFO, info)
	s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
	s.send(struct.pack("IHHII", 16 + len(body), RTM_NEWLINK, flags, 1, 0) + body)
	reply = s.recv(4096)
	print(struct.unpack_from("i", reply, 16)[0])
	PY
}

step "an option attribute longer than its type is read as its type"
# rtnetlink parses IFLA_INFO_DATA liberally: IFLA_BOND_MODE (a u8) may come
# 4 bytes long. bonding.ko reads its first byte; so must nbond (it read
# all 4, 0x101, and refused the mode).
assert_eq "the kernel took the request" "$(raw_newlink bondw long_mode)" 0
assert_eq "mode 1: active-backup" "$(bond_opt "$H" bondw mode)" active-backup
ip -n "$H" link del bondw

step "an echoed IFLA_BOND_AD_INFO is ignored, as bonding.ko does"
# A tool that sends back what a dump gave includes the read-only active
# aggregator; bonding.ko ignores it (nbond refused the whole request).
assert_eq "the kernel took the request" "$(raw_newlink bonda ad_info)" 0
assert_eq "mode 802.3ad" "$(bond_opt "$H" bonda mode)" 802.3ad
ip -n "$H" link del bonda
