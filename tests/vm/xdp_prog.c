// SPDX-License-Identifier: GPL-2.0
/*
 * XDP programs for tests/vm/45-xdp.sh and tests/bench/xdp.sh, one per
 * section, loaded with `ip link set dev DEV xdp obj xdp_prog.o sec SEC`.
 * Built at test time by clang -target bpf (tests/vm/xdp.sh), without
 * libbpf's headers: the helper is declared by its number.
 *
 *   xdp/tx        XDP_TX every IPv4 UDP frame to port XDP_TEST_PORT (a
 *                 bond's port asks the bond where it goes), the rest
 *                 XDP_PASS
 *   xdp/redirect  the same frames to the device of ifindex
 *                 XDP_TARGET_IFINDEX (a bond), the rest XDP_PASS
 *   xdp/redirect_all  every frame there, unread (the benchmark)
 *   xdp/pass      XDP_PASS (a veth end must run a program, or use GRO,
 *                 to take frames its peer's ndo_xdp_xmit sends)
 *   xdp/drop      XDP_DROP (a benchmark's sink)
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>

#ifndef XDP_TEST_PORT
#define XDP_TEST_PORT		9
#endif
#ifndef XDP_TARGET_IFINDEX
#define XDP_TARGET_IFINDEX	4242
#endif

#define SEC(name)	__attribute__((section(name), used))
#define be16(x)		((__u16)__builtin_bswap16(x))

static long (*bpf_redirect)(__u32 ifindex, __u64 flags) =
	(void *)BPF_FUNC_redirect;

/* Is the frame IPv4 UDP to XDP_TEST_PORT? */
static inline int test_frame(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + sizeof(*eth);
	struct udphdr *udp;

	if ((void *)(ip + 1) > end || eth->h_proto != be16(ETH_P_IP) ||
	    ip->ihl != 5 || ip->protocol != IPPROTO_UDP)
		return 0;
	udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > end)
		return 0;
	return udp->dest == be16(XDP_TEST_PORT);
}

SEC("xdp/tx")
int xdp_tx(struct xdp_md *ctx)
{
	return test_frame(ctx) ? XDP_TX : XDP_PASS;
}

SEC("xdp/redirect")
int xdp_redirect(struct xdp_md *ctx)
{
	if (!test_frame(ctx))
		return XDP_PASS;
	return bpf_redirect(XDP_TARGET_IFINDEX, 0);
}

SEC("xdp/redirect_all")
int xdp_redirect_all(struct xdp_md *ctx)
{
	return bpf_redirect(XDP_TARGET_IFINDEX, 0);
}

SEC("xdp/pass")
int xdp_pass(struct xdp_md *ctx)
{
	return XDP_PASS;
}

SEC("xdp/drop")
int xdp_drop(struct xdp_md *ctx)
{
	return XDP_DROP;
}

char _license[] SEC("license") = "GPL";
