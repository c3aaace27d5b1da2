#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 00-rig: the rig itself works: namespaces, veth, iproute2, jq, counters,
# lib.sh's helpers, and nbond.ko is loaded for the running kernel.
#
#   +------------- rig-a-PID -------------+     +------------- rig-b-PID -------------+
#   |  va  10.99.0.1/24                   |=====|  vb  10.99.0.2/24                   |
#   +-------------------------------------+veth +-------------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check_guest() {
	step "guest"
	assert_eq "running kernel is KVER" "$(uname -r)" "$KVER"
	assert_true "RESULTS_DIR is writable" touch "$RESULTS_DIR/rig-was-here"
	assert_true "iproute2 is the one in PATH" ip -V
	require_cmd jq
}

check_module() {
	step "nbond.ko"
	if [[ -z ${NBOND_KO:-} ]]; then
		echo "no module in this run (--no-module)"
		return 0
	fi
	assert_true "nbond is loaded" test -d /sys/module/nbond
	assert_eq "nbond.ko vermagic" \
		"$(modinfo -F vermagic "$NBOND_KO" | cut -d' ' -f1)" "$KVER"
}

check_veth() {
	local a b sent
	step "namespaces and veth"
	a=$(ns_add rig-a)
	b=$(ns_add rig-b)
	assert_eq "ns_add names carry the PID" "$a" "rig-a-$$"
	veth_pair va "$a" vb "$b"
	ip -n "$a" addr add 10.99.0.1/24 dev va
	ip -n "$b" addr add 10.99.0.2/24 dev vb
	wait_until 5 in_ns "$a" ping -c 1 -W 1 10.99.0.2 >/dev/null ||
		fail "no ping across the veth pair"
	sent=$(link_counter "$a" va tx_packets)
	in_ns "$a" ping -q -c 5 -i 0.1 10.99.0.2 >/dev/null
	assert_ge "va counted the 5 pings" \
		"$(link_counter "$a" va tx_packets)" $((sent + 5))
	assert_eq "ip_json sees the veth" \
		"$(ip_json "$b" vb | jq -r '.[0].linkinfo.info_kind')" veth
}

check_on_exit() {
	step "on_exit"
	on_exit rm -f "$RESULTS_DIR/rig-was-here"
	on_exit "test -e '$RESULTS_DIR/rig-was-here'"
	pass "cleanups registered (they run in reverse order)"
}

check_guest
check_module
check_veth
check_on_exit
