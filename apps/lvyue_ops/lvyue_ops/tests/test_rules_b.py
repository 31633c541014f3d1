"""The rules the code had wrong (review rules-coverage §3, B2-B6, B8, B9): requests raised late in
the month, the graded SLA on install, the credit grade of the order's company, the written
complaint's letter, the bill's dunning day, the 立项 of a new contract and satisfaction per
company."""

from datetime import date

import frappe
import pytest
from frappe.utils import getdate

from lvyue_ops import roles as R
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.approval_helpers import act, ensure_item, make_contract
from lvyue_ops.tests.factories import (
	PHONE_REVISIT,
	attach_url,
	make_customer,
	make_supplier,
	make_user,
	second_company,
)
from lvyue_ops.tests.test_receivables import make_bill
from lvyue_ops.tests.utils import as_user, frozen_time

# --- B2: a request raised after the month's day is due on next month's ------------------------


def customer_payment(company: str) -> str:
	"""A submitted Payment Entry of a customer's bill."""
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	bill = make_bill(company, make_customer(), 300)
	entry = get_payment_entry("Sales Invoice", bill.name)
	entry.update({"reference_no": "BANK-1", "reference_date": "2026-11-18"})
	entry.insert()
	entry.submit()
	return entry.name


@pytest.mark.parametrize(
	"raised,due",
	[
		("2026-05-11 10:00:00", date(2026, 5, 22)),  # before the day: May 23 is a Saturday
		("2026-05-22 17:00:00", date(2026, 5, 22)),  # on the day itself
		("2026-05-23 10:00:00", date(2026, 6, 23)),  # the nominal 23rd, a Saturday: May's day is past
		("2026-04-24 10:00:00", date(2026, 5, 22)),  # after April's: May's, brought forward
		("2026-09-30 10:00:00", date(2026, 10, 23)),  # after September's: October's, a Friday
		("2026-10-05 10:00:00", date(2026, 10, 23)),  # on a 国庆 holiday, before the day
		("2026-10-10 10:00:00", date(2026, 10, 23)),  # on the 调休 working Saturday
		("2026-12-24 10:00:00", date(2027, 1, 22)),  # after December's: January 23 2027 is a Saturday
	],
)
def test_B2_a_write_off_raised_after_the_23rd_is_due_next_month(base, raised, due):
	payment, assistant = customer_payment(base.company), make_user([R.BUSINESS_ASSISTANT])
	with frozen_time(raised), as_user(assistant):
		request = frappe.get_doc(
			{"doctype": "Write-off Request", "company": base.company, "payment_entry": payment}
		).insert()
	assert getdate(request.due_by) == due


def test_B2_finance_is_on_time_with_next_months_voucher(base):
	from lvyue_ops.tests.billing_helpers import attach
	from lvyue_ops.tests.factories import unique_pdf

	payment, assistant = customer_payment(base.company), make_user([R.BUSINESS_ASSISTANT])
	finance = make_user([R.FINANCE_SUPERVISOR])
	with frozen_time("2026-09-28 10:00:00"), as_user(assistant):
		request = frappe.get_doc(
			{"doctype": "Write-off Request", "company": base.company, "payment_entry": payment}
		).insert()
	voucher = attach(request, "voucher.pdf", unique_pdf())
	with frozen_time("2026-10-12 10:00:00"), as_user(finance):
		frappe.get_doc("Write-off Request", request.name).attach_voucher(voucher)
	assert frappe.db.get_value("Write-off Request", request.name, "on_time") == 1


@pytest.mark.parametrize(
	"requested,due",
	[
		("2026-09-20", date(2026, 9, 24)),  # a 调休 working Sunday: this month's (Thursday)
		("2026-09-25", date(2026, 10, 23)),  # after September's: October 24 is a Saturday
		("2026-10-05", date(2026, 10, 23)),  # on a 国庆 holiday, before the day
		("2026-10-24", date(2026, 11, 24)),  # the nominal 24th, a Saturday: October's day is past
		("2026-11-30", date(2026, 12, 24)),
	],
)
def test_B2_a_suspension_requested_after_the_24th_is_due_next_month(base, requested, due):
	request = frappe.get_doc(
		{
			"doctype": "Suspension Request",
			"company": base.company,
			"request_type": "Suspension",
			"customer": make_customer(),
			"carrier": make_supplier(),
			"requested_date": requested,
			"lines_or_numbers": "4008001001",
			"reason": "月度缓停",
		}
	).insert()
	assert getdate(request.due_by) == due


