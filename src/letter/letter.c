/*
 * letter.c: the kinds of letter, their views, the body templates and the
 * fixed layout, written as HTML and as PDF (letter.h).
 *
 * The body is rendered by the portal's Mustache engine, which escapes
 * {{values}} for HTML; the result is turned back into plain text (the
 * engine's eight entities, exactly) so that one body feeds both outputs
 * and each output escapes in its own way: HTML escapes again, Pango takes
 * the text as text (never markup).
 *
 * PDF is drawn with Pango on a cairo PDF surface: there is no HTML-to-PDF
 * engine among the C libraries Debian packages, and a letter is simple
 * enough to lay out here — a few blocks of text, one after another, broken
 * into lines by Pango and into pages by place_block().
 */
#include "letter/letter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <sodium.h>

#include "base/file.h"
#include "web/template.h"

#include "base/banned.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
/* A body longer than this is not a letter. */
#define BODY_MAX (1u << 20)

static const struct {
	const char *id, *name, *title, *article, *setting;
} kinds[LETTER_KIND_COUNT] = {
    [LETTER_RECEIPT] = {"receipt", "接收回执", "政府信息公开申请接收回执",
			"第三十一条、第三十三条", "letter.receipt"},
    [LETTER_CORRECTION] = {"correction", "补正告知书", "政府信息公开申请补正告知书", "第三十条",
			   "letter.correction"},
    [LETTER_CONSULT_THIRD_PARTY] = {"consult_third_party", "征求意见书（给第三方）",
				    "政府信息公开申请征求意见书", "第三十二条",
				    "letter.consult_third_party"},
    [LETTER_CONSULT_AGENCY] = {"consult_agency", "征求意见书（给其他机关）",
			       "政府信息公开申请征求意见书", "第三十四条", "letter.consult_agency"},
    [LETTER_EXTENSION] = {"extension", "延期答复告知书", "政府信息公开申请延期答复告知书",
			  "第三十三条第二款", "letter.extension"},
    [LETTER_FEE] = {"fee", "收费通知书", "政府信息公开信息处理费收费通知书",
		    "第四十二条，国办函〔2020〕109号", "letter.fee"},
    [LETTER_ANSWER_DISCLOSE] = {"answer_disclose", "答复书（予以公开）",
				"政府信息公开申请答复书", "第三十六条第（一）项、第（二）项",
				"letter.answer_disclose"},
    [LETTER_ANSWER_PARTIAL] = {"answer_partial", "答复书（部分公开）", "政府信息公开申请答复书",
			       "第三十七条", "letter.answer_partial"},
    [LETTER_ANSWER_WITHHOLD] = {"answer_withhold", "答复书（不予公开）",
				"政府信息公开申请答复书",
				"第十四条、第十五条、第十六条，第三十六条第（三）项",
				"letter.answer_withhold"},
    [LETTER_ANSWER_UNAVAILABLE] = {"answer_unavailable", "答复书（无法提供）",
				   "政府信息公开申请答复书",
				   "第三十六条第（四）项、第（五）项，第三十八条，第三十条",
				   "letter.answer_unavailable"},
    [LETTER_ANSWER_NOT_PROCESSED] = {"answer_not_processed", "答复书（不予处理）",
				     "政府信息公开申请答复书",
				     "第三十五条，第三十六条第（六）项，第三十九条",
				     "letter.answer_not_processed"},
    [LETTER_ANSWER_OTHER] = {"answer_other", "答复书（其他处理）", "政府信息公开申请答复书",
			     "第三十条，第四十二条", "letter.answer_other"},
};

/* Templates other than the kinds', included as partials. */
static const char *const partials[] = {"answer_opening", "files", "remedy"};
#define FILE_COUNT (LETTER_KIND_COUNT + COUNT_OF(partials))

struct letter_set {
	struct tpl_set *defaults;
	char *source[FILE_COUNT]; /* the text of each file, for override sets */
	size_t len[FILE_COUNT];
	char *path[FILE_COUNT];
	bool opens_list[FILE_COUNT]; /* the template has a list section (check_lists) */
	char serif[128], sans[128];  /* font families for the PDF */
	bool cjk;		     /* a font with Chinese characters was found */
};

static const char *file_name(size_t i)
{
	return i < LETTER_KIND_COUNT ? kinds[i].id : partials[i - LETTER_KIND_COUNT];
}

/* --- Kinds -------------------------------------------------------------- */

const char *letter_kind_id(enum letter_kind k)
{
	return (unsigned)k < LETTER_KIND_COUNT ? kinds[k].id : "";
}

const char *letter_kind_name(enum letter_kind k)
{
	return (unsigned)k < LETTER_KIND_COUNT ? kinds[k].name : "";
}

const char *letter_kind_title(enum letter_kind k)
{
	return (unsigned)k < LETTER_KIND_COUNT ? kinds[k].title : "";
}

const char *letter_kind_article(enum letter_kind k)
{
	return (unsigned)k < LETTER_KIND_COUNT ? kinds[k].article : "";
}

const char *letter_setting_key(enum letter_kind k)
{
	return (unsigned)k < LETTER_KIND_COUNT ? kinds[k].setting : "";
}

bool letter_kind_parse(const char *s, enum letter_kind *out)
{
	for (int k = 0; s && k < LETTER_KIND_COUNT; k++)
		if (!strcmp(s, kinds[k].id)) {
			*out = (enum letter_kind)k;
			return true;
		}
	return false;
}

bool letter_kind_is_answer(enum letter_kind k)
{
	return k >= LETTER_ANSWER_DISCLOSE && k < LETTER_KIND_COUNT;
}

/* The group of table 三 an outcome belongs to: 1 for C1 … 6 for C6.x. */
static int outcome_group(enum outcome o)
{
	return outcome_id(o)[1] - '0';
}

enum letter_kind letter_kind_for_outcome(enum outcome o)
{
	switch (outcome_group(o)) {
	case 1:
		return LETTER_ANSWER_DISCLOSE;
	case 2:
		return LETTER_ANSWER_PARTIAL;
	case 3:
		return LETTER_ANSWER_WITHHOLD;
	case 4:
		return LETTER_ANSWER_UNAVAILABLE;
	case 5:
		return LETTER_ANSWER_NOT_PROCESSED;
	default:
		return LETTER_ANSWER_OTHER;
	}
}

/* --- Dates and settings --------------------------------------------------- */

char *letter_date_text(gk_date d, char out[LETTER_DATE_MAX])
{
	int y, mo, da;

	date_to_ymd(d, &y, &mo, &da);
	snprintf(out, LETTER_DATE_MAX, "%d年%d月%d日", y, mo, da);
	return out;
}

