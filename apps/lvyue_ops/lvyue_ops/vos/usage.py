"""The month's Usage Statements from the call records: per VOS server, customer, account and line,
the calls, billed minutes (feeTime) and VOS fee of the calls that started in the month.

Made again after every import and pull (idempotent): a statement not yet billed is brought up to
the CDRs' figures; once billed, late CDRs make a further statement of the difference, which the
next billing run bills as a supplementary bill (billing/billing.py). A month whose usage came from
a totals file (Usage Import of the format "Monthly Totals") is left to that file."""

from collections import defaultdict

import frappe
from frappe.utils import flt, get_first_day, getdate, now

from lvyue_ops.billing.billing import billed_keys, billing_key
from lvyue_ops.billing.doctype.usage_import.importer import insert_rows, statement_row, usage_key
from lvyue_ops.vos import call_records

SUPPLEMENT = "|+"


def make_month_usage(company: str, month) -> dict:
	"""Bring the month's statements up to its CDRs; return what changed."""
	month = getdate(get_first_day(month))
	totals = call_records.month_totals(company, month)
	labels = line_labels({t.service_line for t in totals if t.service_line})
	existing = defaultdict(list)
	for statement in frappe.get_all(
		"Usage Statement",
		filters={"company": company, "period": month},
		fields=["name", "usage_key", "calls", "minutes", "amount", "sales_invoice", "usage_import"],
	):
		existing[statement.usage_key.split(SUPPLEMENT)[0]].append(statement)
	billed_customers = billed_keys(company, month)
	made = updated = supplementary = 0
	from_files = []
	values, stamp = [], now()
	for total in totals:
		line = labels.get(total.service_line) or ""
		key = usage_key(total.account, month, line)
		group = existing.get(key, [])
		if any(s.usage_import for s in group):
			from_files.append(total.account)
			continue
		figures = {
			"calls": int(total.calls),
			"minutes": flt(flt(total.fee_seconds) / 60, 2),
			"amount": flt(total.fee, 2),
		}
		billed = {f: sum(flt(s[f]) for s in group if s.sales_invoice) for f in figures}
		rest = {f: flt(figures[f] - billed[f], 2) for f in figures}
		open_statement = next((s for s in group if not s.sales_invoice), None)
		if open_statement:
			if any(flt(open_statement[f], 2) != rest[f] for f in figures):
				frappe.db.set_value("Usage Statement", open_statement.name, rest, update_modified=True)
				updated += 1
			continue
		if rest["calls"] <= 0 and rest["amount"] <= 0:
			continue
		values.append(
			statement_row(
				company,
				total.customer,
				total.account,
				month,
				line or None,
				rest["calls"],
				rest["minutes"],
				rest["amount"],
				key if not group else f"{key}{SUPPLEMENT}{len(group)}",
				stamp=stamp,
			)
		)
		made += 1
		supplementary += billing_key(company, total.customer, month) in billed_customers
	if values:
		insert_rows(values)
	return {
		"made": made,
		"updated": updated,
		"supplementary": supplementary,
		"from_files": sorted(set(from_files)),
	}


def line_labels(lines: set[str]) -> dict[str, str]:
	"""line -> the name its usage carries on a statement (its VOS line, else its first number)."""
	labels = {}
	for line in frappe.get_all(
		"Service Line", filters={"name": ("in", list(lines) or [""])}, fields=["name", "vos_line", "numbers"]
	):
		labels[line.name] = line.vos_line or (line.numbers or "").split(",")[0].strip()
	return labels
