"""The billing run: one Sales Invoice per customer and month from usage and monthly fees, due by
the calendar, idempotent when run twice and when two workers run at once.

The run commits as it goes (it is a background job), so this data is committed; the invoices are
cancelled afterwards."""

import os
import subprocess
import sys
from datetime import date

import frappe
import pytest
from frappe.utils import getdate

from lvyue_ops.billing.billing import billing_key
from lvyue_ops.line_register.lines import carry_out
from lvyue_ops.tests.approval_helpers import ensure_item
from lvyue_ops.tests.billing_helpers import (
	NOV,
	bill,
	csv_bytes,
	delete_lines,
	import_usage,
	plan,
	reviewed,
	usage_import,
	vos_customer,
)
from lvyue_ops.tests.utils import CJK, english_in
from lvyue_ops.utils.notify import in_language


@pytest.fixture
def billing(base):
	"""Three customers: usage on two lines; usage and an activated order with monthly fees; only
	monthly fees. Committed; their invoices are cancelled after the test."""
	a, account_a = vos_customer()
	b, account_b = vos_customer()
	c, _account_c = vos_customer()
	content = csv_bytes(
		[
			(account_a, "2026-11", 100, 250, 120.5, "4008001001"),
			(account_a, "2026-11", 3, 4, 1.5, "4008001002"),
			(account_b, "2026-11", 50, 60, 30, ""),
		]
	)
	assert import_usage(usage_import(base.company, "nov.csv", content))
	for customer in (b, c):
		order = frappe.get_doc(
			{
				"doctype": "Business Order",
				"company": base.company,
				"customer": customer,
				"order_type": "New Installation",
				"resources": [{"item_code": ensure_item(), "quantity": 2, "monthly_fee": 400}],
			}
		).insert()
		order.db_set({"status": "Activated", "activated_on": NOV})
		carry_out(order, NOV)  # its lines, in service all November
	frappe.db.commit()
	yield frappe._dict(company=base.company, a=a, b=b, c=c, customers=(a, b, c))
	# leave nothing billable behind: later runs bill the whole company
	frappe.db.rollback()
	for name in frappe.get_all(
		"Sales Invoice", filters={"customer": ("in", (a, b, c)), "docstatus": 1}, pluck="name"
	):
		frappe.get_doc("Sales Invoice", name).cancel()
	frappe.db.delete("Usage Statement", {"customer": ("in", (a, b, c))})
	frappe.db.set_value("Business Order", {"customer": ("in", (a, b, c))}, "status", "Cancelled")
	delete_lines((a, b, c))
	# the runs completed the month's bills duty: its task goes too
	for task in frappe.get_all("Ops Duty Task", filters={"reference_doctype": "Billing Run"}, pluck="name"):
		frappe.db.delete("ToDo", {"reference_type": "Ops Duty Task", "reference_name": task})
		frappe.db.delete("Ops Duty Task", {"name": task})
	frappe.db.commit()


def new_run(company, period=NOV):
	return frappe.get_doc({"doctype": "Billing Run", "company": company, "period": period}).insert()


def test_bills_are_dated_on_the_bills_day_and_before_they_are_due(billing):
	run = new_run(billing.company)
	assert run.posting_date == date(2026, 12, 7)  # Customer Bills: Dec 5 2026 is a Saturday, postponed
	for posting_date, message in (
		("2026-11-30", "following month"),
		("2026-12-21", "after the payment due date"),
	):
		with pytest.raises(frappe.ValidationError, match=message):
			frappe.get_doc(
				{
					"doctype": "Billing Run",
					"company": billing.company,
					"period": NOV,
					"posting_date": posting_date,
				}
			).insert()


def invoices(customers, docstatus=1):
	frappe.db.rollback()
	return frappe.get_all(
		"Sales Invoice",
		filters={"customer": ("in", customers), "docstatus": docstatus},
		fields=["name", "customer", "due_date", "grand_total", "lvyue_billing_key"],
	)


def test_bills_usage_and_monthly_fees_due_by_the_calendar(billing):
	run = new_run(billing.company)
	assert run.due_date == date(2026, 12, 18)  # Payment Due: Dec 20 2026 is a Sunday, brought forward
	bill(run)
	bills = {i.customer: i for i in invoices(billing.customers)}
	assert bills[billing.a].grand_total == 122.0
	assert bills[billing.b].grand_total == 30 + 800
	assert bills[billing.c].grand_total == 800
	assert {i.due_date for i in bills.values()} == {date(2026, 12, 18)}
	assert bills[billing.a].lvyue_billing_key == billing_key(billing.company, billing.a, NOV)
	run.reload()
	assert (run.status, run.progress) == ("Completed", 100)


