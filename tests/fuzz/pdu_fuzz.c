// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: lacpd's LACPDU and Marker PDU decoder (lacpd/pdu.c).
 *
 * Any input may be refused, but only with a defined result and without a
 * read past its end (AddressSanitizer watches). What is accepted must
 * survive encode -> decode unchanged, and a version 1 frame must encode
 * back to the very octets it was decoded from, reserved octets zeroed.
 */
#include <stdlib.h>
#include <string.h>

#include "pdu.h"

/* Reserved octets of each PDU, as [from, to) frame offsets. */
struct span {
	size_t from, to;
};

static const struct span lacp_reserved[] = {
	{ 33, 36 }, { 53, 56 }, { 60, 72 }, { 74, LACP_FRAME_LEN },
};

static const struct span marker_reserved[] = {
	{ 30, 32 }, { 34, LACP_FRAME_LEN },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void check_canonical(const uint8_t *data, const uint8_t *encoded,
			    const struct span *reserved, size_t n_reserved)
{
	uint8_t want[LACP_FRAME_LEN];
	size_t i;

	memcpy(want, data, sizeof(want));
	for (i = 0; i < n_reserved; i++)
		memset(want + reserved[i].from, 0,
		       reserved[i].to - reserved[i].from);
	if (memcmp(want, encoded, sizeof(want)))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t buf[LACP_FRAME_LEN];
	struct lacp_frame first, again;
	enum lacp_decode_result r;
	size_t n;

	r = lacp_decode(data, size, &first);
	if ((unsigned int)r >= LACP_DECODE_NR)
		abort();
	if (r != LACP_DECODED_LACPDU && r != LACP_DECODED_MARKER)
		return 0;
	if (size < LACP_FRAME_LEN)
		abort();

	if (r == LACP_DECODED_LACPDU)
		n = lacp_encode(&first.lacp, first.src, buf, sizeof(buf));
	else
		n = marker_encode(&first.marker, first.src, buf, sizeof(buf));
	if (n != LACP_FRAME_LEN)
		abort();
	if (lacp_decode(buf, n, &again) != r)
		abort();
	/* lacp_decode() zeroes all of *out first, padding included. */
	if (memcmp(&first, &again, sizeof(first)))
		abort();

	if (data[15] != 1)
		return 0;
	if (r == LACP_DECODED_LACPDU)
		check_canonical(data, buf, lacp_reserved, N(lacp_reserved));
	else
		check_canonical(data, buf, marker_reserved,
				N(marker_reserved));
	return 0;
}
