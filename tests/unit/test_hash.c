// SPDX-License-Identifier: GPL-2.0
/*
 * xmit_hash_policy vectors. Every expected number below was worked out by
 * hand from the definitions at the top of driver/hash.c; the arithmetic is
 * written out for most of them so that a failing vector can be re-checked
 * without running code.
 *
 * The reference flow, used unless a test says otherwise:
 *
 *   dst_mac   00:11:22:33:44:55        src_mac 00:aa:bb:cc:dd:ee
 *   ethertype 0x0800 (IPv4)
 *   src_ip    192.168.1.10 = 0xc0a8010a
 *   dst_ip    10.0.0.1     = 0x0a000001
 *   TCP       src_port 40000 = 0x9c40, dst_port 80 = 0x0050
 *
 * Values shared by several tests:
 *
 *   l2     = 0x55 ^ 0xee ^ 0x0800 = 0xbb ^ 0x0800      = 0x000008bb
 *   ips    = 0xc0a8010a ^ 0x0a000001                   = 0xcaa8010b
 */
#include <check.h>
#include <string.h>

#include "hash.h"
#include "suites.h"

#define L2_REF		0x000008bbU
#define L23_REF		0xca626bdbU
#define L34_REF		0x56bebfe4U

static const u8 mac_a[6] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const u8 mac_b[6] = { 0x00, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };

/* The reference IPv4 TCP flow, untagged. */
static struct nbond_flow ref_flow(void)
{
	struct nbond_flow f;

	memset(&f, 0, sizeof(f));
	memcpy(f.dst_mac, mac_a, 6);
	memcpy(f.src_mac, mac_b, 6);
	f.ethertype = 0x0800;
	f.has_l3 = true;
	f.has_l4 = true;
	f.src_ip = 0xc0a8010a;
	f.dst_ip = 0x0a000001;
	f.src_port = 40000;
	f.dst_port = 80;
	return f;
}

/* The reference MACs carrying an ARP frame: no L3/L4 for the hash. */
static struct nbond_flow arp_flow(void)
{
	struct nbond_flow f;

	memset(&f, 0, sizeof(f));
	memcpy(f.dst_mac, mac_a, 6);
	memcpy(f.src_mac, mac_b, 6);
	f.ethertype = 0x0806;
	return f;
}

static const enum nbond_xmit_policy all_policies[] = {
	NBOND_XMIT_LAYER2, NBOND_XMIT_LAYER34, NBOND_XMIT_LAYER23,
	NBOND_XMIT_ENCAP23, NBOND_XMIT_ENCAP34, NBOND_XMIT_VLAN_SRCMAC,
};

#define N_POLICIES (sizeof(all_policies) / sizeof(all_policies[0]))

/* ---------------------------------------------------------------- layer2 */

START_TEST(layer2_tcp)
{
	struct nbond_flow f = ref_flow();

	/* 0x55 ^ 0xee = 0xbb; 0xbb ^ 0x0800 = 0x08bb */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER2), L2_REF);
}
END_TEST

START_TEST(layer2_ignores_l3_l4_and_vlan)
{
	struct nbond_flow f = ref_flow();

	f.src_ip = 0x01020304;
	f.dst_ip = 0x05060708;
	f.src_port = 1;
	f.dst_port = 2;
	f.has_vlan = true;
	f.vlan_id = 100;
	/* only dst_mac[5], src_mac[5] and the ethertype count */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER2), L2_REF);
	/* other MAC bytes do not count either */
	f.dst_mac[0] = 0xff;
	f.src_mac[4] = 0x77;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER2), L2_REF);
}
END_TEST

START_TEST(layer2_arp)
{
	struct nbond_flow f = arp_flow();

	/* 0x55 ^ 0xee ^ 0x0806 = 0x08bd */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER2), 0x08bdU);
}
END_TEST

