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
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
#endif

#endif /* _NBOND_PURE_H */