int letter_view_add_setting(void *ctx, const char *key, const char *value)
{
	static const char *const contact[] = {"office", "address", "postcode", "phone",
					      "fax",	"email",   "hours"};
	json_t *view = ctx;
	const char *group = NULL;

	for (size_t i = 0; i < COUNT_OF(contact); i++)
		if (!strcmp(key, contact[i]))
			group = "agency";
	if (!strcmp(key, "review_body") || !strcmp(key, "court"))
		group = "remedy";
	if (group && value && *value) {
		json_t *o = json_object_get(view, group);

		if (!json_is_object(o)) {
			o = json_object();
			json_object_set_new(view, group, o);
		}
		json_object_set_new(o, key, json_string(value));
	}
	return 0;
}

/* --- Loading ------------------------------------------------------------ */

static bool family_listed(PangoFontFamily **fams, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcasecmp(pango_font_family_get_name(fams[i]), name))
			return true;
	return false;
}

/* A family whose own regular face has 公 (U+516C), for machines without Noto CJK. */
static const char *any_cjk_family(PangoFontMap *fm, PangoFontFamily **fams, int n)
{
	PangoContext *ctx = pango_font_map_create_context(fm);
	const char *found = NULL;

	for (int i = 0; !found && i < n; i++) {
		const char *name = pango_font_family_get_name(fams[i]);
		PangoFontDescription *d = pango_font_description_new();
		PangoFont *font;

		pango_font_description_set_family(d, name);
		pango_font_description_set_absolute_size(d, 12 * PANGO_SCALE);
		font = pango_font_map_load_font(fm, ctx, d);
		if (font) {
			PangoFontDescription *got = pango_font_describe(font);
			const char *family = pango_font_description_get_family(got);

			if (family && !strcasecmp(family, name) && pango_font_has_char(font, 0x516C))
				found = name;
			pango_font_description_free(got);
			g_object_unref(font);
		}
		pango_font_description_free(d);
	}
	g_object_unref(ctx);
	return found;
}

static void pick_fonts(struct letter_set *set)
{
	static const char *const serif[] = {"Noto Serif CJK SC", "Source Han Serif SC",
					    "Noto Sans CJK SC", "Source Han Sans SC"};
	static const char *const sans[] = {"Noto Sans CJK SC", "Source Han Sans SC"};
	PangoFontMap *fm = pango_cairo_font_map_get_default();
	PangoFontFamily **fams = NULL;
	const char *pick = NULL;
	int n = 0;

	pango_font_map_list_families(fm, &fams, &n);
	for (size_t i = 0; !pick && i < COUNT_OF(serif); i++)
		if (family_listed(fams, n, serif[i]))
			pick = serif[i];
	if (!pick)
		pick = any_cjk_family(fm, fams, n);
	set->cjk = pick != NULL;
	snprintf(set->serif, sizeof(set->serif), "%s", pick ? pick : "serif");
	snprintf(set->sans, sizeof(set->sans), "%s", set->serif);
	for (size_t i = 0; i < COUNT_OF(sans); i++)
		if (family_listed(fams, n, sans[i])) {
			snprintf(set->sans, sizeof(set->sans), "%s", sans[i]);
			break;
		}
	g_free(fams);
}

void letter_set_free(struct letter_set *set)
{
	if (!set)
		return;
	tpl_set_free(set->defaults);
	for (size_t i = 0; i < FILE_COUNT; i++) {
		free(set->source[i]);
		free(set->path[i]);
	}
	free(set);
}

/* Templates become letters that Pango shapes: refuse bytes that are not
 * text before they reach it. */
static enum gk_err check_utf8(const char *file, const char *text, size_t len, struct gk_errmsg *m)
{
	const char *end;
	unsigned line = 1;

	/* NUL bytes are refused too (glib, with a length). */
	if (g_utf8_validate(text, (gssize)len, &end))
		return GK_OK;
	for (const char *p = text; p < end; p++)
		line += *p == '\n';
	return gk_errf(m, GK_EFORMAT, "%s:%u: not UTF-8 text", file, line);
}

/* --- Lists inside lists ------------------------------------------------------ */

#define NEST_MAX 32

/* The lists of the view (letter.h). */
static bool is_list(const char *name, size_t n)
{
	return (n == 5 && (!memcmp(name, "items", 5) || !memcmp(name, "files", 5))) ||
	       (n == 9 && !memcmp(name, "fee_lines", 9));
}

static int file_index(const char *name, size_t n)
{
	for (size_t i = 0; i < FILE_COUNT; i++)
		if (strlen(file_name(i)) == n && !memcmp(file_name(i), name, n))
			return (int)i;
	return -1;
}

static bool tag_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * A list section inside another list section repeats the inner list for
 * every element of the outer one, and a template may do that dozens of
 * levels deep: millions of rounds for one letter, from one line of an
 * agency's template. No letter needs it (a letter lists its items once),
 * so it is refused with its line, as the engine refuses bad syntax. A
 * partial counts as the lists it opens (opens[i]). *has_list: text opens
 * a list. Run on text that compiled, so every tag is closed.
 */
static enum gk_err check_lists(const char *file, const char *text, const bool *opens,
			       bool *has_list, struct gk_errmsg *m)
{
	bool stack[NEST_MAX];
	int top = 0, lists = 0;
	unsigned line = 1;
	const char *p = text, *q;

	*has_list = false;
	while ((q = strstr(p, "{{"))) {
		const char *start = q + 2, *end, *name, *name_end;
		char sigil = *start;
		int n, i;

		for (; p < q; p++)
			line += *p == '\n';
		if (!(end = strstr(start, sigil == '{' ? "}}}" : "}}")))
			break;
		name = start + 1;
		name_end = end;
		while (name < name_end && tag_space(*name))
			name++;
		while (name_end > name && tag_space(name_end[-1]))
			name_end--;
		n = (int)(name_end - name);
		if (sigil == '#' || sigil == '^') {
			bool list = sigil == '#' && is_list(name, (size_t)n);

			if (top == NEST_MAX)
				return gk_errf(m, GK_EFORMAT, "%s:%u: sections nested deeper than %d",
					       file, line, NEST_MAX);
			if (list && lists)
				return gk_errf(m, GK_EFORMAT,
					       "%s:%u: the list '%.*s' inside another list would be "
					       "repeated for each of its elements; a letter lists once",
					       file, line, n, name);
			stack[top++] = list;
			lists += list;
			*has_list |= list;
		} else if (sigil == '/') {
			if (top)
				lists -= stack[--top];
		} else if (sigil == '>' && (i = file_index(name, (size_t)n)) >= 0 && opens[i]) {
			if (lists)
				return gk_errf(m, GK_EFORMAT,
					       "%s:%u: the partial '%.*s' lists inside another list, "
					       "which would repeat it for each element; a letter lists once",
					       file, line, n, name);
			*has_list = true;
		}
		for (p = start; p < end; p++)
			line += *p == '\n';
		p = end + (sigil == '{' ? 3 : 2);
	}
	return GK_OK;
}

