#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 90-fault-injection: the bond when the array of usable ports cannot be
# allocated. The kernel's fail_function makes nbond_build_array() return
# NULL once: the bond publishes its static empty array, stops
# transmitting and says so; the next refresh recovers; and a bond deleted
# while the static array is published must not free it (issue 12,
# defect 2: the destructor kfree()d the static object).
#
# Needs CONFIG_FAIL_FUNCTION, which the debug kernel has (make
# check-debug); Debian's kernels do not, and the scenario skips there.
#
#  +-------- fi-h-PID --------+      +------ fi-s-PID ------+
#  |  bond0 --+-- e0 =========|=veth=|== s0 --+             |
#  |  10.90.0.1 +-- e1 =======|=veth=|== s1 --+-- br0       |
#  |          (active-backup) |      |      10.90.0.2       |
#  +--------------------------+      +----------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

readonly FF=/sys/kernel/debug/fail_function

require_nbond
require_bondctl
[[ -d $FF ]] ||
	skip "no $FF (CONFIG_FAIL_FUNCTION): run it on the debug kernel (make check-debug)"
nbond_reload kind=bond

H=$(ns_add fi-h)
S=$(ns_add fi-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.90.0.2/24 e s 2

no_injection() {
	echo > "$FF/inject"
}
on_exit no_injection

# fail_next_array: nbond_build_array() returns NULL the next time only.
fail_next_array() {
	# Still listed from an earlier use: naming it again is refused.
	no_injection
	echo nbond_build_array > "$FF/inject" ||
		fail "nbond_build_array is not open to error injection"
	echo 0 > "$FF/nbond_build_array/retval"
	echo N > "$FF/task-filter"
	echo 100 > "$FF/probability"
	echo 1 > "$FF/interval"
	echo 1 > "$FF/times"
	echo 0 > "$FF/verbose"
}

oom_reports() {
	dmesg | grep -c 'bond0: out of memory: the bond stops transmitting' || true
}

make_bond() {
	ip -n "$H" link add bond0 type bond mode active-backup miimon 100
	add_ports "$H" bond0 e0 e1
	ip -n "$H" link set bond0 up
	ip -n "$H" addr add 10.90.0.1/24 dev bond0
	wait_until 10 in_ns "$H" ping -c 1 -W 1 10.90.0.2 >/dev/null ||
		fail "no path before the injection"
}

step "no array: the bond stops transmitting and says so"
make_bond
before=$(oom_reports)
fail_next_array
"$BONDCTL" -n "$H" port set e0 down
assert_eq "the failure was reported" "$(oom_reports)" $((before + 1))
assert_eq "the bond lost its carrier" "$(bond_carrier "$H" bond0)" 0

step "the next refresh recovers"
"$BONDCTL" -n "$H" port set e0 up
wait_until 10 bond_carrier_is "$H" bond0 1 || fail "no carrier after recovery"
wait_until 10 in_ns "$H" ping -c 1 -W 1 10.90.0.2 >/dev/null ||
	fail "no path after recovery"
pass "the bond carries traffic again"

step "a bond deleted while it has no array"
fail_next_array
"$BONDCTL" -n "$H" port set e0 down
assert_eq "the bond lost its carrier" "$(bond_carrier "$H" bond0)" 0
ip -n "$H" link del bond0
assert_true "the ports are free" test -z "$(port_master "$H" e0)"
make_bond
pass "a new bond works after it"
