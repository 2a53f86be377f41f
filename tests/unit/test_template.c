/*
 * Unit tests for web/template: every feature, every compile error message,
 * linear rendering time.
 *
 * With --render-cases CASES OUTDIR the program is instead the C side of the
 * differential test (tests/cli/test_template_oracle.sh): it renders each
 * case of tests/template/cases.json into OUTDIR/NAME.out, as
 * tests/template/oracle.js does with mustache.js.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "web/template.h"

#include "base/banned.h"

/*
 * Render text as template "" (a name no partial tag can use) with the
 * templates of partials (an object of name: text, or NULL) into out. The
 * set is not checked: an unknown partial prints nothing, as in mustache.js.
 */
static enum gk_err render_case(const char *file, const char *text, size_t len, const json_t *view,
			       const json_t *partials, struct buf *out, struct gk_errmsg *m)
{
	struct tpl_set *set = tpl_set_new();
	enum gk_err err;
	const char *name;
	json_t *p;

	if (!set)
		return GK_ENOMEM;
	err = tpl_set_add(set, "", file, text, len, m);
	json_object_foreach((json_t *)partials, name, p)
	{
		if (!err)
			err = tpl_set_add(set, name, name, json_string_value(p),
					  json_string_length(p), m);
	}
	if (!err)
		err = tpl_render(set, "", view, out, m);
	tpl_set_free(set);
	return err;
}

/* The output for tpl, view and partials (JSON texts; partials may be NULL),
 * or "ERROR: message". Free it. */
static char *render(const char *tpl, const char *view, const char *partials)
{
	json_error_t jerr;
	json_t *v = json_loads(view, JSON_DECODE_ANY, &jerr);
	json_t *p = partials ? json_loads(partials, 0, &jerr) : NULL;
	struct gk_errmsg m = {{0}};
	struct buf out;
	char *s;

	if (!v || (partials && !p))
		fail_msg("bad JSON in a test: %s", jerr.text);
	buf_init(&out, 1 << 24);
	if (render_case("main.mustache", tpl, strlen(tpl), v, p, &out, &m)) {
		buf_reset(&out);
		buf_printf(&out, "ERROR: %s", m.text);
	}
	s = strdup(buf_cstr(&out));
	buf_release(&out);
	json_decref(v);
	json_decref(p);
	return s;
}

static void expect(const char *tpl, const char *view, const char *partials, const char *want)
{
	char *got = render(tpl, view, partials);

	if (strcmp(got, want))
		print_error("template: %s\n", tpl);
	assert_string_equal(got, want);
	free(got);
}

/* Compiling tpl (as "t.mustache") fails with exactly msg. */
static void expect_error(const char *tpl, const char *msg)
{
	struct tpl_set *set = tpl_set_new();
	struct gk_errmsg m = {{0}};

	assert_int_equal(tpl_set_add(set, "t", "t.mustache", tpl, strlen(tpl), &m), GK_EFORMAT);
	assert_string_equal(m.text, msg);
	assert_false(tpl_set_has(set, "t"));
	tpl_set_free(set);
}

/* Add text as template name, read from NAME.mustache. */
static enum gk_err add(struct tpl_set *set, const char *name, const char *text, struct gk_errmsg *m)
{
	char file[64];

	snprintf(file, sizeof(file), "%s.mustache", name);
	return tpl_set_add(set, name, file, text, strlen(text), m);
}

static void test_variables(void **state)
{
	(void)state;
	expect("Hello, {{name}}!", "{\"name\": \"世界\"}", NULL, "Hello, 世界!");
	expect("{{a}}|{{{a}}}|{{&a}}", "{\"a\": \"<b>&</b>\"}", NULL,
	       "&lt;b&gt;&amp;&lt;&#x2F;b&gt;|<b>&</b>|<b>&</b>");
	expect("[{{missing}}][{{{missing}}}][{{nul}}]", "{\"nul\": null}", NULL, "[][][]");
	expect("|{{ a }}|{{{ a }}}|{{& a }}|{{\ta\n}}|", "{\"a\": 1}", NULL, "|1|1|1|1|");
	/* JavaScript's \s: U+3000 around a name is trimmed as mustache.js does */
	expect("{{\u3000名称\u3000}}", "{\"名称\": \"值\"}", NULL, "值");
	expect("no tags { } }} {", "{}", NULL, "no tags { } }} {");
	expect("", "{}", NULL, "");
}

