/*
 * template_ops.h: the compiled form of a template, shared by the compiler
 * (template_compile.c) and the renderer (template_render.c). Not for other
 * modules: they use template.h.
 */
#ifndef GK_WEB_TEMPLATE_OPS_H
#define GK_WEB_TEMPLATE_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/template.h"

#define NO_TEMPLATE UINT32_MAX

enum op_kind {
	OP_TEXT,
	OP_ESCAPED, /* {{name}} */
	OP_RAW,	    /* {{{name}}}, {{&name}} */
	OP_SECTION,
	OP_INVERTED,
	OP_PARTIAL,
};

struct op {
	enum op_kind kind;
	uint32_t off, len; /* OP_TEXT: the text; the others: the name (pool bytes) */
	uint32_t line;	   /* of the tag, for messages */
	union {
		/* OP_TEXT: tpl->marks[first .. first+count) fall in this text */
		struct {
			uint32_t first, count;
		} marks;
		uint32_t end; /* OP_SECTION, OP_INVERTED: the op after the body */
		struct {
			uint32_t target;	   /* template index; NO_TEMPLATE until added */
			uint32_t ind_off, ind_len; /* its own indentation (pool) */
			bool indentable;	   /* the first tag of its line */
			bool text_before;	   /* non-blank text precedes it on the line */
			bool first_line;	   /* on line 0 of its template */
		} partial;
	} u;
};

struct tpl {
	char *name;
	char *file;
	char *pool; /* text, names and indentations the ops point into */
	struct op *ops;
	uint32_t n_ops;
	/*
	 * Pool offsets where a source line starts inside a text op: a partial
	 * rendered with indentation inserts it there (mustache.js indents the
	 * partial's source). Lines that are empty or standalone have none.
	 */
	uint32_t *marks;
	bool line0_mark; /* marks[0] starts line 0, which is not indented
			    when text precedes the partial tag */
};

struct tpl_set {
	struct tpl *tpls;
	size_t n, cap;
};

/* The index of the template named name[0..len) in set, or NO_TEMPLATE. */
uint32_t tpl_find(const struct tpl_set *set, const char *name, size_t len);

#endif
