/*
 * routes.h: the pages of `gongkai serve` — one table, which every new page
 * extends by one line in routes.c — and the error page they share.
 */
#ifndef GK_WEB_ROUTES_H
#define GK_WEB_ROUTES_H

#include <stddef.h>

#include "web/http.h"

/* The route table; *n gets its length. Handlers find a struct web_app in req->app. */
const struct http_route *routes_table(size_t *n);

/*
 * The error page of every status the core or a handler decides: JSON
 * ({"error": {"status": 404, "message": "..."}}) for paths under /api/,
 * plain text otherwise until the HTML error template is wired in.
 */
void routes_error_page(const struct http_request *req, struct http_response *res, unsigned status,
		       const char *message);

#endif
