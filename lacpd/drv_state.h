/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lacpd: a port's LACP state as the core keeps it (lacp.h) and as the
 * driver holds it (driver.h), converted both ways. Pure.
 */
#ifndef LACPD_DRV_STATE_H
#define LACPD_DRV_STATE_H

#include <stdbool.h>

#include "driver.h"
#include "lacp.h"

/* What the driver is to hold of @st; a change of any of it is sent. */
void drv_state_from_lacp(const struct lacp_port_state *st,
			 struct drv_lacp *out);

/*
 * The state the driver kept, @d, as the core resumes it (a hitless
 * restart). False if it kept none (no aggregator): @st is then untouched.
 */
bool drv_state_to_lacp(const struct drv_lacp *d, struct lacp_port_state *st);

#endif /* LACPD_DRV_STATE_H */
