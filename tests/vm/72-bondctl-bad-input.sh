#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 72-bondctl-bad-input: for every command, bad input (unknown option, bad
# value, missing device, an option the mode does not take, a device that
# is not an nbond bond) gets the documented exit status and a message, and
# leaves every link as it was; a failed create leaves no bond; a process
# without CAP_NET_ADMIN is told so and changes nothing.
#
#  +---------------------- bci-h-PID ----------------------+
#  |  bond0 (active-backup, miimon 100) -- e0, e1           |
#  |  e2 (free), d0 (dummy, free), lo                       |
#  |  e0/e1/e2 are veths to p0/p1/p2 in the same namespace  |
#  +--------------------------------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_bondctl
require_cmd setpriv
nbond_reload kind=bond

H=$(ns_add bci-h)
quiet_ns "$H"
looped_ports "$H" 3
ip -n "$H" link add d0 type dummy
"$BONDCTL" -n "$H" create bond0 mode active-backup miimon 100
"$BONDCTL" -n "$H" add bond0 e0 e1
ip -n "$H" link set bond0 up
wait_until 5 active_is "$H" bond0 e0 || fail "e0 not active"

operstate_is() {
	[[ $(ip -n "$H" -j link show "$1" | jq -r '.[0].operstate') == "$2" ]]
}

# The snapshot holds the links' flags, which linkwatch updates a little
# after the carrier changes: let it settle first.
for dev in bond0 e0 e1; do
	wait_until 10 operstate_is "$dev" UP || fail "$dev never came up"
done

snapshot() {
	ip -n "$H" -j -d link show | jq -S '[.[] | {ifname, address, mtu,
		master, flags, linkinfo}]'
}

proc_snapshot() {
	ip netns exec "$H" cat /proc/net/nbond/bond0
}

before=$(snapshot)
proc_before=$(proc_snapshot)

# refused STATUS DESC ARGS...: bondctl ARGS exits STATUS with a message
# and every link is as before.
refused() {
	local want=$1 desc=$2 rc
	shift 2
	rc=$(bondctl_rc -n "$H" "$@")
	[[ $rc == "$want" ]] ||
		fail "$desc: 'bondctl $*' exited $rc, expected $want: $(bondctl_out)"
	[[ -s $RESULTS_DIR/bondctl.out ]] || fail "$desc: no message"
	if [[ $(snapshot) != "$before" ]]; then
		diff <(echo "$before") <(snapshot) || true
		fail "$desc: 'bondctl $*' changed the links"
	fi
	[[ $(proc_snapshot) == "$proc_before" ]] ||
		fail "$desc: 'bondctl $*' changed /proc/net/nbond/bond0"
	pass "$desc: exit $rc: $(head -n 1 "$RESULTS_DIR/bondctl.out")"
}

# says WORD: the last refusal's message mentions WORD.
says() {
	grep -qi -- "$1" "$RESULTS_DIR/bondctl.out" ||
		fail "message does not mention '$1': $(bondctl_out)"
}

step "the command line"
refused 255 "no command"
refused 255 "unknown command" frobnicate
refused 255 "unknown global option" --frob show

step "create"
refused 255 "unknown option" create bond9 mode active-backup frob 1
says frob
refused 255 "bad mode name" create bond9 mode active-bakup
says mode; says balance-rr
refused 255 "miimon not a number" create bond9 miimon fast
says miimon
refused 255 "option without a value" create bond9 mode
refused 255 "no name" create
refused 2 "updelay without miimon is refused by the driver" \
	create bond9 mode active-backup updelay 200
says updelay
refused 2 "an option the mode does not take" create bond9 mode balance-rr \
	primary e2
says primary
refused 2 "existing name" create bond0
refused 255 "name too long" create abcdefghijklmnopq

step "set"
refused 1 "missing device" set nosuch miimon 100
refused 1 "not an nbond bond" set d0 miimon 100
refused 255 "bad value" set bond0 xmit_hash_policy layer9
says xmit_hash_policy; says layer3+4
refused 255 "unknown option" set bond0 frob 1
refused 2 "an option the mode does not take" set bond0 packets_per_slave 3
refused 1 "primary: no such device" set bond0 primary nosuch
refused 255 "odd option list" set bond0 miimon 100 updelay

step "add and remove"
refused 1 "add to a missing bond" add nosuch e2
refused 1 "add a missing port" add bond0 e2 nosuch
refused 2 "add a refused port: the ports before it are rolled back" \
	add bond0 e2 lo
assert_eq "e2 has no master" "$(port_master "$H" e2)" ""
refused 1 "remove a device that is not a port" remove bond0 e2
refused 1 "remove from a missing bond" remove nosuch e0
refused 255 "add without ports" add bond0

step "destroy"
refused 1 "destroy a missing device" destroy nosuch
refused 1 "destroy a device that is not an nbond bond" destroy d0
assert_true "d0 still there" dev_exists "$H" d0

step "port set"
refused 1 "a missing port" port set nosuch down
refused 2 "a device that is not a port" port set e2 down
refused 255 "bad prio" port set e0 prio high
refused 255 "queue_id out of range" port set e0 queue_id 70000
refused 2 "queue_id beyond the bond's queues" port set e0 queue_id 99
refused 255 "unknown word" port set e0 sideways
refused 255 "nothing to set" port set e0

step "show and drill"
refused 1 "show a missing bond" show nosuch
refused 1 "show a device that is not an nbond bond" show d0
refused 1 "drill a missing bond" drill nosuch
refused 255 "drill with a bad hold" drill bond0 --hold soon
refused 1 "drill a port that is not in the bond" drill bond0 --port e2

step "without CAP_NET_ADMIN"
nocap() {
	ip netns exec "$H" setpriv --inh-caps=-net_admin \
		--bounding-set=-net_admin "$BONDCTL" "$@"
}
rc=0
nocap create bond9 mode active-backup >"$RESULTS_DIR/nocap.out" 2>&1 || rc=$?
cat "$RESULTS_DIR/nocap.out"
assert_eq "create: kernel refused" "$rc" 2
assert_true "create: says it needs CAP_NET_ADMIN" \
	grep -q CAP_NET_ADMIN "$RESULTS_DIR/nocap.out"
rc=0
nocap port set e0 down >"$RESULTS_DIR/nocap.out" 2>&1 || rc=$?
cat "$RESULTS_DIR/nocap.out"
assert_eq "port set: kernel refused" "$rc" 2
assert_true "port set: says it needs CAP_NET_ADMIN" \
	grep -q CAP_NET_ADMIN "$RESULTS_DIR/nocap.out"
rc=0
nocap set bond0 miimon 300 >"$RESULTS_DIR/nocap.out" 2>&1 || rc=$?
assert_eq "set: kernel refused" "$rc" 2
assert_eq "nothing changed" "$(snapshot)" "$before"
assert_eq "/proc unchanged" "$(proc_snapshot)" "$proc_before"
assert_eq "show still works without it" \
	"$(nocap -j show bond0 | jq -r '.[0].active')" e0
