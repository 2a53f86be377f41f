/*
 * page_guide.c: 政府信息公开指南 and 政府信息公开制度 of an agency.
 *
 * 条例第十二条 asks for a 指南 with the office that handles disclosure,
 * its address, hours and contacts; those come from the agency's settings
 * (store_agency_setting_*), the rest of the page is the law as the ledger
 * applies it (channels and received dates of 第三十一条, the time limits of
 * 第三十条 and 第三十三条, the fees of 国办函〔2020〕109号).
 */
#include <string.h>

#include "web/page.h"
#include "web/pages.h"

#include "base/banned.h"

/* Setting keys and how the 指南 labels them, in the order it prints them. */
static const struct {
	const char *key, *label;
} contact_keys[] = {
	{"office", "受理机构"},	     {"address", "办公地址"}, {"postcode", "邮政编码"},
	{"hours", "办公时间"},	     {"phone", "联系电话"},   {"fax", "传真"},
	{"email", "电子邮箱"},	     {"online", "网上申请"},
};

struct contact {
	const char *values[sizeof(contact_keys) / sizeof(contact_keys[0])];
	struct arena *arena;
};

static int add_setting(void *ctx, const char *key, const char *value)
{
	struct contact *c = ctx;

	for (size_t i = 0; i < sizeof(contact_keys) / sizeof(contact_keys[0]); i++)
		if (!strcmp(key, contact_keys[i].key))
			c->values[i] = arena_strdup(c->arena, value);
	return 0;
}

void page_guide(struct http_request *req, struct http_response *res)
{
	struct page pg;
	const struct portal_agency *a;
	struct contact c = {.arena = req->arena};
	struct gk_errmsg m;
	enum gk_err err;
	json_t *v, *rows;

	if (!page_begin(&pg, req, res) || !(a = page_agency(&pg)))
		return;
	if ((err = store_agency_setting_each(pg.st, a->id, add_setting, &c, &m)))
		return page_store_error(&pg, err, &m);
	rows = json_array();
	json_array_append_new(rows, json_pack("{s:s, s:s}", "label", "机关名称", "value", a->name));
	for (size_t i = 0; i < sizeof(contact_keys) / sizeof(contact_keys[0]); i++)
		if (c.values[i])
			json_array_append_new(rows, json_pack("{s:s, s:s}", "label",
							      contact_keys[i].label, "value",
							      c.values[i]));
	v = page_view(&pg, arena_printf(req->arena, "%s政府信息公开指南", a->name), a, "guide");
	page_crumb(v, "政府信息公开", arena_printf(req->arena, "/org/%s", a->code));
	page_crumb(v, "政府信息公开指南", NULL);
	json_object_set_new(v, "contact", rows);
	page_render(&pg, "guide", v);
}

void page_rules(struct http_request *req, struct http_response *res)
{
	struct page pg;
	const struct portal_agency *a;
	json_t *v;

	if (!page_begin(&pg, req, res) || !(a = page_agency(&pg)))
		return;
	v = page_view(&pg, arena_printf(req->arena, "%s政府信息公开制度", a->name), a, "rules");
	page_crumb(v, "政府信息公开", arena_printf(req->arena, "/org/%s", a->code));
	page_crumb(v, "政府信息公开制度", NULL);
	page_render(&pg, "rules", v);
}
