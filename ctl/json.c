// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: a small streaming JSON writer.
 *
 * The writer remembers, per open container, whether it holds a value yet
 * (has_items), which decides the comma, and whether a key was just written
 * (after_key), which puts the value on the key's line.
 */
#include <inttypes.h>
#include <stddef.h>

#include "json.h"

void jw_init(struct jw *j, FILE *f, bool pretty)
{
	*j = (struct jw){ .f = f, .pretty = pretty };
}

static void indent(struct jw *j)
{
	unsigned int i;

	fputc('\n', j->f);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->f);
}

/* Before a value or a key: the separator and the indentation. */
static void begin_item(struct jw *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->depth <= JW_MAX_DEPTH) {
		if (j->has_items[j->depth])
			fputc(',', j->f);
		j->has_items[j->depth] = true;
	}
	if (j->pretty)
		indent(j);
}

/* After a complete value: end the document's line at the outermost level. */
static void end_item(struct jw *j)
{
	if (j->depth == 0)
		fputc('\n', j->f);
}

static void open_container(struct jw *j, char c)
{
	begin_item(j);
	fputc(c, j->f);
	j->depth++;
	if (j->depth <= JW_MAX_DEPTH)
		j->has_items[j->depth] = false;
	else
		j->overflow = true;
}

static void close_container(struct jw *j, char c)
{
	bool had_items = true;

	if (j->depth == 0)
		return;
	if (j->depth <= JW_MAX_DEPTH)
		had_items = j->has_items[j->depth];
	j->depth--;
	if (j->pretty && had_items)
		indent(j);
	fputc(c, j->f);
	end_item(j);
}

void jw_obj_open(struct jw *j)
{
	open_container(j, '{');
}

void jw_obj_close(struct jw *j)
{
	close_container(j, '}');
}

void jw_arr_open(struct jw *j)
{
	open_container(j, '[');
}

void jw_arr_close(struct jw *j)
{
	close_container(j, ']');
}

/*
 * The length of the valid UTF-8 sequence at @s (1 to 4), or 0 if the
 * bytes there are not one: a stray continuation byte, an overlong form, a
 * surrogate, a code point past U+10FFFF or a truncated sequence.
 */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	/* Only the second byte has narrowed bounds; a NUL stops the loop. */
	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
	}
	return n;
}

void jw_write_quoted(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	fputc('"', f);
	while (*s) {
		switch (*s) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(f, "\\u%04x", *s);
				break;
			}
			n = utf8_len(s);
			if (!n) {
				fputs("\\ufffd", f);
				break;
			}
			fwrite(s, 1, n, f);
			s += n;
			continue;
		}
		s++;
	}
	fputc('"', f);
}

void jw_key(struct jw *j, const char *key)
{
	begin_item(j);
	jw_write_quoted(j->f, key);
	fputs(j->pretty ? ": " : ":", j->f);
	j->after_key = true;
}

void jw_string(struct jw *j, const char *s)
{
	if (!s) {
		jw_null(j);
		return;
	}
	begin_item(j);
	jw_write_quoted(j->f, s);
	end_item(j);
}

void jw_uint(struct jw *j, uint64_t v)
{
	begin_item(j);
	fprintf(j->f, "%" PRIu64, v);
	end_item(j);
}

void jw_int(struct jw *j, int64_t v)
{
	begin_item(j);
	fprintf(j->f, "%" PRId64, v);
	end_item(j);
}

void jw_bool(struct jw *j, bool v)
{
	begin_item(j);
	fputs(v ? "true" : "false", j->f);
	end_item(j);
}

void jw_null(struct jw *j)
{
	begin_item(j);
	fputs("null", j->f);
	end_item(j);
}

void jw_kv_string(struct jw *j, const char *key, const char *s)
{
	jw_key(j, key);
	jw_string(j, s);
}

void jw_kv_uint(struct jw *j, const char *key, uint64_t v)
{
	jw_key(j, key);
	jw_uint(j, v);
}

void jw_kv_int(struct jw *j, const char *key, int64_t v)
{
	jw_key(j, key);
	jw_int(j, v);
}

void jw_kv_bool(struct jw *j, const char *key, bool v)
{
	jw_key(j, key);
	jw_bool(j, v);
}

void jw_kv_null(struct jw *j, const char *key)
{
	jw_key(j, key);
	jw_null(j);
}

void jw_kv_obj_open(struct jw *j, const char *key)
{
	jw_key(j, key);
	jw_obj_open(j);
}

void jw_kv_arr_open(struct jw *j, const char *key)
{
	jw_key(j, key);
	jw_arr_open(j);
}
