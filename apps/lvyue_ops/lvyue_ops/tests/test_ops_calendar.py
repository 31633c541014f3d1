"""Every duty of the ops calendar on a plain day, on a holiday, across multi-day holidays (春节,
国庆), next to a 调休 working weekend, and at month ends of 28/29/30/31 days.

The test company's Holiday List (tests/factories.py) has 元旦, 春节 (Feb 15-23), 劳动节 and 国庆
(Oct 1-7) of 2026, every weekend, and leaves out the 调休 working weekends (Jan 4, Feb 14, Feb 28,
May 9, Sep 20, Oct 10)."""

from datetime import date, datetime, time

import frappe
import pytest

from lvyue_ops.ops_calendar.ops_calendar import WorkingCalendar, due_date
from lvyue_ops.utils.holiday_calendar import make_holiday_list


def due(duty, year, month, company):
	value = due_date(duty, year, month, company)
	return value and value.date()


CASES = [
	# duty, year, month, expected, why
	("Customer Bills", 2026, 11, date(2026, 11, 5), "plain Thursday"),
	("Customer Bills", 2026, 10, date(2026, 10, 8), "国庆: postponed past the holiday"),
	("Customer Bills", 2026, 9, date(2026, 9, 7), "Saturday: postponed to Monday"),
	("Customer Bills", 2026, 4, date(2026, 4, 6), "Sunday: postponed to Monday"),
	("Salesperson Revenue Reconciliation", 2026, 10, date(2026, 10, 8), "国庆"),
	("Receivables Reconciliation", 2026, 10, date(2026, 10, 10), "调休: the working Saturday stays"),
	("Receivables Reconciliation", 2026, 1, date(2026, 1, 12), "Saturday: postponed to Monday"),
	("Service Review", 2026, 10, date(2026, 10, 10), "调休: the working Saturday stays"),
	("Service Review", 2026, 1, date(2026, 1, 12), "Saturday: postponed to Monday"),
	("Service Review", 2026, 11, None, "quarterly: not the month after a quarter"),
	("Salesperson Revenue to HR", 2026, 2, date(2026, 2, 13), "plain Friday before 春节"),
	("Salesperson Revenue to HR", 2026, 6, date(2026, 6, 15), "Saturday: postponed"),
	("Partner Collection Rate to HR", 2026, 12, date(2026, 12, 14), "Sunday: postponed"),
	("Payment Due", 2026, 11, date(2026, 11, 20), "plain Friday"),
	("Payment Due", 2026, 2, date(2026, 2, 14), "春节: brought forward to the 调休 Saturday"),
	("Payment Due", 2026, 9, date(2026, 9, 20), "调休: a working Sunday stays"),
	("Payment Due", 2026, 12, date(2026, 12, 18), "Sunday: brought forward to Friday"),
	("Latest Payment", 2026, 10, date(2026, 10, 23), "Sunday: brought forward"),
	("Latest Payment", 2026, 2, date(2026, 2, 25), "plain Wednesday after 春节"),
	("Write-off and Payment Voucher", 2026, 5, date(2026, 5, 22), "Saturday: brought forward"),
	(
		"Write-off and Payment Voucher",
		2026,
		2,
		date(2026, 2, 14),
		"春节 Feb 15-23: brought forward to the 调休 Saturday",
	),
	("400-Number Partner Write-off", 2026, 11, date(2026, 11, 23), "plain Monday"),
	("VAT Invoice Applications", 2026, 4, date(2026, 4, 24), "Saturday: brought forward"),
	("VAT Invoice Applications", 2026, 12, date(2026, 12, 25), "plain Friday"),
	("Suspension Requests to Carriers", 2026, 1, date(2026, 1, 23), "Saturday: brought forward"),
	("Suspension Requests to Carriers", 2026, 3, date(2026, 3, 24), "plain Tuesday"),
	("Tariff Audit (25th)", 2026, 10, date(2026, 10, 23), "Sunday: brought forward"),
	("Tariff Audit (Month End)", 2026, 1, date(2026, 1, 30), "31-day month ending on Saturday"),
	("Tariff Audit (Month End)", 2026, 2, date(2026, 2, 28), "28-day month ending on a 调休 Saturday"),
	("Tariff Audit (Month End)", 2026, 4, date(2026, 4, 30), "30-day month ending on Thursday"),
	("Tariff Audit (Month End)", 2027, 2, date(2027, 2, 26), "28-day month ending on Sunday"),
	("Tariff Audit (Month End)", 2026, 5, date(2026, 5, 29), "31-day month ending on Sunday"),
	(
		"Operations Statistics",
		2026,
		10,
		date(2026, 10, 13),
		"5th working day after 国庆, counting the 调休 Saturday",
	),
	("Operations Statistics", 2026, 3, date(2026, 3, 6), "5th working day, plain"),
	("Operations Statistics", 2026, 1, date(2026, 1, 8), "after 元旦, counting the 调休 Sunday Jan 4"),
	("Quarterly Bonus Data", 2026, 1, date(2026, 1, 12), "a week after Q4's bills (Mon Jan 5)"),
	(
		"Quarterly Bonus Data",
		2026,
		10,
		date(2026, 10, 15),
		"a week after Q3's bills, postponed past 国庆 to Oct 8",
	),
	(
		"Quarterly Bonus Data",
		2026,
		7,
		date(2026, 7, 13),
		"a week after the bills of Mon Jul 6 (Jul 5 a Sunday)",
	),
	("Quarterly Bonus Data", 2026, 2, None, "not a month after a quarter"),
]


