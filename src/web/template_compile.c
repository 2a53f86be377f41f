/*
 * template_compile.c: Mustache templates compiled to op lists
 * (template_ops.h), and the set that holds them.
 *
 * mustache.js 4.2.0 is the oracle (tests/template compares the two byte for
 * byte), so where the Mustache spec and mustache.js differ this follows
 * mustache.js: a line holding only non-variable tags and white space is
 * standalone however many tags it holds; white space is JavaScript's \s
 * (U+3000 and the BOM included); a partial's indentation is text inserted
 * after every newline of its source, so it is counted from the whole text
 * before the tag ("abc {{>p}}" indents p's later lines by four spaces).
 *
 * Compiling takes two passes. scan() cuts the source into tokens, one text
 * token per line, and at each line end drops the text of standalone lines;
 * build() turns the surviving tokens into ops, copying text into one pool
 * per template and joining adjacent text.
 */
#include "web/template.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "web/template_ops.h"

#include "base/banned.h"

#define SUFFIX ".mustache"
/* Tags quoted in messages are cut here: enough to find them. */
#define QUOTE_MAX 60

/*
 * Make room for element n of v (cap allocated): v itself, or a larger copy,
 * or NULL when out of memory (v is then unchanged).
 */
static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
	size_t want = *cap ? 2 * *cap : 16;
	void *p;

	if (n < *cap)
		return v;
	if (want > SIZE_MAX / size)
		return NULL;
	p = realloc(v, want * size);
	if (p)
		*cap = want;
	return p;
}

/* The first pat (plen bytes) in s[0..n), or NULL; memmem is a GNU extension. */
static const char *find_seq(const char *s, size_t n, const char *pat, size_t plen)
{
	const char *end = s + n, *p = s;

	while (plen <= (size_t)(end - p) && (p = memchr(p, pat[0], (size_t)(end - p) - plen + 1))) {
		if (!memcmp(p, pat, plen))
			return p;
		p++;
	}
	return NULL;
}

/*
 * Length of the white-space character at p (JavaScript's \s, which
 * mustache.js uses for standalone lines and to trim names), 0 for none.
 */
static size_t js_space_len(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	if (n == 0)
		return 0;
	switch (p[0]) {
	case ' ':
	case '\t':
	case '\n':
	case '\v':
	case '\f':
	case '\r':
		return 1;
	case 0xC2: /* U+00A0 */
		return n >= 2 && p[1] == 0xA0 ? 2 : 0;
	}
	if (n < 3)
		return 0;
	if ((p[0] == 0xE1 && p[1] == 0x9A && p[2] == 0x80) || /* U+1680 */
	    (p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) || /* U+205F */
	    (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) || /* U+3000 */
	    (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF))   /* U+FEFF */
		return 3;
	if (p[0] == 0xE2 && p[1] == 0x80 &&		       /* U+2000–200A, */
	    ((p[2] >= 0x80 && p[2] <= 0x8A) || p[2] == 0xA8 || /* U+2028, 2029, */
	     p[2] == 0xA9 || p[2] == 0xAF))		       /* U+202F */
		return 3;
	return 0;
}

/* ---- compiling ---------------------------------------------------------- */

enum tok_kind {
	TOK_TEXT,
	TOK_MARK, /* a line starts here (see tpl->marks) */
	TOK_ESCAPED,
	TOK_RAW,
	TOK_SECTION,
	TOK_INVERTED,
	TOK_CLOSE,
	TOK_PARTIAL,
};

struct tok {
	enum tok_kind kind;
	bool deleted;	   /* white space of a standalone line */
	bool indentable;   /* TOK_PARTIAL: see struct op */
	bool text_before;  /* TOK_PARTIAL */
	uint32_t off, len; /* source: the text, or the name */
	uint32_t line;
	uint32_t line_start; /* TOK_PARTIAL: where its line starts */
	uint32_t prefix_len; /* TOK_PARTIAL: bytes from there to the tag */
};

struct compiler {
	const char *src;
	size_t len;
	const char *file;
	struct gk_errmsg *m;
	struct tok *toks;
	size_t n_toks, cap_toks;
	uint32_t lineno;
	/*
	 * The current line. As in mustache.js, lines end at the newlines of the
	 * text; a newline inside a tag does not end one.
	 */
	size_t line_tok; /* its first token */
	uint32_t line_start;
	unsigned line_tags;
	bool line_nonspace;	    /* non-blank text or a variable tag */
	bool line_text_nonspace;    /* non-blank text */
	size_t open[TPL_MAX_DEPTH]; /* tokens of the sections not yet closed */
	size_t n_open;
};

