#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 10-lifecycle: kind "nbond" created and deleted with plain iproute2,
# ports added and released while traffic flows, and every teardown path:
# a port deleted while enslaved, the namespace deleted with bonds in it,
# and rmmod with bonds and ports in place.
#
#  +-------------- lc-h-PID --------------+      +------ lc-s-PID ------+
#  |  nb0 (kind nbond) --+-- e0 ==========|=veth=|== s0 --+            |
#  |  10.30.0.1          +-- e1 ==========|=veth=|== s1 --+-- sb0      |
#  |                     +-- e2 ==========|=veth=|== s2 --+  10.30.0.2 |
#  +--------------------------------------+      +----------------------+
#
# Both ends are balance-rr bonds: a static link aggregation.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond

H=$(ns_add lc-h)
S=$(ns_add lc-s)
quiet_ns "$H"
quiet_ns "$S"
ip -n "$S" link add sb0 type nbond
for i in 0 1 2; do
	veth_pair "e$i" "$H" "s$i" "$S"
	ip -n "$S" link set "s$i" master sb0
done
ip -n "$S" link set sb0 up
ip -n "$S" addr add 10.30.0.2/24 dev sb0

addr_assign_type() {
	ip netns exec "$H" cat "/sys/class/net/$1/addr_assign_type"
}

step "the module's aliases: the link kind and the genl family autoload it"
aliases=$(modinfo -F alias "$NBOND_KO")
assert_true "alias rtnl-link-nbond" grep -qx 'rtnl-link-nbond' <<< "$aliases"
assert_true "alias of the genl family nbond" \
	grep -qx 'net-pf-16-proto-16-family-nbond' <<< "$aliases"

step "kind nbond: create, report, enslave"
ip -n "$H" link add nb0 type nbond
assert_eq "link kind" "$(ip_json "$H" nb0 | jq -r '.[0].linkinfo.info_kind')" nbond
assert_eq "/proc/net/nbond/nb0 exists (mode)" "$(proc_field "$H" nb0 mode)" balance-rr
assert_eq "no carrier without ports" "$(proc_field "$H" nb0 'mii status')" down
assert_eq "not in the init namespace's /proc" \
	"$(test -e /proc/net/nbond/nb0 && echo yes || echo no)" no
e0_mac=$(ip -n "$H" -j link show e0 | jq -r '.[0].address')
e1_mac=$(ip -n "$H" -j link show e1 | jq -r '.[0].address')
assert_eq "a new bond's address is random (addr_assign_type 1)" \
	"$(addr_assign_type nb0)" 1
ip -n "$H" link set e0 master nb0
ip -n "$H" link set e1 master nb0
ip -n "$H" link set nb0 up
ip -n "$H" addr add 10.30.0.1/24 dev nb0
assert_eq "bond took the first port's MAC" \
	"$(ip -n "$H" -j link show nb0 | jq -r '.[0].address')" "$e0_mac"
assert_eq "and marked it stolen (addr_assign_type 2), as bonding.ko does" \
	"$(addr_assign_type nb0)" 2
assert_eq "port e1 carries the bond's MAC" \
	"$(ip -n "$H" -j link show e1 | jq -r '.[0].address')" "$e0_mac"
assert_eq "e1's master" "$(ip -n "$H" -j link show e1 | jq -r '.[0].master')" nb0
assert_true "e1 is flagged SLAVE" \
	bash -c "ip -n '$H' -j link show e1 | jq -e '.[0].flags | index(\"SLAVE\")'"
assert_eq "slave kind" \
	"$(ip_json "$H" e1 | jq -r '.[0].linkinfo.info_slave_kind')" nbond
wait_until 10 in_ns "$H" ping -c 1 -W 1 10.30.0.2 >/dev/null ||
	fail "no ping over nb0"
assert_eq "carrier with usable ports" "$(proc_field "$H" nb0 'mii status')" up
assert_eq "two ports" "$(proc_field "$H" nb0 ports)" 2
assert_eq "proc: e1 permanent address" \
	"$(proc_port_field "$H" nb0 e1 'permanent address')" "$e1_mac"
assert_eq "proc: e1 state" "$(proc_port_field "$H" nb0 e1 state)" active

step "add and release ports while traffic flows"
start_stream "$H" 10.30.0.2 churn
for _ in 1 2 3; do
	ip -n "$H" link set e2 master nb0
	sleep 0.3
	ip -n "$H" link set e2 nomaster
	sleep 0.3
done
stop_stream churn
assert_le "the stream survived enslave/release churn (lost <= 5)" \
	"$(stream_lost churn)" 5
assert_eq "released e2 is down" \
	"$(ip -n "$H" -j link show e2 | jq -r '.[0].operstate')" DOWN
assert_eq "released e2 has no master" \
	"$(ip -n "$H" -j link show e2 | jq -r '.[0].master // "none"')" none

