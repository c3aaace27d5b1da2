// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd's interface index map (lacpd/ifindex_map.c) against a plain array:
 * random puts and deletes over dense and sparse indexes, through several
 * resizes, with every key checked after every operation, and the walk
 * over the keys.
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "ifindex_map.h"
#include "suites.h"

#define MAX_KEY 3000

static void *ref[MAX_KEY + 1];

/* Every key against the array (one assertion: check's are not cheap). */
static void check_all(const struct ifindex_map *m)
{
	uint32_t k, wrong = 0, first = 0;
	size_t n = 0;

	for (k = 1; k <= MAX_KEY; k++) {
		if (ifindex_map_get(m, k) != ref[k] && !wrong++)
			first = k;
		n += ref[k] != NULL;
	}
	ck_assert_msg(!wrong, "%u keys wrong, the first %u", wrong, first);
	ck_assert_uint_eq(m->n, n);
}

/* The walk gives every key once, and nothing else. */
static void check_walk(const struct ifindex_map *m)
{
	static unsigned char seen[MAX_KEY + 1];
	size_t pos = 0, n = 0;
	uint32_t k;

	for (k = 0; k <= MAX_KEY; k++)
		seen[k] = 0;
	while ((k = ifindex_map_next(m, &pos))) {
		ck_assert_uint_le(k, MAX_KEY);
		ck_assert_msg(ref[k] && !seen[k]++, "key %u walked wrongly", k);
		n++;
	}
	ck_assert_uint_eq(n, m->n);
	/* At the end it stays there. */
	ck_assert_uint_eq(ifindex_map_next(m, &pos), 0);
}

/* A key in 1..MAX_KEY: dense near the bottom, or spread out. */
static uint32_t pick(unsigned int *seed)
{
	uint32_t r = (uint32_t)rand_r(seed);

	return r & 1 ? 1 + (r >> 1) % 300 : 1 + (r >> 1) % MAX_KEY;
}

START_TEST(against_array)
{
	struct ifindex_map m = IFINDEX_MAP_INIT;
	unsigned int seed = 12345;
	uint32_t k;
	int op;

	for (k = 0; k <= MAX_KEY; k++)
		ref[k] = NULL;
	for (op = 0; op < 6000; op++) {
		k = pick(&seed);
		if (rand_r(&seed) % 3) {
			ck_assert_int_eq(ifindex_map_put(&m, k, &ref[k]), 0);
			ref[k] = &ref[k];
		} else {
			ifindex_map_del(&m, k);
			ref[k] = NULL;
		}
		if (op % 50 == 0) {
			check_all(&m);
			check_walk(&m);
		}
	}
	check_all(&m);
	check_walk(&m);
	for (k = 1; k <= MAX_KEY; k++) {
		ifindex_map_del(&m, k);
		ref[k] = NULL;
	}
	check_all(&m);
	ck_assert_uint_eq(m.n, 0);
	check_walk(&m);
	ifindex_map_free(&m);
}
END_TEST

START_TEST(edges)
{
	struct ifindex_map m = IFINDEX_MAP_INIT;
	size_t pos = 0;
	int a, b;

	ck_assert_uint_eq(ifindex_map_next(&m, &pos), 0);
	ck_assert_ptr_null(ifindex_map_get(&m, 5));
	ifindex_map_del(&m, 5);
	ck_assert_int_eq(ifindex_map_put(&m, 0, &a), -EINVAL);
	ck_assert_int_eq(ifindex_map_put(&m, 5, &a), 0);
	ck_assert_int_eq(ifindex_map_put(&m, 5, &b), 0);
	ck_assert_ptr_eq(ifindex_map_get(&m, 5), &b);
	ck_assert_uint_eq(m.n, 1);
	ck_assert_ptr_null(ifindex_map_get(&m, 0));
	ifindex_map_del(&m, 6);
	ck_assert_uint_eq(m.n, 1);
	ifindex_map_free(&m);
	ck_assert_ptr_null(ifindex_map_get(&m, 5));
}
END_TEST

Suite *ifindex_map_suite(void)
{
	Suite *s = suite_create("ifindex_map");
	TCase *tc = tcase_create("ifindex_map");

	tcase_add_test(tc, against_array);
	tcase_add_test(tc, edges);
	suite_add_tcase(s, tc);
	return s;
}
