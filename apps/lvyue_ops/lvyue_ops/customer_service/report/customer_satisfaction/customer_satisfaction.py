# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Customer satisfaction per month and category, from every score customers gave: revisits,
questionnaires and symposia."""

import frappe
from frappe import _
from frappe.utils import flt


def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions, values = "", {}
	if filters.get("from_date"):
		conditions += " and revisit_date >= %(from_date)s"
		values["from_date"] = filters.from_date
	if filters.get("to_date"):
		conditions += " and revisit_date <= %(to_date)s"
		values["to_date"] = filters.to_date
	# every score a customer gave: revisits, questionnaires, and symposium attendees
	scores = """
		select revisit_date as day, category, satisfaction from `tabRevisit`
		union all select survey_date, category, satisfaction from `tabSatisfaction Survey`
		union all select s.symposium_date, '', a.satisfaction from `tabSymposium Attendee` a
			join `tabCustomer Symposium` s on s.name = a.parent where a.satisfaction > 0"""
	rows = frappe.db.sql(
		f"""select date_format(day, '%%Y-%%m') as month, coalesce(category, '') as category,
			count(*) as revisits, avg(satisfaction) as average, sum(satisfaction >= 4) as satisfied
		from ({scores}) scores where 1=1 {conditions.replace("revisit_date", "day")}
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