# --- B3: the graded Service Level Agreement is installed, once ----------------------------------


def test_B3_install_seeds_the_graded_sla_and_never_overwrites_it(base, monkeypatch):
	from lvyue_ops import install
	from lvyue_ops.customer_service import service_level as S
	from lvyue_ops.overrides.company import on_update as company_updated

	# after_install seeds it, and sites that had the app get it through a patch
	seeded = []
	for step in ("sync_custom_fields", "seed_records", "grant_erpnext_permissions", "store_missing_defaults"):
		monkeypatch.setattr(install, step, lambda: None)
	monkeypatch.setattr(install, "install_service_level_agreement", lambda: seeded.append(True))
	install.after_install()
	assert seeded == [True]
	monkeypatch.undo()
	with open(frappe.get_app_path("lvyue_ops", "patches.txt")) as f:
		assert "lvyue_ops.patches.v0_4.install_service_level_agreement" in f.read().split()

	# a site without it gets the grades on the default company's Holiday List
	frappe.db.delete("Service Level Agreement", {"service_level": S.SERVICE_LEVEL})
	frappe.db.set_global(S.SEEDED, None)
	frappe.db.set_single_value("Global Defaults", "default_company", base.company)
	name = S.install_service_level_agreement()
	sla = frappe.get_doc("Service Level Agreement", name)
	assert (sla.document_type, sla.holiday_list, sla.enabled) == ("Issue", base.holiday_list, 1)
	assert {p.priority: (p.response_time, p.resolution_time) for p in sla.priorities} == {
		"Grade 1": (3600, 8 * 3600),
		"Grade 2": (4 * 3600, 24 * 3600),
		"Grade 3": (8 * 3600, 72 * 3600),
	}

	# an admin's edit stays: install, the patch and a company's save leave it as it is
	frappe.db.set_value(
		"Service Level Priority", {"parent": name, "priority": "Grade 1"}, "response_time", 7200
	)
	assert S.install_service_level_agreement() == name
	frappe.get_attr("lvyue_ops.patches.v0_4.install_service_level_agreement.execute")()
	company_updated(frappe.get_doc("Company", base.company))
	assert frappe.db.count("Service Level Agreement", {"service_level": S.SERVICE_LEVEL}) == 1
	assert (
		frappe.db.get_value(
			"Service Level Priority", {"parent": name, "priority": "Grade 1"}, "response_time"
		)
		== 7200
	)
	# and so does its removal: it is seeded once
	frappe.db.delete("Service Level Agreement", {"name": name})
	assert S.install_service_level_agreement() is None
	company_updated(frappe.get_doc("Company", base.company))
	assert not frappe.db.exists("Service Level Agreement", {"service_level": S.SERVICE_LEVEL})


def test_B3_a_new_site_gets_it_when_a_company_first_has_its_calendar(base):
	from lvyue_ops.customer_service import service_level as S

	frappe.db.delete("Service Level Agreement", {"service_level": S.SERVICE_LEVEL})
	frappe.db.set_global(S.SEEDED, None)
	frappe.db.set_single_value("Global Defaults", "default_company", base.company)
	hooks = frappe.get_hooks("doc_events")["Company"]["on_update"]
	assert "lvyue_ops.overrides.company.on_update" in hooks
	# the admin sets the company's Holiday List (it has one here) and saves the company
	frappe.get_attr("lvyue_ops.overrides.company.on_update")(frappe.get_doc("Company", base.company))
	assert frappe.db.get_value(
		"Service Level Agreement", {"service_level": S.SERVICE_LEVEL}, "holiday_list"
	) == (base.holiday_list)


# --- B4: the credit grade is the order's company's ------------------------------------------------


