/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Types for the pure parts of nbond (hash.c, values.c) that are compiled
 * both into the module and into the userspace unit tests and tools.
 */
#ifndef _NBOND_PURE_H
#define _NBOND_PURE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#else
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 s32;
#endif

#endif /* _NBOND_PURE_H */
