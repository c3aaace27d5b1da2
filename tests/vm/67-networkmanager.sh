#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 67-networkmanager: Debian's NetworkManager, unchanged, manages bonds
# made by nbond (kind=bond) as it manages bonding.ko's. NetworkManager runs
# in the guest's initial namespace (the only one it manages), with udev and
# a D-Bus system bus of its own, nmcli as its client:
#   - an active-backup bond from NetworkManager connections (primary,
#     miimon, a port's queue_id): connected, carries pings, fails over and
#     back, and takes `nmcli device reapply` of changed bond and port
#     settings (NetworkManager writes those through sysfs);
#   - an 802.3ad bond (lacpd on both sides, a partner of the same driver);
#   - a bond that NetworkManager did not create, which it reads back
#     through sysfs as an external connection;
#   - deactivation deletes the bonds it created and frees their ports, and
#     with nbond loaded NetworkManager never loads bonding.ko.
# The same with bonding.ko and with nbond must read the same.
#
#  +--------- initial namespace ---------+    +-- nms-PID: br0 192.0.2.254
#  |  nmb0 192.0.2.1     eth10 eth11 ====+====+
#  |  ext0 198.51.100.1  eth12       ====+====+-- nmx-PID: x0 198.51.100.254
#  |  nml0 203.0.113.1   eth13 eth14 ====+====+-- nmp-PID: pb 203.0.113.254
#  +-------------------------------------+        (802.3ad, same driver)

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"
# shellcheck source=system.sh
. "$(dirname "${BASH_SOURCE[0]}")/system.sh"

require_nbond
require_module bonding
require_cmd NetworkManager nmcli dbus-daemon udevadm
[[ -x /lib/systemd/systemd-udevd ]] || skip "systemd-udevd is not installed"
require_lacpd

I=init-$$
ip netns attach "$I" 1 || fail "cannot name the initial namespace"

# ---- NetworkManager, udev and D-Bus for the guest --------------------------

# The guest's root is the host's, read-only: what NetworkManager writes
# goes to tmpfs.
NM_DIR=/run/nbond-nm
mkdir -p "$NM_DIR/connections" "$NM_DIR/none"
mount -t tmpfs tmpfs /var/lib/NetworkManager
on_exit "umount /var/lib/NetworkManager"
# The rig's root has ifenslave too (61-ifupdown): NetworkManager's
# dispatcher would run its ifupdown hooks on every port going down, and
# those release ports and delete bonds. A host run by NetworkManager does
# not have both; the dispatcher's scripts are hidden.
mount -t tmpfs tmpfs /etc/NetworkManager/dispatcher.d
on_exit "umount /etc/NetworkManager/dispatcher.d"
cat >"$NM_DIR/NetworkManager.conf" <<EOF
[main]
plugins=keyfile
auth-polkit=false
no-auto-default=*
[keyfile]
path=$NM_DIR/connections
[logging]
level=INFO
EOF

start_udevd
start_system_bus

# How long nmcli waits for an activation or a deactivation: its default,
# 10 s, is not enough on the debug kernel (the reference half, bonding.ko,
# timed out deactivating there).
NM_WAIT=$((10 * NBOND_WAIT_FACTOR))

NetworkManager --debug --config="$NM_DIR/NetworkManager.conf" \
	--config-dir="$NM_DIR/none" --system-config-dir="$NM_DIR/none" \
	--state-file="$NM_DIR/state" >>"$RESULTS_DIR/NetworkManager.log" 2>&1 &
NM_PID=$!
on_exit "kill $NM_PID 2>/dev/null; wait $NM_PID 2>/dev/null; true"
wait_until 120 nmcli general status >/dev/null 2>&1 ||
	fail "NetworkManager never answered (NetworkManager.log)"

# ---- the ports, made while udev runs, as on a real host ----------------------

# Veths, named like NICs: NetworkManager's udev rules (85-nm-unmanaged)
# leave every other veth unmanaged.
S=$(ns_add nms)
X=$(ns_add nmx)
P=$(ns_add nmp)
for dev in nmb0 ext0 nml0; do
	on_exit "ip link del $dev 2>/dev/null || true"
done
bridge_switch "$S" "$I" 192.0.2.254/24 eth1 s 2
veth_pair eth12 "$I" x0 "$X"
ip -n "$X" addr add 198.51.100.254/24 dev x0
veth_pair eth13 "$I" p0 "$P"
veth_pair eth14 "$I" p1 "$P"
for dev in eth10 eth11 eth12 eth13 eth14; do
	sysctl -qw "net.ipv6.conf.$dev.disable_ipv6=1"
done
udevadm settle --timeout=60 || fail "udev did not settle"

# ---- what the scenario reads -------------------------------------------------

