/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: one AF_PACKET socket per port, bound to the port and to the Slow
 * Protocols ethertype, member of 01:80:c2:00:00:02.
 */
#ifndef LACPD_PORT_IO_H
#define LACPD_PORT_IO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A socket for @ifindex, or -1 after logging why. */
int port_io_open(int ifindex, const char *name);
void port_io_close(int fd);

/* Send the frame @buf of @len octets; 0, or -1 after logging why. */
int port_io_send(int fd, const char *name, const uint8_t *buf, size_t len);

/*
 * Read one frame received on the port into @buf; its length, 0 when
 * there is nothing (more) to read or the frame was our own, -1 on error.
 */
ssize_t port_io_recv(int fd, uint8_t *buf, size_t size);

#endif /* LACPD_PORT_IO_H */
