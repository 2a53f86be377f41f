/*
 * Fuzz the `gongkai deadline` argument parsing end to end: the input is
 * split at newlines into argv, then handed to cmd_deadline() exactly as
 * main() would. Dates, windows, channels, numbers and the option parser all
 * see hostile text; the only acceptable outcomes are an answer (0) or a
 * one-line refusal (2). scripts/run-fuzz closes the target's stdout and
 * stderr (-close_fd_mask=3) so the answers do not flood the log.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define MAX_ARGS 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy, *argv[MAX_ARGS];
	int argc = 0, rc;

	if (size > 4096)
		return 0;
	copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (char *p = copy; argc < MAX_ARGS;) {
		char *nl = strchr(p, '\n');
		argv[argc++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	/* --calendar would read arbitrary files; the parser is what is fuzzed. */
	for (int i = 0; i < argc; i++)
		if (strncmp(argv[i], "--calendar", 10) == 0)
			argv[i] = "--json";
	rc = cmd_deadline(argc, argv);
	if (rc != CLI_EXIT_OK && rc != CLI_EXIT_USAGE)
		abort();
	free(copy);
	return 0;
}
