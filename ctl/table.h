/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: text tables with aligned columns. Pure.
 *
 * Fill a table row by row, cell by cell, then print it: each column is as
 * wide as its widest cell, columns are two spaces apart, numbers are right
 * aligned, and no line ends in blanks.
 */
#ifndef BONDCTL_TABLE_H
#define BONDCTL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define CTL_TABLE_COLS 16
#define CTL_TABLE_CELL 48

struct ctl_table_row {
	char cell[CTL_TABLE_COLS][CTL_TABLE_CELL];
	unsigned int n;
};

struct ctl_table {
	unsigned int ncols;
	bool right[CTL_TABLE_COLS];	/* right-align this column */
	struct ctl_table_row *rows;
	size_t nrows, cap;
	bool nomem;			/* a row could not be added */
};

/* @ncols columns, at most CTL_TABLE_COLS. */
void ctl_table_init(struct ctl_table *t, unsigned int ncols);
void ctl_table_free(struct ctl_table *t);
/* Right-align column @col (header cells too). */
void ctl_table_align_right(struct ctl_table *t, unsigned int col);
/* Start a new row; later cells go into it. */
void ctl_table_row(struct ctl_table *t);
/* The next cell of the current row; longer text is cut. */
void ctl_table_cell(struct ctl_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print every row after @indent. Returns -1 if a row was lost to ENOMEM. */
int ctl_table_print(const struct ctl_table *t, FILE *f, const char *indent);

#endif /* BONDCTL_TABLE_H */
