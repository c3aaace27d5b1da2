#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 63-boot-files: the files that put nbond in bonding.ko's place at boot
# (system/, installed by make install). With nbond.ko installed among the
# guest kernel's modules and system/nbond-modprobe.conf in modprobe's
# configuration, and nothing loaded:
#   - `ip link add ... type bond` autoloads nbond with kind=bond (the
#     kernel asks modprobe for rtnl-link-bond), not bonding.ko;
#   - `modprobe bonding` (ifenslave, NetworkManager) loads nbond too;
#   - udev's net_setup_link applies 98-nbond.link to the bond
#     (MACAddressPolicy=none: it keeps its first port's address), where
#     without it 99-default.link would apply.
#
# The rig's guest runs chrooted in the host's root, read-only: the
# guest kernel's module tree is bound over by a copy on tmpfs with
# nbond.ko in updates/ (depmod -b), modprobe's configuration goes to
# /run/modprobe.d, and the kernel's modprobe helper (which runs outside the
# chroot) is pointed at a wrapper that enters it.

# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd depmod udevadm ethtool

KVER=$(uname -r)
SYSTEM=$NBOND_TOP/system
ROOT=/tmp/nbond-root-$$
MODDIR=$ROOT/lib/modules/$KVER

step "nbond.ko installed in a copy of the module tree"
mkdir -p "$MODDIR/kernel" "$MODDIR/updates"
mount --bind "/lib/modules/$KVER/kernel" "$MODDIR/kernel"
on_exit "umount '$MODDIR/kernel'"
for f in modules.order modules.builtin modules.builtin.modinfo; do
	cp "/lib/modules/$KVER/$f" "$MODDIR/"
done
cp "$NBOND_KO" "$MODDIR/updates/nbond.ko"
depmod -b "$ROOT" "$KVER"
grep -q '^updates/nbond.ko:' "$MODDIR/modules.dep" ||
	fail "depmod did not list updates/nbond.ko"
mount --rbind "$MODDIR" "/lib/modules/$KVER"
on_exit "umount -R '/lib/modules/$KVER'"

mkdir -p /run/modprobe.d
cp "$SYSTEM/nbond-modprobe.conf" /run/modprobe.d/nbond.conf
on_exit "rm -f /run/modprobe.d/nbond.conf"

# The kernel runs its modprobe helper outside the chroot: /tmp there is
# /host/tmp, and busybox's sh and chroot are in the initramfs.
HELPER=/tmp/nbond-modprobe-$$
printf '#!/bin/sh\nexec chroot /host /sbin/modprobe "$@"\n' >"$HELPER"
chmod 0755 "$HELPER"
OLD_HELPER=$(cat /proc/sys/kernel/modprobe)
echo "/host$HELPER" >/proc/sys/kernel/modprobe
on_exit "echo '$OLD_HELPER' >/proc/sys/kernel/modprobe"

rmmod nbond
on_exit _lib_restore_nbond
[[ ! -d /sys/module/bonding ]] || rmmod bonding

H=$(ns_add boot)

step "ip link add type bond autoloads nbond, kind=bond"
ip -n "$H" link add bond0 type bond mode active-backup ||
	fail "ip link add type bond failed with nothing loaded"
assert_true "nbond is loaded" test -d /sys/module/nbond
assert_true "bonding.ko is not" test ! -d /sys/module/bonding
assert_eq "nbond's kind" "$(cat /sys/module/nbond/parameters/kind)" bond
assert_eq "bond0's driver" \
	"$(ip netns exec "$H" ethtool -i bond0 | sed -n 's/^driver: //p')" \
	nbond
assert_eq "bond0's kind" \
	"$(ip_json "$H" bond0 | jq -r '.[0].linkinfo.info_kind')" bond

step "modprobe bonding loads nbond, not bonding.ko"
ip -n "$H" link del bond0
rmmod nbond
out=$(modprobe bonding 2>&1) || fail "modprobe bonding failed: $out"
[[ -z $out ]] || fail "modprobe bonding said: $out"
assert_true "nbond is loaded" test -d /sys/module/nbond
assert_true "bonding.ko is not" test ! -d /sys/module/bonding
assert_true "bonding_masters is there" test -f /sys/class/net/bonding_masters

