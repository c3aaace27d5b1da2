// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every suite listed in suites.h. check's own environment variables
 * apply: CK_VERBOSITY (silent, minimal, normal, verbose), CK_RUN_SUITE and
 * CK_RUN_CASE to run one suite or test case, CK_FORK=no to debug a test in
 * the same process.
 */
#include <stdlib.h>

#include "suites.h"

typedef Suite *(*suite_ctor)(void);

#define NBOND_UNIT_ENTRY(ctor) ctor,
static const suite_ctor ctors[] = {
	NBOND_UNIT_SUITES(NBOND_UNIT_ENTRY)
};
#undef NBOND_UNIT_ENTRY

int main(void)
{
	SRunner *sr = NULL;
	size_t i;
	int failed;

	for (i = 0; i < sizeof(ctors) / sizeof(ctors[0]); i++) {
		if (!sr)
			sr = srunner_create(ctors[i]());
		else
			srunner_add_suite(sr, ctors[i]());
	}
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
