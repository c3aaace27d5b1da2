# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/vm/bond.sh: bond-specific helpers for the scenarios (after lib.sh).
#
#   bond_active NS BOND           name of the active port, or "" (ip -j -d)
#   bond_carrier NS BOND          1 if the bond has carrier, else 0
#   bond_opt NS BOND KEY          a linkinfo.info_data field (ip -j -d)
#   port_field NS PORT KEY        a linkinfo.info_slave_data field
#   proc_field NS BOND KEY        a "key: value" of /proc/net/nbond/BOND
#   proc_port_field NS BOND PORT KEY
#   all_distributing NS PORT...   every PORT of NS's bond0 distributes
#   start_stream NS DST NAME      ping DST every 10 ms in the background
#   stop_stream NAME              stop it
#   stream_lost NAME              packets it lost
#   stream_holes NAME             requests before its last reply that got none
#   stream_gap_ms NAME            the longest time between two replies
#   ping_gap_ms LOG               the same for the log of a `ping -D`
#   active_is, port_is, bond_carrier_is   predicates for wait_until (see below)
#   quiet_ns NS                   no IPv6 on links created in NS from now on
#   like_bonding FUNC WHAT        FUNC's output with bonding.ko and with nbond
#                                 (kind=bond) must be the same
#   looped_ports NS N             veth pairs e0..eN-1 <-> p0..pN-1, all in NS,
#                                 the p ends up (a port fails when its p
#                                 end goes down)
#   add_ports NS BOND PORT...     enslave PORTs as bonding.ko accepts it
#                                 (each down first), then bring them up
#   bridge_switch SW HOST CIDR HP SP N
#                                 a bridge br0 (address CIDR) in namespace SW
#                                 cabled to HOST by N veth pairs HP0..HPn-1
#                                 (in HOST) <-> SP0..SPn-1 (bridge ports)
#   LACP_RATE                     fast, or slow on the debug kernel

# The LACP rate the 802.3ad scenarios give their bonds: fast, but slow on
# the emulated debug kernel, where a loaded guest (pings, programs
# starting) misses the fast rate's 3 s timeout and partners expire each
# other's ports (84's selection flapped that way; 81's restart took 12 s).
# shellcheck disable=SC2034 # used by the scenarios
LACP_RATE=fast
((NBOND_WAIT_FACTOR == 1)) || LACP_RATE=slow
readonly LACP_RATE

bond_opt() {
	ip -n "$1" -j -d link show dev "$2" |
		jq -r ".[0].linkinfo.info_data.$3 // empty"
}

bond_active() {
	bond_opt "$1" "$2" active_slave
}

bond_carrier() {
	ip netns exec "$1" cat "/sys/class/net/$2/carrier"
}

port_field() {
	ip -n "$1" -j -d link show dev "$2" |
		jq -r ".[0].linkinfo.info_slave_data.$3 // empty"
}

proc_field() {
	ip netns exec "$1" sed -n "s/^$3: //p" "/proc/net/nbond/$2" | head -n 1
}

proc_port_field() {
	# shellcheck disable=SC2016 # awk program, not shell
	ip netns exec "$1" awk -v port="$3" -v key="$4" '
		/^port: / { cur = substr($0, 7) }
		cur == port && index($0, key ": ") == 1 {
			print substr($0, length(key) + 3); exit
		}' "/proc/net/nbond/$2"
}

all_distributing() {
	local ns=$1 port
	shift
	for port in "$@"; do
		[[ $(proc_port_field "$ns" bond0 "$port" distributing) == yes ]] ||
			return 1
	done
}

start_stream() {
	local ns=$1 dst=$2 name=$3
	ip netns exec "$ns" ping -D -i 0.01 -W 1 "$dst" \
		>"$RESULTS_DIR/$name.ping" 2>&1 &
	echo $! >"$RESULTS_DIR/$name.pid"
	on_exit "kill $! 2>/dev/null || true"
}

