"""The month's Usage Statements from the call records: per VOS server, customer, account and line,
the calls, billed minutes (feeTime) and VOS fee of the calls that started in the month.

Made again after every import and pull (idempotent), by a job of its own once the import or pull
has committed (`remake_later`): a statement not yet billed is brought up to
the CDRs' figures; once billed, late CDRs make a further statement of the difference, which the
next billing run bills as a supplementary bill (billing/billing.py). A month whose usage came from
a totals file (Usage Import of the format "Monthly Totals") is left to that file."""

import hashlib
from collections import defaultdict

import frappe
from frappe.utils import flt, get_first_day, getdate, now

from lvyue_ops.billing.billing import billed_keys, billing_key
from lvyue_ops.billing.doctype.usage_import.importer import insert_rows, statement_row, usage_key
from lvyue_ops.utils.jobs import enqueue_long
from lvyue_ops.vos import call_records

SUPPLEMENT, OF_CUSTOMER = "|+", "|@"


def base_key(key: str) -> str:
	"""A statement's usage key without its supplement and customer marks."""
	return key.split(SUPPLEMENT)[0].split(OF_CUSTOMER)[0]


def customer_tag(customer: str) -> str:
	return hashlib.sha1(customer.encode()).hexdigest()[:10]


def remake_later(company: str, months, usage_import: str | None = None) -> None:
	"""The months' usage made again by a job of its own once this transaction commits: the import
	or pull that stored the calls stays short, and a month is made once however many days came in
	meanwhile. An import's supplementary statements are counted on it."""
	for month in sorted({getdate(get_first_day(month)) for month in months}):
		enqueue_long(
			"lvyue_ops.vos.usage.remake_month",
			f"vos-usage::{company}::{month}::{usage_import or ''}",
			company=company,
			month=str(month),
			usage_import=usage_import,
		)


def remake_month(company: str, month: str, usage_import: str | None = None) -> None:
	"""The job of `remake_later`."""
	supplementary = make_month_usage(company, month)["supplementary"]
	if usage_import and supplementary:
		count = frappe.db.get_value("Usage Import", usage_import, "supplementary_rows") or 0
		frappe.db.set_value(
			"Usage Import", usage_import, "supplementary_rows", count + supplementary, update_modified=False
		)


def make_month_usage(company: str, month) -> dict:
	"""Bring the month's statements up to its CDRs; return what changed."""
	month = getdate(get_first_day(month))
	totals = call_records.month_totals(company, month)
	labels = line_labels({t.service_line for t in totals if t.service_line})
	existing, taken = defaultdict(list), set()
	for statement in frappe.get_all(
		"Usage Statement",
		filters={"company": company, "period": month},
		fields=[
			"name",
			"customer",
			"usage_key",
			"calls",
			"minutes",
			"amount",
			"sales_invoice",
			"usage_import",
		],
	):
		existing[(statement.customer, base_key(statement.usage_key))].append(statement)
		taken.add(statement.usage_key)
	billed_customers = billed_keys(company, month)
	made = updated = supplementary = 0
	from_files = []
	values, stamp = [], now()
	for total in totals:
		line = labels.get(total.service_line) or ""
		key = usage_key(total.account, month, line)
		group = existing.get((total.customer, key), [])
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
		if group:
			new_key = f"{group[0].usage_key.split(SUPPLEMENT)[0]}{SUPPLEMENT}{len(group)}"
		else:  # the account's line passed to another customer in the month (过户): a key of its own
			new_key = key if key not in taken else f"{key}{OF_CUSTOMER}{customer_tag(total.customer)}"
		while new_key in taken:  # two lines of the customer that carry the same name
			new_key += SUPPLEMENT
		taken.add(new_key)
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
				new_key,
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
