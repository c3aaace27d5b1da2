#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 69-debian-packages: nbond's Debian packages (make deb) installed into a
# writable copy of the guest's root, as an operator installs them: dpkg
# builds nbond.ko through DKMS for the running kernel, "modprobe bonding"
# loads it as kind=bond, and lacpd, started by the command line of its
# unit file, brings an 802.3ad bond between two namespaces to
# distributing. nbond-tools is first installed as an older version (the
# same package, repacked with a lower version) and then upgraded. Last a
# purge: no file of either package, no DKMS tree, no module and no enabled
# unit is left, and "modprobe bonding" loads bonding.ko again.
#
# Under emulation DKMS takes minutes to build the module, so nbond-dkms is
# built once; NBOND_PKG_DKMS_UPGRADE=1 also reinstalls it (dh_dkms's
# upgrade path: the old version's prerm removes the module from DKMS, the
# new one's postinst builds it again).
#
#  +----------- pka-PID -----------+        +----------- pkb-PID -----------+
#  |  bond0 (802.3ad) -+- a0 =======|========|== b0 -+- bond0 (802.3ad)     |
#  |  10.69.0.1        +- a1 =======|========|== b1 -+  10.69.0.2           |
#  |  lacpd (lacpd@pka's command)   |        |  lacpd (lacpd@pkb's command) |
#  +--------------------------------+        +------------------------------+
#
# The copy: in a mount namespace of its own, /usr, /etc and /var are
# overlays (tmpfs upper, the shared root lower), so nothing the packages
# do reaches the host or the later scenarios. The kernel's own module
# autoloader runs in the first mount namespace and so never sees the
# installed files: this scenario calls modprobe itself.
#
# nbond-vm: timeout 1500

if [[ ${NBOND_PKG_COPY:-} != 1 ]]; then
	NBOND_PKG_COPY=1 exec unshare --mount --propagation private \
		"$BASH" "$0" "$@"
fi

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=bond.sh
. "$(dirname "${BASH_SOURCE[0]}")/bond.sh"

require_nbond
require_cmd dkms dpkg jq
[[ $KVER != *-nbond-debug ]] ||
	skip "the debug kernel's modules are not in the guest's root: DKMS has nothing to build against"
[[ -e /lib/modules/$KVER/build/Makefile ]] ||
	skip "no kernel headers for $KVER in the guest's root"

DEB_DIR=$NBOND_TOP/build/deb
VERSION=$(cat "$NBOND_TOP/VERSION")
DKMS_DEB=$DEB_DIR/nbond-dkms_${VERSION}_all.deb
TOOLS_DEB=$(echo "$DEB_DIR"/nbond-tools_"${VERSION}"_*.deb)
[[ -f $DKMS_DEB && -f $TOOLS_DEB ]] ||
	fail "no packages of version $VERSION in $DEB_DIR: run 'make deb' (make check does)"

COPY=$(mktemp -d /tmp/pkgroot.XXXXXX)
on_exit "rm -rf $COPY"
OLD_VERSION=$VERSION~old1
OLD_TOOLS_DEB=$COPY/nbond-tools_${OLD_VERSION}.deb

# The same nbond-tools, with a lower version: what an upgrade starts from.
repack_old_tools() {
	dpkg-deb -R "$TOOLS_DEB" "$COPY/old-tools"
	sed -i "s/^Version: .*/Version: $OLD_VERSION/" \
		"$COPY/old-tools/DEBIAN/control"
	dpkg-deb -Zgzip -b "$COPY/old-tools" "$OLD_TOOLS_DEB" >/dev/null
	rm -rf "$COPY/old-tools"
}

installed_version() {
	dpkg-query -W -f '${Version}' "$1"
}

# copy_root: /usr, /etc and /var writable, in this namespace only.
copy_root() {
	local dir
	for dir in usr etc var; do
		mkdir -p "$COPY/$dir.upper" "$COPY/$dir.work"
		mount -t overlay overlay \
			-o "lowerdir=/$dir,upperdir=$COPY/$dir.upper,workdir=$COPY/$dir.work" \
			"/$dir" || fail "cannot overlay /$dir"
	done
	# No service starts here (there is no systemd in the guest anyway),
	# and man-db does not rebuild its index under emulation.
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod 0755 /usr/sbin/policy-rc.d
	rm -f /var/lib/man-db/auto-update
}

