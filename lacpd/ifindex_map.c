// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: interface index -> object (ifindex_map.h).
 */
#include <errno.h>
#include <stdlib.h>

#include "ifindex_map.h"

/*
 * An odd multiplier permutes the low bits, so that dense indexes, as
 * interface indexes are, land in distinct slots.
 */
static size_t slot_of(const struct ifindex_map *m, uint32_t ifindex)
{
	return (size_t)((ifindex * 2654435769u) & (m->cap - 1));
}

void ifindex_map_free(struct ifindex_map *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->cap = 0;
	m->n = 0;
}

static size_t find_slot(const struct ifindex_map *m, uint32_t ifindex)
{
	size_t i = slot_of(m, ifindex);

	while (m->keys[i] && m->keys[i] != ifindex)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* Rehash into a table of @cap slots. */
static int resize(struct ifindex_map *m, size_t cap)
{
	struct ifindex_map bigger = { .cap = cap };
	size_t i, j;

	bigger.keys = calloc(cap, sizeof(*bigger.keys));
	bigger.vals = calloc(cap, sizeof(*bigger.vals));
	if (!bigger.keys || !bigger.vals) {
		ifindex_map_free(&bigger);
		return -ENOMEM;
	}
	for (i = 0; i < m->cap; i++) {
		if (!m->keys[i])
			continue;
		j = find_slot(&bigger, m->keys[i]);
		bigger.keys[j] = m->keys[i];
		bigger.vals[j] = m->vals[i];
		bigger.n++;
	}
	ifindex_map_free(m);
	*m = bigger;
	return 0;
}

int ifindex_map_put(struct ifindex_map *m, uint32_t ifindex, void *val)
{
	size_t i;

	if (!ifindex)
		return -EINVAL;
	/* At most half full, so that probes stay short. */
	if (2 * (m->n + 1) > m->cap &&
	    resize(m, m->cap ? 2 * m->cap : 16))
		return -ENOMEM;
	i = find_slot(m, ifindex);
	if (!m->keys[i]) {
		m->keys[i] = ifindex;
		m->n++;
	}
	m->vals[i] = val;
	return 0;
}

void *ifindex_map_get(const struct ifindex_map *m, uint32_t ifindex)
{
	size_t i;

	if (!m->cap || !ifindex)
		return NULL;
	i = find_slot(m, ifindex);
	return m->keys[i] ? m->vals[i] : NULL;
}

/*
 * Deleting from a linear-probing table: the entries after the hole that
 * probed past it move back into it, so that every lookup still finds its
 * key before the first free slot.
 */
void ifindex_map_del(struct ifindex_map *m, uint32_t ifindex)
{
	size_t hole, i, home, mask = m->cap - 1;

	if (!m->cap || !ifindex)
		return;
	hole = find_slot(m, ifindex);
	if (!m->keys[hole])
		return;
	m->keys[hole] = 0;
	m->vals[hole] = NULL;
	m->n--;
	for (i = (hole + 1) & mask; m->keys[i]; i = (i + 1) & mask) {
		home = slot_of(m, m->keys[i]);
		/* Stays if its home lies cyclically in (hole, i]. */
		if (((i - home) & mask) < ((i - hole) & mask))
			continue;
		m->keys[hole] = m->keys[i];
		m->vals[hole] = m->vals[i];
		m->keys[i] = 0;
		m->vals[i] = NULL;
		hole = i;
	}
}

uint32_t ifindex_map_next(const struct ifindex_map *m, size_t *pos)
{
	while (*pos < m->cap) {
		uint32_t key = m->keys[(*pos)++];

		if (key)
			return key;
	}
	return 0;
}
