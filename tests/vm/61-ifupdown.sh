#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 61-ifupdown: Debian's ifupdown and ifenslave, unchanged, configure bonds
# from an interfaces file. ifenslave's hooks create each bond with ip, then
# set its options and add its ports through bonding's sysfs files, and
# delete it on ifdown. Three bonds: active-backup (primary, updelay),
# balance-xor (layer3+4) and 802.3ad (lacp_rate, min_links; lacpd running
# in the namespace as its service runs it, a bond of the same driver with
# its own lacpd as the partner). After ifup each bond has its options and
# ports and carries pings; after ifdown it is gone and its ports are free.
# The same with bonding.ko and with nbond (kind=bond) must read the same.
#
#  +------------- if-PID --------------+     +-- ifs-PID: br0 192.0.2.254
#  |  ab0   192.0.2.1    a0 a1 ========+=====+
#  |  xor0  198.51.100.1 x0 x1 ========+=====+-- ifx-PID: br0 198.51.100.254
#  |  lacp0 203.0.113.1  l0 l1 ========+=====+-- ifp-PID: pb  203.0.113.254
#  +-----------------------------------+         (802.3ad, same driver)

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module bonding
require_cmd ifup ifdown
[[ -x /etc/network/if-pre-up.d/ifenslave ]] ||
	skip "ifenslave is not installed (make deps)"
require_lacpd

H=$(ns_add if)
S=$(ns_add ifs)
X=$(ns_add ifx)
P=$(ns_add ifp)
quiet_ns "$H"
bridge_switch "$S" "$H" 192.0.2.254/24 a s 2
bridge_switch "$X" "$H" 198.51.100.254/24 x s 2
veth_pair l0 "$H" p0 "$P"
veth_pair l1 "$H" p1 "$P"

# ifupdown reads /etc/network/interfaces (ifenslave's hooks call ifup and
# ifquery without -i) and keeps its state in /run/network: a file of our
# own is bound over the shared, read-only one for the scenario.
IFACES=$RESULTS_DIR/interfaces
cat >"$IFACES" <<EOF
iface ab0 inet static
	address 192.0.2.1/24
	bond-slaves a0 a1
	bond-mode active-backup
	bond-miimon 100
	bond-updelay 200
	bond-primary a1

iface xor0 inet static
	address 198.51.100.1/24
	bond-slaves x0 x1
	bond-mode balance-xor
	bond-miimon 100
	bond-xmit-hash-policy layer3+4

iface lacp0 inet static
	address 203.0.113.1/24
	bond-slaves l0 l1
	bond-mode 802.3ad
	bond-miimon 100
	bond-lacp-rate $LACP_RATE
	bond-min-links 1
EOF
mount --bind "$IFACES" /etc/network/interfaces
on_exit "umount /etc/network/interfaces"
mkdir -p /run/network

in_h() {
	ip netns exec "$H" "$@"
}

# The options of BOND that its stanza set, and its ports.
bond_state() {
	local bond=$1
	ip_json "$H" "$bond" | jq -c '.[0].linkinfo.info_data |
		{mode, miimon, updelay, primary, xmit_hash_policy,
		 ad_lacp_rate, min_links}'
	echo "$bond slaves: $(in_h cat "/sys/class/net/$bond/bonding/slaves")"
}

# partner_bond: the 802.3ad partner in P, of the driver loaded; with nbond
# each side runs lacpd, the host's started before ifup as its unit would.
partner_bond() {
	ip -n "$P" link add pb type bond mode 802.3ad miimon 100 \
		lacp_rate "$LACP_RATE"
	add_ports "$P" pb p0 p1
	ip -n "$P" addr add 203.0.113.254/24 dev pb
	ip -n "$P" link set pb up
	if [[ -d /sys/module/nbond ]]; then
		start_lacpd "$P" "peer-$1"
		start_lacpd "$H" "host-$1"
	fi
}

stop_partner() {
	if [[ -d /sys/module/nbond ]]; then
		stop_lacpd "peer-$1"
		stop_lacpd "host-$1"
	fi
	ip -n "$P" link del pb
}

reaches() {
	ip netns exec "$H" ping -c 1 -W 2 "$1" >/dev/null 2>&1
}

# run_if CMD BOND: ifup or ifdown of BOND, its output shown.
run_if() {
	local out
	out=$(in_h "$1" "$2" 2>&1) || fail "$1 $2 failed: $out"
	[[ -z $out ]] || printf '%s\n' "$out" | sed "s/^/$1: /"
}

ifupdown() {
	local bond peer run=bonding name
	[[ ! -d /sys/module/nbond ]] || run=nbond
	partner_bond "$run"
	for bond in ab0 xor0 lacp0; do
		echo "==== ifup $bond"
		run_if ifup "$bond"
		dev_exists "$H" "$bond" || fail "ifup did not create $bond"
		bond_state "$bond"
	done

	for bond in ab0:192.0.2.254 xor0:198.51.100.254 lacp0:203.0.113.254; do
		name=${bond%%:*}
		peer=${bond#*:}
		if wait_until 60 reaches "$peer"; then
			echo "$name reaches $peer"
		else
			echo "$name: no reply from $peer"
			fail "$name carries no traffic after ifup"
		fi
	done
	echo "active of ab0: $(in_h cat /sys/class/net/ab0/bonding/active_slave)"

	for bond in ab0 xor0 lacp0; do
		echo "==== ifdown $bond"
		run_if ifdown "$bond"
		! dev_exists "$H" "$bond" || fail "ifdown left $bond"
	done
	for name in a0 a1 x0 x1 l0 l1; do
		[[ -z $(port_master "$H" "$name") ]] ||
			fail "$name still has a master after ifdown"
	done
	echo "ports free"
	stop_partner "$run"
}

like_bonding ifupdown \
	"ifupdown and ifenslave configure bonds as with bonding.ko"
pass "ifup made active-backup, balance-xor and 802.3ad bonds with their options and ports, they carried traffic, ifdown removed them"