enum gk_err letter_set_load(const char *dir, struct letter_set **out, struct gk_errmsg *m)
{
	struct letter_set *set = calloc(1, sizeof(*set));
	enum gk_err err = GK_OK;

	*out = NULL;
	if (!set || !(set->defaults = tpl_set_new())) {
		letter_set_free(set);
		return gk_errf(m, GK_ENOMEM, "%s: out of memory", dir);
	}
	for (size_t i = 0; !err && i < FILE_COUNT; i++) {
		struct buf path, text;

		buf_init(&path, 4096);
		buf_printf(&path, "%s/%s.mustache", dir, file_name(i));
		err = path.failed ? gk_errf(m, GK_ERANGE, "%s: path too long", dir)
				  : file_read_all(buf_cstr(&path), TPL_MAX_SOURCE, &text, m);
		if (!err)
			err = check_utf8(buf_cstr(&path), buf_cstr(&text), text.len, m);
		if (!err)
			err = tpl_set_add(set->defaults, file_name(i), buf_cstr(&path),
					  buf_cstr(&text), text.len, m);
		if (!err) {
			set->len[i] = text.len;
			set->source[i] = strdup(buf_cstr(&text));
			set->path[i] = strdup(buf_cstr(&path));
			if (!set->source[i] || !set->path[i])
				err = gk_errf(m, GK_ENOMEM, "%s: out of memory", dir);
		}
		if (!path.failed)
			buf_release(&text);
		buf_release(&path);
	}
	if (!err)
		err = tpl_set_check(set->defaults, m);
	/* Which templates list, partials included: as many rounds as it takes
	 * for a partial's lists to reach every template that includes it. */
	for (size_t round = 0; !err && round < FILE_COUNT; round++)
		for (size_t i = 0; !err && i < FILE_COUNT; i++)
			err = check_lists(set->path[i], set->source[i], set->opens_list,
					  &set->opens_list[i], m);
	if (err) {
		letter_set_free(set);
		return err;
	}
	pick_fonts(set);
	*out = set;
	return GK_OK;
}

const char *letter_template_default(const struct letter_set *set, enum letter_kind k)
{
	return (unsigned)k < LETTER_KIND_COUNT ? set->source[k] : "";
}

const char *letter_font_serif(const struct letter_set *set)
{
	return set->serif;
}

/* --- The view ------------------------------------------------------------- */

/* Any string that is exactly a date "YYYY-MM-DD" prints as 2026年11月27日. */
static void convert_dates(json_t *v)
{
	const char *key;
	json_t *x;
	size_t i;
	gk_date d;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		json_object_foreach(v, key, x) convert_dates(x);
		break;
	case JSON_ARRAY:
		json_array_foreach(v, i, x) convert_dates(x);
		break;
	case JSON_STRING:
		if (json_string_length(v) == GK_DATE_STRLEN - 1 &&
		    date_parse(str_from_cstr(json_string_value(v)), &d)) {
			char text[LETTER_DATE_MAX];

			json_string_set(v, letter_date_text(d, text));
		}
		break;
	default:
		break;
	}
}

/*
 * A list of the view as the templates use it: strings become objects
 * {field: s}, every element gets n (1, 2, …) and the fields it lacks as ""
 * (so that a missing field is not looked up in the outer view), and
 * has_<list> says whether there is anything to print.
 */
static void normalise_list(json_t *v, const char *list, const char *field, const char *extra)
{
	char has[32];
	json_t *a = json_object_get(v, list), *e;
	size_t i;

	snprintf(has, sizeof(has), "has_%s", list);
	json_object_set_new(v, has, json_boolean(json_is_array(a) && json_array_size(a) > 0));
	if (!json_is_array(a))
		return;
	json_array_foreach(a, i, e)
	{
		if (json_is_string(e)) {
			json_t *o = json_object();

			json_object_set(o, field, e);
			json_array_set_new(a, i, o);
			e = o;
		}
		if (!json_is_object(e))
			continue;
		json_object_set_new(e, "n", json_integer((json_int_t)i + 1));
		if (!json_object_get(e, field))
			json_object_set_new(e, field, json_string(""));
		if (extra && !json_object_get(e, extra))
			json_object_set_new(e, extra, json_string(""));
	}
}

static enum gk_err normalise_outcome(enum letter_kind k, json_t *v, struct gk_errmsg *m)
{
	json_t *o = json_object_get(v, "outcome");
	const char *id;
	enum outcome oc;
	char flag[16];

	if (json_is_string(o)) {
		json_t *obj = json_pack("{s:O}", "id", o);

		json_object_set_new(v, "outcome", obj);
		o = obj;
	}
	if (!json_is_object(o)) {
		if (letter_kind_is_answer(k))
			return gk_errf(m, GK_EINVAL,
				       "letter %s: outcome.id is required (a row of table 三, e.g. "
				       "C3.4)",
				       kinds[k].id);
		return GK_OK;
	}
	id = json_string_value(json_object_get(o, "id"));
	if (!id || !outcome_parse(str_from_cstr(id), &oc))
		return gk_errf(m, GK_EINVAL, "letter %s: outcome.id '%s' is not a row of table 三",
			       kinds[k].id, id ? id : "");
	if (letter_kind_is_answer(k) && letter_kind_for_outcome(oc) != k)
		return gk_errf(m, GK_EINVAL, "letter %s: outcome %s is answered by %s", kinds[k].id,
			       outcome_id(oc), kinds[letter_kind_for_outcome(oc)].id);
	json_object_set_new(o, "id", json_string(outcome_id(oc)));
	if (!json_object_get(o, "label"))
		json_object_set_new(o, "label", json_string(outcome_label(oc)));
	if (!json_object_get(o, "basis"))
		json_object_set_new(o, "basis", json_string(outcome_basis(oc)));
	/* "C3.4" → c3_4, and the group in_c3, for the templates' sections. */
	snprintf(flag, sizeof(flag), "%s", outcome_id(oc));
	for (char *p = flag; *p; p++)
		*p = *p == '.' ? '_' : *p == 'C' ? 'c' : *p;
	json_object_set_new(o, flag, json_true());
	snprintf(flag, sizeof(flag), "in_c%d", outcome_group(oc));
	json_object_set_new(o, flag, json_true());
	return GK_OK;
}

static const char *view_text(const json_t *v, const char *obj, const char *key)
{
	const json_t *o = obj ? json_object_get(v, obj) : v;
	const char *s = json_string_value(json_object_get(o, key));

	return s && *s ? s : NULL;
}

/* A copy of the caller's view as the templates and the layout read it. */
static enum gk_err prepare_view(enum letter_kind k, const json_t *in, json_t **out,
				struct gk_errmsg *m)
{
	json_t *v;
	enum gk_err err;

