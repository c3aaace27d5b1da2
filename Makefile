# SPDX-License-Identifier: GPL-2.0
#
# nbond top-level Makefile.
#
#   make                 build nbond.ko for KVER (see below), ctl/bondctl
#                        and lacpd/lacpd
#   make module          only nbond.ko; make ctl: only bondctl; make lacpd:
#                        only lacpd
#   make KVER=<release>  build for another installed kernel
#   make install         install nbond.ko for KVER, bondctl, lacpd, their
#                        man pages, units, modprobe.d, udev and completion
#   make uninstall       remove what make install installed
#   make deb             Debian packages nbond-dkms, nbond-tools (build/deb)
#   make dkms-install    nbond.ko through DKMS, for every supported kernel
#                        now and later; make dkms-remove undoes it
#   make deps            install everything the build, rig and tests need
#   make check           unit tests, then VM scenarios on every kernel
#   make demo            the narrated demo in the rig: 802.3ad against Open
#                        vSwitch, active-backup failover, a drill
#   make bench           benchmarks against bonding.ko in the rig
#   make lint            checkpatch --strict and W=1 over the driver
#   make debug-kernel    build (once, cached in /var/cache/nbond) a 6.12
#                        kernel with KASAN, UBSAN, lockdep, kmemleak...
#   make check-debug     every scenario on that kernel
#   make kselftest       the kernel's bonding selftests, bonding.ko and nbond
#   make stress          10 minutes of random requests on the debug kernel

SHELL := /bin/bash
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

