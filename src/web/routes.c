#include "web/routes.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/banned.h"

/* Liveness for a load balancer or a supervisor: no database, no template. */
static void healthz(struct http_request *req, struct http_response *res)
{
	static const char ok[] = "ok\n";

	(void)req;
	res->content_type = "text/plain; charset=utf-8";
	res->cache_control = "no-store";
	res->fixed = ok;
	res->fixed_len = sizeof(ok) - 1;
}

static const struct http_route routes[] = {
    {HTTP_GET, "/healthz", NULL, healthz, 0, false},
};

const struct http_route *routes_table(size_t *n)
{
	*n = sizeof(routes) / sizeof(routes[0]);
	return routes;
}

void routes_error_page(const struct http_request *req, struct http_response *res, unsigned status,
		       const char *message)
{
	json_t *o;
	char *text;

	if (strncmp(req->path, "/api/", 5) != 0) {
		res->content_type = "text/plain; charset=utf-8";
		buf_printf(&res->body, "%u %s\n\n%s\n", status, http_status_text(status), message);
		return;
	}
	o = json_pack("{s:{s:i,s:s}}", "error", "status", (json_int_t)status, "message", message);
	text = o ? json_dumps(o, JSON_COMPACT) : NULL;
	res->content_type = "application/json";
	if (text)
		buf_puts(&res->body, text);
	else
		buf_puts(&res->body, "{\"error\":{\"status\":500,\"message\":\"out of memory\"}}");
	buf_putc(&res->body, '\n');
	free(text);
	json_decref(o);
}
