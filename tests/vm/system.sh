# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/vm/system.sh: the system daemons a network manager needs, started
# in the guest for one scenario (after lib.sh). The guest runs scenarios
# chrooted into the host's read-only root, without systemd as init: what
# the daemons write goes to tmpfs, and each is stopped at exit.
#
#   start_udevd        systemd-udevd, with every net device announced and
#                      settled, and nbond's link file where udev reads it
#                      (make install puts it in /lib/systemd/network), so
#                      that a bond takes its first port's address with
#                      either driver
#   start_system_bus   a D-Bus system bus on /run/dbus

# udevadm and the daemons refuse to act in a chroot unless told to.
export SYSTEMD_IGNORE_CHROOT=1

start_udevd() {
	mkdir -p /run/udev /run/systemd/network
	cp "$NBOND_TOP/system/98-nbond.link" /run/systemd/network/
	on_exit "rm -f /run/systemd/network/98-nbond.link"
	/lib/systemd/systemd-udevd --daemon >>"$RESULTS_DIR/udevd.log" 2>&1 ||
		fail "systemd-udevd did not start"
	on_exit "udevadm control --exit --timeout=30 2>/dev/null || true"
	udevadm trigger --action=add --subsystem-match=net
	udevadm settle --timeout=60 || fail "udev did not settle"
}

# The bus writes /run/dbus/pid and refuses to start while it exists: a
# later scenario of the same boot starts its own.
start_system_bus() {
	mkdir -p /run/dbus
	dbus-daemon --system --fork ||
		fail "the D-Bus system bus did not start"
	on_exit _system_stop_bus
}

_system_stop_bus() {
	kill "$(cat /run/dbus/pid)" 2>/dev/null
	rm -f /run/dbus/pid /run/dbus/system_bus_socket
}