START_TEST(layer2_other_macs)
{
	struct nbond_flow f = arp_flow();

	/* 0x02 ^ 0xff ^ 0x88cc (LLDP) = 0xfd ^ 0x88cc = 0x8831 */
	f.dst_mac[5] = 0x02;
	f.src_mac[5] = 0xff;
	f.ethertype = 0x88cc;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER2), 0x8831U);
	/* equal last bytes cancel: 0x42 ^ 0x42 ^ 0x86dd = 0x86dd */
	f.dst_mac[5] = 0x42;
	f.src_mac[5] = 0x42;
	f.ethertype = 0x86dd;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER2), 0x86ddU);
}
END_TEST

/* -------------------------------------------------------------- layer2+3 */

/*
 * l2 ^ ips   = 0x000008bb ^ 0xcaa8010b = 0xcaa809b0
 * h ^= h>>16:  0xcaa809b0 ^ 0x0000caa8 = 0xcaa8c318
 * h ^= h>>8:   0xcaa8c318 ^ 0x00caa8c3 = 0xca626bdb
 */
START_TEST(layer23_tcp)
{
	struct nbond_flow f = ref_flow();

	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER23), L23_REF);
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_ENCAP23), L23_REF);
}
END_TEST

START_TEST(layer23_ignores_ports)
{
	struct nbond_flow f = ref_flow();

	f.src_port = 80;
	f.dst_port = 40000;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER23), L23_REF);
	f.has_l4 = false;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER23), L23_REF);
}
END_TEST

START_TEST(layer23_reverse_direction)
{
	struct nbond_flow f = ref_flow();

	/*
	 * The reply swaps MACs and IPs; XOR is symmetric, so it hashes the
	 * same: 0xca626bdb.
	 */
	memcpy(f.dst_mac, mac_b, 6);
	memcpy(f.src_mac, mac_a, 6);
	f.src_ip = 0x0a000001;
	f.dst_ip = 0xc0a8010a;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER23), L23_REF);
}
END_TEST

START_TEST(layer23_no_l3_falls_back)
{
	struct nbond_flow f = arp_flow();

	/* ARP: l2 = 0x08bd, no folding */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER23), 0x08bdU);
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_ENCAP23), 0x08bdU);
	/* stale addresses are ignored when has_l3 is false */
	f.src_ip = 0xdeadbeef;
	f.dst_ip = 0x12345678;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER23), 0x08bdU);
}
END_TEST

START_TEST(layer23_fold_small)
{
	struct nbond_flow f = arp_flow();

	/*
	 * 10.0.0.1 -> 10.0.0.2, equal MAC last bytes, ethertype 0x0800:
	 * l2 = 0x0800; ips = 0x0a000001 ^ 0x0a000002 = 0x00000003
	 * h = 0x00000803; h ^= h>>16 (0) -> 0x00000803
	 * h ^= h>>8 (0x08) -> 0x0000080b
	 */
	f.dst_mac[5] = 0x10;
	f.src_mac[5] = 0x10;
	f.ethertype = 0x0800;
	f.has_l3 = true;
	f.src_ip = 0x0a000001;
	f.dst_ip = 0x0a000002;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER23), 0x080bU);
}
END_TEST

/* -------------------------------------------------------------- layer3+4 */

/*
 * ports      = 0x9c40 << 16 | 0x0050    = 0x9c400050
 * ips^ports  = 0xcaa8010b ^ 0x9c400050 = 0x56e8015b
 * h ^= h>>16:  0x56e8015b ^ 0x000056e8 = 0x56e857b3
 * h ^= h>>8:   0x56e857b3 ^ 0x0056e857 = 0x56bebfe4
 */
START_TEST(layer34_tcp)
{
	struct nbond_flow f = ref_flow();

	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34), L34_REF);
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_ENCAP34), L34_REF);
}
END_TEST

