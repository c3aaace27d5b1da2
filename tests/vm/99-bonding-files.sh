#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 99-bonding-files: bonding.ko's files under kind=bond. For bonds of every
# mode (with MII and ARP monitoring, primary, tlb and alb; 802.3ad with a
# partner bond of the same driver, lacpd on both sides with nbond) it
# reads /sys/class/net/bonding_masters, every file of the bond's
# bonding/ and of each port's bonding_slave/ (with its permissions), and
# /proc/net/bonding/<bond>; then it builds a bond through sysfs alone, as
# ifenslave does (bonding_masters, mode, miimon, slaves, primary,
# arp_ip_target, queue_id...), reads it back with `ip -d -j`, sends
# invalid writes and takes it down through sysfs. Everything runs with
# bonding.ko and with nbond (kind=bond) in the same boot and must read the
# same. Addresses are fixed so that both runs can match.
#
#  +---------- bf-PID ----------+        +------ bfs-PID ------+
#  |  bond0 --+-- h0 ==veth== s0 --+-- br0  192.0.2.254/24    |
#  |          +-- h1 ==veth== s1 --+                           |
#  |          +-- h2 ==veth== s2 --+                           |
#  |                            |        +---------------------+
#  |  bond0 --+-- l0 ==veth== q0 --+-- pb (802.3ad)  bfp-PID
#  |  (802.3ad) +-- l1 ==veth== q1 --+
#  +----------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module bonding
require_lacpd

H=$(ns_add bf)
S=$(ns_add bfs)
P=$(ns_add bfp)
quiet_ns "$H"
quiet_ns "$P"
bridge_switch "$S" "$H" 192.0.2.254/24 h s 3
veth_pair l0 "$H" q0 "$P"
veth_pair l1 "$H" q1 "$P"
for i in 0 1; do
	ip -n "$H" link set "l$i" down
	ip -n "$H" link set "l$i" address "02:99:00:00:00:2$i"
	ip -n "$P" link set "q$i" down
	ip -n "$P" link set "q$i" address "02:99:00:00:00:3$i"
done

# Each port's own address, so that both drivers' runs show the same.
for i in 0 1 2; do
	ip -n "$H" link set "h$i" down
	ip -n "$H" link set "h$i" address "02:99:00:00:00:1$i"
done

# in_h CMD...: CMD in H, whose sysfs it sees (ip netns exec mounts it).
in_h() {
	ip netns exec "$H" "$@"
}

# show_files BOND: bonding_masters, BOND's bonding/ and its ports'
# bonding_slave/ files (mode, name, content, or the error of the read;
# not nbond's own, which bonding.ko does not have),
# and /proc/net/bonding/BOND. One program for all: in a slow guest every
# program started counts.
show_files() {
	in_h python3 -c '
import os, stat, sys

def read(path):
    try:
        with open(path) as f:
            return f.read().replace("\n", "|")
    except OSError as e:
        return "error: " + os.strerror(e.errno)

# nbond options that bonding.ko lacks (docs/design.md): 78 tests them.
NBOND_OWN = {"lacp_fallback"}

def show_dir(d):
    for name in sorted(set(os.listdir(d)) - NBOND_OWN):
        path = os.path.join(d, name)
        mode = stat.filemode(os.stat(path).st_mode)
        print("%s %s: %s" % (mode, path, read(path)))

bond = sys.argv[1]
os.chdir("/sys/class/net")
print("bonding_masters: " + read("bonding_masters"))
show_dir(bond + "/bonding")
for port in read(bond + "/bonding/slaves").rstrip("|").split():
    show_dir(port + "/bonding_slave")
sys.stdout.write(read("/proc/net/bonding/" + bond).replace("|", "\n"))
' "$1"
}

# settled BOND: every port's MII status is up and, with an active port,
# one is active.
settled() {
	local f
	for f in $(in_h cat /sys/class/net/"$1"/bonding/slaves); do
		[[ $(in_h cat /sys/class/net/"$f"/bonding_slave/mii_status) == up ]] ||
			return 1
	done
}

# config NAME IP-ARGS...: bond0 made with IP-ARGS, ports h0 h1 h2 added,
# up; its files once it settled; then it is deleted.
config() {
	local name=$1
	shift
	echo "==== $name"
	ip -n "$H" link add bond0 address 02:99:00:00:00:ff type bond "$@"
	add_ports "$H" bond0 h0 h1 h2
	ip -n "$H" link set bond0 up
	wait_until 20 settled bond0 || echo "not settled: $(show_files bond0)"
	# The first MII or ARP rounds decide failure counts: let them pass.
	sleep 1
	if [[ ${NO_FAILURE_COUNTS:-0} == 1 ]]; then
		show_files bond0 |
			sed -E 's/((link_failure_count|Link Failure Count): ).*/\1-/'
	else
		show_files bond0
	fi
	ip -n "$H" link del bond0
	for i in 0 1 2; do
		ip -n "$H" link set "h$i" down
	done
}

