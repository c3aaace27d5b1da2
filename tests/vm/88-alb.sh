#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 88-alb: balance-alb spreads the receive side. Each client that ARPs for
# the bond is answered with the address of the port that has the fewest
# clients, so both ports receive, each client through the port it was
# told. When a port fails, its clients are sent the address of another;
# when it returns, clients move back to even the ports out; a failover of
# the active port updates everyone; after the bond's own broadcast ARP
# request (which every client hears), the clients are set right again;
# primary and primary_reselect choose the active port.
#
#  +---- alb-h-PID ----+        +------------ alb-s-PID ------------+
#  |                   |  veth  |                                   |
#  | bond0 --+-- e0 ===|========|=== s0 --+                         |
#  |10.88.0.1|         |        |         +-- br0 --+-- q1 ==== c (alb-c1-PID) 10.88.0.11
#  |         +-- e1 ===|========|=== s1 --+  .254   +-- q2 ==== c (alb-c2-PID) 10.88.0.12
#  |                   |        |                   +-- q3 ==== c (alb-c3-PID) 10.88.0.13
#  +-------------------+        |                   +-- q4 ==== c (alb-c4-PID) 10.88.0.14
#                               +-----------------------------------+
#
# Client I has MAC 02:88:00:00:00:0I. What the switch delivers to e0 and
# e1 is counted by tc on s0 and s1 (egress, flower, pref I: frames from
# client I); what e0 and e1 send, on ingress (pref 20 + I: ARP replies to
# client I). IPv6 is off everywhere. A port's link is cut by setting its
# switch side down.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd tc bridge jq
nbond_reload kind=bond

H=$(ns_add alb-h)
S=$(ns_add alb-s)
quiet_ns "$H"
quiet_ns "$S"
bridge_switch "$S" "$H" 10.88.0.254/24 e s 2

CLIENTS=4
BOND_IP=10.88.0.1
C=()
client_mac() { printf '02:88:00:00:00:%02x' "$1"; }
client_ip() { echo "10.88.0.$((10 + $1))"; }
for ((i = 1; i <= CLIENTS; i++)); do
	C[i]=$(ns_add "alb-c$i")
	bridge_client "${C[i]}" "$S" "q$i" "$(client_mac "$i")" \
		"$(client_ip "$i")/24"
done

# The address client I has for the bond's IP.
told() {
	ip -n "${C[$1]}" -j neigh show "$BOND_IP" dev c |
		jq -r '.[0].lladdr // empty'
}

# told_split A B: every client was told A or B, half of them each.
told_split() {
	local a=$1 b=$2 i t na=0 nb=0
	for ((i = 1; i <= CLIENTS; i++)); do
		t=$(told "$i")
		if [[ $t == "$a" ]]; then
			na=$((na + 1))
		elif [[ $t == "$b" ]]; then
			nb=$((nb + 1))
		else
			return 1
		fi
	done
	((na == CLIENTS / 2 && nb == CLIENTS / 2))
}

# told_all A: every client was told A.
told_all() {
	local i
	for ((i = 1; i <= CLIENTS; i++)); do
		[[ $(told "$i") == "$1" ]] || return 1
	done
}

show_told() {
	local i
	for ((i = 1; i <= CLIENTS; i++)); do
		echo "client $i: bond0 is $(told "$i")"
	done
}

# settle_all MAC WHAT: within 10 s, every client was told MAC.
settle_all() {
	wait_until 10 told_all "$1" ||
		{ show_told; fail "$2: not every client was told $1"; }
	pass "$2: every client was told $1"
}

# settle_split MAC0 MAC1 WHAT: within 10 s, two clients were told e0's
# MAC0 and two e1's MAC1; and their pings take those ports.
settle_split() {
	wait_until 10 told_split "$1" "$2" ||
		{ show_told; fail "$3: clients not split over $1 and $2"; }
	pass "$3: two clients have e0's address $1, two e1's $2"
	each_client_through "$1" "$2"
}

# ---- counting what each port receives --------------------------------------

