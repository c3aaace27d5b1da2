// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: XDP, in balance-rr, active-backup, balance-xor and 802.3ad.
 *
 * A program attached to the bond (ndo_bpf) is installed on every port,
 * each through the port's own ndo_bpf, and on every port that joins while
 * it is attached; a port that leaves loses it. The bond keeps one
 * reference to the program and each port that holds it one more.
 *
 * Frames redirected to the bond (ndo_xdp_xmit) leave by the port the
 * mode picks from the usable-port array, as skbs do: balance-rr by turns
 * (the per-CPU counter of the skb path), active-backup by the active
 * port, balance-xor and 802.3ad by xmit_hash_policy over the frame's
 * headers. A batch goes to each port in one call, the frames of one port
 * in their order. The same choice answers ndo_xdp_get_xmit_slave, which
 * the stack asks when a port's program returns XDP_TX, but only for a
 * port marked IFF_BONDING (bpf_prog_run_xdp()): nbond marks the ports
 * that hold its program under kind=bond only, where bonding.ko cannot be
 * loaded beside it (its netdev notifier would take any IFF_BONDING port
 * for one of its own). Under kind=nbond a port's XDP_TX leaves by that
 * port (docs/design.md).
 *
 * The hash reads the frame's bytes as flow.c reads an skb of the same
 * bytes, and hashes them with hash.c: IPv4 and IPv6 addresses and ports
 * through flow_parse.c; any other frame (in-band VLAN tags, tunnels, IPv6
 * extension headers...) through the kernel's flow dissector over the
 * frame's first buffer, and every frame through the dissector when a BPF
 * flow dissector is attached, as flow.c does. The data path reads only
 * the usable-port array, under RCU, and writes nothing shared: the
 * balance-rr turn is per CPU and the drops go to per-CPU core stats.
 */
#include <linux/bpf.h>
#include <linux/filter.h>
#include <linux/if_vlan.h>
#include <net/flow_dissector.h>
#include <net/xdp.h>

#include "nbond.h"
#include "flow_parse.h"

/* The most frames a devmap flush hands a device at once (DEV_MAP_BULK_SIZE). */
#define NBOND_XDP_BATCH		16
#define NBOND_XDP_SENT		U32_MAX

/* ---- which port --------------------------------------------------------- */

static u16 nbond_xdp_be16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

/* Does the mode, with @policy, transmit XDP frames? */
static bool nbond_xdp_mode_ok(const struct nbond_mode_ops *ops, u32 policy)
{
	if (!ops->xdp_pick)
		return false;
	/*
	 * vlan+srcmac hashes the VLAN id, which an XDP frame carries only
	 * when the receiving NIC did not strip it: refused, as bonding.ko.
	 */
	return !ops->hashes || policy != NBOND_XMIT_VLAN_SRCMAC;
}

/*
 * The network header's protocol and offset past the in-band VLAN tags
 * (at most VLAN_MAX_DEPTH, as vlan_get_protocol() reads them); false
 * when a tag is cut short or there are more. @len >= ETH_HLEN.
 */
static __always_inline bool nbond_xdp_inner(const u8 *data, u32 len,
					    u16 *proto, u32 *nhoff)
{
	int depth;

	*proto = nbond_xdp_be16(data + 2 * ETH_ALEN);
	*nhoff = ETH_HLEN;
	for (depth = 0; eth_type_vlan(htons(*proto)); depth++) {
		if (depth == VLAN_MAX_DEPTH || *nhoff + VLAN_HLEN > len)
			return false;
		*proto = nbond_xdp_be16(data + *nhoff + 2);
		*nhoff += VLAN_HLEN;
	}
	return true;
}

/*
 * MACs and ethertype, as nbond_flow_l2() reads them from an skb of these
 * bytes: the ethertype after the VLAN tags, 0 if they cannot be read;
 * the VLAN id, only if @vlan, the first tag's. A frame shorter than an
 * Ethernet header has none of them.
 */
static __always_inline void nbond_xdp_l2(const u8 *data, u32 len,
					 struct nbond_flow *f, bool vlan)
{
	u32 nhoff;
	u16 proto;

	if (len < ETH_HLEN)
		return;
	memcpy(f->dst_mac, data, ETH_ALEN);
	memcpy(f->src_mac, data + ETH_ALEN, ETH_ALEN);
	f->ethertype = nbond_xdp_inner(data, len, &proto, &nhoff) ? proto : 0;
	if (vlan && nhoff > ETH_HLEN) {
		f->has_vlan = true;
		f->vlan_id = nbond_xdp_be16(data + ETH_HLEN) & VLAN_VID_MASK;
	}
}