START_TEST(layer34_ports_swapped)
{
	struct nbond_flow f = ref_flow();

	/*
	 * ports      = 0x0050 << 16 | 0x9c40    = 0x00509c40
	 * ips^ports  = 0xcaa8010b ^ 0x00509c40 = 0xcaf89d4b
	 * h ^= h>>16:  0xcaf89d4b ^ 0x0000caf8 = 0xcaf857b3
	 * h ^= h>>8:   0xcaf857b3 ^ 0x00caf857 = 0xca32afe4
	 */
	f.src_port = 80;
	f.dst_port = 40000;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34), 0xca32afe4U);
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_ENCAP34), 0xca32afe4U);
}
END_TEST

START_TEST(layer34_ignores_macs)
{
	struct nbond_flow f = ref_flow();

	f.dst_mac[5] = 0x01;
	f.src_mac[5] = 0x02;
	f.ethertype = 0x86dd;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34), L34_REF);
}
END_TEST

START_TEST(layer34_fragment)
{
	struct nbond_flow f = ref_flow();

	/*
	 * Non-first fragment: has_l4 false, the port fields are not read.
	 * h = ips = 0xcaa8010b
	 * h ^= h>>16:  0xcaa8010b ^ 0x0000caa8 = 0xcaa8cba3
	 * h ^= h>>8:   0xcaa8cba3 ^ 0x00caa8cb = 0xca626368
	 */
	f.has_l4 = false;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34), 0xca626368U);
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_ENCAP34), 0xca626368U);
	f.src_port = 0;
	f.dst_port = 0;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34), 0xca626368U);
}
END_TEST

START_TEST(layer34_no_l3_falls_back)
{
	struct nbond_flow f = arp_flow();

	/* ARP: l2 = 0x55 ^ 0xee ^ 0x0806 = 0x08bd */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34), 0x08bdU);
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_ENCAP34), 0x08bdU);
	/* has_l4 without has_l3 still falls back */
	f.has_l4 = true;
	f.src_port = 1234;
	f.dst_port = 5678;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34), 0x08bdU);
}
END_TEST

START_TEST(layer34_udp_dns)
{
	struct nbond_flow f = arp_flow();

	/*
	 * 10.1.1.1:53 -> 10.1.1.2:1025
	 * ips        = 0x0a010101 ^ 0x0a010102 = 0x00000003
	 * ports      = 0x0035 << 16 | 0x0401    = 0x00350401
	 * h          = 0x00350402
	 * h ^= h>>16:  0x00350402 ^ 0x00000035 = 0x00350437
	 * h ^= h>>8:   0x00350437 ^ 0x00003504 = 0x00353133
	 */
	f.ethertype = 0x0800;
	f.has_l3 = true;
	f.has_l4 = true;
	f.src_ip = 0x0a010101;
	f.dst_ip = 0x0a010102;
	f.src_port = 53;
	f.dst_port = 1025;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34), 0x00353133U);
}
END_TEST

/* ------------------------------------------------------------------ IPv6 */

START_TEST(ip6_fold)
{
	static const u32 a[4] = { 0x20010db8, 0, 0, 1 };	/* 2001:db8::1 */
	static const u32 b[4] = { 0x20010db8, 0, 0, 2 };	/* 2001:db8::2 */
	static const u32 c[4] = {				/* fe80::... */
		0xfe800000, 0x00000000, 0x02112233, 0x44556677
	};
	static const u32 z[4] = { 0, 0, 0, 0 };

	ck_assert_uint_eq(nbond_fold_ip6(a), 0x20010db9U);
	ck_assert_uint_eq(nbond_fold_ip6(b), 0x20010dbaU);
	/*
	 * 0xfe800000 ^ 0x02112233 ^ 0x44556677, byte by byte:
	 * fe^02^44 = b8, 80^11^55 = c4, 00^22^66 = 44, 00^33^77 = 44
	 */
	ck_assert_uint_eq(nbond_fold_ip6(c), 0xb8c44444U);
	ck_assert_uint_eq(nbond_fold_ip6(z), 0U);
}
END_TEST

