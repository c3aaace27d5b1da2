/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: a map from interface index to an object, so that finding a port
 * costs the same with 4 ports as with 4000. Open addressing with linear
 * probing; index 0 (no interface has it) marks a free slot.
 */
#ifndef LACPD_IFINDEX_MAP_H
#define LACPD_IFINDEX_MAP_H

#include <stddef.h>
#include <stdint.h>

struct ifindex_map {
	uint32_t *keys;
	void **vals;
	size_t cap;			/* a power of two, or 0 */
	size_t n;
};

#define IFINDEX_MAP_INIT { NULL, NULL, 0, 0 }

void ifindex_map_free(struct ifindex_map *m);

/* Map @ifindex (not 0) to @val, replacing what it had. -ENOMEM, -EINVAL. */
int ifindex_map_put(struct ifindex_map *m, uint32_t ifindex, void *val);
void *ifindex_map_get(const struct ifindex_map *m, uint32_t ifindex);
void ifindex_map_del(struct ifindex_map *m, uint32_t ifindex);

/*
 * Walk the keys of @m: *@pos starts at 0; returns the next key, 0 at the
 * end. The map must not change during the walk.
 */
uint32_t ifindex_map_next(const struct ifindex_map *m, size_t *pos);

#endif /* LACPD_IFINDEX_MAP_H */
