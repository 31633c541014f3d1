# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Every Contract Review (合同履行审查) of a period in one list: how each contract was fulfilled, the
reviewer's conclusion and the measures still open, with a chart of the conclusions."""

import frappe
from frappe import _
from frappe.utils import add_months, flt, get_first_day, getdate, nowdate

from lvyue_ops.utils.reports import report_companies

CONCLUSIONS = ("Fulfilled as Agreed", "Needs Improvement", "At Risk")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	start = getdate(filters.get("from_date") or add_months(get_first_day(nowdate()), -12))
	end = getdate(filters.get("to_date") or nowdate())
	rows = get_data(report_companies(filters), start, end, filters.get("status"))
	return columns(), rows, None, get_chart(rows)


def columns() -> list[dict]:
	def column(fieldname, label, fieldtype="Data", width=110, options=None):
		return {
			"fieldname": fieldname,
			"label": label,
			"fieldtype": fieldtype,
			"width": width,
			"options": options,
		}

	return [
		column("name", _("Contract Review"), "Link", 130, "Contract Review"),
		column("contract", _("Contract"), "Link", 130, "Contract"),
		column("customer", _("Customer"), "Link", 160, "Customer"),
		column("period_from", _("Period From"), "Date"),
		column("period_to", _("Period To"), "Date"),
		column("status_label", _("Status"), "Data", 90),
		column("conclusion_label", _("Conclusion"), "Data", 120),
		column("orders_delivered", _("Orders Delivered"), "Int", 100),
		column("average_lead_days", _("Average Lead Time (days)"), "Float", 130),
		column("billed", _("Billed"), "Currency", 110),
		column("collected", _("Collected"), "Currency", 110),
		column("collection_rate", _("Collection Rate"), "Percent", 100),
		column("overdue", _("Overdue Amount"), "Currency", 110),
		column("complaints", _("Complaints"), "Int", 90),
		column("sla_breaches", _("Service Requests Past Their SLA"), "Int", 130),
		column("open_measures", _("Open Measures"), "Int", 110),
	]


def get_data(companies, start, end, status=None) -> list[dict]:
	"""The reviews the user may read (frappe's permissions, User Permissions on Company too)."""
	filters = {"period_to": ("between", (start, end))}
	if companies is not None:
		filters["company"] = ("in", companies or [""])
	if status:
		filters["status"] = status
	reviews = frappe.get_list(
		"Contract Review",
		filters=filters,
		fields=[
			"name",
			"contract",
			"customer",
			"period_from",
			"period_to",
			"status",
			"conclusion",
			"orders_delivered",
			"average_lead_days",
			"billed",
			"collected",
			"overdue",
			"complaints",
			"sla_breaches",
		],
		order_by="period_to desc, customer",
	)
	open_measures = open_measure_counts([r.name for r in reviews])
	for row in reviews:
		row.status_label = _(row.status)
		row.conclusion_label = _(row.conclusion) if row.conclusion else ""
		row.collection_rate = flt(100 * flt(row.collected) / flt(row.billed), 1) if flt(row.billed) else None
		row.open_measures = open_measures.get(row.name, 0)
	return reviews


def open_measure_counts(reviews: list[str]) -> dict[str, int]:
	"""A measure is open while its owner's ToDo is (a completed review gave each owner one)."""
	if not reviews:
		return {}
	counts = frappe.get_all(
		"ToDo",
		filters={"reference_type": "Contract Review", "reference_name": ("in", reviews), "status": "Open"},
		fields=["reference_name", "count(name) as open"],
		group_by="reference_name",
	)
	return {row.reference_name: row.open for row in counts}


def get_chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	return {
		"data": {
			"labels": [_(c) for c in CONCLUSIONS],
			"datasets": [
				{
					"name": _("Contract Reviews"),
					"values": [sum(1 for r in rows if r.conclusion == c) for c in CONCLUSIONS],
				}
			],
		},
		"type": "bar",
	}
