# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""线路毛利与变动: a month's revenue billed, upstream cost and margin by customer, salesperson, line
type or carrier, and the month's movement of lines with the change of monthly recurring revenue
(line_register/margin.py) — the figures the Monthly Operations Report's analysis takes."""

import frappe
from frappe import _
from frappe.utils import add_months, flt, get_first_day, nowdate

from lvyue_ops.line_register.margin import month_margin, month_movement
from lvyue_ops.utils.reports import report_companies

# group by -> (the margin row's field, the column's type and options, its label)
GROUPS = {
	"Customer": ("customer", "Link", "Customer", "Customer"),
	"Sales Person": ("sales_person", "Link", "Sales Person", "Sales Person"),
	"Line Type": ("line_type", "Data", None, "Line Type"),
	"Carrier": ("supplier", "Link", "Supplier", "Carrier"),
	"Line": ("line", "Link", "Service Line", "Service Line"),
}


def execute(filters=None):
	filters = frappe._dict(filters or {})
	company = report_companies(filters, required=True)[0]
	month = get_first_day(filters.get("month") or add_months(nowdate(), -1))
	group_by = filters.get("group_by") if filters.get("group_by") in GROUPS else "Customer"
	field, fieldtype, options, label = GROUPS[group_by]
	rows = grouped(month_margin(company, month), field)
	columns = [
		{"fieldname": "group", "label": _(label), "fieldtype": fieldtype, "options": options, "width": 220},
		{"fieldname": "revenue", "label": _("Revenue Billed"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "cost", "label": _("Upstream Cost"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "margin", "label": _("Gross Margin"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "margin_rate", "label": _("Gross Margin (%)"), "fieldtype": "Percent", "width": 110},
	]
	return columns, rows, None, None, summary(month_movement(company, month))


def grouped(lines: list[dict], field: str) -> list[dict]:
	groups: dict[str, dict] = {}
	for line in lines:
		group = line[field] if field != "line_type" or not line[field] else _(line[field])
		row = groups.setdefault(group or "", {"group": group, "revenue": 0.0, "cost": 0.0})
		row["revenue"] += line["revenue"]
		row["cost"] += line["cost"]
	rows = []
	for row in sorted(groups.values(), key=lambda r: -r["revenue"]):
		row["revenue"], row["cost"] = flt(row["revenue"], 2), flt(row["cost"], 2)
		row["margin"] = flt(row["revenue"] - row["cost"], 2)
		row["margin_rate"] = flt(100 * row["margin"] / row["revenue"], 1) if row["revenue"] else None
		rows.append(row)
	return rows


def summary(movement: dict) -> list[dict]:
	counts = (
		("opened", "Lines Opened"),
		("dismantled", "Lines Dismantled"),
		("suspended", "Lines Suspended"),
		("resumed", "Lines Resumed"),
		("moved", "Lines Moved"),
		("transferred", "Lines Transferred"),
	)
	change = movement["mrr_change"]
	return [
		*({"value": movement[key], "label": _(label), "datatype": "Int"} for key, label in counts),
		{
			"value": change,
			"label": _("Net Change in Monthly Recurring Revenue"),
			"datatype": "Currency",
			"indicator": "Green" if change >= 0 else "Red",
		},
	]
