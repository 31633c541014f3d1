# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Money collected per salesperson in a month (for HR by the 13th) or a quarter (bonus data):
payments allocated to bills, split by each bill's sales team."""

import frappe
from frappe import _
from frappe.utils import add_months, flt, get_first_day, get_last_day, getdate, nowdate

from lvyue_ops.utils.reports import report_companies


def execute(filters=None):
	filters = frappe._dict(filters or {})
	month = get_first_day(filters.get("month") or add_months(nowdate(), -1))
	months = 1
	if filters.get("quarter"):  # quarterly bonus data: the quarter the month is in
		month = get_first_day(add_months(month, -((month.month - 1) % 3)))
		months = 3
	rows = get_data(report_companies(filters), month, months)
	columns = [
		{
			"fieldname": "sales_person",
			"label": _("Sales Person"),
			"fieldtype": "Link",
			"options": "Sales Person",
			"width": 180,
		},
		{"fieldname": "bills", "label": _("Bills Paid"), "fieldtype": "Int", "width": 100},
		{"fieldname": "collected", "label": _("Collected"), "fieldtype": "Currency", "width": 140},
	]
	return columns, rows


def get_data(companies: list[str] | None, month, months: int = 1) -> list[dict]:
	conditions = "and pe.company in %(companies)s" if companies is not None else ""
	allocations = frappe.db.sql(
		f"""select st.sales_person, per.reference_name, per.allocated_amount * st.allocated_percentage / 100 as collected
		from `tabPayment Entry Reference` per
		join `tabPayment Entry` pe on pe.name = per.parent
		join `tabSales Team` st on st.parent = per.reference_name and st.parenttype = 'Sales Invoice'
		where pe.docstatus = 1 and pe.payment_type = 'Receive' and per.reference_doctype = 'Sales Invoice'
		and pe.posting_date between %(start)s and %(end)s {conditions}""",
		{
			"companies": companies or [""],
			"start": getdate(month),
			"end": get_last_day(add_months(month, months - 1)),
		},
		as_dict=True,
	)
	by_person: dict[str, dict] = {}
	for a in allocations:
		row = by_person.setdefault(
			a.sales_person, {"sales_person": a.sales_person, "bills": set(), "collected": 0.0}
		)
		row["bills"].add(a.reference_name)
		row["collected"] += flt(a.collected)
	return [
		{"sales_person": r["sales_person"], "bills": len(r["bills"]), "collected": flt(r["collected"], 2)}
		for r in sorted(by_person.values(), key=lambda r: -r["collected"])
	]