	*out = NULL;
	if ((unsigned)k >= LETTER_KIND_COUNT)
		return gk_errf(m, GK_EINVAL, "letter kind %d: no such kind", (int)k);
	if (!json_is_object(in))
		return gk_errf(m, GK_EINVAL, "letter %s: the view must be a JSON object",
			       kinds[k].id);
	if (!view_text(in, "agency", "name"))
		return gk_errf(m, GK_EINVAL,
			       "letter %s: agency.name is required (letterhead and signature)",
			       kinds[k].id);
	if (!(v = json_deep_copy(in)))
		return gk_errf(m, GK_ENOMEM, "letter %s: out of memory", kinds[k].id);
	convert_dates(v);
	normalise_list(v, "items", "text", NULL);
	normalise_list(v, "files", "name", "note");
	normalise_list(v, "fee_lines", "text", NULL);
	if ((err = normalise_outcome(k, v, m))) {
		json_decref(v);
		return err;
	}
	json_object_set_new(v, "title", json_string(kinds[k].title));
	*out = v;
	return GK_OK;
}

/* --- The body ------------------------------------------------------------- */

/* Undo the engine's HTML escaping (mustache.js's entityMap, template.h). */
static void unescape(const char *s, size_t len, struct buf *out)
{
	static const struct {
		const char *entity;
		char c;
	} map[] = {{"&amp;", '&'},  {"&lt;", '<'},	 {"&gt;", '>'},	   {"&quot;", '"'},
		   {"&#39;", '\''}, {"&#x2F;", '/'}, {"&#x60;", '`'}, {"&#x3D;", '='}};
	size_t i = 0;

	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t at = amp ? (size_t)(amp - s) : len;
		bool known = false;

		buf_append(out, s + i, at - i);
		if (at == len)
			break;
		for (size_t j = 0; j < COUNT_OF(map); j++) {
			size_t n = strlen(map[j].entity);

			if (len - at >= n && !memcmp(s + at, map[j].entity, n)) {
				buf_putc(out, map[j].c);
				i = at + n;
				known = true;
				break;
			}
		}
		if (!known) {
			buf_putc(out, '&');
			i = at + 1;
		}
	}
}

static bool is_space_at(const char *p, const char *end, size_t *n)
{
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
		*n = 1;
		return true;
	}
	/* U+3000 IDEOGRAPHIC SPACE: paragraphs are indented by the layout. */
	if (end - p >= 3 && !memcmp(p, "\xe3\x80\x80", 3)) {
		*n = 3;
		return true;
	}
	return false;
}

/*
 * Plain text into paragraphs: lines trimmed, blank lines (any number)
 * between paragraphs become one "\n\n", other line breaks stay "\n".
 */
static void paragraphs(const char *s, size_t len, struct buf *out)
{
	const char *p = s, *end = s + len;
	bool pending = false;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *a = p, *b = nl ? nl : end;
		size_t n;

		while (a < b && is_space_at(a, b, &n))
			a += n;
		while (b > a) {
			if (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r')
				b--;
			else if (b - a >= 3 && !memcmp(b - 3, "\xe3\x80\x80", 3))
				b -= 3;
			else
				break;
		}
		if (a == b) {
			pending = out->len > 0;
		} else {
			if (out->len)
				buf_puts(out, pending ? "\n\n" : "\n");
			buf_append(out, a, (size_t)(b - a));
			pending = false;
		}
		p = nl ? nl + 1 : end;
	}
}

/* A set with every default template but k's, and text as k. */
static enum gk_err override_set(const struct letter_set *set, enum letter_kind k, const char *text,
				struct tpl_set **out, struct gk_errmsg *m)
{
	size_t len = strlen(text);
	struct tpl_set *t;
	bool lists;
	enum gk_err err = GK_OK;

	*out = NULL;
	if (len > LETTER_TEMPLATE_MAX)
		return gk_errf(m, GK_ERANGE, "%s: %zu bytes; at most %u are allowed",
			       kinds[k].setting, len, LETTER_TEMPLATE_MAX);
	if ((err = check_utf8(kinds[k].setting, text, len, m)))
		return err;
	if (!(t = tpl_set_new()))
		return gk_errf(m, GK_ENOMEM, "%s: out of memory", kinds[k].setting);
	for (size_t i = 0; !err && i < FILE_COUNT; i++)
		if (i != (size_t)k)
			err = tpl_set_add(t, file_name(i), set->path[i], set->source[i],
					  set->len[i], m);
	if (!err)
		err = tpl_set_add(t, kinds[k].id, kinds[k].setting, text, len, m);
	if (!err)
		err = tpl_set_check(t, m);
	if (!err)
		err = check_lists(kinds[k].setting, text, set->opens_list, &lists, m);
	if (err) {
		tpl_set_free(t);
		return err;
	}
	*out = t;
	return GK_OK;
}

/* The body of k through the templates of ts, as paragraphs. */
static enum gk_err render_with(const struct tpl_set *ts, enum letter_kind k, const json_t *view,
			       struct buf *body, struct gk_errmsg *m)
{
	struct buf raw, text;
	enum gk_err err;

	buf_init(&raw, BODY_MAX);
	buf_init(&text, BODY_MAX);
	err = tpl_render(ts, kinds[k].id, view, &raw, m);
	if (!err) {
		unescape(raw.data ? raw.data : "", raw.len, &text);
		paragraphs(text.data ? text.data : "", text.len, body);
		if (text.failed || body->failed)
			err = gk_errf(m, GK_ENOMEM, "letter %s: the body is larger than %u bytes",
				      kinds[k].id, BODY_MAX);
	}
	buf_release(&raw);
	buf_release(&text);
	return err;
}

/*
 * The body: the override when it compiles and renders, else the default
 * (with the reason in m). The view is prepared already.
 */
static enum gk_err render_body(const struct letter_set *set, enum letter_kind k,
			       const json_t *view, const char *override, struct buf *body,
			       struct gk_errmsg *m)
{
	if (override && *override) {
		struct gk_errmsg why;
		struct tpl_set *t;
		enum gk_err err = override_set(set, k, override, &t, &why);

		if (!err) {
			err = render_with(t, k, view, body, &why);
			tpl_set_free(t);
		}
		if (!err)
			return GK_OK;
		buf_reset(body);
		if (m)
			snprintf(m->text, sizeof(m->text),
				 "the agency's template was not used, the default was: %.400s",
				 why.text);
	}
	return render_with(set->defaults, k, view, body, m);
}

/* --- Checking an override ------------------------------------------------- */