static void test_escape_table(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1024);
	/* mustache.js's entityMap, and nothing else (backslash, ; and # stay) */
	tpl_escape_html(&b, "&<>\"'/`=\\;#x", 12);
	assert_string_equal(buf_cstr(&b), "&amp;&lt;&gt;&quot;&#39;&#x2F;&#x60;&#x3D;\\;#x");
	buf_reset(&b);
	tpl_escape_html(&b, "a\0<", 3);
	assert_int_equal(b.len, 6);
	assert_memory_equal(b.data, "a\0&lt;", 6);
	buf_release(&b);
	expect("{{x}}", "{\"x\": \"<script>alert(1)</script>\"}", NULL,
	       "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;");
}

static void test_numbers(void **state)
{
	(void)state;
	expect("{{a}} {{b}} {{c}} {{d}}",
	       "{\"a\": 0, \"b\": -17, \"c\": 85, \"d\": 9007199254740991}", NULL,
	       "0 -17 85 9007199254740991");
	/* exact beyond 2^53, where JavaScript would print 9007199254740992 */
	expect("{{a}}", "{\"a\": 9007199254740993}", NULL, "9007199254740993");
	expect("{{a}} {{b}}", "{\"a\": -9223372036854775808, \"b\": 9223372036854775807}", NULL,
	       "-9223372036854775808 9223372036854775807");
	/* whole reals print as integers, below 2^53 and above */
	expect("{{a}} {{b}} {{c}} {{d}}",
	       "{\"a\": -3.0, \"b\": 9007199254740991.0, \"c\": 9007199254740992.0, \"d\": 1e19}",
	       NULL, "-3 9007199254740991 9007199254740992 10000000000000000000");
	expect("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}",
	       "{\"a\": 1.5, \"b\": 0.1, \"c\": 100.0, \"d\": -0.0, \"e\": 0.30000000000000004, "
	       "\"f\": 1.21}",
	       NULL, "1.5 0.1 100 0 0.30000000000000004 1.21");
	expect("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}}",
	       "{\"a\": 1e21, \"b\": 1e20, \"c\": 1e-7, \"d\": 1.5e-7, \"e\": 0.000001, "
	       "\"f\": 2.5e300, \"g\": 5e-324}",
	       NULL, "1e+21 100000000000000000000 1e-7 1.5e-7 0.000001 2.5e+300 5e-324");
	expect("{{a}} {{b}}", "{\"a\": 123456.789, \"b\": -1234.5}", NULL, "123456.789 -1234.5");
}

static void test_other_values(void **state)
{
	(void)state;
	/* String(v) of mustache.js: false prints, arrays join, objects say so */
	expect("{{t}} {{f}}", "{\"t\": true, \"f\": false}", NULL, "true false");
	expect("{{o}}", "{\"o\": {\"k\": 1}}", NULL, "[object Object]");
	expect("{{a}}", "{\"a\": [1, \"<\", null, [2, [3]], {}, false, 0.5]}", NULL,
	       "1,&lt;,,2,3,[object Object],false,0.5");
	expect("{{{a}}}", "{\"a\": [\"<\", \"&\"]}", NULL, "<,&");
	expect("{{.}}", "\"top\"", NULL, "top");
	expect("[{{.}}][{{a}}]", "null", NULL, "[][]");
}

static void test_dotted_names(void **state)
{
	(void)state;
	expect("{{a.b.c}}", "{\"a\": {\"b\": {\"c\": \"deep\"}}}", NULL, "deep");
	expect("[{{a.b.c}}]", "{\"a\": {}}", NULL, "[]");
	expect("[{{a.b.c}}]", "{\"a\": {\"b\": \"string\"}}", NULL, "[]");
	/* the first part found does not stop the search (mustache.js, not the spec) */
	expect("{{#a}}{{b.c}}{{/a}}", "{\"a\": {\"b\": {}}, \"b\": {\"c\": \"outer\"}}", NULL,
	       "outer");
	/* the last part present, even as null, does */
	expect("{{#a}}[{{b.c}}]{{/a}}",
	       "{\"a\": {\"b\": {\"c\": null}}, \"b\": {\"c\": \"outer\"}}", NULL, "[]");
	expect("{{#a.b}}{{c}}{{x}}{{/a.b}}", "{\"a\": {\"b\": {\"c\": 1}}, \"x\": 2}", NULL, "12");
	expect("{{#p}}{{name}}{{/p}}", "{\"name\": \"outer\", \"p\": {\"name\": null}}", NULL, "");
}