static enum gk_err oom(struct compiler *c)
{
	return gk_errf(c->m, GK_ENOMEM, "%s: out of memory", c->file);
}

static struct tok *push_tok(struct compiler *c, enum tok_kind kind, size_t off, size_t len)
{
	struct tok *t = grow(c->toks, &c->cap_toks, c->n_toks, sizeof(*t));

	if (!t)
		return NULL;
	c->toks = t;
	t = &c->toks[c->n_toks++];
	*t = (struct tok){
	    .kind = kind, .off = (uint32_t)off, .len = (uint32_t)len, .line = c->lineno};
	return t;
}

/* Bytes of s to quote in a message: at most QUOTE_MAX, whole characters. */
static int quote_len(const char *s, size_t n)
{
	if (n <= QUOTE_MAX)
		return (int)n;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

/* A syntax error about the tag at src[start..end). */
static enum gk_err tag_error(struct compiler *c, uint32_t line, size_t start, size_t end,
			     const char *what, const char *why)
{
	const char *tag = c->src + start;
	int n = quote_len(tag, end - start);

	return gk_errf(c->m, GK_EFORMAT, "%s:%u: %s '%.*s%s'%s", c->file, line, what, n, tag,
		       (size_t)n < end - start ? "…" : "", why);
}

static bool start_line(struct compiler *c, size_t at)
{
	c->line_tok = c->n_toks;
	c->line_start = (uint32_t)at;
	c->line_tags = 0;
	c->line_nonspace = c->line_text_nonspace = false;
	/* An empty line gets no indentation (mustache.js's indentPartial). */
	return at >= c->len || c->src[at] == '\n' || push_tok(c, TOK_MARK, at, 0);
}

/* A line of tags other than variables and white space is not output. */
static void end_line(struct compiler *c)
{
	if (!c->line_tags || c->line_nonspace)
		return;
	for (size_t i = c->line_tok; i < c->n_toks; i++)
		if (c->toks[i].kind == TOK_TEXT || c->toks[i].kind == TOK_MARK)
			c->toks[i].deleted = true;
}

static enum gk_err scan_text(struct compiler *c, size_t from, size_t to)
{
	while (from < to) {
		const char *nl = memchr(c->src + from, '\n', to - from);
		size_t end = nl ? (size_t)(nl - c->src) + 1 : to;

		if (!push_tok(c, TOK_TEXT, from, end - from))
			return oom(c);
		for (size_t i = from; i < end && !c->line_text_nonspace;) {
			size_t w = js_space_len(c->src + i, end - i);

			if (!w)
				c->line_nonspace = c->line_text_nonspace = true;
			i += w;
		}
		from = end;
		if (nl) {
			c->lineno++;
			end_line(c);
			if (!start_line(c, end))
				return oom(c);
		}
	}
	return GK_OK;
}

static size_t skip_space(const struct compiler *c, size_t p)
{
	size_t w;

	while ((w = js_space_len(c->src + p, c->len - p)))
		p += w;
	return p;
}

/*
 * Why src[from..to) is not a name, or NULL; *end gets the end of the name
 * without trailing white space. A name is "." or parts joined by single
 * dots; a partial's name may hold dots anywhere. Names are stricter than
 * mustache.js's (which looks up "a b" or "a..b" as they are) so that a
 * typo is refused rather than printed as nothing.
 */
static const char *check_name(const struct compiler *c, size_t from, size_t to, bool partial,
			      size_t *end)
{
	const char *s = c->src;
	bool space = false;

	*end = from;
	for (size_t i = from; i < to;) {
		size_t w = js_space_len(s + i, to - i);

		if (w) {
			space = true;
			i += w;
			continue;
		}
		if (space)
			return ": a name holds no white space";
		if (s[i] == '{' || s[i] == '}')
			return ": a name holds no braces";
		*end = ++i;
	}
	if (*end - from == 1 && s[from] == '.')
		return NULL;
	if (s[from] == '<' || s[from] == '$')
		return ": template inheritance is not supported";
	if (partial)
		return NULL;
	if (s[from] == '.' || s[*end - 1] == '.' || find_seq(s + from, *end - from, "..", 2))
		return ": a dotted name has no empty part";
	return NULL;
}

static enum gk_err open_section(struct compiler *c, enum tok_kind kind, size_t name, size_t len,
				size_t start, size_t end, uint32_t line)
{
	if (c->n_open == TPL_MAX_DEPTH)
		return tag_error(c, line, start, end, "section",
				 " is nested deeper than TPL_MAX_DEPTH (64)");
	if (!push_tok(c, kind, name, len))
		return oom(c);
	c->toks[c->n_toks - 1].line = line;
	c->open[c->n_open++] = c->n_toks - 1;
	return GK_OK;
}

static enum gk_err close_section(struct compiler *c, size_t name, size_t len, size_t start,
				 size_t end, uint32_t line)
{
	const struct tok *o;
	struct tok *t;

	if (!c->n_open)
		return tag_error(c, line, start, end, "closing tag", " closes no open section");
	o = &c->toks[c->open[c->n_open - 1]];
	if (o->len != len || memcmp(c->src + o->off, c->src + name, len) != 0)
		return gk_errf(c->m, GK_EFORMAT,
			       "%s:%u: closing tag '{{/%.*s}}' does not match section '%.*s' "
			       "opened on line %u",
			       c->file, line, quote_len(c->src + name, len), c->src + name,
			       quote_len(c->src + o->off, o->len), c->src + o->off, o->line);
	c->n_open--;
	t = push_tok(c, TOK_CLOSE, name, len);
	if (!t)
		return oom(c);
	t->line = line;
	return GK_OK;
}

/* The tag at src[start] ("{{"): add its token, set *next past it. */
static enum gk_err scan_tag(struct compiler *c, size_t start, size_t *next)
{
	const char *s = c->src;
	uint32_t line = c->lineno;
	bool triple;
	const char *close, *why;
	size_t p, end, name_end;
	char sigil = 0;
	struct tok *t;

	p = skip_space(c, start + 2);
	if (p < c->len && s[p] && strchr("#^/>{&=!", s[p]))
		sigil = s[p++];
	p = skip_space(c, p);
	triple = sigil == '{';
	close = find_seq(s + p, c->len - p, triple ? "}}}" : "}}", triple ? 3 : 2);
	if (!close)
		return gk_errf(c->m, GK_EFORMAT, "%s:%u: tag '%s' is not closed by '%s'", c->file,
			       line, triple ? "{{{" : "{{", triple ? "}}}" : "}}");
	end = (size_t)(close - s) + (triple ? 3 : 2);
	for (const char *q = s + start; (q = memchr(q, '\n', (size_t)(s + end - q))); q++)
		c->lineno++;
	*next = end;
	c->line_tags++;
	if (sigil == '!')
		return GK_OK;
	if (sigil == '=')
		return tag_error(c, line, start, end, "unsupported tag",
				 ": set delimiters are not supported");
	why = check_name(c, p, (size_t)(close - s), sigil == '>', &name_end);
	if (name_end == p)
		return tag_error(c, line, start, end, "empty tag", "");
	if (why)
		return tag_error(c, line, start, end, "bad name in", why);
	switch (sigil) {
	case '#':
		return open_section(c, TOK_SECTION, p, name_end - p, start, end, line);
	case '^':
		return open_section(c, TOK_INVERTED, p, name_end - p, start, end, line);
	case '/':
		return close_section(c, p, name_end - p, start, end, line);
	case '>':
		t = push_tok(c, TOK_PARTIAL, p, name_end - p);
		if (!t)
			return oom(c);
		t->line = line;
		t->indentable = c->line_tags == 1;
		t->text_before = c->line_text_nonspace;
		t->line_start = c->line_start;
		t->prefix_len = (uint32_t)start - c->line_start;
		return GK_OK;
	default:
		c->line_nonspace = true;
		t = push_tok(c, sigil ? TOK_RAW : TOK_ESCAPED, p, name_end - p);
		if (!t)
			return oom(c);
		t->line = line;
		return GK_OK;
	}
}

static enum gk_err scan(struct compiler *c)
{
	size_t pos = 0;
	enum gk_err err;

	c->lineno = 1;
	if (!start_line(c, 0))
		return oom(c);
	while (pos < c->len) {
		const char *open = find_seq(c->src + pos, c->len - pos, "{{", 2);
		size_t text_end = open ? (size_t)(open - c->src) : c->len;

		err = scan_text(c, pos, text_end);
		if (!err && open)
			err = scan_tag(c, text_end, &pos);
		if (err)
			return err;
		if (!open)
			break;
	}
	end_line(c);
	if (c->n_open) {
		const struct tok *o = &c->toks[c->open[c->n_open - 1]];

		return gk_errf(c->m, GK_EFORMAT,
			       "%s:%u: section '%.*s' opened here is never closed", c->file,
			       o->line, quote_len(c->src + o->off, o->len), c->src + o->off);
	}
	return GK_OK;
}

/*
 * The indentation mustache.js gives a partial: the text before the tag on
 * its line, each character (UTF-16 unit) made a space, spaces and tabs kept,
 * other white space dropped.
 */
static void put_indentation(struct buf *pool, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t w = js_space_len(s + i, n - i);
		unsigned char b = (unsigned char)s[i];

		if (w) {
			if (b == ' ' || b == '\t')
				buf_putc(pool, (char)b);
			i += w;
			continue;
		}
		i++;
		if (b >= 0xF0) /* outside the BMP: a surrogate pair */
			buf_puts(pool, "  ");
		else if (b < 0x80 || b >= 0xC0)
			buf_putc(pool, ' ');
	}
}

