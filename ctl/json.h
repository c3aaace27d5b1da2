/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: a small streaming JSON writer. Pure.
 *
 * Values are written as they come: open an object or an array, give a key
 * before each member of an object, close what was opened. The writer puts
 * the commas, and with @pretty newlines and two-space indentation. When
 * the outermost value is complete it ends the line, so that a stream of
 * documents (bondctl monitor -j) has one per line when compact.
 *
 * Strings are escaped as RFC 8259 requires; bytes that are not valid UTF-8
 * (interface names may hold any byte) are written as U+FFFD.
 *
 * The names start with jw_ ("JSON writer") so as not to clash with json-c,
 * which the unit tests use to read the output back.
 */
#ifndef BONDCTL_JSON_H
#define BONDCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JW_MAX_DEPTH 16

struct jw {
	FILE *f;
	bool pretty;
	bool after_key;		/* a key was written, not its value */
	bool overflow;		/* nested deeper than JW_MAX_DEPTH */
	unsigned int depth;
	bool has_items[JW_MAX_DEPTH + 1];
};

void jw_init(struct jw *j, FILE *f, bool pretty);

void jw_obj_open(struct jw *j);
void jw_obj_close(struct jw *j);
void jw_arr_open(struct jw *j);
void jw_arr_close(struct jw *j);
void jw_key(struct jw *j, const char *key);

void jw_string(struct jw *j, const char *s);	/* NULL: null */
void jw_uint(struct jw *j, uint64_t v);
void jw_int(struct jw *j, int64_t v);
void jw_bool(struct jw *j, bool v);
void jw_null(struct jw *j);

/* A key and its value in one call. */
void jw_kv_string(struct jw *j, const char *key, const char *s);
void jw_kv_uint(struct jw *j, const char *key, uint64_t v);
void jw_kv_int(struct jw *j, const char *key, int64_t v);
void jw_kv_bool(struct jw *j, const char *key, bool v);
void jw_kv_null(struct jw *j, const char *key);
void jw_kv_obj_open(struct jw *j, const char *key);
void jw_kv_arr_open(struct jw *j, const char *key);

/* Write @s as a quoted, escaped JSON string. */
void jw_write_quoted(FILE *f, const char *s);

#endif /* BONDCTL_JSON_H */
