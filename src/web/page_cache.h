/*
 * page_cache.h: rendered pages kept in memory for a short while.
 *
 * A published document's page is the same bytes for everyone (in each of
 * the two display modes) until the document changes, and rendering it
 * (database, view model, template, ETag) costs several times what sending
 * it does. The cache keeps the last rendering per key for `ttl` seconds:
 * a change made in the back office shows on the portal within that time.
 * Direct-mapped (a colliding key replaces the older entry), one lock;
 * lookups copy the body into the response under the lock.
 */
#ifndef GK_WEB_PAGE_CACHE_H
#define GK_WEB_PAGE_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "web/http.h"

struct page_cache;

/* slots: entries kept at most; ttl: seconds an entry stays valid. NULL on OOM. */
struct page_cache *page_cache_new(size_t slots, unsigned ttl);
void page_cache_free(struct page_cache *c);

/*
 * When key holds a fresh entry, fill res with it (status 200, body, content
 * type, ETag) and return true. content types are static strings.
 */
bool page_cache_get(struct page_cache *c, const char *key, struct http_response *res,
		    struct arena *a);

/* Keep a 200 response's body, content type and ETag under key (the body as
 * built; the ETag computed here as the core would). */
void page_cache_put(struct page_cache *c, const char *key, const struct http_response *res);

/* Forget every entry (the back office changed what the pages show). */
void page_cache_clear(struct page_cache *c);

#endif
