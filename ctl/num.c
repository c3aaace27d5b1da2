// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: strict parsing of the numbers commands take.
 */
#include <errno.h>
#include <stdbool.h>

#include "num.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The digits at @s up to the first non-digit (*@end) as a number, or
 * -ERANGE once it passes @limit; -EINVAL if there is no digit.
 */
static int parse_digits(const char *s, uint64_t limit, uint64_t *out,
			const char **end)
{
	uint64_t v = 0;
	bool over = false;

	if (!is_digit(*s))
		return -EINVAL;
	for (; is_digit(*s); s++) {
		if (!over)
			v = v * 10 + (uint64_t)(*s - '0');
		if (v > limit)
			over = true;
	}
	*end = s;
	if (over)
		return -ERANGE;
	*out = v;
	return 0;
}

int ctl_parse_u32(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	const char *end;
	uint64_t v;
	int err;

	err = parse_digits(s, UINT32_MAX, &v, &end);
	if (err == -EINVAL || *end)
		return -EINVAL;
	if (err || v < min || v > max)
		return -ERANGE;
	*out = (uint32_t)v;
	return 0;
}

int ctl_parse_s32(const char *s, int32_t *out)
{
	bool neg = *s == '-';
	const char *end;
	uint64_t v;
	int err;

	if (*s == '-' || *s == '+')
		s++;
	err = parse_digits(s, (uint64_t)INT32_MAX + 1, &v, &end);
	if (err == -EINVAL || *end)
		return -EINVAL;
	if (err || (!neg && v > INT32_MAX))
		return -ERANGE;
	*out = neg ? (int32_t)(-(int64_t)v) : (int32_t)v;
	return 0;
}

int ctl_parse_seconds(const char *s, uint64_t max_ns, uint64_t *out)
{
	uint64_t sec, frac = 0, scale = 100000000;
	const char *end;
	int err;

	err = parse_digits(s, max_ns / 1000000000, &sec, &end);
	if (err == -EINVAL)
		return -EINVAL;
	if (*end == '.') {
		end++;
		if (!is_digit(*end))
			return -EINVAL;
		for (; is_digit(*end); end++) {
			if (!scale)
				return -EINVAL;	/* finer than 1 ns */
			frac += (uint64_t)(*end - '0') * scale;
			scale /= 10;
		}
	}
	if (*end)
		return -EINVAL;
	if (err || sec * 1000000000 + frac > max_ns)
		return -ERANGE;
	*out = sec * 1000000000 + frac;
	return 0;
}
