"""Chinese public holidays and 调休 working weekends as ERPNext Holiday Lists.

Working days everywhere in lvyue_ops come from the company's Holiday List; this module only helps
to *fill* such a list: weekends are off, public holidays are off, and the weekends the State
Council declares as working days (调休) are left out of the list, so they count as working days.
"""

from datetime import date, timedelta

import frappe
from frappe import _

# 国务院办公厅关于2026年部分节假日安排的通知: (first day, last day, name), and 调休 working weekends.
CN_PUBLIC_HOLIDAYS = {
	2026: {
		"holidays": [
			(date(2026, 1, 1), date(2026, 1, 3), "元旦"),
			(date(2026, 2, 15), date(2026, 2, 23), "春节"),
			(date(2026, 4, 4), date(2026, 4, 6), "清明节"),
			(date(2026, 5, 1), date(2026, 5, 5), "劳动节"),
			(date(2026, 6, 19), date(2026, 6, 21), "端午节"),
			(date(2026, 9, 25), date(2026, 9, 27), "中秋节"),
			(date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
		],
		"working_weekends": [
			date(2026, 1, 4),
			date(2026, 2, 14),
			date(2026, 2, 28),
			date(2026, 5, 9),
			date(2026, 9, 20),
			date(2026, 10, 10),
		],
	},
}

WEEKEND = (5, 6)  # Saturday, Sunday


def daterange(start: date, end: date):
	day = start
	while day <= end:
		yield day
		day += timedelta(days=1)


def off_days(
	from_date: date,
	to_date: date,
	holidays: list[tuple[date, date, str]] = (),
	working_weekends: list[date] = (),
) -> dict[date, tuple[str, bool]]:
	"""Every day off between the two dates: {day: (description, is_weekly_off)}."""
	working = set(working_weekends)
	days: dict[date, tuple[str, bool]] = {}
	for day in daterange(from_date, to_date):
		if day.weekday() in WEEKEND and day not in working:
			days[day] = (_("Weekend"), True)
	for start, end, name in holidays:
		for day in daterange(max(start, from_date), min(end, to_date)):
			days[day] = (name, False)
	for day in working:
		if day in days and days[day][1]:
			del days[day]
	return dict(sorted(days.items()))


def make_holiday_list(
	name: str,
	from_date: date,
	to_date: date,
	holidays: list[tuple[date, date, str]] = (),
	working_weekends: list[date] = (),
):
	"""Create (or return the existing) Holiday List with weekends, holidays and 调休 days."""
	if frappe.db.exists("Holiday List", name):
		return frappe.get_doc("Holiday List", name)
	doc = frappe.new_doc("Holiday List")
	doc.holiday_list_name = name
	doc.from_date = from_date
	doc.to_date = to_date
	for day, (description, weekly_off) in off_days(from_date, to_date, holidays, working_weekends).items():
		doc.append("holidays", {"holiday_date": day, "description": description, "weekly_off": weekly_off})
	doc.insert(ignore_permissions=True)
	return doc


def make_cn_holiday_list(name: str, year: int):
	"""A Holiday List for one calendar year with the published Chinese schedule."""
	if year not in CN_PUBLIC_HOLIDAYS:
		frappe.throw(_("The Chinese holiday schedule for {0} is not known yet.").format(year))
	schedule = CN_PUBLIC_HOLIDAYS[year]
	return make_holiday_list(
		name,
		date(year, 1, 1),
		date(year, 12, 31),
		schedule["holidays"],
		schedule["working_weekends"],
	)
