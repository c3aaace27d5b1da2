#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 94-headroom: the bond asks for the room its ports need in front of and
# behind a frame (hard_header_len, needed_headroom, needed_tailroom), so
# that the stack allocates it once. Without it, a port that adds headers
# (VXLAN here; VLAN without offload, macsec) must reallocate every skb it
# is given: a kprobe counts pskb_expand_head while pings cross the bond.
#
#  +----------- hr-h-PID -----------+        +----------- hr-r-PID -----------+
#  |  bond0 10.94.1.1               |        |  br0 10.94.1.2                 |
#  |   +-- u0 (vxlan 10) --+        |  veth  |   +-- v0 (vxlan 10) --+        |
#  |   +-- u1 (vxlan 11) --+- h0 ===|========|= r0 -+-- v1 (vxlan 11) --+      |
#  |        10.94.0.1 (mtu 1600)    |        |  10.94.0.2                     |
#  +--------------------------------+        +--------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module vxlan
nbond_reload kind=bond

H=$(ns_add hr-h)
R=$(ns_add hr-r)
quiet_ns "$H"
quiet_ns "$R"
kprobe_add expand pskb_expand_head

veth_pair h0 "$H" r0 "$R"
ip -n "$H" link set h0 mtu 1600
ip -n "$R" link set r0 mtu 1600
ip -n "$H" addr add 10.94.0.1/24 dev h0
ip -n "$R" addr add 10.94.0.2/24 dev r0
ip -n "$R" link add br0 type bridge
ip -n "$R" link set br0 up
ip -n "$R" addr add 10.94.1.2/24 dev br0
for i in 0 1; do
	ip -n "$H" link add "u$i" type vxlan id $((10 + i)) local 10.94.0.1 \
		remote 10.94.0.2 dstport 4789 dev h0
	ip -n "$R" link add "v$i" type vxlan id $((10 + i)) local 10.94.0.2 \
		remote 10.94.0.1 dstport 4789 dev r0
	ip -n "$R" link set "v$i" master br0
	ip -n "$R" link set "v$i" up
done
ip -n "$H" link add bond0 type bond mode active-backup miimon 100
add_ports "$H" bond0 u0 u1
ip -n "$H" link set bond0 up
ip -n "$H" addr add 10.94.1.1/24 dev bond0
wait_until 10 in_ns "$H" ping -c 1 -W 1 10.94.1.2 >/dev/null ||
	fail "no ping across the VXLAN ports"

step "pings across VXLAN ports: no skb reallocated on the way"
before=$(kprobe_hits expand)
in_ns "$H" ping -q -c 200 -i 0.01 -W 1 10.94.1.2 >/dev/null ||
	fail "pings lost"
# A few reallocations come from elsewhere (the bridge side, ARP); one per
# ping is what a bond without the ports' headroom costs.
assert_le "pskb_expand_head calls for 200 pings" \
	$(($(kprobe_hits expand) - before)) 40
