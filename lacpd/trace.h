/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: --trace FILE.pcap, every PDU sent and received, with libpcap.
 */
#ifndef LACPD_TRACE_H
#define LACPD_TRACE_H

#include <stddef.h>
#include <stdint.h>

struct trace;

/* Open @path for writing (Ethernet link type); NULL after logging why. */
struct trace *trace_open(const char *path);
void trace_close(struct trace *t);

/* Write one frame, stamped now; flushed at once. @t may be NULL. */
void trace_frame(struct trace *t, const uint8_t *buf, size_t len);

#endif /* LACPD_TRACE_H */