/* A case with every field, each value recognisable in the output. */
static const char sample_json[] =
    "{\"agency\": {\"name\": \"〈机关〉\", \"address\": \"〈地址〉\"},"
    " \"doc_number\": \"〈文号〉\", \"issued\": \"2031-05-06\","
    " \"applicant\": {\"name\": \"〈申请人〉\"},"
    " \"application\": {\"received\": \"2031-01-02\", \"content\": \"〈申请内容〉\","
    "  \"tracking_code\": \"〈查询号〉\", \"channel\": \"〈渠道〉\"},"
    " \"items\": [\"〈补正事项一〉\", \"〈补正事项二〉\"], \"guidance\": \"〈指导和释明〉\","
    " \"days\": 10, \"deadline\": \"2031-01-20\", \"due\": \"2031-03-04\","
    " \"cause\": \"〈延期原因〉\", \"amount_yuan\": 4321, \"fee_lines\": [\"〈计算方式〉\"],"
    " \"payment_due\": \"2031-04-05\", \"payment_method\": \"〈缴纳方式〉\","
    " \"party\": {\"name\": \"〈第三方〉\"}, \"information\": \"〈所涉信息〉\","
    " \"reply_due\": \"2031-02-03\", \"reason\": \"〈理由〉\", \"access\": \"〈途径〉\","
    " \"files\": [{\"name\": \"〈文件〉\", \"note\": \"〈说明〉\"}], \"delivery\": \"〈提供方式〉\","
    " \"refer\": {\"name\": \"〈负责机关〉\", \"contact\": \"〈联系方式〉\"},"
    " \"proper_channel\": \"〈信访渠道〉\","
    " \"previous\": {\"answered\": \"2030-12-01\", \"doc_number\": \"〈前次文号〉\"},"
    " \"correction\": {\"sent\": \"2031-01-05\", \"doc_number\": \"〈补正文号〉\","
    "  \"deadline\": \"2031-01-20\"},"
    " \"fee\": {\"sent\": \"2031-01-06\", \"doc_number\": \"〈收费文号〉\","
    "  \"payment_due\": \"2031-04-05\", \"amount_yuan\": 4321},"
    " \"remedy\": {\"review_body\": \"〈复议机关〉\", \"court\": \"〈人民法院〉\"}}";

/* The outcome the sample answers with, one per group. */
static const char *const sample_outcome[LETTER_KIND_COUNT] = {
    [LETTER_ANSWER_DISCLOSE] = "C1",	  [LETTER_ANSWER_PARTIAL] = "C2",
    [LETTER_ANSWER_WITHHOLD] = "C3.1",	  [LETTER_ANSWER_UNAVAILABLE] = "C4.1",
    [LETTER_ANSWER_NOT_PROCESSED] = "C5.1", [LETTER_ANSWER_OTHER] = "C6.1",
};

/* What a letter of each kind must say, as the sample prints it. */
struct fact {
	const char *printed, *field, *why;
};
#define REMEDY                                                                                     \
	{"〈复议机关〉", "remedy.review_body",                                                  \
	 "the remedy: 行政复议 within 60 days, with the review body"},                             \
	{                                                                                          \
		"〈人民法院〉", "remedy.court", "the remedy: 行政诉讼 within 6 months"              \
	}
static const struct fact facts[LETTER_KIND_COUNT][3] = {
    [LETTER_RECEIPT] = {{"2031年1月2日", "application.received",
			 "the day the application was received (第三十一条)"}},
    [LETTER_CORRECTION] = {{"〈补正事项一〉", "items",
			    "every item to correct, all at once (第三十条 一次性告知)"},
			   {"〈补正事项二〉", "items",
			    "every item to correct, all at once (第三十条 一次性告知)"},
			   {"2031年1月20日", "deadline", "the deadline to correct (第三十条)"}},
    [LETTER_CONSULT_THIRD_PARTY] = {{"2031年2月3日", "reply_due",
				     "the day the opinion is due (第三十二条, 15个工作日)"}},
    [LETTER_CONSULT_AGENCY] = {{"2031年2月3日", "reply_due",
				"the day the opinion is due (第三十四条, 15个工作日)"}},
    [LETTER_EXTENSION] = {{"2031年3月4日", "due",
			   "the new due date of the answer (第三十三条第二款)"}},
    [LETTER_FEE] = {{"4321", "amount_yuan", "the amount (国办函〔2020〕109号)"},
		    {"2031年4月5日", "payment_due",
		     "the payment deadline, 20 working days (国办函〔2020〕109号)"}},
    [LETTER_ANSWER_DISCLOSE] = {REMEDY},
    [LETTER_ANSWER_PARTIAL] = {REMEDY},
    [LETTER_ANSWER_WITHHOLD] = {REMEDY},
    [LETTER_ANSWER_UNAVAILABLE] = {REMEDY},
    [LETTER_ANSWER_NOT_PROCESSED] = {REMEDY},
    [LETTER_ANSWER_OTHER] = {REMEDY},
};

enum gk_err letter_template_check(const struct letter_set *set, enum letter_kind k,
				  const char *text, struct gk_errmsg *m)
{
	json_t *sample, *view = NULL;
	struct tpl_set *t = NULL;
	struct gk_errmsg why;
	struct buf body;
	enum gk_err err;

	if ((unsigned)k >= LETTER_KIND_COUNT)
		return gk_errf(m, GK_EINVAL, "letter kind %d: no such kind", (int)k);
	if (!text || !*text)
		return gk_errf(m, GK_EINVAL, "%s: empty; delete the setting to use the default",
			       kinds[k].setting);
	if ((err = override_set(set, k, text, &t, m)))
		return err;
	if (!(sample = json_loads(sample_json, 0, NULL))) {
		tpl_set_free(t);
		return gk_errf(m, GK_EINTERNAL, "letter: the sample view does not parse");
	}
	if (sample_outcome[k])
		json_object_set_new(sample, "outcome", json_string(sample_outcome[k]));
	buf_init(&body, BODY_MAX);
	err = prepare_view(k, sample, &view, m);
	if (!err && (err = render_with(t, k, view, &body, &why)))
		err = gk_errf(m, err, "%s: %.400s", kinds[k].setting, why.text);
	if (!err && body.len == 0)
		err = gk_errf(m, GK_EINVAL, "%s: the letter would have no text", kinds[k].setting);
	for (size_t i = 0; !err && i < COUNT_OF(facts[k]) && facts[k][i].printed; i++)
		if (!strstr(buf_cstr(&body), facts[k][i].printed))
			err = gk_errf(m, GK_EINVAL, "%s: the text does not print {{%s}}: %s",
				      kinds[k].setting, facts[k][i].field, facts[k][i].why);
	buf_release(&body);
	json_decref(view);
	json_decref(sample);
	tpl_set_free(t);
	return err;
}

/* --- The layout, shared by both outputs ----------------------------------- */

