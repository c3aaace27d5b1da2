# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/vm/ovs.sh: Open vSwitch as a peer that nbond did not write (after
# lib.sh). Debian's openvswitch-switch, started by hand inside the VM:
# its database, sockets, pid files and logs live in a directory under
# /run (a tmpfs in the guest), and ovs-vswitchd runs in the switch's
# network namespace so that the bridge and its ports live there.
#
# The bridges use OVS's userspace datapath (datapath_type=netdev): in the
# rig, the kernel datapath (openvswitch.ko, per-CPU upcall dispatch) lost
# every upcall ("lookups: missed N lost N" in dpctl/show), so no LACPDU
# ever reached ovs-vswitchd. The userspace datapath reads the ports
# through packet sockets and needs only tun for the bridge's own port.
#
#   require_ovs                   fail unless Open vSwitch is installed
#   ovs_start NS                  ovsdb-server and ovs-vswitchd for NS;
#                                 stopped at exit; exports OVS_RUNDIR etc.
#                                 so that ovs-vsctl and ovs-appctl find them
#   ovs_member_field BOND MEMBER KEY
#                                 a "KEY: value" of MEMBER in lacp/show BOND
#   ovs_members_attached BOND MEMBER...
#                                 every MEMBER is "current attached" (a
#                                 predicate for wait_until)

require_ovs() {
	local tool
	for tool in ovsdb-tool ovsdb-server ovs-vswitchd ovs-vsctl ovs-appctl; do
		command -v "$tool" >/dev/null ||
			fail "$tool is not installed: run 'make deps'"
	done
	[[ -r /usr/share/openvswitch/vswitch.ovsschema ]] ||
		fail "no /usr/share/openvswitch/vswitch.ovsschema: run 'make deps'"
}

ovs_start() {
	[[ $# -eq 1 ]] || fail "usage: ovs_start NS"
	local ns=$1 dir=/run/nbond-ovs-$$
	mkdir -p "$dir"
	export OVS_RUNDIR=$dir OVS_DBDIR=$dir OVS_LOGDIR=$dir OVS_PKGDATADIR=/usr/share/openvswitch
	modprobe tun || fail "no tun module, which the bridge's port needs"
	# The userspace datapath reads the ports with packet sockets, so the
	# namespace's IP stack sees their frames too: without this it answers
	# ARP for the bridge's addresses with a port's own MAC.
	ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.arp_ignore=1 \
		net.ipv4.conf.default.arp_ignore=1
	ovsdb-tool create "$dir/conf.db" "$OVS_PKGDATADIR/vswitch.ovsschema" ||
		fail "ovsdb-tool create failed"
	ovsdb-server "$dir/conf.db" --remote="punix:$dir/db.sock" \
		--pidfile --detach --log-file 2>/dev/null ||
		fail "ovsdb-server did not start: $(tail -n 5 "$dir/ovsdb-server.log")"
	on_exit _ovs_stop
	ovs-vsctl --no-wait init
	ip netns exec "$ns" ovs-vswitchd --pidfile --detach --log-file \
		2>/dev/null ||
		fail "ovs-vswitchd did not start: $(tail -n 5 "$dir/ovs-vswitchd.log")"
}

_ovs_stop() {
	ovs-appctl -t ovs-vswitchd exit --cleanup 2>/dev/null || true
	ovs-appctl -t ovsdb-server exit 2>/dev/null || true
	cp "$OVS_LOGDIR"/*.log "$RESULTS_DIR/" 2>/dev/null || true
	rm -rf "$OVS_RUNDIR"
}

ovs_member_field() {
	ovs-appctl lacp/show "$1" | awk -v member="$2" -v key="$3" '
		/^member: / { cur = $2; sub(/:$/, "", cur) }
		cur == member && index($0, "  " key ": ") == 1 {
			print substr($0, length(key) + 5); exit
		}'
}

ovs_members_attached() {
	local bond=$1 member
	shift
	for member in "$@"; do
		ovs-appctl lacp/show "$bond" |
			grep -qx "member: $member: current attached" || return 1
	done
}
