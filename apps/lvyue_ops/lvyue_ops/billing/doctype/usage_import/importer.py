"""Reading a VOS usage file (话单) into Usage Statements, as frappe's Data Import keeps its
importer beside its controller.

The file is read as a stream (CSV in UTF-8 or GBK, XLSX read-only), checked in chunks and stored
with multi-row inserts, so neither time per row nor memory grows with the file. It is all or
nothing: the rows go in inside one savepoint, and a file with any bad row stores none and lists
the errors (the first 1,000 by row and column, and how many there were). Duplicates, within the
file or with an earlier import, are found by the unique usage key's index, a chunk at a time.
"""

import re
from datetime import date

import frappe
from frappe import _
from frappe.utils import escape_html, flt, get_first_day, now

from lvyue_ops.billing.billing import billed_keys, billing_key
from lvyue_ops.utils import bulk
from lvyue_ops.utils.sheets import (
	SheetImport,
	cell,
	neutralise_formula,
	parse_number,
	text,
)

CHUNK = 5000
MARKUP = re.compile(r"[<>]")
# column -> the header names a VOS export or a person may use
COLUMNS = {
	"account": ("account", "账号", "账户", "vos账号", "vos account"),
	"period": ("period", "账期", "月份", "month"),
	"calls": ("calls", "通话次数", "次数"),
	"minutes": ("minutes", "分钟数", "时长", "分钟"),
	"amount": ("amount", "金额", "费用"),
	"line": ("line", "号码", "中继线", "线路", "number"),
}
REQUIRED = ("account", "period", "calls", "minutes", "amount")
FIELDS = (
	*bulk.STANDARD,
	"docstatus",
	"company",
	"customer",
	"vos_account",
	"period",
	"line_or_number",
	"calls",
	"minutes",
	"amount",
	"usage_key",
	"usage_import",
)


def insert_rows(values: list[tuple]) -> None:
	"""Usage Statements in bulk (rows of FIELDS, as `statement_row` makes them)."""
	bulk.insert_rows("tabUsage Statement", FIELDS, values)


def statement_row(
	company, customer, account, period, line, calls, minutes, amount, key, usage_import=None, stamp=None
):
	"""A Usage Statement as a row of FIELDS, made now by the session's user."""
	return bulk.stamped(
		frappe.generate_hash(length=12),
		0,
		company,
		customer,
		account,
		period,
		line,
		calls,
		minutes,
		amount,
		key,
		usage_import,
		stamp=stamp,
	)


def column_label(column: str) -> str:
	return {
		"account": _("VOS Account"),
		"period": _("Usage Month"),
		"calls": _("Calls"),
		"minutes": _("Minutes"),
		"amount": _("Amount"),
		"line": _("Line or Number"),
	}[column]


def parse_period(value) -> date | None:
	if isinstance(value, date):
		return get_first_day(value)
	text_value = str(value or "").strip()
	match = re.fullmatch(r"(\d{4})[-/.年]?(\d{1,2})月?(?:[-/.]\d{1,2})?", text_value)
	if not match or not 1 <= int(match.group(2)) <= 12:
		return None
	return date(int(match.group(1)), int(match.group(2)), 1)


def usage_key(account: str, period: date, line: str | None) -> str:
	"""The unique key of a usage row; case-folded, as the database compares it."""
	return f"{account}|{period.isoformat()}|{line or ''}".casefold()


