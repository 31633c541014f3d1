"""履约 tracking (issue 13, from the fulfilment documents 000/001/002/004): a contract's key dates
and its periodic review, the customer's credit grade, orders that stall, bills looked at before they
go out, and the month's operations report — each rule on the test company's calendar, each step
by the role that owns it."""

from datetime import date

import frappe
import pytest
from frappe.utils import getdate

from lvyue_ops import roles as R
from lvyue_ops.line_register.lines import carry_out
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.approval_helpers import ensure_item, role_users
from lvyue_ops.tests.factories import make_customer, make_user
from lvyue_ops.tests.utils import as_user, frozen_time


@pytest.fixture
def users():
	found = role_users()
	found[R.BUSINESS_ASSISTANT] = make_user([R.BUSINESS_ASSISTANT])
	found[R.CUSTOMER_SERVICE] = make_user([R.CUSTOMER_SERVICE])
	return found


def approved_contract(base, users, customer=None, **fields):
	return A.approved_contract(base.company, users, customer or make_customer(), **fields)


def todos(doctype, name, user=None):
	filters = {"reference_type": doctype, "reference_name": name, "status": "Open"}
	if user:
		filters["allocated_to"] = user
	return frappe.get_all("ToDo", filters=filters, pluck="name")


# --- contract key dates -------------------------------------------------------------------------


def test_an_ending_contract_is_reminded_once_in_each_period(base, users):
	from lvyue_ops.fulfilment_tracking.contracts import remind_expiring_contracts

	contract = approved_contract(base, users)  # 2026-12-01 .. 2027-11-30
	ops = users[R.OPERATIONS_SUPERVISOR]
	assert contract.name not in remind_expiring_contracts("2027-09-30")  # 61 days before
	assert contract.name in remind_expiring_contracts("2027-10-01")  # 60 days: the first reminder
	assert todos("Contract", contract.name, ops) and todos("Contract", contract.name, users[R.SALES_USER])
	assert contract.name in remind_expiring_contracts("2027-10-02")  # looked at again …
	assert frappe.db.get_value("Contract", contract.name, "lvyue_expiry_reminded") == 60  # … reminded once
	remind_expiring_contracts("2027-10-31")  # 30 days
	assert frappe.db.get_value("Contract", contract.name, "lvyue_expiry_reminded") == 30
	remind_expiring_contracts("2027-11-23")  # 7 days
	assert frappe.db.get_value("Contract", contract.name, "lvyue_expiry_reminded") == 7


def test_a_renewal_goes_through_the_chain_with_the_old_terms(base, users):
	from lvyue_ops.fulfilment_tracking.contracts import remind_expiring_contracts
	from lvyue_ops.overrides.contract import make_renewal
	from lvyue_ops.tests.approval_helpers import approve_through

	old = approved_contract(base, users, lvyue_is_framework_contract=1)
	with as_user(users[R.MARKETING_MANAGER]), pytest.raises(frappe.PermissionError):
		make_renewal(old.name)
	with as_user(users[R.SALES_USER]):
		renewal = make_renewal(old.name).insert()
	assert (renewal.party_name, renewal.contract_terms, renewal.lvyue_is_framework_contract) == (
		old.party_name,
		old.contract_terms,
		1,
	)
	assert (str(renewal.start_date), str(renewal.end_date)) == ("2027-12-01", "2028-11-29")
	assert renewal.docstatus == 0 and renewal.lvyue_renewal_of == old.name
	approve_through(renewal, users)
	assert frappe.db.get_value("Contract", old.name, "lvyue_renewed_by") == renewal.name
	assert old.name not in remind_expiring_contracts("2027-11-23")  # renewed: no reminder
	with as_user(users[R.SALES_USER]), pytest.raises(frappe.ValidationError, match="renewed by"):
		make_renewal(old.name)


