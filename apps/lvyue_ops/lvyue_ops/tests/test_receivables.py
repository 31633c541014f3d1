"""Receipts of each type post the right accounts; prepaid balances; the overdue review and
dunning; VAT invoice applications and write-off requests with their calendar days."""

from datetime import date

import frappe
import pytest
from frappe.utils import getdate, nowdate

from lvyue_ops import roles as R
from lvyue_ops.billing.billing import ensure_usage_item
from lvyue_ops.receivables import receivables
from lvyue_ops.receivables.doctype.overdue_review.overdue_review import dunning_starts
from lvyue_ops.receivables.doctype.unidentified_receipt.unidentified_receipt import receipts_account
from lvyue_ops.tests.billing_helpers import attach
from lvyue_ops.tests.factories import attach_url, make_customer, make_user, unique_pdf
from lvyue_ops.tests.utils import as_user, frozen_time


@pytest.fixture
def acc(base):
	"""Liability accounts for deposits and margins, and a user per role."""
	abbr = frappe.get_cached_value("Company", base.company, "abbr")
	parent = frappe.db.get_value(
		"Account",
		{
			"company": base.company,
			"account_type": "",
			"root_type": "Liability",
			"is_group": 1,
			"account_name": ("like", "%Current Liabilities%"),
		},
	)
	accounts = {}
	for key, name in (("deposit_account", "客户押金"), ("margin_account", "客户保证金")):
		full = f"{name} - {abbr}"
		if not frappe.db.exists("Account", full):
			frappe.get_doc(
				{
					"doctype": "Account",
					"account_name": name,
					"company": base.company,
					"parent_account": parent,
					"root_type": "Liability",
				}
			).insert()
		accounts[key] = full
	settings = frappe.get_doc("Lvyue Company Settings", base.company)
	settings.update(accounts)
	settings.save()
	users = {
		role: make_user([role])
		for role in (
			R.CUSTOMER_SERVICE,
			R.FINANCE_SUPERVISOR,
			R.BUSINESS_ASSISTANT,
			R.OPERATIONS_SUPERVISOR,
			R.HR_USER,
		)
	}
	return frappe._dict(company=base.company, users=users, cash=receipts_account(base.company), **accounts)


def make_bill(company, customer, amount=500, due="2026-11-20", posting="2026-11-03"):
	ensure_usage_item()
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company,
			"customer": customer,
			"posting_date": posting,
			"set_posting_time": 1,
			"due_date": due,
			"items": [{"item_code": "VOS-USAGE", "qty": 1, "rate": amount}],
		}
	).insert()
	invoice.submit()
	return invoice


def receipt(acc, receipt_type, customer, amount=300):
	doc = frappe.get_doc(
		{
			"doctype": "Unidentified Receipt",
			"company": acc.company,
			"received_on": "2026-11-18",
			"amount": amount,
			"payer_name": "某某贸易（转账）",
			"bank_reference": "BANK-1",
		}
	).insert()
	with as_user(acc.users[R.CUSTOMER_SERVICE]):
		doc = frappe.get_doc("Unidentified Receipt", doc.name)
		doc.update({"customer": customer, "receipt_type": receipt_type})
		doc.save()
		doc.confirm()
	with as_user(acc.users[R.BUSINESS_ASSISTANT]):
		doc = frappe.get_doc("Unidentified Receipt", doc.name)
		doc.post()
	return doc


def gl(voucher):
	return sorted(
		(r.account, r.debit, r.credit)
		for r in frappe.get_all(
			"GL Entry",
			filters={"voucher_no": voucher, "is_cancelled": 0},
			fields=["account", "debit", "credit"],
		)
	)


def test_prepayment_is_an_unallocated_advance(acc):
	customer = make_customer()
	doc = receipt(acc, "Prepayment", customer)
	entry = frappe.get_doc("Payment Entry", doc.payment_entry)
	assert (entry.party, entry.unallocated_amount, entry.references) == (customer, 300, [])
	debtors = entry.paid_from
	assert gl(entry.name) == sorted([(acc.cash, 300, 0), (debtors, 0, 300)])


def test_receivable_is_allocated_to_the_oldest_bills(acc):
	customer = make_customer()
	old = make_bill(acc.company, customer, 200, due="2026-10-20", posting="2026-10-05")
	new = make_bill(acc.company, customer, 500)
	doc = receipt(acc, "Receivable", customer, 300)
	assert frappe.db.get_value("Sales Invoice", old.name, "outstanding_amount") == 0
	assert frappe.db.get_value("Sales Invoice", new.name, "outstanding_amount") == 400
	assert frappe.db.get_value("Payment Entry", doc.payment_entry, "unallocated_amount") == 0


