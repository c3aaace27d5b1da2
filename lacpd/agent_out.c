// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: what a turn of the loop decided, sent once the turn is over
 * (agent_flush()): first the ports' new states to the driver, in as few
 * requests as they fit, then the frames, in the order the core made them.
 *
 * One request a port and a change cost the driver a pass over every
 * port of the bond each: when a thousand ports changed at once (an
 * aggregate forming) the requests alone kept lacpd from its LACPDUs past
 * the partner's timeout. The states go before the frames, so that a
 * LACPDU that says a port collects leaves once the driver has it collect
 * (802.1AX 6.4.15: Enable_Collecting, then NTT). Within a request the
 * driver takes the ports in order and applies them together; the core
 * reports the ports that stop before those that start.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "agent_int.h"
#include "drv_state.h"
#include "log.h"
#include "port_io.h"
#include "trace.h"

/* A port's state to send, with what its log line says. */
struct out_state {
	struct aport *port;		/* NULL: the port went meanwhile */
	struct drv_lacp st;
	enum lacp_selected selected;
	bool fallback;
};

struct out_frame {
	struct aport *port;		/* NULL: the port went meanwhile */
	uint16_t len;
	uint8_t buf[LACP_FRAME_LEN];
};

/* Room for @n more entries of @size in @*v (of @*cap, @used used). */
static int reserve(void **v, size_t *cap, size_t used, size_t n, size_t size)
{
	size_t want = *cap ? *cap : 64;
	void *p;

	if (used + n <= *cap)
		return 0;
	while (want < used + n)
		want *= 2;
	p = realloc(*v, want * size);
	if (!p)
		return -ENOMEM;
	*v = p;
	*cap = want;
	return 0;
}

static void log_change(const struct aport *p, const struct out_state *o)
{
	if (o->st.distributing == p->pushed.distributing &&
	    o->st.collecting == p->pushed.collecting &&
	    o->st.aggregator == p->pushed.aggregator)
		return;
	log_info("%s: %s: aggregator %u %s%s%s%s", p->bond->name, p->name,
		 o->st.aggregator, lacp_selected_name(o->selected),
		 o->st.collecting ? ", collecting" : "",
		 o->st.distributing ? ", distributing" : "",
		 o->fallback ?
		 " as an individual link: no LACP partner (lacp_fallback individual)" :
		 "");
}

/* One port's state alone: the way that says why the driver refused it. */
static void send_one(struct agent *a, struct out_state *o)
{
	struct aport *p = o->port;
	int err;

	if (p->bond->taken_over)
		return;
	err = drv_lacp_set(a->drv, p->ifindex, &o->st);
	if (err == -EPERM) {
		/* We are no longer the bond's agent: another one took over. */
		log_err("%s: another LACP agent took the bond over: leaving it to it, trying again each second",
			p->bond->name);
		p->bond->taken_over = true;
		a->reap = true;
		return;
	}
	if (err) {
		log_warn("%s: %s: cannot set the LACP state: %s",
			 p->bond->name, p->name, strerror(-err));
		return;
	}
	log_change(p, o);
	p->pushed = o->st;
}

void agent_out_state(struct aport *p, const struct lacp_port_state *st)
{
	struct agent *a = p->bond->agent;
	struct out_state *o;
	struct drv_lacp next;

	drv_state_from_lacp(st, &next);
	/* Nothing new for the driver, and nothing queued to undo. */
	if (!p->out_states && !memcmp(&next, &p->pushed, sizeof(next)))
		return;
	if (reserve((void **)&a->out_states, &a->out_states_cap,
		    a->n_out_states, 1, sizeof(*o))) {
		struct out_state alone = {
			.port = p, .st = next, .selected = st->selected,
			.fallback = st->fallback,
		};

		send_one(a, &alone);	/* out of memory: at once */
		return;
	}
	o = &a->out_states[a->n_out_states++];
	o->port = p;
	o->st = next;
	o->selected = st->selected;
	o->fallback = st->fallback;
	p->out_states++;
}

