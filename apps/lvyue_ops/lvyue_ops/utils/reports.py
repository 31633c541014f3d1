"""Which companies a report shows: the one chosen in its filters, else every company the user may
see. A User Permission on Company keeps a user to their companies in reports too (frappe applies it
to lists and forms; the app's script reports read with queries of their own)."""

import frappe
from frappe import _
from frappe.permissions import get_user_permissions


def permitted_companies(user: str | None = None) -> list[str] | None:
	"""The companies the user's User Permissions allow, or None when none limits them."""
	allowed = get_user_permissions(user).get("Company")
	return sorted({row.get("doc") for row in allowed}) if allowed else None


def report_companies(filters, required: bool = False) -> list[str] | None:
	"""The companies of the report: [the chosen one] (refused when the user may not see it), or the
	user's permitted companies (None: all). `required`: one company, the user's default when none
	is chosen."""
	company = filters.get("company") or (frappe.defaults.get_user_default("Company") if required else None)
	allowed = permitted_companies()
	if company:
		if allowed is not None and company not in allowed:
			frappe.throw(_("You may not see the figures of {0}.").format(company), frappe.PermissionError)
		return [company]
	if required:
		frappe.throw(_("Please choose the company."))
	return allowed