struct letter_doc {
	json_t *view;		/* prepared: owns the strings below */
	const char *agency, *title, *doc_number, *recipient, *issued;
	gk_date issued_date;	/* 0 when issued was not a date */
	struct buf body;	/* paragraphs: "\n\n" between, "\n" inside */
	struct buf contact;	/* the footer line */
};

static void doc_release(struct letter_doc *d)
{
	json_decref(d->view);
	buf_release(&d->body);
	buf_release(&d->contact);
}

static enum gk_err doc_build(const struct letter_set *set, enum letter_kind k, const json_t *view,
			     const char *override, struct letter_doc *d, struct gk_errmsg *m)
{
	static const struct {
		const char *key, *label;
	} contact[] = {{"office", "承办机构"}, {"address", "地址"},	{"postcode", "邮政编码"},
		       {"phone", "联系电话"},  {"fax", "传真"},		{"email", "电子邮箱"}};
	const char *iso = json_is_object(view) ? view_text(view, NULL, "issued") : NULL;
	enum gk_err err;

	memset(d, 0, sizeof(*d));
	buf_init(&d->body, BODY_MAX);
	buf_init(&d->contact, 4096);
	if (m)
		m->text[0] = '\0';
	if (!set)
		return gk_errf(m, GK_EINVAL, "letter: no templates loaded");
	if ((err = prepare_view(k, view, &d->view, m)))
		return err;
	if (!iso || !date_parse(str_from_cstr(iso), &d->issued_date))
		d->issued_date = 0;
	d->agency = view_text(d->view, "agency", "name");
	d->title = kinds[k].title;
	d->doc_number = view_text(d->view, NULL, "doc_number");
	d->issued = view_text(d->view, NULL, "issued");
	d->recipient = view_text(d->view, NULL, "recipient");
	if (!d->recipient)
		d->recipient = k == LETTER_CONSULT_THIRD_PARTY || k == LETTER_CONSULT_AGENCY
				   ? view_text(d->view, "party", "name")
				   : view_text(d->view, "applicant", "name");
	for (size_t i = 0; i < COUNT_OF(contact); i++) {
		const char *v = view_text(d->view, "agency", contact[i].key);

		if (v)
			buf_printf(&d->contact, "%s%s：%s", d->contact.len ? "　" : "",
				   contact[i].label, v);
	}
	return render_body(set, k, d->view, override, &d->body, m);
}

/* The paragraph of the body at *at (its start and length), moving *at to
 * the next one; false past the last. */
static bool next_paragraph(const struct buf *body, size_t *at, const char **p, size_t *n)
{
	const char *s = buf_cstr(body), *stop;

	if (*at >= body->len)
		return false;
	*p = s + *at;
	stop = strstr(*p, "\n\n");
	*n = stop ? (size_t)(stop - *p) : body->len - *at;
	*at = stop ? (size_t)(stop - s) + 2 : body->len;
	return true;
}

enum gk_err letter_render_text(const struct letter_set *set, enum letter_kind k,
			       const json_t *view, const char *override, struct buf *out,
			       struct gk_errmsg *m)
{
	struct letter_doc d;
	enum gk_err err = doc_build(set, k, view, override, &d, m);

	if (!err) {
		buf_append(out, d.body.data ? d.body.data : "", d.body.len);
		buf_putc(out, '\n');
		if (out->failed)
			err = gk_errf(m, GK_ENOMEM, "letter %s: the output is full", kinds[k].id);
	}
	doc_release(&d);
	return err;
}

/* --- HTML ------------------------------------------------------------------ */

/*
 * A4 with the margins of GB/T 9704 (37 mm top, 35 mm bottom, 28 mm left,
 * 26 mm right), 三号 (16 pt) body text; on screen the same page on grey.
 */
static const char letter_css[] =
    "@page{size:A4;margin:37mm 26mm 35mm 28mm}"
    "html{background:#e8e8e8}"
    "body{margin:0;color:#000;font:16pt/1.75 \"Noto Serif CJK SC\",\"Source Han Serif SC\","
    "\"Songti SC\",SimSun,serif}"
    ".letter{box-sizing:border-box;width:210mm;min-height:297mm;margin:8mm auto;"
    "padding:37mm 26mm 35mm 28mm;background:#fff}"
    ".letterhead{text-align:center;color:#c00;border-bottom:2px solid #c00;"
    "padding-bottom:2mm;margin-bottom:8mm}"
    ".letterhead p{margin:0}"
    ".letterhead .agency{font-size:26pt;font-weight:bold;letter-spacing:.05em;line-height:1.3}"
    ".letterhead .column{letter-spacing:.5em}"
    "h1{font-size:22pt;font-weight:bold;text-align:center;margin:0 0 3mm;line-height:1.4}"
    ".docno{text-align:center;margin:0 0 6mm}"
    ".to{margin:0}"
    ".body p{margin:0;text-indent:2em;text-align:justify;orphans:2;widows:2}"
    ".sign,.date{text-align:right;margin:0;padding-right:2em}"
    ".sign{margin-top:2.5em}"
    ".contact{margin-top:10mm;border-top:1px solid #000;padding-top:2mm;"
    "font:10.5pt/1.6 \"Noto Sans CJK SC\",\"Source Han Sans SC\",sans-serif}"
    "@media print{html{background:none}.letter{width:auto;min-height:0;margin:0;padding:0}}";

void letter_style_hash(char out[LETTER_STYLE_HASH_MAX])
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
					    sodium_base64_VARIANT_ORIGINAL)];

	crypto_hash_sha256(hash, (const unsigned char *)letter_css, sizeof(letter_css) - 1);
	sodium_bin2base64(b64, sizeof(b64), hash, sizeof(hash), sodium_base64_VARIANT_ORIGINAL);
	snprintf(out, LETTER_STYLE_HASH_MAX, "'sha256-%s'", b64);
}

static void html_text(struct buf *out, const char *s, size_t len)
{
	tpl_escape_html(out, s, len);
}

static void html_line(struct buf *out, const char *open, const char *s, const char *close)
{
	buf_puts(out, open);
	html_text(out, s, strlen(s));
	buf_puts(out, close);
}

enum gk_err letter_render_html(const struct letter_set *set, enum letter_kind k,
			       const json_t *view, const char *override, struct buf *out,
			       struct gk_errmsg *m)
{
	struct letter_doc d;
	const char *p;
	size_t n;
	enum gk_err err = doc_build(set, k, view, override, &d, m);

