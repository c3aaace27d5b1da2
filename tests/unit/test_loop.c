// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd's event loop (lacpd/loop.c) with pipes: no fixed number of
 * watches (a port is one socket; a 1024-port namespace needs over a
 * thousand), a watch deleted by an earlier callback of the same batch is
 * never called, an fd is watched once, and on_idle runs after each
 * wakeup's callbacks, the last one too.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "loop.h"
#include "suites.h"

#define NPIPES 600

struct pipe_watch {
	struct loop *loop;
	int rd, wr;
	int calls;
	struct pipe_watch *victim;	/* deleted by this one's callback */
};

static int total_calls;
static int expected_calls;
static int idle_calls;
static int calls_at_idle;	/* total_calls when on_idle last ran */

static void on_readable(int fd, void *arg)
{
	struct pipe_watch *p = arg;
	char c;

	ck_assert_int_eq(fd, p->rd);
	ck_assert_int_eq(read(fd, &c, 1), 1);
	p->calls++;
	total_calls++;
	loop_del(p->loop, fd);
	if (p->victim)
		loop_del(p->loop, p->victim->rd);
	if (total_calls == expected_calls)
		loop_stop(p->loop);
}

static void on_timer(void *arg)
{
	(void)arg;
	ck_abort_msg("no timer was set");
}

static void on_signal(int sig, void *arg)
{
	(void)arg;
	ck_abort_msg("unexpected signal %d", sig);
}

static void on_idle(void *arg)
{
	(void)arg;
	idle_calls++;
	calls_at_idle = total_calls;
}

static const struct loop_ops ops = {
	.on_timer = on_timer, .on_signal = on_signal, .on_idle = on_idle,
};

/* Room for NPIPES pipes (two fds each) and the loop's own. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
	if (rl.rlim_cur < 2 * NPIPES + 64) {
		if (rl.rlim_max < 2 * NPIPES + 64)
			ck_abort_msg("RLIMIT_NOFILE hard limit %lu is too low",
				     (unsigned long)rl.rlim_max);
		rl.rlim_cur = 2 * NPIPES + 64;
		ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
	}
}

static struct pipe_watch *open_pipes(struct loop *l, int n)
{
	struct pipe_watch *p = calloc(n, sizeof(*p));
	int fds[2], i;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(pipe(fds), 0);
		p[i].loop = l;
		p[i].rd = fds[0];
		p[i].wr = fds[1];
		ck_assert_int_eq(loop_add(l, p[i].rd, on_readable, &p[i]), 0);
	}
	return p;
}

static void close_pipes(struct pipe_watch *p, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		close(p[i].rd);
		close(p[i].wr);
	}
	free(p);
}

START_TEST(many_watches)
{
	struct loop *l;
	struct pipe_watch *p;
	int i;

	raise_fd_limit();
	l = loop_new();
	ck_assert_ptr_nonnull(l);
	p = open_pipes(l, NPIPES);
	for (i = 0; i < NPIPES; i++)
		ck_assert_int_eq(write(p[i].wr, "x", 1), 1);
	total_calls = 0;
	expected_calls = NPIPES;
	idle_calls = 0;
	ck_assert_int_eq(loop_run(l, &ops, NULL), 0);
	for (i = 0; i < NPIPES; i++)
		ck_assert_int_eq(p[i].calls, 1);
	/* Several wakeups (epoll returns a batch at a time), each idled. */
	ck_assert_int_gt(idle_calls, 1);
	ck_assert_int_eq(calls_at_idle, NPIPES);
	loop_free(l);
	close_pipes(p, NPIPES);
}
END_TEST

/*
 * Every pipe is readable at once, so epoll returns them in batches; each
 * callback deletes its partner's watch (0 and 1, 2 and 3...). One of each
 * pair runs, never both: the deleted watch is not called even when its
 * event was already in the batch.
 */
START_TEST(deleted_in_batch)
{
	struct loop *l;
	struct pipe_watch *p;
	int i, n = 64;

	l = loop_new();
	ck_assert_ptr_nonnull(l);
	p = open_pipes(l, n);
	for (i = 0; i < n; i += 2) {
		p[i].victim = &p[i + 1];
		p[i + 1].victim = &p[i];
	}
	for (i = 0; i < n; i++)
		ck_assert_int_eq(write(p[i].wr, "x", 1), 1);
	total_calls = 0;
	expected_calls = n / 2;
	ck_assert_int_eq(loop_run(l, &ops, NULL), 0);
	for (i = 0; i < n; i += 2)
		ck_assert_int_eq(p[i].calls + p[i + 1].calls, 1);
	loop_free(l);
	close_pipes(p, n);
}
END_TEST

START_TEST(watched_once)
{
	struct loop *l = loop_new();
	int fds[2];

	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(loop_add(l, fds[0], on_readable, NULL), 0);
	ck_assert_int_eq(loop_add(l, fds[0], on_readable, NULL), -1);
	ck_assert_int_eq(loop_add(l, -1, on_readable, NULL), -1);
	loop_del(l, fds[0]);
	loop_del(l, fds[0]);
	loop_del(l, 100000);
	ck_assert_int_eq(loop_add(l, fds[0], on_readable, NULL), 0);
	loop_free(l);
	close(fds[0]);
	close(fds[1]);
}
END_TEST

Suite *loop_suite(void)
{
	Suite *s = suite_create("loop");
	TCase *tc = tcase_create("loop");

	tcase_add_test(tc, many_watches);
	tcase_add_test(tc, deleted_in_batch);
	tcase_add_test(tc, watched_once);
	suite_add_tcase(s, tc);
	return s;
}
