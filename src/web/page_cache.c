/*
 * page_cache.c: a direct-mapped table of rendered pages (page_cache.h).
 */
#include "web/page_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "web/headers.h"

#include "base/banned.h"

struct entry {
	char *key;
	char *body;
	size_t len;
	const char *content_type;
	char etag[HTTP_ETAG_SIZE];
	time_t stored;
};

struct page_cache {
	pthread_mutex_t lock;
	struct entry *slots;
	size_t n;
	unsigned ttl;
};

struct page_cache *page_cache_new(size_t slots, unsigned ttl)
{
	struct page_cache *c = calloc(1, sizeof(*c));

	if (!c || !(c->slots = calloc(slots, sizeof(*c->slots)))) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	c->n = slots;
	c->ttl = ttl;
	return c;
}

void page_cache_free(struct page_cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		free(c->slots[i].key), free(c->slots[i].body);
	pthread_mutex_destroy(&c->lock);
	free(c->slots);
	free(c);
}

/* FNV-1a: keys are short paths; any spread will do. */
static struct entry *slot(struct page_cache *c, const char *key)
{
	uint64_t h = 14695981039346656037ULL;

	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return &c->slots[h % c->n];
}

bool page_cache_get(struct page_cache *c, const char *key, struct http_response *res,
		    struct arena *a)
{
	time_t now = time(NULL);
	bool hit;
	struct entry *e;

	pthread_mutex_lock(&c->lock);
	e = slot(c, key);
	hit = e->key && !strcmp(e->key, key) && now - e->stored < (time_t)c->ttl;
	if (hit) {
		buf_append(&res->body, e->body, e->len);
		res->content_type = e->content_type;
		res->etag = arena_strdup(a, e->etag);
		res->status = 200;
	}
	pthread_mutex_unlock(&c->lock);
	return hit && !res->body.failed;
}

void page_cache_put(struct page_cache *c, const char *key, const struct http_response *res)
{
	char *k, *body;
	struct entry *e;

	if (res->status != 200 || res->body.failed || !res->body.len)
		return;
	k = strdup(key);
	body = malloc(res->body.len);
	if (!k || !body) {
		free(k), free(body);
		return;
	}
	memcpy(body, res->body.data, res->body.len);
	pthread_mutex_lock(&c->lock);
	e = slot(c, key);
	free(e->key), free(e->body);
	e->key = k, e->body = body, e->len = res->body.len;
	e->content_type = res->content_type;
	http_etag(body, e->len, false, e->etag);
	e->stored = time(NULL);
	pthread_mutex_unlock(&c->lock);
}

void page_cache_clear(struct page_cache *c)
{
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->n; i++)
		c->slots[i].stored = 0;
	pthread_mutex_unlock(&c->lock);
}