	if (err) {
		doc_release(&d);
		return err;
	}
	buf_puts(out, "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<title>");
	html_text(out, d.title, strlen(d.title));
	if (d.doc_number)
		html_line(out, "（", d.doc_number, "）");
	buf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<article class=\"letter\">\n",
		   letter_css);
	html_line(out, "<header class=\"letterhead\">\n<p class=\"agency\">", d.agency,
		  "</p>\n<p class=\"column\">政府信息公开</p>\n</header>\n");
	html_line(out, "<h1>", d.title, "</h1>\n");
	if (d.doc_number)
		html_line(out, "<p class=\"docno\">", d.doc_number, "</p>\n");
	if (d.recipient)
		html_line(out, "<p class=\"to\">", d.recipient, "：</p>\n");
	buf_puts(out, "<div class=\"body\">\n");
	for (size_t at = 0; next_paragraph(&d.body, &at, &p, &n);) {
		const char *q = p, *end = p + n;

		buf_puts(out, "<p>");
		while (q < end) {
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			const char *stop = nl ? nl : end;

			html_text(out, q, (size_t)(stop - q));
			if (nl)
				buf_puts(out, "<br>");
			q = nl ? nl + 1 : end;
		}
		buf_puts(out, "</p>\n");
	}
	buf_puts(out, "</div>\n");
	html_line(out, "<p class=\"sign\">", d.agency, "</p>\n");
	if (d.issued)
		html_line(out, "<p class=\"date\">", d.issued, "</p>\n");
	if (d.contact.len)
		html_line(out, "<footer class=\"contact\"><p>", buf_cstr(&d.contact),
			  "</p></footer>\n");
	buf_puts(out, "</article>\n</body>\n</html>\n");
	if (out->failed)
		err = gk_errf(m, GK_ENOMEM, "letter %s: the output is full", kinds[k].id);
	doc_release(&d);
	return err;
}

/* --- PDF ------------------------------------------------------------------- */

#define PT_PER_MM (72.0 / 25.4)
#define PAGE_W (210 * PT_PER_MM)
#define PAGE_H (297 * PT_PER_MM)
#define MARGIN_TOP (37 * PT_PER_MM)
#define MARGIN_BOTTOM (35 * PT_PER_MM)
#define MARGIN_LEFT (28 * PT_PER_MM)
#define MARGIN_RIGHT (26 * PT_PER_MM)
#define TEXT_W (PAGE_W - MARGIN_LEFT - MARGIN_RIGHT)
#define BODY_PT 16.0 /* 三号 */
/* Blocks besides the body's paragraphs: letterhead (3), title, number,
 * recipient, signature, date, rule and contact. */
#define FIXED_BLOCKS 10

struct pdf_block {
	PangoLayout *layout; /* NULL: a rule across the text width */
	double before;	     /* space above; none at the top of a page */
	double red;	     /* 0 black, 1 the letterhead's red */
	double rule;	     /* a rule's width */
	int keep;	     /* this and the next keep-1 blocks go on one page */
};

struct pdf {
	cairo_t *cr;
	bool draw;
	int page, pages;
	double y; /* where the next line starts, from the top of the page */
	const char *sans;
};

struct layout_opts {
	const char *family;
	double size;
	bool bold;
	PangoAlignment align;
	double indent_em;
	double right_em; /* narrower by this much, for right-aligned lines */
	double spacing;	 /* line height as a factor, 0 = the font's */
};

static PangoLayout *make_layout(cairo_t *cr, const struct layout_opts *o, const char *text,
				size_t len)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, o->family);
	/* Absolute: one PDF user unit is a point, whatever Pango's dpi. */
	pango_font_description_set_absolute_size(fd, o->size * PANGO_SCALE);
	if (o->bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)((TEXT_W - o->right_em * o->size) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, o->align);
	pango_layout_set_indent(l, (int)(o->indent_em * o->size * PANGO_SCALE));
	if (o->spacing > 0)
		pango_layout_set_line_spacing(l, (float)o->spacing);
	pango_layout_set_text(l, text, (int)len);
	return l;
}

