"""A month in which every duty of the ops calendar is done by its real event, on its day, by the
role that owns it — and the Ops Calendar shows it 100 % on time (运营部管理规定 第四章, the duties
of the month). October 2026, for two companies of the site on calendars of their own: on the test
calendar 国庆 (Oct 1–7) moves the 5th and the 调休 Saturday Oct 10 is a working day; on the second
国庆 is three days.

The billing run is a background job that commits as it goes, so this test runs on companies of its
own and clears their month before and after."""

from datetime import date, timedelta

import frappe
import pytest
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from frappe.utils.nestedset import get_root_of

from lvyue_ops import roles as R
from lvyue_ops.ops_calendar.ops_calendar import due_date, open_task, task_name
from lvyue_ops.setup.base_records import make_company
from lvyue_ops.tests.billing_helpers import attach
from lvyue_ops.tests.factories import (
	make_customer,
	make_supplier,
	make_user,
	second_company,
	unique,
	unique_pdf,
)
from lvyue_ops.tests.utils import as_user, frozen_time

COMPANY, ABBR = "履约月度测试有限公司", "LVM"
OCTOBER = date(2026, 10, 1)
SEPTEMBER = date(2026, 9, 1)
# what the month leaves behind in the company, cleared before and after
MONTH_DOCTYPES = (
	"Ops Duty Task",
	"Billing Run",
	"HR Handover",
	"Salesperson Revenue",
	"Tariff Audit",
	"Suspension Request",
	"Invoice Application",
	"Write-off Request",
	"Overdue Review",
	"Monthly Operations Report",
)


def clear_month(company):
	for doctype in MONTH_DOCTYPES:
		for name in frappe.get_all(doctype, filters={"company": company}, pluck="name"):
			frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": name})
			if frappe.db.get_value(doctype, name, "docstatus") == 1:
				frappe.db.set_value(doctype, name, "docstatus", 2, update_modified=False)
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()


# two companies of the site, each on its own calendar (issue 14)
CALENDARS = {
	"test calendar: 国庆 Oct 1-7, 调休 Sat Oct 10": (COMPANY, ABBR, None),
	"second calendar: 国庆 Oct 1-3, no 调休": ("履约月度二公司", "LVN", "second"),
}


@pytest.fixture(params=list(CALENDARS))
def month(base, request):
	name, abbr, calendar = CALENDARS[request.param]
	holiday_list = second_company().holiday_list if calendar == "second" else base.holiday_list
	company = make_company(name, abbr, holiday_list)
	clear_month(company)
	users = {role: make_user([role]) for role in (*R.DEPARTMENT_ROLES, R.SALES_USER, R.HR_USER)}
	yield frappe._dict(company=company, users=users)
	frappe.db.rollback()
	clear_month(company)


def due(duty, company):
	return due_date(duty, OCTOBER.year, OCTOBER.month, company)


def on_its_day(duty, company):
	"""An hour before the duty's due time, on its day."""
	return frozen_time(due(duty, company) - timedelta(hours=1))


def september_collection(company, users):
	"""A bill of September for a salesperson's customer on a partner's business line, paid in
	September: the figures the hand-overs to HR carry."""
	group = frappe.get_doc(
		{
			"doctype": "Item Group",
			"item_group_name": unique("400号码"),
			"parent_item_group": get_root_of("Item Group"),
		}
	).insert()
	item = frappe.get_doc(
		{
			"doctype": "Item",
			"item_code": unique("400-RENT"),
			"item_group": group.name,
			"stock_uom": "Nos",
			"is_stock_item": 0,
		}
	).insert()
	person = frappe.get_doc(
		{
			"doctype": "Sales Person",
			"sales_person_name": unique("销售"),
			"parent_sales_person": get_root_of("Sales Person"),
		}
	).insert()
	customer = make_customer(
		lvyue_needs_vat_invoice=1, tax_id="9144XXXX", lvyue_invoice_bank="工行", lvyue_invoice_address="广州"
	)
	bill = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company,
			"customer": customer,
			"posting_date": "2026-09-10",
			"set_posting_time": 1,
			"due_date": "2026-09-20",
			"items": [{"item_code": item.name, "qty": 1, "rate": 800}],
			"sales_team": [{"sales_person": person.name, "allocated_percentage": 100}],
		}
	).insert()
	bill.submit()
	payment = get_payment_entry("Sales Invoice", bill.name)
	payment.update(
		{"posting_date": "2026-09-18", "reference_no": "BANK-0918", "reference_date": "2026-09-18"}
	)
	payment.insert().submit()
	settings = frappe.get_single("Lvyue Ops Settings")
	settings.append(
		"partner_lines", {"business_line": group.name, "partner": make_supplier("锦新 " + unique(""))}
	)
	settings.save()
	return frappe._dict(
		customer=customer, bill=bill.name, payment=payment.name, person=person.name, business_line=group.name
	)


