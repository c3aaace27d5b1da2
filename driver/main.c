// SPDX-License-Identifier: GPL-2.0
/*
 * nbond: module init and exit.
 */
#include <linux/module.h>

#include "nbond.h"

static char *kind = NBOND_DRV_NAME;
module_param(kind, charp, 0444);
MODULE_PARM_DESC(kind,
		 "rtnetlink link kind to register: \"nbond\" (default) or \"bond\"");

bool nbond_kind_bond;

static int __init nbond_init(void)
{
	int err;

	if (strcmp(kind, "nbond") && strcmp(kind, "bond")) {
		pr_err("nbond: kind must be \"nbond\" or \"bond\", not \"%s\"\n",
		       kind);
		return -EINVAL;
	}
	nbond_link_ops.kind = kind;
	nbond_kind_bond = !strcmp(kind, "bond");

	err = nbond_params_load();
	if (err)
		return err;

	err = nbond_procfs_init();
	if (err)
		return err;

	err = nbond_notifier_register();
	if (err)
		goto err_procfs;

	err = nbond_genl_init();
	if (err)
		goto err_notifier;

	err = rtnl_link_register(&nbond_link_ops);
	if (err == -EEXIST)
		pr_err("nbond: link kind \"%s\" is already registered (is bonding.ko loaded?)\n",
		       kind);
	if (err)
		goto err_genl;

	/* bonding_masters, once bonding.ko is known not to be there. */
	err = nbond_sysfs_init();
	if (err)
		goto err_link;

	err = nbond_params_make_bonds();
	if (err)
		goto err_sysfs;

	pr_info("nbond: registered link kind \"%s\"\n", kind);
	return 0;

err_sysfs:
	nbond_sysfs_exit();
err_link:
	rtnl_link_unregister(&nbond_link_ops);
err_genl:
	nbond_genl_exit();
err_notifier:
	nbond_notifier_unregister();
err_procfs:
	nbond_procfs_exit();
	return err;
}

static void __exit nbond_exit(void)
{
	nbond_sysfs_exit();
	rtnl_link_unregister(&nbond_link_ops);
	nbond_genl_exit();
	nbond_notifier_unregister();
	nbond_procfs_exit();
}

module_init(nbond_init);
module_exit(nbond_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nbond link aggregation driver");
MODULE_AUTHOR("nbond developers");
