# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""How long Business Orders take (订单处理效率, seed 001), by month of activation and order type:
from the order's date to its hand-over (acceptance), from the hand-over to complete documents, and
from the hand-over to activation — in days, with a chart of the time to activation."""

import frappe
from frappe import _
from frappe.utils import add_months, date_diff, flt, get_first_day, getdate, nowdate

from lvyue_ops.utils.reports import report_companies


def execute(filters=None):
	filters = frappe._dict(filters or {})
	start = getdate(filters.get("from_date") or add_months(get_first_day(nowdate()), -11))
	end = getdate(filters.get("to_date") or nowdate())
	rows = get_data(report_companies(filters), start, end)
	columns = [
		{"fieldname": "month", "label": _("Month Activated"), "fieldtype": "Data", "width": 110},
		{"fieldname": "order_type_label", "label": _("Order Type"), "fieldtype": "Data", "width": 130},
		{"fieldname": "orders", "label": _("Orders"), "fieldtype": "Int", "width": 80},
		{
			"fieldname": "days_to_handover",
			"label": _("Order to Hand-over (days)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 170,
		},
		{
			"fieldname": "days_to_documents",
			"label": _("Hand-over to Documents Complete (days)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 230,
		},
		{
			"fieldname": "days_to_activation",
			"label": _("Hand-over to Activation (days)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 190,
		},
	]
	return columns, rows, None, get_chart(rows)


def average(values):
	values = [v for v in values if v is not None]
	return flt(sum(values) / len(values), 1) if values else None


def get_data(companies, start, end) -> list[dict]:
	filters = {"activated_on": ("between", (start, end)), "docstatus": 0}
	if companies is not None:
		filters["company"] = ("in", companies or [""])
	groups: dict[tuple, list] = {}
	for order in frappe.get_all(
		"Business Order",
		filters=filters,
		fields=["order_type", "order_date", "handover_date", "documents_completed_on", "activated_on"],
	):
		groups.setdefault((getdate(order.activated_on).strftime("%Y-%m"), order.order_type), []).append(order)
	rows = []
	for (month, order_type), orders in sorted(groups.items()):
		rows.append(
			{
				"month": month,
				"order_type": order_type,
				"order_type_label": _(order_type),
				"orders": len(orders),
				"days_to_handover": average(
					[
						date_diff(o.handover_date, o.order_date)
						for o in orders
						if o.handover_date and o.order_date
					]
				),
				"days_to_documents": average(
					[
						date_diff(o.documents_completed_on, o.handover_date)
						for o in orders
						if o.documents_completed_on and o.handover_date
					]
				),
				"days_to_activation": average(
					[date_diff(o.activated_on, o.handover_date) for o in orders if o.handover_date]
				),
			}
		)
	return rows


def get_chart(rows):
	months = sorted({r["month"] for r in rows})
	by_month = {m: average([r["days_to_activation"] for r in rows if r["month"] == m]) for m in months}
	return {
		"data": {
			"labels": months,
			"datasets": [
				{"name": _("Hand-over to Activation (days)"), "values": [by_month[m] or 0 for m in months]}
			],
		},
		"type": "bar",
	}
