// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl's JSON writer (ctl/json.c): exact output, compact and pretty,
 * escaping, and that json-c reads back what it wrote.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "json.h"
#include "suites.h"

/* Output captured from a json writer. */
struct capture {
	char *text;
	size_t len;
	FILE *f;
	struct jw j;
};

static void cap_open(struct capture *c, bool pretty)
{
	c->text = NULL;
	c->f = open_memstream(&c->text, &c->len);
	ck_assert_ptr_nonnull(c->f);
	jw_init(&c->j, c->f, pretty);
}

/* Close the stream; the caller frees c->text. */
static const char *cap_close(struct capture *c)
{
	fclose(c->f);
	return c->text;
}

/* The JSON text of one string value. */
static char *quoted(const char *s)
{
	struct capture c;

	cap_open(&c, false);
	jw_string(&c.j, s);
	cap_close(&c);
	return c.text;
}

static void check_quoted(const char *in, const char *out)
{
	char *got = quoted(in);

	ck_assert_str_eq(got, out);
	free(got);
}

START_TEST(escapes)
{
	check_quoted("plain", "\"plain\"\n");
	check_quoted("", "\"\"\n");
	check_quoted("a\"b\\c/d", "\"a\\\"b\\\\c/d\"\n");
	check_quoted("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"\n");
	check_quoted("\x01x\x1f\x7f", "\"\\u0001x\\u001f\\u007f\"\n");
}
END_TEST

START_TEST(utf8)
{
	/* Valid sequences of 2, 3 and 4 bytes pass unchanged. */
	check_quoted("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
		     "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"\n");
	/* Bytes that are not UTF-8 become U+FFFD, one per byte. */
	check_quoted("a\xff" "b", "\"a\\ufffdb\"\n");
	check_quoted("\x80", "\"\\ufffd\"\n");
	/* overlong '/' */
	check_quoted("\xc0\xaf", "\"\\ufffd\\ufffd\"\n");
	/* truncated euro sign, then the end of the string */
	check_quoted("\xe2\x82", "\"\\ufffd\\ufffd\"\n");
	/* a surrogate (U+D800) and a code point past U+10FFFF */
	check_quoted("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\"\n");
	check_quoted("\xf4\x90\x80\x80",
		     "\"\\ufffd\\ufffd\\ufffd\\ufffd\"\n");
}
END_TEST

START_TEST(compact_nesting)
{
	struct capture c;

	cap_open(&c, false);
	jw_obj_open(&c.j);
	jw_kv_arr_open(&c.j, "a");
	jw_uint(&c.j, 1);
	jw_int(&c.j, -2);
	jw_bool(&c.j, true);
	jw_bool(&c.j, false);
	jw_null(&c.j);
	jw_string(&c.j, "x");
	jw_string(&c.j, NULL);
	jw_arr_close(&c.j);
	jw_kv_obj_open(&c.j, "b");
	jw_obj_close(&c.j);
	jw_kv_arr_open(&c.j, "c");
	jw_arr_close(&c.j);
	jw_kv_obj_open(&c.j, "d");
	jw_kv_uint(&c.j, "max", UINT64_MAX);
	jw_kv_int(&c.j, "min", INT64_MIN);
	jw_obj_close(&c.j);
	jw_obj_close(&c.j);
	ck_assert_str_eq(cap_close(&c),
			 "{\"a\":[1,-2,true,false,null,\"x\",null],\"b\":{},"
			 "\"c\":[],\"d\":{\"max\":18446744073709551615,"
			 "\"min\":-9223372036854775808}}\n");
	ck_assert_uint_eq(c.j.depth, 0);
	free(c.text);
}
END_TEST

START_TEST(pretty_layout)
{
	struct capture c;

	cap_open(&c, true);
	jw_arr_open(&c.j);
	jw_obj_open(&c.j);
	jw_kv_string(&c.j, "name", "bond0");
	jw_kv_arr_open(&c.j, "ports");
	jw_string(&c.j, "eth0");
	jw_string(&c.j, "eth1");
	jw_arr_close(&c.j);
	jw_kv_obj_open(&c.j, "empty");
	jw_obj_close(&c.j);
	jw_obj_close(&c.j);
	jw_arr_close(&c.j);
	ck_assert_str_eq(cap_close(&c),
			 "[\n"
			 "  {\n"
			 "    \"name\": \"bond0\",\n"
			 "    \"ports\": [\n"
			 "      \"eth0\",\n"
			 "      \"eth1\"\n"
			 "    ],\n"
			 "    \"empty\": {}\n"
			 "  }\n"
			 "]\n");
	free(c.text);
}
END_TEST

START_TEST(empty_documents)
{
	struct capture c;

	cap_open(&c, true);
	jw_arr_open(&c.j);
	jw_arr_close(&c.j);
	ck_assert_str_eq(cap_close(&c), "[]\n");
	free(c.text);

	cap_open(&c, false);
	jw_obj_open(&c.j);
	jw_obj_close(&c.j);
	ck_assert_str_eq(cap_close(&c), "{}\n");
	free(c.text);
}
END_TEST

/* Several documents on one writer: one per line, as monitor -j prints. */
START_TEST(document_stream)
{
	struct capture c;
	int i;

	cap_open(&c, false);
	for (i = 0; i < 3; i++) {
		jw_obj_open(&c.j);
		jw_kv_int(&c.j, "n", i);
		jw_obj_close(&c.j);
	}
	ck_assert_str_eq(cap_close(&c), "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n");
	free(c.text);
}
END_TEST

/* json-c reads every string back as it was, compact and pretty. */
START_TEST(round_trip)
{
	static const char *const strings[] = {
		"", "bond0", "quote\" back\\slash", "\n\t\x01\x1f\x7f",
		"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", "a/b", "x y z",
	};
	struct json_object *root, *v;
	struct capture c;
	size_t i;
	int pretty;

	for (pretty = 0; pretty < 2; pretty++) {
		cap_open(&c, pretty);
		jw_obj_open(&c.j);
		for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
			char key[8];

			snprintf(key, sizeof(key), "k%zu", i);
			jw_kv_string(&c.j, key, strings[i]);
		}
		jw_kv_arr_open(&c.j, "nums");
		jw_int(&c.j, -5);
		jw_uint(&c.j, 4000000000u);
		jw_arr_close(&c.j);
		jw_obj_close(&c.j);
		root = json_tokener_parse(cap_close(&c));
		ck_assert_ptr_nonnull(root);
		for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
			char key[8];

			snprintf(key, sizeof(key), "k%zu", i);
			ck_assert(json_object_object_get_ex(root, key, &v));
			ck_assert_str_eq(json_object_get_string(v),
					 strings[i]);
		}
		ck_assert(json_object_object_get_ex(root, "nums", &v));
		ck_assert_int_eq(json_object_array_length(v), 2);
		ck_assert_int_eq(json_object_get_int64(
				 json_object_array_get_idx(v, 0)), -5);
		ck_assert_int_eq(json_object_get_int64(
				 json_object_array_get_idx(v, 1)), 4000000000);
		json_object_put(root);
		free(c.text);
	}
}
END_TEST

Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc;

	tc = tcase_create("strings");
	tcase_add_test(tc, escapes);
	tcase_add_test(tc, utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("structure");
	tcase_add_test(tc, compact_nesting);
	tcase_add_test(tc, pretty_layout);
	tcase_add_test(tc, empty_documents);
	tcase_add_test(tc, document_stream);
	tcase_add_test(tc, round_trip);
	suite_add_tcase(s, tc);
	return s;
}
