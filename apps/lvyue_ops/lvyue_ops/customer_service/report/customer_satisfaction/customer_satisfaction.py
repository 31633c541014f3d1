# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Customer satisfaction per month and category, from every score customers gave: revisits,
questionnaires and symposia, of the company chosen (else of every company the user may see)."""

import frappe
from frappe import _
from frappe.utils import flt

from lvyue_ops.customer_service.satisfaction import SCORES
from lvyue_ops.utils.reports import report_companies


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions, values = "", {}
	if filters.get("from_date"):
		conditions += " and day >= %(from_date)s"
		values["from_date"] = filters.from_date
	if filters.get("to_date"):
		conditions += " and day <= %(to_date)s"
		values["to_date"] = filters.to_date
	companies = report_companies(filters)
	if companies is not None:  # a company chosen, or the user's companies only
		conditions += " and company in %(companies)s"
		values["companies"] = companies or [""]
	rows = frappe.db.sql(
		f"""select date_format(day, '%%Y-%%m') as month, coalesce(category, '') as category,
			count(*) as revisits, avg(score) as average, sum(score >= 4) as satisfied
		from ({SCORES}) scores where 1=1 {conditions}
		group by month, category order by month, category""",
		values,
		as_dict=True,
	)
	for row in rows:
		row["category_label"] = _(row["category"]) if row["category"] else _("Not Set")
		row["average"] = flt(row["average"], 2)
		row["satisfied_percent"] = (
			flt(100.0 * row["satisfied"] / row["revisits"], 1) if row["revisits"] else None
		)
	columns = [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "category_label", "label": _("Category"), "fieldtype": "Data", "width": 140},
		{"fieldname": "revisits", "label": _("Scores"), "fieldtype": "Int", "width": 90},
		{"fieldname": "average", "label": _("Average Satisfaction"), "fieldtype": "Float", "width": 140},
		{"fieldname": "satisfied_percent", "label": _("Satisfied (%)"), "fieldtype": "Percent", "width": 110},
	]
	chart = None
	if rows:
		months = sorted({r["month"] for r in rows})
		chart = {
			"data": {
				"labels": months,
				"datasets": [
					{
						"name": _("Average Satisfaction"),
						"values": [
							flt(
								sum(r["average"] * r["revisits"] for r in rows if r["month"] == m)
								/ sum(r["revisits"] for r in rows if r["month"] == m),
								2,
							)
							for m in months
						],
					}
				],
			},
			"type": "line",
		}
	return columns, rows, None, chart