static struct nbond_flow ip6_flow(void)
{
	static const u32 a[4] = { 0x20010db8, 0, 0, 1 };
	static const u32 b[4] = { 0x20010db8, 0, 0, 2 };
	struct nbond_flow f = ref_flow();

	f.ethertype = 0x86dd;
	f.src_ip = nbond_fold_ip6(a);
	f.dst_ip = nbond_fold_ip6(b);
	f.src_port = 50000;
	f.dst_port = 443;
	return f;
}

START_TEST(ip6_layer2)
{
	struct nbond_flow f = ip6_flow();

	/* 0x55 ^ 0xee ^ 0x86dd = 0xbb ^ 0x86dd = 0x8666 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER2), 0x8666U);
}
END_TEST

START_TEST(ip6_layer23)
{
	struct nbond_flow f = ip6_flow();

	/*
	 * ips        = 0x20010db9 ^ 0x20010dba = 0x00000003
	 * h = l2^ips = 0x00008666 ^ 0x00000003 = 0x00008665
	 * h ^= h>>16:  unchanged (high half is 0)
	 * h ^= h>>8:   0x00008665 ^ 0x00000086 = 0x000086e3
	 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER23), 0x86e3U);
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_ENCAP23), 0x86e3U);
}
END_TEST

START_TEST(ip6_layer34)
{
	struct nbond_flow f = ip6_flow();

	/*
	 * ports      = 50000 << 16 | 443 = 0xc350 << 16 | 0x01bb = 0xc35001bb
	 * h          = 0x00000003 ^ 0xc35001bb = 0xc35001b8
	 * h ^= h>>16:  0xc35001b8 ^ 0x0000c350 = 0xc350c2e8
	 * h ^= h>>8:   0xc350c2e8 ^ 0x00c350c2 = 0xc393922a
	 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34), 0xc393922aU);
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_ENCAP34), 0xc393922aU);
}
END_TEST

/* ----------------------------------------------------------- vlan+srcmac */

START_TEST(vlan_srcmac_tagged)
{
	struct nbond_flow f = ref_flow();

	/*
	 * src_mac 00:aa:bb:cc:dd:ee
	 * high half 0x00aabb ^ low half 0xccddee = 0xcc7755
	 * ^ vlan 100 (0x064)                     = 0xcc7731
	 */
	f.has_vlan = true;
	f.vlan_id = 100;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC), 0xcc7731U);
}
END_TEST

START_TEST(vlan_srcmac_untagged)
{
	struct nbond_flow f = ref_flow();

	/* 0x00aabb ^ 0xccddee = 0xcc7755 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC), 0xcc7755U);
	/* a vlan_id left over without has_vlan is ignored */
	f.vlan_id = 100;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC), 0xcc7755U);
}
END_TEST

START_TEST(vlan_srcmac_other_mac)
{
	struct nbond_flow f = arp_flow();

	/*
	 * src_mac 52:54:00:12:34:56, vlan 4094 (0xffe)
	 * 0x525400 ^ 0x123456 = 0x406056
	 * 0x406056 ^ 0x000ffe = 0x406fa8
	 */
	f.src_mac[0] = 0x52;
	f.src_mac[1] = 0x54;
	f.src_mac[2] = 0x00;
	f.src_mac[3] = 0x12;
	f.src_mac[4] = 0x34;
	f.src_mac[5] = 0x56;
	f.has_vlan = true;
	f.vlan_id = 4094;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC), 0x406fa8U);
	f.has_vlan = false;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC), 0x406056U);
}
END_TEST

START_TEST(vlan_srcmac_ignores_rest)
{
	struct nbond_flow f = ref_flow();

	/* dst MAC, ethertype, addresses and ports do not count */
	f.has_vlan = true;
	f.vlan_id = 100;
	f.dst_mac[5] = 0x99;
	f.ethertype = 0x0806;
	f.has_l3 = false;
	f.has_l4 = false;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC), 0xcc7731U);
	f.has_l3 = true;
	f.src_ip = 0x11111111;
	f.src_port = 7;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC), 0xcc7731U);
}
END_TEST