class UsageFile(SheetImport):
	"""One pass over a usage file for `Usage Import` `usage_import`."""

	COLUMNS, REQUIRED, CHUNK = COLUMNS, REQUIRED, CHUNK

	def column_label(self, column: str) -> str:
		return column_label(column)

	def __init__(self, usage_import, progress=None):
		super().__init__(progress)
		self.doc = usage_import
		self.period = get_first_day(usage_import.period)
		self.company = usage_import.company
		self.stored = self.supplementary = 0
		self.total = 0.0
		self.accounts: dict[str, str] = {}  # the VOS accounts of the file met so far -> customer
		self.billed = billed_keys(self.company, self.period)

	def no_rows_message(self) -> str:
		return _("The file has no usage rows.")

	def forget(self):
		self.stored = self.supplementary = 0
		self.total = 0.0

	def learn_accounts(self, chunk: list[tuple[int, list]]):
		"""The customers of the chunk's VOS accounts, by the account's index (never every customer
		of the site in memory)."""
		if len(self.accounts) > 100_000:
			self.accounts.clear()
		wanted = (
			{text(cell(row, self.columns, "account")) for _row_no, row in chunk}
			- set(self.accounts)
			- {None, ""}
		)
		if wanted:
			self.accounts.update(
				frappe.db.sql(
					"select lvyue_vos_account, name from `tabCustomer` where lvyue_vos_account in %s",
					(list(wanted),),
				)
			)

	def store(self, chunk: list[tuple[int, list]]):
		if not chunk:
			return
		self.learn_accounts(chunk)
		records, seen = [], {}
		for row_no, row in chunk:
			record = self.check(row_no, row)
			if not record:
				continue
			if record["usage_key"] in seen:
				self.duplicate(row_no, record)
				continue
			seen[record["usage_key"]] = row_no
			records.append(record)
		existing = (
			set(
				frappe.db.sql(
					"select usage_key from `tabUsage Statement` where usage_key in %s",
					(list(seen),),
					pluck=True,
				)
			)
			if seen
			else set()
		)
		values = []
		stamp = now()
		for record in records:
			if record["usage_key"] in existing:
				self.duplicate(seen[record["usage_key"]], record, earlier=True)
				continue
			if billing_key(self.company, record["customer"], self.period) in self.billed:
				self.supplementary += 1
			self.total += record["amount"]
			values.append(
				statement_row(
					self.company,
					record["customer"],
					record["vos_account"],
					self.period,
					record["line_or_number"],
					record["calls"],
					record["minutes"],
					record["amount"],
					record["usage_key"],
					self.doc.name,
					stamp,
				)
			)
		if values:  # also after an error: the index still finds later duplicates (rolled back at the end)
			insert_rows(values)
			self.stored += len(values)
		self.rows += len(chunk)
		self.progress(self.rows)

	def duplicate(self, row_no: int, record: dict, earlier: bool = False):
		line = escape_html(record["line_or_number"] or "-")
		account = escape_html(record["vos_account"])
		if earlier:
			message = _("Account {0} line {1} is already imported for {2}.").format(
				account, line, self.period.strftime("%Y-%m")
			)
		else:
			message = _("Duplicate row: account {0} line {1} appears twice.").format(account, line)
		self.error(row_no, "account", message)

	def check(self, row_no: int, row: list) -> dict | None:
		def value(column):
			return cell(row, self.columns, column)

		errors = []
		account = text(value("account"))
		line = text(value("line"))
		if account is None:
			errors.append(("account", _("The account is longer than {0} characters.").format(140)))
		elif not account:
			errors.append(("account", _("The account is empty.")))
		elif account not in self.accounts:
			errors.append(
				("account", _("Unknown VOS account {0}: no customer has it.").format(escape_html(account)))
			)
		if line is None:
			errors.append(("line", _("The line is longer than {0} characters.").format(140)))
		elif MARKUP.search(line):
			# stored as it is (a raw insert) and shown in lists: a trunk name or number is plain text
			errors.append(("line", _("The line may not contain < or >.")))
		row_period = parse_period(value("period"))
		if row_period is None:
			errors.append(
				(
					"period",
					_("{0} is not a month (use YYYY-MM).").format(
						escape_html(text(value("period"), 40) or "")
					),
				)
			)
		elif row_period != self.period:
			errors.append(
				(
					"period",
					_("The row is for {0}, the import for {1}.").format(
						row_period.strftime("%Y-%m"), self.period.strftime("%Y-%m")
					),
				)
			)
		numbers = {
			"calls": parse_number(value("calls"), integer=True),
			"minutes": parse_number(value("minutes")),
			"amount": parse_number(value("amount")),
		}
		for column, number in numbers.items():
			if number is None:
				errors.append(
					(column, _("{0} is not a number.").format(escape_html(text(value(column), 40) or "")))
				)
			elif number < 0:
				errors.append((column, _("A negative {0} is not allowed.").format(column_label(column))))
		for column, message in errors:
			self.error(row_no, column, message)
		if errors:
			return None
		return {
			"customer": self.accounts[account],
			"vos_account": account,
			"line_or_number": neutralise_formula(line) or None,  # exported to spreadsheets later
			"calls": numbers["calls"],
			"minutes": numbers["minutes"],
			"amount": flt(numbers["amount"], 2),
			"usage_key": usage_key(account, self.period, line),
		}
