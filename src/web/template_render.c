/*
 * template_render.c: the op lists of template_ops.h rendered from jansson
 * values, as mustache.js 4.2.0 renders the same template and view.
 *
 * Rendering walks the ops with a fixed context stack and appends to the
 * caller's buffer; it allocates nothing, so a page costs its appends.
 */
#include "web/template.h"

#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/template_ops.h"

#include "base/banned.h"

/*
 * The indentation a partial is rendered with: the caller's (when the line
 * of the call got it) followed by the call's own. No allocation: each
 * level lives in the frame of render_partial().
 */
struct indent {
	const struct indent *outer; /* NULL when not included */
	const char *own;
	size_t own_len;
	bool skip_first; /* text precedes the call: line 0 is not indented */
};

struct render {
	const struct tpl_set *set;
	struct buf *out;
	struct gk_errmsg *m;
	unsigned depth; /* sections and partials entered */
	size_t top;	/* contexts on the stack */
	const json_t *stack[TPL_MAX_DEPTH + 1];
};

/* mustache.js's entityMap. */
static const char *const entity[256] = {
    ['&'] = "&amp;",  ['<'] = "&lt;",	['>'] = "&gt;",	  ['"'] = "&quot;",
    ['\''] = "&#39;", ['/'] = "&#x2F;", ['`'] = "&#x60;", ['='] = "&#x3D;",
};

void tpl_escape_html(struct buf *out, const char *s, size_t len)
{
	size_t run = 0;

	for (size_t i = 0; i < len; i++) {
		const char *e = entity[(unsigned char)s[i]];

		if (!e)
			continue;
		buf_append(out, s + run, i - run);
		buf_puts(out, e);
		run = i + 1;
	}
	buf_append(out, s + run, len - run);
}

/* n in decimal; by hand because snprintf costs more than the rest of a row. */
static void put_int(struct buf *out, json_int_t n)
{
	char d[24];
	size_t i = sizeof(d);
	/* the magnitude unsigned: -JSON_INTEGER_MIN does not fit in json_int_t */
	unsigned long long u = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;

	do
		d[--i] = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		d[--i] = '-';
	buf_append(out, d + i, sizeof(d) - i);
}

/*
 * A real as JavaScript's Number.prototype.toString prints it: the fewest
 * digits that read back as the same double, plain from 1e-7 to 1e21,
 * exponent notation outside.
 */
static void put_real(struct buf *out, double d)
{
	char e[32], digits[20];
	int k = 0, n;

	if (d == 0) { /* -0 too */
		buf_putc(out, '0');
		return;
	}
	/* whole numbers, common in views, print exactly as integers */
	if (fabs(d) < 0x1p53 && d == (double)(json_int_t)d) {
		put_int(out, (json_int_t)d);
		return;
	}
	if (d < 0) {
		buf_putc(out, '-');
		d = -d;
	}
	/*
	 * A double carries 15.95 digits, so when a shorter decimal reads back
	 * as d, rounding d to 15 digits gives it with zeros appended: try 15,
	 * then 16 and 17 (always enough), and drop the zeros. Subnormals carry
	 * fewer digits: try them from one.
	 */
	for (int prec = d < DBL_MIN ? 0 : 14; prec < 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec, d);
		if (strtod(e, NULL) == d)
			break;
	}
	/* e is "D.DDDe+XX": collect the digits, n = position of the decimal point */
	for (const char *p = e; *p != 'e'; p++)
		if (*p != '.')
			digits[k++] = *p;
	while (k > 1 && digits[k - 1] == '0')
		k--;
	n = (int)strtol(strchr(e, 'e') + 1, NULL, 10) + 1;
	if (k <= n && n <= 21) {
		buf_append(out, digits, (size_t)k);
		for (int i = k; i < n; i++)
			buf_putc(out, '0');
	} else if (0 < n && n <= 21) {
		buf_append(out, digits, (size_t)n);
		buf_putc(out, '.');
		buf_append(out, digits + n, (size_t)(k - n));
	} else if (-6 < n && n <= 0) {
		buf_puts(out, "0.");
		for (int i = n; i < 0; i++)
			buf_putc(out, '0');
		buf_append(out, digits, (size_t)k);
	} else {
		buf_putc(out, digits[0]);
		if (k > 1) {
			buf_putc(out, '.');
			buf_append(out, digits + 1, (size_t)(k - 1));
		}
		buf_printf(out, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
	}
}

