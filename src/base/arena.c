#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t size; /* bytes of data[] */
	max_align_t data[];
};

#define ALIGN (_Alignof(max_align_t))

void arena_init(struct arena *a, size_t max)
{
	*a = (struct arena){.max = max};
}

void arena_release(struct arena *a)
{
	struct arena_chunk *c = a->chunks, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	arena_init(a, a->max);
}

static void *refuse(struct arena *a)
{
	a->failed = true;
	return NULL;
}

void *arena_alloc(struct arena *a, size_t size)
{
	struct arena_chunk *c = a->chunks;
	size_t rounded, chunk;
	void *p;

	if (a->failed || size > SIZE_MAX - ALIGN)
		return refuse(a);
	rounded = (size + ALIGN - 1) / ALIGN * ALIGN;
	if (c && c->size - a->used >= rounded) {
		p = (char *)c->data + a->used;
		a->used += rounded;
		return p;
	}
	chunk = rounded > ARENA_CHUNK ? rounded : ARENA_CHUNK;
	if (chunk > a->max - a->total)
		return refuse(a);
	c = malloc(sizeof(*c) + chunk);
	if (!c)
		return refuse(a);
	a->total += chunk;
	/*
	 * An oversized block goes behind the current chunk so that the space
	 * left in the current one is still used by the next small request.
	 */
	if (rounded > ARENA_CHUNK && a->chunks) {
		c->next = a->chunks->next;
		a->chunks->next = c;
	} else {
		c->next = a->chunks;
		a->chunks = c;
		a->used = rounded;
	}
	c->size = chunk;
	return c->data;
}

void *arena_zalloc(struct arena *a, size_t size)
{
	void *p = arena_alloc(a, size);

	if (p)
		memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return refuse(a);
	p = arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return refuse(a);
	p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
