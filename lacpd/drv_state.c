// SPDX-License-Identifier: GPL-2.0
/*
 * lacpd: a port's LACP state between the core and the driver.
 */
#include <string.h>
#include <linux/nbond.h>

#include "drv_state.h"

static uint8_t churn_to_drv(enum lacp_churn c)
{
	return c == LACP_CHURN_CHURNED ? NBOND_LACP_CHURN_CHURNED :
	       c == LACP_CHURN_NONE ? NBOND_LACP_CHURN_NONE :
	       NBOND_LACP_CHURN_MONITOR;
}

static enum lacp_churn churn_from_drv(uint8_t c)
{
	return c == NBOND_LACP_CHURN_CHURNED ? LACP_CHURN_CHURNED :
	       c == NBOND_LACP_CHURN_NONE ? LACP_CHURN_NONE :
	       LACP_CHURN_MONITOR;
}

void drv_state_from_lacp(const struct lacp_port_state *st,
			 struct drv_lacp *out)
{
	const struct lacp_counters *c = &st->counters;

	memset(out, 0, sizeof(*out));
	out->aggregator = st->agg_id;
	out->selected = st->selected == LACP_SELECTED ? NBOND_LACP_SELECTED :
			st->selected == LACP_STANDBY ? NBOND_LACP_STANDBY :
			NBOND_LACP_UNSELECTED;
	out->collecting = st->collecting;
	out->distributing = st->distributing;
	out->actor = st->actor;
	out->partner = st->partner;
	out->actor_churn = churn_to_drv(st->actor_churn);
	out->partner_churn = churn_to_drv(st->partner_churn);
	out->actor_churns = st->actor_churn_count;
	out->partner_churns = st->partner_churn_count;
	out->stats[0] = c->lacpdu_rx;
	out->stats[1] = c->lacpdu_tx;
	out->stats[2] = c->lacpdu_unknown_rx;
	out->stats[3] = c->lacpdu_illegal_rx;
	out->stats[4] = c->marker_rx;
	out->stats[5] = c->marker_tx;
	out->stats[6] = c->marker_resp_rx;
	out->stats[7] = c->marker_resp_tx;
	out->stats[8] = c->marker_unknown_rx;
}

bool drv_state_to_lacp(const struct drv_lacp *d, struct lacp_port_state *st)
{
	const uint64_t *s = d->stats;

	if (!d->aggregator)
		return false;
	memset(st, 0, sizeof(*st));
	st->agg_id = d->aggregator;
	st->selected = d->selected == NBOND_LACP_SELECTED ?
		       LACP_SELECTED : d->selected == NBOND_LACP_STANDBY ?
		       LACP_STANDBY : LACP_UNSELECTED;
	st->collecting = d->collecting;
	st->distributing = d->distributing;
	st->actor = d->actor;
	st->partner = d->partner;
	st->actor_churn = churn_from_drv(d->actor_churn);
	st->partner_churn = churn_from_drv(d->partner_churn);
	st->actor_churn_count = d->actor_churns;
	st->partner_churn_count = d->partner_churns;
	st->counters = (struct lacp_counters){
		s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8],
	};
	return true;
}
