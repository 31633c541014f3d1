# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The case library: complaints marked as typical, for analysis and training, with how many
complaints of each handling department and validity there were."""

import frappe
from frappe import _

from lvyue_ops.utils.reports import report_companies


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {"typical_case": 1}
	if (companies := report_companies(filters)) is not None:
		conditions["company"] = ("in", companies or [""])
	if filters.get("handling_department"):
		conditions["handling_department"] = filters.handling_department
	rows = frappe.get_all(
		"Complaint Register",
		filters=conditions,
		fields=[
			"name",
			"received_on",
			"customer",
			"channel",
			"handling_department",
			"is_valid",
			"content",
			"reply",
			"case_notes",
		],
		order_by="received_on desc",
	)
	for row in rows:
		row["channel"] = _(row["channel"])
		row["is_valid"] = _(row["is_valid"]) if row["is_valid"] else ""
		row["handling_department"] = _(row["handling_department"]) if row["handling_department"] else ""
	columns = [
		{
			"fieldname": "name",
			"label": _("Complaint No."),
			"fieldtype": "Link",
			"options": "Complaint Register",
			"width": 140,
		},
		{"fieldname": "received_on", "label": _("Date Received"), "fieldtype": "Datetime", "width": 150},
		{
			"fieldname": "customer",
			"label": _("Complaining Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 160,
		},
		{"fieldname": "channel", "label": _("Channel"), "fieldtype": "Data", "width": 70},
		{
			"fieldname": "handling_department",
			"label": _("Handling Department"),
			"fieldtype": "Data",
			"width": 120,
		},
		{"fieldname": "is_valid", "label": _("Complaint Valid"), "fieldtype": "Data", "width": 90},
		{"fieldname": "content", "label": _("Complaint Content"), "fieldtype": "Data", "width": 240},
		{
			"fieldname": "reply",
			"label": _("Written Reply (findings and remedy)"),
			"fieldtype": "Data",
			"width": 240,
		},
		{"fieldname": "case_notes", "label": _("Case Notes"), "fieldtype": "Data", "width": 200},
	]
	return columns, rows