def test_the_bill_number_on_a_transfer_names_who_paid_and_what_for(acc):
	"""The Lvyue Bill asks for its number on the transfer; a receipt whose bank remark carries it is
	the customer's payment of its bills, for Customer Service to confirm."""
	customer = make_customer()
	bill = make_bill(acc.company, customer, 500)
	doc = frappe.get_doc(
		{
			"doctype": "Unidentified Receipt",
			"company": acc.company,
			"received_on": "2026-11-18",
			"amount": 500,
			"payer_name": "某某贸易",
			"bank_reference": f"网银转账 {bill.name} 话费",
		}
	).insert()
	assert (doc.customer, doc.receipt_type) == (customer, "Receivable")
	unknown = frappe.get_doc(
		{
			"doctype": "Unidentified Receipt",
			"company": acc.company,
			"received_on": "2026-11-18",
			"amount": 500,
			"bank_reference": "ACC-SINV-1999-99999",
		}
	).insert()
	assert not unknown.customer and unknown.receipt_type == "Unknown"


@pytest.mark.parametrize(
	"receipt_type,account", [("Refundable Deposit", "deposit_account"), ("Margin Deposit", "margin_account")]
)
def test_deposit_and_margin_are_liabilities(acc, receipt_type, account):
	doc = receipt(acc, receipt_type, make_customer(), 1000)
	assert not doc.payment_entry
	assert gl(doc.journal_entry) == sorted([(acc.cash, 1000, 0), (acc[account], 0, 1000)])


def test_the_business_assistant_posts_without_an_accounting_role(acc):
	doc = frappe.get_doc(
		{
			"doctype": "Unidentified Receipt",
			"company": acc.company,
			"amount": 80,
			"received_on": "2026-11-18",
			"customer": make_customer(),
			"receipt_type": "Prepayment",
		}
	).insert()
	doc.db_set("status", "Confirmed")
	with as_user(make_user([R.BUSINESS_ASSISTANT])):
		frappe.get_doc("Unidentified Receipt", doc.name).post()
	assert frappe.db.get_value("Unidentified Receipt", doc.name, "status") == "Posted"


