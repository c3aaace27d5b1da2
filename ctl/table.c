// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: text tables with aligned columns.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

void ctl_table_init(struct ctl_table *t, unsigned int ncols)
{
	*t = (struct ctl_table){
		.ncols = ncols < CTL_TABLE_COLS ? ncols : CTL_TABLE_COLS,
	};
}

void ctl_table_free(struct ctl_table *t)
{
	free(t->rows);
	t->rows = NULL;
	t->nrows = 0;
	t->cap = 0;
}

void ctl_table_align_right(struct ctl_table *t, unsigned int col)
{
	if (col < CTL_TABLE_COLS)
		t->right[col] = true;
}

void ctl_table_row(struct ctl_table *t)
{
	struct ctl_table_row *rows;
	size_t cap;

	if (t->nomem)
		return;
	if (t->nrows == t->cap) {
		cap = t->cap ? 2 * t->cap : 8;
		rows = realloc(t->rows, cap * sizeof(*rows));
		if (!rows) {
			t->nomem = true;
			return;
		}
		t->rows = rows;
		t->cap = cap;
	}
	memset(&t->rows[t->nrows], 0, sizeof(t->rows[0]));
	t->nrows++;
}

void ctl_table_cell(struct ctl_table *t, const char *fmt, ...)
{
	struct ctl_table_row *row;
	va_list ap;

	if (t->nomem || !t->nrows)
		return;
	row = &t->rows[t->nrows - 1];
	if (row->n >= t->ncols)
		return;
	va_start(ap, fmt);
	vsnprintf(row->cell[row->n], CTL_TABLE_CELL, fmt, ap);
	va_end(ap);
	row->n++;
}

int ctl_table_print(const struct ctl_table *t, FILE *f, const char *indent)
{
	size_t width[CTL_TABLE_COLS] = { 0 };
	const struct ctl_table_row *row;
	unsigned int c, last;
	size_t r, len;

	for (r = 0; r < t->nrows; r++) {
		row = &t->rows[r];
		for (c = 0; c < row->n; c++) {
			len = strlen(row->cell[c]);
			if (len > width[c])
				width[c] = len;
		}
	}

	for (r = 0; r < t->nrows; r++) {
		row = &t->rows[r];
		/* The last non-empty cell: nothing is padded after it. */
		last = row->n;
		while (last > 0 && !row->cell[last - 1][0] &&
		       !t->right[last - 1])
			last--;
		fputs(indent, f);
		for (c = 0; c < last; c++) {
			if (c)
				fputs("  ", f);
			if (t->right[c])
				fprintf(f, "%*s", (int)width[c], row->cell[c]);
			else if (c + 1 == last)
				fputs(row->cell[c], f);
			else
				fprintf(f, "%-*s", (int)width[c],
					row->cell[c]);
		}
		fputc('\n', f);
	}
	return t->nomem ? -1 : 0;
}
