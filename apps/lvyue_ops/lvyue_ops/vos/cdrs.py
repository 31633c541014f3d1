"""One VOS call record (话单) read from a file row or an API answer, checked, and matched to the
customer and line it belongs to on the day of the call.

VOS's field names (`flowNo`, `callerE164`, `start` …) and the Chinese column headers of its
client's export (流水号, 主叫号码, 起始时间 …) both name the same fields. Times are epoch
milliseconds (the API, a raw export) or the client's `yyyy-MM-dd HH:mm:ss`; a call belongs to the
month of its start in the site's time zone."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.utils import escape_html, get_system_timezone

from lvyue_ops.line_register.fees import line_keys
from lvyue_ops.utils.sheets import neutralise_formula, parse_number, text
from lvyue_ops.vos import call_records

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
MARKUP = re.compile(r"[<>]")
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
	"""Checks raw CDRs (dicts of field -> value) and turns them into rows of the store."""

	def __init__(self, company: str, server: str, source: str):
		self.company, self.server, self.source = company, server, source
		self.zone = ZoneInfo(get_system_timezone())
		self.lines = Lines(company)

	def store(self, rows: list[tuple]) -> int:
		"""Store checked rows; how many were new."""
		return call_records.store(rows, self.company, self.server, self.source)

	def learn(self, raws: list[dict]) -> None:
		self.lines.learn({str(raw.get("account") or "").strip() for raw in raws})

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
		day = start.date()
		names = (
			texts["caller_gateway"],
			texts["callee_gateway"],
			texts["callee_access_e164"],
			texts["caller_e164"],
			texts["callee_e164"],
		)
		customer, line = self.lines.match(account, day, names)
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


def from_api(cdr: dict) -> dict:
	"""An API CDR by field."""
	return {field: cdr.get(key) for field, key in API_KEYS.items()}
