"""The store of VOS call records (话单): every read and write of the CDR table goes through here, so
that a reseller who outgrows MariaDB can move the store to a column store (README: "The CDR
store") by rewriting this module alone.

A CDR is kept once per (VOS server, flowNo): the record's name is that pair, and the multi-row
`insert ignore` skips what is already there, so a re-imported file or an overlapping pull adds
nothing. Each CDR carries the customer and line it was matched to on the day of its call (the line
register), and the month it belongs to (its start, in the site's time zone)."""

from collections.abc import Iterator
from datetime import date, datetime

import frappe
from frappe.utils import now

from lvyue_ops.utils import bulk

TABLE = "tabVOS Call Record"
# the columns of a CDR row (as `cdrs.CdrReader.row` makes it); a CDR's company, server and source,
# and who stored it when, are the same for a whole batch
FIELDS = (
	"name",
	"flow_no",
	"account",
	"account_name",
	"customer",
	"service_line",
	"caller_e164",
	"callee_e164",
	"callee_access_e164",
	"caller_gateway",
	"callee_gateway",
	"start",
	"stop",
	"hold_time",
	"fee_time",
	"fee",
	"end_direction",
	"end_reason",
	"usage_month",
)
COLUMN = {field: i for i, field in enumerate(FIELDS)}
BATCH = 2000


def record_name(server: str, flow_no: str) -> str:
	return f"{server}|{flow_no}"


def store(rows: list[tuple], company: str, server: str, source: str, user: str | None = None) -> int:
	"""Insert CDR rows (tuples of FIELDS) of a server; return how many were new. Those stored before
	are found by the key a batch at a time and left out (a re-import costs a read, not a write);
	`insert ignore` skips any that another import stored meanwhile."""
	if not rows:
		return 0
	known = set(
		frappe.db.sql(f"select name from `{TABLE}` where name in %s", ([row[0] for row in rows],), pluck=True)
	)
	fresh = [row for row in rows if row[0] not in known] if known else rows
	user, stamp = user or frappe.session.user, now()
	constants = {
		"creation": stamp,
		"modified": stamp,
		"owner": user,
		"modified_by": user,
		"company": company,
		"vos_server": server,
		"source": source,
	}
	return bulk.insert_rows(TABLE, FIELDS, fresh, batch=BATCH, ignore=True, constants=constants)


def stored_by(names: list[str], source: str) -> tuple[float, int]:
	"""(fee, CDRs of unknown accounts) of those of `names` that `source` stored."""
	fee, unknown = frappe.db.sql(
		f"""select coalesce(sum(fee), 0), coalesce(sum(customer is null), 0)
		from `{TABLE}` where name in %s and source = %s""",
		(names, source),
	)[0]
	return float(fee), int(unknown)


def month_totals(company: str, month: date) -> list[dict]:
	"""Per customer, VOS account and line: the month's calls, billed seconds and VOS fee (CDRs of
	unknown accounts, with no customer, are left out: `unknown_accounts` lists them)."""
	return frappe.db.sql(
		f"""select customer, account, service_line, count(*) as calls,
			sum(fee_time) as fee_seconds, sum(fee) as fee
		from `{TABLE}`
		where company = %s and usage_month = %s and customer is not null
		group by customer, account, service_line""",
		(company, month),
		as_dict=True,
	)


def customer_fees(company: str, month: date, customers: list[str]) -> dict[str, float]:
	"""customer -> the VOS fee of their calls of the month."""
	return {
		customer: float(fee)
		for customer, fee in frappe.db.sql(
			f"""select customer, sum(fee) from `{TABLE}`
			where company = %s and usage_month = %s and customer in %s group by customer""",
			(company, month, customers),
		)
	}


def unknown_accounts(company: str, month: date) -> list[dict]:
	"""The VOS accounts of the month's CDRs that no customer has, with their calls and fee."""
	return frappe.db.sql(
		f"""select account, max(account_name) as account_name, count(*) as calls, sum(fee) as fee
		from `{TABLE}`
		where company = %s and usage_month = %s and customer is null
		group by account order by account""",
		(company, month),
		as_dict=True,
	)


def day_totals(server: str, first: datetime, end: datetime) -> tuple[int, float]:
	"""(CDRs, fee) of a server's calls that started in [first, end)."""
	count, fee = frappe.db.sql(
		f"""select count(*), coalesce(sum(fee), 0) from `{TABLE}`
		where vos_server = %s and start >= %s and start < %s""",
		(server, first, end),
	)[0]
	return int(count), float(fee)


DETAIL_FIELDS = (
	"start",
	"stop",
	"caller_e164",
	"callee_e164",
	"hold_time",
	"fee_time",
	"fee",
	"account",
	"service_line",
)


def customer_calls(customer: str, month: date, batch: int = 5000) -> Iterator[tuple]:
	"""The calls of a customer's month in time order, as DETAIL_FIELDS tuples, read a batch at a
	time by the (customer, start) index (memory stays flat however many calls there are)."""
	after, after_name = datetime.min, ""
	end = date(month.year + month.month // 12, month.month % 12 + 1, 1)
	columns = ", ".join(f"`{f}`" for f in DETAIL_FIELDS)
	while True:
		rows = frappe.db.sql(
			f"""select {columns}, name from `{TABLE}`
			where customer = %s and usage_month = %s and start >= %s and start < %s
				and (start > %s or (start = %s and name > %s))
			order by start, name limit {int(batch)}""",
			(customer, month, month, end, after, after, after_name),
		)
		if not rows:
			return
		for row in rows:
			yield row[:-1]
		after, after_name = rows[-1][0], rows[-1][-1]


def drop_month(company: str, month: date, batch: int = 20000) -> int:
	"""Delete a month's CDRs in short transactions by the (company, usage_month) index, so the month
	being imported is never locked for long; return how many went."""
	dropped = 0
	while True:
		frappe.db.sql(
			f"delete from `{TABLE}` where company = %s and usage_month = %s limit {int(batch)}",
			(company, month),
		)
		count = frappe.db._cursor.rowcount
		if not frappe.flags.in_test:  # short transactions (a test keeps its own to roll back)
			frappe.db.commit()
		dropped += count
		if count < batch:
			return dropped


def stored_months(company: str) -> list[date]:
	return frappe.db.sql(
		f"select distinct usage_month from `{TABLE}` where company = %s order by usage_month",
		(company,),
		pluck=True,
	)


def add_indexes() -> None:
	"""The indexes the reads above use (the DocType's `on_doctype_update`)."""
	frappe.db.add_index("VOS Call Record", ["company", "usage_month", "customer"], "company_month")
	frappe.db.add_index("VOS Call Record", ["customer", "start"], "customer_start")
	frappe.db.add_index("VOS Call Record", ["vos_server", "start"], "server_start")
