# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Cycle time per approval step and the share of steps done within the SLA."""

import frappe
from frappe import _
from frappe.utils import flt

from lvyue_ops.utils.reports import report_companies
from lvyue_ops.workflow.approval import approval_steps


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = get_data(filters)
	return get_columns(), rows, None, get_chart(rows)


def get_columns():
	return [
		{"fieldname": "document_type", "label": _("Document Type"), "fieldtype": "Data", "width": 140},
		{"fieldname": "workflow_state", "label": _("Step"), "fieldtype": "Data", "width": 200},
		{"fieldname": "steps", "label": _("Steps Completed"), "fieldtype": "Int", "width": 120},
		{
			"fieldname": "avg_hours",
			"label": _("Average Hours"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 120,
		},
		{
			"fieldname": "max_hours",
			"label": _("Longest (hours)"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 120,
		},
		{
			"fieldname": "within_sla_percent",
			"label": _("Within SLA (%)"),
			"fieldtype": "Percent",
			"width": 120,
		},
		{"fieldname": "open_steps", "label": _("Waiting Now"), "fieldtype": "Int", "width": 110},
		{"fieldname": "overdue_steps", "label": _("Overdue Now"), "fieldtype": "Int", "width": 110},
	]


def get_data(filters) -> list[dict]:
	step = frappe.qb.DocType("Approval Step")
	conditions = []
	if filters.get("reference_doctype"):
		conditions.append(step.reference_doctype == filters.reference_doctype)
	if (companies := report_companies(filters)) is not None:
		conditions.append(step.company.isin(companies or [""]))
	if filters.get("from_date"):
		conditions.append(step.started_at >= filters.from_date)
	if filters.get("to_date"):
		conditions.append(step.started_at < frappe.utils.add_days(filters.to_date, 1))
	query = frappe.qb.from_(step).select(
		step.reference_doctype,
		step.workflow_state,
		step.status,
		step.elapsed_hours,
		step.within_sla,
		step.deadline,
	)
	for condition in conditions:
		query = query.where(condition)
	now = frappe.utils.now_datetime()
	groups: dict[tuple, dict] = {}
	for s in query.run(as_dict=True):
		g = groups.setdefault(
			(s.reference_doctype, s.workflow_state),
			{
				"reference_doctype": s.reference_doctype,
				"workflow_state": s.workflow_state,
				"hours": [],
				"within": 0,
				"open_steps": 0,
				"overdue_steps": 0,
			},
		)
		if s.status == "Completed":
			g["hours"].append(flt(s.elapsed_hours))
			g["within"] += s.within_sla
		else:
			g["open_steps"] += 1
			g["overdue_steps"] += int(s.deadline < now)
	order = {dt: approval_steps(dt) for dt in {g["reference_doctype"] for g in groups.values()}}

	def position(g):
		steps = order[g["reference_doctype"]]
		return (
			g["reference_doctype"],
			steps.index(g["workflow_state"]) if g["workflow_state"] in steps else len(steps),
		)

	rows = []
	for g in sorted(groups.values(), key=position):
		done = len(g["hours"])
		rows.append(
			{
				"reference_doctype": g["reference_doctype"],
				"document_type": _(g["reference_doctype"]),
				"workflow_state": _(g["workflow_state"]),
				"steps": done,
				"avg_hours": sum(g["hours"]) / done if done else None,
				"max_hours": max(g["hours"]) if done else None,
				"within_sla_percent": 100.0 * g["within"] / done if done else None,
				"open_steps": g["open_steps"],
				"overdue_steps": g["overdue_steps"],
			}
		)
	return rows


def get_chart(rows):
	if not rows:
		return None
	return {
		"data": {
			"labels": [f"{_(r['reference_doctype'])} · {r['workflow_state']}" for r in rows],
			"datasets": [
				{"name": _("Average Hours"), "values": [flt(r["avg_hours"], 1) for r in rows]},
				{"name": _("Within SLA (%)"), "values": [flt(r["within_sla_percent"], 1) for r in rows]},
			],
		},
		"type": "bar",
	}