stop_stream() {
	local pid
	pid=$(cat "$RESULTS_DIR/$1.pid")
	kill -INT "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# Packets sent minus packets received, from ping's summary.
stream_lost() {
	local line sent recv
	line=$(grep -E 'packets transmitted' "$RESULTS_DIR/$1.ping") ||
		fail "stream $1: no ping summary"
	sent=$(echo "$line" | sed -E 's/^([0-9]+) packets transmitted.*/\1/')
	recv=$(echo "$line" | sed -E 's/.* ([0-9]+) (packets )?received.*/\1/')
	echo $((sent - recv))
}

# Requests that went unanswered while later ones were answered: the
# stream's losses without the requests still in flight when it stopped
# (ping counts those as lost, and at 10 ms a request under emulation
# often is).
stream_holes() {
	sed -n 's/.*icmp_seq=\([0-9]*\) .*/\1/p' "$RESULTS_DIR/$1.ping" |
		sort -un | awk '{ n++; last = $1 } END { print last - n }'
}

# The longest interval between consecutive replies of a `ping -D`, in ms.
ping_gap_ms() {
	sed -n 's/^\[\([0-9.]*\)\].*icmp_seq=.*/\1/p' "$1" |
		awk 'NR > 1 { d = ($1 - prev) * 1000; if (d > max) max = d }
		     { prev = $1 } END { printf "%d\n", max }'
}

stream_gap_ms() {
	ping_gap_ms "$RESULTS_DIR/$1.ping"
}

# Predicates for wait_until, which runs its command anew on every poll.
#   active_is NS BOND PORT        the active port is PORT
#   port_is NS PORT KEY VALUE     info_slave_data.KEY of PORT is VALUE
active_is() {
	[[ $(bond_active "$1" "$2") == "$3" ]]
}

port_is() {
	[[ $(port_field "$1" "$2" "$3") == "$4" ]]
}

# like_bonding FUNC WHAT: run FUNC with bonding.ko, then with nbond.ko
# loaded as kind=bond, keep both outputs in RESULTS_DIR (bonding.txt,
# nbond.txt), reload nbond as it was, and fail with WHAT if they differ.
like_bonding() {
	local func=$1 what=$2
	step "reference: bonding.ko"
	rmmod nbond
	on_exit "rmmod bonding 2>/dev/null; [[ -d /sys/module/nbond ]] || insmod '$NBOND_KO'"
	modprobe bonding max_bonds=0
	"$func" | tee "$RESULTS_DIR/bonding.txt"
	rmmod bonding

	step "nbond.ko kind=bond"
	insmod "$NBOND_KO" kind=bond
	"$func" | tee "$RESULTS_DIR/nbond.txt"
	rmmod nbond
	insmod "$NBOND_KO"

	step "compare"
	diff -u "$RESULTS_DIR/bonding.txt" "$RESULTS_DIR/nbond.txt" >&2 &&
		return
	# The first difference in the failure itself, which a summary shows.
	local at b n section
	at=$(diff "$RESULTS_DIR/bonding.txt" "$RESULTS_DIR/nbond.txt" |
		sed -n '1s/[,acd].*//p' || true)
	b=$(diff "$RESULTS_DIR/bonding.txt" "$RESULTS_DIR/nbond.txt" |
		sed -n '/^</{s/^< //p;q}' || true)
	n=$(diff "$RESULTS_DIR/bonding.txt" "$RESULTS_DIR/nbond.txt" |
		sed -n '/^>/{s/^> //p;q}' || true)
	section=$(head -n "${at:-0}" "$RESULTS_DIR/bonding.txt" |
		grep '^====' | tail -n 1 || true)
	fail "$what; first difference at line $at${section:+ ($section)}: bonding.ko '$b', nbond '$n'"
}

quiet_ns() {
	ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
}

bond_carrier_is() {
	[[ $(bond_carrier "$1" "$2") == "$3" ]]
}

bridge_switch() {
	[[ $# -eq 6 ]] || fail "usage: bridge_switch SW HOST CIDR HP SP N"
	local sw=$1 host=$2 cidr=$3 hp=$4 sp=$5 n=$6 i
	ip -n "$sw" link add br0 type bridge
	ip -n "$sw" link set br0 up
	ip -n "$sw" addr add "$cidr" dev br0
	for ((i = 0; i < n; i++)); do
		veth_pair "$hp$i" "$host" "$sp$i" "$sw"
		ip -n "$sw" link set "$sp$i" master br0
	done
}

# bridge_client NS SW PORT MAC CIDR: a station in NS, its device c with
# MAC and CIDR, cabled through PORT to br0 of bridge_switch's SW.
bridge_client() {
	[[ $# -eq 5 ]] || fail "usage: bridge_client NS SW PORT MAC CIDR"
	quiet_ns "$1"
	veth_pair c "$1" "$3" "$2"
	ip -n "$1" link set c address "$4"
	ip -n "$1" addr add "$5" dev c
	ip -n "$2" link set "$3" master br0
}

mac_of() {
	ip -n "$1" -j link show dev "$2" | jq -r '.[0].address'
}

looped_ports() {
	local ns=$1 n=$2 i
	for ((i = 0; i < n; i++)); do
		ip -n "$ns" link add "e$i" type veth peer name "p$i"
		ip -n "$ns" link set "p$i" up
	done
}

# bonding.ko refuses ports that are up; nbond takes them either way.
add_ports() {
	local ns=$1 bond=$2 port
	shift 2
	for port in "$@"; do
		ip -n "$ns" link set "$port" down
		ip -n "$ns" link set "$port" master "$bond"
	done
	for port in "$@"; do
		ip -n "$ns" link set "$port" up
	done
}

# bondctl as built in the shared tree; require_bondctl fails the scenario
# when it was not built (make builds it with the module).
BONDCTL=${NBOND_TOP:-}/ctl/bondctl

require_bondctl() {
	[[ -x $BONDCTL ]] || fail "no $BONDCTL: run 'make' first"
}

# bondctl_rc CMD...: bondctl's exit status (its output to $RESULTS_DIR).
bondctl_rc() {
	local rc=0
	"$BONDCTL" "$@" >"$RESULTS_DIR/bondctl.out" 2>&1 || rc=$?
	echo "$rc"
}

# The output of the last bondctl_rc.
bondctl_out() {
	cat "$RESULTS_DIR/bondctl.out"
}

# port_master NS PORT: the name of PORT's master, or nothing.
port_master() {
	ip -n "$1" -j link show dev "$2" | jq -r '.[0].master // empty'
}

dev_exists() {
	ip -n "$1" link show dev "$2" >/dev/null 2>&1
}

# lacpd as built in the shared tree.
LACPD=${NBOND_TOP:-}/lacpd/lacpd

require_lacpd() {
	[[ -x $LACPD ]] || fail "no $LACPD: run 'make' first"
}

# start_lacpd NS NAME [ARG...]: lacpd in NS with ARGs, logging to
# $RESULTS_DIR/lacpd-NAME.log and tracing to lacpd-NAME.pcap; stopped at
# exit.
start_lacpd() {
	local ns=$1 name=$2
	shift 2
	ip netns exec "$ns" "$LACPD" -v --trace "$RESULTS_DIR/lacpd-$name.pcap" \
		"$@" >>"$RESULTS_DIR/lacpd-$name.log" 2>&1 &
	echo $! >"$RESULTS_DIR/lacpd-$name.pid"
	on_exit "kill $! 2>/dev/null || true"
}

stop_lacpd() {
	local pid
	pid=$(cat "$RESULTS_DIR/lacpd-$1.pid")
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

cat_proc() {
	ip netns exec "$1" cat /proc/net/nbond/bond0
}
