# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Urgent purchases approved without the General Manager (by another leader, or by phone) that
still wait for the General Manager's confirmation."""

import frappe
from frappe import _

from lvyue_ops.utils.reports import report_companies


def execute(filters=None):
	columns = [
		{
			"fieldname": "name",
			"label": _("Purchase Request"),
			"fieldtype": "Link",
			"options": "Purchase Request",
			"width": 160,
		},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 180,
		},
		{"fieldname": "reason", "label": _("Customer Need"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "on_behalf_approver",
			"label": _("Approved on Behalf by"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
		{
			"fieldname": "phone_approver",
			"label": _("Approved by Phone by"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
		{
			"fieldname": "phone_approved_at",
			"label": _("Approved by Phone at"),
			"fieldtype": "Datetime",
			"width": 150,
		},
		{"fieldname": "modified", "label": _("Approved on"), "fieldtype": "Datetime", "width": 150},
	]
	conditions = {"docstatus": 1, "urgent": 1, "gm_confirmation_status": "Awaiting Confirmation"}
	if (companies := report_companies(frappe._dict(filters or {}))) is not None:
		conditions["company"] = ("in", companies or [""])
	rows = frappe.get_all(
		"Purchase Request",
		filters=conditions,
		fields=[
			"name",
			"customer",
			"reason",
			"on_behalf_approver",
			"phone_approver",
			"phone_approved_at",
			"modified",
		],
		order_by="modified asc",
	)
	return columns, rows
