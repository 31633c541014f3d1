"""Holiday data does not run out silently: 60 days before a company's Holiday List ends, the
Operations Supervisor and the System Manager get a ToDo; extending fills the weekends and keeps
the 调休 working weekends; until then the ops calendar logs, never skips silently."""

from datetime import date

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.ops_calendar.holiday_lists import check_holiday_lists, extend_holiday_list
from lvyue_ops.ops_calendar.ops_calendar import open_duty_tasks
from lvyue_ops.tests.factories import make_user
from lvyue_ops.tests.utils import as_user
from lvyue_ops.utils.holiday_calendar import make_holiday_list


@pytest.fixture
def ending(base):
	"""The test company on a list that ends on 2026-12-31."""
	holiday_list = make_holiday_list(
		f"LV 2026 {frappe.generate_hash(length=6)}",
		date(2026, 1, 1),
		date(2026, 12, 31),
		[(date(2026, 10, 1), date(2026, 10, 7), "国庆节")],
		[date(2026, 10, 10)],
	)
	frappe.db.set_value("Company", base.company, "default_holiday_list", holiday_list.name)
	return frappe._dict(company=base.company, holiday_list=holiday_list.name)


def test_sixty_days_before_the_end_the_supervisor_and_the_system_manager_are_told(ending):
	ops, admin = make_user([R.OPERATIONS_SUPERVISOR]), make_user(["System Manager"])
	assert ending.holiday_list not in check_holiday_lists(today=date(2026, 10, 31))  # 61 days out: not yet
	assert ending.holiday_list in check_holiday_lists(today=date(2026, 11, 1))  # 60 days
	for user in (ops, admin):
		assert frappe.db.exists(
			"ToDo", {"reference_name": ending.holiday_list, "allocated_to": user, "status": "Open"}
		)


def test_the_supervisor_extends_with_the_holidays_and_the_tiaoxiu_weekends(ending):
	ops = make_user([R.OPERATIONS_SUPERVISOR])
	with as_user(ops):
		result = extend_holiday_list(
			ending.holiday_list,
			"2027-02-28",
			holidays="2027-01-01, 2027-01-03, 元旦\n2027-02-06，2027-02-14，春节",
			working_weekends="2027-01-30, 2027-02-20",
		)
	assert result["to_date"] == "2027-02-28"
	days = {
		h.holiday_date: h.description for h in frappe.get_doc("Holiday List", ending.holiday_list).holidays
	}
	assert days[date(2027, 1, 1)] == "元旦" and days[date(2027, 2, 10)] == "春节"  # a Wednesday
	assert date(2027, 1, 9) in days  # an ordinary Saturday
	assert date(2027, 1, 30) not in days and date(2027, 2, 20) not in days  # 调休: working Saturdays
	assert date(2026, 10, 10) not in days  # the days already there stay as they were


def test_only_the_supervisor_extends_and_bad_lines_are_refused(ending):
	with as_user(make_user([R.CUSTOMER_SERVICE])), pytest.raises(frappe.PermissionError):
		extend_holiday_list(ending.holiday_list, "2027-12-31")
	with as_user(make_user([R.OPERATIONS_SUPERVISOR])):
		with pytest.raises(frappe.ValidationError, match="Line 1"):
			extend_holiday_list(ending.holiday_list, "2027-12-31", holidays="元旦")
		with pytest.raises(frappe.ValidationError, match="ends before it starts"):
			extend_holiday_list(ending.holiday_list, "2027-12-31", holidays="2027-01-03, 2027-01-01, 元旦")
		with pytest.raises(frappe.ValidationError, match="already runs"):
			extend_holiday_list(ending.holiday_list, "2026-06-30")


def test_a_calendar_that_has_run_out_is_logged_not_skipped_silently(ending):
	frappe.cache.delete_keys("lvyue_job_failure::ops calendar")
	before = frappe.db.count("Error Log")
	open_duty_tasks(today=date(2026, 12, 20))  # January's duties fall past the list's end
	logged = frappe.get_all(
		"Error Log", filters={"method": ("like", "%ops calendar%")}, fields=["method"], limit=5
	)
	assert frappe.db.count("Error Log") > before
	assert any(ending.company in row.method for row in logged)