/* What {{#v}}…{{/v}} and {{^v}}…{{/v}} print for each kind of value. */
static void test_truthiness(void **state)
{
	static const struct {
		const char *value, *section, *inverted;
	} cases[] = {
	    /* JavaScript's falsy values, and the empty array */
	    {"false", "", "no"},
	    {"null", "", "no"},
	    {"\"\"", "", "no"},
	    {"0", "", "no"},
	    {"0.0", "", "no"},
	    {"[]", "", "no"},
	    /* true keeps the context (the view here); the others are pushed */
	    {"true", "[[object Object]]", ""},
	    {"{}", "[[object Object]]", ""},
	    {"\"s\"", "[s]", ""},
	    {"-1", "[-1]", ""},
	    {"0.5", "[0.5]", ""},
	    /* an array: once per element, falsy ones included */
	    {"[1, 0, false]", "[1][0][false]", ""},
	    {"[[]]", "[]", ""},
	    {"[null]", "[]", ""},
	};
	char view[64], *got;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(view, sizeof(view), "{\"v\": %s}", cases[i].value);
		got = render("{{#v}}[{{{.}}}]{{/v}}", view, NULL);
		if (strcmp(got, cases[i].section))
			fail_msg("{{#v}} with %s: '%s', expected '%s'", cases[i].value, got,
				 cases[i].section);
		free(got);
		got = render("{{^v}}no{{/v}}", view, NULL);
		if (strcmp(got, cases[i].inverted))
			fail_msg("{{^v}} with %s: '%s', expected '%s'", cases[i].value, got,
				 cases[i].inverted);
		free(got);
	}
	expect("{{#t}}{{k}}{{/t}}", "{\"t\": true, \"k\": 1}", NULL, "1");
	expect("{{#s}}{{.}}{{x}}{{/s}}", "{\"s\": \"str\", \"x\": \"!\"}", NULL, "str!");
}

static void test_sections(void **state)
{
	(void)state;
	expect("{{#list}}({{item}}){{/list}}", "{\"list\": [{\"item\": 1}, {\"item\": 2}]}", NULL,
	       "(1)(2)");
	expect("{{#rows}}<{{#.}}{{.}},{{/.}}>{{/rows}}", "{\"rows\": [[1, 2], [], [\"三\"]]}", NULL,
	       "<1,2,><><三,>");
	expect("{{#a}}{{#b}}{{c}}{{x}}{{/b}}{{/a}}",
	       "{\"x\": \"X\", \"a\": {\"b\": [{\"c\": 1}, {\"c\": 2, \"x\": \"Y\"}]}}", NULL,
	       "1X2Y");
	expect("| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", "{\"bool\": true}", NULL,
	       "| A B C D E |");
	expect("{{# a }}x{{/ a }}", "{\"a\": 1}", NULL, "x");
	expect("{{^list}}{{n}}{{/list}}{{^e}}empty{{/e}}", "{\"list\": [1], \"e\": []}", NULL,
	       "empty");
}

