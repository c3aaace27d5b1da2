// SPDX-License-Identifier: GPL-2.0
/*
 * bondctl: netlink sockets and request/reply exchanges.
 *
 * libnl 3.7 neither turns on extended acks nor hands their text to the
 * caller, so the socket options are set here and the error callback reads
 * the NLMSGERR_ATTR_MSG attribute that follows struct nlmsgerr. With
 * NETLINK_CAP_ACK the kernel does not echo the request back, so the
 * attributes come right after the header it does echo.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/socket.h>
#include <netlink/handlers.h>

#include "bondctl.h"
#include "nl.h"

#define CTL_NL_MSG_LEN 256

/* The state of one exchange, shared by the callbacks below. */
struct ctl_nl_xfer {
	int (*parse)(struct nl_msg *msg, void *arg);
	void *arg;
	bool done;		/* the ACK, the error or NLMSG_DONE came */
	bool stopped;		/* @parse said NL_STOP: drop the rest */
	bool parse_failed;	/* @parse returned something unexpected */
	int error;		/* positive errno from the kernel, or 0 */
	char msg[CTL_NL_MSG_LEN]; /* the kernel's extended-ack text */
};

struct nl_sock *ctl_nl_open(int protocol)
{
	struct nl_sock *sk;
	int one = 1;
	int fd, err;

	sk = nl_socket_alloc();
	if (!sk) {
		ctl_err("cannot allocate a netlink socket: %s",
			strerror(ENOMEM));
		return NULL;
	}
	err = nl_connect(sk, protocol);
	if (err < 0) {
		ctl_err("cannot open a netlink socket: %s", nl_geterror(err));
		goto err_free;
	}

	/*
	 * Every supported kernel knows both options; should one be
	 * refused, errors still arrive, only without the kernel's text.
	 */
	fd = nl_socket_get_fd(sk);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return sk;

err_free:
	nl_socket_free(sk);
	return NULL;
}

/*
 * Copy the NLMSGERR_ATTR_MSG attribute found in the @len bytes of
 * attributes at @tlvs into @x->msg.
 */
static void ctl_nl_take_text(struct ctl_nl_xfer *x, const void *tlvs, int len)
{
	struct nlattr *text;
	size_t n;

	if (len <= 0)
		return;
	text = nla_find((const struct nlattr *)tlvs, len, NLMSGERR_ATTR_MSG);
	if (!text || nla_len(text) <= 0)
		return;
	n = strnlen(nla_data(text), (size_t)nla_len(text));
	if (n >= sizeof(x->msg))
		n = sizeof(x->msg) - 1;
	memcpy(x->msg, nla_data(text), n);
	x->msg[n] = '\0';
}

/* The attributes after the struct nlmsgerr of the ACK or error @nlh. */
static void ctl_nl_ack_text(struct ctl_nl_xfer *x, const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	int len = nlmsg_datalen(nlh);
	int off = sizeof(*e);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* Without NETLINK_CAP_ACK the whole request sits in between. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - (int)sizeof(e->msg);
	if (off < (int)sizeof(*e) || off >= len)
		return;
	ctl_nl_take_text(x, (const char *)e + off, len - off);
}

static int ctl_nl_on_valid(struct nl_msg *msg, void *arg)
{
	struct ctl_nl_xfer *x = arg;
	int ret;

	if (x->stopped || !x->parse)
		return NL_SKIP;
	ret = x->parse(msg, x->arg);
	switch (ret) {
	case NL_OK:
	case NL_SKIP:
		return ret;
	case NL_STOP:
		x->stopped = true;
		return NL_SKIP;
	default:
		x->parse_failed = true;
		x->stopped = true;
		return NL_SKIP;
	}
}

static int ctl_nl_on_ack(struct nl_msg *msg, void *arg)
{
	struct ctl_nl_xfer *x = arg;

	/* An ACK may carry a warning; the error path prints it. */
	ctl_nl_ack_text(x, nlmsg_hdr(msg));
	x->done = true;
	return NL_STOP;
}