def mark_done(duty, company, user, note):
	with on_its_day(duty, company), as_user(user):
		frappe.get_doc("Ops Duty Task", task_name(duty, company, OCTOBER)).mark_done(note)


def test_a_month_with_every_duty_done_on_its_day_is_100_percent_on_time(month):
	from lvyue_ops.ops_calendar.report.ops_calendar.ops_calendar import execute

	company, users = month.company, month.users
	ba, cs, ops = users[R.BUSINESS_ASSISTANT], users[R.CUSTOMER_SERVICE], users[R.OPERATIONS_SUPERVISOR]

	# 商务助理: the bills of September, on the bills day (the run commits: it goes first)
	with on_its_day("Customer Bills", company), as_user(ba):
		run = frappe.get_doc({"doctype": "Billing Run", "company": company, "period": SEPTEMBER}).insert()
		run.start()
	assert frappe.db.get_value("Billing Run", run.name, "status") == "Completed"

	duties = frappe.get_all("Ops Duty", filters={"enabled": 1}, pluck="name")
	tasks = {duty: open_task(duty, company, OCTOBER) for duty in duties}
	tasks = {duty: task for duty, task in tasks.items() if task}
	assert len(tasks) == 17, sorted(tasks)  # October carries the quarter's bonus duty and service review too

	data = september_collection(company, users)

	# 运营部主管: the salesperson's revenue confirmed by the 5th (moved by 国庆), to HR by the 13th
	with on_its_day("Salesperson Revenue Reconciliation", company):
		with as_user(ops):
			revenue = frappe.get_doc(
				{
					"doctype": "Salesperson Revenue",
					"company": company,
					"month": SEPTEMBER,
					"sales_person": data.person,
					"salesperson_user": users[R.SALES_USER],
				}
			).insert()
		with as_user(users[R.SALES_USER]):
			frappe.get_doc("Salesperson Revenue", revenue.name).confirm()
	# 运营部主管: September's receivables checked against Finance's ledger by the 10th
	with on_its_day("Receivables Reconciliation", company), as_user(ops):
		reconciliation = frappe.get_doc(
			{"doctype": "Receivables Reconciliation", "company": company, "month": SEPTEMBER}
		).insert()
		reconciliation = frappe.get_doc(reconciliation.doctype, reconciliation.name)
		for row in reconciliation.lines:
			row.explanation = "与计财部核对一致"
		reconciliation.save()
		frappe.get_doc(reconciliation.doctype, reconciliation.name).reconcile()
	# 运营部主管: the third quarter's service reviewed with its improvement plan
	with on_its_day("Service Review", company), as_user(ops):
		review = frappe.get_doc(
			{
				"doctype": "Service Review",
				"company": company,
				"period_from": "2026-07-01",
				"period_to": "2026-09-30",
				"findings": "故障回复客户不及时",
				"actions": [{"action": "每 4 小时回复一次", "owner_user": cs, "due_date": "2026-10-31"}],
			}
		).insert()
		review.conclude()
	for duty, handover_type, period in (
		("Salesperson Revenue to HR", "Salesperson Revenue", SEPTEMBER),
		("Partner Collection Rate to HR", "Partner Collection Rate", SEPTEMBER),
		("Quarterly Bonus Data", "Quarterly Bonus", date(2026, 7, 1)),
	):
		with on_its_day(duty, company), as_user(ops):
			handover = frappe.get_doc(
				{
					"doctype": "HR Handover",
					"company": company,
					"handover_type": handover_type,
					"period": period,
				}
			).insert()
			handover.deliver()
			assert handover.lines, duty

	# 客服专员: dunning on the payment days, the VAT applications to Finance by the 25th
	mark_done("Payment Due", company, cs, "已提醒全部未付款客户付款日")
	mark_done("Latest Payment", company, cs, "已催收，逾期客户列入月度逾期审查")
	with on_its_day("Overdue Review", company), as_user(cs):
		review = frappe.get_doc(
			{"doctype": "Overdue Review", "company": company, "month": OCTOBER, "as_of": "2026-10-26"}
		).insert()
		review = frappe.get_doc("Overdue Review", review.name)
		for row in review.items:
			row.reason, row.improvement_measure = "Funds Tight", "每周电话跟进"
		review.save()
		review.complete()
	with on_its_day("VAT Invoice Applications", company), as_user(cs):
		application = frappe.get_doc(
			{
				"doctype": "Invoice Application",
				"company": company,
				"customer": data.customer,
				"items": [{"sales_invoice": data.bill}],
			}
		).insert()
		application.move_to_status("Submitted to Finance")

	# 商务助理: write-off requested, the partner's write-off, the suspensions to the carriers
	with frozen_time("2026-10-15 10:00:00"), as_user(ba):
		write_off = frappe.get_doc(
			{"doctype": "Write-off Request", "company": company, "payment_entry": data.payment}
		).insert()
		voucher = attach(write_off, "voucher.pdf", unique_pdf())
	with on_its_day("400-Number Partner Write-off", company), as_user(ba):  # September's 400 payment
		frappe.get_doc(
			{"doctype": "Partner Write-off", "company": company, "business_line": data.business_line}
		).insert().write_off("JX-202610")
	with on_its_day("Suspension Requests to Carriers", company), as_user(ba):
		suspension = frappe.get_doc(
			{
				"doctype": "Suspension Request",
				"company": company,
				"customer": data.customer,
				"carrier": make_supplier(),
				"lines_or_numbers": "4008001001",
				"reason": "月度缓停",
			}
		).insert()
		suspension.submit_to_carrier()

	# 财务部: the payment voucher by the 23rd
	with on_its_day("Write-off and Payment Voucher", company), as_user(users[R.FINANCE_SUPERVISOR]):
		frappe.get_doc("Write-off Request", write_off.name).attach_voucher(voucher)

	# 运营部主管: the tariff audits of the 25th and the month end, the month's statistics
	for duty in ("Tariff Audit (25th)", "Tariff Audit (Month End)"):
		with on_its_day(duty, company), as_user(ops):
			audit = frappe.get_doc(
				{"doctype": "Tariff Audit", "company": company, "audit_date": due(duty, company).date()}
			).insert()
			audit.complete()
	with on_its_day("Operations Statistics", company), as_user(ops):  # September's figures and analysis
		report = frappe.get_doc(
			{"doctype": "Monthly Operations Report", "company": company, "month": SEPTEMBER}
		)
		report.analysis = "<p>九月经营情况平稳。</p>"
		report.insert()
		frappe.get_doc(report.doctype, report.name).submit()

	states = {
		task: frappe.db.get_value("Ops Duty Task", task, ["status", "on_time"]) for task in tasks.values()
	}
	assert {task: state for task, state in states.items() if state != ("Completed", 1)} == {}
	_columns, rows, _message, chart = execute(
		{"company": company, "from_month": "2026-10-01", "to_month": "2026-10-01"}
	)
	assert {row["duty_name"] for row in rows} == set(tasks)
	assert {row["state"] for row in rows} == {"On Time"}
	assert set(chart["data"]["datasets"][0]["values"]) == {100}