/*
 * v as mustache.js turns it into text (String(v)), escaped or not: arrays
 * are their elements joined by commas, objects "[object Object]", null
 * nothing. depth bounds arrays within arrays.
 */
static enum gk_err put_value(struct render *r, const json_t *v, bool escape, unsigned depth)
{
	size_t i;
	const json_t *x;

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		if (escape)
			tpl_escape_html(r->out, json_string_value(v), json_string_length(v));
		else
			buf_append(r->out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		/*
		 * Exact, where JavaScript would round past 2^53: an identifier
		 * printed wrong is worse than a difference from the oracle.
		 */
		put_int(r->out, json_integer_value(v));
		break;
	case JSON_REAL:
		put_real(r->out, json_real_value(v));
		break;
	case JSON_TRUE:
		buf_puts(r->out, "true");
		break;
	case JSON_FALSE:
		buf_puts(r->out, "false");
		break;
	case JSON_OBJECT:
		buf_puts(r->out, "[object Object]");
		break;
	case JSON_ARRAY:
		if (depth == TPL_MAX_DEPTH)
			return gk_errf(r->m, GK_ERANGE, "arrays nested deeper than %d printed",
				       TPL_MAX_DEPTH);
		json_array_foreach(v, i, x)
		{
			enum gk_err err;

			if (i)
				buf_putc(r->out, ',');
			err = put_value(r, x, escape, depth + 1);
			if (err)
				return err;
		}
		break;
	case JSON_NULL:
		break;
	}
	return GK_OK;
}

/*
 * The value of a name, NULL when there is none. As in mustache.js, the
 * whole of a dotted name is tried in each context from the innermost out,
 * and a context holding the last part stops the search even when its
 * value is null.
 */
static const json_t *lookup(const struct render *r, const char *name, size_t len)
{
	const char *dot = memchr(name, '.', len);

	if (len == 1 && dot)
		return r->stack[r->top - 1];
	for (size_t c = r->top; c-- > 0;) {
		const json_t *v = r->stack[c];
		const char *part = name, *end = name + len;

		for (;;) {
			const char *stop = dot ? memchr(part, '.', (size_t)(end - part)) : NULL;
			const json_t *x;

			if (!json_is_object(v))
				break;
			x = json_object_getn(v, part, (size_t)((stop ? stop : end) - part));
			if (!stop && x)
				return x;
			if (!stop || !x)
				break;
			v = x;
			part = stop + 1;
		}
	}
	return NULL;
}

/* JavaScript's falsy values, as mustache.js tests a section's value. */
static bool falsy(const json_t *v)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_NULL:
	case JSON_FALSE:
		return true;
	case JSON_STRING:
		return json_string_length(v) == 0;
	case JSON_INTEGER:
		return json_integer_value(v) == 0;
	case JSON_REAL:
		return json_real_value(v) == 0;
	default:
		return false;
	}
}

static void put_indent(struct buf *out, const struct indent *ind)
{
	if (ind->outer)
		put_indent(out, ind->outer);
	buf_append(out, ind->own, ind->own_len);
}

static void put_text(struct render *r, const struct tpl *t, const struct op *op,
		     const struct indent *ind)
{
	const char *s = t->pool + op->off;
	uint32_t done = 0;

	if (!ind) {
		buf_append(r->out, s, op->len);
		return;
	}
	for (uint32_t k = op->u.marks.first; k < op->u.marks.first + op->u.marks.count; k++) {
		uint32_t at = t->marks[k] - op->off;

		buf_append(r->out, s + done, at - done);
		done = at;
		if (!(k == 0 && t->line0_mark && ind->skip_first))
			put_indent(r->out, ind);
	}
	buf_append(r->out, s + done, op->len - done);
}

static enum gk_err render_ops(struct render *r, const struct tpl *t, uint32_t from, uint32_t to,
			      const struct indent *ind);

/* Count one more level of sections and partials; refuse past the limit. */
static enum gk_err enter(struct render *r, const struct tpl *t, const struct op *op)
{
	if (r->depth == TPL_MAX_DEPTH)
		return gk_errf(r->m, GK_ERANGE,
			       "%s:%u: sections and partials nested deeper than %d (a partial "
			       "including itself?)",
			       t->file, op->line, TPL_MAX_DEPTH);
	r->depth++;
	return GK_OK;
}

