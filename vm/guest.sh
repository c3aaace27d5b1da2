#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm/guest.sh SHARE
#
# Runs inside the test VM as root, chrooted into the host's root (or in a
# vng guest). SHARE is the run's writable directory, prepared by vm/run:
#
#   SHARE/run.env        KVER, NBOND_TOP, NBOND_KO, SCRIPT_TIMEOUT, NBOND_SHELL
#   SHARE/scripts.list   "NAME<TAB>PATH" per scenario, in run order (a relative
#                        PATH is relative to SHARE)
#
# and fills it with:
#
#   SHARE/guest.env                  facts about the guest (kernel, sysctls)
#   SHARE/scripts/NAME/output.log    the scenario's stdout and stderr
#   SHARE/scripts/NAME/result        rc=N and ms=N once it has finished
#   SHARE/scripts/NAME/artifacts/    the scenario's RESULTS_DIR
#   SHARE/scripts/NAME/kmemleak.txt  kmemleak's report after it (debug kernel)
#   SHARE/kmemleak-unload.txt        kmemleak's report after rmmod nbond
#   SHARE/dmesg.txt                  the whole kernel log, after the scenarios
#   SHARE/done                       written last
#
# and binds the namespace holding the rig's wires (if any) at /run/nbond-wires.
#
# Judging results (pass, skip, fail, kernel log) is vm/run's job.

set -euo pipefail

SHARE=
NBOND_LOAD_ERROR=
readonly KMEMLEAK=/sys/kernel/debug/kmemleak

log() {
	echo "nbond-vm guest: $*"
}

# Marks the kernel log so that vm/run can tell which scenario was running
# when the kernel complained.
kmsg_mark() {
	echo "nbond-vm: $*" > /dev/kmsg 2>/dev/null || true
}

now_ms() {
	local us=${EPOCHREALTIME/[.,]/}
	echo $((us / 1000))
}

load_run_env() {
	# shellcheck source=/dev/null
	source "$SHARE/run.env"
	: "${KVER:?}" "${NBOND_TOP:?}" "${SCRIPT_TIMEOUT:?}"
	NBOND_KO=${NBOND_KO:-}
	NBOND_SHELL=${NBOND_SHELL:-0}
	export KVER NBOND_TOP NBOND_KO
}

setup_environment() {
	export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
	export HOME=/tmp LANG=C.UTF-8 TERM=${TERM:-dumb} NBOND_VM=1
	hostname nbond-vm 2>/dev/null || true
	ip link set lo up 2>/dev/null || /sbin/ip link set lo up
	ulimit -c 0
	mkdir -p /run/netns
	record_guest_facts > "$SHARE/guest.env"
}

# Panics on oops are not enabled: the run keeps going and the kernel-log scan
# reports the oops. Record the settings so that a reader knows.
record_guest_facts() {
	local key
	echo "uname=$(uname -r)"
	for key in kernel.panic_on_oops kernel.panic_on_warn \
		kernel.hung_task_timeout_secs kernel.tainted; do
		echo "$key=$(sysctl -n "$key" 2>/dev/null || echo n/a)"
	done
	echo "nproc=$(nproc)"
	echo "mem_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
}

# The rig's wires (vm/run): each end is renamed wWE after its MAC and
# parked in the namespace bound at WIRES, where no scenario sees it unless
# it fetches it. Under vng there are none.
readonly WIRES=/run/nbond-wires

park_wires() {
	local dev mac name
	modprobe -q virtio_net 2>/dev/null || true
	for dev in /sys/class/net/*; do
		mac=$(cat "$dev/address" 2>/dev/null) || continue
		[[ $mac =~ ^52:54:00:6e:0([01]):0([01])$ ]] || continue
		if [[ ! -e $WIRES ]]; then
			touch "$WIRES"
			unshare --net="$WIRES" true
		fi
		name=w${BASH_REMATCH[1]}${BASH_REMATCH[2]}
		ip link set dev "${dev##*/}" name "$name"
		ip link set dev "$name" netns "$WIRES"
	done
}

nbond_loaded() {
	[[ -d /sys/module/nbond ]]
}

load_nbond() {
	[[ -n $NBOND_KO ]] || return 0
	if [[ $(uname -r) != "$KVER" ]]; then
		NBOND_LOAD_ERROR="guest runs $(uname -r), module is for $KVER"
		return 0
	fi
	nbond_loaded && return 0
	local out
	if ! out=$(insmod "$NBOND_KO" 2>&1); then
		NBOND_LOAD_ERROR="insmod $NBOND_KO failed: $out"
	fi
}

# kmemleak (the debug kernel has it, with the automatic scan off). What it
# suspects before the scenarios is not theirs: forget it.
kmemleak_forget() {
	[[ -w $KMEMLEAK ]] || return 0
	echo scan > "$KMEMLEAK"
	echo clear > "$KMEMLEAK"
}

