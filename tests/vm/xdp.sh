# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# tests/vm/xdp.sh: XDP helpers for the scenarios and benchmarks (after
# lib.sh).
#
#   xdp_build OUT [IFINDEX]   compile tests/vm/xdp_prog.c with clang
#                             -target bpf (the guest runs the host's
#                             clang: its root is the host's) to OUT; the
#                             redirect programs send to IFINDEX (4242);
#                             skips on a kernel without bpf(2) (the debug
#                             kernel's configuration has none)
#   xdp_prog_id NS DEV        the id of DEV's XDP program (ip -j -d link),
#                             or nothing
#   bpf_prog_ids              the ids of every loaded BPF program
#   XDP_FRAMES                tests/vm/xdp_frames.py

XDP_FRAMES=$(dirname "${BASH_SOURCE[0]}")/xdp_frames.py
# shellcheck disable=SC2034 # used by the scripts that source this
readonly XDP_FRAMES

xdp_build() {
	local out=$1 ifindex=${2:-4242} arch
	# The sysctl exists only with CONFIG_BPF_SYSCALL.
	[[ -e /proc/sys/kernel/unprivileged_bpf_disabled ]] ||
		skip "the kernel has no bpf(2): no XDP programs to load"
	require_cmd clang
	arch=$(uname -m)-linux-gnu
	clang -O2 -target bpf -I"/usr/include/$arch" \
		-DXDP_TARGET_IFINDEX="$ifindex" \
		-c "$(dirname "${BASH_SOURCE[0]}")/xdp_prog.c" -o "$out" ||
		fail "clang cannot build the XDP programs"
}

xdp_prog_id() {
	ip -n "$1" -j -d link show dev "$2" |
		jq -r '[.[0].xdp? | .. | objects | .id? | numbers] | first // empty'
}

bpf_prog_ids() {
	python3 "$XDP_FRAMES" progs
}
