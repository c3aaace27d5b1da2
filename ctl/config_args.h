/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bondctl: the words of create, destroy, set, add and remove, checked and
 * parsed before anything is sent. Pure: the unit tests compile it in.
 */
#ifndef BONDCTL_CONFIG_ARGS_H
#define BONDCTL_CONFIG_ARGS_H

#include <stddef.h>

#include "opts.h"

/* More than the attributes there are: each may be given once. */
#define CTL_ARGS_MAX_OPTS 48

struct ctl_config_args {
	const char *bond;		/* NAME */
	unsigned int nopts;		/* create, set: OPTION VALUE pairs */
	struct ctl_optval opts[CTL_ARGS_MAX_OPTS];
	int nports;			/* add, remove: PORT... */
	char **ports;			/* points into the caller's argv */
};

/*
 * Each parses the words after its command's name into @a. Returns 0, or
 * -1 with a message in @err that starts with the command's or the
 * option's name (and for a bad value lists the accepted values).
 */
int ctl_args_create(int argc, char **argv, struct ctl_config_args *a,
		    char *err, size_t errlen);
int ctl_args_destroy(int argc, char **argv, struct ctl_config_args *a,
		     char *err, size_t errlen);
int ctl_args_set(int argc, char **argv, struct ctl_config_args *a,
		 char *err, size_t errlen);
int ctl_args_add(int argc, char **argv, struct ctl_config_args *a,
		 char *err, size_t errlen);
int ctl_args_remove(int argc, char **argv, struct ctl_config_args *a,
		    char *err, size_t errlen);

#endif /* BONDCTL_CONFIG_ARGS_H */
