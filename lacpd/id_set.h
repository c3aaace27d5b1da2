/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: a set of 16-bit identifiers (Actor_Port numbers, aggregator
 * ids), where 0 is nobody's and the lowest free one is found a word at
 * a time.
 */
#ifndef LACPD_ID_SET_H
#define LACPD_ID_SET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct id_set {
	uint64_t bits[65536 / 64];
};

static inline bool id_set_has(const struct id_set *s, uint16_t id)
{
	return s->bits[id / 64] & (1ULL << (id % 64));
}

static inline void id_set_put(struct id_set *s, uint16_t id, bool in)
{
	uint64_t mask = 1ULL << (id % 64);

	if (in)
		s->bits[id / 64] |= mask;
	else
		s->bits[id / 64] &= ~mask;
}

/* The lowest id (1-65535) not in @s; 0 when all are. */
static inline uint16_t id_set_lowest_free(const struct id_set *s)
{
	size_t w;

	for (w = 0; w < sizeof(s->bits) / sizeof(s->bits[0]); w++) {
		/* 0 is nobody's: treat it as taken. */
		uint64_t used = s->bits[w] | (w ? 0 : 1);

		if (used != UINT64_MAX)
			return (uint16_t)(w * 64 +
					  (size_t)__builtin_ctzll(~used));
	}
	return 0;
}

#endif /* LACPD_ID_SET_H */