count_setup() {
	local dev=$1 i
	tc -n "$S" qdisc add dev "$dev" clsact
	for ((i = 1; i <= CLIENTS; i++)); do
		tc -n "$S" filter add dev "$dev" egress pref "$i" protocol all \
			flower src_mac "$(client_mac "$i")" action continue
		tc -n "$S" filter add dev "$dev" ingress pref $((20 + i)) \
			protocol arp flower dst_mac "$(client_mac "$i")" \
			arp_op reply action continue
	done
}

count() {
	tc -n "$S" -s filter show dev "$1" egress pref "$2" |
		awk '/Sent [0-9]+ bytes/ { print $4; exit }'
}

# ARP replies bond0 sent to client I, through either port.
replies_to() {
	local dev n=0
	for dev in s0 s1; do
		n=$((n + $(tc -n "$S" -s filter show dev "$dev" ingress \
			pref $((20 + $1)) |
			awk '/Sent [0-9]+ bytes/ { print $4; exit }')))
	done
	echo "$n"
}

declare -A SNAP
snap() {
	local dev i
	for dev in s0 s1; do
		for ((i = 1; i <= CLIENTS; i++)); do
			SNAP[$dev/$i]=$(count "$dev" "$i")
		done
	done
}

since() {
	echo $(($(count "$1" "$2") - SNAP[$1/$2]))
}

# each_client_through MAC0 MAC1: 30 pings from each client reach bond0
# through the port whose address it was told, s0 for MAC0 and s1 for
# MAC1, and none through the other.
each_client_through() {
	local i t want other
	snap
	ping_bond 30
	for ((i = 1; i <= CLIENTS; i++)); do
		t=$(told "$i")
		case $t in
		"$1") want=s0 other=s1 ;;
		"$2") want=s1 other=s0 ;;
		*) fail "client $i was told $t, no port's address" ;;
		esac
		echo "client $i: s0 $(since s0 "$i"), s1 $(since s1 "$i")"
		assert_ge "client $i reached bond0 through $want" \
			"$(since "$want" "$i")" 20
		# Its ARP requests are broadcast: a few may take the other.
		assert_le "client $i next to nothing through $other" \
			"$(since "$other" "$i")" 3
	done
}

ping_bond() {
	local count=$1 i
	for ((i = 1; i <= CLIENTS; i++)); do
		in_ns "${C[i]}" ping -q -c "$count" -i 0.02 -W 1 "$BOND_IP" \
			>/dev/null || fail "client $i cannot ping bond0"
	done
}

# ping_anew WHERE: every client forgets the bond's address and pings
# it again (client 1 first, until it gets through to WHERE).
ping_anew() {
	local i
	for ((i = 1; i <= CLIENTS; i++)); do
		ip -n "${C[i]}" neigh flush dev c
	done
	wait_until 10 in_ns "${C[1]}" ping -c 1 -W 1 "$BOND_IP" >/dev/null ||
		fail "client 1 cannot reach $1"
	ping_bond 3
}

streams_start() {
	local i
	for ((i = 1; i <= CLIENTS; i++)); do
		start_stream "${C[i]}" "$BOND_IP" "cl$i"
	done
	sleep 1
}

# streams_stop LIMIT: each client lost at most LIMIT pings (10 ms apart).
streams_stop() {
	local i
	for ((i = 1; i <= CLIENTS; i++)); do
		stop_stream "cl$i"
		assert_le "client $i lost at most $(($1 / 100)) s of its stream" \
			"$(stream_lost "cl$i")" "$1"
	done
}

# ---- the bond --------------------------------------------------------------

step "a balance-alb bond over e0 e1"
E0_PERM=$(mac_of "$H" e0)
E1_PERM=$(mac_of "$H" e1)
ip -n "$H" link add bond0 type bond mode balance-alb miimon 100
add_ports "$H" bond0 e0 e1
ip -n "$H" link set bond0 up
ip -n "$H" addr add "$BOND_IP/24" dev bond0
for p in e0 e1; do
	wait_until 5 port_is "$H" "$p" mii_status UP || fail "$p is not up"
done
BOND_MAC=$(mac_of "$H" bond0)
count_setup s0
count_setup s1
assert_eq "mode reported" "$(bond_opt "$H" bond0 mode)" balance-alb
assert_eq "proc: mode" "$(proc_field "$H" bond0 mode)" balance-alb
assert_eq "the first port is active" "$(bond_active "$H" bond0)" e0
assert_eq "bond0 took e0's address" "$BOND_MAC" "$E0_PERM"
assert_eq "e1 keeps its own address" "$(mac_of "$H" e1)" "$E1_PERM"