/*
 * The frames flow_parse.c leaves alone, through the flow dissector from
 * the network header at @nhoff, of protocol @proto, over the first
 * buffer, as flow.c hands it an skb of these bytes, and read as flow.c
 * reads the result. Out of line: struct flow_keys is large.
 */
static noinline void nbond_xdp_dissect(const struct nbond *bond,
				       const u8 *data, u32 len, u16 proto,
				       u32 nhoff, u32 policy,
				       struct nbond_flow *f)
{
	bool inner = policy == NBOND_XMIT_ENCAP23 ||
		     policy == NBOND_XMIT_ENCAP34;
	struct flow_keys keys;

	memset(&keys, 0, sizeof(keys));
	if (!__skb_flow_dissect(dev_net(bond->dev), NULL, &flow_keys_dissector,
				&keys, data, htons(proto), nhoff, len,
				inner ? 0 : FLOW_DISSECTOR_F_STOP_AT_ENCAP))
		return;

	nbond_flow_from_keys(&keys, f);
}

/*
 * Addresses and ports: flow_parse.c past the VLAN tags, else the
 * dissector from there, or from the Ethernet header when the tags cannot
 * be read or a BPF flow dissector is attached.
 */
static __always_inline void nbond_xdp_l34(const struct nbond *bond,
					  const u8 *data, u32 len, bool whole,
					  u32 policy, struct nbond_flow *f)
{
	u32 nhoff;
	u16 proto;

	if (len < ETH_HLEN)
		return;
	if (nbond_bpf_flow_dissector(dev_net(bond->dev)) ||
	    !nbond_xdp_inner(data, len, &proto, &nhoff)) {
		nbond_xdp_dissect(bond, data, len,
				  nbond_xdp_be16(data + 2 * ETH_ALEN), ETH_HLEN,
				  policy, f);
		return;
	}
	if (!nbond_flow_parse(data + nhoff, len - nhoff, whole, proto, policy,
			      f))
		nbond_xdp_dissect(bond, data, len, proto, nhoff, policy, f);
}

/*
 * xmit_hash_policy's hash of the frame at @data: @len bytes in its first
 * buffer, @whole when that is all of it. nbond_skb_hash()'s steps, inline
 * down to flow_parse.c and hash.c: every call on the path costs.
 */
static u32 nbond_xdp_hash(const struct nbond *bond, const u8 *data, u32 len,
			  bool whole, u32 policy)
{
	struct nbond_flow f = {};

	switch (policy) {
	case NBOND_XMIT_LAYER34:
	case NBOND_XMIT_ENCAP34:
		nbond_xdp_l34(bond, data, len, whole, policy, &f);
		if (!f.has_l3)
			nbond_xdp_l2(data, len, &f, false);
		break;
	case NBOND_XMIT_LAYER23:
	case NBOND_XMIT_ENCAP23:
		nbond_xdp_l2(data, len, &f, false);
		nbond_xdp_l34(bond, data, len, whole, policy, &f);
		break;
	default:
		nbond_xdp_l2(data, len, &f, policy == NBOND_XMIT_VLAN_SRCMAC);
		break;
	}
	return nbond_hash(&f, policy);
}

/* balance-xor's and 802.3ad's xdp_pick: the port the hash gives. */
u32 nbond_xdp_pick_hash(struct nbond *bond, const u8 *data, u32 len,
			bool whole, u32 count)
{
	u32 policy = READ_ONCE(bond->params.xmit_policy);

	return nbond_xdp_hash(bond, data, len, whole, policy) % count;
}

/*
 * The usable ports, for callers in NAPI context (bottom halves off, an
 * RCU read-side section) or under rcu_read_lock().
 */
static struct nbond_port_array *nbond_xdp_ports(struct nbond *bond)
{
	return rcu_dereference_check(bond->usable, rcu_read_lock_bh_held());
}

/* ---- transmit ---------------------------------------------------------- */

/*
 * ndo_xdp_get_xmit_slave: the port a frame a port's program sent back
 * with XDP_TX leaves by (the stack sends it there: xdp_master_redirect()).
 */
