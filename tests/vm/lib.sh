# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/vm/lib.sh: helpers for the VM scenarios. Source it first thing:
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# It turns on `set -eEuo pipefail`, refuses to run outside the rig (vm/run
# sets NBOND_VM=1 in the guest; scenarios create namespaces and load
# modules, which must never happen on a host), and installs an EXIT trap
# that runs the on_exit commands in reverse order and deletes every network
# namespace named *-$$.
#
# Exit status: 0 pass, 1 fail, 77 skip (never counted as passed).
#
#   ns_add NAME                   create netns NAME-$$, print its name
#   in_ns NS CMD...               run CMD in netns NS (a shell function: to
#                                 signal a background CMD later, start it
#                                 with `ip netns exec NS CMD &` instead)
#   veth_pair A NSA B NSB         veth A in NSA <-> B in NSB, both up
#   link_counter NS DEV COUNTER   rx_packets, tx_packets, rx_bytes, tx_dropped...
#   ip_json NS DEV                `ip -j -d link show DEV` in NS
#   on_exit CMD...                run CMD at exit (one argument: a shell string)
#   wait_until SECS CMD...        poll CMD every 0.1 s until it succeeds
#                                 (SECS times NBOND_WAIT_FACTOR: 5 on the
#                                 debug kernel, else 1)
#   now_ms                        wall-clock time in milliseconds
#   assert_eq DESC ACTUAL EXPECTED
#   assert_ge DESC ACTUAL MIN     integers
#   assert_le DESC ACTUAL MAX     integers
#   assert_true DESC CMD...
#   pass MSG / fail MSG / skip MSG / step MSG
#   require_nbond                 skip unless nbond.ko is loaded
#   require_cmd TOOL...           skip unless every TOOL is installed
#   require_module NAME           skip unless the guest kernel has module NAME
#   nbond_reload [PARAM=VALUE...] rmmod nbond, insmod $NBOND_KO PARAMS

set -eEuo pipefail

if [[ ${NBOND_VM:-} != 1 ]]; then
	echo "FAIL: $0 is a VM scenario: run it with vm/run (docs/testing.md)" >&2
	exit 2
fi

_LIB_EXIT_CMDS=()
_LIB_RELOADED=0

# Is this the debug kernel (make debug-kernel)?
debug_kernel() {
	[[ $(uname -r) == *-nbond-debug ]]
}

# Under KASAN, lockdep and kmemleak, emulated, everything takes several
# times longer: a wait for a condition is only a bound, so stretch it.
if debug_kernel; then
	NBOND_WAIT_FACTOR=${NBOND_WAIT_FACTOR:-5}
fi
readonly NBOND_WAIT_FACTOR=${NBOND_WAIT_FACTOR:-1}

# ---- results ---------------------------------------------------------------

pass() {
	echo "ok: $*"
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*"
	exit 77
}

step() {
	echo "== $*"
}

# ---- cleanup ---------------------------------------------------------------

