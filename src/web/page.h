/*
 * page.h: what every page and API handler of the portal does around its
 * own work: reach the database and the portal, build the view model every
 * page shares (site, navigation of the column, 适老化 mode, breadcrumbs),
 * render a template into the response, build links with escaped query
 * strings, and paginate.
 *
 * View models are jansson objects: the templates read them, and the API
 * handlers print the same data as JSON.
 */
#ifndef GK_WEB_PAGE_H
#define GK_WEB_PAGE_H

#include <stdbool.h>

#include <jansson.h>

#include "store/store.h"
#include "web/http.h"
#include "web/portal.h"

/* Rows per page of the catalogue and of search results. */
#define PAGE_SIZE 20

struct page {
	struct http_request *req;
	struct http_response *res;
	struct store *st;
	const struct portal *portal;
};

/*
 * Reach the thread's store and the portal. On failure the response is a
 * 503 page and false is returned: the handler returns at once.
 */
bool page_begin(struct page *pg, struct http_request *req, struct http_response *res);

/*
 * A new view with what every page shares: site, title, the column's
 * navigation for agency `a` (the region's root when NULL) with `at`
 * ("guide", "rules", "catalogue", "reports" or NULL) marked current, the
 * column metadata of 47号 (name and type), the 适老化 flag from the
 * cookie, the path (for the mode switch's way back).
 */
json_t *page_view(const struct page *pg, const char *title, const struct portal_agency *a,
		  const char *at);

/* Append a breadcrumb (url NULL for the current page). */
void page_crumb(json_t *view, const char *label, const char *url);

/* The 适老化 mode is on for this request (its cookie). */
bool page_care(const struct page *pg);

/* Render template `name` with view (stolen) into the response as HTML. */
void page_render(struct page *pg, const char *name, json_t *view);

/* Send view (stolen) as the JSON response body. */
void page_json(struct page *pg, json_t *view);

/* 500 for a store failure, 404 for GK_ENOTFOUND, 400 for GK_EINVAL; the message is logged, not shown. */
void page_store_error(struct page *pg, enum gk_err err, const struct gk_errmsg *m);

/*
 * A link "path?k1=v1&k2=v2" with the values percent-encoded, skipping
 * NULL, empty and zero-valued integer parameters; from the request arena.
 * The varargs are (name, value) pairs of strings ending with NULL.
 */
const char *page_link(const struct page *pg, const char *path, ...) __attribute__((sentinel));

/* {"page","pages","prev","next"} for total rows, or NULL when one page
 * holds everything. `link_fmt` receives the page number to link to. */
json_t *page_pager(const struct page *pg, int64_t total, int page,
		   const char *(*link)(const struct page *pg, void *ctx, int page), void *ctx);

/* "YYYY-MM-DD", or "" for 0; from the request arena. */
const char *page_date(const struct page *pg, gk_date d);

/* The label of an item of 条例第二十条 (1–15), "" otherwise. */
const char *page_category_label(int category);

/* The parameter `page` (1 when absent) clamped so that offset stays sane. */
int page_number(const struct page *pg);

/*
 * The agency named by the route's {code} (the region's root when the route
 * has none); NULL after answering 404 for an unknown code.
 */
const struct portal_agency *page_agency(struct page *pg);

/* True when agencies sit under a: its column then shows its region. */
bool page_is_region(const struct page *pg, const struct portal_agency *a);

/* A catalogue entry or search hit as the pages show it: id, url, title,
 * index_no, doc_number, agency_name, agency_code, category label, created,
 * published, and snippet_html (escaped, matches in <mark>) for a search. */
json_t *page_hit(const struct page *pg, const struct store_doc_hit *h);

/* The snippet as plain text: the store's marks removed (for the API). */
const char *page_plain_snippet(const struct page *pg, const char *snippet);

#endif
