"""One VOS call record (话单) read from a file row or an API answer, checked, and matched to the
customer and line it belongs to on the day of the call.

VOS's field names (`flowNo`, `callerE164`, `start` …) and the Chinese column headers of its
client's export (流水号, 主叫号码, 起始时间 …) both name the same fields. Times are epoch
milliseconds (the API, a raw export) or the client's `yyyy-MM-dd HH:mm:ss`; a call belongs to the
month of its start in the site's time zone."""

import math
import re
from bisect import bisect_right
from datetime import date, datetime, timedelta
from functools import partial
from itertools import repeat
from operator import add, truediv
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.utils import escape_html, get_system_timezone, getdate

from lvyue_ops.line_register.fees import line_keys
from lvyue_ops.utils.sheets import neutralise_formula, parse_number, text
from lvyue_ops.vos import call_records

BATCH = 10_000  # CDRs a statement (some 4 MB, well under MariaDB's packet limit)
FEE, CUSTOMER, MONTH = (call_records.COLUMN[f] for f in ("fee", "customer", "usage_month"))
# field -> VOS's name and the client's Chinese headers (compared in lower case)
COLUMNS = {
	"flow_no": ("flowno", "流水号", "话单流水号", "flow no"),
	"account": ("account", "账户号码", "账户", "账号"),
	"account_name": ("accountname", "账户名称"),
	"caller_e164": ("callere164", "主叫号码"),
	"callee_e164": ("calleee164", "被叫号码"),
	"callee_access_e164": ("calleeaccesse164", "被叫接入号码", "接入号码"),
	"caller_gateway": ("callergateway", "主叫网关"),
	"callee_gateway": ("calleegateway", "被叫网关", "落地网关"),
	"start": ("start", "起始时间", "开始时间"),
	"stop": ("stop", "终止时间", "结束时间"),
	"hold_time": ("holdtime", "通话时长"),
	"fee_time": ("feetime", "计费时长"),
	"fee": ("fee", "费用", "话费"),
	"end_direction": ("enddirection", "终止方"),
	"end_reason": ("endreason", "终止原因"),
}
REQUIRED = ("flow_no", "account", "start", "fee_time", "fee")
# the API's keys, by field
API_KEYS = {
	"flow_no": "flowNo",
	"account": "account",
	"account_name": "accountName",
	"caller_e164": "callerE164",
	"callee_e164": "calleeE164",
	"callee_access_e164": "calleeAccessE164",
	"caller_gateway": "callerGateway",
	"callee_gateway": "calleeGateway",
	"start": "start",
	"stop": "stop",
	"hold_time": "holdTime",
	"fee_time": "feeTime",
	"fee": "fee",
	"end_direction": "endDirection",
	"end_reason": "endReason",
}
TEXTS = (
	"account_name",
	"caller_e164",
	"callee_e164",
	"callee_access_e164",
	"caller_gateway",
	"callee_gateway",
)
# the texts that name a line where an account has several
NAMED = ("caller_gateway", "callee_gateway", "callee_access_e164", "caller_e164", "callee_e164")
MARKUP = re.compile(r"[<>]")


# the fast check of a batch's columns (`CdrReader.columns`): each value on a line of its own
def _lines(pattern: str) -> re.Pattern:
	return re.compile(f"(?:{pattern})(?:\n(?:{pattern}))*")


PATTERNS = {
	"flow_no": _lines(r"[0-9A-Za-z_.:-]{1,60}"),
	"start": _lines(r"[0-9]{13}"),
	"stop": _lines(r"[0-9]{13}"),
	"hold_time": _lines(r"[0-9]{1,9}|"),
	"fee_time": _lines(r"[0-9]{1,9}"),
	"fee": _lines(r"[0-9]{1,9}(?:\.[0-9]{1,4})?"),  # as stored: 4 decimals
	"end_direction": _lines(r"-?[0-9]{1,9}|"),
	"end_reason": _lines(r"-?[0-9]{1,9}|"),
}
# a text the fast check leaves to the row's own: quotes, markup, control characters, or (on the
# values' lines, each between newlines) space at an end or a start a spreadsheet would run
UNSAFE_CHARACTER = re.compile(r"['\"\\<>\x00-\x09\x0b-\x1f\x7f]")
UNSAFE_END = re.compile(r"\n[=+\-@]|\n[^\S\n]|[^\S\n]\n")
EPOCH = datetime(1970, 1, 1)
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y%m%d%H%M%S")


