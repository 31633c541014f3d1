"""The companies' Holiday Lists do not run out silently: 60 days before a list ends, the Operations
Supervisor and the System Manager get a ToDo to extend it; extending fills the weekends and keeps
the 调休 working weekends out of the list."""

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_days, formatdate, getdate, now_datetime

from lvyue_ops.utils.holiday_calendar import CN_PUBLIC_HOLIDAYS, off_days
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import assign, step_users, users_with_role

WARN_DAYS = 60


def check_holiday_lists(today=None) -> list[str]:
	"""Daily: Holiday Lists of companies that end within 60 days."""
	today = getdate(today or now_datetime())
	companies = frappe.get_all(
		"Company", filters={"default_holiday_list": ("is", "set")}, fields=["name", "default_holiday_list"]
	)
	ends = dict(
		frappe.get_all(
			"Holiday List",
			filters={"name": ("in", [c.default_holiday_list for c in companies] or [""])},
			fields=["name", "to_date"],
			as_list=True,
		)
	)
	ending = [
		c
		for c in companies
		if ends.get(c.default_holiday_list)
		and (getdate(ends[c.default_holiday_list]) - today).days <= WARN_DAYS
	]

	def warn(company):
		to_date = ends[company.default_holiday_list]
		users = step_users("holiday_list.extend", company.name) + users_with_role("System Manager")
		assign(
			users,
			"Holiday List",
			company.default_holiday_list,
			lambda: _(
				"Holiday List {0} of {1} ends on {2}: please extend it with next year's holidays and 调休 days."
			).format(company.default_holiday_list, company.name, formatdate(to_date)),
			"High",
			date=add_days(to_date, -30),
		)

	return [c.default_holiday_list for c in each(ending, warn, "holiday lists")]


def parse_holidays(text: str) -> list[tuple[date, date, str]]:
	"""Lines of "first day, last day, name" (e.g. 2027-01-01, 2027-01-03, 元旦)."""
	holidays = []
	for n, line in enumerate((text or "").splitlines(), start=1):
		if not line.strip():
			continue
		parts = [p.strip() for p in line.replace("，", ",").split(",")]
		try:
			first, last = getdate(parts[0]), getdate(parts[1] if len(parts) > 1 and parts[1] else parts[0])
		except Exception:
			frappe.throw(
				_("Line {0}: please give the first day, the last day and the name of the holiday.").format(n)
			)
		if last < first:
			frappe.throw(_("Line {0}: the holiday ends before it starts.").format(n))
		holidays.append((first, last, parts[2] if len(parts) > 2 and parts[2] else _("Holiday")))
	return holidays


def parse_days(text: str) -> list[date]:
	days = []
	for item in (text or "").replace("，", ",").replace("\n", ",").split(","):
		if item.strip():
			try:
				days.append(getdate(item.strip()))
			except Exception:
				frappe.throw(_("{0} is not a date.").format(item.strip()))
	return days


@frappe.whitelist(methods=["POST"])
def extend_holiday_list(
	holiday_list: str, to_date: str, holidays: str | None = None, working_weekends: str | None = None
):
	"""Extend the list to `to_date`: the weekends of the new days, the public holidays given (or,
	when none are given, the State Council's schedule the app knows for that year), and the 调休
	working weekends left out. Days already in the list stay as they are."""
	doc = frappe.get_doc("Holiday List", holiday_list, for_update=True)
	doc.check_permission("write")
	start, end = add_days(getdate(doc.to_date), 1), getdate(to_date)
	if end < start:
		frappe.throw(_("{0} already runs to {1}.").format(holiday_list, doc.to_date))
	given, working = parse_holidays(holidays), parse_days(working_weekends)
	if not given and not working:
		for year in range(start.year, end.year + 1):
			schedule = CN_PUBLIC_HOLIDAYS.get(year)
			if schedule:
				given += schedule["holidays"]
				working += schedule["working_weekends"]
	existing = {getdate(h.holiday_date) for h in doc.holidays}
	for day, (description, weekly_off) in off_days(start, end, given, working).items():
		if day not in existing:
			doc.append(
				"holidays", {"holiday_date": day, "description": description, "weekly_off": weekly_off}
			)
	doc.to_date = end
	doc.save()
	return {"to_date": str(end), "days_off": len(doc.holidays)}
