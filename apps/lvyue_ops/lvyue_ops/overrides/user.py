"""lvyue_ops on frappe's User: each department's person lands on their own workspace."""

import frappe

from lvyue_ops.roles import LANDING_WORKSPACES


def validate(doc, method=None):
	"""A desk user without a default workspace gets the one of their first department role."""
	if not doc.default_workspace and doc.user_type == "System User":
		doc.default_workspace = landing_workspace({r.role for r in doc.roles})


def landing_workspace(roles: set[str]) -> str | None:
	return next(
		(
			ws
			for role, ws in LANDING_WORKSPACES.items()
			if role in roles and frappe.db.exists("Workspace", ws)
		),
		None,
	)
