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

#include <jansson.h>

#include "base/date.h"
#include "base/str.h"
#include "store/store.h"

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

/*
 * Print o as indented JSON on stdout followed by a newline and release it.
 * Returns CLI_EXIT_OK, or CLI_EXIT_SOFTWARE when writing failed.
 */
int cli_print_json(json_t *o);

/* A JSON array of the non-empty '\n'-separated lines of text. */
json_t *cli_json_lines(struct str text);

/* One option a command accepts: "--name" alone or with a value. */
struct cli_opt {
	const char *name;	/* with the dashes: "--received" */
	bool takes_value;
};

enum cli_next { CLI_OPTION, CLI_POSITIONAL, CLI_END, CLI_ERROR };

/*
 * Step through argv from *i. An option is "--name value" or "--name=value";
 * "--" ends options. Returns CLI_OPTION with *opt and *value (NULL for a
 * flag), CLI_POSITIONAL with *value, CLI_END, or CLI_ERROR after printing
 * one usage line (unknown option, missing or unexpected value).
 */
enum cli_next cli_next(const char *cmd, int argc, char **argv, int *i,
		       const struct cli_opt *opts, const struct cli_opt **opt, const char **value);

/*
 * The walk every command makes over its arguments: positional arguments
 * into pos[] (more than max_pos is a usage error naming the extra one),
 * --help prints usage and ends with CLI_EXIT_OK, every other option goes
 * to on_option, which returns -1 to go on or an exit status to stop with.
 * Returns -1 when argv is consumed, else the exit status to return.
 */
typedef int cli_option_fn(void *ctx, const struct cli_opt *opt, const char *value);
int cli_parse(const char *cmd, int argc, char **argv, const struct cli_opt *opts,
	      const char *usage, const char **pos, int max_pos, int *n_pos, cli_option_fn *on_option,
	      void *ctx);

int cmd_check(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_agency(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_figure(int argc, char **argv);
int cmd_deadline(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_fee(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);

/*
 * Print "gongkai CMD: message" for a failure and return its exit status
 * (gk_err_exit_status).
 */
int cli_fail(const char *cmd, enum gk_err err, const struct gk_errmsg *m);
/*
 * Open the ledger named by --db (db NULL: a usage error). create: make the
 * file when missing (gongkai init only). On failure prints why, sets
 * *status and returns NULL.
 */
struct store *cli_open_store(const char *cmd, const char *db, bool create, int *status);
/*
 * The key that seals applicants' personal data (app/secret.h): path is --key,
 * or the database path + ".key" (gongkai init's rule) when key_opt is NULL.
 * Loaded into *key; created first when create is set and the file is
 * missing (gongkai demo). On failure prints why, sets *status, returns false.
 */
struct secret_key;
bool cli_key_load(const char *cmd, const char *db, const char *key_opt, bool create,
		  struct secret_key *key, int *status);

/* Look up an agency by code; on failure prints why, sets *status, returns false. */
bool cli_agency(const char *cmd, struct store *st, const char *code, struct store_agency *out,
		int *status);

#endif