nm_state() {
	nmcli -g GENERAL.STATE device show "$1" 2>/dev/null
}

# nm_connected DEV...: NetworkManager has every DEV connected.
nm_connected() {
	local dev
	for dev in "$@"; do
		[[ $(nm_state "$dev") == "100 (connected)" ]] || return 1
	done
}

nm_external() {
	[[ $(nm_state "$1") == "100 (connected (externally))" ]]
}

# nm_ports BOND WANT: NetworkManager lists WANT (sorted names) as BOND's
# ports; without WANT, prints them.
nm_ports() {
	local got
	got=$(nmcli -t -f BOND.SLAVES device show "$1" | cut -d: -f2 |
		tr ' ' '\n' | sort | xargs)
	[[ $# -gt 1 ]] || { echo "$got"; return; }
	[[ $got == "$2" ]]
}

# ports_of BOND PORT...: every PORT has BOND for master.
ports_of() {
	local bond=$1 port
	shift
	for port in "$@"; do
		[[ $(port_master "$I" "$port") == "$bond" ]] || return 1
	done
}

gone() {
	local dev
	for dev in "$@"; do
		! dev_exists "$I" "$dev" || return 1
	done
}

reaches() {
	ping -c 1 -W 2 "$1" >/dev/null 2>&1
}

# kernel_state BOND: the options NetworkManager set, as the driver has them.
kernel_state() {
	ip -j -d link show dev "$1" | jq -c '.[0].linkinfo.info_data |
		{mode, miimon, primary, active_slave, ad_lacp_rate,
		 xmit_hash_policy, updelay}'
}

port_queue_id() {
	ip -j -d link show dev "$1" | jq -r '.[0].linkinfo.info_slave_data.queue_id'
}

# The bond's address is one of its ports' permanent addresses (udev left
# it alone, the driver took it from the first port).
address_from_port() {
	local bond=$1 addr port
	shift
	addr=$(mac_of "$I" "$bond")
	for port in "$@"; do
		[[ $addr != "$(port_field "$I" "$port" perm_hwaddr)" ]] || return 0
	done
	echo "$bond has $addr; its ports had:" >&2
	for port in "$@"; do
		echo "  $port $(port_field "$I" "$port" perm_hwaddr)" >&2
	done
	return 1
}

# nm_up CON BOND PORT...: activate connection CON; NetworkManager must
# connect BOND and its PORTs, and the PORTs be in BOND.
nm_up() {
	local con=$1 bond=$2
	shift 2
	nmcli --wait "$NM_WAIT" connection up "$con" >/dev/null ||
		fail "nmcli connection up $con failed"
	wait_until 120 nm_connected "$bond" "$@" ||
		fail "NetworkManager did not connect $bond and its ports"
	wait_until 30 ports_of "$bond" "$@" || fail "$* not in $bond"
	echo "$bond, $* connected"
}

nm_add() {
	nmcli connection add "$@" >/dev/null ||
		fail "nmcli connection add $* failed"
}

active_backup() {
	echo "==== active-backup from NetworkManager"
	nm_add type bond ifname nmb0 con-name b0 \
		connection.autoconnect no \
		bond.options mode=active-backup,miimon=100,primary=eth11 \
		ipv4.method manual ipv4.addresses 192.0.2.1/24 \
		ipv6.method disabled connection.autoconnect-slaves yes
	nm_add type ethernet ifname eth10 con-name b0p0 master nmb0 \
		slave-type bond
	nm_add type ethernet ifname eth11 con-name b0p1 master nmb0 \
		slave-type bond bond-port.queue-id 2
	nm_up b0 nmb0 eth10 eth11
	kernel_state nmb0
	echo "queue_id of eth11: $(port_queue_id eth11)"
	wait_until 30 nm_ports nmb0 "eth10 eth11" ||
		fail "NetworkManager lists $(nm_ports nmb0) as nmb0's ports"
	echo "NetworkManager lists eth10 eth11 as nmb0's ports"
	wait_until 30 address_from_port nmb0 eth10 eth11 2>/dev/null ||
		address_from_port nmb0 eth10 eth11 ||
		fail "nmb0's address is none of its ports'"
	echo "nmb0's address is a port's"
	wait_until 60 reaches 192.0.2.254 || fail "nmb0 carries no traffic"
	echo "nmb0 reaches 192.0.2.254"

	echo "==== the primary fails and comes back"
	ip -n "$S" link set s1 down
	wait_until 30 active_is "$I" nmb0 eth10 || fail "no failover to eth10"
	wait_until 30 reaches 192.0.2.254 || fail "no traffic after failover"
	echo "active eth10, reaches 192.0.2.254, nmb0: $(nm_state nmb0)"
	ip -n "$S" link set s1 up
	wait_until 60 active_is "$I" nmb0 eth11 || fail "eth11 did not come back"
	echo "active eth11 again"

	echo "==== reapply of changed settings"
	nmcli connection modify b0 \
		bond.options mode=active-backup,miimon=200,primary=eth11,updelay=400 ||
		fail "nmcli connection modify b0 failed"
	nmcli device reapply nmb0 >/dev/null || fail "reapply of nmb0 failed"
	nmcli connection modify b0p1 bond-port.queue-id 3 ||
		fail "nmcli connection modify b0p1 failed"
	kernel_state nmb0
	# NetworkManager 1.42 cannot reapply a port's settings: the port's
	# connection is activated again.
	nmcli --wait "$NM_WAIT" connection up b0p1 >/dev/null || fail "nmcli connection up b0p1"
	wait_until 60 nm_connected nmb0 eth11 || fail "eth11 not connected again"
	wait_until 60 active_is "$I" nmb0 eth11 || fail "eth11 not active again"
	echo "queue_id of eth11: $(port_queue_id eth11)"
	wait_until 30 reaches 192.0.2.254 || fail "no traffic after reapply"
	echo "nmb0 reaches 192.0.2.254"
}

lacp() {
	local run=bonding
	[[ ! -d /sys/module/nbond ]] || run=nbond
	echo "==== 802.3ad from NetworkManager"
	ip -n "$P" link add pb type bond mode 802.3ad miimon 100 lacp_rate fast
	add_ports "$P" pb p0 p1
	ip -n "$P" addr add 203.0.113.254/24 dev pb
	ip -n "$P" link set pb up
	nm_add type bond ifname nml0 con-name l0 \
		connection.autoconnect no \
		bond.options mode=802.3ad,miimon=100,lacp_rate=fast \
		ipv4.method manual ipv4.addresses 203.0.113.1/24 \
		ipv6.method disabled connection.autoconnect-slaves yes
	nm_add type ethernet ifname eth13 con-name l0p0 master nml0 \
		slave-type bond
	nm_add type ethernet ifname eth14 con-name l0p1 master nml0 \
		slave-type bond
	if [[ $run == nbond ]]; then
		start_lacpd "$P" peer
		start_lacpd "$I" host
	fi
	nm_up l0 nml0 eth13 eth14
	kernel_state nml0
	wait_until 60 reaches 203.0.113.254 || fail "nml0 carries no traffic"
	echo "nml0 reaches 203.0.113.254"
}

external() {
	echo "==== a bond NetworkManager did not create"
	ip link add ext0 type bond mode balance-xor miimon 100 \
		xmit_hash_policy layer3+4 min_links 1
	add_ports "$I" ext0 eth12
	ip addr add 198.51.100.1/24 dev ext0
	ip link set ext0 up
	wait_until 60 nm_external ext0 ||
		fail "NetworkManager does not show ext0 ($(nm_state ext0))"
	echo "ext0: $(nm_state ext0)"
	echo "options read by NetworkManager:" \
		"$(nmcli -g bond.options connection show ext0)"
	wait_until 60 reaches 198.51.100.254 || fail "ext0 carries no traffic"
	echo "ext0 reaches 198.51.100.254"
	ip link del ext0
}

teardown() {
	local run=bonding con dev
	[[ ! -d /sys/module/nbond ]] || run=nbond
	echo "==== deactivation"
	nmcli --wait "$NM_WAIT" connection down b0 >/dev/null || fail "nmcli connection down b0"
	nmcli --wait "$NM_WAIT" connection down l0 >/dev/null || fail "nmcli connection down l0"
	wait_until 30 gone nmb0 nml0 || fail "deactivated bonds are still there"
	echo "nmb0 and nml0 deleted"
	for dev in eth10 eth11 eth13 eth14; do
		[[ -z $(port_master "$I" "$dev") ]] ||
			fail "$dev still has a master after deactivation"
	done
	echo "ports free"
	for con in b0 b0p0 b0p1 l0 l0p0 l0p1; do
		nmcli connection delete "$con" >/dev/null ||
			fail "nmcli connection delete $con failed"
	done
	if [[ $run == nbond ]]; then
		stop_lacpd peer
		stop_lacpd host
		[[ ! -d /sys/module/bonding ]] ||
			fail "NetworkManager loaded bonding.ko beside nbond"
	fi
	ip -n "$P" link del pb
}

networkmanager() {
	active_backup
	lacp
	external
	teardown
}

like_bonding networkmanager \
	"NetworkManager manages nbond's bonds as bonding.ko's"
pass "NetworkManager made active-backup and 802.3ad bonds, reapplied changed settings, read an external bond, failed over and deleted its bonds as with bonding.ko"
