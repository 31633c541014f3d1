"""The ops calendar: monthly duties (Ops Duty), their due dates on the company's Holiday List,
and the tasks that track them.

`due_date` is the one place a duty's date is computed; every scheduler job and every due date in
lvyue_ops that follows the rules' calendar goes through it.
"""

import calendar
import re
from datetime import date, datetime, time, timedelta
from functools import cached_property

import frappe
from frappe import _
from frappe.utils import add_days, add_months, get_datetime, get_first_day, getdate, now_datetime

from lvyue_ops.utils.jobs import each, log_failure
from lvyue_ops.utils.notify import alert, assign, close_assignments, users_with_role

POSTPONE = "Postpone to Next Working Day"
BRING_FORWARD = "Bring Forward to Previous Working Day"
QUARTER_MONTHS = (1, 4, 7, 10)
END_OF_DAY = time(23, 59, 59)
DUTY_DOCUMENTS_CACHE = "lvyue_duty_completions"


class WorkingCalendar:
	"""Working days of a company: every day not in its Holiday List (so 调休 working weekends,
	left out of the list, are working days)."""

	def __init__(self, company: str, holiday_list: str | None = None):
		self.company = company
		self.holiday_list = holiday_list or frappe.get_cached_value(
			"Company", company, "default_holiday_list"
		)
		if not self.holiday_list:
			frappe.throw(
				_("Please set a default Holiday List on company {0}: the ops calendar follows it.").format(
					company
				)
			)
		self.from_date, self.to_date = (
			getdate(d)
			for d in frappe.db.get_value("Holiday List", self.holiday_list, ["from_date", "to_date"])
		)

	@cached_property
	def holidays(self) -> set[date]:
		return {
			getdate(d)
			for d in frappe.get_all("Holiday", filters={"parent": self.holiday_list}, pluck="holiday_date")
		}

	def check_covered(self, day: date):
		if not self.from_date <= day <= self.to_date:
			frappe.throw(
				_("Holiday List {0} runs from {1} to {2} and does not cover {3}. Please extend it.").format(
					self.holiday_list, self.from_date, self.to_date, day
				)
			)

	def is_working_day(self, day: date) -> bool:
		self.check_covered(day)
		return day not in self.holidays

	def next_working_day(self, day: date) -> date:
		while not self.is_working_day(day):
			day += timedelta(days=1)
		return day

	def previous_working_day(self, day: date) -> date:
		while not self.is_working_day(day):
			day -= timedelta(days=1)
		return day

	def nth_working_day(self, year: int, month: int, n: int) -> date:
		day, count = date(year, month, 1), 0
		while True:
			if self.is_working_day(day):
				count += 1
				if count == n:
					return day
			day += timedelta(days=1)

	def add_working_days(self, start: datetime, days: int) -> datetime:
		"""`days` working days after `start`, at the same time of day."""
		day = getdate(start)
		while days > 0:
			day += timedelta(days=1)
			if self.is_working_day(day):
				days -= 1
		return datetime.combine(day, get_datetime(start).time())


def falls_in(duty, month: int) -> bool:
	return duty.frequency != "Quarterly" or month in QUARTER_MONTHS


def due_date(
	duty, year: int, month: int, company: str, working: WorkingCalendar | None = None
) -> datetime | None:
	"""When `duty` is due in the given month for the company, or None when it has no date that
	month (a quarterly duty outside the month after a quarter)."""
	if isinstance(duty, str):
		duty = frappe.get_cached_doc("Ops Duty", duty)
	if not falls_in(duty, month):
		return None
	working = working or WorkingCalendar(company)
	last = calendar.monthrange(year, month)[1]
	if duty.after_duty:
		base = due_date(duty.after_duty, year, month, company, working)
		if not base:
			return None
		day = base.date() + timedelta(days=duty.days_after or 0)
		day = (
			working.previous_working_day(day)
			if duty.holiday_rule == BRING_FORWARD
			else working.next_working_day(day)
		)
	elif duty.working_day:
		day = working.nth_working_day(year, month, duty.working_day)
	else:
		if duty.last_day_of_month:
			day = date(year, month, last)
		elif duty.day_of_month:
			day = date(year, month, min(duty.day_of_month, last))
		else:
			frappe.throw(
				_("Duty {0} needs a day of the month, the last day or an Nth working day.").format(
					_(duty.name)
				)
			)
		if duty.holiday_rule == BRING_FORWARD:
			day = working.previous_working_day(day)
		else:
			day = working.next_working_day(day)
	return datetime.combine(day, parse_time(duty.due_time) or END_OF_DAY)