struct net_device *nbond_xdp_get_xmit_slave(struct net_device *dev,
					    struct xdp_buff *xdp)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port_array *ports = nbond_xdp_ports(bond);
	const struct nbond_mode_ops *ops;
	u32 idx;

	/*
	 * One port (active-backup's array always) needs no choice. Only a
	 * port holding the program asks, so the mode has XDP: the test of
	 * xdp_pick only keeps a mistake from becoming a NULL call.
	 */
	if (ports->count == 1)
		return ports->ports[0]->dev;
	ops = bond->mode;
	if (unlikely(!ports->count || !ops->xdp_pick))
		return NULL;
	idx = ops->xdp_pick(bond, xdp->data, xdp->data_end - xdp->data,
			    !xdp_buff_has_frags(xdp), ports->count);
	return ports->ports[idx]->dev;
}

/*
 * Hand @n frames to @dev; returns how many it took, frames[0] on (a port
 * without ndo_xdp_xmit takes none: a redirect reaches a bond on 6.1
 * whatever its ports can do). *err keeps the last error.
 */
static int nbond_xdp_to_port(struct net_device *dev, struct xdp_frame **frames,
			     int n, u32 flags, int *err)
{
	const struct net_device_ops *ops = dev->netdev_ops;
	int sent;

	if (unlikely(!ops->ndo_xdp_xmit)) {
		*err = -EOPNOTSUPP;
		return 0;
	}
	sent = ops->ndo_xdp_xmit(dev, n, frames, flags);
	if (unlikely(sent < 0)) {
		*err = sent;
		return 0;
	}
	return sent;
}

/*
 * Up to NBOND_XDP_BATCH frames to their ports, one call per port. The
 * caller frees every frame past the count returned (ndo_xdp_xmit), so
 * @frames is rewritten: the frames sent first, those a port refused at
 * the end.
 */
static int nbond_xdp_batch(struct nbond *bond, struct nbond_port_array *ports,
			   struct xdp_frame **frames, int n, u32 flags,
			   int *err)
{
	u32 (*pick)(struct nbond *bond, const u8 *data, u32 len, bool whole,
		    u32 count) = bond->mode->xdp_pick;
	struct xdp_frame *in[NBOND_XDP_BATCH];
	u32 port_of[NBOND_XDP_BATCH];
	int i, j, m, sent, done = 0, tail = n;

	for (i = 0; i < n; i++) {
		struct xdp_frame *frame = frames[i];

		in[i] = frame;
		port_of[i] = pick(bond, frame->data, frame->len,
				  !xdp_frame_has_frags(frame), ports->count);
	}
	for (i = 0; i < n; i++) {
		u32 port = port_of[i];

		if (port == NBOND_XDP_SENT)
			continue;
		/* Every frame for this port, in order, after those sent. */
		m = 0;
		for (j = i; j < n; j++) {
			if (port_of[j] != port)
				continue;
			frames[done + m++] = in[j];
			port_of[j] = NBOND_XDP_SENT;
		}
		sent = nbond_xdp_to_port(ports->ports[port]->dev,
					 frames + done, m, flags, err);
		if (sent < m) {
			tail -= m - sent;
			memmove(frames + tail, frames + done + sent,
				(m - sent) * sizeof(*frames));
		}
		done += sent;
	}
	return done;
}

int nbond_xdp_xmit(struct net_device *dev, int n, struct xdp_frame **frames,
		   u32 flags)
{
	struct nbond *bond = netdev_priv(dev);
	struct nbond_port_array *ports;
	int i, batch, sent, done = 0, err = 0;

	rcu_read_lock();
	ports = nbond_xdp_ports(bond);
	if (unlikely(!bond->mode->xdp_pick || !ports->count)) {
		err = -ENXIO;
	} else if (ports->count == 1) {
		done = nbond_xdp_to_port(ports->ports[0]->dev, frames, n,
					 flags, &err);
	} else {
		for (i = 0; i < n; i += batch) {
			batch = min(n - i, NBOND_XDP_BATCH);
			sent = nbond_xdp_batch(bond, ports, frames + i, batch,
					       flags, &err);
			done += sent;
			/*
			 * What this batch left is at its end, in front of
			 * the batches not tried: all behind the frames sent.
			 */
			if (sent < batch)
				break;
		}
	}
	rcu_read_unlock();

	for (i = done; i < n; i++)
		dev_core_stats_tx_dropped_inc(dev);
	return done || !err ? done : err;
}

/* ---- the program ------------------------------------------------------- */

