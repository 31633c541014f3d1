"""The store of VOS call records (话单): every read and write of the CDR table goes through here, so
that a reseller who outgrows MariaDB can move the store to a column store (README: "The CDR
store") by rewriting this module alone.

A CDR is kept once per (VOS server, flowNo): the record's name is that pair, and the multi-row
`insert ignore` skips what is already there, so a re-imported file or an overlapping pull adds
nothing. Each CDR carries the customer and line it was matched to on the day of its call (the line
register), and the month it belongs to (its start, in the site's time zone)."""

import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import date, datetime
from itertools import repeat
from typing import NamedTuple

import frappe
from frappe.utils import now

from lvyue_ops.utils import local_files

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
NUMBERS = ("hold_time", "fee_time", "fee", "end_direction", "end_reason")


def record_name(server: str, flow_no: str) -> str:
	return f"{server}|{flow_no}"


class Batch(NamedTuple):
	statement: str
	count: int  # CDRs
	file: str | None = None  # the statement's file, removed once sent


class Writer:
	"""Stores the CDRs of one server and source, a batch at a time, skipping any stored before (by
	its key: a re-import writes nothing). A batch goes as a file (`load data local infile … ignore`)
	where the site's connection may send files (utils/local_files.py), else as one `insert ignore`.
	It runs on the site's own connection, in its transaction, from a helper thread, so that the
	next batch is read and checked while the database writes this one; the connection serves one
	of them at a time: `wait()` before any other query.

	A batch comes as rows (tuples of FIELDS, escaped here) or as checked columns (`cdrs.CdrReader.
	columns`: field -> texts with nothing to escape, "" for none, NUMBERS as digits; customer and
	line names, escaped here; a field left out is none, or 0 of a number)."""

	def __init__(self, company: str, server: str, source: str, files: bool | None = None):
		user, stamp = frappe.session.user, now()
		constants = {
			"creation": stamp,
			"modified": stamp,
			"owner": user,
			"modified_by": user,
			"company": company,
			"vos_server": server,
			"source": source,
		}
		self.files = local_files.may_send() if files is None else files
		columns = ", ".join(f"`{f}`" for f in FIELDS)
		self.load_tail = (
			f" ignore into table `{TABLE}` character set utf8mb4"
			" fields terminated by '\\t' escaped by '\\\\' lines terminated by '\\n'"
			f" ({columns}) set "
			+ ", ".join(f"`{f}` = {frappe.db.escape(str(v))}" for f, v in constants.items())
		)
		self.head = "insert ignore into `{}` ({}, {}) values ".format(
			TABLE, columns, ", ".join(f"`{f}`" for f in constants)
		)
		self.tail = "".join(f", {frappe.db.escape(str(v))}" for v in constants.values()) + ")"
		self.server = server
		self.results: list[tuple[int, int]] = []  # (CDRs sent, CDRs new) of each batch
		self.thread: threading.Thread | None = None
		self.error: BaseException | None = None

	def rows_batch(self, rows: list[tuple]) -> Batch:
		if self.files:
			return self.file_batch(("\t".join(map(file_value, row)) for row in rows), len(rows))
		escape = frappe.db._conn.escape
		return Batch(
			self.head
			+ ", ".join("(" + ", ".join(escape(value) for value in row) + self.tail for row in rows),
			len(rows),
		)

	def columns_batch(self, columns: dict[str, list[str]]) -> Batch:
		"""A batch of checked columns: each row written out once (nothing to escape but the
		customer and line names, a name at a time)."""
		count = len(columns["flow_no"])
		escape = file_text if self.files else sql_text
		named = {
			field: list(map({name: escape(name) for name in set(columns[field])}.__getitem__, columns[field]))
			for field in ("customer", "service_line")
		}
		columns = {**columns, **named}
		if self.files:
			values = [list(map(f"{file_text(self.server)}|".__add__, columns["flow_no"]))]
			for field in FIELDS[1:]:
				column = columns.get(field)
				if column is None:
					column = repeat("0" if field in NUMBERS else "\\N", count)
				elif field not in NUMBERS and "" in column:
					column = [value or "\\N" for value in column]
				values.append(column)
			# a column left out repeats without end: the others end the rows
			return self.file_batch(map("\t".join, zip(*values, strict=False)), count)
		braced = lambda text: text.replace("{", "{{").replace("}", "}}")  # noqa: E731
		args, parts = [columns["flow_no"]], [f"'{braced(sql_text(self.server))}|{{0}}'"]
		for field in FIELDS[1:]:
			column = columns.get(field)
			if column is None:
				parts.append("0" if field in NUMBERS else "NULL")
				continue
			if field in NUMBERS:  # digits, checked
				parts.append(f"{{{len(args)}}}")
			else:
				parts.append(f"nullif('{{{len(args)}}}', '')" if "" in column else f"'{{{len(args)}}}'")
			args.append(column)
		template = "(" + ", ".join(parts) + braced(self.tail)
		return Batch(self.head + ", ".join(map(template.format, *args)), count)

	def file_batch(self, lines, count: int) -> Batch:
		handle, path = tempfile.mkstemp(prefix="lvyue-cdrs-", suffix=".tsv")
		with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
			out.write("\n".join(lines))
		return Batch(f"load data local infile {frappe.db.escape(path)}{self.load_tail}", count, path)

	def send(self, batch: Batch, then=None) -> None:
		"""Store a batch once the one before it is stored (and `then` done, which may use the
		connection)."""
		self.wait()
		if then:
			then()
		conn = frappe.db._conn
		cursor = conn.cursor()

		def run():
			try:
				with local_files.sending(conn) if batch.file else nullcontext():
					self.results.append((batch.count, cursor.execute(batch.statement)))
			except BaseException as e:
				self.error = e
			finally:
				if batch.file:
					os.unlink(batch.file)

		self.thread = threading.Thread(target=run, name="cdr-store", daemon=True)
		self.thread.start()

	def wait(self) -> None:
		"""Until the batch sent last is stored (its error raised here)."""
		if self.thread:
			self.thread.join()
			self.thread = None
		if self.error:
			error, self.error = self.error, None
			raise error

	def abandon(self) -> None:
		"""However the reading ended: nothing left running on the connection (an error of the last
		batch is the caller's to have raised, or not)."""
		if self.thread:
			self.thread.join()
			self.thread = None
		self.error = None


