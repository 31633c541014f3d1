"""Benchmark (not a test): the queries of each scheduler scan with 1,000 and with 10,000 open
documents that are not due, in one transaction rolled back afterwards.

	bench --site SITE execute lvyue_ops.benchmarks.scans.run

A scan reads only what is due (an index lookup, a grouped query): its query count must not grow
with the number of open documents.
"""

import frappe
from frappe.utils import add_to_date, now_datetime

from lvyue_ops.benchmarks.measure import base_company, session_queries

DEFAULT = ("creation", "modified", "owner", "modified_by", "docstatus")


def rows(doctype: str, fields: dict, count: int, tag: str) -> None:
	"""`count` records of `doctype` with `fields` (the same for all), written in bulk."""
	stamp = now_datetime()
	names = [f"SCAN-{tag}-{i:06d}" for i in range(count)]
	frappe.db.bulk_insert(
		doctype,
		("name", *DEFAULT, *fields),
		[(name, stamp, stamp, "Administrator", "Administrator", 0, *fields.values()) for name in names],
		chunk_size=5000,
	)


def open_documents(count: int, company: str, tag: str) -> None:
	later = add_to_date(now_datetime(), days=30)
	rows(
		"Approval Step",
		{
			"status": "Awaiting Action",
			"deadline": later,
			"reference_doctype": "Project Approval",
			"reference_name": "x",
			"started_at": now_datetime(),
		},
		count,
		tag,
	)
	rows(
		"Business Order",
		{
			"company": company,
			"status": "Accepted",
			"document_deadline": later,
			"customer": "x",
			"order_type": "New Installation",
		},
		count,
		tag,
	)
	rows(
		"Suspension Request",
		{"company": company, "request_type": "Shutdown", "status": "Draft", "due_by": later, "customer": "x"},
		count,
		tag,
	)
	rows(
		"Ops Duty Task",
		{
			"company": company,
			"status": "Open",
			"overdue": 0,
			"due": later,
			"duty": "Payment Due",
			"responsible_role": "Customer Service Specialist",
		},
		count,
		tag,
	)
	rows(
		"Complaint Register",
		{"company": company, "status": "Open", "channel": "Written", "reply_due": later, "customer": "x"},
		count,
		tag,
	)
	rows(
		"Purchase Request",
		{
			"company": company,
			"gm_confirmation_status": "Awaiting Confirmation",
			"workflow_state": "Approved",
			"reason": "x",
		},
		count,
		tag,
	)
	rows(
		"Carrier Account",
		{
			"company": company,
			"low_balance": 0,
			"balance": 100,
			"threshold": 10,
			"account_no": "x",
			"carrier": "x",
		},
		count,
		tag,
	)
	# prepaid customers above their threshold
	frappe.db.bulk_insert(
		"Customer",
		("name", *DEFAULT, "customer_name", "lvyue_is_prepaid", "lvyue_low_balance_threshold"),
		[
			(
				f"SCAN-{tag}-{i:06d}",
				now_datetime(),
				now_datetime(),
				"Administrator",
				"Administrator",
				0,
				f"SCAN {i}",
				1,
				-1,
			)
			for i in range(count)
		],
		chunk_size=5000,
	)


def scans():
	from lvyue_ops.business_acceptance import document_deadline
	from lvyue_ops.customer_service.doctype.complaint_register.complaint_register import (
		escalate_overdue_complaints,
	)
	from lvyue_ops.ops_calendar.ops_calendar import flag_overdue_tasks
	from lvyue_ops.procurement.doctype.carrier_account.carrier_account import check_carrier_balances
	from lvyue_ops.receivables.receivables import check_low_balances
	from lvyue_ops.workflow.approval import check_approval_deadlines, remind_pending_gm_confirmations

	return {
		"approval deadlines (hourly)": check_approval_deadlines,
		"document deadlines (hourly)": document_deadline.check_document_deadlines,
		"late shutdowns (hourly)": document_deadline.escalate_late_shutdowns,
		"overdue duties (hourly)": flag_overdue_tasks,
		"complaint replies (hourly)": escalate_overdue_complaints,
		"GM confirmations (daily)": remind_pending_gm_confirmations,
		"low balances (daily)": check_low_balances,
		"carrier balances (daily)": check_carrier_balances,
	}


def count_queries(sizes) -> dict[str, list[int]]:
	company = base_company()
	counts: dict[str, list[int]] = {name: [] for name in scans()}
	for size in sizes:
		try:
			open_documents(size, company, frappe.generate_hash(length=4))
			for name, scan in scans().items():
				scan()  # warm (caches), then measured
				before = session_queries()
				scan()
				counts[name].append(session_queries() - before - 1)  # less the counter's own query
		finally:
			frappe.db.rollback()
	return counts


def hook_cost(calls: int = 20000) -> float:
	"""Microseconds the app's doc_events["*"] hook adds to a save of a document no duty names."""
	import time

	from lvyue_ops.ops_calendar.ops_calendar import on_document_produced

	doc = frappe.get_doc({"doctype": "Note", "title": "x"})
	on_document_produced(doc, "on_update")
	before, started = session_queries(), time.perf_counter()
	for _ in range(calls):
		on_document_produced(doc, "on_update")
	seconds, queries = time.perf_counter() - started, session_queries() - before - 1
	print(
		f'doc_events["*"] on a document no duty names: {1e6 * seconds / calls:.1f} µs and {queries} queries per save'
	)
	return 1e6 * seconds / calls


def run(sizes=(1000, 10000)):
	frappe.set_user("Administrator")
	hook_cost()
	counts = count_queries(sizes)
	header = " | ".join(f"{size:>7,} open" for size in sizes)
	print(f"{'scheduler scan':<30} | {header}")
	for name, values in counts.items():
		print(f"{name:<30} | " + " | ".join(f"{v:>7} q   " for v in values))
	grows = [name for name, values in counts.items() if len(set(values)) > 1]
	print("query counts independent of the open documents" if not grows else f"grows: {grows}")
	return counts
