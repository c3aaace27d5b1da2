// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: tell the network about a new active port. After a failover the
 * stack is asked, num_grat_arp/num_unsol_na times, to send gratuitous ARPs
 * and unsolicited neighbour advertisements (NETDEV_NOTIFY_PEERS), spaced by
 * peer_notif_delay (or the miimon interval, or 100 ms when both are 0), and
 * resend_igmp times, 200 ms apart, to resend its multicast memberships
 * (NETDEV_RESEND_IGMP), so that switches learn the new path.
 */
#include "nbond.h"

#define NBOND_IGMP_INTERVAL	msecs_to_jiffies(200)
#define NBOND_NOTIFY_FALLBACK	100

static unsigned long nbond_notify_interval(const struct nbond *bond)
{
	u32 ms = bond->params.peer_notif_delay;

	if (!ms)
		ms = bond->params.miimon;
	if (!ms)
		ms = NBOND_NOTIFY_FALLBACK;
	return msecs_to_jiffies(ms);
}

/*
 * One round of a repeated announcement: send @event on the bond if @left
 * says one is due (and the bond has carrier), then come back after
 * @interval while more are due.
 */
static void nbond_announce(struct nbond *bond, struct delayed_work *work,
			   unsigned int *left, unsigned long event,
			   unsigned long interval)
{
	if (!rtnl_trylock()) {
		queue_delayed_work(system_wq, work, 1);
		return;
	}
	if (*left && netif_carrier_ok(bond->dev)) {
		(*left)--;
		call_netdevice_notifiers(event, bond->dev);
	}
	if (*left)
		queue_delayed_work(system_wq, work, interval);
	rtnl_unlock();
}

static void nbond_notify_work(struct work_struct *work)
{
	struct nbond *bond = container_of(to_delayed_work(work), struct nbond,
					  notify_work);

	nbond_announce(bond, &bond->notify_work, &bond->notify_left,
		       NETDEV_NOTIFY_PEERS, nbond_notify_interval(bond));
}

static void nbond_igmp_work(struct work_struct *work)
{
	struct nbond *bond = container_of(to_delayed_work(work), struct nbond,
					  igmp_work);

	nbond_announce(bond, &bond->igmp_work, &bond->igmp_left,
		       NETDEV_RESEND_IGMP, NBOND_IGMP_INTERVAL);
}

void nbond_notify_init(struct nbond *bond)
{
	INIT_DELAYED_WORK(&bond->notify_work, nbond_notify_work);
	INIT_DELAYED_WORK(&bond->igmp_work, nbond_igmp_work);
}

/* The active port changed: start announcing it. RTNL. */
void nbond_notify_peers(struct nbond *bond)
{
	if (!netif_running(bond->dev))
		return;

	bond->notify_left = bond->params.num_peer_notif;
	bond->igmp_left = bond->params.resend_igmp;
	if (bond->notify_left)
		mod_delayed_work(system_wq, &bond->notify_work, 0);
	if (bond->igmp_left)
		mod_delayed_work(system_wq, &bond->igmp_work, 0);
}

void nbond_notify_stop(struct nbond *bond)
{
	cancel_delayed_work_sync(&bond->notify_work);
	cancel_delayed_work_sync(&bond->igmp_work);
	bond->notify_left = 0;
	bond->igmp_left = 0;
}
