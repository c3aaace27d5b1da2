#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 62-node-exporter: Prometheus' node_exporter (Debian's package, its
# bonding collector alone) reports an nbond bond as it reports a bonding.ko
# one: node_bonding_slaves and node_bonding_active, read from
# bonding_masters, bonding/slaves and each port's bonding_slave/mii_status,
# for an active-backup bond of three ports, then after one port lost its
# link. Run with bonding.ko and with nbond (kind=bond): the metrics must be
# the same, and right.
#
#  +---- ne-PID ----+        +-- nes-PID --+
#  |  bond0 -- h0 ==+========+== s0 -- br0 |
#  |        -- h1 ==+========+== s1 --     |
#  |        -- h2 ==+========+== s2 --     |
#  +----------------+        +-------------+

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_module bonding
require_cmd prometheus-node-exporter curl

H=$(ns_add ne)
S=$(ns_add nes)
quiet_ns "$H"
bridge_switch "$S" "$H" 192.0.2.254/24 h s 3

readonly LISTEN=127.0.0.1:9100

# metrics: node_exporter's bonding metrics, without comments.
metrics() {
	ip netns exec "$H" curl -sf "http://$LISTEN/metrics" |
		grep '^node_bonding_'
}

# up_count_is N: node_exporter counts N ports up.
up_count_is() {
	metrics | grep -qx "node_bonding_active{master=\"bond0\"} $1"
}

exporter() {
	local pid
	ip -n "$H" link add bond0 type bond mode active-backup miimon 100
	add_ports "$H" bond0 h0 h1 h2
	ip -n "$H" link set bond0 up
	# In the namespace, so that its /sys is the namespace's (ip netns
	# exec mounts it).
	ip netns exec "$H" prometheus-node-exporter \
		--collector.disable-defaults --collector.bonding \
		--web.listen-address="$LISTEN" \
		>>"$RESULTS_DIR/node-exporter.log" 2>&1 &
	pid=$!
	wait_until 60 metrics >/dev/null ||
		fail "node_exporter never answered (node-exporter.log)"

	echo "==== three ports up"
	wait_until 20 up_count_is 3 || echo "not 3 active"
	metrics
	up_count_is 3 || fail "node_exporter does not count 3 ports up"

	echo "==== h1's link lost"
	ip -n "$S" link set s1 down
	wait_until 20 up_count_is 2 || echo "not 2 active"
	metrics
	up_count_is 2 || fail "node_exporter does not see h1 down"
	metrics | grep -qx 'node_bonding_slaves{master="bond0"} 3' ||
		fail "node_exporter does not count 3 ports"

	kill "$pid"
	wait "$pid" 2>/dev/null || true
	ip -n "$S" link set s1 up
	ip -n "$H" link del bond0
}

like_bonding exporter "node_exporter's bonding metrics"
pass "node_exporter reports nbond's ports and their links as bonding.ko's"