# dpkg_run LOG ARGS...: dpkg ARGS, its output kept in LOG.
dpkg_run() {
	local log=$RESULTS_DIR/$1
	shift
	DEBIAN_FRONTEND=noninteractive dpkg "$@" >>"$log" 2>&1 ||
		fail "dpkg $*: $(tail -n 20 "$log")"
}

unload_bonds() {
	local mod
	for mod in nbond bonding; do
		[[ ! -d /sys/module/$mod ]] || rmmod "$mod" ||
			fail "rmmod $mod failed"
	done
}

# The later scenarios expect the checkout's nbond.ko, with defaults.
restore_module() {
	rmmod nbond 2>/dev/null
	rmmod bonding 2>/dev/null
	insmod "$NBOND_KO"
}

# lacpd_unit NS NAME: lacpd for namespace NS, started by the command line
# of the installed lacpd@.service (%i: NS); its log and pid are named as
# start_lacpd's (bond.sh), so that stop_lacpd NAME stops it.
lacpd_unit() {
	local ns=$1 name=$2 unit=/lib/systemd/system/lacpd@.service
	local path exec args
	path=$(sed -n 's/^NetworkNamespacePath=//p' "$unit")
	exec=$(sed -n 's/^ExecStart=//p' "$unit")
	[[ ${exec%% *} == /usr/sbin/lacpd && -x /usr/sbin/lacpd ]] ||
		fail "lacpd@.service runs '$exec', not the installed lacpd"
	read -r -a args <<<"${exec#/usr/sbin/lacpd}"
	nsenter --net="${path//%i/$ns}" /usr/sbin/lacpd "${args[@]}" \
		>"$RESULTS_DIR/lacpd-$name.log" 2>&1 &
	echo $! >"$RESULTS_DIR/lacpd-$name.pid"
	on_exit "kill $! 2>/dev/null || true"
}

# The installed files of a package that dpkg lists (not its directories).
package_files() {
	local path
	while read -r path; do
		[[ -d $path ]] || echo "$path"
	done < <(dpkg -L "$1")
}

# Anything of nbond's left in the writable layers: the packages' files,
# the DKMS tree and build, the module, the units' enablement (not the
# whiteouts, character devices, that hide files of the lower layer).
leftovers() {
	(cd "$COPY" && find usr.upper etc.upper var.upper ! -type c \
		\( -name '*nbond*' -o -name '*lacpd*' -o -name '*bondctl*' \) \
		-print) | sort
}

copy_root
on_exit restore_module
unload_bonds
repack_old_tools

step "install nbond-dkms and nbond-tools $OLD_VERSION: DKMS builds nbond.ko for $KVER"
start=$(now_ms)
dpkg_run install.log -i "$DKMS_DEB" "$OLD_TOOLS_DEB"
echo "install (DKMS build included) took $(($(now_ms) - start)) ms"
assert_eq "nbond-tools' version" "$(installed_version nbond-tools)" \
	"$OLD_VERSION"
assert_true "dpkg: nbond-dkms installed" \
	bash -c "dpkg-query -W -f '\${Status}' nbond-dkms | grep -qx 'install ok installed'"
assert_true "dpkg: nbond-tools installed" \
	bash -c "dpkg-query -W -f '\${Status}' nbond-tools | grep -qx 'install ok installed'"
status=$(dkms status -m nbond -v "$VERSION" -k "$KVER")
echo "dkms: $status"
assert_true "DKMS installed nbond $VERSION for $KVER" \
	grep -q "installed" <<<"$status"
KO=/lib/modules/$KVER/updates/dkms/nbond.ko
[[ -f $KO ]] || KO=$KO.xz
assert_true "the module is in updates/dkms" test -f "$KO"
assert_true "depmod knows it" \
	grep -q "updates/dkms/nbond.ko" "/lib/modules/$KVER/modules.dep"
assert_true "lacpd.service is enabled" \
	test -L /etc/systemd/system/multi-user.target.wants/lacpd.service
for f in /usr/sbin/bondctl /usr/sbin/lacpd /lib/modprobe.d/nbond.conf \
	/lib/systemd/network/98-nbond.link \
	/usr/share/bash-completion/completions/bondctl; do
	assert_true "installed: $f" test -e "$f"
done
package_files nbond-dkms >"$RESULTS_DIR/nbond-dkms.files"

