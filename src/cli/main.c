/*
 * gongkai: the command-line entry point. Finds the subcommand in one table
 * and hands it the rest of argv.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#include "base/banned.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"check", cmd_check, "check published annual reports (年度报告) for contradictions"},
	{"deadline", cmd_deadline, "compute the statutory answer deadline of an application"},
	{"calendar", cmd_calendar, "show the working-day calendar of a year (调休 included)"},
	{"fee", cmd_fee, "compute the 信息处理费 of 国办函〔2020〕109号"},
	{"init", cmd_init, "create or migrate a ledger database"},
	{"agency", cmd_agency, "add and list agencies and their subject schemes"},
	{"import", cmd_import, "import applications, cases or documents from CSV (all or nothing)"},
	{"report", cmd_report, "compile, publish and edit the annual report from the ledger"},
	{"figure", cmd_figure, "enter a figure of table 二 that comes from another system"},
	{"demo", cmd_demo, "fill a database with a realistic demo region (演示数据)"},
	{"serve", cmd_serve, "serve the portal over HTTP (gongkai serve --db FILE)"},
	{"user", cmd_user, "add, list and disable staff accounts; set passwords (stdin)"},
	{"audit", cmd_audit, "verify the audit log's hash chain"},
};

static void print_help(FILE *out)
{
	fputs("gongkai: government information disclosure platform (政府信息公开平台)\n\n"
	      "usage: gongkai COMMAND [ARGS]\n\ncommands:\n",
	      out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n`gongkai COMMAND --help` explains a command.\n", out);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return CLI_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		print_help(stdout);
		return CLI_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 2, argv + 2);
	fprintf(stderr, "gongkai: '%s' is not a command; run `gongkai help` for the list\n",
		argv[1]);
	return CLI_EXIT_USAGE;
}