static struct op *add_op(struct tpl *t, enum op_kind kind, uint32_t off, uint32_t len,
			 uint32_t line)
{
	struct op *op = &t->ops[t->n_ops++];

	*op = (struct op){.kind = kind, .off = off, .len = len, .line = line};
	return op;
}

static const enum op_kind tag_op[] = {
    [TOK_ESCAPED] = OP_ESCAPED,	  [TOK_RAW] = OP_RAW,	      [TOK_SECTION] = OP_SECTION,
    [TOK_INVERTED] = OP_INVERTED, [TOK_PARTIAL] = OP_PARTIAL,
};

/* The tokens that survived scan() as ops of t. */
static enum gk_err build(struct compiler *c, struct tpl *t)
{
	uint32_t open[TPL_MAX_DEPTH];
	size_t n_open = 0;
	uint32_t n_marks = 0;
	struct op *text = NULL; /* the text op more text joins */
	struct buf pool;

	/* every token makes at most one op or one mark */
	t->ops = malloc((c->n_toks + 1) * sizeof(*t->ops));
	t->marks = malloc((c->n_toks + 1) * sizeof(*t->marks));
	buf_init(&pool, UINT32_MAX);
	buf_append(&pool, "", 0); /* ops may point into it before any text */
	if (!t->ops || !t->marks)
		return oom(c);
	for (size_t i = 0; i < c->n_toks; i++) {
		const struct tok *k = &c->toks[i];
		uint32_t at = (uint32_t)pool.len;
		struct op *op;

		if (k->deleted)
			continue;
		if (k->kind == TOK_TEXT || k->kind == TOK_MARK) {
			if (!text)
				text = add_op(t, OP_TEXT, at, 0, k->line);
			if (k->kind == TOK_TEXT) {
				buf_append(&pool, c->src + k->off, k->len);
				text->len += k->len;
				continue;
			}
			if (k->off == 0)
				t->line0_mark = true;
			if (!text->u.marks.count++)
				text->u.marks.first = n_marks;
			t->marks[n_marks++] = at;
			continue;
		}
		text = NULL;
		if (k->kind == TOK_CLOSE) {
			t->ops[open[--n_open]].u.end = t->n_ops;
			continue;
		}
		buf_append(&pool, c->src + k->off, k->len);
		op = add_op(t, tag_op[k->kind], at, k->len, k->line);
		if (k->kind == TOK_SECTION || k->kind == TOK_INVERTED)
			open[n_open++] = t->n_ops - 1;
		if (k->kind != TOK_PARTIAL)
			continue;
		op->u.partial.target = NO_TEMPLATE;
		op->u.partial.indentable = k->indentable;
		op->u.partial.text_before = k->text_before;
		op->u.partial.first_line = k->line_start == 0;
		op->u.partial.ind_off = (uint32_t)pool.len;
		if (k->indentable)
			put_indentation(&pool, c->src + k->line_start, k->prefix_len);
		op->u.partial.ind_len = (uint32_t)pool.len - op->u.partial.ind_off;
	}
	if (pool.failed) {
		buf_release(&pool);
		return oom(c);
	}
	t->pool = pool.data;
	return GK_OK;
}

