/*
 * gongkai agency add|list|subject: the agencies of the ledger, their
 * hierarchy (a region is an agency and every agency under it) and their
 * subject schemes (主题分类) that documents may be filed under.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#include "base/banned.h"

#define CMD "agency"

static const char usage[] =
	"usage: gongkai agency add CODE NAME [--parent CODE] [--credit-code CODE]\n"
	"                          [--index-prefix PREFIX] --db FILE\n"
	"       gongkai agency list [--json] --db FILE\n"
	"       gongkai agency subject CODE NAME --db FILE\n"
	"\n"
	"add      register an agency (机关) under its parent (the supervising agency\n"
	"         whose region report includes it). CODE is short and unique (no\n"
	"         spaces); --credit-code is the 统一社会信用代码; --index-prefix the first\n"
	"         part of its 索引号 (default: the credit code, else CODE).\n"
	"list     every agency with its parent.\n"
	"subject  add a subject (主题分类) to the agency's scheme; documents.csv may\n"
	"         name it in its category column.\n";

static const struct cli_opt opts[] = {
	{"--db", true},		  {"--parent", true}, {"--credit-code", true},
	{"--index-prefix", true}, {"--json", false},  {"--help", false},
	{NULL, false},
};

struct args {
	const char *db, *parent, *credit, *prefix;
	const char *pos[3];
	int n_pos;
	bool json;
};

static int set_option(void *ctx, const struct cli_opt *o, const char *v)
{
	struct args *a = ctx;

	if (!strcmp(o->name, "--json")) {
		a->json = true;
	} else {
		const char **slot = !strcmp(o->name, "--db")	       ? &a->db
				    : !strcmp(o->name, "--parent")      ? &a->parent
				    : !strcmp(o->name, "--credit-code") ? &a->credit
									: &a->prefix;
		*slot = v;
	}
	return -1;
}

static int parse(int argc, char **argv, struct args *a)
{
	return cli_parse(CMD, argc, argv, opts, usage, a->pos, 3, &a->n_pos, set_option, a);
}

static int add(struct store *st, const struct args *a)
{
	struct store_agency ag = {.code = a->pos[1], .name = a->pos[2],
				  .credit_code = a->credit, .index_prefix = a->prefix};
	struct store_agency parent;
	struct gk_errmsg m;
	enum gk_err err;
	int status;

	if (a->parent) {
		if (!cli_agency(CMD, st, a->parent, &parent, &status))
			return status;
		ag.parent_id = parent.id;
	}
	if ((err = store_agency_add(st, &ag, NULL, &m)))
		return cli_fail(CMD, err, &m);
	printf("agency %s added: %s%s%s\n", a->pos[1], a->pos[2], a->parent ? " under " : "",
	       a->parent ? a->parent : "");
	return CLI_EXIT_OK;
}

struct list_ctx {
	struct store *st;
	json_t *array; /* NULL: print text */
};

static int list_one(void *ctx, const struct store_agency *ag)
{
	struct list_ctx *l = ctx;
	struct store_agency parent;
	char parent_code[STORE_CODE_MAX + 1] = "";

	if (ag->parent_id && !store_agency_get_id(l->st, ag->parent_id, &parent, NULL))
		snprintf(parent_code, sizeof(parent_code), "%s", parent.code);
	if (l->array) {
		json_t *o = json_pack("{s:s, s:s, s:s?, s:s?}", "code", ag->code, "name", ag->name,
				      "parent", parent_code[0] ? parent_code : NULL, "credit_code",
				      ag->credit_code);
		json_array_append_new(l->array, o);
	} else {
		printf("%s\t%s\t%s\n", ag->code, ag->name, parent_code[0] ? parent_code : "-");
	}
	return 0;
}

static int list(struct store *st, const struct args *a)
{
	struct list_ctx l = {st, a->json ? json_array() : NULL};
	struct gk_errmsg m;
	enum gk_err err = store_agency_each(st, list_one, &l, &m);

	if (err) {
		json_decref(l.array);
		return cli_fail(CMD, err, &m);
	}
	return l.array ? cli_print_json(l.array) : CLI_EXIT_OK;
}

static int subject(struct store *st, const struct args *a)
{
	struct store_agency ag;
	struct gk_errmsg m;
	enum gk_err err;
	int status;

	if (!cli_agency(CMD, st, a->pos[1], &ag, &status))
		return status;
	if ((err = store_subject_add(st, ag.id, a->pos[2], NULL, &m)))
		return cli_fail(CMD, err, &m);
	printf("subject %s added to %s\n", a->pos[2], a->pos[1]);
	return CLI_EXIT_OK;
}

int cmd_agency(int argc, char **argv)
{
	struct args a = {0};
	int status = parse(argc, argv, &a);
	struct store *st;
	bool is_add, is_list, is_subject;

	if (status >= 0)
		return status;
	is_add = a.n_pos && !strcmp(a.pos[0], "add");
	is_list = a.n_pos && !strcmp(a.pos[0], "list");
	is_subject = a.n_pos && !strcmp(a.pos[0], "subject");
	if (!is_add && !is_list && !is_subject)
		return cli_usage(CMD, "say add, list or subject; see `gongkai agency --help`");
	if (!is_list && a.n_pos != 3)
		return cli_usage(CMD, "%s needs CODE and NAME; see `gongkai agency --help`",
				 a.pos[0]);
	if (is_list && a.n_pos != 1)
		return cli_usage(CMD, "list takes no argument; found '%s'", a.pos[1]);
	st = cli_open_store(CMD, a.db, false, &status);
	if (!st)
		return status;
	status = is_add ? add(st, &a) : is_list ? list(st, &a) : subject(st, &a);
	store_close(st);
	return status;
}