# every duty in the two months of multi-day holidays (春节 in February, 国庆 in October)
HOLIDAY_MONTHS = [
	("Customer Bills", 2026, 2, date(2026, 2, 5), "before 春节"),
	("Salesperson Revenue Reconciliation", 2026, 2, date(2026, 2, 5), "before 春节"),
	("Receivables Reconciliation", 2026, 2, date(2026, 2, 10), "plain Tuesday before 春节"),
	("Salesperson Revenue to HR", 2026, 10, date(2026, 10, 13), "after 国庆"),
	("Partner Collection Rate to HR", 2026, 2, date(2026, 2, 13), "before 春节"),
	("Partner Collection Rate to HR", 2026, 10, date(2026, 10, 13), "after 国庆"),
	("Payment Due", 2026, 10, date(2026, 10, 20), "after 国庆"),
	("Write-off and Payment Voucher", 2026, 10, date(2026, 10, 23), "plain Friday"),
	(
		"400-Number Partner Write-off",
		2026,
		2,
		date(2026, 2, 14),
		"春节: brought forward to the 调休 Saturday",
	),
	("VAT Invoice Applications", 2026, 2, date(2026, 2, 25), "after 春节"),
	("VAT Invoice Applications", 2026, 10, date(2026, 10, 23), "Sunday: brought forward"),
	("Suspension Requests to Carriers", 2026, 2, date(2026, 2, 24), "the first day after 春节"),
	("Suspension Requests to Carriers", 2026, 10, date(2026, 10, 23), "Saturday: brought forward"),
	("Tariff Audit (25th)", 2026, 2, date(2026, 2, 25), "after 春节"),
	("Tariff Audit (Month End)", 2026, 10, date(2026, 10, 30), "31-day month ending on Saturday"),
	("Operations Statistics", 2026, 2, date(2026, 2, 6), "first week, before 春节"),
	("Overdue Review", 2026, 10, date(2026, 10, 30), "month end on a Saturday: brought forward"),
	("Overdue Review", 2026, 2, date(2026, 2, 28), "month end on the 调休 Saturday: a working day"),
	("Overdue Review", 2026, 5, date(2026, 5, 29), "month end on a Sunday: brought forward"),
]
CASES += HOLIDAY_MONTHS


