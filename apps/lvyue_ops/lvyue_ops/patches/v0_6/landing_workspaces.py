"""Users who have no default workspace land on their department's (overrides/user.py)."""

import frappe

from lvyue_ops.overrides.user import landing_workspace


def execute():
	users = frappe.get_all(
		"User",
		filters={"user_type": "System User", "enabled": 1, "default_workspace": ("is", "not set")},
		pluck="name",
	)
	for user in users:
		workspace = landing_workspace(set(frappe.get_roles(user)))
		if workspace:
			frappe.db.set_value("User", user, "default_workspace", workspace, update_modified=False)