# sysfs_write FILE VALUE: write VALUE to /sys/class/net/FILE in H; prints
# the outcome (ok, or the error).
sysfs_write() {
	local out
	# shellcheck disable=SC2016 # for the inner shell to expand
	if out=$(in_h bash -c 'echo "$2" > "/sys/class/net/$1"' w "$1" "$2" 2>&1); then
		echo "write $1 <- '$2': ok"
	else
		echo "write $1 <- '$2': ${out##*: }"
	fi
}

# The fields of ip -d -j of a bond that its options set.
ip_fields() {
	ip -n "$H" -d -j link show dev "$1" |
		jq -S '.[0].linkinfo.info_data | del(.ad_info)'
}

# by_sysfs: a bond made, set up, checked and deleted through sysfs only.
by_sysfs() {
	local f v
	echo "==== sysfs"
	sysfs_write bonding_masters +bond1
	# udev and systemd-networkd tell bonds by their device type.
	echo "uevent: $(in_h grep DEVTYPE /sys/class/net/bond1/uevent || true)"
	for f in mode miimon updelay downdelay use_carrier primary_reselect \
		fail_over_mac num_grat_arp resend_igmp all_slaves_active \
		min_links xmit_hash_policy; do
		case $f in
		mode) v=active-backup ;;
		miimon) v=100 ;;
		updelay | downdelay) v=200 ;;
		use_carrier) v=1 ;;
		primary_reselect) v=better ;;
		fail_over_mac) v=1 ;;
		num_grat_arp) v=3 ;;
		resend_igmp) v=2 ;;
		all_slaves_active) v=1 ;;
		min_links) v=1 ;;
		xmit_hash_policy) v=layer2+3 ;;
		esac
		sysfs_write "bond1/bonding/$f" "$v"
	done
	# primary before its port exists: recorded, shown once it joins.
	sysfs_write bond1/bonding/primary h1
	echo "primary before the port: '$(in_h cat /sys/class/net/bond1/bonding/primary)'"
	for f in h0 h1 h2; do
		sysfs_write bond1/bonding/slaves "+$f"
	done
	sysfs_write bond1/bonding/queue_id "h2:3"
	ip -n "$H" link set bond1 up
	wait_until 20 settled bond1 || echo "bond1 not settled"
	sleep 1
	echo "active: $(in_h cat /sys/class/net/bond1/bonding/active_slave)"
	sysfs_write bond1/bonding/active_slave h0
	echo "active: $(in_h cat /sys/class/net/bond1/bonding/active_slave)"
	ip_fields bond1
	show_files bond1

	echo "---- invalid writes"
	sysfs_write bond1/bonding/mode balance-xor
	sysfs_write bond1/bonding/mode nonsense
	sysfs_write bond1/bonding/miimon -1
	sysfs_write bond1/bonding/miimon abc
	sysfs_write bond1/bonding/num_grat_arp 256
	sysfs_write bond1/bonding/lacp_rate fast
	sysfs_write bond1/bonding/slaves h0
	sysfs_write bond1/bonding/slaves +nosuchdev
	sysfs_write bond1/bonding/slaves -lo
	sysfs_write bond1/bonding/active_slave nosuchdev
	sysfs_write bond1/bonding/queue_id h0
	sysfs_write bond1/bonding/queue_id nosuchdev:1
	sysfs_write bond1/bonding/arp_ip_target 192.0.2.1
	sysfs_write bond1/bonding/arp_ip_target -192.0.2.1
	sysfs_write bonding_masters bond2
	sysfs_write bonding_masters -nosuchbond
	ip_fields bond1

	echo "---- what a read shows, written back"
	for f in primary_reselect xmit_hash_policy ad_select; do
		v=$(in_h cat "/sys/class/net/bond1/bonding/$f")
		echo "$f: $v"
		sysfs_write "bond1/bonding/$f" "$v"
	done

	echo "---- ARP targets through sysfs"
	sysfs_write bond1/bonding/miimon 0
	sysfs_write bond1/bonding/arp_interval 100
	sysfs_write bond1/bonding/arp_ip_target +192.0.2.254
	sysfs_write bond1/bonding/arp_ip_target +192.0.2.253
	sysfs_write bond1/bonding/arp_ip_target +192.0.2.254
	sysfs_write bond1/bonding/arp_ip_target -192.0.2.253
	echo "targets: $(in_h cat /sys/class/net/bond1/bonding/arp_ip_target)"
	sysfs_write bond1/bonding/arp_validate active
	# Which port is active once the ARP monitor starts is timing: as
	# bonding.ko starts it, every port fails first (see the ARP config
	# above) and the primary takes over; nbond's ports keep their state.
	ip_fields bond1 | jq 'del(.active_slave)' 

	echo "---- down through sysfs"
	ip -n "$H" link set bond1 down
	for f in h0 h1 h2; do
		sysfs_write bond1/bonding/slaves "-$f"
	done
	echo "slaves: '$(in_h cat /sys/class/net/bond1/bonding/slaves)'"
	sysfs_write bonding_masters -bond1
	echo "bonding_masters: '$(in_h cat /sys/class/net/bonding_masters)'"
	for f in 0 1 2; do
		ip -n "$H" link set "h$f" down
	done
}