/* The body of section op, once in context v (NULL: the current one). */
static enum gk_err render_body(struct render *r, const struct tpl *t, uint32_t i, const json_t *v,
			       const struct indent *ind)
{
	const struct op *op = &t->ops[i];
	enum gk_err err = enter(r, t, op);

	if (err)
		return err;
	if (v)
		r->stack[r->top++] = v;
	err = render_ops(r, t, i + 1, op->u.end, ind);
	if (v)
		r->top--;
	r->depth--;
	return err;
}

static enum gk_err render_section(struct render *r, const struct tpl *t, uint32_t i,
				  const struct indent *ind)
{
	const struct op *op = &t->ops[i];
	const json_t *v = lookup(r, t->pool + op->off, op->len);
	enum gk_err err = GK_OK;
	size_t k;
	const json_t *x;

	if (op->kind == OP_INVERTED)
		return falsy(v) || (json_is_array(v) && !json_array_size(v))
			   ? render_body(r, t, i, NULL, ind)
			   : GK_OK;
	if (falsy(v))
		return GK_OK;
	if (json_is_true(v)) /* mustache.js pushes no context for true */
		return render_body(r, t, i, NULL, ind);
	if (!json_is_array(v))
		return render_body(r, t, i, v, ind);
	json_array_foreach(v, k, x)
	{
		err = render_body(r, t, i, x, ind);
		if (err)
			break;
	}
	return err;
}

static enum gk_err render_partial(struct render *r, const struct tpl *t, const struct op *op,
				  const struct indent *ind)
{
	const struct tpl *p;
	struct indent own;
	const struct indent *use = NULL;
	enum gk_err err;

	/* mustache.js prints an unknown partial as nothing; tpl_set_check() refuses it */
	if (op->u.partial.target == NO_TEMPLATE)
		return GK_OK;
	p = &r->set->tpls[op->u.partial.target];
	if (op->u.partial.indentable) {
		/* the caller's indentation reached this line unless it is line 0 and
		   the caller's own call had text before it */
		own.outer = ind && !(op->u.partial.first_line && ind->skip_first) ? ind : NULL;
		own.own = t->pool + op->u.partial.ind_off;
		own.own_len = op->u.partial.ind_len;
		own.skip_first = op->u.partial.text_before;
		if (own.outer || own.own_len)
			use = &own;
	}
	err = enter(r, t, op);
	if (err)
		return err;
	err = render_ops(r, p, 0, p->n_ops, use);
	r->depth--;
	return err;
}

static enum gk_err render_ops(struct render *r, const struct tpl *t, uint32_t from, uint32_t to,
			      const struct indent *ind)
{
	enum gk_err err = GK_OK;

	for (uint32_t i = from; i < to && !err && !r->out->failed; i++) {
		const struct op *op = &t->ops[i];

		switch (op->kind) {
		case OP_TEXT:
			put_text(r, t, op, ind);
			break;
		case OP_ESCAPED:
		case OP_RAW:
			err = put_value(r, lookup(r, t->pool + op->off, op->len),
					op->kind == OP_ESCAPED, 0);
			break;
		case OP_SECTION:
		case OP_INVERTED:
			err = render_section(r, t, i, ind);
			i = op->u.end - 1;
			break;
		case OP_PARTIAL:
			err = render_partial(r, t, op, ind);
			break;
		}
	}
	return err;
}

enum gk_err tpl_render(const struct tpl_set *set, const char *name, const json_t *view,
		       struct buf *out, struct gk_errmsg *m)
{
	uint32_t i = tpl_find(set, name, strlen(name));
	struct render r = {.set = set, .out = out, .m = m, .top = 1, .stack = {view}};
	enum gk_err err;

	if (i == NO_TEMPLATE)
		return gk_errf(m, GK_ENOTFOUND, "no template '%s'", name);
	err = render_ops(&r, &set->tpls[i], 0, set->tpls[i].n_ops, NULL);
	if (!err && out->failed)
		err =
		    gk_errf(m, GK_ENOMEM, "%s: the page is larger than %zu bytes or memory ran out",
			    set->tpls[i].file, out->max);
	return err;
}
