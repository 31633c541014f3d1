"""Duty tasks: opened for their role before the due date, done when the document is produced,
flagged when overdue."""

from datetime import date, datetime

import frappe

from lvyue_ops import roles as R
from lvyue_ops.ops_calendar.ops_calendar import complete_task, flag_overdue_tasks, open_duty_tasks, task_name
from lvyue_ops.tests.factories import make_customer, make_user
from lvyue_ops.tests.utils import frozen_time


def test_tasks_open_before_their_due_date_once(base):
	user = make_user([R.BUSINESS_ASSISTANT])
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

	# producing the duty's document completes the task (late)
	with frozen_time("2026-11-25 09:00:00"):
		_make_suspension_request(base)
	task = frappe.get_doc("Ops Duty Task", name)
	assert (task.status, task.on_time, task.reference_doctype) == ("Completed", 0, "Suspension Request")
	assert not frappe.db.exists("ToDo", {"reference_name": name, "status": "Open"})


def _make_suspension_request(base):
	frappe.get_doc(
		{
			"doctype": "Suspension Request",
			"company": base.company,
			"customer": make_customer(),
			"lines_or_numbers": "4008001001",
			"reason": "月度缓停",
		}
	).insert()


def test_done_on_time(base):
	open_duty_tasks(today=date(2026, 11, 20))
	name = complete_task("VAT Invoice Applications", base.company, when=datetime(2026, 11, 25, 10, 0))
	assert frappe.db.get_value("Ops Duty Task", name, ["status", "on_time"]) == ("Completed", 1)
	assert complete_task("VAT Invoice Applications", base.company) is None  # nothing left open


def test_calendar_report_shows_due_dates_and_on_time_rate(base):
	from lvyue_ops.ops_calendar.report.ops_calendar.ops_calendar import execute

	open_duty_tasks(today=date(2026, 10, 20))
	complete_task("Payment Due", base.company, when=datetime(2026, 10, 19, 12, 0))  # due Tue Oct 20: on time
	complete_task(
		"VAT Invoice Applications", base.company, when=datetime(2026, 10, 26, 9, 0)
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