def test_a_termination_lists_the_orders_to_dismantle(base, users):
	from lvyue_ops.overrides.contract import terminate

	customer = make_customer()
	contract = approved_contract(base, users, customer)
	order = A.run_action(
		A.make_order(base.company, customer, contract=contract.name), users[R.BUSINESS_ASSISTANT], "accept"
	)
	with as_user(users[R.SALES_USER]), pytest.raises(frappe.PermissionError):
		terminate(contract.name, "2027-03-01", "客户搬迁")
	with as_user(users[R.OPERATIONS_SUPERVISOR]):
		with pytest.raises(frappe.ValidationError, match="reason"):
			terminate(contract.name, "2027-03-01", " ")
		assert terminate(contract.name, "2027-03-01", "客户搬迁") == [order.name]
	assert frappe.db.get_value(
		"Contract", contract.name, ["lvyue_terminated_on", "lvyue_termination_reason"]
	) == (
		date(2027, 3, 1),
		"客户搬迁",
	)
	assert todos("Contract", contract.name, users[R.BUSINESS_ASSISTANT])


# --- contract reviews ----------------------------------------------------------------------------


def test_the_quarter_is_reviewed_with_the_systems_figures(base, users):
	from lvyue_ops.fulfilment_tracking.contracts import make_contract_reviews, review_period
	from lvyue_ops.tests.test_receivables import make_bill

	assert review_period("2027-04-01", 3) == (date(2027, 1, 1), date(2027, 3, 31))
	assert review_period("2027-06-30", 3) == (date(2027, 1, 1), date(2027, 3, 31))
	assert review_period("2027-01-15", 3) == (date(2026, 10, 1), date(2026, 12, 31))
	customer = make_customer()
	contract = approved_contract(base, users, customer)
	make_bill(base.company, customer, 800, due="2027-01-20", posting="2027-01-05")
	reviews = make_contract_reviews("2027-04-01")
	review = frappe.get_doc("Contract Review", {"contract": contract.name, "period_from": "2027-01-01"})
	assert review.name in reviews
	assert (review.billed, review.overdue, review.collected) == (800, 800, 0)
	assert make_contract_reviews("2027-04-02") == [] or review.contract not in make_contract_reviews(
		"2027-04-02"
	)
	ops = users[R.OPERATIONS_SUPERVISOR]
	assert todos("Contract Review", review.name, ops)
	with as_user(ops):
		review = frappe.get_doc("Contract Review", review.name)
		review.billed = 1  # the figures are the system's
		with pytest.raises(frappe.ValidationError):
			review.save()
		review = frappe.get_doc("Contract Review", review.name)
		review.conclusion = "Needs Improvement"
		review.save()
		with pytest.raises(frappe.ValidationError, match="needs measures"):
			review.complete()
		review = frappe.get_doc("Contract Review", review.name)
		review.append(
			"measures",
			{"measure": "每周催收一次", "owner_user": users[R.SALES_USER], "due_date": "2027-04-30"},
		)
		review.save()
		review.complete()
	assert frappe.db.get_value("Contract Review", review.name, "status") == "Completed"
	assert todos("Contract Review", review.name, users[R.SALES_USER])
	assert not todos("Contract Review", review.name, ops)
	with as_user(users[R.SALES_USER]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Contract Review", review.name).complete()

	# the report over all reviews: the reviewer's conclusion and the measure still open
	from frappe.desk.query_report import run

	filters = {"company": base.company, "from_date": "2027-01-01", "to_date": "2027-12-31"}
	with as_user(ops):
		result = run("Contract Reviews", filters)
	row = next(r for r in result["result"] if r["name"] == review.name)
	assert (row["billed"], row["collection_rate"], row["open_measures"]) == (800, 0, 1)
	assert row["conclusion"] == "Needs Improvement"
	with as_user(users[R.CUSTOMER_SERVICE]), pytest.raises(frappe.PermissionError):
		run("Contract Reviews", filters)


def test_an_open_review_is_chased_weekly_after_two_weeks(base, users):
	from lvyue_ops.fulfilment_tracking.doctype.contract_review.contract_review import (
		make_review,
		remind_open_reviews,
	)

	review = make_review(approved_contract(base, users).name, "2027-01-01", "2027-03-31")
	assert review not in remind_open_reviews("2027-04-14")
	assert review in remind_open_reviews("2027-04-15")
	assert review not in remind_open_reviews("2027-04-21")
	assert review in remind_open_reviews("2027-04-22")


# --- customer credit -----------------------------------------------------------------------------


def paid_bill(company, customer, amount, posting, due, paid):
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	from lvyue_ops.tests.test_receivables import make_bill

	bill = make_bill(company, customer, amount, due=due, posting=posting)
	if paid:
		entry = get_payment_entry("Sales Invoice", bill.name)
		entry.update({"posting_date": paid, "reference_no": "B", "reference_date": paid})
		entry.insert().submit()
	return bill


def test_a_customer_who_pays_on_time_grades_high_and_a_late_one_low(base):
	from lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment import (
		assess,
	)

	good, bad = make_customer(), make_customer()
	for month in range(1, 7):
		paid_bill(
			base.company, good, 500, f"2026-{month:02d}-05", f"2026-{month:02d}-20", f"2026-{month:02d}-18"
		)
		paid_bill(
			base.company,
			bad,
			500,
			f"2026-{month:02d}-05",
			f"2026-{month:02d}-20",
			f"2026-{month + 1:02d}-25" if month < 4 else None,  # late, then not at all
		)
	high = frappe.get_doc("Customer Credit Assessment", assess(good, base.company, "2026-07-31"))
	low = frappe.get_doc("Customer Credit Assessment", assess(bad, base.company, "2026-07-31"))
	assert (high.bills_due, high.on_time_share, high.average_days_late) == (6, 100, 0)
	assert high.grade in ("A", "B") and not high.needs_prepayment
	assert (low.bills_due, low.on_time_share) == (6, 0) and low.overdue_now == 1500
	assert low.grade == "D" and low.needs_prepayment and low.suggested_credit_limit == 0
	assert high.suggested_credit_limit == 250 * {"A": 3, "B": 2}[high.grade]  # 3000 a year, 250 a month
	assert frappe.db.get_value("Customer", bad, ["lvyue_credit_grade", "lvyue_credit_assessment"]) == (
		"D",
		low.name,
	)


def test_an_existing_customer_falling_to_d_is_taken_up_and_its_salesperson_told(base):
	"""004 风险预警: a customer graded B that falls to D gives the Operations Supervisor and Finance a
	ToDo to review its credit and alerts its salesperson; staying at D, or a first grade of D,
	raises nothing new."""
	ops, finance = make_user([R.OPERATIONS_SUPERVISOR]), make_user([R.FINANCE_SUPERVISOR])
	sales = make_user([R.SALES_USER])
	customer, newcomer = make_customer(), make_customer()
	frappe.db.set_value("Customer", customer, "account_manager", sales)

	def told(name):
		todos = frappe.get_all(
			"ToDo", filters={"reference_name": name, "status": "Open"}, pluck="allocated_to"
		)
		bell = frappe.get_all("Notification Log", filters={"document_name": name}, pluck="for_user")
		return todos, bell

	assert told(A.assessed(customer, base.company, "B")) == ([], [])
	fell = A.assessed(customer, base.company, "D", "连续三个月逾期")
	todos, bell = told(fell)
	assert {ops, finance} <= set(todos) and sales not in todos and sales in bell
	subject = frappe.db.get_value("Notification Log", {"document_name": fell, "for_user": sales}, "subject")
	assert customer in subject and "B" in subject
	assert told(A.assessed(customer, base.company, "D", "仍未付款")) == ([], [])
	assert told(A.assessed(newcomer, base.company, "D", "新客户无记录")) == ([], [])


def test_the_customer_shows_its_credit_history_and_orders():
	groups = frappe.get_meta("Customer").get_dashboard_data().transactions
	fulfilment = next(g for g in groups if g["label"] == "Fulfilment")
	assert {"Customer Credit Assessment", "Business Order", "Contract Review"} <= set(fulfilment["items"])


def test_the_grade_thresholds_are_the_settings(base):
	from lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment import (
		grade_of,
	)

	assert [grade_of(s) for s in (90, 85, 84.9, 70, 50, 49.9)] == ["A", "A", "B", "B", "C", "D"]
	frappe.db.set_single_value("Lvyue Ops Settings", "credit_grade_a", 95)
	frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")
	assert grade_of(90) == "B"


def test_a_manual_reassessment_keeps_its_note_and_belongs_to_its_roles(base):
	customer = make_customer()
	new = {"doctype": "Customer Credit Assessment", "customer": customer, "company": base.company}
	with as_user(make_user([R.SALES_USER])), pytest.raises(frappe.PermissionError):
		frappe.get_doc({**new, "note": "x"}).insert()
	with as_user(make_user([R.FINANCE_SUPERVISOR])):
		with pytest.raises(frappe.ValidationError, match="note"):
			frappe.get_doc(new).insert()
		doc = frappe.get_doc({**new, "note": "客户补交保证金，提升评级", "manual_grade": "B"}).insert()
	assert (doc.manual, doc.grade, doc.note) == (1, "B", "客户补交保证金，提升评级")
	assert frappe.db.get_value("Customer", customer, "lvyue_credit_grade") == "B"
	with pytest.raises(frappe.ValidationError, match="history"):
		doc.save()


def test_finance_applies_the_suggested_credit_limit(base):
	from lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment import (
		assess,
	)

	customer = make_customer()
	paid_bill(base.company, customer, 1200, "2026-06-05", "2026-06-20", "2026-06-10")
	doc = frappe.get_doc("Customer Credit Assessment", assess(customer, base.company, "2026-07-31"))
	with as_user(make_user([R.OPERATIONS_SUPERVISOR])), pytest.raises(frappe.PermissionError):
		doc.apply_credit_limit()
	with as_user(make_user([R.FINANCE_SUPERVISOR])):
		doc.apply_credit_limit()
	limits = frappe.get_all(
		"Customer Credit Limit", filters={"parent": customer}, fields=["company", "credit_limit"]
	)
	assert limits == [{"company": base.company, "credit_limit": doc.suggested_credit_limit}]


@pytest.mark.parametrize("policy", ["Warn", "Refuse"])
def test_a_grade_d_customers_new_order(base, policy):
	customer = make_customer()
	A.assessed(customer, base.company, "D", "多次逾期")  # the test company graded the customer D
	frappe.db.set_single_value("Lvyue Ops Settings", "low_credit_policy", policy)
	frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")
	order = {
		"doctype": "Business Order",
		"company": base.company,
		"customer": customer,
		"order_type": "New Installation",
		"resources": [{"item_code": ensure_item(), "quantity": 1}],
	}
	with as_user(make_user([R.SALES_USER])):
		if policy == "Warn":
			frappe.local.message_log = []
			assert frappe.get_doc(order).insert().credit_grade == "D"
			assert "credit grade D" in str(frappe.local.message_log)
			return
		with pytest.raises(frappe.ValidationError, match="credit grade D"):
			frappe.get_doc(order).insert()
		with pytest.raises(frappe.PermissionError):
			frappe.get_doc({**order, "credit_override": 1, "credit_override_reason": "x"}).insert()
	gm = make_user([R.GENERAL_MANAGER])
	with as_user(gm):
		done = frappe.get_doc({**order, "credit_override": 1, "credit_override_reason": "战略客户"}).insert()
	assert done.credit_override_by == gm


# --- orders that stall ---------------------------------------------------------------------------


def test_an_order_stalled_in_one_state_alerts_once(base, users):
	from lvyue_ops.fulfilment_tracking.orders import alert_stalled_orders

	customer = make_customer()
	contract = approved_contract(base, users, customer)
	with frozen_time("2026-12-01 10:00:00"):
		order = A.run_action(
			A.make_order(base.company, customer, contract=contract.name),
			users[R.BUSINESS_ASSISTANT],
			"accept",
		)
	assert order.status == "Accepted" and str(order.status_since) == "2026-12-01 10:00:00"
	assert order.name not in alert_stalled_orders(frappe.utils.get_datetime("2026-12-08 09:00:00"))
	assert order.name in alert_stalled_orders(frappe.utils.get_datetime("2026-12-08 11:00:00"))
	assert todos("Business Order", order.name, users[R.BUSINESS_ASSISTANT])
	assert todos("Business Order", order.name, users[R.OPERATIONS_SUPERVISOR])
	assert order.name not in alert_stalled_orders(frappe.utils.get_datetime("2026-12-09 11:00:00"))


def test_lead_times_by_month_and_order_type(base, users):
	from lvyue_ops.fulfilment_tracking.report.order_lead_time.order_lead_time import execute

	customer = make_customer()
	contract = approved_contract(base, users, customer)
	A.complete_qualification(customer, users[R.BUSINESS_ASSISTANT])
	with frozen_time("2026-12-01 10:00:00"):
		order = A.make_order(base.company, customer, contract=contract.name, order_date="2026-11-28")
		order = A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")
	assert order.status == "Documents Complete"
	order.db_set("completion_form", "/private/files/x.pdf")
	with frozen_time("2026-12-04 10:00:00"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "activate")
	_columns, rows, _message, chart = execute(
		{"company": base.company, "from_date": "2026-12-01", "to_date": "2026-12-31"}
	)
	row = next(r for r in rows if r["order_type"] == "New Installation")
	assert row["orders"] >= 1 and row["days_to_activation"] is not None
	assert chart["data"]["labels"]


# --- bills looked at before they go out ----------------------------------------------------------


def run_with_bills(base, period="2026-11-01"):
	"""A billing run of the month, its bills made here (in the test's transaction), as the run's
	shards would make them."""
	from lvyue_ops.billing.billing import ShardBiller, ensure_usage_item

	ensure_usage_item()  # as the run's start does
	run = frappe.get_doc({"doctype": "Billing Run", "company": base.company, "period": period}).insert()
	return run, lambda customers: [
		ShardBiller(run, customers, reserve_names_at_once=False).bill(c, commit=False) for c in customers
	]


def usage(base, customer, account, period, amount, line="L1"):
	from lvyue_ops.billing.doctype.usage_import.importer import usage_key

	frappe.get_doc(
		{
			"doctype": "Usage Statement",
			"company": base.company,
			"customer": customer,
			"vos_account": account,
			"period": period,
			"line_or_number": line,
			"amount": amount,
			"usage_key": usage_key(account, getdate(period), line),
		}
	).insert()


def test_the_bills_that_look_wrong_are_listed(base, users):
	from lvyue_ops.billing.bill_review import FEE, NO_ORDER, SILENT_LINE, SPIKE, find_anomalies
	from lvyue_ops.tests.billing_helpers import vos_customer

	spiking, account = vos_customer()
	for month, amount in (("2026-08-01", 100), ("2026-09-01", 100), ("2026-10-01", 100), ("2026-11-01", 450)):
		usage(base, spiking, account, month, amount)
	steady, steady_account = vos_customer()
	for month in ("2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"):
		usage(base, steady, steady_account, month, 100)
	contract = approved_contract(base, users, steady)  # its Project Approval approved 100 a unit
	order = A.make_order(base.company, steady, contract=contract.name)
	order.resources[0].resource_numbers = "L1\n4008001002"  # L1 speaks, 4008001002 is silent
	order.resources[0].monthly_fee = 120
	order.save()
	order.db_set({"status": "Activated", "activated_on": "2026-11-01"})
	carry_out(order, "2026-11-01")  # its lines, in service all November
	run, bill = run_with_bills(base)
	bill([spiking, steady])
	found = {(row["customer"], row["kind"]) for row in find_anomalies(run)}
	assert (spiking, SPIKE) in found and (spiking, NO_ORDER) in found
	assert (steady, SILENT_LINE) in found and (steady, FEE) in found
	assert not {kind for customer, kind in found if customer == steady} - {SILENT_LINE, FEE}


def test_statements_wait_for_the_business_assistants_review(base, users):
	from lvyue_ops.tests.billing_helpers import vos_customer

	customer, account = vos_customer()
	usage(base, customer, account, "2026-11-01", 80)  # usage with no activated order
	run, bill = run_with_bills(base)
	bill([customer])
	run.list_anomalies()
	run.status, run.flags.status_change_allowed = "Completed", True
	run.save()
	assert run.review_status == "Pending Review"
	row = run.anomalies[0]
	with as_user(users[R.CUSTOMER_SERVICE]), pytest.raises(frappe.ValidationError, match="reviewed"):
		frappe.get_doc("Billing Run", run.name).send_statements()
	with as_user(users[R.CUSTOMER_SERVICE]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Billing Run", run.name).confirm_anomaly(row.name, "x")
	ba = users[R.BUSINESS_ASSISTANT]
	with as_user(ba):
		with pytest.raises(frappe.ValidationError, match="confirm or correct"):
			frappe.get_doc("Billing Run", run.name).complete_review()
		old = row.sales_invoice
		frappe.get_doc("Billing Run", run.name).rebill(row.name, "话单已更正")
		assert frappe.db.get_value("Sales Invoice", old, "docstatus") == 2
		again = frappe.get_doc("Billing Run", run.name)
		assert again.anomalies[0].resolution == "Corrected"
		assert frappe.db.count("Sales Invoice", {"customer": customer, "docstatus": 1}) == 1
		again.complete_review()
	assert frappe.db.get_value("Billing Run", run.name, ["review_status", "reviewed_by"]) == ("Reviewed", ba)
	with as_user(users[R.CUSTOMER_SERVICE]):
		frappe.get_doc("Billing Run", run.name).send_statements()


# --- the month's operations report ---------------------------------------------------------------


def test_the_monthly_report_reads_each_figure_from_the_records(base, users):
	from lvyue_ops.fulfilment_tracking import figures as F
	from lvyue_ops.tests.test_receivables import make_bill

	customer = make_customer()
	make_bill(base.company, customer, 1000, due="2026-09-20", posting="2026-09-05")
	paid_bill(base.company, customer, 600, "2026-09-06", "2026-09-20", "2026-09-15")
	make_bill(base.company, customer, 300, due="2026-08-20", posting="2026-08-05")
	with frozen_time("2026-10-09 10:00:00"):
		report = frappe.get_doc(
			{"doctype": "Monthly Operations Report", "company": base.company, "month": "2026-09-01"}
		).insert()
	figure = {row.figure_key: row for row in report.figures}
	assert figure["billed"].this_month == F.billed(base.company, "2026-09-01") >= 1600
	assert figure["billed"].last_month == F.billed(base.company, "2026-08-01")
	assert (figure["billed"].unit, figure["dso"].unit) == ("CNY", "days")  # the company's currency
	assert figure["collected"].this_month == F.collected(base.company, "2026-09-01")
	assert figure["collection_rate"].this_month == F.collection_rate(base.company, "2026-09-01")
	owed = F.receivables(base.company, "2026-09-30")
	assert figure["overdue"].this_month == owed["overdue"]
	assert report.overdue_1_30 == owed["ageing"]["1-30"]
	assert figure["billed"].change == round(figure["billed"].this_month - figure["billed"].last_month, 2)
	with pytest.raises(frappe.ValidationError, match="report for 2026-09"):
		frappe.get_doc(
			{"doctype": "Monthly Operations Report", "company": base.company, "month": "2026-09-01"}
		).insert()


def test_submitting_the_report_completes_the_months_statistics_duty(base, users, site_url):
	from lvyue_ops.fulfilment_tracking.doctype.monthly_operations_report.monthly_operations_report import (
		make_monthly_reports,
	)
	from lvyue_ops.ops_calendar.ops_calendar import open_task

	ops = users[R.OPERATIONS_SUPERVISOR]
	assert not make_monthly_reports("2026-10-01")  # 国庆: the duty (Oct 13) opens on Oct 8
	with frozen_time("2026-10-08 07:00:00"):
		made = make_monthly_reports()
	assert len(made) >= 1
	report = frappe.get_doc("Monthly Operations Report", {"company": base.company, "month": "2026-09-01"})
	assert todos("Monthly Operations Report", report.name, ops)
	task = open_task("Operations Statistics", base.company, date(2026, 10, 13))
	with as_user(ops), frozen_time("2026-10-12 10:00:00"):
		report = frappe.get_doc("Monthly Operations Report", report.name)
		with pytest.raises(frappe.ValidationError, match="analysis"):
			report.submit()
		report = frappe.get_doc("Monthly Operations Report", report.name)
		report.analysis = "<p>九月新装持平，回款率下降，需加强催收。</p>"
		report.submit()
	assert frappe.db.get_value("Ops Duty Task", task, ["status", "on_time"]) == ("Completed", 1)
	frappe.local.lang = "zh"
	frappe.local.conf.host_name = site_url
	try:
		html = frappe.get_print(
			"Monthly Operations Report", report.name, print_format="Monthly Operations Report"
		)
		pdf = frappe.get_print(
			"Monthly Operations Report", report.name, print_format="Monthly Operations Report", as_pdf=True
		)
	finally:
		frappe.local.lang = "en"
		frappe.local.conf.pop("host_name", None)
	assert "月度运营报告" in html and "回款率下降" in html and "回款率" in html
	assert pdf.startswith(b"%PDF")


# --- the workspace's figures ---------------------------------------------------------------------


def test_each_card_and_chart_shows_its_figure_to_the_roles_that_see_it_only(base):
	"""A number card shows to whoever reads its DocType (frappe's rule) and its method answers them,
	and refuses anyone else; a chart shows to the roles it names, each of them gets its figures, and
	a role that reads none of it is refused by the figures themselves, not only by the workspace
	hiding the widget."""
	from frappe.desk.doctype.dashboard_chart.dashboard_chart import has_permission as chart_shown
	from frappe.desk.doctype.number_card.number_card import has_permission as card_shown

	filters = frappe.as_json({"company": base.company})
	by_role = {role: make_user([role]) for role in (*R.DEPARTMENT_ROLES, R.HR_USER)}
	cards = frappe.get_all(
		"Number Card", filters={"module": "Fulfilment Tracking"}, fields=["name", "method"]
	)
	assert len(cards) >= 6
	for card in cards:
		doc = frappe.get_doc("Number Card", card.name)
		for role, user in by_role.items():
			with as_user(user):
				if card_shown(doc, "read", user):
					assert frappe.get_attr(card.method)(filters)["value"] is not None, (card.name, role)
				else:
					with pytest.raises(frappe.PermissionError):
						frappe.get_attr(card.method)(filters)
		with as_user(by_role[R.OPERATIONS_SUPERVISOR]):
			assert card_shown(doc, "read", by_role[R.OPERATIONS_SUPERVISOR]), card.name
	charts = frappe.get_all(
		"Dashboard Chart", filters={"module": "Fulfilment Tracking"}, fields=["name", "chart_type", "source"]
	)
	assert len(charts) >= 4
	for chart in charts:
		doc = frappe.get_doc("Dashboard Chart", chart.name)
		assert {R.OPERATIONS_SUPERVISOR, R.GENERAL_MANAGER} <= {row.role for row in doc.roles}, chart.name
		if chart.chart_type != "Custom":
			continue
		source = frappe.get_attr(
			"lvyue_ops.fulfilment_tracking.dashboard_chart_source.{0}.{0}.get".format(
				frappe.scrub(chart.source)
			)
		)
		for role, user in by_role.items():
			with as_user(user):
				if chart_shown(doc, "read", user):
					assert source(chart_name=chart.name, filters=filters)["labels"], (chart.name, role)
				elif role == R.HR_USER:  # reads none of what the charts count
					with pytest.raises(frappe.PermissionError):
						source(chart_name=chart.name, filters=filters)