/* NLMSG_DONE ends a dump; its int is the dump's error, 0 or negative. */
static int ctl_nl_on_done(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct ctl_nl_xfer *x = arg;
	int len = nlmsg_datalen(nlh);
	int code;

	x->done = true;
	if (len < (int)sizeof(code))
		return NL_STOP;
	memcpy(&code, nlmsg_data(nlh), sizeof(code));
	if (code < 0) {
		x->error = -code;
		if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
			ctl_nl_take_text(x, (const char *)nlmsg_data(nlh) +
					 sizeof(code), len - (int)sizeof(code));
	}
	return NL_STOP;
}

static int ctl_nl_on_error(struct sockaddr_nl *who, struct nlmsgerr *e,
			   void *arg)
{
	const struct nlmsghdr *nlh;
	struct ctl_nl_xfer *x = arg;

	(void)who;
	/* libnl hands over the payload; its header sits right before. */
	nlh = (const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	x->error = e->error < 0 ? -e->error : e->error;
	ctl_nl_ack_text(x, nlh);
	x->done = true;
	return NL_STOP;
}

static void ctl_nl_report(const struct ctl_nl_xfer *x, const char *what)
{
	const char *text = x->msg[0] ? x->msg : strerror(x->error);
	const char *hint = x->error == EPERM ?
			   " (bondctl needs CAP_NET_ADMIN)" : "";

	if (what)
		ctl_err("%s: %s%s", what, text, hint);
	else
		ctl_err("%s%s", text, hint);
}

static struct nl_cb *ctl_nl_callbacks(struct nl_sock *sk,
				      struct ctl_nl_xfer *x)
{
	struct nl_cb *base, *cb;

	/* Start from the socket's own: keep what its owner set up. */
	base = nl_socket_get_cb(sk);
	cb = base ? nl_cb_clone(base) : NULL;
	if (base)
		nl_cb_put(base);
	if (!cb)
		return NULL;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, ctl_nl_on_valid, x);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ctl_nl_on_ack, x);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, ctl_nl_on_done, x);
	nl_cb_err(cb, NL_CB_CUSTOM, ctl_nl_on_error, x);
	return cb;
}

int ctl_nl_transact(struct nl_sock *sk, struct nl_msg *msg, const char *what,
		    int (*parse)(struct nl_msg *msg, void *arg), void *arg)
{
	struct ctl_nl_xfer x = { .parse = parse, .arg = arg };
	const char *who = what ? what : "netlink";
	struct nlmsghdr *nlh;
	struct nl_cb *cb;
	int err;

	cb = ctl_nl_callbacks(sk, &x);
	if (!cb) {
		nlmsg_free(msg);
		ctl_err("%s: %s", who, strerror(ENOMEM));
		errno = ENOMEM;
		return CTL_FAIL;
	}

	/*
	 * The loop below ends at the ACK: ask for one even on a socket
	 * with auto-ACK off. A dump ends with NLMSG_DONE instead.
	 */
	nlh = nlmsg_hdr(msg);
	if ((nlh->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP)
		nlh->nlmsg_flags |= NLM_F_ACK;

	err = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (err < 0) {
		ctl_err("%s: cannot send the request: %s", who,
			nl_geterror(err));
		goto err_local;
	}

	while (!x.done) {
		err = nl_recvmsgs(sk, cb);
		if (x.error)
			break;
		if (err == -NLE_DUMP_INTR) {
			/* Not an error to report: the caller reads again. */
			nl_cb_put(cb);
			errno = EAGAIN;
			return CTL_FAIL;
		}
		if (err < 0) {
			ctl_err("%s: cannot read the reply: %s", who,
				nl_geterror(err));
			goto err_local;
		}
	}
	nl_cb_put(cb);

	if (x.error) {
		ctl_nl_report(&x, what);
		errno = x.error;
		return CTL_REFUSED;
	}
	if (x.msg[0])
		ctl_err("%s: warning: %s", who, x.msg);
	if (x.parse_failed) {
		errno = EPROTO;
		return CTL_FAIL;
	}
	errno = 0;
	return CTL_OK;

err_local:
	nl_cb_put(cb);
	errno = err == -NLE_NOMEM ? ENOMEM : EIO;
	return CTL_FAIL;
}