static void test_standalone_lines(void **state)
{
	(void)state;
	expect("| This Is\n{{#b}}\n|\n{{/b}}\n| A Line\n", "{\"b\": true}", NULL,
	       "| This Is\n|\n| A Line\n");
	expect("| This Is\n  {{^b}}\n|\n  {{/b}}\n| A Line\n", "{\"b\": false}", NULL,
	       "| This Is\n|\n| A Line\n");
	expect("|\r\n{{#b}}\r\n{{/b}}\r\n|", "{\"b\": true}", NULL, "|\r\n|");
	expect("  {{#b}}\n#{{/b}}\n/", "{\"b\": true}", NULL, "#\n/");
	expect("#{{#b}}\n/\n  {{/b}}", "{\"b\": true}", NULL, "#\n/\n");
	expect("Begin.\n  {{! comment }}\nEnd.\n", "{}", NULL, "Begin.\nEnd.\n");
	expect("Begin.\n  {{!\n  multi\n  }}\nEnd.\n", "{}", NULL, "Begin.\nEnd.\n");
	/* mustache.js: several non-variable tags on a line are standalone too */
	expect("a\n {{#x}}{{/x}} {{! c }}\t\nb\n", "{\"x\": true}", NULL, "a\nb\n");
	/* a variable, or other text, keeps the line */
	expect("a\n  {{#s}}{{v}}{{/s}}  \nb\n", "{\"s\": true, \"v\": \"\"}", NULL, "a\n    \nb\n");
	expect(" | {{#b}}\t|\t{{/b}} | \n", "{\"b\": true}", NULL, " | \t|\t | \n");
	/* JavaScript's white space: U+3000 and the BOM count */
	expect("甲\n\u3000{{#a}}\u3000\n乙\n{{/a}}\n", "{\"a\": true}", NULL, "甲\n乙\n");
	expect("\ufeff{{#a}}\nx\n{{/a}}\n", "{\"a\": true}", NULL, "x\n");
	expect("a\n   \n\t\nb", "{}", NULL, "a\n   \n\t\nb");
}

static void test_comments(void **state)
{
	(void)state;
	expect("12345{{! Comment Block! }}67890", "{}", NULL, "1234567890");
	expect("12345 {{! c }} 67890", "{}", NULL, "12345  67890");
	expect("a{{! {{not a tag}} b", "{}", NULL, "a b");
	expect("a{{ ! spaced }}b", "{}", NULL, "ab");
	expect("  12 {{! 34 }}\n", "{}", NULL, "  12 \n");
}

static void test_partials(void **state)
{
	(void)state;
	expect("\"{{>text}}\"", "{}", "{\"text\": \"from partial\"}", "\"from partial\"");
	expect("\"{{>missing}}\"", "{}", NULL, "\"\"");
	expect("{{#p}}{{>row}}{{/p}}", "{\"p\": {\"t\": \"<\"}, \"t\": \"outer\"}",
	       "{\"row\": \"[{{t}}]\"}", "[&lt;]");
	expect("{{>node}}",
	       "{\"c\": 1, \"kids\": [{\"c\": 2, \"kids\": [{\"c\": 3, \"kids\": []}]}]}",
	       "{\"node\": \"{{c}}({{#kids}}{{>node}}{{/kids}})\"}", "1(2(3()))");
	expect("|{{> p }}|", "{}", "{\"p\": \"[]\"}", "|[]|");
	expect("| {{>p}} |", "{}", "{\"p\": \"\\t|\\t\"}", "| \t|\t |");
}

