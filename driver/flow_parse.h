/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A direct parser for the IP addresses and ports of the common frames,
 * used by the L3 transmit hash policies in place of the kernel's flow
 * dissector wherever it is known to give the same flow (flow_parse.c says
 * why). Pure code: no kernel or libc calls, so that it runs in the module
 * and in the userspace unit tests alike.
 */
#ifndef _NBOND_FLOW_PARSE_H
#define _NBOND_FLOW_PARSE_H

#include "pure.h"
#include "hash.h"

/*
 * The most the network header of a frame the parser handles can move the
 * dissector's transport offset on: an IPv4 header with ihl 15. The
 * dissector fails a frame whose transport offset passes U16_MAX, so the
 * caller must not hand the parser a network header further into the frame
 * than U16_MAX - NBOND_FLOW_PARSE_L3_MAX.
 */
#define NBOND_FLOW_PARSE_L3_MAX	60

/*
 * nbond_flow_parse - the L3/L4 fields of @f from the headers in @buf
 * @buf:      the frame from its network header on
 * @len:      how many bytes @buf holds
 * @complete: true if the frame ends at @buf + @len; false if more of it
 *            follows elsewhere (in page fragments)
 * @proto:    the protocol of the network header (an ethertype), host order
 * @policy:   the xmit_hash_policy the flow is for
 * @f:        its has_l3, has_l4, src_ip, dst_ip, src_port and dst_port are
 *            set when the frame is handled, and left alone when not
 *
 * Returns true if the frame was handled, with the flow the flow dissector
 * would give (as flow.c used it); false if the caller must use the
 * dissector.
 */
bool nbond_flow_parse(const u8 *buf, u32 len, bool complete, u16 proto,
		      enum nbond_xmit_policy policy, struct nbond_flow *f);

#endif /* _NBOND_FLOW_PARSE_H */