@pytest.mark.parametrize("duty,year,month,expected,why", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_duty_due_dates(base, duty, year, month, expected, why):
	assert due(duty, year, month, base.company) == expected, why


def test_every_seeded_duty_has_cases():
	tested = {c[0] for c in CASES}
	assert set(frappe.get_all("Ops Duty", pluck="name")) <= tested


def test_time_of_day(base):
	assert due_date("Tariff Audit (25th)", 2026, 11, base.company) == datetime(2026, 11, 25, 12, 0)
	assert due_date("Payment Due", 2026, 11, base.company).time() == time(23, 59, 59)


def make_duty(**fields):
	return frappe.get_doc(
		{
			"doctype": "Ops Duty",
			"duty_name": f"Test duty {frappe.generate_hash(length=6)}",
			"responsible_role": "Accounts User",
			**fields,
		}
	).insert()


def test_day_31_in_a_30_day_month_is_its_last_day(base):
	duty = make_duty(day_of_month=31, holiday_rule="Postpone to Next Working Day")
	assert due(duty.name, 2026, 4, base.company) == date(2026, 4, 30)
	assert due(duty.name, 2026, 12, base.company) == date(2026, 12, 31)


def test_postponed_onto_a_tiaoxiu_saturday(base):
	# Feb 28 2026 is a Saturday, but a 调休 working day: a duty on the 28th stays there
	duty = make_duty(day_of_month=28, holiday_rule="Postpone to Next Working Day")
	assert due(duty.name, 2026, 2, base.company) == date(2026, 2, 28)
	# across the whole 春节 holiday: from the 15th to Tuesday the 24th
	duty = make_duty(day_of_month=15, holiday_rule="Postpone to Next Working Day")
	assert due(duty.name, 2026, 2, base.company) == date(2026, 2, 24)


def test_leap_february(base):
	holiday_list = make_holiday_list(
		f"LV 2028 {frappe.generate_hash(length=4)}", date(2028, 1, 1), date(2028, 12, 31)
	)
	working = WorkingCalendar(base.company, holiday_list.name)
	from lvyue_ops.ops_calendar.ops_calendar import due_date as compute

	assert compute("Tariff Audit (Month End)", 2028, 2, base.company, working).date() == date(2028, 2, 29)
	assert compute("Payment Due", 2028, 2, base.company, working).date() == date(2028, 2, 18)  # Sunday 20th


def test_a_company_without_holiday_list_is_refused_clearly(base):
	frappe.db.set_value("Company", base.company, "default_holiday_list", None)
	frappe.clear_document_cache("Company", base.company)
	with pytest.raises(frappe.ValidationError, match="Holiday List"):
		due_date("Payment Due", 2026, 11, base.company)


def test_a_date_outside_the_holiday_list_is_refused_clearly(base):
	with pytest.raises(frappe.ValidationError, match="does not cover"):
		due_date("Payment Due", 2030, 1, base.company)


@pytest.mark.parametrize(
	"fields,message",
	[
		({}, "day of the month"),
		({"day_of_month": 32}, "between 1 and 31"),
		({"working_day": 40}, "between 1 and 20"),
		({"day_of_month": 5, "due_time": "25:00"}, "12:00"),
	],
)
def test_bad_duties_are_refused(fields, message):
	with pytest.raises(frappe.ValidationError, match=message):
		make_duty(**fields)


def test_every_duty_every_month_lands_on_a_working_day_by_its_rule(base):
	"""For each duty and each month of 2026: the date is a working day of the Holiday List, and
	every day between the nominal day and the due date is a day off."""
	import calendar as cal

	from lvyue_ops.ops_calendar.ops_calendar import BRING_FORWARD

	working = WorkingCalendar(base.company)
	for duty in frappe.get_all("Ops Duty", filters={"enabled": 1}, pluck="name"):
		doc = frappe.get_doc("Ops Duty", duty)
		for month in range(1, 13):
			value = due_date(doc, 2026, month, base.company, working)
			if value is None:
				assert doc.frequency == "Quarterly" and month not in (1, 4, 7, 10)
				continue
			day = value.date()
			assert working.is_working_day(day), (duty, month, day)
			if doc.working_day or doc.after_duty:
				continue
			last = cal.monthrange(2026, month)[1]
			nominal = date(2026, month, last if doc.last_day_of_month else min(doc.day_of_month, last))
			if doc.holiday_rule == BRING_FORWARD:  # the days after the due date up to the nominal day are off
				skipped = range(day.toordinal() + 1, nominal.toordinal() + 1)
				assert day <= nominal
			else:  # the days from the nominal day up to the due date are off
				skipped = range(nominal.toordinal(), day.toordinal())
				assert day >= nominal
			assert all(not working.is_working_day(date.fromordinal(o)) for o in skipped), (duty, month, day)


def test_a_document_no_duty_names_costs_no_query():
	"""doc_events["*"] runs on every save of every document of the site (issue 14): for a DocType no
	duty names it reads the duties from the cache and asks the database nothing."""
	from lvyue_ops.benchmarks.measure import session_queries
	from lvyue_ops.ops_calendar.ops_calendar import duty_documents, on_document_produced

	note = frappe.get_doc({"doctype": "Note", "title": "x"})
	duty_documents()  # the cache is warm, as after the first save of any request
	before = session_queries()
	on_document_produced(note, "on_update")
	on_document_produced(note, "on_submit")
	assert session_queries() - before == 1  # the counter's own query
