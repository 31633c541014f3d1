"""Duty tasks: opened for their role before the due date, done when the document is produced,
flagged when overdue."""

from datetime import date, datetime

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.ops_calendar.ops_calendar import complete_task, flag_overdue_tasks, open_duty_tasks, task_name
from lvyue_ops.tests.factories import make_customer, make_user
from lvyue_ops.tests.utils import as_user, frozen_time


def test_tasks_open_before_their_due_date_once(base):
	user = make_user([R.CUSTOMER_SERVICE])
	assert task_name("VAT Invoice Applications", base.company, date(2026, 11, 1)) not in open_duty_tasks(
		today=date(2026, 11, 19)
	)
	opened = open_duty_tasks(today=date(2026, 11, 20))
	vat = task_name("VAT Invoice Applications", base.company, date(2026, 11, 1))
	assert vat in opened  # due Wed Nov 25, opens 5 days before
	assert frappe.db.get_value("Ops Duty Task", vat, "due") == datetime(2026, 11, 25, 23, 59, 59)
	assert frappe.db.exists("ToDo", {"reference_name": vat, "allocated_to": user, "status": "Open"})
	assert vat not in open_duty_tasks(today=date(2026, 11, 21))


def test_a_task_opens_for_next_month_when_its_date_is_near(base):
	opened = open_duty_tasks(today=date(2026, 12, 31))
	assert task_name("Customer Bills", base.company, date(2027, 1, 1)) in opened  # due Tue Jan 5 2027


def test_overdue_tasks_are_flagged_and_completed_late(base):
	open_duty_tasks(today=date(2026, 11, 24))
	name = task_name("Suspension Requests to Carriers", base.company, date(2026, 11, 1))
	assert name in flag_overdue_tasks(now=datetime(2026, 11, 25, 0, 0))  # due Tue Nov 24
	assert frappe.db.get_value("Ops Duty Task", name, "overdue") == 1

	with frozen_time("2026-11-25 09:00:00"):
		request = _make_suspension_request(base, requested_date="2026-11-20")
	assert frappe.db.get_value("Ops Duty Task", name, "status") == "Open"  # a draft completes nothing
	with frozen_time("2026-11-25 09:30:00"):
		request.submit_to_carrier()  # it reaches the carrier: the duty is done (late)
	task = frappe.get_doc("Ops Duty Task", name)
	assert (task.status, task.on_time, task.reference_doctype) == ("Completed", 0, "Suspension Request")
	assert not frappe.db.exists("ToDo", {"reference_name": name, "status": "Open"})


def test_a_shutdown_is_not_the_monthly_suspension(base):
	open_duty_tasks(today=date(2026, 11, 24))
	name = task_name("Suspension Requests to Carriers", base.company, date(2026, 11, 1))
	request = _make_suspension_request(base, request_type="Shutdown", due_by="2026-11-24 10:00:00")
	request.submit_to_carrier()
	assert frappe.db.get_value("Ops Duty Task", name, "status") == "Open"


def _make_suspension_request(base, **fields):
	from lvyue_ops.tests.factories import make_supplier

	return frappe.get_doc(
		{
			"doctype": "Suspension Request",
			"company": base.company,
			"customer": make_customer(),
			"carrier": make_supplier(),
			"lines_or_numbers": "4008001001",
			"reason": "月度缓停",
			**fields,
		}
	).insert()


def test_a_duty_without_a_document_is_done_by_its_role(base):
	open_duty_tasks(today=date(2026, 11, 20))
	task = frappe.get_doc("Ops Duty Task", task_name("Payment Due", base.company, date(2026, 11, 1)))
	with (
		as_user(make_user([R.BUSINESS_ASSISTANT])),
		pytest.raises(frappe.PermissionError, match=r"客服专员|Customer Service"),
	):
		task.mark_done("催收完成")
	with as_user(make_user([R.CUSTOMER_SERVICE])):
		with pytest.raises(frappe.ValidationError, match="what was done"):
			task.mark_done("  ")
		with frozen_time("2026-11-20 16:00:00"):
			task.mark_done("已电话催收未付款客户 3 家，均承诺本周付清")
	assert (task.status, task.on_time, task.done_note) == (
		"Completed",
		1,
		"已电话催收未付款客户 3 家，均承诺本周付清",
	)
	with (
		as_user(make_user([R.CUSTOMER_SERVICE])),
		pytest.raises(frappe.ValidationError, match="done already"),
	):
		task.mark_done("again")


def test_a_duty_with_a_document_is_not_done_by_hand(base):
	open_duty_tasks(today=date(2026, 11, 20))
	task = frappe.get_doc(
		"Ops Duty Task", task_name("VAT Invoice Applications", base.company, date(2026, 11, 1))
	)
	with (
		as_user(make_user([R.CUSTOMER_SERVICE])),
		pytest.raises(frappe.ValidationError, match="by its document"),
	):
		task.mark_done("提交了")


def test_done_on_time(base):
	open_duty_tasks(today=date(2026, 11, 20))
	name = task_name("VAT Invoice Applications", base.company, date(2026, 11, 1))
	assert complete_task(name, when=datetime(2026, 11, 25, 10, 0))
	assert frappe.db.get_value("Ops Duty Task", name, ["status", "on_time"]) == ("Completed", 1)
	assert not complete_task(name)  # done once


def test_calendar_report_shows_due_dates_and_on_time_rate(base):
	from lvyue_ops.ops_calendar.report.ops_calendar.ops_calendar import execute

	open_duty_tasks(today=date(2026, 10, 20))
	october = date(2026, 10, 1)
	complete_task(
		task_name("Payment Due", base.company, october), when=datetime(2026, 10, 19, 12, 0)
	)  # due Tue Oct 20
	complete_task(
		task_name("VAT Invoice Applications", base.company, october), when=datetime(2026, 10, 26, 9, 0)
	)  # due Fri Oct 23: late
	_columns, rows, _m, chart = execute(
		{"company": base.company, "from_month": "2026-10-01", "to_month": "2026-10-01"}
	)
	by_duty = {r["duty_name"]: r for r in rows}
	assert by_duty["Payment Due"]["due"] == datetime(2026, 10, 20, 23, 59, 59)
	assert by_duty["Payment Due"]["state"] == "On Time"
	assert by_duty["VAT Invoice Applications"]["state"] == "Late"
	assert "Quarterly Bonus Data" in by_duty  # October follows a quarter
	rates = dict(zip(chart["data"]["labels"], chart["data"]["datasets"][0]["values"], strict=True))
	assert rates["Payment Due"] == 100 and rates["VAT Invoice Applications"] == 0


def test_the_calendar_view_shows_each_task_on_its_due_day_in_chinese(base):
	from lvyue_ops.ops_calendar.ops_calendar import duty_calendar
	from lvyue_ops.utils.notify import in_language

	open_duty_tasks(today=date(2026, 11, 24))
	flag_overdue_tasks(now=datetime(2026, 11, 25, 0, 0))
	name = task_name("Suspension Requests to Carriers", base.company, date(2026, 11, 1))
	with in_language("zh"):
		events = duty_calendar("2026-11-01", "2026-11-30", [["company", "=", base.company]])
	[event] = [e for e in events if e.name == name]
	assert (str(event.due), event.title, event.all_day) == (
		"2026-11-24 23:59:59",
		"向运营商提交缓停申请（逾期）",
		1,
	)