# The running kernel when its headers are installed, else the newest
# installed kernel headers.
KVER ?= $(shell r=$$(uname -r); \
	if [ -d /lib/modules/$$r/build ]; then echo $$r; else \
	ls -d /lib/modules/*/build 2>/dev/null | \
	sed 's,^/lib/modules/,,; s,/build$$,,' | sort -V | tail -n 1; fi)
KDIR ?= /lib/modules/$(KVER)/build
BUILD := $(TOP)/build/$(KVER)

# Every supported kernel that has an image and headers installed.
KERNELS ?= $(shell for d in /lib/modules/*/build; do \
	r=$${d#/lib/modules/}; r=$${r%/build}; \
	case $$r in (6.1.*|6.12.*) ;; (*) continue ;; esac; \
	[ -e /boot/vmlinuz-$$r ] && echo $$r; done | sort -V)

MODULE_SRCS := Kbuild $(wildcard driver/*.[ch] driver/compat/*) \
	$(wildcard uapi/linux/*.h)

.PHONY: all module ctl lacpd install install-files uninstall deb dkms-source \
	dkms-install dkms-check dkms-remove clean deps check unit vm-check demo \
	demo-kernel bench lint debug-kernel check-debug kselftest stress

all: module ctl lacpd

module: $(BUILD)/nbond.ko

# The tree the module was built against. The debug kernel keeps its
# release when it is rebuilt with another configuration (a new cache
# directory): the module is then built again from scratch, since Kbuild's
# records name the old tree's headers.
$(BUILD)/kdir.stamp: FORCE
	@id="$(KDIR) $$(stat -c %Y $(KDIR)/Module.symvers 2>/dev/null)"; \
	if [ "$$(cat $@ 2>/dev/null)" != "$$id" ]; then \
		rm -rf $(BUILD) && mkdir -p $(BUILD) && echo "$$id" > $@; \
	fi

FORCE:

$(BUILD)/nbond.ko: $(MODULE_SRCS) $(BUILD)/kdir.stamp
	@if [ -z "$(KVER)" ] || [ ! -d "$(KDIR)" ]; then \
		echo "error: no kernel headers for '$(KVER)'; run 'make deps'" >&2; \
		exit 1; fi
	@mkdir -p $(BUILD)
	@cp -pu --parents $(MODULE_SRCS) $(BUILD)/
	$(MAKE) -C $(KDIR) M=$(BUILD) modules
	@echo "built $@"

# bondctl, the CLI (ctl/Makefile).
ctl:
	$(MAKE) -C ctl

# lacpd, the LACP daemon (lacpd/Makefile).
lacpd:
	$(MAKE) -C lacpd

# DKMS: the module's sources and dkms.conf in /usr/src/nbond-VERSION,
# built and installed for every supported kernel with headers; DKMS's own
# hook builds it for kernels installed later.
NBOND_VERSION := $(shell cat $(TOP)/VERSION)
DKMS_TREE = $(DESTDIR)/usr/src/nbond-$(NBOND_VERSION)

dkms-source:
	rm -rf $(DKMS_TREE)
	mkdir -p $(DKMS_TREE)
	cd $(TOP) && cp --parents $(MODULE_SRCS) $(DKMS_TREE)/
	sed 's/#MODULE_VERSION#/$(NBOND_VERSION)/' $(TOP)/dkms.conf \
		> $(DKMS_TREE)/dkms.conf

dkms-install: dkms-source
	dkms add -m nbond -v $(NBOND_VERSION)
	@for k in $(KERNELS); do \
		echo "dkms install -m nbond -v $(NBOND_VERSION) -k $$k"; \
		dkms install -m nbond -v $(NBOND_VERSION) -k "$$k" || exit 1; \
	done

dkms-remove:
	-dkms remove -m nbond -v $(NBOND_VERSION) --all
	rm -rf $(DKMS_TREE)

# What DKMS's kernel hook runs (dkms autoinstall) for every kernel in
# $(KERNELS), in scratch trees under build/dkms-check: the host's DKMS
# tree and /lib/modules are not touched (DKMS makes its MOK signing key
# in /var/lib/dkms if there is none, as on any install).
DKMS_CHECK := $(TOP)/build/dkms-check
dkms-check:
	rm -rf $(DKMS_CHECK)
	$(MAKE) -s dkms-source DESTDIR=$(DKMS_CHECK)/stage
	mkdir -p $(DKMS_CHECK)/tree
	dkms add -m nbond -v $(NBOND_VERSION) \
		--sourcetree $(DKMS_CHECK)/stage/usr/src \
		--dkmstree $(DKMS_CHECK)/tree
	@for k in $(KERNELS); do \
		mkdir -p $(DKMS_CHECK)/lib/$$k; \
		echo "dkms autoinstall -k $$k"; \
		dkms autoinstall -k "$$k" --no-depmod \
			--sourcetree $(DKMS_CHECK)/stage/usr/src \
			--dkmstree $(DKMS_CHECK)/tree \
			--installtree $(DKMS_CHECK)/lib \
			> $(DKMS_CHECK)/$$k.log 2>&1 || \
			{ tail -n 30 $(DKMS_CHECK)/$$k.log; exit 1; }; \
		ls $(DKMS_CHECK)/lib/$$k/updates/dkms/nbond.ko* || \
			{ echo "no nbond.ko for $$k"; exit 1; }; \
	done

# Debian packages (debian/): nbond-dkms and nbond-tools, built unsigned
# from a copy of the tree in build/deb, where they are left; lintian
# checks them.
DEB_DIR := $(TOP)/build/deb
deb:
	rm -rf $(DEB_DIR)
	mkdir -p $(DEB_DIR)/nbond-$(NBOND_VERSION)
	cd $(TOP) && tar --exclude=./build --exclude=./.git -cf - . | \
		tar -xf - -C $(DEB_DIR)/nbond-$(NBOND_VERSION)
	cd $(DEB_DIR)/nbond-$(NBOND_VERSION) && \
		dpkg-buildpackage -us -uc -b > $(DEB_DIR)/build.log 2>&1 || \
		{ tail -n 40 $(DEB_DIR)/build.log; exit 1; }
	lintian --fail-on error $(DEB_DIR)/*.changes
	@ls -1 $(DEB_DIR)/*.deb

# What `make install` puts on the system besides the module, as
# MODE:SOURCE:DESTINATION; `make uninstall` removes the same files.
INSTALL_FILES := \
	0644:docs/nbond.4:/usr/share/man/man4/nbond.4 \
	0755:ctl/bondctl:/usr/sbin/bondctl \
	0644:docs/bondctl.8:/usr/share/man/man8/bondctl.8 \
	0755:lacpd/lacpd:/usr/sbin/lacpd \
	0644:docs/lacpd.8:/usr/share/man/man8/lacpd.8 \
	0644:lacpd/lacpd.service:/lib/systemd/system/lacpd.service \
	0644:lacpd/lacpd@.service:/lib/systemd/system/lacpd@.service \
	0644:system/nbond-modprobe.conf:/lib/modprobe.d/nbond.conf \
	0644:system/98-nbond.link:/lib/systemd/network/98-nbond.link \
	0644:completion/bondctl:/usr/share/bash-completion/completions/bondctl
INSTALLED_KO = $(DESTDIR)/lib/modules/$(KVER)/updates/nbond.ko

# Install the module for KVER on a real host (updates/ takes precedence),
# and everything else (install-files: what the Debian packages hold).
install: module install-files
	install -D -m 0644 $(BUILD)/nbond.ko $(INSTALLED_KO)
	[ -n "$(DESTDIR)" ] || depmod -a $(KVER)

install-files: ctl lacpd
	@for f in $(INSTALL_FILES); do \
		IFS=: read -r mode src dst <<<"$$f"; \
		echo "install -D -m $$mode $$src $(DESTDIR)$$dst"; \
		install -D -m "$$mode" "$(TOP)/$$src" "$(DESTDIR)$$dst" || exit 1; \
	done

# Remove what `make install` installed (for KVER's module); bonding.ko
# is the kernel's bonding driver again once nbond is unloaded.
uninstall:
	rm -f $(INSTALLED_KO)
	@for f in $(INSTALL_FILES); do \
		echo "rm -f $(DESTDIR)$${f##*:}"; \
		rm -f "$(DESTDIR)$${f##*:}"; \
	done
	[ -n "$(DESTDIR)" ] || depmod -a $(KVER)

clean:
	rm -rf build
	$(MAKE) -C ctl clean
	$(MAKE) -C lacpd clean
	$(MAKE) -C tests/unit clean

# ---- dependencies, tests, demo, lint (the rig: vm/, tests/) -----------------

# Everything the build, the VM rig, the tests and lint need, from Debian 12.
DEPS_PACKAGES := build-essential gcc make linux-headers-amd64 \
	linux-image-amd64 linux-headers-6.12-amd64 linux-image-6.12-amd64 \
	linux-source-6.12 qemu-system-x86 busybox-static iproute2 jq tshark \
	tcpdump check pkg-config libnl-3-dev libnl-genl-3-dev \
	libnl-route-3-dev libjson-c-dev libpcap-dev sparse kmod xz-utils \
	ethtool iputils-ping procps util-linux python3 bc cpio gzip shellcheck \
	openvswitch-switch flex bison libelf-dev libssl-dev \
	ifupdown ifenslave prometheus-node-exporter curl network-manager \
	bash-completion dkms debhelper dh-dkms lintian python3-argcomplete \
	python3-requests libteam-utils gnuplot-nox clang
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# The newest supported kernel, for the demo.
DEMO_KVER := $(lastword $(KERNELS))
VM_SCENARIOS := $(sort $(wildcard tests/vm/[0-9]*.sh))

# Packages that ship a service (openvswitch-switch) must not start it on
# this machine: the rig starts what it needs inside the VM. tests/deps
# installs under a policy-rc.d that refuses every start.
deps:
	$(SUDO) $(TOP)/tests/deps $(DEPS_PACKAGES)

# Unit tests, then every scenario on every kernel in $(KERNELS): see
# tests/run-all and docs/testing.md.
check:
	@MAKE="$(MAKE)" $(TOP)/tests/run-all $(KERNELS)

unit: ctl
	$(MAKE) -C tests/unit check
	$(TOP)/tests/completion/run

# Every target that boots the rig builds what the guest runs: nbond.ko for
# the kernel it boots, and bondctl and lacpd, which the scenarios use.
# VNG=PATH (virtme-ng's vng) runs vm-check and demo through virtme-ng.
VM_RUN = $(TOP)/vm/run $(if $(VNG),--vng=$(VNG))

# The scenarios on one kernel: make vm-check KVER=...
vm-check: module ctl lacpd
	$(VM_RUN) --kernel $(KVER) $(VM_SCENARIOS)

demo: ctl lacpd demo-kernel
	$(MAKE) module KVER=$(DEMO_KVER)
	@$(VM_RUN) --kernel $(DEMO_KVER) tests/vm/demo.sh; rc=$$?; \
		cat $(TOP)/build/vm/results/$(DEMO_KVER)$(if $(VNG),-vng)/scripts/demo/output.log; \
		exit $$rc

# Benchmarks compare nbond with bonding.ko in one boot of the newest kernel;
# the per-packet costs (tests/bench/icount/) in a second, deterministic one
# (vm/run --icount). Its scripts' limit is in guest seconds, which leap
# there whenever the guest waits for the host: hence a day.
bench: ctl lacpd demo-kernel
	$(MAKE) module KVER=$(DEMO_KVER)
	$(TOP)/vm/run --kernel $(DEMO_KVER) $(sort $(wildcard tests/bench/*.sh))
	NBOND_SCRIPT_TIMEOUT=$${NBOND_SCRIPT_TIMEOUT:-86400} \
	$(TOP)/vm/run --icount --kernel $(DEMO_KVER) \
		$(sort $(wildcard tests/bench/icount/*.sh))
	$(TOP)/tests/bench/plot $(TOP)/build/vm/results/$(DEMO_KVER)-icount

demo-kernel:
	@if [ -z "$(DEMO_KVER)" ]; then \
		echo "error: no supported kernel installed; run 'make deps'" >&2; \
		exit 1; fi

lint:
	@MAKE="$(MAKE)" $(TOP)/tests/lint $(KERNELS)

# The kernel's own bonding selftests, with bonding.ko and with nbond
# kind=bond, in one boot of the newest kernel and, once built, of the debug
# kernel (tests/kselftest/).
kselftest: ctl lacpd demo-kernel
	$(MAKE) module KVER=$(DEMO_KVER)
	$(TOP)/tests/kselftest/extract >/dev/null
	NBOND_SCRIPT_TIMEOUT=$${NBOND_SCRIPT_TIMEOUT:-14400} \
	NBOND_VM_TIMEOUT=$${NBOND_VM_TIMEOUT:-14400} \
	$(TOP)/vm/run --kernel $(DEMO_KVER) tests/kselftest/bonding.sh
	@if dir=$$($(TOP)/vm/build-debug-kernel --print-dir 2>/dev/null); then \
		$(MAKE) module KVER=$$(cat $$dir/kver) KDIR=$$dir/build && \
		NBOND_SCRIPT_TIMEOUT=$${NBOND_SCRIPT_TIMEOUT:-28800} \
		NBOND_VM_TIMEOUT=$${NBOND_VM_TIMEOUT:-28800} \
		$(TOP)/vm/run --debug-kernel tests/kselftest/bonding.sh; \
	else echo "no debug kernel: run 'make debug-kernel' for that half"; fi

# The debug kernel (vm/build-debug-kernel, vm/debug-kernel.config) and
# every scenario on it. Under KASAN and lockdep an emulated guest is
# several times slower, so the limits are wider than make check's.
debug-kernel:
	$(TOP)/vm/build-debug-kernel

# Random requests, fault injection and traffic for NBOND_STRESS_SECONDS
# (600) in the debug kernel; NBOND_STRESS_SEED replays (tests/stress/).
stress: debug-kernel ctl lacpd
	@dir=$$($(TOP)/vm/build-debug-kernel --print-dir) && \
	$(MAKE) module KVER=$$(cat $$dir/kver) KDIR=$$dir/build && \
	limit=$$(( $${NBOND_STRESS_SECONDS:-600} + 1200 )) && \
	NBOND_VM_TIMEOUT=$$limit NBOND_SCRIPT_TIMEOUT=$$limit \
	$(TOP)/vm/run --debug-kernel tests/stress/stress.sh

check-debug: debug-kernel ctl lacpd
	@dir=$$($(TOP)/vm/build-debug-kernel --print-dir) && \
	$(MAKE) module KVER=$$(cat $$dir/kver) KDIR=$$dir/build && \
	NBOND_VM_TIMEOUT=$${NBOND_VM_TIMEOUT:-14400} \
	NBOND_SCRIPT_TIMEOUT=$${NBOND_SCRIPT_TIMEOUT:-3600} \
	$(TOP)/vm/run --debug-kernel $(VM_SCENARIOS)