static int nbond_xdp_propagate(struct net_device *dev, struct netdev_bpf *cmd)
{
#ifdef HAVE_DEV_XDP_PROPAGATE
	return dev_xdp_propagate(dev, cmd);
#else
	if (!dev->netdev_ops->ndo_bpf)
		return -EOPNOTSUPP;
	return dev->netdev_ops->ndo_bpf(dev, cmd);
#endif
}

/*
 * Under kind=bond a port that holds the program is marked IFF_BONDING, so
 * that XDP_TX asks the bond for the port (file comment). A bond as port
 * runs no program of its own and is never marked: drivers that see the
 * flag on a master read bonding.ko's private data out of it. RTNL.
 */
static void nbond_xdp_mark(struct nbond_port *port)
{
	bool mark = port->xdp && nbond_kind_bond && !nbond_is_nbond(port->dev);

	if (mark == port->xdp_marked)
		return;
	if (mark)
		port->dev->priv_flags |= IFF_BONDING;
	else
		port->dev->priv_flags &= ~IFF_BONDING;
	port->xdp_marked = mark;
}

/*
 * Give @port @prog (NULL: take the bond's program away). The port gets a
 * reference of its own, which its driver puts when the program is
 * replaced or removed. RTNL.
 */
static int nbond_xdp_port_set(struct nbond_port *port, struct bpf_prog *prog,
			      struct netlink_ext_ack *extack)
{
	struct netdev_bpf cmd = {
		.command = XDP_SETUP_PROG,
		.prog = prog,
		.extack = extack,
	};
	int err;

	if (prog)
		bpf_prog_inc(prog);
	/* Unmarked first: XDP_TX must not ask a bond the port is leaving. */
	if (!prog) {
		port->xdp = false;
		nbond_xdp_mark(port);
	}
	err = nbond_xdp_propagate(port->dev, &cmd);
	if (err) {
		if (prog)
			bpf_prog_put(prog);
		else
			port->xdp = true;	/* it still runs the old one */
	} else {
		port->xdp = !!prog;
	}
	nbond_xdp_mark(port);
	return err;
}

/* Can @port_dev run the bond's program? RTNL. */
static int nbond_xdp_port_ok(struct nbond *bond, struct net_device *port_dev,
			     struct netlink_ext_ack *extack)
{
	const struct net_device_ops *ops = port_dev->netdev_ops;

	if (!ops->ndo_bpf || !ops->ndo_xdp_xmit) {
		netdev_err(bond->dev, "XDP: %s has no native XDP\n",
			   port_dev->name);
		NL_SET_ERR_MSG(extack,
			       "a port has no native XDP (ndo_bpf and ndo_xdp_xmit): the bond's XDP program cannot run on it");
		return -EOPNOTSUPP;
	}
	if (dev_xdp_prog_count(port_dev)) {
		netdev_err(bond->dev, "XDP: %s has an XDP program of its own\n",
			   port_dev->name);
		NL_SET_ERR_MSG(extack,
			       "a port has an XDP program of its own: detach it first");
		return -EOPNOTSUPP;
	}
	return 0;
}

/* Others' programs take the XDP_TX hook's detour only while one is on. */
static void nbond_xdp_tx_key(bool was, bool is)
{
	if (!nbond_kind_bond || was == is)
		return;
	if (is)
		static_branch_inc(&bpf_master_redirect_enabled_key);
	else
		static_branch_dec(&bpf_master_redirect_enabled_key);
}

/*
 * Attach @prog to the bond and every port, replacing the one there, or
 * detach it (@prog NULL). The bond keeps the reference the stack gives
 * ndo_bpf and puts the old program's. All or nothing: a port that refuses
 * puts every port back as it was. RTNL.
 */
static int nbond_xdp_setup(struct nbond *bond, struct bpf_prog *prog,
			   struct netlink_ext_ack *extack)
{
	struct bpf_prog *old = bond->xdp_prog;
	struct nbond_port *port, *failed;
	int err;

	ASSERT_RTNL();

	if (prog) {
		if (!nbond_xdp_mode_ok(bond->mode, bond->params.xmit_policy)) {
			NL_SET_ERR_MSG(extack,
				       "XDP needs mode balance-rr, active-backup, balance-xor or 802.3ad, and an xmit_hash_policy other than vlan+srcmac");
			return -EOPNOTSUPP;
		}
		nbond_for_each_port(bond, port) {
			err = nbond_xdp_port_ok(bond, port->dev, extack);
			if (err)
				return err;
		}
	}

