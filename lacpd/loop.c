// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: the event loop (epoll + timerfd + signalfd).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

#include "log.h"
#include "loop.h"

#define LOOP_MAX_WATCH	256

struct watch {
	int fd;
	loop_fn fn;
	void *arg;
};

struct loop {
	int epfd;
	int timerfd;
	int sigfd;
	bool stop;
	struct watch watches[LOOP_MAX_WATCH];
};

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int loop_watch(struct loop *l, int fd, void *ptr)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = ptr };

	return epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev);
}

static int loop_signals(struct loop *l)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	l->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return l->sigfd < 0 ? -1 : 0;
}

struct loop *loop_new(void)
{
	struct loop *l = calloc(1, sizeof(*l));
	int i;

	if (!l)
		return NULL;
	l->timerfd = -1;
	l->sigfd = -1;
	for (i = 0; i < LOOP_MAX_WATCH; i++)
		l->watches[i].fd = -1;

	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (l->epfd < 0)
		goto err;
	l->timerfd = timerfd_create(CLOCK_MONOTONIC,
				    TFD_NONBLOCK | TFD_CLOEXEC);
	if (l->timerfd < 0 || loop_signals(l) < 0)
		goto err;
	if (loop_watch(l, l->timerfd, &l->timerfd) < 0 ||
	    loop_watch(l, l->sigfd, &l->sigfd) < 0)
		goto err;
	return l;
err:
	log_err("cannot set up the event loop: %s", strerror(errno));
	loop_free(l);
	return NULL;
}

void loop_free(struct loop *l)
{
	if (!l)
		return;
	if (l->sigfd >= 0)
		close(l->sigfd);
	if (l->timerfd >= 0)
		close(l->timerfd);
	if (l->epfd >= 0)
		close(l->epfd);
	free(l);
}

int loop_add(struct loop *l, int fd, loop_fn fn, void *arg)
{
	struct watch *w;
	int i;

	for (i = 0; i < LOOP_MAX_WATCH; i++)
		if (l->watches[i].fd < 0)
			break;
	if (i == LOOP_MAX_WATCH) {
		log_err("too many sockets to watch (%d)", LOOP_MAX_WATCH);
		return -1;
	}
	w = &l->watches[i];
	if (loop_watch(l, fd, w) < 0) {
		log_err("epoll: %s", strerror(errno));
		return -1;
	}
	w->fd = fd;
	w->fn = fn;
	w->arg = arg;
	return 0;
}

void loop_del(struct loop *l, int fd)
{
	int i;

	for (i = 0; i < LOOP_MAX_WATCH; i++) {
		if (l->watches[i].fd != fd)
			continue;
		epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
		l->watches[i].fd = -1;
		return;
	}
}

int loop_set_deadline(struct loop *l, uint64_t when)
{
	struct itimerspec its = { 0 };

	/* A zero it_value would disarm the timer: fire at once instead. */
	if (when != UINT64_MAX) {
		if (!when)
			when = 1;
		its.it_value.tv_sec = (time_t)(when / 1000000000ULL);
		its.it_value.tv_nsec = (long)(when % 1000000000ULL);
	}
	return timerfd_settime(l->timerfd, TFD_TIMER_ABSTIME, &its, NULL);
}

void loop_stop(struct loop *l)
{
	l->stop = true;
}

static void loop_read_signals(struct loop *l,
			      void (*on_signal)(int sig, void *arg),
			      void *arg)
{
	struct signalfd_siginfo si;

	while (read(l->sigfd, &si, sizeof(si)) == sizeof(si)) {
		on_signal((int)si.ssi_signo, arg);
		if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT)
			l->stop = true;
	}
}

int loop_run(struct loop *l, void (*on_timer)(void *arg),
	     void (*on_signal)(int sig, void *arg), void *arg)
{
	struct epoll_event evs[16];
	uint64_t expirations;
	struct watch *w;
	int n, i;

	while (!l->stop) {
		n = epoll_wait(l->epfd, evs, 16, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			log_err("epoll_wait: %s", strerror(errno));
			return -1;
		}
		for (i = 0; i < n && !l->stop; i++) {
			if (evs[i].data.ptr == &l->timerfd) {
				if (read(l->timerfd, &expirations,
					 sizeof(expirations)) > 0)
					on_timer(arg);
			} else if (evs[i].data.ptr == &l->sigfd) {
				loop_read_signals(l, on_signal, arg);
			} else {
				w = evs[i].data.ptr;
				if (w->fd >= 0)
					w->fn(w->fd, w->arg);
			}
		}
	}
	return 0;
}
