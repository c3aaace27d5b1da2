#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# tests/stress/stress.sh: what `make stress` runs in the debug kernel.
#
# NBOND_STRESS_WORKERS processes (4) send random requests for
# NBOND_STRESS_SECONDS (600): create and delete bonds in every mode, set
# options to random values (valid or not), enslave and release ports,
# delete port devices, move bonds (refused) and ports to other namespaces,
# delete whole namespaces, take ports out of use and back with bondctl,
# set ports' prio and queue_id and bonds' lacp_fallback, take bonds up
# and down, attach and kill lacpd, and read everything back (ip -d,
# /proc, bondctl show), while each worker's pinger sends traffic through
# its bonds. Requests go to
# long-lived `ip -force -batch` processes, so that most cost no program
# start: the create, enslave and option requests to one per worker that
# runs with failslab fault injection once it is loaded and waiting for its
# first request (2% of the kernel's allocations on its behalf fail; the
# programs themselves load as usual), the others to one without faults.
# At the end every bond is deleted, the module unloaded, and vm/run scans
# the kernel log.
#
# NBOND_STRESS_SEED (default: the time) seeds each worker's choices; the
# seed is printed, and the same seed replays the same requests (their
# interleaving is the scheduler's). NBOND_STRESS_FAULTS=0 goes without
# failslab (a kernel that has none). NBOND_STRESS_DRIVER=bonding runs the
# same requests against bonding.ko, for comparison (the nbond-only ones,
# bondctl and lacpd, then fail). NBOND_STRESS_TRACE=1 traces the faulty
# batch processes' netlink calls (kprobes: sendmsg, each request's handler
# and its ACK, unicasts, recvmsg, with their results), shown for one that
# does not end.

# shellcheck source=../vm/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/lib.sh"
# shellcheck source=../vm/bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/../vm/bond.sh"

require_nbond
require_bondctl
require_lacpd

readonly SECONDS_TOTAL=${NBOND_STRESS_SECONDS:-600}
readonly WORKERS=${NBOND_STRESS_WORKERS:-4}
readonly SEED=${NBOND_STRESS_SEED:-$(date +%s)}
readonly FAILSLAB=/sys/kernel/debug/failslab

echo "stress: seed $SEED, $WORKERS workers, $SECONDS_TOTAL s"
echo "stress: replay with NBOND_STRESS_SEED=$SEED make stress"

readonly DRIVER=${NBOND_STRESS_DRIVER:-nbond}
case $DRIVER in
nbond)
	nbond_reload kind=bond
	;;
bonding)
	rmmod nbond
	on_exit "rmmod bonding 2>/dev/null; [[ -d /sys/module/nbond ]] || insmod '$NBOND_KO'"
	modprobe bonding max_bonds=0 || fail "modprobe bonding failed"
	;;
*)
	fail "NBOND_STRESS_DRIVER is nbond or bonding, not $DRIVER"
	;;
esac
echo "stress: driver $DRIVER"

MODES=(balance-rr active-backup balance-xor broadcast 802.3ad balance-tlb
	balance-alb 7)
# option: values to draw from (valid ones and some that are not).
declare -A OPTIONS=(
	[miimon]="0 1 10 100 -1"
	[updelay]="0 100 200 7"
	[downdelay]="0 100 300"
	[arp_interval]="0 1 10 100"
	[arp_ip_target]="192.0.2.1 192.0.2.1,192.0.2.2 224.0.0.1 0.0.0.0"
	[ns_ip6_target]="2001:db8::1 2001:db8::1,2001:db8::2 ff02::1"
	[arp_validate]="0 1 2 3 4 5 6 7"
	[arp_all_targets]="any all 2"
	[primary]="w0 w1 w2 lo"
	[primary_reselect]="always better failure 3"
	[fail_over_mac]="none active follow"
	[xmit_hash_policy]="layer2 layer3+4 layer2+3 encap2+3 encap3+4 vlan+srcmac"
	[lacp_rate]="slow fast"
	[ad_select]="stable bandwidth count"
	[min_links]="0 1 2 100"
	[packets_per_slave]="0 1 3 65535 65536"
	[all_slaves_active]="0 1 2"
	[tlb_dynamic_lb]="0 1"
	[num_grat_arp]="0 1 255 256"
	[peer_notify_delay]="0 100 300001"
	[use_carrier]="0 1"
	[arp_missed_max]="0 1 2 255"
	[resend_igmp]="0 1 255"
	[active_slave]="w0 w1 w2"
	[mode]="${MODES[*]}"
)
OPTION_NAMES=("${!OPTIONS[@]}")

