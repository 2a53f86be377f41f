/*
 * ids.h: a sorted array of row ids — the agencies of a region, as
 * auth_scope_load and the store's counts give them — and where one is.
 */
#ifndef GK_BASE_IDS_H
#define GK_BASE_IDS_H

#include <stddef.h>
#include <stdint.h>

/* The index of id in ids[0..n) (sorted ascending), or SIZE_MAX when it is
 * not there. Binary search: O(log n). */
size_t ids_find(const int64_t *ids, size_t n, int64_t id);

#endif
