#include <stdio.h>

#include "cli/cli.h"

#include "base/banned.h"

int cmd_deadline(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage("deadline", "under construction");
}