# pick WORD...: one of the words, drawn from this worker's RANDOM, in
# PICKED. Not by $(...): a subshell reseeds RANDOM, and the run would no
# longer replay.
pick() {
	local -a words=("$@")
	PICKED=${words[RANDOM % ${#words[@]}]}
}

# The process that runs with failslab must not read the guest's root,
# which is shared from the host over 9p: a failed allocation there once
# broke every later exec in the guest (EINVAL loading libc), and a page
# of ip's own code read in late killed it. So that ip and the libraries
# it loads are copied to a tmpfs, bound at load (LD_BIND_NOW), and it
# enters the namespace itself (-n) rather than by `ip netns exec`. The
# dynamic loader too: ip names /lib64/ld-linux-x86-64.so.2, on the shared
# root, as its interpreter, so it is started by the staged copy instead
# (STAGE/ld.so STAGE/ip ...); a page of the loader read in late once broke
# the guest's 9p root the same way.
stage_ip() {
	local loader
	STAGE=$(mktemp -d /tmp/nbond-stress.XXXXXX)
	mount -t tmpfs -o size=64m nbond-stress "$STAGE"
	on_exit "cp '$STAGE'/*.out '$RESULTS_DIR/' 2>/dev/null; umount '$STAGE'; rmdir '$STAGE'"
	mkdir "$STAGE/lib"
	cp "$(command -v ip)" "$STAGE/ip"
	ldd "$STAGE/ip" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' |
		xargs -r cp -t "$STAGE/lib"
	loader=$(ldd "$STAGE/ip" | awk '$1 ~ /^\/.*ld-linux/ { print $1 }')
	[[ -n $loader ]] || fail "no dynamic loader in ldd's list for ip"
	cp "$loader" "$STAGE/ld.so"
}

# The requests go to long-lived `ip -force -batch -` processes, one per
# worker and role, fed on a file descriptor: under the debug kernel every
# program started costs a second or more, a line written costs nothing.
# A batch process has three variables: its descriptor, its PID and its
# namespace, named by a prefix (FAULTY, PLAIN, SWITCH).

# faulty ARGS...: `ip ARGS` by this worker's batch process that runs with
# failslab on (the staged ip). It does not wait for the answer. A batch
# process that died (an allocation it could not do itself) is replaced.
faulty() {
	send FAULTY "$*"
}

# plain ARGS...: `ip ARGS` in the worker's namespace, without faults.
plain() {
	send PLAIN "$*"
}

# on_switch ARGS...: `ip ARGS` in the worker's switch namespace.
on_switch() {
	send SWITCH "$*"
}

# send PREFIX LINE: LINE to that batch process, restarted if it is gone.
# Called by worker(), whose n it uses. Every line sent is logged with the
# batch process's PID and the line's number in its input (what ip calls
# "-:N" in its errors: batchN.out, faultyN.out).
send() {
	local -n fd=$1 pid=${1}_PID ns=${1}_NS lines=${1}_LINES
	if ! running "$pid" || ! { echo "$2" >&"$fd"; } 2>/dev/null; then
		echo "$1 batch restarted" >>"$RESULTS_DIR/worker$n.log"
		exec {fd}>&-
		start_batch "$1" "$ns"
		echo "$2" >&"$fd"
	fi
	lines=$((lines + 1))
	echo "$1 $pid -:$lines $2" >>"$RESULTS_DIR/batch$n.sent"
}

# running PID: PID exists and is not a zombie (the third field of its
# stat is its state; ip's name has no space).
running() {
	local st
	read -r _ _ st _ 2>/dev/null <"/proc/$1/stat" || return 1
	[[ $st != Z ]]
}

stopped() {
	! running "$1"
}

# batch_waiting PID IP: PID runs IP and waits in read(2) on its standard
# input (and is not another process that took a reused PID).
batch_waiting() {
	local cmd='' nr fd rest
	read -r -d '' cmd 2>/dev/null <"/proc/$1/cmdline" || [[ -n $cmd ]] ||
		return 1
	[[ $cmd == "$2" ]] || return 1
	read -r nr fd rest 2>/dev/null <"/proc/$1/syscall" &&
		[[ $nr == 0 && $fd == 0x0 ]]
}

# start_batch PREFIX NS: `ip -n NS -force -batch -` as that batch process.
# FAULTY is the staged ip (run by the staged loader: the process's
# program is STAGE/ld.so), and failslab is turned on for it (task filter)
# only once it waits for its first request, so that loading the program
# never fails.
start_batch() {
	local -n fd=$1 pid=${1}_PID ns=${1}_NS lines=${1}_LINES
	local ip out=$RESULTS_DIR/batch$n.out
	ip=$(command -v ip)
	ns=$2
	lines=0
	if [[ $1 == FAULTY ]]; then
		# Not on 9p either: its writes would be its allocations.
		out=$STAGE/faulty$n.out
		ip=$STAGE/ld.so
		exec {fd}> >(close_inherited
			LD_BIND_NOW=1 exec "$ip" --library-path "$STAGE/lib" \
			"$STAGE/ip" -n "$ns" -force -batch - >>"$out" 2>&1)
	else
		exec {fd}> >(close_inherited
			exec "$ip" -d -s -n "$ns" -force -batch - \
			>/dev/null 2>>"$out")
	fi
	pid=$!
	echo "$1 $pid started" >>"$RESULTS_DIR/batch$n.sent"
	wait_until 120 batch_waiting "$pid" "$ip" ||
		fail "ip -batch in $ns did not start"
	[[ $1 == FAULTY ]] || return 0
	ip_probe "$pid" "$ip" "$out"
	[[ ${NBOND_STRESS_FAULTS:-1} == 0 ]] ||
		echo 1 >"/proc/$pid/make-it-fail"
}

# ip_probe PID IP OUT: iproute2 (6.1) asks the kernel once, at its first
# "link" command, whether it knows RTM_NEWLINK, and waits for that answer
# with rtnl_listen(), which goes on waiting when the recvmsg() fails with
# ENOBUFS: what the kernel reports when it could not allocate an ACK. With
# failslab on, that wait was seen to last forever, with bonding.ko as with
# nbond. So the faulty batch process runs its first "link" command before
# faults are turned on, and is waiting again once its answer (lo, to OUT)
# is out. Called by start_batch, whose fd, lines, ns and n it uses.
ip_probe() {
	local seen
	seen=$(lo_count "$3")
	echo "link show dev lo" >&"$fd"
	lines=1
	echo "FAULTY $1 -:1 link show dev lo" >>"$RESULTS_DIR/batch$n.sent"
	wait_until 120 lo_shown "$3" "$seen" ||
		fail "ip -batch in $ns did not answer 'link show dev lo'"
	wait_until 120 batch_waiting "$1" "$2" ||
		fail "ip -batch in $ns did not wait for input again"
}

# lo_count OUT: how many lines of OUT show lo (0 while OUT is missing).
lo_count() {
	local count
	count=$(grep -c LOOPBACK "$1" 2>/dev/null)
	echo "${count:-0}"
}

# lo_shown OUT N: more than N lines of OUT show lo.
lo_shown() {
	(($(lo_count "$1") > $2))
}

# close_inherited: close every descriptor above 2. A batch process (or
# the pinger) must not hold the worker's pipes to the other batch
# processes: one of those would then never see the end of its input.
close_inherited() {
	local f
	for f in /proc/self/fd/*; do
		f=${f##*/}
		((f > 2)) && eval "exec $f>&-" 2>/dev/null
	done
	return 0
}

# stop_batch PREFIX: end of input; wait for it to exit, and with it its
# hold on the namespace.
stop_batch() {
	local -n fd=$1 pid=${1}_PID
	exec {fd}>&-
	if ! wait_until 120 stopped "$pid"; then
		batch_state "$pid"
		echo "--- the last lines sent to it (batch$n.sent):"
		grep "^$1 $pid " "$RESULTS_DIR/batch$n.sent" | tail -n 8
		fail "ip -batch $1 (pid $pid) did not exit"
	fi
}

# batch_state PID: where a batch process that does not end is, and what
# holds its input open: for it and for every process that has the write
# end of its standard input, the state, system call and kernel stack; and
# what is still unread in that pipe.
batch_state() {
	local pipe holder f
	pipe=$(readlink "/proc/$1/fd/0" 2>/dev/null) || pipe=none
	echo "--- $1's standard input: $pipe; processes that hold it:"
	for f in /proc/[0-9]*/fd/*; do
		[[ $(readlink "$f" 2>/dev/null) == "$pipe" ]] || continue
		holder=${f#/proc/}
		echo "${holder%%/*}"
	done | sort -un | while read -r holder; do
		echo "=== pid $holder: $(tr '\0' ' ' <"/proc/$holder/cmdline" 2>/dev/null)"
		for f in status wchan syscall stack; do
			echo "--- /proc/$holder/$f"
			{ grep -v 'kB$' "/proc/$holder/$f" | head -n 30; } 2>&1 ||
				true
			echo
		done
	done
	echo "--- its netlink sockets (/proc/net/netlink: Rmem Wmem Dump Locks Drops Inode):"
	for f in "/proc/$1/fd"/*; do
		holder=$(readlink "$f" 2>/dev/null) || continue
		[[ $holder == socket:* ]] || continue
		holder=${holder#socket:[}
		awk -v ino="${holder%]}" -v fd="${f##*/}" \
			'$NF == ino { print "fd " fd ": " $5, $6, $7, $8, $9, $10 }' \
			"/proc/$1/net/netlink"
	done
	echo "--- lines it holds in memory (the one it runs among them):"
	python3 "$(dirname "${BASH_SOURCE[0]}")/batch_lines.py" "$1" 2>&1 |
		tail -n 20 || true
	if [[ ${NBOND_STRESS_TRACE:-0} == 1 ]]; then
		echo "--- its last traced netlink calls:"
		grep -- "-$1 " "$TRACEFS/trace" | tail -n 40
	fi
	echo "--- unread in its standard input:"
	python3 -c 'import fcntl, os, struct, sys, termios
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
n = struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0" * 4))[0]
print(n, "bytes")' "/proc/$1/fd/0" 2>&1 || true
}

quiet() {
	"$@" >/dev/null 2>&1
}

# The kprobes of NBOND_STRESS_TRACE, on the calls of the faulty batch
# processes only (their program is the staged loader, "ld.so"). x86-64:
# arguments in di, si, dx, cx.
TRACE_PROBES=(
	"p:nbst_send netlink_sendmsg len=%dx:u64"
	"r:nbst_send_ret netlink_sendmsg ret=\$retval:s32"
	"r:nbst_rtnl_ret rtnetlink_rcv_msg ret=\$retval:s32"
	"p:nbst_ack netlink_ack seq=+8(%si):u32 err=%dx:s32"
	"p:nbst_unicast netlink_unicast portid=%dx:u32"
	"r:nbst_unicast_ret netlink_unicast ret=\$retval:s32"
	"r:nbst_recv_ret netlink_recvmsg ret=\$retval:s32"
)

setup_trace() {
	local probe event
	[[ ${NBOND_STRESS_TRACE:-0} == 1 ]] || return 0
	[[ -e $TRACEFS/kprobe_events ]] ||
		mount -t tracefs nodev "$TRACEFS" ||
		fail "NBOND_STRESS_TRACE: no tracefs"
	echo 8192 >"$TRACEFS/buffer_size_kb"
	for probe in "${TRACE_PROBES[@]}"; do
		event=${probe#*:}
		event=${event%% *}
		echo "$probe" >>"$TRACEFS/kprobe_events" ||
			fail "NBOND_STRESS_TRACE: kprobe '$probe' refused"
		on_exit "echo '-:$event' >>$TRACEFS/kprobe_events"
		echo 'comm == "ld.so"' \
			>"$TRACEFS/events/kprobes/$event/filter"
		echo 1 >"$TRACEFS/events/kprobes/$event/enable"
		on_exit "echo 0 >$TRACEFS/events/kprobes/$event/enable"
	done
	echo 1 >"$TRACEFS/tracing_on"
	echo "stress: NBOND_STRESS_TRACE: netlink calls of the faulty batch processes traced"
}

setup_failslab() {
	if [[ ${NBOND_STRESS_FAULTS:-1} == 0 ]]; then
		echo "stress: NBOND_STRESS_FAULTS=0: no fault injection"
		return 0
	fi
	[[ -d $FAILSLAB ]] ||
		fail "no $FAILSLAB: make stress runs on the debug kernel (NBOND_STRESS_FAULTS=0 to go without)"
	echo 2 >"$FAILSLAB/probability"
	echo 1 >"$FAILSLAB/interval"
	echo -1 >"$FAILSLAB/times"
	echo 0 >"$FAILSLAB/verbose"
	echo Y >"$FAILSLAB/task-filter"
	echo N >"$FAILSLAB/ignore-gfp-wait"
	on_exit "echo 0 >$FAILSLAB/probability"
}

# worker N: requests until the deadline, in namespaces of its own. Each
# request is logged; the log is the replay's reference.
worker() {
	local n=$1 deadline=$2 ns other b p op opt value i pinger_pid
	# The batch processes' variables, set by start_batch through names.
	# shellcheck disable=SC2034
	local FAULTY FAULTY_PID FAULTY_NS PLAIN PLAIN_PID PLAIN_NS
	# shellcheck disable=SC2034
	local SWITCH SWITCH_PID SWITCH_NS PICKED
	# shellcheck disable=SC2034
	local FAULTY_LINES PLAIN_LINES SWITCH_LINES
	# Requests fail on purpose: no errexit, no ERR trap here; the main
	# shell's EXIT trap is not the worker's.
	set +eE
	trap - ERR EXIT
	# A batch process that died must not take the worker with it.
	trap '' PIPE
	RANDOM=$((SEED + n))
	ns=$(ns_add "st$n")
	other=$(ns_add "st${n}x")
	quiet_ns "$ns"
	quiet ip -n "$other" link add sw type bridge
	quiet ip -n "$other" link set sw up
	quiet ip -n "$other" addr add 10.77.0.254/24 dev sw
	start_batch SWITCH "$other"
	start_batch PLAIN "$ns"
	start_batch FAULTY "$ns"
	cables 0 1 2 3
	pinger "$ns" &
	pinger_pid=$!

	while ((SECONDS < deadline)); do
		pick sb0 sb1 sb2
		b=$PICKED
		pick w0 w1 w2 w3
		p=$PICKED
		op=$((RANDOM % 16))
		echo "$op $b $p" >>"$RESULTS_DIR/worker$n.log"
		case $op in
		0 | 1)
			pick "${MODES[@]}"
			faulty link add "$b" type bond mode "$PICKED"
			;;
		2)
			plain link del "$b"
			;;
		3 | 4 | 5)
			pick "${OPTION_NAMES[@]}"
			opt=$PICKED
			# shellcheck disable=SC2086 # the values are words
			pick ${OPTIONS[$opt]}
			faulty link set "$b" type bond "$opt" "$PICKED"
			;;
		6 | 7)
			faulty link set "$p" master "$b"
			;;
		8)
			plain link set "$p" nomaster
			;;
		9)
			# A port deleted and made again.
			cables "${p#w}"
			;;
		10)
			# Refused for a bond; a port leaves its bond and
			# comes back.
			quiet ip -n "$ns" link set "$b" netns "$other"
			if quiet ip -n "$ns" link set "$p" netns "$other"; then
				quiet ip -n "$other" link set "$p" netns "$ns"
				quiet ip -n "$ns" link set "$p" up
			fi
			;;
		11)
			pick down up up
			quiet "$BONDCTL" -n "$ns" port set "$p" "$PICKED"
			# nbond's own option (NBOND_CMD_BOND_SET), right or
			# wrong for the bond's mode.
			pick individual strict strict bogus
			quiet "$BONDCTL" -n "$ns" set "$b" lacp_fallback "$PICKED"
			;;
		12)
			pick prio queue_id
			opt=$PICKED
			pick 0 1 5 -1 70000
			faulty link set "$p" type bond_slave "$opt" "$PICKED"
			;;
		13)
			pick up up down
			plain link set "$b" "$PICKED"
			plain addr add "10.77.0.$((n * 10 + ${b#sb} + 1))/24" dev "$b"
			;;
		14)
			# An agent for a while (past its first second, when
			# it sends the counters in batches), killed without
			# warning.
			ip netns exec "$ns" timeout --foreground -s KILL \
				"$((RANDOM % 3)).$((RANDOM % 9 + 1))" \
				"$LACPD" -i "$b" >/dev/null 2>&1 || true
			;;
		15)
			# /proc/PID/net is the net of PID's namespace: read
			# without starting a program.
			plain link show
			read_all "/proc/$PLAIN_PID/net/nbond/$b"
			read_all "/proc/$PLAIN_PID/net/bonding/$b"
			quiet "$BONDCTL" -n "$ns" show -d
			;;
		esac
		# Now and then the namespace goes, bonds and all, and comes
		# back.
		if ((RANDOM % 200 == 0)); then
			echo "namespace" >>"$RESULTS_DIR/worker$n.log"
			kill "$pinger_pid"
			stop_batch FAULTY
			stop_batch PLAIN
			quiet ip netns del "$ns"
			quiet ip netns add "$ns"
			quiet_ns "$ns"
			quiet ip -n "$ns" link set lo up
			start_batch PLAIN "$ns"
			start_batch FAULTY "$ns"
			cables 0 1 2 3
			pinger "$ns" &
			pinger_pid=$!
		fi
	done
	kill "$pinger_pid"
	stop_batch FAULTY
	stop_batch PLAIN
	stop_batch SWITCH
	wait
	echo "worker $n: $(wc -l <"$RESULTS_DIR/worker$n.log") requests"
}