static void test_partial_indentation(void **state)
{
	(void)state;
	/* a standalone partial: every non-empty line of it indented */
	expect("\\\n {{>p}}\n/\n", "{\"c\": \"<\\n->\"}", "{\"p\": \"|\\n{{{c}}}\\n|\\n\"}",
	       "\\\n |\n <\n->\n |\n/\n");
	expect("\t{{>p}}\n", "{}", "{\"p\": \"a\\n\\n\\nb\\n\\n\"}", "\ta\n\n\n\tb\n\n");
	expect("  {{>p}}\n>", "{}", "{\"p\": \">\\n>\"}", "  >\n  >>");
	expect(">\n  {{>p}}", "{}", "{\"p\": \">\\n>\"}", ">\n  >\n  >");
	expect("|\r\n{{>p}}\r\n|", "{}", "{\"p\": \">\"}", "|\r\n>|");
	/* mustache.js: text before the tag indents the later lines by its width */
	expect("abc {{>p}}|\n", "{}", "{\"p\": \"x\\ny\\n\"}", "abc x\n    y\n|\n");
	expect("标题 {{>p}}\n", "{}", "{\"p\": \"一\\n二\"}", "标题 一\n   二\n");
	expect("😀{{>p}}\n", "{}", "{\"p\": \"a\\nb\"}", "😀a\n  b\n");
	/* not the first tag of its line: no indentation */
	expect("  {{! c }}{{>p}}\n", "{}", "{\"p\": \"a\\nb\\n\"}", "a\nb\n");
	expect("  {{d}}  {{>p}}\n", "{\"d\": \"|\"}", "{\"p\": \">\\n>\"}", "  |  >\n>\n");
	/* nested: the inner partial adds its own indentation to the outer's */
	expect("  {{>o}}\n", "{\"v\": \"V\"}",
	       "{\"o\": \"o1\\n  {{>i}}\\no2 {{>i}}\\n\", \"i\": \"i1 {{v}}\\ni2\\n\"}",
	       "  o1\n    i1 V\n    i2\n  o2 i1 V\n     i2\n\n");
	/* on line 0 of a partial called after text, the caller's indentation is not
	   inherited */
	expect("x {{>o}}\n", "{}", "{\"o\": \"{{>i}}\\n  {{>i}}\\n\", \"i\": \"i1\\ni2\\n\"}",
	       "x i1\ni2\n    i1\n    i2\n\n");
	/* sections repeat the indentation of the lines inside them */
	expect("<ul>\n  {{>items}}\n</ul>\n", "{\"items\": [{\"t\": \"a\"}, {\"t\": \"b\"}]}",
	       "{\"items\": \"{{#items}}\\n<li>{{t}}</li>\\n{{/items}}\\n\"}",
	       "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n");
	/* a closing tag that is not standalone gets the indentation in its body */
	expect(" {{>p}}\n", "{\"a\": [1, 2]}", "{\"p\": \"{{#a}}\\n{{.}}\\n{{/a}} tail\\n\"}",
	       " 1\n  2\n  tail\n");
	/* a value's own newlines are not indented */
	expect("  {{>p}}\n", "{\"v\": \"l1\\nl2\"}", "{\"p\": \"[{{v}}]\\n\"}", "  [l1\nl2]\n");
}

static void test_compile_errors(void **state)
{
	(void)state;
	expect_error("a\n{{#rows}}\n<tr>\n", "t.mustache:2: section 'rows' opened here is never "
					     "closed");
	expect_error(
	    "{{#a}}\n{{#b}}\n{{/a}}\n",
	    "t.mustache:3: closing tag '{{/a}}' does not match section 'b' opened on line 2");
	expect_error("x\n\n{{/a}}", "t.mustache:3: closing tag '{{/a}}' closes no open section");
	expect_error("{{}}", "t.mustache:1: empty tag '{{}}'");
	expect_error("a\n{{# }}", "t.mustache:2: empty tag '{{# }}'");
	expect_error("{{{ }}}", "t.mustache:1: empty tag '{{{ }}}'");
	expect_error("{{>}}", "t.mustache:1: empty tag '{{>}}'");
	expect_error("{{=<% %>=}}", "t.mustache:1: unsupported tag '{{=<% %>=}}': set delimiters "
				    "are not supported");
	expect_error("{{<layout}}{{/layout}}", "t.mustache:1: bad name in '{{<layout}}': template "
					       "inheritance is not supported");
	expect_error("{{$block}}", "t.mustache:1: bad name in '{{$block}}': template inheritance "
				   "is not supported");
	expect_error("line\n{{name", "t.mustache:2: tag '{{' is not closed by '}}'");
	expect_error("{{{name}}", "t.mustache:1: tag '{{{' is not closed by '}}}'");
	expect_error("{{!\n\n", "t.mustache:1: tag '{{' is not closed by '}}'");
	expect_error("{{a b}}", "t.mustache:1: bad name in '{{a b}}': a name holds no white space");
	expect_error("{{#a\u3000b}}", "t.mustache:1: bad name in '{{#a\u3000b}}': a name holds no "
				      "white space");
	expect_error("{{{a}b}}}", "t.mustache:1: bad name in '{{{a}b}}}': a name holds no braces");
	expect_error("{{a..b}}", "t.mustache:1: bad name in '{{a..b}}': a dotted name has no empty "
				 "part");
	expect_error("{{.a}}",
		     "t.mustache:1: bad name in '{{.a}}': a dotted name has no empty part");
	expect_error("{{#a.}}{{/a.}}", "t.mustache:1: bad name in '{{#a.}}': a dotted name has no "
				       "empty part");
	expect_error("{{> a b}}", "t.mustache:1: bad name in '{{> a b}}': a name holds no white "
				  "space");
	/* lines count the newlines inside tags */
	expect_error("{{!\n\n}}\n{{}}", "t.mustache:4: empty tag '{{}}'");
	/* long tags are quoted in part, on a character boundary */
	expect_error("{{#一二三四五六七八九十一二三四五六七八九十 x}}",
		     "t.mustache:1: bad name in '{{#一二三四五六七八九十一二三四五六七八九…': a "
		     "name holds no white space");
}

