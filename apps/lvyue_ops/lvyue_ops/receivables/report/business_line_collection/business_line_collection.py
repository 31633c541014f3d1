# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Collection rate of each business line (item group) for the bills of a month: what was billed,
what of it has been collected, and the rate. Checked by the Operations Manager, to HR by the 13th."""

import frappe
from frappe import _
from frappe.utils import add_months, flt, get_first_day, get_last_day, nowdate

from lvyue_ops.utils.reports import report_companies


def execute(filters=None):
	filters = frappe._dict(filters or {})
	month = get_first_day(filters.get("month") or add_months(nowdate(), -1))
	rows = get_data(report_companies(filters), month)
	columns = [
		{
			"fieldname": "business_line",
			"label": _("Business Line"),
			"fieldtype": "Link",
			"options": "Item Group",
			"width": 200,
		},
		{"fieldname": "billed", "label": _("Billed"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "collected", "label": _("Collected"), "fieldtype": "Currency", "width": 140},
		{"fieldname": "rate", "label": _("Collection Rate (%)"), "fieldtype": "Percent", "width": 140},
	]
	return columns, rows


def get_data(companies: list[str] | None, month) -> list[dict]:
	"""Each bill's collected share (grand total less outstanding) is spread over its lines."""
	conditions = "and si.company in %(companies)s" if companies is not None else ""
	lines = frappe.db.sql(
		f"""select sii.item_group, sii.base_net_amount, si.base_net_total, si.grand_total, si.outstanding_amount
		from `tabSales Invoice Item` sii join `tabSales Invoice` si on si.name = sii.parent
		where si.docstatus = 1 and si.is_return = 0 and si.posting_date between %(start)s and %(end)s {conditions}""",
		{"companies": companies or [""], "start": month, "end": get_last_day(month)},
		as_dict=True,
	)
	lines_by_group: dict[str, dict] = {}
	for line in lines:
		paid_share = (
			(flt(line.grand_total) - flt(line.outstanding_amount)) / flt(line.grand_total)
			if flt(line.grand_total)
			else 0
		)
		row = lines_by_group.setdefault(
			line.item_group, {"business_line": line.item_group, "billed": 0.0, "collected": 0.0}
		)
		row["billed"] += flt(line.base_net_amount)
		row["collected"] += flt(line.base_net_amount) * paid_share
	rows = []
	for row in sorted(lines_by_group.values(), key=lambda r: r["business_line"] or ""):
		row["billed"], row["collected"] = flt(row["billed"], 2), flt(row["collected"], 2)
		row["rate"] = flt(100 * row["collected"] / row["billed"], 1) if row["billed"] else None
		rows.append(row)
	return rows