step "options for bonding reach nbond: defaults of new bonds, max_bonds"
ip -n "$H" link del bond0 2>/dev/null || true
rmmod nbond
# An options line, and one on the command line (systemd's modprobe.d file
# sets max_bonds=0 for bonding, which a later line overrides).
echo "options bonding mode=802.3ad miimon=150 lacp_rate=fast tx_queues=4" \
	>/run/modprobe.d/bonding-options.conf
on_exit "rm -f /run/modprobe.d/bonding-options.conf"
out=$(modprobe bonding max_bonds=1 2>&1) ||
	fail "modprobe bonding failed: $out"
assert_eq "nbond's mode parameter" \
	"$(cat /sys/module/nbond/parameters/mode)" 802.3ad
assert_true "bonding.ko is not loaded" test ! -d /sys/module/bonding
I=init-$$
ip netns attach "$I" 1 || fail "cannot name the initial namespace"
assert_eq "max_bonds=1 made bond0, in 802.3ad" \
	"$(bond_opt "$I" bond0 mode)" 802.3ad
assert_eq "bond0's transmit queues (tx_queues)" \
	"$(ip -j -d link show dev bond0 | jq '.[0].num_tx_queues')" 4
ip link del bond0
ip -n "$H" link add b1 type bond
assert_eq "a new bond's mode" "$(bond_opt "$H" b1 mode)" 802.3ad
assert_eq "a new bond's miimon" "$(bond_opt "$H" b1 miimon)" 150
assert_eq "a new bond's lacp_rate" "$(bond_opt "$H" b1 ad_lacp_rate)" fast
assert_eq "a new bond's transmit queues" \
	"$(ip -n "$H" -j -d link show dev b1 | jq '.[0].num_tx_queues')" 4
ip -n "$H" link add b2 type bond mode active-backup
assert_eq "options given override them" "$(bond_opt "$H" b2 mode)" \
	active-backup
ip -n "$H" link del b1
ip -n "$H" link del b2
rmmod nbond
rm -f /run/modprobe.d/bonding-options.conf
if insmod "$NBOND_KO" mode=bogus 2>/dev/null; then
	fail "nbond loaded with mode=bogus"
fi
dmesg | grep -q 'invalid value for parameter mode: bogus' ||
	fail "no message for mode=bogus"
pass "an invalid parameter fails the load, and says why"
# tx_queues out of range is replaced by 16 with a warning, as bonding.ko
# does.
insmod "$NBOND_KO" kind=bond tx_queues=0 ||
	fail "nbond did not load with tx_queues=0"
dmesg | grep -q 'tx_queues 0 is out of range' ||
	fail "no warning for tx_queues=0"
ip -n "$H" link add b3 type bond
assert_eq "tx_queues=0: 16 queues" \
	"$(ip -n "$H" -j -d link show dev b3 | jq '.[0].num_tx_queues')" 16
ip -n "$H" link del b3
rmmod nbond
modprobe bonding

step "udev applies 98-nbond.link: the bond keeps its port's address"
mkdir -p /run/systemd/network
cp "$SYSTEM/98-nbond.link" /run/systemd/network/
on_exit "rm -f /run/systemd/network/98-nbond.link"
ip -n "$H" link add h0 type veth peer name p0
ip -n "$H" link add bond0 type bond mode active-backup
add_ports "$H" bond0 h0
ip netns exec "$H" udevadm test-builtin net_setup_link \
	/sys/class/net/bond0 >"$RESULTS_DIR/udev.log" 2>&1 || true
grep -q '98-nbond.link.*applied' "$RESULTS_DIR/udev.log" || {
	cat "$RESULTS_DIR/udev.log" >&2
	fail "udev did not apply 98-nbond.link to bond0"
}
assert_eq "bond0 keeps h0's address" "$(mac_of "$H" bond0)" \
	"$(mac_of "$H" h0)"
ip -n "$H" link del bond0

pass "the modprobe.d file loads nbond for 'type bond' and 'modprobe bonding'; udev's link file for nbond applies"
