/*
 * arena.h: a bump allocator for memory that dies all at once.
 *
 * Everything a web request allocates (decoded parameters, header copies,
 * strings a handler builds) comes from the request's arena and is freed by
 * one arena_release() when the request ends, so handlers never free and
 * never leak (the idea of nginx's and h2o's per-request pools).
 *
 * Memory is taken from the system in chunks of ARENA_CHUNK bytes (larger
 * requests get a chunk of their own) and kept in a list. The arena has a
 * ceiling on the total it will take: past it, and on a failed malloc,
 * allocations return NULL and stay failed (a sticky error, like struct buf),
 * so a chain of allocations may be checked once at the end with
 * arena_failed(). Pointers are aligned for any type (max_align_t).
 */
#ifndef GK_ARENA_H
#define GK_ARENA_H

#include <stdbool.h>
#include <stddef.h>

#include "base/str.h"

#define ARENA_CHUNK 4096u

struct arena_chunk;

struct arena {
	struct arena_chunk *chunks; /* newest first; the newest is the one bumped */
	size_t used;		    /* bytes handed out from the newest chunk */
	size_t total;		    /* bytes taken from the system */
	size_t max;		    /* ceiling on total */
	bool failed;		    /* sticky: an allocation was refused */
};

/* An empty arena that may take up to max bytes from the system. */
void arena_init(struct arena *a, size_t max);
/* Free every chunk; the arena is empty again (same ceiling, error cleared). */
void arena_release(struct arena *a);

/* size bytes, uninitialised; NULL when refused. size 0 gives a valid pointer. */
void *arena_alloc(struct arena *a, size_t size);
/* size bytes set to zero; NULL when refused. */
void *arena_zalloc(struct arena *a, size_t size);
/* A NUL-terminated copy of s (NULL when s is NULL or refused). */
char *arena_strdup(struct arena *a, const char *s);
/* A NUL-terminated copy of the len bytes at s; NULL when refused. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
/* The formatted string; NULL when refused. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static inline bool arena_failed(const struct arena *a)
{
	return a->failed;
}

#endif
