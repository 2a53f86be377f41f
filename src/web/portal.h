/*
 * portal.h: the public 政府信息公开 column of `gongkai serve` — its pages
 * and its JSON API, on the server core of http.h.
 *
 * Layout of the column (国办公开办函〔2019〕61号): for every agency four
 * fixed parts — 政府信息公开指南, 政府信息公开制度, 法定主动公开内容,
 * 政府信息公开年报 — under /org/{code}/…, the region's home at /, a
 * document at /documents/{id}, search at /search, and /api/v1/… mirroring
 * the pages in JSON. Pages are server-rendered from templates/ (escaped by
 * default), work without JavaScript, and carry the 47号 page metadata.
 *
 * The agency tree is read once at start-up (struct portal): the column's
 * navigation needs the region's root and its children on every page, and
 * agencies change rarely; a restart picks up new ones.
 */
#ifndef GK_WEB_PORTAL_H
#define GK_WEB_PORTAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"
#include "web/http.h"

struct tpl_set;

struct portal_agency {
	int64_t id, parent_id;
	char code[STORE_CODE_MAX + 1];
	char name[STORE_NAME_MAX + 1];
	size_t parent; /* index of the parent, or SIZE_MAX for a root */
};

struct page_cache;
struct counts_cache;

struct portal {
	const struct tpl_set *templates;
	struct portal_agency *agencies; /* in id order */
	size_t n_agencies;
	size_t root; /* the region's top agency (the first root) */
	char site_domain[64];
	struct page_cache *documents;	/* rendered document pages (page_cache.h) */
	struct page_cache *searches;	/* search results pages and API answers */
	struct counts_cache *regions;	/* catalogue counts of regions, see below */
};

/* Seconds a rendered page or a region's counts are reused (page_cache.h). */
#define PORTAL_CACHE_SECONDS 60

/*
 * The catalogue counts of agency a (store_catalogue_count). A region's
 * counts aggregate every document under it — a second over a province's
 * million — so they are kept for PORTAL_CACHE_SECONDS and shared by every
 * thread; an agency alone is counted afresh (a few ms).
 */
enum gk_err portal_catalogue_count(const struct portal *p, struct store *st,
				   const struct portal_agency *a, bool region,
				   struct store_catalogue_counts *out, struct gk_errmsg *m);

/* Read the agency tree from st; the portal keeps templates (not owned). */
enum gk_err portal_init(struct portal *p, struct store *st, const struct tpl_set *templates,
			const char *site_domain, struct gk_errmsg *m);
void portal_release(struct portal *p);

const struct portal_agency *portal_agency_by_code(const struct portal *p, const char *code);
const struct portal_agency *portal_agency_by_id(const struct portal *p, int64_t id);

/* The routes of the column and the API (a static table). */
const struct http_route *portal_routes(size_t *n);

/* The error page hook: JSON {"error":{"code","message"}} under /api/, else the portal's page. */
void portal_error_page(const struct http_request *req, struct http_response *res, unsigned status,
		       const char *message);

/*
 * A document was published, abolished or changed in the back office: the
 * cached document pages, searches and region counts are dropped, so the
 * catalogue and search show it at once (条例第二十六条 counts the day it is
 * published) instead of within PORTAL_CACHE_SECONDS.
 */
void portal_documents_changed(const struct portal *p);

#endif
