/*
 * template.h: a Mustache-subset template engine, escaped by default.
 *
 * No acceptable packaged C engine exists (DESIGN.md), so this is ours. The
 * subset (https://mustache.github.io/mustache.5.html), rendered byte for byte
 * as mustache.js 4.2.0 renders it (tests/template, docs/templates.md):
 *   {{name}}         the value HTML-escaped (& < > " ' / ` =, mustache.js's
 *                    entityMap: &amp; &lt; &gt; &quot; &#39; &#x2F; &#x60; &#x3D;)
 *   {{{name}}}       the value raw — the one greppable way to print markup
 *   {{&name}}        the same as {{{name}}}
 *   {{a.b.c}}        dotted names; {{.}} the current value
 *   {{#name}}…{{/name}}  section: once for true (context unchanged), for
 *                    an object, a non-empty string or a non-zero number
 *                    (pushed on the context stack), once per element of an
 *                    array; not at all for JavaScript's falsy values, as in
 *                    mustache.js: false, null, missing, "" and 0 (0.0 too)
 *   {{^name}}…{{/name}}  inverted section: when the value is falsy
 *   {{>partial}}     another template of the set, rendered in the current
 *                    context (standalone partial lines keep the indentation
 *                    rules of the spec; as in mustache.js, text before a
 *                    partial tag indents the partial's later lines too)
 *   {{! comment }}   nothing
 * Standalone tags (a section, inverted, closing, partial or comment tag
 * alone on its line) remove that line, as the spec says; as in mustache.js
 * a line of several such tags is standalone too, and white space is
 * JavaScript's (U+3000 included). Not supported: set delimiters, lambdas,
 * inheritance ({{<x}}, {{$x}}); they are refused at compile time, as are
 * names with white space or braces inside and dotted names with an empty
 * part ("a..b", ".a").
 *
 * Values come from jansson objects (the same view models the JSON API
 * prints), printed as JavaScript's String(value): strings as they are,
 * reals in the shortest form that reads back (1.5, 0.1, 1e+21), true and
 * false as "true" and "false", arrays as their elements joined by commas,
 * objects as "[object Object]", null and missing names as "". Integers
 * print exactly, also past 2^53 where JavaScript would round. Name lookup
 * walks the context stack from the innermost outwards; a dotted name is
 * tried whole in each context (mustache.js, not the spec), and only object
 * members are names (no array indexes, no .length).
 *
 * Templates are compiled once at start-up (tpl_set_load_dir): a syntax
 * error is a GK_EFORMAT with "FILE:LINE: what is wrong" (unclosed section,
 * mismatched closing tag, unknown partial, empty tag, unsupported tag, bad
 * name, unterminated tag), so
 * a broken template stops the server from starting rather than a page from
 * rendering. Rendering cannot fail except for memory or the ceiling of
 * the output buffer (GK_ENOMEM) and the nesting limit TPL_MAX_DEPTH
 * (partials recursing into themselves, arrays within arrays printed).
 */
#ifndef GK_WEB_TEMPLATE_H
#define GK_WEB_TEMPLATE_H

#include <stddef.h>

#include <jansson.h>

#include "base/buf.h"
#include "base/err.h"

#define TPL_MAX_DEPTH 64      /* sections and partials nested */
#define TPL_MAX_SOURCE (1u << 20) /* one template file */

struct tpl_set;

/* An empty set; NULL when out of memory. */
struct tpl_set *tpl_set_new(void);
void tpl_set_free(struct tpl_set *set);

/*
 * Compile `text` (len bytes) as the template `name` (partials refer to it
 * by that name; file names messages, may equal name). Partials are
 * resolved when rendering, so templates may be added in any order;
 * tpl_set_check() then verifies every partial exists.
 */
enum gk_err tpl_set_add(struct tpl_set *set, const char *name, const char *file, const char *text,
			size_t len, struct gk_errmsg *m);

/*
 * Compile every NAME.mustache file of dir (not recursive) as template NAME,
 * then tpl_set_check(). Errors name the file and line.
 */
enum gk_err tpl_set_load_dir(struct tpl_set *set, const char *dir, struct gk_errmsg *m);

/* Every {{>partial}} names a template of the set: GK_EFORMAT "FILE:LINE:
 * unknown partial 'x'" otherwise. */
enum gk_err tpl_set_check(const struct tpl_set *set, struct gk_errmsg *m);

/* True when the set holds a template of that name. */
int tpl_set_has(const struct tpl_set *set, const char *name);

/*
 * Render template `name` with `view` (any JSON value; usually an object)
 * appended to out. GK_ENOTFOUND for an unknown name; GK_ENOMEM when out
 * failed; GK_ERANGE past TPL_MAX_DEPTH.
 */
enum gk_err tpl_render(const struct tpl_set *set, const char *name, const json_t *view,
		       struct buf *out, struct gk_errmsg *m);

/* Append s HTML-escaped exactly as {{name}} would (for code that writes
 * markup itself, e.g. highlighted snippets). */
void tpl_escape_html(struct buf *out, const char *s, size_t len);

#endif