/* ---- the set ------------------------------------------------------------ */

static void tpl_release(struct tpl *t)
{
	free(t->name);
	free(t->file);
	free(t->pool);
	free(t->ops);
	free(t->marks);
}

uint32_t tpl_find(const struct tpl_set *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->n; i++)
		if (strlen(set->tpls[i].name) == len && !memcmp(set->tpls[i].name, name, len))
			return (uint32_t)i;
	return NO_TEMPLATE;
}

/* Point the partial ops naming template i at it: those of i, and of the others. */
static void resolve(struct tpl_set *set, uint32_t i)
{
	size_t len = strlen(set->tpls[i].name);

	for (size_t k = 0; k <= i; k++) {
		struct tpl *t = &set->tpls[k];

		for (uint32_t o = 0; o < t->n_ops; o++) {
			struct op *op = &t->ops[o];

			if (op->kind != OP_PARTIAL)
				continue;
			if (k == i)
				op->u.partial.target = tpl_find(set, t->pool + op->off, op->len);
			else if (op->len == len &&
				 !memcmp(t->pool + op->off, set->tpls[i].name, len))
				op->u.partial.target = i;
		}
	}
}

struct tpl_set *tpl_set_new(void)
{
	return calloc(1, sizeof(struct tpl_set));
}

void tpl_set_free(struct tpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		tpl_release(&set->tpls[i]);
	free(set->tpls);
	free(set);
}

