"""Pulling the call records of each company's VOS server through its API, a day at a time.

The daily job pulls every day from the server's first day to yesterday that has not been pulled
whole (a failed or missed day is pulled again by the next run); each day's pull is a `VOS Pull
Day` record (CDRs, fee, status, error). A month's usage is complete only when every day of it is
pulled. The Business Assistant pulls a range by hand from the VOS Server form."""

from datetime import date, datetime, timedelta
from operator import itemgetter

import frappe
from frappe import _
from frappe.utils import (
	add_days,
	add_months,
	escape_html,
	get_first_day,
	get_last_day,
	getdate,
	now_datetime,
	today,
)

from lvyue_ops.utils import local_files
from lvyue_ops.utils.jobs import each
from lvyue_ops.vos import call_records
from lvyue_ops.vos.cdrs import API_KEYS, TEXTS, CdrReader, from_api
from lvyue_ops.vos.client import VosClient, VosError

ACCOUNTS_PER_CALL = 100
MAX_ERRORS_KEPT = 5


def pull_all() -> None:
	"""The daily job: every enabled server, the days it is missing up to yesterday."""
	local_files.allow()  # the call records are stored as files (before the job's first write)
	servers = frappe.get_all("VOS Server", filters={"enabled": 1}, pluck="name")
	each(servers, pull_missing, "vos_pull")


def drop_old_call_records() -> None:
	"""The daily job: call records of the months before the retention (a setting, in months) are
	deleted, a month at a time in short transactions (the month being imported is never locked)."""
	from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting

	months = int(get_setting("cdr_retention_months") or 0)
	if months <= 0:
		return
	keep_from = getdate(get_first_day(add_months(today(), -months)))
	for month in call_records.months_before(keep_from):
		call_records.drop_month(month)


def pull_missing(server: str, until: date | None = None) -> list[str]:
	doc = frappe.get_doc("VOS Server", server)
	until = getdate(until or add_days(today(), -1))
	pulled = set(
		frappe.get_all(
			"VOS Pull Day",
			filters={"vos_server": server, "status": "Pulled", "pull_date": (">=", doc.pull_from)},
			pluck="pull_date",
		)
	)
	days = []
	day = getdate(doc.pull_from)
	while day <= until:
		if day not in pulled:
			days.append(day)
		day += timedelta(days=1)
	return [pull_day(doc, day) for day in days]


def pull_range(server: str, from_date, to_date) -> list[str]:
	"""Pull every day of a range again (the Business Assistant's button, as a job)."""
	local_files.allow()
	doc = frappe.get_doc("VOS Server", server)
	day, last = getdate(from_date), getdate(to_date)
	names = []
	while day <= last:
		names.append(pull_day(doc, day))
		day += timedelta(days=1)
	return names


def pull_day(server, day: date) -> str:
	"""Pull one day and record it, committed on its own: a failure leaves the day Failed (its
	CDRs stored so far are kept: a pull again skips them) and the next day goes on."""
	record = day_record(server.name, day)
	first = datetime.combine(day, datetime.min.time())
	end = first + timedelta(days=1)
	reader = CdrReader(server.company, server.name, f"VOS Pull Day {record.name}")
	client = VosClient(server.base_url, timeout=server.timeout or 30, retries=server.retries or 3)
	bad, errors = 0, []
	try:
		accounts = server.account_list()
		for start in range(0, len(accounts), ACCOUNTS_PER_CALL):
			for cdrs in client.cdrs(accounts[start : start + ACCOUNTS_PER_CALL], first, end):
				cdrs = [cdr for cdr in cdrs if isinstance(cdr, dict)]
				columns = reader.columns(api_columns(cdrs), len(cdrs)) if cdrs else None
				if columns:
					reader.send_columns(columns, len(cdrs))
					continue
				raws = [from_api(cdr) for cdr in cdrs]
				reader.learn_raws(raws)
				rows = []
				for raw in raws:
					row, row_errors = reader.row(raw)
					if row:
						rows.append(row)
					else:
						bad += 1
						if len(errors) < MAX_ERRORS_KEPT:
							errors.append(
								_("CDR {0}: {1}").format(
									escape_html(str(raw.get("flow_no") or "-"))[:60],
									"; ".join(message for _f, message in row_errors),
								)
							)
				reader.send_rows(rows)
		if bad:
			errors.insert(0, _("{0} CDRs of the day could not be read.").format(bad))
	except VosError as e:  # what was stored of the day is kept
		errors.insert(0, str(e))
	except BaseException:
		reader.writer.abandon()
		raise
	new, _before, _fee, _unknown, _months = reader.totals()
	cdrs, fee = reader.sent()
	record.update(
		{
			"status": "Failed" if errors else "Pulled",
			"cdrs": cdrs,
			"new_cdrs": new,
			"fee_total": fee,
			"requests": client.requests,
			"attempts": (record.attempts or 0) + 1,
			"error": "\n".join(errors) or None,
			"pulled_at": now_datetime(),
		}
	)
	record.save(ignore_permissions=True)
	server.db_set("last_pull", now_datetime(), update_modified=False)
	if new:
		from lvyue_ops.vos.usage import remake_later

		remake_later(server.company, [day])
	if not frappe.flags.in_test:  # each day on its own (a test keeps its transaction to roll back)
		frappe.db.commit()
	return record.name


def api_columns(cdrs: list[dict]) -> dict[str, list] | None:
	"""An API answer's CDRs by field, numbers as texts (None where some CDR lacks a key or has a
	null number: its rows are then checked one by one, which names what is wrong)."""
	columns = {}
	for field, key in API_KEYS.items():
		try:
			values = list(map(itemgetter(key), cdrs))
		except KeyError:
			return None
		if field not in TEXTS:
			if None in values:
				return None
			values = list(map(str, values))
		columns[field] = values
	return columns


def day_record(server: str, day: date):
	name = frappe.db.get_value("VOS Pull Day", {"vos_server": server, "pull_date": day})
	if name:
		return frappe.get_doc("VOS Pull Day", name)
	return frappe.get_doc(
		{"doctype": "VOS Pull Day", "vos_server": server, "pull_date": day, "status": "Pending"}
	).insert(ignore_permissions=True)  # named now: its CDRs name it as their source


def missing_days(company: str, month) -> list[date]:
	"""The days of a month (up to yesterday) that an enabled VOS server of the company has not
	pulled whole: until there are none, the month's usage from the API is not complete."""
	first, last = (
		getdate(get_first_day(month)),
		min(getdate(get_last_day(month)), getdate(add_days(today(), -1))),
	)
	missing = set()
	for server in frappe.get_all(
		"VOS Server", filters={"company": company, "enabled": 1}, fields=["name", "pull_from"]
	):
		pulled = set(
			frappe.get_all(
				"VOS Pull Day",
				filters={
					"vos_server": server.name,
					"status": "Pulled",
					"pull_date": ("between", (first, last)),
				},
				pluck="pull_date",
			)
		)
		day = max(first, getdate(server.pull_from))
		while day <= last:
			if day not in pulled:
				missing.add(day)
			day += timedelta(days=1)
	return sorted(missing)