on_exit() {
	[[ $# -gt 0 ]] || fail "on_exit: no command"
	if [[ $# -eq 1 ]]; then
		_LIB_EXIT_CMDS+=("$1")
	else
		_LIB_EXIT_CMDS+=("$(printf '%q ' "$@")")
	fi
}

_lib_delete_namespaces() {
	local ns
	while read -r ns _; do
		[[ $ns == *-$$ ]] && ip netns delete "$ns" 2>/dev/null
	done < <(ip netns list 2>/dev/null)
	return 0
}

_lib_run_exit_cmds() {
	local rc=$? i
	set +eE
	trap - ERR
	for ((i = ${#_LIB_EXIT_CMDS[@]} - 1; i >= 0; i--)); do
		eval "${_LIB_EXIT_CMDS[i]}" || echo "note: cleanup failed: ${_LIB_EXIT_CMDS[i]}" >&2
	done
	_lib_delete_namespaces
	exit "$rc"
}

_lib_on_err() {
	local rc=$?
	echo "FAIL: ${BASH_SOURCE[1]##*/}:${BASH_LINENO[0]}: '$BASH_COMMAND' exited $rc" >&2
}

trap _lib_run_exit_cmds EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap _lib_on_err ERR

# ---- requirements ----------------------------------------------------------

require_nbond() {
	[[ -n ${NBOND_KO:-} ]] || skip "no nbond.ko in this run (--no-module)"
	[[ -d /sys/module/nbond ]] || fail "nbond.ko is not loaded"
}

require_cmd() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || skip "$tool is not installed"
	done
}

# modprobe's dry run, not modinfo: under software emulation modinfo was
# seen to crash (SIGSEGV, SIGILL) while it decoded a signed module's
# signature, which made a scenario skip as if the module were missing.
require_module() {
	modprobe -n -q "$1" || skip "the kernel has no module $1"
}

nbond_reload() {
	[[ -n ${NBOND_KO:-} ]] || skip "no nbond.ko in this run (--no-module)"
	if [[ -d /sys/module/nbond ]]; then
		rmmod nbond || fail "rmmod nbond failed (devices left?)"
	fi
	insmod "$NBOND_KO" "$@" || fail "insmod nbond.ko $* failed"
	if [[ $_LIB_RELOADED == 0 ]]; then
		_LIB_RELOADED=1
		on_exit _lib_restore_nbond
	fi
}

# Later scenarios expect nbond loaded with its default parameters.
_lib_restore_nbond() {
	[[ -d /sys/module/nbond ]] && rmmod nbond
	insmod "$NBOND_KO"
}

# ---- namespaces and links --------------------------------------------------

ns_add() {
	[[ $# -eq 1 ]] || fail "usage: ns_add NAME"
	local ns=$1-$$
	ip netns add "$ns" || fail "ip netns add $ns failed"
	ip -n "$ns" link set lo up
	echo "$ns"
}

in_ns() {
	local ns=$1
	shift
	ip netns exec "$ns" "$@"
}

veth_pair() {
	[[ $# -eq 4 ]] || fail "usage: veth_pair A NSA B NSB"
	local a=$1 nsa=$2 b=$3 nsb=$4
	ip link add "$a" netns "$nsa" type veth peer name "$b" netns "$nsb" ||
		fail "cannot create veth $a ($nsa) <-> $b ($nsb)"
	ip -n "$nsa" link set "$a" up
	ip -n "$nsb" link set "$b" up
}

ip_json() {
	[[ $# -eq 2 ]] || fail "usage: ip_json NS DEV"
	ip -n "$1" -j -d link show dev "$2"
}

# link_counter NS DEV rx_packets: one counter from the 64-bit link stats.
link_counter() {
	[[ $# -eq 3 ]] || fail "usage: link_counter NS DEV rx_packets|tx_packets|..."
	local ns=$1 dev=$2 counter=$3 dir field value
	dir=${counter%%_*}
	field=${counter#*_}
	[[ $dir == rx || $dir == tx ]] || fail "link_counter: bad counter $counter"
	value=$(ip -n "$ns" -j -s link show dev "$dev" |
		jq -e ".[0].stats64.$dir.$field") ||
		fail "link_counter: no $counter for $dev in $ns"
	echo "$value"
}

# ---- kernel probes ---------------------------------------------------------

readonly TRACEFS=/sys/kernel/tracing

# kprobe_add NAME FUNC: count the calls of the kernel function FUNC, as
# kprobe_hits NAME, until the scenario ends.
kprobe_add() {
	[[ $# -eq 2 ]] || fail "usage: kprobe_add NAME FUNC"
	local event=nbond_$1
	[[ -e $TRACEFS/kprobe_events ]] ||
		mount -t tracefs nodev "$TRACEFS" 2>/dev/null ||
		skip "no tracefs: cannot count calls of $2"
	echo "p:$event $2" >>"$TRACEFS/kprobe_events" ||
		skip "cannot put a kprobe on $2"
	on_exit "echo '-:$event' >>$TRACEFS/kprobe_events"
	echo 1 >"$TRACEFS/events/kprobes/$event/enable"
	on_exit "echo 0 >$TRACEFS/events/kprobes/$event/enable"
}

kprobe_hits() {
	awk -v e="nbond_$1" '$1 == e { print $2; found = 1 }
		END { exit !found }' "$TRACEFS/kprobe_profile" ||
		fail "no kprobe $1"
}

# pg FILE WORDS...: one pktgen command (a /proc/net/pktgen file).
pg() {
	local file=$1
	shift
	echo "$*" >"$file" || fail "pktgen: '$*' to ${file##*/} refused"
}

# ---- figures (benchmarks) --------------------------------------------------

# median N...: the middle one of the numbers (the upper middle of an even
# count).
median() {
	printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 }
		END { print v[int((NR + 1) / 2)] }'
}

# ratio A B: A / B, two decimals; "-" when there is no B (or it is 0).
ratio() {
	if [[ -z $2 || $2 == 0 ]]; then
		echo -
	else
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'
	fi
}

# ---- waiting and asserting -------------------------------------------------

# Seconds (may be fractional, e.g. 2.5) to milliseconds.
_lib_ms() {
	local s=$1 whole frac
	[[ $s =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail "not a number of seconds: $s"
	whole=${s%%.*}
	frac=000
	[[ $s == *.* ]] && frac=${s#*.}000
	echo $((10#$whole * 1000 + 10#${frac:0:3}))
}

now_ms() {
	local us=${EPOCHREALTIME/[.,]/}
	echo $((us / 1000))
}

wait_until() {
	[[ $# -ge 2 ]] || fail "usage: wait_until SECS CMD..."
	local deadline
	deadline=$(($(now_ms) + $(_lib_ms "$1") * NBOND_WAIT_FACTOR))
	shift
	until "$@"; do
		[[ $(now_ms) -lt $deadline ]] || return 1
		sleep 0.1
	done
}

_lib_int() {
	[[ $2 =~ ^-?[0-9]+$ ]] || fail "$1: '$2' is not an integer"
}

assert_eq() {
	[[ $# -eq 3 ]] || fail "usage: assert_eq DESC ACTUAL EXPECTED"
	[[ $2 == "$3" ]] || fail "$1: got '$2', expected '$3'"
	pass "$1 ($2)"
}

assert_ge() {
	[[ $# -eq 3 ]] || fail "usage: assert_ge DESC ACTUAL MIN"
	_lib_int "$1" "$2"
	_lib_int "$1" "$3"
	(($2 >= $3)) || fail "$1: got $2, expected >= $3"
	pass "$1 ($2 >= $3)"
}

assert_le() {
	[[ $# -eq 3 ]] || fail "usage: assert_le DESC ACTUAL MAX"
	_lib_int "$1" "$2"
	_lib_int "$1" "$3"
	(($2 <= $3)) || fail "$1: got $2, expected <= $3"
	pass "$1 ($2 <= $3)"
}

assert_true() {
	[[ $# -ge 2 ]] || fail "usage: assert_true DESC CMD..."
	local desc=$1
	shift
	"$@" || fail "$desc: '$*' failed"
	pass "$desc"
}
