/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The unit test suites of nbond. Each tests/unit/test_*.c file defines one
 * constructor returning its Suite; to add a file, add its constructor to
 * NBOND_UNIT_SUITES below and main.c picks it up.
 */
#ifndef NBOND_UNIT_SUITES_H
#define NBOND_UNIT_SUITES_H

#include <check.h>

#define NBOND_UNIT_SUITES(X) \
	X(hash_suite) \
	X(values_suite)

#define NBOND_UNIT_DECLARE(ctor) Suite *ctor(void);
NBOND_UNIT_SUITES(NBOND_UNIT_DECLARE)
#undef NBOND_UNIT_DECLARE

#endif /* NBOND_UNIT_SUITES_H */
