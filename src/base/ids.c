/*
 * ids.c: finding an id in a sorted array (ids.h).
 */
#include "base/ids.h"

#include "base/banned.h"

size_t ids_find(const int64_t *ids, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ids[mid] == id)
			return mid;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}