static void test_nesting_limit(void **state)
{
	struct buf t;
	struct gk_errmsg m;
	struct tpl_set *set = tpl_set_new();

	(void)state;
	buf_init(&t, 1 << 16);
	for (int i = 0; i < TPL_MAX_DEPTH; i++)
		buf_puts(&t, "{{#a}}");
	for (int i = 0; i < TPL_MAX_DEPTH; i++)
		buf_puts(&t, "{{/a}}");
	assert_int_equal(tpl_set_add(set, "ok", "ok", t.data, t.len, &m), GK_OK);
	buf_reset(&t);
	for (int i = 0; i <= TPL_MAX_DEPTH; i++)
		buf_puts(&t, "{{#a}}\n");
	assert_int_equal(tpl_set_add(set, "deep", "deep.mustache", t.data, t.len, &m), GK_EFORMAT);
	assert_string_equal(m.text, "deep.mustache:65: section '{{#a}}' is nested deeper than "
				    "TPL_MAX_DEPTH (64)");
	buf_release(&t);
	tpl_set_free(set);
}

static void test_set(void **state)
{
	struct tpl_set *set = tpl_set_new();
	struct gk_errmsg m;
	struct buf out;
	char *big;

	(void)state;
	buf_init(&out, 1 << 16);
	assert_int_equal(add(set, "page", "{{>head}}\n{{>body}}", &m), GK_OK);
	assert_true(tpl_set_has(set, "page"));
	assert_false(tpl_set_has(set, "head"));
	assert_int_equal(tpl_set_check(set, &m), GK_EFORMAT);
	assert_string_equal(m.text, "page.mustache:1: unknown partial 'head'");
	/* partials may be added after the templates that use them */
	assert_int_equal(add(set, "head", "H", &m), GK_OK);
	assert_int_equal(tpl_set_check(set, &m), GK_EFORMAT);
	assert_string_equal(m.text, "page.mustache:2: unknown partial 'body'");
	assert_int_equal(add(set, "body", "B{{x}}", &m), GK_OK);
	assert_int_equal(tpl_set_check(set, &m), GK_OK);
	assert_int_equal(tpl_render(set, "page", NULL, &out, &m), GK_OK);
	assert_string_equal(buf_cstr(&out), "HB"); /* a standalone partial line */
	assert_int_equal(tpl_set_add(set, "head", "other.mustache", "", 0, &m), GK_ECONFLICT);
	assert_string_equal(m.text, "other.mustache: a template named 'head' is already loaded");
	assert_int_equal(tpl_render(set, "nope", NULL, &out, &m), GK_ENOTFOUND);
	assert_string_equal(m.text, "no template 'nope'");
	big = calloc(1, TPL_MAX_SOURCE + 1);
	assert_int_equal(tpl_set_add(set, "big", "big.mustache", big, TPL_MAX_SOURCE + 1, &m),
			 GK_ERANGE);
	assert_string_equal(m.text,
			    "big.mustache: larger than 1024 KiB, the limit for one template");
	free(big);
	buf_release(&out);
	tpl_set_free(set);
	tpl_set_free(NULL);
}

