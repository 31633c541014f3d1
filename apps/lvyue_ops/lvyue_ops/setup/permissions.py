"""Permissions lvyue_ops's roles need on ERPNext's own DocTypes. Granted once (on install, or by a
patch on sites that had the app before); admins may change them afterwards in Role Permissions
Manager and a migrate will not undo it."""

import frappe
from frappe.permissions import add_permission, update_permission_property

from lvyue_ops import roles as R

# role -> rights on Contract. The leaders who may approve on behalf of the General Manager need
# "submit"; the workflow decides who may take which step.
CONTRACT_RIGHTS = {
	R.SALES_USER: ("read", "write", "create", "print", "email", "report", "share"),
	R.MARKETING_MANAGER: ("read", "write", "submit", "print", "email", "report"),
	R.OPERATIONS_SUPERVISOR: ("read", "write", "submit", "print", "email", "report"),
	R.TECHNICAL_SUPPORT: ("read", "write", "print", "report"),
	R.FINANCE_SUPERVISOR: ("read", "write", "submit", "print", "email", "report"),
	R.GENERAL_MANAGER: ("read", "write", "submit", "cancel", "amend", "print", "email", "report", "share"),
	R.BUSINESS_ASSISTANT: ("read", "print", "report"),
}


def grant_contract_permissions():
	for role, rights in CONTRACT_RIGHTS.items():
		if frappe.db.exists("Custom DocPerm", {"parent": "Contract", "role": role, "permlevel": 0}):
			continue
		add_permission("Contract", role, 0)
		for right in rights:
			update_permission_property("Contract", role, 0, right, 1, validate=False)
	frappe.clear_cache(doctype="Contract")