# lacp_settled BOND: every port of BOND collecting and distributing, and
# its partner saying so too (its LACPDU that does may come a moment after
# ours).
lacp_settled() {
	local f side state
	for f in $(in_h cat /sys/class/net/"$1"/bonding/slaves); do
		for side in actor partner; do
			state=$(in_h cat \
				/sys/class/net/"$f"/bonding_slave/ad_${side}_oper_port_state)
			# N/A until the port has an aggregator
			[[ $state =~ ^[0-9]+$ ]] &&
				(((state & 0x30) == 0x30)) || return 1
		done
	done
}

# same_aggregator: the files of an 802.3ad bond, its aggregator's id
# written "AGG" where it appears. Which id an aggregator has is the
# driver's choice (bonding.ko numbers it after the port that was selected
# first, 1 or 2 from one boot to the next); that the bond and every port
# show the same one is compared.
same_aggregator() {
	local files agg
	files=$(cat)
	agg=$(sed -n 's/^.* bond0\/bonding\/ad_aggregator: \([0-9]*\)|$/\1/p' \
		<<<"$files")
	[[ -n $agg ]] || { printf '%s\n' "$files"; return; }
	sed -E "s/(ad_aggregator(_id)?: |Aggregator ID: )$agg(\||$)/\1AGG\3/" \
		<<<"$files"
}

# lacp_config: an 802.3ad bond of l0 and l1 with a partner bond of the
# same driver in P (lacpd on each side with nbond); its files once both
# ports distribute.
lacp_config() {
	local run=bonding
	[[ ! -d /sys/module/nbond ]] || run=nbond
	echo "==== 802.3ad"
	ip -n "$P" link add pb address 02:99:00:00:00:fe type bond \
		mode 802.3ad miimon 100 lacp_rate "$LACP_RATE"
	add_ports "$P" pb q0 q1
	ip -n "$P" link set pb up
	ip -n "$H" link add bond0 address 02:99:00:00:00:ff type bond \
		mode 802.3ad miimon 100 lacp_rate "$LACP_RATE" \
		xmit_hash_policy layer2+3 ad_actor_sys_prio 100 \
		ad_user_port_key 5
	add_ports "$H" bond0 l0 l1
	ip -n "$H" link set bond0 up
	if [[ $run == nbond ]]; then
		start_lacpd "$P" "peer-$run"
		start_lacpd "$H" "host-$run"
	fi
	wait_until 60 lacp_settled bond0 ||
		echo "not distributing: $(show_files bond0)"
	# A port in sync leaves the churn monitor at once in 802.1AX (and in
	# lacpd); bonding.ko looks only when its 60 s churn timer expires,
	# and shows "monitoring" until then: as it will show then, with its
	# ports in sync. nbond's lines are not touched.
	if [[ $run == bonding ]]; then
		show_files bond0 |
			sed 's/\(Churn State:\) monitoring$/\1 none/'
	else
		show_files bond0
	fi | same_aggregator
	if [[ $run == nbond ]]; then
		stop_lacpd "peer-$run"
		stop_lacpd "host-$run"
	fi
	ip -n "$H" link del bond0
	ip -n "$P" link del pb
}

files() {
	config balance-rr mode balance-rr miimon 100 packets_per_slave 3
	config active-backup mode active-backup miimon 100 primary h1 \
		updelay 200 downdelay 300 primary_reselect failure
	config "active-backup, fail_over_mac active" mode active-backup \
		miimon 100 fail_over_mac active
	# How many times a port failed before the first replies is timing
	# (bonding.ko: once each in this rig, nbond: none). A slowed-down
	# guest (the debug kernel) misses 100 ms intervals and fails ports
	# over on its own: there it probes less often.
	NO_FAILURE_COUNTS=1 config "active-backup, ARP" mode active-backup \
		arp_interval $((100 * NBOND_WAIT_FACTOR)) \
		arp_ip_target 192.0.2.254 arp_validate all arp_missed_max 3 \
		primary h0
	config balance-xor mode balance-xor miimon 100 \
		xmit_hash_policy layer3+4
	config broadcast mode broadcast miimon 50
	config "balance-tlb, dynamic" mode balance-tlb miimon 100
	config "balance-tlb, hash" mode balance-tlb miimon 100 \
		tlb_dynamic_lb 0 xmit_hash_policy layer2+3
	config balance-alb mode balance-alb miimon 100 primary h2
	lacp_config
	by_sysfs
}

like_bonding files "bonding's sysfs and /proc/net/bonding files"
pass "bonding_masters, bonding/, bonding_slave/ and /proc/net/bonding read and written as with bonding.ko"