def test_receipt_roles_and_order(acc):
	doc = frappe.get_doc(
		{"doctype": "Unidentified Receipt", "company": acc.company, "amount": 80, "received_on": "2026-11-18"}
	).insert()
	with as_user(acc.users[R.BUSINESS_ASSISTANT]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Unidentified Receipt", doc.name).confirm()
	with as_user(acc.users[R.CUSTOMER_SERVICE]):
		with pytest.raises(frappe.ValidationError, match="customer and the receipt type"):
			frappe.get_doc("Unidentified Receipt", doc.name).confirm()
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Unidentified Receipt", doc.name).post()
	with (
		as_user(acc.users[R.BUSINESS_ASSISTANT]),
		pytest.raises(frappe.ValidationError, match="after Customer Service"),
	):
		frappe.get_doc("Unidentified Receipt", doc.name).post()


def test_low_balance_asks_customer_service_once_and_recharge_closes_it(acc):
	customer = make_customer(lvyue_is_prepaid=1, lvyue_low_balance_threshold=100)
	receipt(acc, "Prepayment", customer, 150)
	frappe.get_doc(
		{
			"doctype": "Usage Statement",
			"company": acc.company,
			"customer": customer,
			"vos_account": "x",
			"period": date(2026, 11, 1),
			"amount": 120,
			"usage_key": frappe.generate_hash(),
		}
	).insert()
	assert receivables.prepaid_balance(customer, acc.company) == 30
	assert customer in receivables.check_low_balances()
	assert customer not in receivables.check_low_balances()
	todo = frappe.get_all(
		"ToDo",
		filters={"reference_name": customer, "allocated_to": acc.users[R.CUSTOMER_SERVICE], "status": "Open"},
	)
	assert len(todo) == 1
	receipt(acc, "Prepayment", customer, 200)  # the recharge Finance confirms
	assert frappe.db.get_value("ToDo", todo[0].name, "status") == "Closed"


def test_overdue_review_needs_reasons_and_dunning_waits_for_the_latest_payment_day(acc):
	customer = make_customer()
	bill = make_bill(acc.company, customer)
	review = frappe.get_doc(
		{"doctype": "Overdue Review", "company": acc.company, "month": "2026-11-01", "as_of": "2026-11-26"}
	).insert()
	row = next(r for r in review.items if r.sales_invoice == bill.name)
	with as_user(acc.users[R.CUSTOMER_SERVICE]):
		review = frappe.get_doc("Overdue Review", review.name)
		with pytest.raises(frappe.ValidationError, match="reason and the improvement measure"):
			review.complete()
		review = frappe.get_doc("Overdue Review", review.name)
		for r in review.items:
			r.reason, r.improvement_measure = "Funds Tight", "每周电话跟进，月底前付清"
		review.save()
		review.complete()
	assert review.status == "Completed"
	with as_user(acc.users[R.CUSTOMER_SERVICE]):  # her dunning, without an accounting role
		with pytest.raises(frappe.ValidationError, match="Dunning starts after"):
			review.create_dunnings(today="2026-11-25")  # Latest Payment: Wed Nov 25
		made = frappe.get_doc("Overdue Review", review.name).create_dunnings(today="2026-11-26")
		assert frappe.has_permission("Dunning", "read", made[0])
	assert made and frappe.db.get_value("Overdue Review Item", row.name, "dunning") in made


def test_dunning_day_is_brought_forward_on_a_weekend(acc):
	assert dunning_starts(acc.company, "2026-10-01") == date(2026, 10, 23)  # Oct 25 is a Sunday


def vat_customer(**fields):
	return make_customer(
		lvyue_needs_vat_invoice=1,
		tax_id="91440101MA5XXXXXX1",
		lvyue_invoice_bank="工商银行广州分行 3602000109000000001",
		lvyue_invoice_address="广州市天河区 020-88886666",
		**fields,
	)


def test_invoice_applications_are_made_on_the_vat_day(acc):
	customer = vat_customer()
	bill = make_bill(acc.company, customer)
	assert not receivables.make_monthly_invoice_applications(today="2026-11-24")
	made = receivables.make_monthly_invoice_applications(today="2026-11-25")
	app = frappe.get_doc(
		"Invoice Application",
		next(a for a in made if frappe.db.get_value("Invoice Application", a, "customer") == customer),
	)
	assert [r.sales_invoice for r in app.items] == [bill.name]
	assert (app.due_by, app.taxpayer_id) == (date(2026, 11, 25), "91440101MA5XXXXXX1")
	assert not [
		a
		for a in receivables.make_monthly_invoice_applications(today="2026-11-25")
		if frappe.db.get_value("Invoice Application", a, "customer") == customer
	]


def test_a_vat_day_the_job_missed_is_caught_up_once(acc):
	"""M8: a day the scheduler did not run is made up the next day, once a month."""
	customer = vat_customer()
	make_bill(acc.company, customer)
	made = receivables.make_monthly_invoice_applications(today="2026-11-26")  # the 25th was missed
	assert customer in {frappe.db.get_value("Invoice Application", a, "customer") for a in made}
	make_bill(acc.company, vat_customer())
	assert not receivables.make_monthly_invoice_applications(today="2026-11-27")  # once a month


def test_vat_day_on_a_saturday_is_brought_forward(acc):
	customer = vat_customer()
	make_bill(acc.company, customer, posting="2026-04-03", due="2026-04-20")
	assert not receivables.make_monthly_invoice_applications(today="2026-04-23")
	assert receivables.make_monthly_invoice_applications(today="2026-04-24")  # the 25th is a Saturday


def test_invoice_application_flow_and_roles(acc):
	customer = make_customer()
	app = frappe.get_doc(
		{
			"doctype": "Invoice Application",
			"company": acc.company,
			"customer": customer,
			"items": [{"sales_invoice": make_bill(acc.company, customer).name}],
		}
	).insert()
	with as_user(acc.users[R.CUSTOMER_SERVICE]), pytest.raises(frappe.ValidationError, match="taxpayer ID"):
		frappe.get_doc("Invoice Application", app.name).move_to_status("Submitted to Finance")
	app = frappe.get_doc("Invoice Application", app.name)
	app.update({"taxpayer_id": "91440101MA5XXXXXX2", "invoice_bank": "建设银行", "invoice_address": "深圳"})
	app.save()
	with as_user(acc.users[R.BUSINESS_ASSISTANT]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Invoice Application", app.name).move_to_status("Submitted to Finance")
	with as_user(acc.users[R.CUSTOMER_SERVICE]):
		frappe.get_doc("Invoice Application", app.name).move_to_status("Submitted to Finance")
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc("Invoice Application", app.name).move_to_status("Issued")
	with as_user(acc.users[R.FINANCE_SUPERVISOR]):
		doc = frappe.get_doc("Invoice Application", app.name)
		with pytest.raises(frappe.ValidationError, match="invoice number"):
			doc.move_to_status("Issued")
		doc = frappe.get_doc("Invoice Application", app.name)
		doc.update({"invoice_number": "44001234", "invoice_date": "2026-11-26"})
		doc.save()
		doc.move_to_status("Issued")
	with as_user(acc.users[R.CUSTOMER_SERVICE]):
		doc = frappe.get_doc("Invoice Application", app.name)
		doc.update({"courier": "顺丰", "tracking_number": "SF1234567890", "delivered_on": "2026-11-28"})
		doc.save()
		doc.move_to_status("Delivered")
	assert frappe.db.get_value("Invoice Application", app.name, "status") == "Delivered"


def test_a_bill_is_applied_for_once(acc):
	customer = make_customer()
	bill = make_bill(acc.company, customer)
	frappe.get_doc(
		{
			"doctype": "Invoice Application",
			"company": acc.company,
			"customer": customer,
			"items": [{"sales_invoice": bill.name}],
		}
	).insert()
	with pytest.raises(frappe.ValidationError, match="already in invoice application"):
		frappe.get_doc(
			{
				"doctype": "Invoice Application",
				"company": acc.company,
				"customer": customer,
				"items": [{"sales_invoice": bill.name}],
			}
		).insert()


@pytest.mark.parametrize("attached_on,on_time", [("2026-05-22 17:00:00", 1), ("2026-05-25 09:00:00", 0)])
def test_write_off_voucher_is_due_on_the_23rd_brought_forward(acc, attached_on, on_time):
	payment = frappe.get_doc("Payment Entry", receipt(acc, "Prepayment", make_customer()).payment_entry)
	with frozen_time("2026-05-11 10:00:00"), as_user(acc.users[R.BUSINESS_ASSISTANT]):
		request = frappe.get_doc(
			{"doctype": "Write-off Request", "company": acc.company, "payment_entry": payment.name}
		).insert()
	assert getdate(request.due_by) == date(2026, 5, 22)  # May 23 2026 is a Saturday
	voucher = attach(request, "voucher.pdf", unique_pdf())
	with as_user(acc.users[R.BUSINESS_ASSISTANT]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Write-off Request", request.name).attach_voucher(voucher)
	with frozen_time(attached_on), as_user(acc.users[R.FINANCE_SUPERVISOR]):
		doc = frappe.get_doc("Write-off Request", request.name)
		with pytest.raises(frappe.PermissionError, match="not a file attached"):
			doc.attach_voucher(attach_url("another.pdf"))  # any file of the site: no
		doc.attach_voucher(voucher)
	assert frappe.db.get_value("Write-off Request", request.name, ["status", "on_time"]) == (
		"Voucher Attached",
		on_time,
	)


def test_write_off_needs_a_submitted_customer_payment(acc):
	with as_user(acc.users[R.BUSINESS_ASSISTANT]), pytest.raises(frappe.ValidationError):
		frappe.get_doc(
			{"doctype": "Write-off Request", "company": acc.company, "payment_entry": "nope"}
		).insert()


def test_salesperson_collections_split_by_sales_team(acc):
	from frappe.utils.nestedset import get_root_of

	from lvyue_ops.receivables.report.salesperson_collections.salesperson_collections import execute

	people = []
	for name in ("王明", "李娜"):
		person = f"{name} {frappe.generate_hash(length=4)}"
		frappe.get_doc(
			{
				"doctype": "Sales Person",
				"sales_person_name": person,
				"parent_sales_person": get_root_of("Sales Person"),
				"enabled": 1,
			}
		).insert()
		people.append(person)
	customer = make_customer()
	ensure_usage_item()
	bill = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": acc.company,
			"customer": customer,
			"posting_date": "2026-10-05",
			"set_posting_time": 1,
			"due_date": "2026-10-20",
			"items": [{"item_code": "VOS-USAGE", "qty": 1, "rate": 1000}],
			"sales_team": [
				{"sales_person": people[0], "allocated_percentage": 60},
				{"sales_person": people[1], "allocated_percentage": 40},
			],
		}
	).insert()
	bill.submit()
	doc = frappe.get_doc(
		{
			"doctype": "Unidentified Receipt",
			"company": acc.company,
			"received_on": "2026-10-18",
			"amount": 500,
			"customer": customer,
			"receipt_type": "Receivable",
		}
	).insert()
	doc.db_set("status", "Confirmed")
	frappe.get_doc("Unidentified Receipt", doc.name).post()
	rows = {r["sales_person"]: r for r in execute({"company": acc.company, "month": "2026-10-01"})[1]}
	assert rows[people[0]]["collected"] == 300 and rows[people[1]]["collected"] == 200
	# quarterly bonus data: the quarter of the month given
	quarter = {
		r["sales_person"]: r
		for r in execute({"company": acc.company, "month": "2026-11-01", "quarter": 1})[1]
	}
	assert quarter[people[0]]["collected"] == 300
	assert people[0] not in {
		r["sales_person"] for r in execute({"company": acc.company, "month": "2026-11-01"})[1]
	}

	# the salesperson confirms the figure by the 5th; Finance hands it to HR by the 13th
	salesperson = make_user([R.SALES_USER])
	revenue = frappe.get_doc(
		{
			"doctype": "Salesperson Revenue",
			"company": acc.company,
			"month": "2026-10-01",
			"sales_person": people[0],
			"salesperson_user": salesperson,
		}
	).insert()
	assert (revenue.collected, revenue.confirm_by, revenue.hr_by) == (
		300,
		date(2026, 11, 5),
		date(2026, 11, 13),
	)
	with as_user(make_user([R.SALES_USER])), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Salesperson Revenue", revenue.name).confirm()
	handover = frappe.get_doc(
		{
			"doctype": "HR Handover",
			"company": acc.company,
			"handover_type": "Salesperson Revenue",
			"period": "2026-10-01",
		}
	).insert()
	assert handover.due_by == date(2026, 11, 13)
	with (
		as_user(acc.users[R.OPERATIONS_SUPERVISOR]),
		pytest.raises(frappe.ValidationError, match="confirm their revenue"),
	):
		frappe.get_doc("HR Handover", handover.name).deliver()
	with as_user(salesperson):
		frappe.get_doc("Salesperson Revenue", revenue.name).confirm()
	with as_user(acc.users[R.FINANCE_SUPERVISOR]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("HR Handover", handover.name).deliver()
	with as_user(acc.users[R.OPERATIONS_SUPERVISOR]), frozen_time("2026-11-13 16:00:00"):
		frappe.get_doc("HR Handover", handover.name).deliver()
	assert frappe.db.get_value("Salesperson Revenue", revenue.name, ["status", "on_time"]) == (
		"Delivered to HR",
		1,
	)
	assert frappe.db.exists(
		"ToDo", {"reference_name": handover.name, "allocated_to": acc.users[R.HR_USER], "status": "Open"}
	)
	with as_user(acc.users[R.HR_USER]):
		frappe.get_doc("HR Handover", handover.name).receive()
	assert frappe.db.get_value("HR Handover", handover.name, "status") == "Received"


def test_business_line_collection_rate(acc):
	from lvyue_ops.receivables.report.business_line_collection.business_line_collection import get_data

	ensure_usage_item()
	group = frappe.db.get_value("Item", "VOS-USAGE", "item_group")
	before = {r["business_line"]: r for r in get_data([acc.company], date(2026, 9, 1))}.get(
		group, {"billed": 0, "collected": 0}
	)
	customer = make_customer()
	bill = make_bill(acc.company, customer, 1000, posting="2026-09-03", due="2026-09-18")
	doc = frappe.get_doc(
		{
			"doctype": "Unidentified Receipt",
			"company": acc.company,
			"received_on": "2026-09-15",
			"amount": 250,
			"customer": customer,
			"receipt_type": "Receivable",
		}
	).insert()
	doc.db_set("status", "Confirmed")
	frappe.get_doc("Unidentified Receipt", doc.name).post()
	after = {r["business_line"]: r for r in get_data([acc.company], date(2026, 9, 1))}[group]
	assert after["billed"] - before["billed"] == 1000
	assert after["collected"] - before["collected"] == 250
	assert bill.name


def test_a_recharge_finance_posts_asks_the_business_assistant_to_update_vos(acc):
	"""第四章第二条 2-1: 客户充值确认打款后，由商务助理在 VOS 上进行数据更新 — also when Finance posts
	the payment itself."""
	from lvyue_ops.overrides.payment_entry import mark_vos_updated
	from lvyue_ops.tests.test_role_table import World, recharge

	entry = recharge(World(company=acc.company))
	ba = acc.users[R.BUSINESS_ASSISTANT]
	todo = frappe.get_all(
		"ToDo", filters={"reference_name": entry.name, "allocated_to": ba, "status": "Open"}, pluck="name"
	)
	assert len(todo) == 1
	with as_user(acc.users[R.CUSTOMER_SERVICE]), pytest.raises(frappe.PermissionError):
		mark_vos_updated(entry.name)
	with as_user(ba):
		mark_vos_updated(entry.name)
		with pytest.raises(frappe.ValidationError, match="updated already"):
			mark_vos_updated(entry.name)
	assert frappe.db.get_value("Payment Entry", entry.name, "lvyue_vos_updated_by") == ba
	assert frappe.db.get_value("ToDo", todo[0], "status") == "Closed"


def test_operations_reconciles_its_receivables_with_finances_ledger(base):
	"""第二条 1-1: at the month's end, per customer, the bills less the receipts Operations knows
	against 计财部's Payment Ledger; a write-off Finance posted shows as a difference, which is
	explained before the month is reconciled, by Operations only."""
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	from lvyue_ops.receivables.doctype.receivables_reconciliation.receivables_reconciliation import (
		receivable_balances,
	)

	ops, finance = make_user([R.OPERATIONS_SUPERVISOR]), make_user([R.FINANCE_SUPERVISOR])
	written_off, in_step = make_customer(), make_customer()
	for customer in (written_off, in_step):
		bill = make_bill(base.company, customer, 500, due="2026-11-20", posting="2026-11-03")
		entry = get_payment_entry("Sales Invoice", bill.name, party_amount=200)
		entry.update({"posting_date": "2026-11-10", "reference_no": "BANK-9", "reference_date": "2026-11-10"})
		entry.insert()
		entry.submit()
	receivable = frappe.get_cached_value("Company", base.company, "default_receivable_account")
	expense = frappe.db.get_value(
		"Account", {"company": base.company, "root_type": "Expense", "is_group": 0}, "name"
	)
	frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"company": base.company,
			"posting_date": "2026-11-25",
			"accounts": [
				{"account": expense, "debit_in_account_currency": 50},
				{
					"account": receivable,
					"party_type": "Customer",
					"party": written_off,
					"credit_in_account_currency": 50,
				},
			],
		}
	).insert().submit()

	balances = {c: (app, ledger) for c, app, ledger in receivable_balances(base.company, "2026-11-30")}
	assert balances[written_off] == (300, 250) and in_step not in balances

	with as_user(finance), pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{"doctype": "Receivables Reconciliation", "company": base.company, "month": "2026-11-01"}
		).insert()
	with as_user(ops):
		with pytest.raises(frappe.ValidationError, match="ended"):
			frappe.get_doc(
				{"doctype": "Receivables Reconciliation", "company": base.company, "month": nowdate()}
			).insert()
		rec = frappe.get_doc(
			{"doctype": "Receivables Reconciliation", "company": base.company, "month": "2026-11-17"}
		).insert()
		[line] = [row for row in rec.lines if row.customer == written_off]
		assert (line.app_balance, line.ledger_balance, line.difference) == (300, 250, -50)
		with pytest.raises(frappe.ValidationError, match="explain"):
			frappe.get_doc("Receivables Reconciliation", rec.name).reconcile()
		line.ledger_balance = 300  # the figures are the records'
		with pytest.raises(frappe.ValidationError, match="read from the records"):
			rec.save()
		rec = frappe.get_doc("Receivables Reconciliation", rec.name)
		for row in rec.lines:
			row.explanation = (
				"计财部 11 月 25 日坏账核销 50 元" if row.customer == written_off else "其他月份往来"
			)
		rec.save()
	with as_user(finance), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Receivables Reconciliation", rec.name).reconcile()
	with as_user(ops):
		frappe.get_doc("Receivables Reconciliation", rec.name).reconcile()
	rec.reload()
	assert (rec.status, rec.reconciled_by, str(rec.month)) == ("Reconciled", ops, "2026-11-01")
