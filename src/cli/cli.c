#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

int cli_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gongkai %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return CLI_EXIT_USAGE;
}

bool cli_parse_date(const char *cmd, const char *opt, const char *value, gk_date *out)
{
	if (date_parse(str_from_cstr(value), out))
		return true;
	cli_usage(cmd, "%s: '%s' is not a valid date; expected YYYY-MM-DD between %d and %d", opt,
		  value, GK_DATE_MIN_YEAR, GK_DATE_MAX_YEAR);
	return false;
}

bool cli_parse_long(const char *cmd, const char *opt, const char *value, long min, long max,
		    long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end || v < min || v > max || value[0] == ' ' ||
	    value[0] == '+') {
		cli_usage(cmd, "%s: '%s' is not allowed; expected a whole number from %ld to %ld",
			  opt, value, min, max);
		return false;
	}
	*out = v;
	return true;
}

enum cli_next cli_next(const char *cmd, int argc, char **argv, int *i,
		       const struct cli_opt *opts, const struct cli_opt **opt, const char **value)
{
	const char *arg, *eq;
	size_t len;

	if (*i >= argc)
		return CLI_END;
	arg = argv[(*i)++];
	if (!strcmp(arg, "--")) {
		if (*i >= argc)
			return CLI_END;
		*value = argv[(*i)++];
		return CLI_POSITIONAL;
	}
	if (arg[0] != '-' || arg[1] == '\0') {
		*value = arg;
		return CLI_POSITIONAL;
	}
	if (!strcmp(arg, "-h"))
		arg = "--help";
	eq = strchr(arg, '=');
	len = eq ? (size_t)(eq - arg) : strlen(arg);
	for (const struct cli_opt *o = opts; o->name; o++) {
		if (strlen(o->name) != len || strncmp(o->name, arg, len) != 0)
			continue;
		*opt = o;
		if (!o->takes_value) {
			if (eq) {
				cli_usage(cmd, "%s takes no value; found '%s'", o->name, eq + 1);
				return CLI_ERROR;
			}
			*value = NULL;
		} else if (eq) {
			*value = eq + 1;
		} else if (*i < argc) {
			*value = argv[(*i)++];
		} else {
			cli_usage(cmd, "%s needs a value", o->name);
			return CLI_ERROR;
		}
		return CLI_OPTION;
	}
	cli_usage(cmd, "unknown option '%.*s'; see `gongkai %s --help`", (int)len, arg, cmd);
	return CLI_ERROR;
}

int cli_print_json(json_t *o)
{
	int rc = json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	putchar('\n');
	json_decref(o);
	return rc ? CLI_EXIT_SOFTWARE : CLI_EXIT_OK;
}

json_t *cli_json_lines(struct str text)
{
	json_t *arr = json_array();
	struct str rest = text, line;

	while (rest.ptr && rest.len) {
		rest = str_split(rest, '\n', &line);
		if (line.len)
			json_array_append_new(arr, json_stringn(line.ptr, line.len));
	}
	return arr;
}

int cli_parse(const char *cmd, int argc, char **argv, const struct cli_opt *opts,
	      const char *usage, const char **pos, int max_pos, int *n_pos, cli_option_fn *on_option,
	      void *ctx)
{
	const struct cli_opt *o;
	const char *v;
	int i = 0, status;

	*n_pos = 0;
	for (;;) {
		enum cli_next next = cli_next(cmd, argc, argv, &i, opts, &o, &v);

		if (next == CLI_END)
			return -1;
		if (next == CLI_ERROR)
			return CLI_EXIT_USAGE;
		if (next == CLI_POSITIONAL) {
			if (*n_pos == max_pos)
				return cli_usage(cmd, "unexpected argument '%s'; see `gongkai %s --help`",
						 v, cmd);
			pos[(*n_pos)++] = v;
		} else if (!strcmp(o->name, "--help")) {
			fputs(usage, stdout);
			return CLI_EXIT_OK;
		} else if ((status = on_option(ctx, o, v)) >= 0) {
			return status;
		}
	}
}