# cables I...: for each I, port wI in the worker's namespace, cabled to vI
# on the switch, made anew wherever they were: one request by the switch's
# batch process makes both ends, up, vI on the bridge (deleting vI
# deletes wI).
cables() {
	local i
	for i; do
		on_switch link del "v$i"
		on_switch link add "v$i" up master sw type veth \
			peer name "w$i" netns "$ns" up
	done
}

# read_all FILE: read FILE to its end, if it is there (no program run).
read_all() {
	local line
	[[ -r $1 ]] || return 0
	while read -r line; do :; done <"$1" 2>/dev/null
}

# pinger NS: UDP datagrams to the switch through each of the bonds (and
# so ARP both ways) ten times a second, by one process: bonds that do not
# exist or have no address are skipped. (Faster, the four pingers took
# most of the debug kernel's time.)
pinger() {
	close_inherited
	exec ip netns exec "$1" python3 -c '
import socket, time
while True:
    for bond in (b"sb0", b"sb1", b"sb2"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, bond)
                s.sendto(b"nbond stress", ("10.77.0.254", 9))
        except OSError:
            pass
    time.sleep(0.1)
' >/dev/null 2>&1
}

# Requests sent so far, by every worker.
requests() {
	local f n=0
	for f in "$RESULTS_DIR"/worker*.log; do
		[[ -f $f ]] || continue
		n=$((n + $(wc -l <"$f")))
	done
	echo "$n"
}

