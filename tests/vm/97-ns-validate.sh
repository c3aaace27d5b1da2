#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 97-ns-validate: the IPv6 NS monitor with every arp_validate value, in
# active-backup, against bonding.ko in the same boot. For each value:
# IPv6 traffic crosses the bond, every port's link is up, and the ports'
# multicast lists are as bonding.ko's: a backup of a validating bond joins
# the targets' solicited-node groups (to hear the active port's probes
# relayed by the switch), the active port does not; after a failover the
# groups follow the roles.
#
#  +---------- nv-h-PID ----------+        +---------- nv-g-PID ----------+
#  |  bond0 2001:db8::1           |  veth  |  br0 2001:db8::254 (target)  |
#  |   +-- e0 ====================|========|== p0 --+    2001:db8::10     |
#  |   +-- e1 ====================|========|== p1 --+    (target)         |
#  |   +-- e2 ====================|========|== p2 --+                     |
#  +------------------------------+        +------------------------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module bonding

H=$(ns_add nv-h)
G=$(ns_add nv-g)
ip -n "$G" link add br0 type bridge
ip -n "$G" link set br0 up
ip -n "$G" addr add 2001:db8::254/64 dev br0 nodad
ip -n "$G" addr add 2001:db8::10/64 dev br0 nodad
for i in 0 1 2; do
	veth_pair "e$i" "$H" "p$i" "$G"
	ip -n "$G" link set "p$i" master br0
done

# The targets' solicited-node groups, as Ethernet addresses.
readonly GROUP_G=33:33:ff:00:02:54 GROUP_C=33:33:ff:00:00:10

joined() {
	local list
	list=$(ip -n "$H" maddr show dev "$1")
	printf '%s%s' \
		"$(grep -q "$GROUP_G" <<<"$list" && echo g || echo -)" \
		"$(grep -q "$GROUP_C" <<<"$list" && echo c || echo -)"
}

all_up() {
	local i
	for i in 0 1 2; do
		[[ $(port_field "$H" "e$i" mii_status) == UP ]] || return 1
	done
}

# The active port and the ports' failure counts: if they change while
# the groups are read, the monitor failed a port over meanwhile (it may,
# under load) and the reading mixes two states.
stamp() {
	echo "$(bond_active "$H" bond0)" \
		"$(port_field "$H" e0 link_failure_count)" \
		"$(port_field "$H" e1 link_failure_count)" \
		"$(port_field "$H" e2 link_failure_count)"
}

# The ports' groups, the active port's first: "active gc, backups gc gc";
# "unsettled" if the monitor failed a port over during every reading.
groups() {
	local active before i out
	for _ in $(seq 10); do
		before=$(stamp)
		active=${before%% *}
		out="active $(joined "$active"), backups"
		for i in 0 1 2; do
			[[ e$i == "$active" ]] || out+=" $(joined "e$i")"
		done
		if [[ $(stamp) == "$before" ]]; then
			echo "$out"
			return
		fi
		sleep 0.5
	done
	echo "unsettled"
}

ping_g() {
	in_ns "$H" ping -6 -c 1 -W 1 2001:db8::254 >/dev/null
}

# Every 100 ms; a guest slowed down (the debug kernel) misses intervals
# and fails ports over on its own, so there it probes less often.
readonly ARP_INTERVAL=$((100 * NBOND_WAIT_FACTOR))

# One line per arp_validate value: traffic, links, groups, after a
# failover the groups again.
run_values() {
	local v active
	for v in 0 1 2 3 4 5 6; do
		ip -n "$H" link add bond0 type bond mode active-backup \
			arp_interval "$ARP_INTERVAL" arp_validate "$v" \
			ns_ip6_target 2001:db8::254,2001:db8::10
		add_ports "$H" bond0 e0 e1 e2
		ip -n "$H" link set bond0 up
		ip -n "$H" addr add 2001:db8::1/64 dev bond0 nodad
		if wait_until 15 ping_g; then
			echo -n "arp_validate $v: ping6 ok"
		else
			echo -n "arp_validate $v: ping6 FAILED"
		fi
		if wait_until 10 all_up; then
			echo -n ", all ports up"
		else
			echo -n ", not all ports up"
		fi
		echo ", $(groups)"
		active=$(bond_active "$H" bond0)
		ip -n "$G" link set "p${active#e}" down
		wait_until 10 bash -c "[[ \$(ip -n '$H' -j -d link show bond0 |
			jq -r '.[0].linkinfo.info_data.active_slave') != $active ]]" ||
			echo "arp_validate $v: no failover from $active"
		echo "arp_validate $v after a failover: $(groups)"
		ip -n "$G" link set "p${active#e}" up
		ip -n "$H" link del bond0
		for i in 0 1 2; do
			[[ $(joined "e$i") == -- ]] ||
				echo "arp_validate $v: e$i kept a group after the bond went"
		done
	done
}

like_bonding run_values "nbond differs from bonding.ko"
assert_eq "IPv6 traffic for every value" \
	"$(grep -c 'ping6 ok, all ports up' "$RESULTS_DIR/nbond.txt")" 7
assert_eq "backups joined both groups when validating (1-6)" \
	"$(grep -c '^arp_validate [1-6]: .*backups gc gc$' "$RESULTS_DIR/nbond.txt")" 6
pass "the NS monitor with arp_validate 0-6 works as bonding.ko's"