def column_label(field: str) -> str:
	return {
		"flow_no": _("Flow No"),
		"account": _("VOS Account"),
		"account_name": _("VOS Account Name"),
		"caller_e164": _("Caller Number"),
		"callee_e164": _("Called Number"),
		"callee_access_e164": _("Access Number"),
		"caller_gateway": _("Caller Gateway"),
		"callee_gateway": _("Called Gateway"),
		"start": _("Start Time"),
		"stop": _("End Time"),
		"hold_time": _("Call Seconds"),
		"fee_time": _("Billed Seconds"),
		"fee": _("VOS Fee"),
		"end_direction": _("End Direction"),
		"end_reason": _("End Reason"),
	}[field]


class Lines:
	"""The lines of a company's VOS accounts, learnt a batch of accounts at a time (never every
	line of the site in memory): a call goes to the line of its account in service on its day, the
	one whose VOS line or number the call names where the account has several."""

	def __init__(self, company: str):
		self.company = company
		self.by_account: dict[str, list] = {}
		self.customer_of: dict[str, str | None] = {}

	def learn(self, accounts: set[str]) -> None:
		wanted = list(accounts - set(self.by_account) - {""})
		if not wanted:
			return
		if len(self.by_account) > 100_000:
			self.by_account.clear()
			self.customer_of.clear()
		owners = dict(
			frappe.db.sql(
				"select lvyue_vos_account, name from `tabCustomer` where lvyue_vos_account in %s",
				(wanted,),
			)
		)
		lines = frappe.db.sql(
			"""select name, customer, vos_account, vos_line, numbers, active_from, ended_on
			from `tabService Line`
			where company = %s and active_from is not null
				and (vos_account in %s or ((vos_account is null or vos_account = '') and customer in %s))
			order by active_from""",
			(self.company, wanted, list(owners.values()) or [""]),
			as_dict=True,
		)
		account_of_customer = {customer: account for account, customer in owners.items()}
		for account in wanted:
			self.by_account[account] = []
			self.customer_of[account] = owners.get(account)
		for line in lines:
			account = line.vos_account or account_of_customer.get(line.customer)
			if account in self.by_account:
				line.names = line_keys(line)
				self.by_account[account].append(line)

	def match(self, account: str, day: date, names: tuple) -> tuple[str | None, str | None]:
		"""(customer, line) of a call of `account` on `day` naming `names` (its gateways and
		numbers); (customer, None) for an account with no line; (None, None) for an unknown one."""
		lines = self.by_account.get(account) or []
		if not lines:
			return self.customer_of.get(account), None
		if len(lines) == 1:
			return lines[0].customer, lines[0].name
		on_day = [
			line for line in lines if line.active_from <= day and (not line.ended_on or day <= line.ended_on)
		] or lines
		named = [line for line in on_day if line.names.intersection(names)]
		line = (named or on_day)[-1]
		return line.customer, line.name