# Scans twice, a grace period apart (an object freed after RCU is not a
# leak), and copies the report into FILE when there is one. A scan that
# finds new leaks says so in the kernel log, which vm/run scans.
kmemleak_report() {
	local file=$1
	[[ -w $KMEMLEAK ]] || return 0
	echo scan > "$KMEMLEAK"
	sleep 1
	echo scan > "$KMEMLEAK"
	cat "$KMEMLEAK" > "$file" 2>/dev/null || true
	[[ -s $file ]] || rm -f "$file"
	echo clear > "$KMEMLEAK"
}

# At the end of the run: unload nbond and look for what it leaked.
unload_and_scan() {
	[[ -n $NBOND_KO ]] && nbond_loaded || return 0
	kmsg_mark "start unload"
	rmmod nbond || log "rmmod nbond failed"
	kmemleak_report "$SHARE/kmemleak-unload.txt"
	kmsg_mark "end unload"
}

script_path() {
	local path=$1
	[[ $path == /* ]] && echo "$path" || echo "$SHARE/$path"
}

# Anything a scenario leaves behind would disturb the next one: say so in
# its log and clear it.
tidy_after_script() {
	local leftover
	leftover=$(ip netns list 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')
	if [[ -n ${leftover// /} ]]; then
		echo "nbond-vm: note: scenario left network namespaces: $leftover"
		ip -all netns delete 2>/dev/null || true
	fi
	if [[ -n $NBOND_KO && -z $NBOND_LOAD_ERROR ]] && ! nbond_loaded; then
		echo "nbond-vm: note: nbond was unloaded; loading it again"
		insmod "$NBOND_KO" 2>&1 || true
	fi
}

# A scenario may ask for more time than the run's per-script limit with
# a line "# nbond-vm: timeout SECONDS" among its first 40; the larger wins.
script_timeout() {
	local want
	want=$(head -n 40 "$1" |
		sed -n 's/^# nbond-vm: timeout \([0-9]\{1,6\}\)$/\1/p' | head -n 1)
	if [[ -n $want ]] && ((want > SCRIPT_TIMEOUT)); then
		echo "$want"
	else
		echo "$SCRIPT_TIMEOUT"
	fi
}

# Runs one scenario under timeout, in its own process group, so that
# whatever it started in the background dies with it.
run_one() {
	local name=$1 path=$2 dir=$SHARE/scripts/$1 start rc=0 pid limit
	local -a cmd=("$path")
	[[ -x $path ]] || cmd=(bash "$path")
	mkdir -p "$dir/artifacts"
	kmsg_mark "start $name"
	echo "$name" > "$SHARE/current"
	start=$(now_ms)
	limit=$(script_timeout "$path")
	{
		if [[ -n $NBOND_LOAD_ERROR ]]; then
			echo "nbond-vm: not run: $NBOND_LOAD_ERROR"
			rc=1
		else
			(cd "$dir/artifacts" &&
				RESULTS_DIR=$dir/artifacts exec timeout \
				--kill-after=10 "$limit" "${cmd[@]}" \
				</dev/null) &
			pid=$!
			wait "$pid" || rc=$?
			kill -KILL -- "-$pid" 2>/dev/null || true
			[[ $rc -eq 124 || $rc -eq 137 ]] &&
				echo "nbond-vm: timed out after $limit s"
		fi
		tidy_after_script
		kmemleak_report "$dir/kmemleak.txt"
	} > "$dir/output.log" 2>&1
	kmsg_mark "end $name rc=$rc"
	printf 'rc=%d\nms=%d\n' "$rc" "$(($(now_ms) - start))" > "$dir/result.tmp"
	mv "$dir/result.tmp" "$dir/result"
}

run_all() {
	local name path
	while IFS=$'\t' read -r name path; do
		[[ -n $name ]] || continue
		run_one "$name" "$(script_path "$path")"
	done < "$SHARE/scripts.list"
	rm -f "$SHARE/current"
}

interactive_shell() {
	log "kernel $(uname -r); nbond: ${NBOND_LOAD_ERROR:-${NBOND_KO:-not loaded}}"
	log "exit the shell to power off"
	cd "$NBOND_TOP"
	bash -i || true
}

main() {
	[[ $# -eq 1 ]] || { echo "usage: guest.sh SHARE" >&2; exit 2; }
	SHARE=$1
	load_run_env
	setup_environment
	park_wires
	load_nbond
	if [[ $NBOND_SHELL == 1 ]]; then
		interactive_shell
	else
		kmemleak_forget
		run_all
		unload_and_scan
	fi
	dmesg > "$SHARE/dmesg.txt" 2>&1 || true
	touch "$SHARE/done"
	sync
}

main "$@"
