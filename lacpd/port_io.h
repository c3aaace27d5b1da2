/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: AF_PACKET sockets bound to a port and to the Slow Protocols
 * ethertype, members of 01:80:c2:00:00:02. Each port has one for every
 * sender and, once its partner is known, one for the partner alone, so
 * that a flood from anyone else cannot crowd the partner's LACPDUs out of
 * the kernel's receive buffer.
 */
#ifndef LACPD_PORT_IO_H
#define LACPD_PORT_IO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A socket for @ifindex, or -1 after logging why. */
int port_io_open(int ifindex, const char *name);

/*
 * A socket for @ifindex that receives only frames whose Ethernet source
 * is @src (filtered in the kernel), or -1 after logging why.
 */
int port_io_open_from(int ifindex, const char *name, const uint8_t *src);

/*
 * From now on, @fd receives no frame whose Ethernet source is @src (one
 * address at a time: this replaces the last); 0, or -1 after logging why.
 */
int port_io_exclude(int fd, const char *name, const uint8_t *src);

void port_io_close(int fd);

/* Send the frame @buf of @len octets; 0, or -1 after logging why. */
int port_io_send(int fd, const char *name, const uint8_t *buf, size_t len);

/*
 * Read one frame received on the port into @buf; its length, 0 when
 * there is nothing (more) to read or the frame was our own, -1 on error.
 */
ssize_t port_io_recv(int fd, uint8_t *buf, size_t size);

#endif /* LACPD_PORT_IO_H */