step "a port deleted while enslaved"
ip -n "$H" link set e2 up
ip -n "$H" link set e2 master nb0
assert_eq "three ports" "$(proc_field "$H" nb0 ports)" 3
ip -n "$H" link del e2
assert_eq "two ports left" "$(proc_field "$H" nb0 ports)" 2
assert_true "traffic still flows" in_ns "$H" ping -c 3 -i 0.2 -W 1 10.30.0.2

step "release restores the port's MAC and MTU"
ip -n "$H" link set nb0 mtu 1400
assert_eq "e1 took the bond's MTU" \
	"$(ip -n "$H" -j link show e1 | jq -r '.[0].mtu')" 1400
ip -n "$H" link set e1 nomaster
assert_eq "e1 MAC restored" \
	"$(ip -n "$H" -j link show e1 | jq -r '.[0].address')" "$e1_mac"
assert_eq "e1 MTU restored" \
	"$(ip -n "$H" -j link show e1 | jq -r '.[0].mtu')" 1500
ip -n "$H" link set e0 nomaster
assert_true "a bond without ports takes a new address" \
	test "$(ip -n "$H" -j link show nb0 | jq -r '.[0].address')" != "$e0_mac"
assert_eq "a random one" "$(addr_assign_type nb0)" 1
assert_eq "no carrier" "$(proc_field "$H" nb0 'mii status')" down

step "delete the bond with ports in it"
ip -n "$H" link set e0 master nb0
ip -n "$H" link set e1 master nb0
ip -n "$H" link del nb0
assert_eq "e0 freed" \
	"$(ip -n "$H" -j link show e0 | jq -r '.[0].master // "none"')" none
assert_eq "/proc entry gone" \
	"$(ip netns exec "$H" test -e /proc/net/nbond/nb0 && echo yes || echo no)" no

step "a bond that is a port of another bond, deleted"
# The outer bond must hear of its port's unregistration even though that
# port is a bond itself; if it does not, the deletion waits forever for
# the outer bond's reference, with RTNL held.
ip -n "$H" link add nbo type nbond
ip -n "$H" link add nbi type nbond
ip -n "$H" link set e0 master nbi
ip -n "$H" link set nbi master nbo
assert_eq "nbi is a port of nbo" "$(port_master "$H" nbi)" nbo
timeout 60 ip -n "$H" link del nbi || fail "deleting nbi did not finish"
assert_eq "nbo lost its port" "$(proc_field "$H" nbo ports)" 0
assert_eq "e0 freed" "$(port_master "$H" e0)" ""
ip -n "$H" link add nbi type nbond
ip -n "$H" link set nbi master nbo
timeout 60 ip -n "$H" link del nbo || fail "deleting nbo did not finish"
assert_eq "nbi, nbo's port, freed" "$(port_master "$H" nbi)" ""
ip -n "$H" link del nbi

step "rename a bond: its /proc entry follows"
ip -n "$H" link add nb1 type nbond
ip -n "$H" link set nb1 name nb2
assert_eq "/proc/net/nbond/nb2" "$(proc_field "$H" nb2 mode)" balance-rr
ip -n "$H" link del nb2

step "a bond does not change namespaces; a port that does leaves the bond"
N=$(ns_add lc-n)
ip -n "$H" link add nb4 type nbond
ip -n "$H" link add x0 type veth peer name y0
ip -n "$H" link set x0 master nb4
if ip -n "$H" link set nb4 netns "$N" 2>/dev/null; then
	fail "nb4 was moved to $N"
fi
pass "moving nb4 to another namespace is refused"
assert_true "nb4 is still in its namespace" ip -n "$H" link show nb4
assert_eq "its /proc entry is still there" "$(proc_field "$H" nb4 ports)" 1
assert_eq "no /proc entry in the other namespace" \
	"$(ip netns exec "$N" test -e /proc/net/nbond/nb4 && echo yes || echo no)" no
ip -n "$H" link set x0 netns "$N"
assert_eq "x0, moved away, is no longer a port" "$(proc_field "$H" nb4 ports)" 0
assert_eq "and has no master in its new namespace" "$(port_master "$N" x0)" ""
ip -n "$H" link del nb4
ip netns del "$N"

step "delete a namespace with bonds and ports in it"
N=$(ns_add lc-n)
ip -n "$N" link add nbx type nbond
ip -n "$N" link add x0 type veth peer name y0
ip -n "$N" link set x0 master nbx
ip -n "$N" link set nbx up
ip netns del "$N"
pass "namespace deleted"

step "rmmod with bonds and ports in place"
ip -n "$H" link add nb3 type nbond
ip -n "$H" link set e0 master nb3
ip -n "$H" link set nb3 up
rmmod nbond
assert_eq "e0 freed by rmmod" \
	"$(ip -n "$H" -j link show e0 | jq -r '.[0].master // "none"')" none
assert_true "bond gone" bash -c "! ip -n '$H' link show nb3 2>/dev/null"
insmod "$NBOND_KO"
pass "nbond reloaded"