def test_B4_a_grade_d_in_one_company_is_not_the_customers_grade_in_another(base):
	other = second_company().company
	customer = make_customer()
	A.assessed(customer, base.company, "D")
	A.assessed(customer, other, "A")  # assessed last: the Customer shows A
	assert frappe.db.get_value("Customer", customer, "lvyue_credit_grade") == "A"
	frappe.db.set_single_value("Lvyue Ops Settings", "low_credit_policy", "Refuse")  # rolled back
	frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")

	def order(company):
		return frappe.get_doc(
			{
				"doctype": "Business Order",
				"company": company,
				"customer": customer,
				"order_type": "New Installation",
				"resources": [{"item_code": ensure_item(), "quantity": 1}],
			}
		)

	with as_user(make_user([R.SALES_USER])):
		with pytest.raises(frappe.ValidationError, match="credit grade D"):
			order(base.company).insert()  # the test company graded the customer D
		assert order(other).insert().credit_grade == "A"
	# a reassessment in the test company is what its next order reads
	A.assessed(customer, base.company, "B")
	with as_user(make_user([R.SALES_USER])):
		assert order(base.company).insert().credit_grade == "B"
	frappe.db.rollback()
	frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")


# --- B5: a written complaint needs its letter, on the server ----------------------------------


def test_B5_a_written_complaint_is_refused_without_the_customers_letter(base):
	from frappe.client import insert

	complaint = {
		"doctype": "Complaint Register",
		"company": base.company,
		"customer": make_customer(),  # no email of its own
		"channel": "Written",
		"received_on": "2026-11-20 10:00:00",
		"content": "线路频繁掉线，影响呼叫中心业务。",
	}
	with as_user(make_user([R.CUSTOMER_SERVICE])):
		with pytest.raises(frappe.MandatoryError, match="complaint letter"):
			insert(complaint)
		with pytest.raises(frappe.MandatoryError, match="email address"):
			insert({**complaint, "complaint_letter": attach_url("投诉函.pdf")})
		name = insert(
			{
				**complaint,
				"complaint_letter": attach_url("投诉函.pdf"),
				"reply_email": "boss@customer.example",
			}
		)["name"]
		assert insert({**complaint, "channel": "Oral"})["name"]  # an oral complaint has no letter
	doc = frappe.get_doc("Complaint Register", name)
	doc.complaint_letter = None
	with pytest.raises(frappe.MandatoryError, match="complaint letter"):
		doc.save()


# --- B6: the bill states the calendar's dunning day --------------------------------------------


def test_B6_the_bill_states_the_dunning_day_brought_forward(base):
	bill = make_bill(base.company, make_customer(), 500, due="2026-10-20", posting="2026-10-05")
	dunning = frappe.format(date(2026, 10, 23), {"fieldtype": "Date"})  # Oct 25 2026 is a Sunday
	html = frappe.get_print("Sales Invoice", bill.name, print_format="Lvyue Bill")
	assert f"Payments received after {dunning} are subject to dunning." in html
	assert "25th" not in html
	frappe.local.lang = "zh"
	try:
		html = frappe.get_print("Sales Invoice", bill.name, print_format="Lvyue Bill")
	finally:
		frappe.local.lang = "en"
	assert f"{dunning} 后仍未付款的将进入催收" in html


def test_B6_the_dunning_day_follows_the_duty_an_admin_changed(base):
	from lvyue_ops.receivables.doctype.overdue_review.overdue_review import bill_dunning_day

	bill = make_bill(base.company, make_customer(), 500, due="2026-11-20", posting="2026-11-05")
	assert bill_dunning_day(bill) == date(2026, 11, 25)  # a Wednesday
	frappe.db.set_value("Ops Duty", "Latest Payment", "day_of_month", 28)  # a Saturday
	frappe.clear_document_cache("Ops Duty", "Latest Payment")
	try:
		assert bill_dunning_day(bill) == date(2026, 11, 27)
		html = frappe.get_print("Sales Invoice", bill.name, print_format="Lvyue Bill")
		assert frappe.format(date(2026, 11, 27), {"fieldtype": "Date"}) in html
	finally:
		frappe.db.rollback()
		frappe.clear_document_cache("Ops Duty", "Latest Payment")


# --- B8: a change's approval is not a new contract's 立项 ------------------------------------


