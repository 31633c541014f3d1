# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""客户用量趋势: each customer's usage over 3, 6 and 12 months, and who churned or is falling
(fulfilment_tracking/analysis.py)."""

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, nowdate

from lvyue_ops.fulfilment_tracking.analysis import usage_trend
from lvyue_ops.utils.reports import report_companies


def execute(filters=None):
	filters = frappe._dict(filters or {})
	company = report_companies(filters, required=True)[0]
	month = get_first_day(filters.get("month") or add_months(nowdate(), -1))
	rows = usage_trend(company, month)
	if filters.get("signal"):
		rows = [r for r in rows if r["signal"] == filters.signal]
	for row in rows:
		row["signal"] = _(row["signal"]) if row["signal"] else ""
	columns = [
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 200,
		},
		{"fieldname": "this_month", "label": _("This Month"), "fieldtype": "Currency", "width": 110},
		{"fieldname": "average_3", "label": _("3-Month Average"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "average_6", "label": _("6-Month Average"), "fieldtype": "Currency", "width": 120},
		{"fieldname": "average_12", "label": _("12-Month Average"), "fieldtype": "Currency", "width": 120},
		{
			"fieldname": "change_3",
			"label": _("Last 3 Months vs the 3 Before (%)"),
			"fieldtype": "Percent",
			"width": 150,
		},
		{"fieldname": "lines_in_service", "label": _("Lines in Service"), "fieldtype": "Int", "width": 100},
		{"fieldname": "signal", "label": _("Signal"), "fieldtype": "Data", "width": 110},
	]
	return columns, rows