def test_a_bill_saved_once_as_submitted_posts_as_erpnexts_insert_and_submit(billing):
	"""The run saves each bill once, as submitted (one validation, not a draft validated again on
	submit): its status, outstanding amount, ledger and payment schedule are those ERPNext gives the
	same bill inserted and then submitted."""
	run = bill(new_run(billing.company))
	made = frappe.get_doc("Sales Invoice", next(i.name for i in invoices([billing.b])))
	by_hand = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			**{f: made.get(f) for f in ("company", "customer", "posting_date", "due_date")},
			"set_posting_time": 1,
			"selling_price_list": made.selling_price_list,
			"items": [
				{f: row.get(f) for f in ("item_code", "qty", "rate", "description")} for row in made.items
			],
		}
	).insert()
	by_hand.submit()

	def posted(invoice):
		return {
			"invoice": frappe.db.get_value(
				"Sales Invoice",
				invoice,
				["docstatus", "status", "grand_total", "outstanding_amount", "debit_to"],
				as_dict=True,
			),
			"ledger": frappe.get_all(
				"GL Entry",
				filters={"voucher_no": invoice, "is_cancelled": 0},
				fields=["account", "debit", "credit", "party"],
				order_by="account",
			),
			"payment ledger": frappe.get_all(
				"Payment Ledger Entry",
				filters={"voucher_no": invoice},
				fields=["account", "amount", "due_date", "against_voucher_no"],
			),
			"schedule": frappe.get_all(
				"Payment Schedule",
				filters={"parent": invoice},
				fields=["due_date", "payment_amount", "outstanding"],
			),
		}

	ours, erpnexts = posted(made.name), posted(by_hand.name)
	for row in ours["payment ledger"]:
		assert row.pop("against_voucher_no") == made.name
	for row in erpnexts["payment ledger"]:
		assert row.pop("against_voucher_no") == by_hand.name
	assert ours == erpnexts
	assert (ours["invoice"].docstatus, ours["invoice"].grand_total) == (1, 830)
	assert run.invoices_created == 3


def test_running_twice_bills_nobody_twice(billing):
	bill(new_run(billing.company))
	second = bill(new_run(billing.company)).name
	assert not frappe.get_all(
		"Sales Invoice", filters={"lvyue_billing_run": second, "customer": ("in", billing.customers)}
	)
	assert len(invoices(billing.customers)) == 3


def test_a_cancelled_bill_can_be_made_again(billing):
	bill(new_run(billing.company))
	made = next(i for i in invoices(billing.customers) if i.customer == billing.c)
	frappe.get_doc("Sales Invoice", made.name).cancel()
	frappe.db.commit()
	bill(new_run(billing.company))
	assert len(invoices(billing.customers)) == 3


def test_two_workers_at_once_bill_each_customer_once(billing):
	runs = [plan(new_run(billing.company)).name for _ in range(2)]
	site, sites = frappe.local.site, frappe.local.sites_path
	workers = [
		subprocess.Popen(
			[
				sys.executable,
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"--site",
				site,
				"execute",
				"lvyue_ops.billing.billing.bill_shard",
				"--kwargs",
				f'{{"run": "{run}", "shard_no": 1}}',
			],
			cwd=sites,
			stdout=subprocess.PIPE,
			stderr=subprocess.STDOUT,
			env={**os.environ, "PYTHONUNBUFFERED": "1"},
		)
		for run in runs
	]
	outputs = [w.communicate(timeout=600)[0].decode() for w in workers]
	assert all(w.returncode == 0 for w in workers), "\n".join(outputs)[-3000:]
	bills = invoices(billing.customers)
	assert sorted(i.customer for i in bills) == sorted(billing.customers)
	assert {i.name for i in bills} == set(
		frappe.get_all(
			"Sales Invoice",
			filters={"lvyue_billing_run": ("in", runs), "customer": ("in", billing.customers)},
			pluck="name",
		)
	)


def test_the_database_refuses_a_second_bill(billing):
	bill(new_run(billing.company))
	made = frappe.get_doc(
		"Sales Invoice", next(i.name for i in invoices(billing.customers) if i.customer == billing.a)
	)
	copy = frappe.copy_doc(made)
	copy.lvyue_billing_key = made.lvyue_billing_key
	with pytest.raises(frappe.UniqueValidationError):
		copy.insert()