def test_B8_a_contract_change_approval_does_not_stand_for_a_new_contracts(base):
	from lvyue_ops.approvals.doctype.project_approval.project_approval import (
		get_approved_project_approval,
	)

	users = A.users()
	customer = make_customer()
	contract = A.approved_contract(base.company, users, customer)
	change = A.approved_change(base.company, users, customer, contract.name, "Dismantle")
	assert change.docstatus == 1
	with pytest.raises(frappe.ValidationError, match="change of a contract"):
		get_approved_project_approval(change.name, customer)
	assert get_approved_project_approval(contract.lvyue_project_approval, customer)
	new_contract = make_contract(users[R.SALES_USER], customer, change.name)
	with pytest.raises(frappe.ValidationError, match="change of a contract"):
		act(new_contract, users[R.SALES_USER], "Submit for Approval")


# --- B9: satisfaction per company -------------------------------------------------------------


def test_B9_each_company_has_its_own_satisfaction(base):
	from lvyue_ops.customer_service.report.customer_satisfaction.customer_satisfaction import execute
	from lvyue_ops.fulfilment_tracking import figures as F

	other = second_company().company
	a, b = make_customer(), make_customer()
	for customer, company in ((a, base.company), (b, other)):  # the company that serves each
		frappe.get_doc(
			{
				"doctype": "Business Order",
				"company": company,
				"customer": customer,
				"order_type": "New Installation",
				"resources": [{"item_code": ensure_item(), "quantity": 1}],
			}
		).insert()
	issue = frappe.get_doc(
		{"doctype": "Issue", "subject": "400 号码无法呼入", "company": base.company, "customer": b}
	).insert()

	def revisit(customer, score, **fields):
		return frappe.get_doc(
			{
				"doctype": "Revisit",
				**PHONE_REVISIT,
				"customer": customer,
				"revisit_date": "2027-03-08",
				"method": "Phone",
				"satisfaction": score,
				"result": "已回访",
				**fields,
			}
		).insert()

	assert revisit(a, 5).company == base.company
	revisit(a, 3)
	assert revisit(b, 4, issue=issue.name).company == base.company  # the issue's company
	assert revisit(b, 1).company == other
	service = make_user([R.CUSTOMER_SERVICE])
	with frozen_time("2027-03-10 10:00:00"), as_user(service):
		for customer, score in ((a, 4), (b, 2)):
			survey = frappe.get_doc(
				{
					"doctype": "Satisfaction Survey",
					"customer": customer,
					"received_via": "Email",
					"satisfaction": score,
				}
			).insert()
			assert survey.company == (base.company if customer == a else other)
	frappe.get_doc(
		{
			"doctype": "Customer Symposium",
			"company": base.company,
			"title": "春季客户座谈会",
			"symposium_date": "2027-03-18",
			"attendees": [
				{"customer": a, "attendee_name": "张总", "satisfaction": 2},
				{"customer": b, "attendee_name": "李总", "satisfaction": 5},
			],
		}
	).insert()

	# the test company: 5, 3, 4 (revisits), 4 (questionnaire), 2, 5 (its symposium) -> 23 / 6
	assert F.satisfaction(base.company, "2027-03-01") == 3.83
	# the second company: 1 (revisit), 2 (questionnaire) -> 3 / 2
	assert F.satisfaction(other, "2027-03-01") == 1.5
	assert F.satisfaction(other, "2027-04-01") is None

	def report(company):
		rows = execute({"company": company, "from_date": "2027-03-01", "to_date": "2027-03-31"})[1]
		count = sum(r["revisits"] for r in rows)
		return count, round(sum(r["average"] * r["revisits"] for r in rows) / count, 2)

	assert report(base.company) == (6, 3.83)
	assert report(other) == (2, 1.5)


def test_B4_the_new_orders_form_shows_the_companys_grade(base):
	from lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment import (
		get_credit_grade,
	)

	other = second_company().company
	customer = make_customer()
	A.assessed(customer, base.company, "D")
	A.assessed(customer, other, "A")
	with as_user(make_user([R.SALES_USER])):
		assert get_credit_grade(customer, base.company) == "D"
		assert get_credit_grade(customer, other) == "A"
	with as_user(make_user([R.HR_USER])), pytest.raises(frappe.PermissionError):
		get_credit_grade(customer, base.company)  # who may not read the customer