def next_due_date(duty, company: str, day, working: WorkingCalendar | None = None) -> datetime | None:
	"""The first due date of `duty` on or after `day`: the month's own, or — once that day has passed
	(a request raised after the 23rd) or when the duty has no date that month — the next month's
	that has one, each on the company's calendar."""
	day = getdate(day)
	working = working or WorkingCalendar(company)
	month = get_first_day(day)
	for _month in range(13):
		due = due_date(duty, month.year, month.month, company, working)
		if due and due.date() >= day:
			return due
		month = getdate(add_months(month, 1))
	return None


def parse_time(text: str | None) -> time | None:
	match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text or "")
	if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
		return None
	return time(int(match.group(1)), int(match.group(2)))


# --- tasks -------------------------------------------------------------------------------------


def task_name(duty: str, company: str, period: date) -> str:
	return f"{duty}-{company}-{getdate(period).isoformat()}"


def companies_with_calendar() -> list[str]:
	return frappe.get_all("Company", filters={"default_holiday_list": ("is", "set")}, pluck="name")


def open_task(duty, company: str, period: date, working: WorkingCalendar | None = None) -> str | None:
	"""The duty's task of the month (`period`, its first day), opened with a ToDo for the duty's
	role if it is not there yet; None when the duty has no date that month."""
	if isinstance(duty, str):
		duty = frappe.get_cached_doc("Ops Duty", duty)
	period = get_first_day(period)
	name = task_name(duty.name, company, period)
	if frappe.db.exists("Ops Duty Task", name):
		return name
	due = due_date(duty, period.year, period.month, company, working)
	if not due:
		return None
	try:
		frappe.get_doc(
			{
				"doctype": "Ops Duty Task",
				"duty": duty.name,
				"company": company,
				"period": period,
				"due": due,
				"responsible_role": duty.responsible_role,
			}
		).insert(ignore_permissions=True)
	except frappe.DuplicateEntryError:
		return name  # another process opened it a moment ago (the name is the duty, company and month)
	assign(
		users_with_role(duty.responsible_role),
		"Ops Duty Task",
		name,
		lambda: _("Ops calendar: {0}").format(_(duty.name)),
		role=duty.responsible_role,
		date=getdate(due),
	)
	return name


def open_duty_tasks(today: date | None = None) -> list[str]:
	"""Daily: open a task for every duty whose due date is near (this month and the next). A
	calendar that does not reach a date is not skipped silently: it is logged and the Holiday
	List check (check_holiday_lists) warns about it beforehand."""
	today = getdate(today or now_datetime())
	opened = []
	duties = [
		frappe.get_cached_doc("Ops Duty", d)
		for d in frappe.get_all("Ops Duty", filters={"enabled": 1}, pluck="name")
	]

	def open_for(company):
		working = WorkingCalendar(company)
		for duty in duties:
			for period in (get_first_day(today), get_first_day(add_days(get_first_day(today), 32))):
				if period > getdate(working.to_date):
					log_failure("ops calendar", f"{company}: {working.holiday_list} ends {working.to_date}")
					continue
				due = due_date(duty, period.year, period.month, company, working)
				if not due or getdate(due) - timedelta(days=duty.opens_days_before or 0) > today:
					continue
				if not frappe.db.exists("Ops Duty Task", task_name(duty.name, company, period)):
					opened.append(open_task(duty, company, period, working))

	each(companies_with_calendar(), open_for, "ops calendar")
	return opened


def flag_overdue_tasks(now: datetime | None = None) -> list[str]:
	"""Hourly: open tasks past their due time are flagged overdue (once) and their role told."""
	now = now or now_datetime()
	flagged = frappe.get_all(
		"Ops Duty Task",
		filters={"status": "Open", "overdue": 0, "due": ("<", now)},
		fields=["name", "duty", "responsible_role"],
	)

	def flag(task):
		frappe.db.set_value("Ops Duty Task", task.name, "overdue", 1)
		alert(
			users_with_role(task.responsible_role),
			lambda: _("Overdue: {0}").format(_(task.duty)),
			"Ops Duty Task",
			task.name,
		)

	return [t.name for t in each(flagged, flag, "overdue duties")]


