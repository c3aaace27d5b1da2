// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl's reading of /proc/locks (ctl/lacpd_check.c): which lines show
 * a lock held on a given file. The lines are as fs/locks.c prints them.
 */
#include <check.h>

#include "lacpd_check.h"
#include "suites.h"

#define MAJ 0xfe
#define MIN 0x00
#define INO 1460505UL

START_TEST(held_exclusive)
{
	const char *line = "1: FLOCK  ADVISORY  WRITE 726 fe:00:1460505 0 EOF\n";

	ck_assert(ctl_locks_line_holds(line, MAJ, MIN, INO, true));
	ck_assert(ctl_locks_line_holds(line, MAJ, MIN, INO, false));
}
END_TEST

START_TEST(held_shared)
{
	const char *line = "12: FLOCK  ADVISORY  READ  726 fe:00:1460505 0 EOF\n";

	ck_assert(!ctl_locks_line_holds(line, MAJ, MIN, INO, true));
	ck_assert(ctl_locks_line_holds(line, MAJ, MIN, INO, false));
}
END_TEST

START_TEST(another_file)
{
	const char *line = "1: FLOCK  ADVISORY  WRITE 726 fe:00:1460506 0 EOF\n";

	ck_assert(!ctl_locks_line_holds(line, MAJ, MIN, INO, false));
	ck_assert(!ctl_locks_line_holds(line, MAJ, 0x01, 1460506UL, false));
	ck_assert(!ctl_locks_line_holds(line, 0x08, MIN, 1460506UL, false));
	ck_assert(ctl_locks_line_holds(line, MAJ, MIN, 1460506UL, false));
}
END_TEST

/* A waiter holds nothing; POSIX and OFD locks are not lacpd's. */
START_TEST(not_held_by_flock)
{
	static const char *const lines[] = {
		"1: -> FLOCK  ADVISORY  WRITE 727 fe:00:1460505 0 EOF\n",
		"2: POSIX  ADVISORY  WRITE 726 fe:00:1460505 0 EOF\n",
		"3: OFDLCK ADVISORY  WRITE -1 fe:00:1460505 0 EOF\n",
		"",
		"garbage\n",
		"4: FLOCK  ADVISORY  WRITE 726 fe:00\n",
	};
	unsigned int i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		ck_assert_msg(!ctl_locks_line_holds(lines[i], MAJ, MIN, INO,
						    false), "%s", lines[i]);
}
END_TEST

Suite *lacpd_check_suite(void)
{
	Suite *s = suite_create("lacpd_check");
	TCase *tc = tcase_create("proc_locks");

	tcase_add_test(tc, held_exclusive);
	tcase_add_test(tc, held_shared);
	tcase_add_test(tc, another_file);
	tcase_add_test(tc, not_held_by_flock);
	suite_add_tcase(s, tc);
	return s;
}