step "modprobe bonding loads the installed nbond.ko as kind=bond"
modprobe bonding || fail "modprobe bonding failed"
assert_true "nbond is loaded" test -d /sys/module/nbond
assert_true "bonding.ko is not" test ! -d /sys/module/bonding
assert_eq "nbond's kind" "$(cat /sys/module/nbond/parameters/kind)" bond
# (modprobe's own answer; modinfo was seen to crash under emulation)
assert_eq "modprobe takes nbond from DKMS's directory" \
	"$(modprobe --show-depends nbond | awk '{ print $2 }')" "$KO"

step "an 802.3ad bond between two namespaces, lacpd run as its unit runs it"
A=$(ns_add pka)
B=$(ns_add pkb)
for ns in "$A" "$B"; do
	/usr/sbin/bondctl -n "$ns" create bond0 mode 802.3ad \
		lacp_rate "$LACP_RATE" miimon 100 ||
		fail "bondctl create in $ns failed"
done
for i in 0 1; do
	veth_pair "a$i" "$A" "b$i" "$B"
	/usr/sbin/bondctl -n "$A" add bond0 "a$i"
	/usr/sbin/bondctl -n "$B" add bond0 "b$i"
done
ip -n "$A" link set bond0 up
ip -n "$B" link set bond0 up
ip -n "$A" addr add 10.69.0.1/24 dev bond0
ip -n "$B" addr add 10.69.0.2/24 dev bond0
assert_eq "ip -d: the bond is of kind bond" \
	"$(ip -n "$A" -j -d link show bond0 | jq -r '.[0].linkinfo.info_kind')" bond
lacpd_unit "$A" a
lacpd_unit "$B" b
wait_until 30 all_distributing "$A" a0 a1 ||
	fail "A's ports do not distribute: $(ip netns exec "$A" cat /proc/net/nbond/bond0)"
wait_until 30 all_distributing "$B" b0 b1 ||
	fail "B's ports do not distribute"
assert_eq "A's carrier" "$(bond_carrier "$A" bond0)" 1
assert_true "ping over the bond" \
	ip netns exec "$A" ping -q -c 5 -i 0.1 -W 2 10.69.0.2

step "tear down; upgrade nbond-tools to $VERSION"
stop_lacpd a
stop_lacpd b
ip netns delete "$A"
ip netns delete "$B"
unload_bonds
upgrade=("$TOOLS_DEB")
[[ ${NBOND_PKG_DKMS_UPGRADE:-0} != 1 ]] || upgrade+=("$DKMS_DEB")
dpkg_run upgrade.log -i "${upgrade[@]}"
assert_eq "nbond-tools' version after the upgrade" \
	"$(installed_version nbond-tools)" "$VERSION"
assert_true "lacpd.service still enabled" \
	test -L /etc/systemd/system/multi-user.target.wants/lacpd.service
assert_true "the upgraded lacpd runs" /usr/sbin/lacpd --version
assert_true "DKMS has nbond $VERSION for $KVER after the upgrade" \
	bash -c "dkms status -m nbond -v $VERSION -k $KVER | grep -q installed"
modprobe bonding || fail "modprobe bonding failed after the upgrade"
assert_true "nbond loads after the upgrade" test -d /sys/module/nbond
unload_bonds

step "purge: nothing left, bonding.ko again"
package_files nbond-tools >"$RESULTS_DIR/nbond-tools.files"
dpkg_run purge.log --purge nbond-tools nbond-dkms
left=$(cat "$RESULTS_DIR"/nbond-*.files | while read -r f; do
	[[ ! -e $f && ! -L $f ]] || echo "$f"; done)
assert_eq "no file of the packages left" "$left" ""
assert_eq "nothing of nbond in the writable layers" "$(leftovers)" ""
assert_true "no DKMS tree" test ! -e /var/lib/dkms/nbond
assert_true "no module source" test ! -e "/usr/src/nbond-$VERSION"
assert_true "depmod forgot nbond" \
	bash -c "! grep -q updates/dkms/nbond /lib/modules/$KVER/modules.dep"
assert_true "lacpd.service no longer enabled" \
	test ! -e /etc/systemd/system/multi-user.target.wants/lacpd.service
modprobe bonding || fail "modprobe bonding after the purge failed"
assert_true "bonding.ko is loaded" test -d /sys/module/bonding
assert_true "nbond is not" test ! -d /sys/module/nbond
C=$(ns_add pkc)
ip -n "$C" link add bond0 type bond mode 802.3ad
assert_eq "the bond's driver is bonding.ko" \
	"$(ip netns exec "$C" ethtool -i bond0 | sed -n 's/^driver: //p')" bonding
ip netns delete "$C"
rmmod bonding

pass "installed, upgraded and purged; bonding.ko loads again"
