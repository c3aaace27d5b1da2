// SPDX-License-Identifier: GPL-2.0
/*
 * nbond option value tables and parsers.
 *
 * The tables list the spellings the kernel bonding driver accepts for each
 * enumerated option, with the same numbers, so that iproute2, sysfs writes
 * and scripts written for bonding work unchanged. Every option is also
 * accepted as its decimal number, as long as that number is in the table.
 *
 * Everything here is pure: the module and the unit tests share it, so the
 * few string helpers needed are written out below.
 */
#include "pure.h"
#include "values.h"

const struct nbond_value nbond_mode_values[] = {
	{ "balance-rr",		0 },
	{ "active-backup",	1 },
	{ "balance-xor",	2 },
	{ "broadcast",		3 },
	{ "802.3ad",		4 },
	{ "balance-tlb",	5 },
	{ "balance-alb",	6 },
	{ NULL,			0 }
};

const struct nbond_value nbond_xmit_policy_values[] = {
	{ "layer2",		0 },
	{ "layer3+4",		1 },
	{ "layer2+3",		2 },
	{ "encap2+3",		3 },
	{ "encap3+4",		4 },
	{ "vlan+srcmac",	5 },
	{ NULL,			0 }
};

const struct nbond_value nbond_primary_reselect_values[] = {
	{ "always",		0 },
	{ "better",		1 },
	{ "failure",		2 },
	{ NULL,			0 }
};

const struct nbond_value nbond_fail_over_mac_values[] = {
	{ "none",		0 },
	{ "active",		1 },
	{ "follow",		2 },
	{ NULL,			0 }
};

const struct nbond_value nbond_arp_validate_values[] = {
	{ "none",		0 },
	{ "active",		1 },
	{ "backup",		2 },
	{ "all",		3 },
	{ "filter",		4 },
	{ "filter_active",	5 },
	{ "filter_backup",	6 },
	{ NULL,			0 }
};

const struct nbond_value nbond_arp_all_targets_values[] = {
	{ "any",		0 },
	{ "all",		1 },
	{ NULL,			0 }
};

const struct nbond_value nbond_lacp_rate_values[] = {
	{ "slow",		0 },
	{ "fast",		1 },
	{ NULL,			0 }
};

const struct nbond_value nbond_ad_select_values[] = {
	{ "stable",		0 },
	{ "bandwidth",		1 },
	{ "count",		2 },
	{ NULL,			0 }
};

const struct nbond_value nbond_lacp_fallback_values[] = {
	{ "individual",		0 },
	{ "strict",		1 },
	{ NULL,			0 }
};

const struct nbond_value nbond_onoff_values[] = {
	{ "off",		0 },
	{ "on",			1 },
	{ NULL,			0 }
};

static bool nbond_is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool nbond_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Value of hex digit @c, or -1. */
static int nbond_hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t nbond_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

/*
 * Find the value text in @str: skip leading blanks, then drop trailing
 * blanks, at most one '\n' and the blanks before it. Sets *@len to the
 * length of the text and returns its start; *@len is 0 for blank input.
 */
static const char *nbond_trim(const char *str, size_t *len)
{
	size_t n;

	while (nbond_is_blank(*str))
		str++;
	n = nbond_strlen(str);
	while (n && nbond_is_blank(str[n - 1]))
		n--;
	if (n && str[n - 1] == '\n')
		n--;
	while (n && nbond_is_blank(str[n - 1]))
		n--;
	*len = n;
	return str;
}

/* Whether the @len characters at @s spell exactly @name. */
static bool nbond_name_eq(const char *s, size_t len, const char *name)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (name[i] != s[i])
			return false;
	return name[len] == '\0';
}

/*
 * Read the @len characters at @s as a decimal number. Returns 0, -EINVAL
 * if they are not all digits (or there are none), -ERANGE if the number
 * exceeds 32 bits.
 */
static int nbond_dec_u32(const char *s, size_t len, u32 *out)
{
	u32 v = 0;
	size_t i;

	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (!nbond_is_digit(s[i]))
			return -EINVAL;
	for (i = 0; i < len; i++) {
		u32 d = (u32)(s[i] - '0');

		if (v > (0xffffffffU - d) / 10)
			return -ERANGE;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int nbond_value_parse(const struct nbond_value *tbl, const char *str,
		      u32 *out)
{
	const struct nbond_value *v;
	const char *s;
	size_t len;
	u32 num;

	if (!tbl || !str)
		return -EINVAL;
	s = nbond_trim(str, &len);
	if (!len)
		return -EINVAL;
	for (v = tbl; v->name; v++) {
		if (nbond_name_eq(s, len, v->name)) {
			*out = v->value;
			return 0;
		}
	}
	if (nbond_dec_u32(s, len, &num) || !nbond_value_valid(tbl, num))
		return -EINVAL;
	*out = num;
	return 0;
}

const char *nbond_value_name(const struct nbond_value *tbl, u32 value)
{
	const struct nbond_value *v;

	if (!tbl)
		return NULL;
	for (v = tbl; v->name; v++)
		if (v->value == value)
			return v->name;
	return NULL;
}

bool nbond_value_valid(const struct nbond_value *tbl, u32 value)
{
	return nbond_value_name(tbl, value);
}

int nbond_parse_u32(const char *str, u32 min, u32 max, u32 *out)
{
	const char *s;
	size_t len;
	u32 num;
	int err;

	if (!str)
		return -EINVAL;
	s = nbond_trim(str, &len);
	err = nbond_dec_u32(s, len, &num);
	if (err)
		return err;
	if (num < min || num > max)
		return -ERANGE;
	*out = num;
	return 0;
}

int nbond_parse_mac(const char *str, u8 mac[6])
{
	u8 tmp[6];
	const char *s;
	size_t len;
	int i;

	if (!str)
		return -EINVAL;
	s = nbond_trim(str, &len);
	/* six octets of two digits and the five colons between them */
	if (len != 6 * 3 - 1)
		return -EINVAL;
	for (i = 0; i < 6; i++) {
		const char *p = s + i * 3;
		int hi = nbond_hex_val(p[0]);
		int lo = nbond_hex_val(p[1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		if (i < 5 && p[2] != ':')
			return -EINVAL;
		tmp[i] = (u8)(hi << 4 | lo);
	}
	for (i = 0; i < 6; i++)
		mac[i] = tmp[i];
	return 0;
}

int nbond_parse_word(const char *str, char *out, size_t size)
{
	const char *s;
	size_t len, i;

	if (!str || !size)
		return -EINVAL;
	s = nbond_trim(str, &len);
	if (len >= size)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (nbond_is_blank(s[i]) || s[i] == '\n')
			return -EINVAL;
	for (i = 0; i < len; i++)
		out[i] = s[i];
	out[len] = '\0';
	return 0;
}
