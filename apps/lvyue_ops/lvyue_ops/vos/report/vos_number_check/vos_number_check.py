# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Numbers VOS holds that the register has not, and lines in service VOS does not know (read live
from the VOS server: vos/number_check.py)."""

import frappe
from frappe import _

from lvyue_ops.vos.number_check import finding_label, number_check


def execute(filters=None):
	filters = frappe._dict(filters or {})
	if not filters.get("vos_server"):
		frappe.throw(_("Please choose the VOS server."))
	frappe.get_doc("VOS Server", filters.vos_server).check_permission("read")
	columns = [
		{"fieldname": "number", "label": _("Number(s)"), "fieldtype": "Data", "width": 160},
		{"fieldname": "account", "label": _("VOS Account"), "fieldtype": "Data", "width": 140},
		{"fieldname": "finding", "label": _("Finding"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "line",
			"label": _("Service Line"),
			"fieldtype": "Link",
			"options": "Service Line",
			"width": 140,
		},
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 200,
		},
	]
	rows = number_check(filters.vos_server)
	for row in rows:
		row["finding"] = finding_label(row["finding"])
	return columns, rows