	nbond_for_each_port(bond, port) {
		if (!prog && !port->xdp)
			continue;
		err = nbond_xdp_port_set(port, prog, extack);
		if (err)
			goto err_unwind;
	}
	bond->xdp_prog = prog;
	if (old)
		bpf_prog_put(old);
	nbond_xdp_tx_key(old, prog);
	return 0;

err_unwind:
	netdev_err(bond->dev, "XDP: %s refused the program: %d\n",
		   port->dev->name, err);
	failed = port;
	nbond_for_each_port(bond, port) {
		if (port == failed)
			break;
		if (nbond_xdp_port_set(port, old, NULL) && old)
			nbond_xdp_port_set(port, NULL, NULL);
	}
	return err;
}

int nbond_xdp(struct net_device *dev, struct netdev_bpf *cmd)
{
	struct nbond *bond = netdev_priv(dev);

	switch (cmd->command) {
	case XDP_SETUP_PROG:
		return nbond_xdp_setup(bond, cmd->prog, cmd->extack);
	case XDP_SETUP_PROG_HW:
		NL_SET_ERR_MSG(cmd->extack, "a bond cannot offload XDP programs");
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
}

/* ---- ports and options ------------------------------------------------- */

/* May @port_dev join @bond? Not without XDP while it has a program. RTNL. */
int nbond_xdp_port_check(struct nbond *bond, struct net_device *port_dev,
			 struct netlink_ext_ack *extack)
{
	if (!bond->xdp_prog)
		return 0;
	return nbond_xdp_port_ok(bond, port_dev, extack);
}

/* A new port gets the bond's program. RTNL. */
int nbond_xdp_port_add(struct nbond_port *port, struct netlink_ext_ack *extack)
{
	struct bpf_prog *prog = port->bond->xdp_prog;

	return prog ? nbond_xdp_port_set(port, prog, extack) : 0;
}

/* A port leaving the bond loses the program. RTNL. */
void nbond_xdp_port_del(struct nbond_port *port)
{
	if (port->xdp && nbond_xdp_port_set(port, NULL, NULL))
		netdev_warn(port->bond->dev, "XDP: %s kept the program\n",
			    port->dev->name);
}

/*
 * While the bond has a program, its mode and xmit_hash_policy stay among
 * those with XDP (-EOPNOTSUPP, as bonding.ko). RTNL.
 */
int nbond_xdp_check_params(const struct nbond *bond,
			   const struct nbond_params *p,
			   struct netlink_ext_ack *extack)
{
	if (!bond->xdp_prog ||
	    nbond_xdp_mode_ok(nbond_mode_get(p->mode), p->xmit_policy))
		return 0;
	NL_SET_ERR_MSG(extack,
		       "the bond has an XDP program: the mode must stay balance-rr, active-backup, balance-xor or 802.3ad, with an xmit_hash_policy other than vlan+srcmac");
	return -EOPNOTSUPP;
}

/*
 * What a redirect to the bond may send (kernels with xdp_features): what
 * every port can, in a mode with XDP, nothing without a port. RTNL.
 */
void nbond_xdp_update_features(struct nbond *bond)
{
#ifdef HAVE_XDP_FEATURES
	xdp_features_t val = NETDEV_XDP_ACT_MASK;
	struct nbond_port *port;

	if (list_empty(&bond->ports) ||
	    !nbond_xdp_mode_ok(bond->mode, bond->params.xmit_policy)) {
		xdp_clear_features_flag(bond->dev);
		return;
	}
	nbond_for_each_port(bond, port)
		val &= port->dev->xdp_features;
	/* Zero-copy AF_XDP needs a queue of the device itself. */
	val &= ~NETDEV_XDP_ACT_XSK_ZEROCOPY;
	xdp_set_features_flag(bond->dev, val);
#endif
}

/*
 * The bond is going away with its ports gone. The stack detached its
 * program first (dev_xdp_uninstall()), or the upper bond that gave it did
 * when this bond left it: nothing should be left. RTNL.
 */
void nbond_xdp_uninit(struct nbond *bond)
{
	struct bpf_prog *prog = bond->xdp_prog;

	if (WARN_ON_ONCE(prog)) {
		bond->xdp_prog = NULL;
		bpf_prog_put(prog);
		nbond_xdp_tx_key(true, false);
	}
}
