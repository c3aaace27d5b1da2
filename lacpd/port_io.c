// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: packet sockets. The driver hands slow-protocol frames to exact
 * delivery, so a socket bound to the port sees them whatever the port's
 * state in the bond; the group address is on the port's multicast list
 * (the driver adds it, the membership here makes sure of it).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <sys/socket.h>

#include "log.h"
#include "pdu.h"
#include "port_io.h"

/*
 * A classic BPF program on the frame from its Ethernet header (the
 * sockets are SOCK_RAW): does the source address (octets 6 to 11) equal
 * @src? Frames that match get @match, the others @other (0: dropped,
 * 0xffff: kept whole, as a slow-protocol frame is far shorter).
 */
static int port_io_filter(int fd, const char *name, const uint8_t *src,
			  uint32_t match, uint32_t other)
{
	uint32_t hi = (uint32_t)src[0] << 24 | (uint32_t)src[1] << 16 |
		      (uint32_t)src[2] << 8 | src[3];
	uint32_t lo = (uint32_t)src[4] << 8 | src[5];
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 6),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, hi, 0, 3),
		BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 10),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, lo, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, match),
		BPF_STMT(BPF_RET | BPF_K, other),
	};
	struct sock_fprog prog = {
		.len = sizeof(code) / sizeof(code[0]),
		.filter = code,
	};

	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
		       sizeof(prog)) < 0) {
		log_err("%s: socket filter: %s", name, strerror(errno));
		return -1;
	}
	return 0;
}

static int port_io_socket(int ifindex, const char *name, const uint8_t *src)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(LACP_ETHERTYPE_SLOW),
		.sll_ifindex = ifindex,
	};
	struct packet_mreq mr = {
		.mr_ifindex = ifindex,
		.mr_type = PACKET_MR_MULTICAST,
		.mr_alen = LACP_ETH_ALEN,
	};
	int fd, one = 1;

	/*
	 * Protocol 0: the socket receives nothing until bind() names the
	 * port and the protocol, so no other port's frame gets queued.
	 */
	fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		log_err("%s: packet socket: %s", name, strerror(errno));
		return -1;
	}
	/*
	 * Frames the host sends out of the port (ours, and any a local
	 * program floods) are left out in the kernel, so that they never
	 * fill the socket's buffer ahead of the partner's LACPDUs. Where
	 * the kernel lacks the option, port_io_recv() drops them.
	 */
	if (setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one,
		       sizeof(one)) < 0)
		log_debug("%s: PACKET_IGNORE_OUTGOING: %s", name,
			  strerror(errno));
	/* Before bind(), so that no other sender's frame is ever queued. */
	if (src && port_io_filter(fd, name, src, 0xffff, 0) < 0)
		goto err;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		log_err("%s: bind: %s", name, strerror(errno));
		goto err;
	}
	memcpy(mr.mr_address, lacp_slow_proto_addr, LACP_ETH_ALEN);
	if (setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr,
		       sizeof(mr)) < 0) {
		log_err("%s: multicast membership: %s", name,
			strerror(errno));
		goto err;
	}
	return fd;
err:
	close(fd);
	return -1;
}

int port_io_open(int ifindex, const char *name)
{
	return port_io_socket(ifindex, name, NULL);
}

int port_io_open_from(int ifindex, const char *name, const uint8_t *src)
{
	return port_io_socket(ifindex, name, src);
}

int port_io_exclude(int fd, const char *name, const uint8_t *src)
{
	return port_io_filter(fd, name, src, 0, 0xffff);
}

void port_io_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

int port_io_send(int fd, const char *name, const uint8_t *buf, size_t len)
{
	ssize_t n = send(fd, buf, len, 0);

	if (n == (ssize_t)len)
		return 0;
	/* A port whose link is down refuses frames: not worth a warning. */
	if (n < 0 && (errno == ENETDOWN || errno == ENXIO))
		return -1;
	log_warn("%s: send: %s", name, n < 0 ? strerror(errno) : "short");
	return -1;
}

ssize_t port_io_recv(int fd, uint8_t *buf, size_t size)
{
	struct sockaddr_ll from;
	socklen_t fromlen = sizeof(from);
	ssize_t n;

	n = recvfrom(fd, buf, size, MSG_TRUNC, (struct sockaddr *)&from,
		     &fromlen);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
	if (from.sll_pkttype == PACKET_OUTGOING)
		return 0;
	/* MSG_TRUNC: the real length; a frame bigger than @size is cut. */
	return (size_t)n > size ? (ssize_t)size : n;
}
