"""A month's margin and movement from the register (运营部管理规定 第二章: 通过帐务数据管理进行销售分析;
第二条 2-2: 每月第一个星期对上月经营情况的变动进行统计与分析).

- Revenue is what the month's bills billed: each line's fee (fees.py, for the customers whose bill
  of the month is submitted) and the billed usage, each usage row on the line its number or VOS
  line names (usage no line names stays the customer's, under no line).
- Upstream cost is each line's upstream monthly cost for the same billed days.
- The movement counts the lines opened, dismantled, suspended, resumed, moved and transferred in
  the month, and the change of monthly recurring revenue (the fees of the lines Active on the day)
  from the month's eve to its last day."""

from collections import Counter
from datetime import date

import frappe
from frappe.utils import add_days, flt, get_first_day, get_last_day, getdate

from lvyue_ops.line_register.fees import histories, line_keys, month_fees

LINE_FIELDS = ["name", "customer", "sales_person", "line_type", "supplier", "quantity", "upstream_cost"]
MOVES = {
	"Activated": "opened",
	"Dismantled": "dismantled",
	"Suspended": "suspended",
	"Resumed": "resumed",
	"Moved": "moved",
	"Transferred Out": "transferred",
}


def month_margin(company: str, period) -> list[dict]:
	"""One row per line billed days in the month (and one per customer for usage on no line):
	customer, sales person, line type, carrier, revenue, upstream cost, margin."""
	first = getdate(get_first_day(period))
	billed_customers = set(
		frappe.get_all(
			"Sales Invoice",
			filters={
				"company": company,
				"docstatus": 1,
				"lvyue_billing_key": ("like", f"{company}|%|{first:%Y-%m}"),
			},
			pluck="customer",
		)
	)
	lines = {
		line.name: line
		for line in frappe.get_all(
			"Service Line", filters={"company": company}, fields=[*LINE_FIELDS, "numbers", "vos_line"]
		)
	}
	rows: dict[str, dict] = {}

	def row(line=None, customer=None) -> dict:
		return rows.setdefault(
			line.name if line else f"usage|{customer}",
			{
				"line": line.name if line else None,
				"customer": line.customer if line else customer,
				"sales_person": line.sales_person if line else None,
				"line_type": line.line_type if line else None,
				"supplier": line.supplier if line else None,
				"revenue": 0.0,
				"cost": 0.0,
			},
		)

	for fees in month_fees(company, first, free=True).values():
		for fee in fees:
			line = lines[fee.line]
			if fee.customer in billed_customers:
				row(line)["revenue"] += fee.rate * fee.quantity
			row(line)["cost"] += flt(line.upstream_cost) * fee.quantity * fee.days / fee.month_days
	by_key = {(line.customer, key): line for line in lines.values() for key in line_keys(line)}
	for usage in frappe.db.sql(
		"""select u.customer, u.line_or_number, u.amount from `tabUsage Statement` u
		join `tabSales Invoice` si on si.name = u.sales_invoice and si.docstatus = 1
		where u.company = %s and u.period = %s""",
		(company, first),
		as_dict=True,
	):
		line = by_key.get((usage.customer, (usage.line_or_number or "").strip()))
		row(line, usage.customer)["revenue"] += flt(usage.amount)
	for r in rows.values():
		r["revenue"], r["cost"] = flt(r["revenue"], 2), flt(r["cost"], 2)
		r["margin"] = flt(r["revenue"] - r["cost"], 2)
	return sorted(rows.values(), key=lambda r: (r["customer"] or "", r["line"] or ""))


def month_movement(company: str, period) -> dict[str, float]:
	"""The month's moves of lines, by kind, and its monthly recurring revenue at the eve and the end."""
	first, last = getdate(get_first_day(period)), getdate(get_last_day(period))
	moves = Counter(
		MOVES[event]
		for event in frappe.db.sql(
			"""select e.event from `tabService Line Event` e join `tabService Line` l on l.name = e.parent
			where e.parenttype = 'Service Line' and l.company = %s and e.event_date between %s and %s
			and e.event in %s""",
			(company, first, last, list(MOVES)),
			pluck=True,
		)
	)
	lines = {
		line.name: line
		for line in frappe.get_all(
			"Service Line",
			filters={"company": company, "active_from": ("<=", last)},
			fields=["name", "quantity"],
		)
	}
	eve = add_days(first, -1)
	mrr_eve = mrr_end = 0.0
	for name, history in histories(list(lines)).items():
		quantity = flt(lines[name].quantity)
		mrr_eve += fee_on(history, eve) * quantity
		mrr_end += fee_on(history, last) * quantity
	return {
		**{kind: moves.get(kind, 0) for kind in MOVES.values()},
		"mrr_eve": flt(mrr_eve, 2),
		"mrr_end": flt(mrr_end, 2),
		"mrr_change": flt(mrr_end - mrr_eve, 2),
	}


def fee_on(history: list, day: date) -> float:
	"""The line's monthly fee on the day if it is Active then, else 0."""
	rows = [
		r
		for r in sorted(history, key=lambda r: (getdate(r.effective_from), r.idx))
		if getdate(r.effective_from) <= day
	]
	return flt(rows[-1].monthly_fee) if rows and rows[-1].status == "Active" else 0.0