def complete_task(task: str, reference=None, when: datetime | None = None, note: str | None = None) -> bool:
	"""Mark the task done (on time when by its due time) and close its ToDos; False when it was
	done already."""
	when = when or now_datetime()
	row = frappe.db.get_value("Ops Duty Task", task, ["status", "due"], as_dict=True, for_update=True)
	if not row or row.status != "Open":
		return False
	frappe.db.set_value(
		"Ops Duty Task",
		task,
		{
			"status": "Completed",
			"completed_on": when,
			"completed_by": frappe.session.user,
			"on_time": int(get_datetime(when) <= get_datetime(row.due)),
			"reference_doctype": reference.doctype if reference else None,
			"reference_name": reference.name if reference else None,
			"done_note": note,
		},
	)
	close_assignments("Ops Duty Task", task)
	return True


def duty_documents() -> list[dict]:
	"""The duties a document completes; read on every save of every document (doc_events "*"),
	so from Redis, kept per request by frappe's cache."""
	return frappe.cache.get_value(
		DUTY_DOCUMENTS_CACHE,
		lambda: frappe.get_all(
			"Ops Duty",
			filters={"enabled": 1, "document_type": ("is", "set")},
			fields=["name", "document_type", "completion_status", "date_field", "document_condition"],
		),
	)


def on_document_produced(doc, method=None):
	"""doc_events["*"] on_update / on_submit: a document a duty names completes the duty's task of
	its own month when the event happens — its submission, or its status becoming the duty's
	completing status. Never a draft. Costs nothing for a document no duty names."""
	if frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_import or frappe.flags.in_patch:
		return
	duties = [d for d in duty_documents() if d["document_type"] == doc.doctype]
	if not duties:
		return
	before = doc.get_doc_before_save()
	happened = []
	for duty in duties:
		if duty["completion_status"]:
			if doc.get("status") != duty["completion_status"] or (
				before and before.get("status") == doc.get("status")
			):
				continue
		elif method != "on_submit":
			continue
		if duty["document_condition"] and not frappe.safe_eval(
			duty["document_condition"], None, {"doc": doc}
		):
			continue
		happened.append(duty)
	if happened:
		complete_duties_of(doc, happened)


def complete_duties_of(doc, duties: list[dict] | None = None, when: datetime | None = None) -> list[str]:
	"""Complete the tasks of `duties` (by default every duty naming the document's type) for the
	month of the document's date: the duty whose due date is that very date if there is one (the
	25th's tariff audit, not the month end's), else each duty's task of that month."""
	duties = duties or [d for d in duty_documents() if d["document_type"] == doc.doctype]
	company = doc.get("company") or frappe.defaults.get_user_default("Company")
	if not duties or not company:
		return []
	working = WorkingCalendar(company)
	dated = []
	for duty in duties:
		day = getdate(doc.get(duty["date_field"]) if duty["date_field"] else None) or getdate()
		due = due_date(duty["name"], day.year, day.month, company, working)
		dated.append((duty, day, bool(due and getdate(due) == day)))
	exact = [(duty, day) for duty, day, same_day in dated if same_day]
	completed = []
	for duty, day in exact or [(duty, day) for duty, day, _same in dated]:
		task = open_task(duty["name"], company, day, working)
		if task and complete_task(task, doc, when):
			completed.append(task)
	return completed


@frappe.whitelist()
def duty_calendar(start, end, filters=None) -> list[dict]:
	"""The duties' tasks on a calendar (Ops Duty Task's calendar view, ops_duty_task_calendar.js):
	each on its due day, named in the reader's language with its state."""
	filters = frappe.parse_json(filters) or []
	tasks = frappe.get_list(
		"Ops Duty Task",
		fields=["name", "duty", "company", "due", "status", "overdue", "on_time"],
		filters=[*filters, ["due", "between", [start, end]]],
		order_by="due asc",
	)
	for task in tasks:
		state = _("Overdue") if task.overdue and task.status == "Open" else _(task.status)
		task.update(title=f"{_(task.duty)}（{state}）", all_day=1)
	return tasks