class CdrReader:
	"""Checks raw CDRs and sends them to the store a batch at a time: a batch whose columns all pass
	the fast check (`columns`) goes as columns; any other is checked row by row (`row`, which names
	each error), and its good rows go as rows."""

	def __init__(self, company: str, server: str, source: str, files: bool | None = None):
		self.company, self.server, self.source = company, server, source
		self.zone = ZoneInfo(get_system_timezone())
		self.lines = Lines(company)
		self.writer = call_records.Writer(company, server, source, files)
		self.batches: list[tuple[float, int, set]] = []  # fee, unknown accounts, months of each batch

	def learn(self, accounts: set[str]) -> None:
		"""Know the lines of these accounts (the store waits: the connection is asked)."""
		if accounts - self.lines.by_account.keys() - {""}:
			self.writer.wait()
			self.lines.learn(accounts)

	def learn_raws(self, raws: list[dict]) -> None:
		self.learn({str(raw.get("account") or "").strip() for raw in raws})

	def send_columns(self, columns: dict[str, list[str]], count: int, then=None) -> None:
		"""Send checked columns, BATCH CDRs a statement (`then` is called once the batch before
		is stored)."""
		for start in range(0, count, BATCH):
			batch = {field: column[start : start + BATCH] for field, column in columns.items()}
			self.writer.send(self.writer.columns_batch(batch), then)
			then = None
			fee = math.fsum(map(float, batch["fee"]))
			self.batches.append((fee, batch["customer"].count(""), set(batch["usage_month"])))

	def send_rows(self, rows: list[tuple], then=None) -> None:
		"""Send checked rows (`then` is called once the batch before is stored)."""
		for start in range(0, len(rows), BATCH):
			batch = rows[start : start + BATCH]
			self.writer.send(self.writer.rows_batch(batch), then)
			then = None
			self.batches.append(
				(
					math.fsum(row[FEE] for row in batch),
					sum(1 for row in batch if not row[CUSTOMER]),
					{row[MONTH] for row in batch},
				)
			)

	def sent(self) -> tuple[int, float]:
		"""(CDRs, fee) of all sent to the store, new or not."""
		return sum(sent for sent, _new in self.writer.results), math.fsum(fee for fee, *_ in self.batches)

	def totals(self) -> tuple[int, int, float, int, set]:
		"""Once all is stored: (new CDRs, those stored before, fee and unknown-account CDRs of the new,
		months); a batch stored in part is counted from the store."""
		self.writer.wait()
		new = unknown = 0
		fee, months, in_part = 0.0, set(), False
		for (sent, stored), (batch_fee, batch_unknown, batch_months) in zip(
			self.writer.results, self.batches, strict=True
		):
			new += stored
			months |= batch_months
			if stored == sent:
				fee += batch_fee
				unknown += batch_unknown
			elif stored:
				in_part = True
		if in_part:
			fee, unknown = call_records.stored_totals(self.company, months, self.source)
		sent = sum(sent for sent, _stored in self.writer.results)
		return new, sent - new, fee, unknown, {getdate(month) for month in months}

	def columns(self, raw: dict[str, list | None], count: int) -> dict[str, list[str]] | None:
		"""The store's columns of a batch of `count` CDRs given by field (None where the batch has no
		such column), when every value is plain: flow numbers unique, times epoch milliseconds
		in one UTC offset, numbers digits, texts with nothing to escape or neutralise; None when
		any is not (the batch is then checked row by row)."""
		if not raw:
			return None
		try:
			out = self.checked_columns(raw, count)
		except (TypeError, ValueError):  # a value that is no text: a spreadsheet's number, a null
			return None
		if out is None:
			return None
		starts = list(map(int, out["start"]))
		stops = list(map(int, out["stop"]))
		offset = self.fixed_offset(min(starts), max(max(starts), max(stops)))
		if offset is None:
			return None
		starts = list(map(add, starts, repeat(offset)))
		out["start"] = local_times(starts)
		out["stop"] = local_times(map(add, stops, repeat(offset)))
		bounds, labels = month_bounds(min(starts), max(starts))
		out["usage_month"] = list(map(labels.__getitem__, map(partial(bisect_right, bounds), starts)))
		out["customer"], out["service_line"] = self.match_columns(out, starts)
		return out

	def checked_columns(self, raw: dict[str, list | None], count: int) -> dict[str, list[str]] | None:
		out = {}
		for field, pattern in PATTERNS.items():
			column = raw.get(field)
			if column is None or len(column) != count:
				if field in REQUIRED or field == "stop":
					return None
				continue
			joined = "\n".join(column)
			if joined.count("\n") != count - 1 or not pattern.fullmatch(joined):  # a newline in a value
				return None
			out[field] = [value or "0" for value in column] if "" in column else column
		if len(set(out["flow_no"])) != count:
			return None
		for field in ("account", *TEXTS):
			column = raw.get(field)
			if column is None or len(column) != count:
				if field == "account":
					return None
				continue
			lines = "\n" + "\n".join(column) + "\n"
			if (
				lines.count("\n") != count + 1  # a newline in a value
				or UNSAFE_CHARACTER.search(lines)
				or UNSAFE_END.search(lines)
				or max(map(len, column)) > 140
			):
				return None
			out[field] = column
		if "" in out["account"]:
			return None
		return out

	def match_columns(self, out: dict, starts: list[int]) -> tuple[list[str], list[str]]:
		"""The customer and line columns ("" for none): an account of one line (or none) at once,
		an account of several lines call by call."""
		accounts = out["account"]
		self.learn(set(accounts))
		customer_of, line_of, several = {}, {}, set()
		for account in set(accounts):
			if len(self.lines.by_account.get(account) or ()) > 1:
				several.add(account)
			else:
				customer, line = self.lines.match(account, None, ())
				customer_of[account], line_of[account] = customer or "", line or ""
		customers = list(map(customer_of.get, accounts))
		lines = list(map(line_of.get, accounts))
		if several:
			empty = [""] * len(accounts)
			named = [out.get(field) or empty for field in NAMED]
			for i, account in enumerate(accounts):
				if account in several:
					day = (EPOCH + timedelta(milliseconds=starts[i])).date()
					customer, line = self.lines.match(account, day, tuple(column[i] for column in named))
					customers[i], lines[i] = customer or "", line or ""
		return customers, lines

	def fixed_offset(self, first: int, last: int) -> int | None:
		"""The zone's UTC offset in milliseconds when it is one from `first` to `last` (epoch
		milliseconds), checked day by day; None across a change (or a range over a year)."""
		day = 86_400_000
		if last - first > 400 * day:
			return None
		offsets = {
			datetime.fromtimestamp(moment / 1000, self.zone).utcoffset()
			for moment in (*range(first, last, day), last)
		}
		if len(offsets) != 1:
			return None
		return int(offsets.pop().total_seconds() * 1000)

	def row(self, raw: dict) -> tuple[tuple | None, list[tuple[str, str]]]:
		"""(the store's row, []) or (None, [(field, error)])."""
		errors = []
		flow_no = text(raw.get("flow_no"), 60)
		if isinstance(raw.get("flow_no"), float) and raw["flow_no"].is_integer():
			flow_no = str(int(raw["flow_no"]))  # a spreadsheet's number
		if not flow_no:
			errors.append(("flow_no", _("The flow number is empty or too long.")))
		account = text(raw.get("account"))
		if not account:
			errors.append(("account", _("The account is empty or too long.")))
		texts = {}
		for field in TEXTS:
			value = text(raw.get(field))
			if value is None:
				errors.append(
					(field, _("{0} is longer than {1} characters.").format(column_label(field), 140))
				)
			elif MARKUP.search(value):
				errors.append((field, _("{0} may not contain < or >.").format(column_label(field))))
			texts[field] = neutralise_formula(value) or None
		start = self.time(raw.get("start"))
		if start is None:
			errors.append(("start", self.bad_time(raw.get("start"))))
		stop = self.time(raw.get("stop")) if raw.get("stop") not in (None, "") else start
		if stop is None:
			errors.append(("stop", self.bad_time(raw.get("stop"))))
		numbers = {}
		for field, integer in (("hold_time", True), ("fee_time", True), ("fee", False)):
			value = raw.get(field)
			number = (
				0 if field == "hold_time" and value in (None, "") else parse_number(value, integer=integer)
			)
			if number is None:
				errors.append((field, _("{0} is not a number.").format(escape_html(text(value, 40) or ""))))
			elif number < 0:
				errors.append((field, _("A negative {0} is not allowed.").format(column_label(field))))
			numbers[field] = number
		codes = [parse_number(raw.get(f), integer=True) or 0 for f in ("end_direction", "end_reason")]
		if errors:
			return None, errors
		customer, line = self.lines.match(account, start.date(), tuple(texts[field] for field in NAMED))
		return (
			f"{self.server}|{flow_no}",
			flow_no,
			account,
			texts["account_name"],
			customer,
			line,
			texts["caller_e164"],
			texts["callee_e164"],
			texts["callee_access_e164"],
			texts["caller_gateway"],
			texts["callee_gateway"],
			start,
			stop,
			numbers["hold_time"],
			numbers["fee_time"],
			round(numbers["fee"], 4),
			*codes,
			date(start.year, start.month, 1),
		), []

	def time(self, value) -> datetime | None:
		"""A call time in the site's time zone, without one (as frappe stores datetimes)."""
		if isinstance(value, datetime):
			return value
		if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
			number = int(float(value))
			if len(str(number)) in (10, 13):
				seconds = number / 1000 if number > 10**11 else number
				return datetime.fromtimestamp(seconds, self.zone).replace(tzinfo=None)
		value = str(value or "").strip()
		for form in TIME_FORMATS:
			try:
				return datetime.strptime(value, form)
			except ValueError:
				continue
		return None

	def bad_time(self, value) -> str:
		return _("{0} is not a time (use yyyy-MM-dd HH:mm:ss).").format(escape_html(text(value, 40) or ""))


def local_times(moments) -> list[str]:
	"""Epoch milliseconds, moved to the zone already, as the store's datetime texts."""
	seconds = map(truediv, moments, repeat(1000))
	return list(map(datetime.isoformat, map(EPOCH.__add__, map(timedelta, repeat(0), seconds)), repeat(" ")))


def month_bounds(first: int, last: int) -> tuple[list[int], list[str]]:
	"""For local epoch milliseconds from `first` to `last`: the first moments of the months after
	the first month (to bisect) and each month's first day as text."""
	month = (EPOCH + timedelta(milliseconds=first)).date().replace(day=1)
	end = (EPOCH + timedelta(milliseconds=last)).date()
	labels, bounds = [month.isoformat()], []
	while True:
		month = (month + timedelta(days=32)).replace(day=1)
		if month > end:
			return bounds, labels
		bounds.append(int((datetime.combine(month, datetime.min.time()) - EPOCH).total_seconds() * 1000))
		labels.append(month.isoformat())


def from_api(cdr: dict) -> dict:
	"""An API CDR by field."""
	return {field: cdr.get(key) for field, key in API_KEYS.items()}