def sql_text(value: str) -> str:
	"""A text as it goes between quotes in a statement."""
	return frappe.db.escape(value)[1:-1] if value else ""


def file_text(value: str) -> str:
	"""A text as it goes into a batch's file (tab-separated, backslash escapes)."""
	if not value:
		return ""
	return (
		value.replace("\\", "\\\\")
		.replace("\t", "\\t")
		.replace("\n", "\\n")
		.replace("\r", "\\r")
		.replace("\x00", "\\0")
	)


def file_value(value) -> str:
	"""A value of a CDR row as it goes into a batch's file."""
	if value is None:
		return "\\N"
	if isinstance(value, str):
		return file_text(value) if value else ""
	if isinstance(value, datetime | date):
		return value.isoformat(" ") if isinstance(value, datetime) else value.isoformat()
	if isinstance(value, float):
		return format(value, "f")
	return str(value)


def stored_totals(company: str, months, source: str) -> tuple[float, int]:
	"""(fee, CDRs of unknown accounts) of what `source` stored in `months`."""
	fee, unknown = frappe.db.sql(
		f"""select coalesce(sum(fee), 0), coalesce(sum(customer is null), 0)
		from `{TABLE}` where company = %s and usage_month in %s and source = %s""",
		(company, list(months), source),
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


def customer_calls(company: str, customer: str, month: date, batch: int = 5000) -> Iterator[tuple]:
	"""The calls of a customer's month in time order, as DETAIL_FIELDS tuples, read a batch at a
	time by the month index (memory stays flat however many calls there are)."""
	after, after_name = datetime.min, ""
	columns = ", ".join(f"`{f}`" for f in DETAIL_FIELDS)
	while True:
		rows = frappe.db.sql(
			f"""select {columns}, name from `{TABLE}`
			where company = %s and usage_month = %s and customer = %s
				and (start > %s or (start = %s and name > %s))
			order by start, name limit {int(batch)}""",
			(company, month, customer, after, after, after_name),
		)
		if not rows:
			return
		for row in rows:
			yield row[:-1]
		after, after_name = rows[-1][0], rows[-1][-1]


def drop_month(month: date, company: str | None = None, batch: int = 20000) -> int:
	"""Delete a month's CDRs (of every company, or of one) in short transactions by the month
	index, so the month being imported is never locked for long; return how many went."""
	dropped = 0
	while True:
		frappe.db.sql(
			f"delete from `{TABLE}` where usage_month = %s {'and company = %s' if company else ''}"
			f" limit {int(batch)}",
			(month, company) if company else (month,),
		)
		count = frappe.db._cursor.rowcount
		if not frappe.flags.in_test:  # short transactions (a test keeps its own to roll back)
			frappe.db.commit()
		dropped += count
		if count < batch:
			return dropped


def months_before(month: date) -> list[date]:
	"""The months stored before `month`."""
	return frappe.db.sql(
		f"select distinct usage_month from `{TABLE}` where usage_month < %s order by usage_month",
		(month,),
		pluck=True,
	)


def add_indexes() -> None:
	"""The one index the reads above use besides the key (the DocType's `on_doctype_update`): the
	month, by customer and time. Every further index costs each stored CDR a write (frappe's index
	on `modified` is dropped: nobody edits a CDR), and so would a company at its head (a long text
	that every stored CDR is compared on, the same in all of them); the reads filter the company on
	the rows they read anyway."""
	frappe.db.add_index("VOS Call Record", ["usage_month", "customer", "start"], "month_customer_start")
	for index in ("company_month_start", "company_month", "customer_start", "server_start", "modified"):
		if frappe.db.has_index(TABLE, index):
			frappe.db.sql_ddl(f"alter table `{TABLE}` drop index `{index}`")
