// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: a pcap trace of every PDU sent and received. Frames are written
 * as the wire carries them (Ethernet), stamped with the wall clock, as
 * pcap readers expect, and flushed at once so that a trace is complete
 * whenever it is read. The file stops growing at its size limit: a flood
 * cannot fill the disk.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <sys/time.h>
#include <pcap/pcap.h>

#include "log.h"
#include "trace.h"

#define TRACE_SNAPLEN		65535
#define TRACE_FILE_HDR_LEN	24	/* pcap's file header */
#define TRACE_REC_HDR_LEN	16	/* and each record's */

struct trace {
	pcap_t *pcap;
	pcap_dumper_t *dumper;
	const char *path;
	uint64_t size;			/* written so far */
	uint64_t max_size;
	bool full;
};

struct trace *trace_open(const char *path, uint64_t max_size)
{
	struct trace *t = calloc(1, sizeof(*t));

	if (!t) {
		log_err("trace: out of memory");
		return NULL;
	}
	t->pcap = pcap_open_dead(DLT_EN10MB, TRACE_SNAPLEN);
	if (!t->pcap) {
		log_err("trace: pcap_open_dead failed");
		goto err;
	}
	t->dumper = pcap_dump_open(t->pcap, path);
	if (!t->dumper) {
		log_err("trace: %s: %s", path, pcap_geterr(t->pcap));
		goto err;
	}
	t->path = path;
	t->size = TRACE_FILE_HDR_LEN;
	t->max_size = max_size;
	return t;
err:
	trace_close(t);
	return NULL;
}

void trace_close(struct trace *t)
{
	if (!t)
		return;
	if (t->dumper)
		pcap_dump_close(t->dumper);
	if (t->pcap)
		pcap_close(t->pcap);
	free(t);
}

void trace_frame(struct trace *t, const uint8_t *buf, size_t len)
{
	struct pcap_pkthdr hdr = { .caplen = (bpf_u_int32)len,
				   .len = (bpf_u_int32)len };

	if (!t || t->full)
		return;
	if (t->size + TRACE_REC_HDR_LEN + len > t->max_size) {
		log_warn("trace: %s reached its limit of %llu bytes; no more frames are written",
			 t->path, (unsigned long long)t->max_size);
		t->full = true;
		return;
	}
	t->size += TRACE_REC_HDR_LEN + len;
	gettimeofday(&hdr.ts, NULL);
	pcap_dump((u_char *)t->dumper, &hdr, buf);
	pcap_dump_flush(t->dumper);
}