step "each client learns a port's address, half of them each port's"
ping_bond 2
show_told
told_split "$BOND_MAC" "$E1_PERM" ||
	fail "the clients were not told e0's and e1's addresses half each"
pass "two clients were told e0's address, two e1's"
assert_eq "proc: clients" "$(proc_field "$H" bond0 'alb clients')" 4
assert_eq "proc: e0's clients" "$(proc_port_field "$H" bond0 e0 'alb clients')" 2
assert_eq "proc: e1's clients" "$(proc_port_field "$H" bond0 e1 'alb clients')" 2

step "both ports receive, each client through its port"
rx0=$(link_counter "$H" e0 rx_packets)
rx1=$(link_counter "$H" e1 rx_packets)
each_client_through "$BOND_MAC" "$E1_PERM"
assert_ge "e0 received two clients' pings" \
	$(($(link_counter "$H" e0 rx_packets) - rx0)) 60
assert_ge "e1 received two clients' pings" \
	$(($(link_counter "$H" e1 rx_packets) - rx1)) 60

step "e1 fails: its clients are told e0's address"
streams_start
ip -n "$S" link set s1 down
wait_until 5 port_is "$H" e1 mii_status DOWN || fail "e1 did not go down"
assert_eq "e0 stays active" "$(bond_active "$H" bond0)" e0
settle_all "$BOND_MAC" "e1's clients moved to e0"
assert_eq "proc: e0's clients" "$(proc_port_field "$H" bond0 e0 'alb clients')" 4
streams_stop 300

step "e1 returns: clients move back to even the ports out"
ip -n "$S" link set s1 up
wait_until 5 port_is "$H" e1 mii_status UP || fail "e1 not back up"
settle_split "$BOND_MAC" "$E1_PERM" "clients moved back to e1"

step "e0, the active port, fails: everyone is told e1's new address"
streams_start
ip -n "$S" link set s0 down
wait_until 5 active_is "$H" bond0 e1 || fail "no failover to e1"
assert_eq "e1 took the bond's address" "$(mac_of "$H" e1)" "$BOND_MAC"
assert_eq "e0 took e1's" "$(mac_of "$H" e0)" "$E1_PERM"
settle_all "$BOND_MAC" "the bond's address, now e1's"
assert_eq "proc: e1's clients" "$(proc_port_field "$H" bond0 e1 'alb clients')" 4
streams_stop 300

step "e0 returns with e1's old address; half the clients move to it"
ip -n "$S" link set s0 up
wait_until 5 port_is "$H" e0 mii_status UP || fail "e0 not back up"
assert_eq "e1 stays active" "$(bond_active "$H" bond0)" e1
settle_split "$E1_PERM" "$BOND_MAC" "clients moved to e0"

# Half the clients have one port, half the other (which ones depends on
# the bond's random hash seed): each broadcast request names one port's
# address to all, the asked client's. The last one, for the last client,
# misleads every client of the other port, and no later request sets
# them right: the bond must send them updates (the clients themselves
# send no requests meanwhile). The others may have been set right by
# their own request before an update went out.
step "the bond's broadcast ARP requests: the clients are set right after"
declare -A BEFORE REPLIES
for ((i = 1; i <= CLIENTS; i++)); do
	BEFORE[$i]=$(told "$i")
	REPLIES[$i]=$(replies_to "$i")
done
ip -n "$H" neigh flush dev bond0
for ((i = 1; i <= CLIENTS; i++)); do
	in_ns "$H" ping -q -c 1 -W 2 "$(client_ip "$i")" >/dev/null ||
		fail "bond0 cannot ping client $i"
done
back() {
	local i
	for ((i = 1; i <= CLIENTS; i++)); do
		[[ $(told "$i") == "${BEFORE[$i]}" ]] || return 1
	done
}
wait_until 10 back || { show_told; fail "clients not set right"; }
pass "every client has its own port's address again"
misled=0
for ((i = 1; i <= CLIENTS; i++)); do
	[[ ${BEFORE[$i]} != "${BEFORE[$CLIENTS]}" ]] || continue
	misled=$((misled + 1))
	assert_ge "client $i, of the other port than client $CLIENTS's, was sent updates" \
		$(($(replies_to "$i") - REPLIES[$i])) 1