static void page_foot(struct pdf *p)
{
	char text[64];
	struct layout_opts o = {.family = p->sans, .size = 10.5, .align = PANGO_ALIGN_CENTER};
	PangoLayout *l;

	snprintf(text, sizeof(text), "第 %d 页 共 %d 页", p->page, p->pages);
	l = make_layout(p->cr, &o, text, strlen(text));
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	cairo_move_to(p->cr, MARGIN_LEFT, PAGE_H - MARGIN_BOTTOM + 14 * PT_PER_MM);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static void next_page(struct pdf *p)
{
	if (p->draw) {
		page_foot(p);
		cairo_show_page(p->cr);
	}
	p->page++;
	p->y = MARGIN_TOP;
}

/* Lay b out line by line from p->y, starting a page where a line does not fit. */
static void place_block(struct pdf *p, const struct pdf_block *b)
{
	const double limit = PAGE_H - MARGIN_BOTTOM;
	double before = p->y > MARGIN_TOP ? b->before : 0;
	PangoLayoutIter *it;

	if (!b->layout) {
		if (p->y + before + b->rule > limit)
			next_page(p), before = 0;
		p->y += before;
		if (p->draw) {
			cairo_set_source_rgb(p->cr, 0.8 * b->red, 0, 0);
			cairo_set_line_width(p->cr, b->rule);
			cairo_move_to(p->cr, MARGIN_LEFT, p->y + b->rule / 2);
			cairo_line_to(p->cr, PAGE_W - MARGIN_RIGHT, p->y + b->rule / 2);
			cairo_stroke(p->cr);
		}
		p->y += b->rule;
		return;
	}
	it = pango_layout_get_iter(b->layout);
	do {
		PangoRectangle logical;
		int y0, y1, baseline;
		double h;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		baseline = pango_layout_iter_get_baseline(it);
		h = (double)(y1 - y0) / PANGO_SCALE;
		if (p->y > MARGIN_TOP && p->y + before + h > limit)
			next_page(p), before = 0;
		p->y += before;
		before = 0;
		if (p->draw) {
			cairo_set_source_rgb(p->cr, 0.8 * b->red, 0, 0);
			cairo_move_to(p->cr, MARGIN_LEFT + (double)logical.x / PANGO_SCALE,
				      p->y + (double)(baseline - y0) / PANGO_SCALE);
			pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		}
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static double block_height(const struct pdf_block *b)
{
	PangoLayoutIter *it;
	double h = 0;

	if (!b->layout)
		return b->rule;
	it = pango_layout_get_iter(b->layout);
	do {
		int y0, y1;

		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		h += (double)(y1 - y0) / PANGO_SCALE;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return h;
}

static void place_all(struct pdf *p, const struct pdf_block *b, size_t n)
{
	const double limit = PAGE_H - MARGIN_BOTTOM;

	p->page = 1;
	p->y = MARGIN_TOP;
	for (size_t i = 0; i < n; i++) {
		/* The signature with its date, the contact rule with the
		 * contact: to the next page together when they do not fit
		 * here (and would on a page of their own). */
		if (b[i].keep > 1 && p->y > MARGIN_TOP) {
			double h = b[i].before;

			for (size_t j = i; j < n && j < i + (size_t)b[i].keep; j++)
				h += (j > i ? b[j].before : 0) + block_height(&b[j]);
			if (p->y + h > limit && MARGIN_TOP + h - b[i].before <= limit)
				next_page(p);
		}
		place_block(p, &b[i]);
	}
	if (p->draw) {
		page_foot(p);
		cairo_show_page(p->cr);
	}
	p->pages = p->page;
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *out = closure;

	buf_append(out, data, len);
	return out->failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* The blocks of the letter, top to bottom. Returns how many. */
static size_t pdf_blocks(const struct letter_set *set, cairo_t *cr, const struct letter_doc *d,
			 struct pdf_block *b, struct buf *scratch)
{
	const char *serif = set->serif;
	const struct layout_opts head = {.family = serif, .size = 26, .bold = true,
					 .align = PANGO_ALIGN_CENTER, .spacing = 1.2};
	const struct layout_opts column = {.family = serif, .size = BODY_PT,
					   .align = PANGO_ALIGN_CENTER, .spacing = 1.4};
	const struct layout_opts title = {.family = serif, .size = 22, .bold = true,
					  .align = PANGO_ALIGN_CENTER, .spacing = 1.4};
	const struct layout_opts centre = {.family = serif, .size = BODY_PT,
					   .align = PANGO_ALIGN_CENTER, .spacing = 1.6};
	const struct layout_opts left = {.family = serif, .size = BODY_PT,
					 .align = PANGO_ALIGN_LEFT, .spacing = 1.6};
	/* Not justified: Pango stretches only spaces, and a CJK line with
	 * one space ("1. 第一项") would get one wide gap. Lines of CJK text
	 * end within a character of the margin anyway. */
	const struct layout_opts para = {.family = serif, .size = BODY_PT,
					 .align = PANGO_ALIGN_LEFT, .indent_em = 2, .spacing = 1.6};
	/* Signature and date: right, two characters in from the margin. */
	const struct layout_opts right = {.family = serif, .size = BODY_PT,
					  .align = PANGO_ALIGN_RIGHT, .right_em = 2, .spacing = 1.6};
	const struct layout_opts small = {.family = set->sans, .size = 10.5,
					  .align = PANGO_ALIGN_LEFT, .spacing = 1.5};
	const char *p;
	size_t n = 0, len;

#define TEXT(opts, s, len, sp, r)                                                                  \
	(b[n++] = (struct pdf_block){make_layout(cr, &(opts), (s), (len)), (sp), (r), 0, 0})
	TEXT(head, d->agency, strlen(d->agency), 0, 1);
	TEXT(column, "政 府 信 息 公 开", strlen("政 府 信 息 公 开"), 2, 1);
	b[n++] = (struct pdf_block){NULL, 4, 1, 1.5, 0};
	TEXT(title, d->title, strlen(d->title), 22, 0);
	if (d->doc_number)
		TEXT(centre, d->doc_number, strlen(d->doc_number), 4, 0);
	if (d->recipient) {
		buf_reset(scratch);
		buf_printf(scratch, "%s：", d->recipient);
		TEXT(left, buf_cstr(scratch), scratch->len, 18, 0);
	}
	for (size_t at = 0; next_paragraph(&d->body, &at, &p, &len);) {
		/* Lines inside a paragraph: U+2028, a break without a new indent. */
		buf_reset(scratch);
		for (size_t i = 0; i < len; i++)
			if (p[i] == '\n')
				buf_puts(scratch, "\xe2\x80\xa8");
			else
				buf_putc(scratch, p[i]);
		TEXT(para, buf_cstr(scratch), scratch->len, 0, 0);
	}
	TEXT(right, d->agency, strlen(d->agency), 40, 0);
	if (d->issued) {
		b[n - 1].keep = 2;
		TEXT(right, d->issued, strlen(d->issued), 0, 0);
	}
	if (d->contact.len) {
		b[n++] = (struct pdf_block){NULL, 24, 0, 0.5, 2};
		TEXT(small, buf_cstr(&d->contact), d->contact.len, 3, 0);
	}
#undef TEXT
	return n;
}

enum gk_err letter_render_pdf(const struct letter_set *set, enum letter_kind k,
			      const json_t *view, const char *override, struct buf *out,
			      struct gk_errmsg *m)
{
	struct letter_doc d;
	struct pdf_block *blocks = NULL;
	struct pdf p = {0};
	struct buf scratch;
	cairo_surface_t *surface;
	cairo_status_t status;
	size_t n;
	enum gk_err err = doc_build(set, k, view, override, &d, m);

	if (!err) {
		const char *para;
		size_t len, count = 0;

		for (size_t at = 0; next_paragraph(&d.body, &at, &para, &len);)
			count++;
		if (!(blocks = calloc(count + FIXED_BLOCKS, sizeof(*blocks))))
			err = gk_errf(m, GK_ENOMEM, "letter %s: out of memory", kinds[k].id);
	}
	if (!err && !set->cjk)
		err = gk_errf(m, GK_ENOTFOUND,
			      "letter %s: no font with Chinese characters is installed "
			      "(Debian: fonts-noto-cjk)",
			      kinds[k].id);
	if (err) {
		free(blocks);
		doc_release(&d);
		return err;
	}
	surface = cairo_pdf_surface_create_for_stream(write_out, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d.title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, d.agency);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "gongkai");
	if (d.issued_date) {
		/* The letter's date, not the moment it was drawn: the same
		 * letter gives the same bytes. */
		char iso[GK_DATE_STRLEN], when[40];

		snprintf(when, sizeof(when), "%sT00:00:00+08:00", date_format(d.issued_date, iso));
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, when);
	}
	p.cr = cairo_create(surface);
	p.sans = set->sans;
	buf_init(&scratch, BODY_MAX);
	n = pdf_blocks(set, p.cr, &d, blocks, &scratch);
	/* Twice: first to count the pages, then to draw "第 N 页 共 M 页". */
	place_all(&p, blocks, n);
	p.draw = true;
	place_all(&p, blocks, n);
	for (size_t i = 0; i < n; i++)
		if (blocks[i].layout)
			g_object_unref(blocks[i].layout);
	free(blocks);
	cairo_destroy(p.cr);
	cairo_surface_finish(surface);
	status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	buf_release(&scratch);
	if (out->failed)
		err = gk_errf(m, GK_ENOMEM, "letter %s: the PDF is larger than the output allows",
			      kinds[k].id);
	else if (status != CAIRO_STATUS_SUCCESS)
		err = gk_errf(m, GK_EINTERNAL, "letter %s: cairo: %s", kinds[k].id,
			      cairo_status_to_string(status));
	doc_release(&d);
	return err;
}
