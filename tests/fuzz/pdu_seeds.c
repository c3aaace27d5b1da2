// SPDX-License-Identifier: GPL-2.0
/*
 * Writes a seed corpus for pdu_fuzz into the directory given: a LACPDU,
 * both Marker PDUs, a padded LACPDU and a version 2 LACPDU with an extra
 * TLV, so that the fuzzer starts from frames that decode.
 */
#include <stdio.h>
#include <string.h>

#include "pdu.h"

static int write_seed(const char *dir, const char *name, const uint8_t *buf,
		      size_t len)
{
	char path[4096];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		return -1;
	}
	ok = fwrite(buf, 1, len, f) == len;
	if (fclose(f) || !ok) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const uint8_t src[LACP_ETH_ALEN] = { 0x02, 0, 0, 0, 0, 1 };
	struct lacpdu pdu = {
		.actor = { 0x8000, { 0x02, 0, 0, 0, 0, 0 }, 17, 0x8000, 1,
			   0x3d },
		.partner = { 0xffff, { 0x52, 0x54, 0, 0, 0, 9 }, 9, 0x00ff, 2,
			     0x47 },
		.collector_max_delay = 0,
	};
	struct marker_pdu marker = {
		.tlv_type = MARKER_TLV_INFO,
		.requester_port = 1,
		.requester_system = { 0x02, 0, 0, 0, 0, 0 },
		.requester_transaction_id = 42,
	};
	uint8_t buf[LACP_FRAME_LEN + 16];
	int err = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	memset(buf, 0, sizeof(buf));
	lacp_encode(&pdu, src, buf, sizeof(buf));
	err |= write_seed(argv[1], "lacpdu", buf, LACP_FRAME_LEN);
	err |= write_seed(argv[1], "lacpdu-fcs", buf, LACP_FRAME_LEN + 4);
	/* Version 2, a Port Algorithm TLV (4, 6) before the Terminator. */
	buf[15] = 2;
	memcpy(buf + 72, "\x04\x06\x00\x00\x00\x05\x00\x00", 8);
	err |= write_seed(argv[1], "lacpdu-v2", buf, LACP_FRAME_LEN);

	marker_encode(&marker, src, buf, sizeof(buf));
	err |= write_seed(argv[1], "marker-info", buf, LACP_FRAME_LEN);
	marker.tlv_type = MARKER_TLV_RESPONSE;
	marker_encode(&marker, src, buf, sizeof(buf));
	err |= write_seed(argv[1], "marker-response", buf, LACP_FRAME_LEN);
	return err ? 1 : 0;
}