static void test_render_errors(void **state)
{
	struct tpl_set *set = tpl_set_new();
	struct gk_errmsg m;
	struct buf out;
	json_t *view = json_pack("{s:b, s:s}", "a", 1, "s", "0123456789");

	(void)state;
	assert_int_equal(add(set, "loop", "x\n{{#a}}{{>loop}}{{/a}}", &m), GK_OK);
	assert_int_equal(add(set, "long", "{{#a}}{{s}}{{/a}}{{s}}", &m), GK_OK);
	buf_init(&out, 1 << 16);
	assert_int_equal(tpl_render(set, "loop", view, &out, &m), GK_ERANGE);
	assert_string_equal(m.text, "loop.mustache:2: sections and partials nested deeper than 64 "
				    "(a partial including itself?)");
	buf_release(&out);
	buf_init(&out, 15);
	assert_int_equal(tpl_render(set, "long", view, &out, &m), GK_ENOMEM);
	assert_string_equal(m.text, "long.mustache: the page is larger than 15 bytes or memory ran "
				    "out");
	buf_release(&out);
	json_decref(view);
	tpl_set_free(set);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_load_dir(void **state)
{
	char dir[] = "/tmp/gk-template-XXXXXX", path[512];
	struct tpl_set *set = tpl_set_new();
	struct gk_errmsg m;
	struct buf out;
	json_t *view = json_pack("{s:s}", "title", "公开<目录>");

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_file(dir, "page.mustache", "<h1>{{title}}</h1>\n{{>footer}}");
	write_file(dir, "footer.mustache", "<footer/>\n");
	write_file(dir, "notes.txt", "{{#not a template");
	assert_int_equal(tpl_set_load_dir(set, dir, &m), GK_OK);
	assert_true(tpl_set_has(set, "page"));
	assert_true(tpl_set_has(set, "footer"));
	assert_false(tpl_set_has(set, "notes"));
	buf_init(&out, 1 << 16);
	assert_int_equal(tpl_render(set, "page", view, &out, &m), GK_OK);
	assert_string_equal(buf_cstr(&out), "<h1>公开&lt;目录&gt;</h1>\n<footer/>\n");
	tpl_set_free(set);

	/* a syntax error names the file and line; an unknown partial is refused */
	write_file(dir, "broken.mustache", "ok\n{{#list}}\n");
	set = tpl_set_new();
	assert_int_equal(tpl_set_load_dir(set, dir, &m), GK_EFORMAT);
	snprintf(path, sizeof(path),
		 "%s/broken.mustache:2: section 'list' opened here is never "
		 "closed",
		 dir);
	assert_string_equal(m.text, path);
	tpl_set_free(set);
	write_file(dir, "broken.mustache", "{{>nav}}");
	set = tpl_set_new();
	assert_int_equal(tpl_set_load_dir(set, dir, &m), GK_EFORMAT);
	snprintf(path, sizeof(path), "%s/broken.mustache:1: unknown partial 'nav'", dir);
	assert_string_equal(m.text, path);
	tpl_set_free(set);

	for (const char *const *f = (const char *const[]){"page", "footer", "broken", NULL}; *f;
	     f++) {
		snprintf(path, sizeof(path), "%s/%s.mustache", dir, *f);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	unlink(path);
	rmdir(dir);
	set = tpl_set_new();
	assert_int_equal(tpl_set_load_dir(set, dir, &m), GK_EIO);
	tpl_set_free(set);
	buf_release(&out);
	json_decref(view);
}

static const char table_tpl[] =
    "<table>\n"
    "{{#rows}}\n"
    "  <tr class=\"{{#ok}}ok{{/ok}}{{^ok}}pending{{/ok}}\"><td>{{i}}</td><td>{{name}}</td>"
    "<td>{{amount}}</td></tr>\n"
    "{{/rows}}\n"
    "</table>\n";

static json_t *table_view(int n)
{
	json_t *rows = json_array();
	char name[64];

	for (int i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "文件%d <%d>", i, i);
		json_array_append_new(rows, json_pack("{s:i, s:s, s:b, s:f}", "i", i, "name", name,
						      "ok", i % 3 == 0, "amount", i * 1.25));
	}
	return json_pack("{s:o}", "rows", rows);
}

/* Seconds for the best of three renderings of n rows. */
static double time_table(const struct tpl_set *set, int n, struct buf *out)
{
	json_t *view = table_view(n);
	double best = 1e9;
	struct gk_errmsg m;

	for (int k = 0; k < 3; k++) {
		struct timespec a, b;

		buf_reset(out);
		clock_gettime(CLOCK_MONOTONIC, &a);
		assert_int_equal(tpl_render(set, "table", view, out, &m), GK_OK);
		clock_gettime(CLOCK_MONOTONIC, &b);
		if ((double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9 < best)
			best = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	}
	json_decref(view);
	return best;
}

static void test_large_table(void **state)
{
	struct tpl_set *set = tpl_set_new();
	struct gk_errmsg m;
	struct buf out;
	double t1, t16;

	(void)state;
	assert_int_equal(tpl_set_add(set, "table", "table", table_tpl, strlen(table_tpl), &m),
			 GK_OK);
	buf_init(&out, 1 << 26);
	t1 = time_table(set, 1000, &out);
	assert_non_null(strstr(buf_cstr(&out), "<table>\n  <tr class=\"ok\"><td>0</td><td>文件0 "
					       "&lt;0&gt;</td><td>0</td></tr>\n  <tr class=\""
					       "pending\"><td>1</td><td>文件1 &lt;1&gt;</td><td>"
					       "1.25</td></tr>\n"));
	assert_non_null(strstr(buf_cstr(&out), "<td>999</td><td>文件999 &lt;999&gt;</td><td>"
					       "1248.75</td></tr>\n</table>\n"));
	/* 16 times the rows: about 16 times the time when linear, 256 if quadratic */
	t16 = time_table(set, 16000, &out);
	print_message("# 1,000 rows: %.2f ms; 16,000 rows: %.2f ms (%zu bytes)\n", t1 * 1e3,
		      t16 * 1e3, out.len);
	assert_true(t16 < 64 * t1 + 0.005);
	buf_release(&out);
	tpl_set_free(set);
}

/* --render-cases: the C side of tests/cli/test_template_oracle.sh. */
static int render_cases(const char *cases, const char *outdir)
{
	json_error_t jerr;
	json_t *all = json_load_file(cases, 0, &jerr), *c;
	struct buf out, path;
	size_t i;

	if (!json_is_array(all)) {
		fprintf(stderr, "%s:%d: %s\n", cases, jerr.line, jerr.text);
		return 2;
	}
	mkdir(outdir, 0777);
	buf_init(&out, 1 << 26);
	buf_init(&path, 4096);
	json_array_foreach(all, i, c)
	{
		const char *name = json_string_value(json_object_get(c, "name"));
		json_t *tpl = json_object_get(c, "template");
		struct gk_errmsg m;
		FILE *f;

		buf_reset(&out);
		buf_reset(&path);
		buf_printf(&path, "%s/%s.out", outdir, name);
		if (render_case(name, json_string_value(tpl), json_string_length(tpl),
				json_object_get(c, "data"), json_object_get(c, "partials"), &out,
				&m)) {
			buf_reset(&out);
			buf_printf(&out, "ERROR: %s\n", m.text);
		}
		f = fopen(buf_cstr(&path), "wb");
		if (!f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f)) {
			perror(buf_cstr(&path));
			return 2;
		}
	}
	buf_release(&out);
	buf_release(&path);
	json_decref(all);
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_variables),
	    cmocka_unit_test(test_escape_table),
	    cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_other_values),
	    cmocka_unit_test(test_dotted_names),
	    cmocka_unit_test(test_truthiness),
	    cmocka_unit_test(test_sections),
	    cmocka_unit_test(test_standalone_lines),
	    cmocka_unit_test(test_comments),
	    cmocka_unit_test(test_partials),
	    cmocka_unit_test(test_partial_indentation),
	    cmocka_unit_test(test_compile_errors),
	    cmocka_unit_test(test_nesting_limit),
	    cmocka_unit_test(test_set),
	    cmocka_unit_test(test_render_errors),
	    cmocka_unit_test(test_load_dir),
	    cmocka_unit_test(test_large_table),
	};

	if (argc == 4 && !strcmp(argv[1], "--render-cases"))
		return render_cases(argv[2], argv[3]);
	return cmocka_run_group_tests_name("template", tests, NULL, NULL);
}