def test_statements_need_an_outgoing_email_account(billing):
	run = reviewed(bill(new_run(billing.company)))
	frappe.db.set_value("Email Account", {"default_outgoing": 1}, "default_outgoing", 0)
	with pytest.raises(frappe.ValidationError, match="ask the System Manager"):
		run.send_statements()


def test_statements_are_queued_with_the_chinese_bill(billing):
	from lvyue_ops import roles as R
	from lvyue_ops.tests.factories import make_user
	from lvyue_ops.tests.utils import as_user

	service = make_user([R.CUSTOMER_SERVICE])
	run = bill(new_run(billing.company))
	bills = [i.name for i in invoices(billing.customers)]
	run = reviewed(run)

	def todo(status="Open"):
		return frappe.get_all(
			"ToDo",
			filters={"reference_name": run.name, "allocated_to": service, "status": status},
			pluck="description",
		)

	# the review done, Customer Service is told to send the statements, in Chinese
	[told] = todo()
	assert "已核查完毕：请发送对账单" in told and "2026-11" in told
	with as_user(make_user([R.SALES_USER])), pytest.raises(frappe.PermissionError):
		run.send_statements()
	with as_user(service):
		assert run.send_statements()["queued"] >= 3
		assert run.send_statements()["queued"] == 0  # L8: a second click sends nothing again
	assert not todo() and todo("Closed")
	# each emailed bill records how and when it reached its customer
	assert {frappe.db.get_value("Sales Invoice", b, "lvyue_statement_channel") for b in bills} == {"Email"}
	queue = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Sales Invoice", "reference_name": ("in", bills)},
		fields=["name", "attachments"],
	)
	assert len(queue) == 3
	assert all('"print_format": "Lvyue Bill"' in q.attachments for q in queue)


def test_a_customer_with_no_email_is_given_to_customer_service_not_skipped(billing):
	"""Statements that miss nobody: a bill with no email address goes to Customer Service to deliver
	another way, listed by customer, and its delivery is recorded on the bill, by Customer Service
	only."""
	from lvyue_ops import roles as R
	from lvyue_ops.billing.doctype.billing_run.billing_run import record_statement_delivery
	from lvyue_ops.tests.factories import make_user
	from lvyue_ops.tests.utils import as_user

	service = make_user([R.CUSTOMER_SERVICE])
	run = reviewed(bill(new_run(billing.company)))
	mailless = frappe._dict(
		name=frappe.db.get_value("Sales Invoice", {"lvyue_billing_run": run.name, "customer": billing.a})
	)
	frappe.db.set_value("Customer", billing.a, "email_id", None)
	frappe.db.set_value("Sales Invoice", mailless.name, "contact_email", None)
	with as_user(service):
		result = run.send_statements()
	assert result["undeliverable"] == [billing.a] and result["queued"] >= 2
	[todo] = frappe.get_all(
		"ToDo",
		filters={"reference_name": run.name, "allocated_to": service, "status": "Open"},
		pluck="description",
	)
	assert billing.a in todo and mailless.name in todo
	assert not frappe.db.get_value("Sales Invoice", mailless.name, "lvyue_statement_channel")

	with as_user(make_user([R.SALES_USER])), pytest.raises(frappe.PermissionError):
		record_statement_delivery(mailless.name, "By Post")
	with as_user(service):
		with pytest.raises(frappe.ValidationError, match="future"):
			record_statement_delivery(mailless.name, "By Post", "2099-01-01")
		record_statement_delivery(mailless.name, "By Post", frappe.utils.add_days(frappe.utils.nowdate(), -1))
	assert frappe.db.get_value(
		"Sales Invoice", mailless.name, ["lvyue_statement_channel", "lvyue_statement_delivered_on"]
	) == ("By Post", getdate(frappe.utils.add_days(frappe.utils.nowdate(), -1)))
	with as_user(service):  # delivered: not asked again
		assert run.send_statements()["undeliverable"] == []


