/*
 * shared.h: how unit tests find the project's shared material (../shared
 * beside the repository, named by GK_SHARED_DIR in scripts/run-tests).
 * Tests that need it skip with a message when it is absent.
 */
#ifndef GK_TEST_SHARED_H
#define GK_TEST_SHARED_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/*
 * Put the path of file inside the shared directory into out and return
 * true when it exists; otherwise print "skip: ..." and return false.
 */
static inline int shared_path(const char *file, char *out, size_t size)
{
	const char *dir = getenv("GK_SHARED_DIR");

	if (!dir || !*dir) {
		printf("skip: GK_SHARED_DIR is not set; %s not compared\n", file);
		return 0;
	}
	snprintf(out, size, "%s/%s", dir, file);
	if (access(out, R_OK) != 0) {
		printf("skip: %s is absent; not compared\n", out);
		return 0;
	}
	return 1;
}

#endif