done
assert_eq "clients of the other port" "$misled" $((CLIENTS / 2))
each_client_through "$E1_PERM" "$BOND_MAC"

step "primary e0 with primary_reselect failure: named, it takes over; back from a failure, it waits"
# As bonding.ko: naming an enslaved port primary makes it active at once,
# whatever primary_reselect says (93-reselect-parity compares the two).
ip -n "$H" link set bond0 type bond primary_reselect failure
ip -n "$H" link set bond0 type bond primary e0
assert_eq "primary reported" "$(bond_opt "$H" bond0 primary)" e0
wait_until 5 active_is "$H" bond0 e0 || fail "the named primary e0 did not take over"
assert_eq "e0 has the bond's address" "$(mac_of "$H" e0)" "$BOND_MAC"
settle_split "$BOND_MAC" "$E1_PERM" "clients moved with e0"
ip -n "$S" link set s0 down
wait_until 5 active_is "$H" bond0 e1 || fail "no failover to e1"
ip -n "$S" link set s0 up
wait_until 5 port_is "$H" e0 mii_status UP || fail "e0 not back up"
assert_eq "e1 stays active: e0 waits for e1 to fail" \
	"$(bond_active "$H" bond0)" e1
settle_split "$E1_PERM" "$BOND_MAC" "clients moved to e0"
streams_start
ip -n "$S" link set s1 down
wait_until 5 active_is "$H" bond0 e0 || fail "no failover to e0"
assert_eq "e0 has the bond's address" "$(mac_of "$H" e0)" "$BOND_MAC"
settle_all "$BOND_MAC" "the bond's address, now e0's"
streams_stop 300
ip -n "$S" link set s1 up
wait_until 5 port_is "$H" e1 mii_status UP || fail "e1 not back up"
assert_eq "e1 has its own address" "$(mac_of "$H" e1)" "$E1_PERM"
settle_split "$BOND_MAC" "$E1_PERM" "clients moved to e1"

step "a bond in a bridge: the bridge's ARP names the bridge's address"
ip -n "$H" addr del "$BOND_IP/24" dev bond0
ip -n "$H" link add brh type bridge
ip -n "$H" link set brh address "$BOND_MAC"
ip -n "$H" link set bond0 master brh
ip -n "$H" link set brh up
ip -n "$H" addr add "$BOND_IP/24" dev brh
# (A client told a port's address would reach a bridge that does not
# deliver it.)
ping_anew "the bridge"
show_told
told_all "$BOND_MAC" || fail "a client was told another address than brh's"
pass "every client was told the bridge's address"
ip -n "$H" link set bond0 nomaster
ip -n "$H" link del brh

step "release: the ports get their own addresses back"
ip -n "$H" link set e1 nomaster
assert_eq "e1's own address" "$(mac_of "$H" e1)" "$E1_PERM"
ip -n "$H" link set e0 nomaster
assert_eq "e0's own address" "$(mac_of "$H" e0)" "$E0_PERM"

step "mode changes free the old mode's state while /proc is read"
# balance-tlb and balance-alb make their state when the bond goes up and
# free it when the bond leaves the mode; a reader of /proc/net/nbond must
# never meet one mode's show with the other's state (the debug kernel's
# KASAN would report it).
ip netns exec "$H" sh -c \
	'while :; do cat /proc/net/nbond/bond0 >/dev/null; done' &
reader=$!
on_exit "kill $reader 2>/dev/null || true"
for ((round = 0; round < 5; round++)); do
	for m in balance-tlb balance-alb balance-rr balance-alb; do
		ip -n "$H" link set bond0 down
		ip -n "$H" link set bond0 type bond mode "$m"
		ip -n "$H" link set bond0 up
	done
done
kill "$reader"
assert_eq "mode after the changes" "$(bond_opt "$H" bond0 mode)" balance-alb
add_ports "$H" bond0 e0 e1
ip -n "$H" addr add "$BOND_IP/24" dev bond0
ping_anew "bond0 after the mode changes"
pass "20 mode changes under a /proc reader; balance-alb works after them"
ip -n "$H" link del bond0