def company_bank_account(company: str) -> str:
	"""The company's bank account as its bills state it (ERPNext's Bank Account)."""
	abbr = frappe.get_cached_value("Company", company, "abbr")
	if not frappe.db.exists("Bank", "中国工商银行"):
		frappe.get_doc({"doctype": "Bank", "bank_name": "中国工商银行"}).insert()
	parent = frappe.db.get_value(
		"Account", {"company": company, "is_group": 1, "account_name": ("like", "%Bank%")}
	)
	account = f"工行基本户 - {abbr}"
	if not frappe.db.exists("Account", account):
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": "工行基本户",
				"parent_account": parent,
				"company": company,
				"account_type": "Bank",
			}
		).insert()
	number = "6222020200112233445"
	if not frappe.db.exists("Bank Account", {"bank_account_no": number}):
		frappe.get_doc(
			{
				"doctype": "Bank Account",
				"account_name": "基本户",
				"bank": "中国工商银行",
				"account": account,
				"is_company_account": 1,
				"is_default": 1,
				"company": company,
				"bank_account_no": number,
			}
		).insert()
	return number


def test_the_bill_renders_in_chinese_as_pdf(billing, site_url):
	import re
	import unicodedata
	from io import BytesIO

	from pypdf import PdfReader

	with in_language("zh"):  # a Chinese site's billing job writes the bill's lines in Chinese
		bill(new_run(billing.company))
	name = next(i.name for i in invoices(billing.customers) if i.customer == billing.b)
	frappe.db.set_value("Company", billing.company, "tax_id", "91310000MA1TEST01X")
	number = company_bank_account(billing.company)
	frappe.local.lang = "zh"
	frappe.local.conf.host_name = site_url  # the PDF renderer loads the site's assets, as in production
	try:
		html = frappe.get_print("Sales Invoice", name, print_format="Lvyue Bill")
		pdf = frappe.get_print("Sales Invoice", name, print_format="Lvyue Bill", as_pdf=True)
	finally:
		frappe.local.lang = "en"
		frappe.local.conf.pop("host_name", None)
	assert "费用账单" in html and "付款截止日" in html and billing.b in html
	assert pdf.startswith(b"%PDF")
	# the PDF's fonts give some characters as their radicals (⽉ for 月): read it as a person does
	text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
	compact = re.sub(r"\s+", "", text)
	# the month billed, its lines, the amount in 大写 (830 = 30 of calls + 2 lines × 400), whom to
	# pay and the payment reference, in Chinese
	expected = ("2026年11月", "话费", "次通话", "月租", "大写金额", "捌佰叁拾元整", "纳税人识别号")
	for words in (*expected, "91310000MA1TEST01X", number, name, "中国工商银行"):
		assert words in compact, (words, compact)
	assert "付款附言" in text and not english_in(text), text


def test_the_bills_duty_is_done_when_the_run_completes(billing):
	from lvyue_ops.ops_calendar.ops_calendar import open_duty_tasks, task_name

	opened = open_duty_tasks(today=date(2026, 12, 2))
	task = task_name("Customer Bills", billing.company, date(2026, 12, 1))
	frappe.db.commit()
	try:
		run = bill(new_run(billing.company))
		assert frappe.db.get_value("Ops Duty Task", task, ["status", "reference_name"]) == (
			"Completed",
			run.name,
		)
	finally:
		frappe.db.rollback()
		frappe.db.delete("ToDo", {"reference_type": "Ops Duty Task", "reference_name": ("in", opened)})
		frappe.db.delete("Ops Duty Task", {"name": ("in", opened)})
		frappe.db.commit()


def test_usage_imported_after_the_bill_gets_one_supplementary_bill(billing):
	"""M7: usage that comes after the month's bill is flagged as supplementary, and the next run
	makes one supplementary bill of it (not a silent "already billed"); a third run makes none."""
	bill(new_run(billing.company))
	account = frappe.db.get_value("Customer", billing.a, "lvyue_vos_account")
	late = usage_import(billing.company, "late.csv", csv_bytes([(account, "2026-11", 1, 1, 7, "4008009999")]))
	assert import_usage(late)
	assert late.supplementary_rows == 1
	again = bill(new_run(billing.company))
	bill(new_run(billing.company))
	totals = frappe.get_all(
		"Sales Invoice",
		filters={"customer": billing.a, "docstatus": 1},
		order_by="creation",
		pluck="grand_total",
	)
	assert totals == [122, 7]
	assert again.invoices_created == 1


def test_the_bills_to_look_at_are_described_in_the_sites_language(billing):
	with in_language("zh"):  # a Chinese site: the billing job writes in Chinese (hooks.py before_job)
		run = bill(new_run(billing.company))
	assert run.anomalies
	for row in run.anomalies:
		assert CJK.search(row.detail) and not english_in(row.detail), row.detail