step "stress for $SECONDS_TOTAL s"
stage_ip
setup_trace
setup_failslab
deadline=$((SECONDS + SECONDS_TOTAL))
pids=()
for ((w = 0; w < WORKERS; w++)); do
	worker "$w" "$deadline" &
	pids+=($!)
done
# Progress: one line a minute.
while ((SECONDS < deadline)); do
	sleep 60
	echo "stress: $((deadline - SECONDS)) s left, $(requests) requests so far"
done
for pid in "${pids[@]}"; do
	wait "$pid" || fail "a worker failed (exit $?)"
done
[[ ! -d $FAILSLAB ]] || echo 0 >"$FAILSLAB/probability"

step "the end: every bond deleted, the module unloaded"
for ns in $(ip netns list | awk '{ print $1 }' | grep -- "-$$\$"); do
	ip netns del "$ns"
done
# Namespaces are torn down in the background; wait for the bonds to go.
proc=/proc/net/nbond
[[ $DRIVER == nbond ]] || proc=/proc/net/bonding
wait_until 60 bash -c "! ls $proc 2>/dev/null | grep -q ." ||
	fail "bonds left: $(ls $proc)"
wait_until 60 rmmod "$DRIVER" || fail "rmmod $DRIVER failed"
insmod "$NBOND_KO"
pass "seed $SEED: $(requests) requests, clean teardown"
