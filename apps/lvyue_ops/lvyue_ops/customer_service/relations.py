"""Customer relations (客户关系维护, 运营部管理规定 第四章 第四条 3): before each public holiday of a
company's Holiday List, Customer Service gets the customers to greet; the next customer symposium
is planned before it is due."""

from datetime import date, timedelta

import frappe
from frappe import _
from frappe.utils import add_days, formatdate, getdate, nowdate

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.ops_calendar.ops_calendar import WorkingCalendar, companies_with_calendar
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import assign_step

# the days before it that a symposium due is planned (a month: hall, invitations, agenda)
SYMPOSIUM_NOTICE_DAYS = 30


def public_holidays(holiday_list: str) -> list[tuple[date, str]]:
	"""The public holidays of a Holiday List as (first day, name): its days that are not weekly
	offs, a holiday of several days counted once (consecutive days of one name, weekends between
	them included)."""
	rows = frappe.get_all(
		"Holiday",
		filters={"parent": holiday_list, "weekly_off": 0},
		fields=["holiday_date", "description"],
		order_by="holiday_date",
	)
	holidays, last = [], {}
	for row in rows:
		day, name = getdate(row.holiday_date), frappe.utils.strip_html(row.description or "").strip()
		if name in last and (day - last[name]).days <= 3:
			last[name] = day
			continue
		last[name] = day
		holidays.append((day, name))
	return holidays


def customers_to_greet(company: str) -> list[str]:
	"""The company's customers with a line in service."""
	return sorted(
		set(
			frappe.get_all(
				"Service Line",
				filters={"company": company, "status": ("in", ("Active", "Suspended"))},
				pluck="customer",
			)
		)
	)


def make_holiday_greetings(today=None) -> list[str]:
	"""Daily: from the set days before a public holiday, Customer Service gets its list of
	customers to greet (once per holiday), due the last working day before it."""
	today = getdate(today or nowdate())
	days = get_setting("greeting_days_before") or 0
	made = []

	def for_company(company):
		holiday_list = frappe.get_cached_value("Company", company, "default_holiday_list")
		for start, name in public_holidays(holiday_list):
			if not (add_days(start, -days) <= today < start):
				continue
			if frappe.db.exists("Holiday Greeting", {"company": company, "holiday_date": start}):
				continue
			customers = customers_to_greet(company)
			if not customers:
				continue
			greet_by = WorkingCalendar(company, holiday_list).previous_working_day(start - timedelta(days=1))
			greeting = frappe.get_doc(
				{
					"doctype": "Holiday Greeting",
					"company": company,
					"holiday": name,
					"holiday_date": start,
					"greet_by": greet_by,
					"customers": [{"customer": c} for c in customers],
				}
			).insert(ignore_permissions=True)
			assign_step(
				"holiday_greeting.record",
				greeting.doctype,
				greeting.name,
				lambda greeting=greeting: _("{0}: greet {1} customers by {2}").format(
					greeting.holiday, len(greeting.customers), formatdate(greeting.greet_by)
				),
				"Medium",
				company,
				date=greet_by,
			)
			made.append(greeting.name)

	each(companies_with_calendar(), for_company, "holiday greetings")
	return made


def remind_next_symposium(today=None) -> list[str]:
	"""Daily: a month before the next customer symposium is due (every six months or a year,
	第四条 4-3), Customer Service is asked to plan it, unless one has been held since."""
	today = getdate(today or nowdate())
	due = []
	for company in frappe.get_all("Company", pluck="name"):
		last = frappe.get_all(
			"Customer Symposium",
			filters={"company": company, "docstatus": ("<", 2)},
			fields=["name", "symposium_date", "next_symposium"],
			order_by="symposium_date desc",
			limit=1,
		)
		if (
			last
			and last[0].next_symposium
			and getdate(last[0].next_symposium) <= add_days(today, SYMPOSIUM_NOTICE_DAYS)
		):
			due.append((company, last[0]))

	def remind(item):
		company, symposium = item
		assign_step(
			"customer_symposium.hold",
			"Customer Symposium",
			symposium.name,
			lambda: _("The next customer symposium is due by {0}: please plan it.").format(
				formatdate(symposium.next_symposium)
			),
			"Medium",
			company,
			date=symposium.next_symposium,
		)

	return [symposium.name for _company, symposium in each(due, remind, "symposium reminders")]
