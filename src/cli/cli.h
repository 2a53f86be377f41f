/*
 * cli.h: what every `gongkai` subcommand shares.
 *
 * Each subcommand lives in src/cli/cmd_<name>.c and exports one
 * cmd_<name>() taking the arguments after its name. Exit statuses follow
 * the contracts in the README: 0 success, 1 "found problems" (check), 2 bad
 * usage or unreadable input, 70 internal failure.
 */
#ifndef GK_CLI_H
#define GK_CLI_H

#include <stdbool.h>

#include "base/date.h"

#define CLI_EXIT_OK 0
#define CLI_EXIT_FINDINGS 1
#define CLI_EXIT_USAGE 2
#define CLI_EXIT_SOFTWARE 70

/*
 * Print "gongkai CMD: <message>" as one line on stderr and return
 * CLI_EXIT_USAGE, so a command can write `return cli_usage(...)`.
 */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Parse a YYYY-MM-DD option value. On failure print one line naming the
 * option, the value and the allowed form, and return false.
 */
bool cli_parse_date(const char *cmd, const char *opt, const char *value, gk_date *out);

/*
 * Parse a whole decimal number in [min, max]. On failure print one line
 * naming the option, the value and the range, and return false.
 */
bool cli_parse_long(const char *cmd, const char *opt, const char *value, long min, long max,
		    long *out);

int cmd_deadline(int argc, char **argv);

#endif