void agent_out_frame(struct aport *p, const uint8_t *buf, size_t len)
{
	struct agent *a = p->bond->agent;
	struct out_frame *f;

	if (!len || len > LACP_FRAME_LEN)
		return;
	if (reserve((void **)&a->out_frames, &a->out_frames_cap,
		    a->n_out_frames, 1, sizeof(*f))) {
		trace_frame(a->trace, buf, len);	/* at once */
		port_io_send(p->fd, p->name, buf, len);
		return;
	}
	f = &a->out_frames[a->n_out_frames++];
	f->port = p;
	f->len = (uint16_t)len;
	memcpy(f->buf, buf, len);
	p->out_frames++;
}

/* @p is going: what is queued for it is not sent. */
void agent_out_forget(struct agent *a, struct aport *p)
{
	size_t i;

	for (i = 0; p->out_states && i < a->n_out_states; i++) {
		if (a->out_states[i].port == p) {
			a->out_states[i].port = NULL;
			p->out_states--;
		}
	}
	for (i = 0; p->out_frames && i < a->n_out_frames; i++) {
		if (a->out_frames[i].port == p) {
			a->out_frames[i].port = NULL;
			p->out_frames--;
		}
	}
}

static int batch_reserve(struct agent *a, size_t n)
{
	struct drv_lacp_item *items;

	if (n <= a->batch_cap)
		return 0;
	items = realloc(a->batch, n * sizeof(*items));
	if (!items)
		return -ENOMEM;
	a->batch = items;
	a->batch_cap = n;
	return 0;
}

/*
 * The queued states, in requests of many ports; if a request fails, its
 * ports and those after it go one by one, which says why.
 */
static void flush_states(struct agent *a)
{
	size_t i, n = 0;
	struct out_state *o;

	if (!a->n_out_states)
		return;
	if (batch_reserve(a, a->n_out_states))
		goto one_by_one;
	for (i = 0; i < a->n_out_states; i++) {
		o = &a->out_states[i];
		if (!o->port || o->port->bond->taken_over)
			continue;
		a->batch[n].ifindex = o->port->ifindex;
		a->batch[n++].st = o->st;
	}
	if (!n)
		return;
	if (drv_lacp_set_many(a->drv, a->batch, n))
		goto one_by_one;
	for (i = 0; i < a->n_out_states; i++) {
		o = &a->out_states[i];
		if (!o->port || o->port->bond->taken_over)
			continue;
		log_change(o->port, o);
		o->port->pushed = o->st;
	}
	return;
one_by_one:
	for (i = 0; i < a->n_out_states; i++)
		if (a->out_states[i].port)
			send_one(a, &a->out_states[i]);
}

/*
 * Once a second, the counters, which the core reports only on request:
 * every port whose counters moved goes in the next flush, whatever its
 * bond (at 256 ports, 4 requests instead of 256).
 */
void agent_out_counters(struct agent *a)
{
	struct lacp_port_state st;
	struct abond *b;
	struct aport *p;

	for (b = a->bonds; b; b = b->next)
		for (p = b->ports; p; p = p->next)
			if (!lacp_port_get(b->sys, p->ifindex, &st))
				agent_out_state(p, &st);
}

void agent_flush(struct agent *a)
{
	struct out_frame *f;
	size_t i;

	flush_states(a);
	for (i = 0; i < a->n_out_states; i++)
		if (a->out_states[i].port)
			a->out_states[i].port->out_states--;
	a->n_out_states = 0;

	for (i = 0; i < a->n_out_frames; i++) {
		f = &a->out_frames[i];
		if (!f->port)
			continue;
		f->port->out_frames--;
		trace_frame(a->trace, f->buf, f->len);
		port_io_send(f->port->fd, f->port->name, f->buf, f->len);
	}
	a->n_out_frames = 0;
}
