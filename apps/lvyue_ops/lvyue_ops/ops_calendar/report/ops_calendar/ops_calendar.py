# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The month's duties with their due dates (on the company's Holiday List) and their state, and
the on-time rate of each duty over the months chosen."""

import frappe
from frappe import _
from frappe.utils import add_months, get_datetime, get_first_day, getdate, now_datetime

from lvyue_ops.ops_calendar.ops_calendar import due_date
from lvyue_ops.utils.reports import report_companies


def execute(filters=None):
	filters = frappe._dict(filters or {})
	(company,) = report_companies(filters, required=True)
	start = get_first_day(filters.get("from_month") or now_datetime())
	end = get_first_day(filters.get("to_month") or start)
	rows = get_data(company, start, end)
	columns = [
		{"fieldname": "month", "label": _("Month"), "fieldtype": "Data", "width": 90},
		{"fieldname": "duty", "label": _("Duty"), "fieldtype": "Data", "width": 220},
		{"fieldname": "responsible_role", "label": _("Responsible Role"), "fieldtype": "Data", "width": 150},
		{"fieldname": "due", "label": _("Due"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "state", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{"fieldname": "completed_on", "label": _("Completed on"), "fieldtype": "Datetime", "width": 160},
		{
			"fieldname": "task",
			"label": _("Ops Duty Task"),
			"fieldtype": "Link",
			"options": "Ops Duty Task",
			"width": 150,
		},
	]
	return columns, rows, None, get_chart(rows)


def get_data(company: str, start, end) -> list[dict]:
	now = now_datetime()
	rows = []
	month = start
	while month <= end:
		tasks = {
			t.duty: t
			for t in frappe.get_all(
				"Ops Duty Task",
				filters={"company": company, "period": month},
				fields=["name", "duty", "status", "completed_on", "on_time", "due"],
			)
		}
		for duty in frappe.get_all(
			"Ops Duty", filters={"enabled": 1}, fields=["name", "responsible_role"], order_by="name"
		):
			due = due_date(duty.name, month.year, month.month, company)
			if not due:
				continue
			task = tasks.get(duty.name)
			if task and task.status == "Completed":
				state = _("On Time") if task.on_time else _("Late")
			elif get_datetime(due) < now:
				state = _("Overdue")
			else:
				state = _("Open") if task else _("Not Open Yet")
			rows.append(
				{
					"month": month.strftime("%Y-%m"),
					"duty_name": duty.name,
					"duty": _(duty.name),
					"responsible_role": _(duty.responsible_role),
					"due": due,
					"state": state,
					"on_time": bool(task and task.status == "Completed" and task.on_time),
					"done": bool(task and task.status == "Completed"),
					"completed_on": task.completed_on if task else None,
					"task": task.name if task else None,
				}
			)
		month = getdate(add_months(month, 1))
	return rows


def on_time_rate(rows) -> dict[str, float]:
	"""Share of the duties that are due (or done) which were done on time, per duty."""
	rates = {}
	for duty in {r["duty"] for r in rows}:
		counted = [r for r in rows if r["duty"] == duty and (r["done"] or r["state"] == _("Overdue"))]
		if counted:
			rates[duty] = 100.0 * sum(r["on_time"] for r in counted) / len(counted)
	return rates


def get_chart(rows):
	rates = on_time_rate(rows)
	if not rates:
		return None
	labels = sorted(rates)
	return {
		"data": {
			"labels": labels,
			"datasets": [{"name": _("On-time Rate (%)"), "values": [round(rates[d], 1) for d in labels]}],
		},
		"type": "bar",
	}
