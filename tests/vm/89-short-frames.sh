#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 89-short-frames: frames shorter than their headers claim, sent into the
# bond through a packet socket, in every mode and every xmit_hash_policy.
# A frame of ethertype 0x8100 that ends right after its Ethernet header
# once made the flow hash read the VLAN tag past the data (issue 12,
# defect 7). The bond must take every one of them and carry traffic
# afterwards; on the debug kernel (make check-debug) KASAN fails the run on
# any read past the data. (Shorter than 14 bytes, the socket layer refuses
# them: an Ethernet device's min_header_len.)
#
#  +------------------- sf-h-PID -------------------+     +---- sf-s-PID ----+
#  |  raw socket -> bond0 10.89.0.1 -+- e0 ==========|=====|== s0 -+- br0    |
#  |                                 +- e1 ==========|=====|== s1 -+ 10.89.0.2|
#  +-------------------------------------------------+     +------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd python3
nbond_reload kind=bond

H=$(ns_add sf-h)
S=$(ns_add sf-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.89.0.2/24 e s 2

# send_short_frames: through bond0, every length from 14 to 22 bytes of
# each ethertype below, then two of full length; prints how many the
# socket accepted (6 x 11 = 66).
send_short_frames() {
	ip netns exec "$H" python3 - <<-'EOF'
	import socket
	s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
	s.bind(("bond0", 0))
	dst = bytes.fromhex("ffffffffffff")
	src = bytes.fromhex("020000000001")
	sent = 0
	for etype in (0x8100, 0x88a8, 0x0800, 0x86dd, 0x0806, 0x8809):
	    head = dst + src + etype.to_bytes(2, "big")
	    frame = head + bytes(range(1, 49))
	    for length in list(range(14, 23)) + [60, 64]:
	        try:
	            s.send(frame[:length])
	            sent += 1
	        except OSError:
	            pass
	print(sent)
	EOF
}

# one_mode OPTIONS...: a bond with OPTIONS takes the frames and still
# carries a ping.
one_mode() {
	local desc="$*" sent
	ip -n "$H" link add bond0 type bond "$@"
	add_ports "$H" bond0 e0 e1
	ip -n "$H" link set bond0 up
	ip -n "$H" addr add 10.89.0.1/24 dev bond0
	sent=$(send_short_frames)
	assert_eq "$desc: the socket took every frame" "$sent" 66
	wait_until 20 in_ns "$H" ping -c 1 -W 1 10.89.0.2 >/dev/null ||
		fail "$desc: no ping after the short frames"
	pass "$desc: the bond carries traffic after them"
	ip -n "$H" link del bond0
}

for policy in layer2 layer2+3 layer3+4 encap2+3 encap3+4 vlan+srcmac; do
	one_mode mode balance-xor miimon 100 xmit_hash_policy "$policy"
done
one_mode mode balance-rr miimon 100
one_mode mode active-backup miimon 100
one_mode mode broadcast miimon 100
one_mode mode balance-tlb miimon 100 xmit_hash_policy layer3+4 \
	tlb_dynamic_lb 0
one_mode mode balance-tlb miimon 100
one_mode mode balance-alb miimon 100
