# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""高价值客户: the customers' revenue, upstream cost and margin over a year, tenure and paying on
time, classed A/B/C by their share of the margin (fulfilment_tracking/analysis.py)."""

import frappe
from frappe import _
from frappe.utils import add_months, cint, get_first_day, nowdate

from lvyue_ops.fulfilment_tracking.analysis import customer_value
from lvyue_ops.utils.reports import report_companies


def execute(filters=None):
	filters = frappe._dict(filters or {})
	company = report_companies(filters, required=True)[0]
	month = get_first_day(filters.get("month") or add_months(nowdate(), -1))
	rows = customer_value(company, month, cint(filters.get("months")) or 12)
	if filters.get("value_class"):
		rows = [r for r in rows if r["value_class"] == filters.value_class]
	columns = [
		{
			"fieldname": "customer",
			"label": _("Customer"),
			"fieldtype": "Link",
			"options": "Customer",
			"width": 200,
		},
		{"fieldname": "value_class", "label": _("Value Class"), "fieldtype": "Data", "width": 90},
		{"fieldname": "revenue", "label": _("Revenue Billed"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "cost", "label": _("Upstream Cost"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "margin", "label": _("Gross Margin"), "fieldtype": "Currency", "width": 130},
		{"fieldname": "tenure_months", "label": _("Months as Customer"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "on_time_share",
			"label": _("Bills Paid on Time (%)"),
			"fieldtype": "Percent",
			"width": 130,
		},
	]
	return columns, rows
