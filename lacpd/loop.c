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

/*
 * A watch lives in by_fd[] from loop_add() to loop_del(); a deleted one
 * may still be named by an event of the batch being handled, so it is
 * freed only once that batch is done.
 */
struct watch {
	int fd;
	loop_fn fn;
	void *arg;
	struct watch *next_dead;
};

struct loop {
	int epfd;
	int timerfd;
	int sigfd;
	bool stop;
	struct watch **by_fd;
	size_t nr_fd;
	struct watch *dead;
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

	if (!l)
		return NULL;
	l->timerfd = -1;
	l->sigfd = -1;

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

static void loop_free_dead(struct loop *l)
{
	struct watch *w;

	while (l->dead) {
		w = l->dead;
		l->dead = w->next_dead;
		free(w);
	}
}

void loop_free(struct loop *l)
{
	size_t fd;

	if (!l)
		return;
	for (fd = 0; fd < l->nr_fd; fd++)
		free(l->by_fd[fd]);
	free(l->by_fd);
	loop_free_dead(l);
	if (l->sigfd >= 0)
		close(l->sigfd);
	if (l->timerfd >= 0)
		close(l->timerfd);
	if (l->epfd >= 0)
		close(l->epfd);
	free(l);
}

/* Makes by_fd[] hold index @fd. */
static int loop_grow(struct loop *l, size_t fd)
{
	struct watch **by_fd;
	size_t nr = l->nr_fd ? l->nr_fd : 64;

	while (nr <= fd)
		nr *= 2;
	by_fd = realloc(l->by_fd, nr * sizeof(*by_fd));
	if (!by_fd)
		return -1;
	memset(by_fd + l->nr_fd, 0, (nr - l->nr_fd) * sizeof(*by_fd));
	l->by_fd = by_fd;
	l->nr_fd = nr;
	return 0;
}

int loop_add(struct loop *l, int fd, loop_fn fn, void *arg)
{
	struct watch *w;

	if (fd < 0) {
		log_err("cannot watch fd %d", fd);
		return -1;
	}
	if ((size_t)fd >= l->nr_fd && loop_grow(l, fd) < 0)
		goto err_nomem;
	if (l->by_fd[fd]) {
		log_err("fd %d is watched already", fd);
		return -1;
	}
	w = calloc(1, sizeof(*w));
	if (!w)
		goto err_nomem;
	if (loop_watch(l, fd, w) < 0) {
		log_err("epoll: %s", strerror(errno));
		free(w);
		return -1;
	}
	w->fd = fd;
	w->fn = fn;
	w->arg = arg;
	l->by_fd[fd] = w;
	return 0;
err_nomem:
	log_err("cannot watch fd %d: out of memory", fd);
	return -1;
}

void loop_del(struct loop *l, int fd)
{
	struct watch *w;

	if (fd < 0 || (size_t)fd >= l->nr_fd || !l->by_fd[fd])
		return;
	w = l->by_fd[fd];
	epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
	l->by_fd[fd] = NULL;
	w->fd = -1;
	w->next_dead = l->dead;
	l->dead = w;
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

int loop_run(struct loop *l, const struct loop_ops *ops, void *arg)
{
	struct epoll_event evs[64];
	uint64_t expirations;
	struct watch *w;
	int n, i;

	while (!l->stop) {
		n = epoll_wait(l->epfd, evs, sizeof(evs) / sizeof(evs[0]), -1);
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
					ops->on_timer(arg);
			} else if (evs[i].data.ptr == &l->sigfd) {
				loop_read_signals(l, ops->on_signal, arg);
			} else {
				w = evs[i].data.ptr;
				if (w->fd >= 0)
					w->fn(w->fd, w->arg);
			}
		}
		if (ops->on_idle)
			ops->on_idle(arg);
		loop_free_dead(l);
	}
	return 0;
}
