/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: --trace FILE.pcap, the PDUs sent and received, with libpcap.
 */
#ifndef LACPD_TRACE_H
#define LACPD_TRACE_H

#include <stddef.h>
#include <stdint.h>

struct trace;

/*
 * Open @path for writing (Ethernet link type), to grow to @max_size
 * bytes at most; NULL after logging why.
 */
struct trace *trace_open(const char *path, uint64_t max_size);
void trace_close(struct trace *t);

/*
 * Write one frame, stamped now; flushed at once. Nothing once the file is
 * full (logged once). @t may be NULL.
 */
void trace_frame(struct trace *t, const uint8_t *buf, size_t len);

#endif /* LACPD_TRACE_H */