enum gk_err tpl_set_add(struct tpl_set *set, const char *name, const char *file, const char *text,
			size_t len, struct gk_errmsg *m)
{
	struct compiler c = {.src = text, .len = len, .file = file, .m = m};
	struct tpl t = {0};
	struct tpl *tpls;
	enum gk_err err;

	if (len > TPL_MAX_SOURCE)
		return gk_errf(m, GK_ERANGE, "%s: larger than %u KiB, the limit for one template",
			       file, TPL_MAX_SOURCE >> 10);
	if (tpl_find(set, name, strlen(name)) != NO_TEMPLATE)
		return gk_errf(m, GK_ECONFLICT, "%s: a template named '%s' is already loaded", file,
			       name);
	tpls = grow(set->tpls, &set->cap, set->n, sizeof(*tpls));
	if (!tpls)
		return oom(&c);
	set->tpls = tpls;
	t.name = strdup(name);
	t.file = strdup(file);
	err = t.name && t.file ? scan(&c) : oom(&c);
	if (!err)
		err = build(&c, &t);
	free(c.toks);
	if (err) {
		tpl_release(&t);
		return err;
	}
	set->tpls[set->n++] = t;
	resolve(set, (uint32_t)(set->n - 1));
	return GK_OK;
}

enum gk_err tpl_set_check(const struct tpl_set *set, struct gk_errmsg *m)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct tpl *t = &set->tpls[i];

		for (uint32_t o = 0; o < t->n_ops; o++) {
			const struct op *op = &t->ops[o];

			if (op->kind == OP_PARTIAL && op->u.partial.target == NO_TEMPLATE)
				return gk_errf(m, GK_EFORMAT, "%s:%u: unknown partial '%.*s'",
					       t->file, op->line,
					       quote_len(t->pool + op->off, op->len),
					       t->pool + op->off);
		}
	}
	return GK_OK;
}

int tpl_set_has(const struct tpl_set *set, const char *name)
{
	return tpl_find(set, name, strlen(name)) != NO_TEMPLATE;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NAME.mustache entries of dir, sorted so that errors come in a stable order. */
static enum gk_err list_dir(const char *dir, char ***names, size_t *n, struct gk_errmsg *m)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0, sl = strlen(SUFFIX);

	*names = NULL;
	*n = 0;
	if (!d)
		return gk_errf(m, GK_EIO, "%s: cannot open: %s", dir, strerror(errno));
	while ((errno = 0, e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char **v;

		if (e->d_name[0] == '.' || len <= sl || strcmp(e->d_name + len - sl, SUFFIX))
			continue;
		v = grow(*names, &cap, *n, sizeof(**names));
		if (v)
			*names = v;
		if (!v || !(v[*n] = strdup(e->d_name))) {
			closedir(d);
			return gk_errf(m, GK_ENOMEM, "%s: out of memory", dir);
		}
		++*n;
	}
	if (errno) {
		int saved = errno;

		closedir(d);
		return gk_errf(m, GK_EIO, "%s: cannot read: %s", dir, strerror(saved));
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(**names), by_name);
	return GK_OK;
}

enum gk_err tpl_set_load_dir(struct tpl_set *set, const char *dir, struct gk_errmsg *m)
{
	char **names;
	size_t n;
	enum gk_err err = list_dir(dir, &names, &n, m);

	for (size_t i = 0; i < n; i++) {
		struct buf path, text;

		buf_init(&path, 4096);
		buf_init(&text, 0);
		buf_printf(&path, "%s/%s", dir, names[i]);
		names[i][strlen(names[i]) - strlen(SUFFIX)] = '\0';
		if (!err && path.failed)
			err = gk_errf(m, GK_ERANGE, "%s/%s: path too long", dir, names[i]);
		if (!err)
			err = file_read_all(buf_cstr(&path), TPL_MAX_SOURCE, &text, m);
		if (!err)
			err = tpl_set_add(set, names[i], buf_cstr(&path), buf_str(&text).ptr,
					  text.len, m);
		buf_release(&text);
		buf_release(&path);
		free(names[i]);
	}
	free(names);
	return err ? err : tpl_set_check(set, m);
}
