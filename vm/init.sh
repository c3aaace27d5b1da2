#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the nbond rig's initramfs (busybox sh, not bash).
#
# Loads the virtio and 9p modules that Debian builds as modules, mounts the
# host's root read-only over 9p at /host, the run's writable share at
# /host/run/nbond-vm, and runs vm/guest.sh chrooted into /host. Powers the
# VM off when the guest script returns, whatever happens.

PATH=/bin
SHARE=/run/nbond-vm

say() {
	echo "nbond-vm init: $*"
}

die() {
	say "fatal: $*"
	poweroff_now
}

poweroff_now() {
	sync
	poweroff -f
	echo o > /proc/sysrq-trigger
	sleep 60
}

mount_early() {
	mkdir -p /proc /sys /dev /host
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev
	ln -sf /proc/self/fd /dev/fd
	ln -sf /proc/self/fd/0 /dev/stdin
	ln -sf /proc/self/fd/1 /dev/stdout
	ln -sf /proc/self/fd/2 /dev/stderr
}

# The module files were put in /modules, in load order, by vm/run.
load_modules() {
	while read -r ko; do
		insmod "/modules/$ko" || die "insmod $ko failed"
	done < /modules/order
}

# A checkout under /tmp, /run or /var/tmp is hidden by those tmpfs mounts:
# vm/run then shares it as "nbondtop" and names its path on the command
# line (nbond.top=PATH); mount it back in place.
mount_checkout() {
	top=$(tr ' ' '\n' < /proc/cmdline | sed -n 's/^nbond\.top=//p')
	[ -n "$top" ] || return 0
	mkdir -p "/host$top"
	mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 \
		nbondtop "/host$top" || die "cannot mount the checkout $top"
}

# The debug kernel's modules are not in the host's /lib/modules: vm/run
# shares them as "nbondkmods" (nbond.kmods=1 on the command line); they
# are mounted over /lib/modules, where modprobe looks.
mount_kmods() {
	grep -qw 'nbond.kmods=1' /proc/cmdline || return 0
	mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 \
		nbondkmods /host/lib/modules || die "cannot mount the kernel's modules"
}

mount_host() {
	mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 \
		hostroot /host || die "cannot mount the host root over 9p"
	mount --bind /proc /host/proc
	mount --bind /sys /host/sys
	mount --bind /dev /host/dev
	mkdir -p /host/dev/shm /host/dev/pts
	for dir in /tmp /run /var/tmp /dev/shm; do
		mount -t tmpfs -o mode=1777 tmpfs "/host$dir" ||
			die "cannot mount tmpfs on $dir"
	done
	mount_checkout
	mount_kmods
	mkdir -p "/host$SHARE"
	mount -t devpts -o newinstance,ptmxmode=0666 devpts /host/dev/pts
	ln -sf pts/ptmx /host/dev/ptmx
	mount -t 9p -o trans=virtio,version=9p2000.L,rw,cache=none,msize=512000 \
		nbondvm "/host$SHARE" || die "cannot mount the results share"
	mount -t debugfs debugfs /host/sys/kernel/debug 2>/dev/null
}

run_guest() {
	# vm/run wrote the guest script's path (a host path, the same in
	# the chroot) on the first line of guest-path.
	read -r guest < "/host$SHARE/guest-path" ||
		die "no guest-path in the results share"
	# For --shell: a session with ttyS0 as its controlling terminal, so
	# that job control and ^C work.
	setsid -c chroot /host /usr/bin/env -i HOME=/root TERM=linux \
		PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		/bin/bash "$guest" "$SHARE" </dev/ttyS0 >/dev/ttyS0 2>&1
	say "guest.sh exited with status $?"
}

mount_early
load_modules
mount_host
run_guest
poweroff_now