/* ----------------------------------------------------------- other cases */

START_TEST(unknown_policy_is_layer2)
{
	struct nbond_flow f = ref_flow();

	ck_assert_uint_eq(nbond_hash(&f, (enum nbond_xmit_policy)6), L2_REF);
	ck_assert_uint_eq(nbond_hash(&f, (enum nbond_xmit_policy)99), L2_REF);
}
END_TEST

START_TEST(policy_numbers)
{
	/* the kernel's BOND_XMIT_POLICY_* numbering */
	ck_assert_int_eq(NBOND_XMIT_LAYER2, 0);
	ck_assert_int_eq(NBOND_XMIT_LAYER34, 1);
	ck_assert_int_eq(NBOND_XMIT_LAYER23, 2);
	ck_assert_int_eq(NBOND_XMIT_ENCAP23, 3);
	ck_assert_int_eq(NBOND_XMIT_ENCAP34, 4);
	ck_assert_int_eq(NBOND_XMIT_VLAN_SRCMAC, 5);
}
END_TEST

START_TEST(l34_splits_by_source_port_l23_does_not)
{
	struct nbond_flow a = ref_flow();
	struct nbond_flow b = ref_flow();

	/*
	 * b differs from a only in its source port (40001 = 0x9c41):
	 * ips^ports  = 0xcaa8010b ^ 0x9c410050 = 0x56e9015b
	 * h ^= h>>16:  0x56e9015b ^ 0x000056e9 = 0x56e957b2
	 * h ^= h>>8:   0x56e957b2 ^ 0x0056e957 = 0x56bfbee5
	 * so layer3+4 sends a on port 0x...e4 % 2 = 0, b on 0x...e5 % 2 = 1,
	 * while layer2+3 gives both 0xca626bdb.
	 */
	b.src_port = 40001;
	ck_assert_uint_eq(nbond_hash(&b, NBOND_XMIT_LAYER34), 0x56bfbee5U);
	ck_assert_uint_ne(nbond_hash(&a, NBOND_XMIT_LAYER34),
			  nbond_hash(&b, NBOND_XMIT_LAYER34));
	ck_assert_uint_ne(nbond_hash(&a, NBOND_XMIT_LAYER34) % 2,
			  nbond_hash(&b, NBOND_XMIT_LAYER34) % 2);
	ck_assert_uint_ne(nbond_hash(&a, NBOND_XMIT_ENCAP34),
			  nbond_hash(&b, NBOND_XMIT_ENCAP34));
	ck_assert_uint_eq(nbond_hash(&a, NBOND_XMIT_LAYER23),
			  nbond_hash(&b, NBOND_XMIT_LAYER23));
	ck_assert_uint_eq(nbond_hash(&b, NBOND_XMIT_LAYER23), L23_REF);
	ck_assert_uint_eq(nbond_hash(&a, NBOND_XMIT_ENCAP23),
			  nbond_hash(&b, NBOND_XMIT_ENCAP23));
	ck_assert_uint_eq(nbond_hash(&a, NBOND_XMIT_LAYER2),
			  nbond_hash(&b, NBOND_XMIT_LAYER2));
}
END_TEST

