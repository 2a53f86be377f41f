#include "cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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
