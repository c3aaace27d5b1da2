#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 60-iproute2-parity: with kind=bond, iproute2 drives nbond exactly as it
# drives the kernel's bonding.ko: the same commands create the same bonds,
# and `ip -j -d link show` reports the same options and port data for
# both. Also: nbond refuses kind=bond while bonding.ko holds it.
#
#  +---------------------- par-h-PID -----------------------+
#  |  bond0 --+-- e0 ==veth== p0   (fixed MAC addresses)    |
#  |          +-- e1 ==veth== p1                            |
#  +---------------------------------------------------------+
#
# Each configuration is built once with bonding.ko and once with nbond.ko
# in the same boot, and the two JSON documents are compared.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module bonding

H=$(ns_add par-h)
quiet_ns "$H"
ip -n "$H" link add e0 address 02:00:00:00:01:00 type veth peer name p0
ip -n "$H" link add e1 address 02:00:00:00:01:01 type veth peer name p1
for d in e0 e1 p0 p1; do
	ip -n "$H" link set "$d" up
done

CONFIGS=(
	""
	"mode active-backup miimon 100 updelay 200 downdelay 300 primary e0 primary_reselect better num_grat_arp 3 resend_igmp 2 all_slaves_active 1 min_links 1 lp_interval 2 peer_notify_delay 200 use_carrier 0"
	"mode active-backup miimon 100 fail_over_mac follow"
	"mode balance-xor miimon 50 xmit_hash_policy layer3+4"
	"mode balance-xor xmit_hash_policy encap3+4"
	"mode balance-rr packets_per_slave 3"
	"mode broadcast miimon 10"
	"mode balance-alb miimon 100 fail_over_mac active"
)

# Options alone, no ports: a bond made with the words before "|", then
# changed (down) with those after it. A mode without ARP monitoring turns
# it off, and monitors MII if nothing did.
CHANGES=(
	"mode 802.3ad|"
	"mode balance-tlb|"
	"mode balance-alb|"
	"mode active-backup arp_interval 100 arp_ip_target 192.0.2.1|mode 802.3ad"
	"mode active-backup arp_interval 100 arp_ip_target 192.0.2.1|mode balance-alb"
	"mode active-backup|mode balance-tlb"
	"mode active-backup miimon 200|mode 802.3ad"
	"mode balance-xor ad_select bandwidth arp_ip_target 192.0.2.1|mode 802.3ad"
	"mode 802.3ad|arp_ip_target 192.0.2.1 ns_ip6_target 2001:db8::1"
	"mode balance-tlb fail_over_mac active|"
	"mode 6 fail_over_mac follow|"
	"mode balance-rr fail_over_mac active|mode balance-alb"
)

# dump CONFIG: the bond's options and its ports' data as JSON.
dump() {
	local config=$1
	# shellcheck disable=SC2086 # CONFIG is a list of words
	ip -n "$H" link add bond0 type bond $config
	add_ports "$H" bond0 e0 e1
	ip -n "$H" link set bond0 up
	wait_until 10 bond_carrier_is "$H" bond0 1 || fail "bond0 never got carrier"
	sleep 1
	ip -n "$H" link set e1 type bond_slave queue_id 3
	jq -S -n \
		--argjson bond "$(ip_json "$H" bond0)" \
		--argjson e0 "$(ip_json "$H" e0)" \
		--argjson e1 "$(ip_json "$H" e1)" \
		'{bond: $bond[0].linkinfo.info_data,
		  e0: $e0[0].linkinfo.info_slave_data,
		  e1: $e1[0].linkinfo.info_slave_data,
		  kind: $bond[0].linkinfo.info_kind}'
	ip -n "$H" link del bond0
}

# dump_change "CREATE|CHANGE": the options after both.
dump_change() {
	local create=${1%%|*} change=${1#*|}
	# shellcheck disable=SC2086 # lists of words
	ip -n "$H" link add bond0 type bond $create
	# shellcheck disable=SC2086
	[[ -z $change ]] || ip -n "$H" link set bond0 type bond $change
	ip_json "$H" bond0 | jq -S '{change: $change, bond: .[0].linkinfo.info_data}' \
		--arg change "$1"
	ip -n "$H" link del bond0
}

dump_all() {
	local config
	for config in "${CONFIGS[@]}"; do
		dump "$config"
	done
	for config in "${CHANGES[@]}"; do
		dump_change "$config"
	done
}

step "reference: bonding.ko"
rmmod nbond
on_exit "rmmod bonding 2>/dev/null; [[ -d /sys/module/nbond ]] || insmod '$NBOND_KO'"
modprobe bonding max_bonds=0
assert_true "nbond refuses kind=bond while bonding.ko holds it" \
	bash -c "! insmod '$NBOND_KO' kind=bond 2>/dev/null"
assert_true "and says why in the kernel log" \
	bash -c "dmesg | tail -n 5 | grep -q 'already registered (is bonding.ko loaded?)'"
dump_all >"$RESULTS_DIR/bonding.json"
rmmod bonding

step "nbond.ko kind=bond"
insmod "$NBOND_KO" kind=bond
dump_all >"$RESULTS_DIR/nbond.json"

step "compare"
if ! diff -u "$RESULTS_DIR/bonding.json" "$RESULTS_DIR/nbond.json" >&2; then
	fail "ip -j -d link show differs between bonding.ko and nbond.ko"
fi
assert_eq "configurations compared" \
	"$(jq -s length "$RESULTS_DIR/nbond.json")" $((${#CONFIGS[@]} + ${#CHANGES[@]}))
assert_eq "options reported (active-backup)" \
	"$(jq -s '.[1].bond | length' "$RESULTS_DIR/nbond.json")" \
	"$(jq -s '.[1].bond | length' "$RESULTS_DIR/bonding.json")"
pass "identical options and port data for ${#CONFIGS[@]} configurations and ${#CHANGES[@]} mode changes"
rmmod nbond