START_TEST(port_choice_mod_2)
{
	struct nbond_flow f = ref_flow();
	struct nbond_flow arp = arp_flow();
	struct nbond_flow frag = ref_flow();

	frag.has_l4 = false;
	/* 0x08bb is odd: port 1 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER2) % 2, 1);
	/* 0xca626bdb is odd: port 1 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER23) % 2, 1);
	/* 0x56bebfe4 is even: port 0 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER34) % 2, 0);
	/* 0xca626368 is even: port 0 */
	ck_assert_uint_eq(nbond_hash(&frag, NBOND_XMIT_LAYER34) % 2, 0);
	/* 0x08bd is odd: port 1 */
	ck_assert_uint_eq(nbond_hash(&arp, NBOND_XMIT_LAYER34) % 2, 1);
	/* 0xcc7755 is odd: port 1 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC) % 2, 1);
}
END_TEST

START_TEST(port_choice_mod_3)
{
	struct nbond_flow f = ref_flow();

	/* 0x08bb = 2235 = 3 * 745: port 0 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_LAYER2) % 3, 0);
	/*
	 * 0xcc7755 = 13399893; digit sum 1+3+3+9+9+8+9+3 = 45, divisible by
	 * 3: port 0. With vlan 100, 0xcc7731 = 13399857 = 13399893 - 36:
	 * also port 0.
	 */
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC) % 3, 0);
	f.has_vlan = true;
	f.vlan_id = 100;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC) % 3, 0);
	/* vlan 101: 0xcc7755 ^ 0x65 = 0xcc7730 = 13399856: port 2 */
	f.vlan_id = 101;
	ck_assert_uint_eq(nbond_hash(&f, NBOND_XMIT_VLAN_SRCMAC) % 3, 2);
}
END_TEST

START_TEST(deterministic_and_const)
{
	struct nbond_flow f = ref_flow();
	struct nbond_flow copy = f;
	size_t i;

	for (i = 0; i < N_POLICIES; i++) {
		u32 h = nbond_hash(&f, all_policies[i]);

		ck_assert_uint_eq(nbond_hash(&f, all_policies[i]), h);
	}
	ck_assert_mem_eq(&f, &copy, sizeof(f));
}
END_TEST

Suite *hash_suite(void)
{
	Suite *s = suite_create("hash");
	TCase *tc;

	tc = tcase_create("layer2");
	tcase_add_test(tc, layer2_tcp);
	tcase_add_test(tc, layer2_ignores_l3_l4_and_vlan);
	tcase_add_test(tc, layer2_arp);
	tcase_add_test(tc, layer2_other_macs);
	suite_add_tcase(s, tc);

	tc = tcase_create("layer23");
	tcase_add_test(tc, layer23_tcp);
	tcase_add_test(tc, layer23_ignores_ports);
	tcase_add_test(tc, layer23_reverse_direction);
	tcase_add_test(tc, layer23_no_l3_falls_back);
	tcase_add_test(tc, layer23_fold_small);
	suite_add_tcase(s, tc);

	tc = tcase_create("layer34");
	tcase_add_test(tc, layer34_tcp);
	tcase_add_test(tc, layer34_ports_swapped);
	tcase_add_test(tc, layer34_ignores_macs);
	tcase_add_test(tc, layer34_fragment);
	tcase_add_test(tc, layer34_no_l3_falls_back);
	tcase_add_test(tc, layer34_udp_dns);
	suite_add_tcase(s, tc);

	tc = tcase_create("ip6");
	tcase_add_test(tc, ip6_fold);
	tcase_add_test(tc, ip6_layer2);
	tcase_add_test(tc, ip6_layer23);
	tcase_add_test(tc, ip6_layer34);
	suite_add_tcase(s, tc);

	tc = tcase_create("vlan_srcmac");
	tcase_add_test(tc, vlan_srcmac_tagged);
	tcase_add_test(tc, vlan_srcmac_untagged);
	tcase_add_test(tc, vlan_srcmac_other_mac);
	tcase_add_test(tc, vlan_srcmac_ignores_rest);
	suite_add_tcase(s, tc);

	tc = tcase_create("properties");
	tcase_add_test(tc, unknown_policy_is_layer2);
	tcase_add_test(tc, policy_numbers);
	tcase_add_test(tc, l34_splits_by_source_port_l23_does_not);
	tcase_add_test(tc, port_choice_mod_2);
	tcase_add_test(tc, port_choice_mod_3);
	tcase_add_test(tc, deterministic_and_const);
	suite_add_tcase(s, tc);

	return s;
}
