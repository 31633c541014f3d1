"""Reading a VOS usage file into Usage Statements: every row checked, the whole file imported or
nothing, with the errors by row and column (as frappe's Data Import keeps its importer beside the
Data Import controller)."""

import re
from datetime import date

import frappe
from frappe import _
from frappe.utils import flt, get_first_day

from lvyue_ops.utils.sheets import SheetError, cell, map_header, numbered_rows, parse_number, read_rows

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


def column_label(column: str) -> str:
	return {
		"account": _("VOS Account"),
		"period": _("Usage Month"),
		"calls": _("Calls"),
		"minutes": _("Minutes"),
		"amount": _("Amount"),
		"line": _("Line or Number"),
	}[column]


# --- reading a usage file -----------------------------------------------------------------------


def parse_period(value) -> date | None:
	if isinstance(value, date):
		return get_first_day(value)
	text = str(value or "").strip()
	match = re.fullmatch(r"(\d{4})[-/.年]?(\d{1,2})月?(?:[-/.]\d{1,2})?", text)
	if not match or not 1 <= int(match.group(2)) <= 12:
		return None
	return date(int(match.group(1)), int(match.group(2)), 1)


def validate_usage(rows: list[list], period: date, company: str) -> tuple[list[dict], list[dict]]:
	"""Check every row; returns (usage records, errors). Errors name the row and column."""
	numbered = numbered_rows(rows)
	columns = map_header(numbered[0][1], COLUMNS, REQUIRED)
	accounts = dict(
		frappe.get_all(
			"Customer",
			filters={"lvyue_vos_account": ("is", "set")},
			fields=["lvyue_vos_account", "name"],
			as_list=True,
		)
	)
	records, errors, seen, row_of = [], [], set(), {}

	def error(row_no, column, message):
		errors.append({"row_no": row_no, "column": column, "message": message})

	for row_no, row in numbered[1:]:

		def value(column, row=row):
			return cell(row, columns, column)

		account = str(value("account") or "").strip()
		line = str(value("line") or "").strip()
		row_period = parse_period(value("period"))
		numbers = {
			"calls": parse_number(value("calls"), integer=True),
			"minutes": parse_number(value("minutes")),
			"amount": parse_number(value("amount")),
		}
		row_errors = []
		if not account:
			row_errors.append(("account", _("The account is empty.")))
		elif account not in accounts:
			row_errors.append(("account", _("Unknown VOS account {0}: no customer has it.").format(account)))
		if row_period is None:
			row_errors.append(("period", _("{0} is not a month (use YYYY-MM).").format(value("period"))))
		elif row_period != period:
			row_errors.append(
				(
					"period",
					_("The row is for {0}, the import for {1}.").format(
						row_period.strftime("%Y-%m"), period.strftime("%Y-%m")
					),
				)
			)
		for column, number in numbers.items():
			if number is None:
				row_errors.append((column, _("{0} is not a number.").format(value(column))))
			elif number < 0:
				row_errors.append((column, _("A negative {0} is not allowed.").format(column_label(column))))
		for column, message in row_errors:
			error(row_no, column, message)
		if row_errors:
			continue
		calls, minutes, amount = numbers["calls"], numbers["minutes"], numbers["amount"]
		key = usage_key(account, period, line)
		if key in seen:
			error(
				row_no,
				"account",
				_("Duplicate row: account {0} line {1} appears twice.").format(account, line or "-"),
			)
			continue
		seen.add(key)
		row_of[key] = row_no
		records.append(
			{
				"doctype": "Usage Statement",
				"company": company,
				"customer": accounts[account],
				"vos_account": account,
				"period": period,
				"line_or_number": line or None,
				"calls": calls,
				"minutes": minutes,
				"amount": amount,
				"usage_key": key,
			}
		)
	if records:
		existing = set(
			frappe.get_all(
				"Usage Statement",
				filters={"usage_key": ("in", [r["usage_key"] for r in records])},
				pluck="usage_key",
			)
		)
		for record in records:
			if record["usage_key"] in existing:
				error(
					row_of[record["usage_key"]],
					"account",
					_("Account {0} line {1} is already imported for {2}.").format(
						record["vos_account"], record["line_or_number"] or "-", period.strftime("%Y-%m")
					),
				)
	elif not errors:
		raise SheetError(_("The file has no usage rows."))
	return records, errors


def usage_key(account: str, period: date, line: str | None) -> str:
	return f"{account}|{period.isoformat()}|{line or ''}"


def import_usage(usage_import) -> bool:
	"""Import the file of a Usage Import: everything, or nothing and the errors by row."""
	usage_import.set("errors", [])
	period = get_first_day(usage_import.period)
	try:
		file = frappe.get_doc("File", {"file_url": usage_import.import_file})
		with open(file.get_full_path(), "rb") as f:  # raw bytes: the encoding is ours to find
			content = f.read()
		records, errors = validate_usage(read_rows(file.file_name, content), period, usage_import.company)
	except SheetError as e:
		records, errors = [], [{"row_no": 0, "column": "", "message": str(e)}]
	except frappe.DoesNotExistError:
		records, errors = [], [{"row_no": 0, "column": "", "message": _("The usage file is missing.")}]
	if errors:
		usage_import.extend("errors", errors)
		usage_import.status = "Failed"
		usage_import.imported_rows = 0
		usage_import.save()
		return False
	frappe.db.savepoint("usage_import")
	try:
		for record in records:
			frappe.get_doc({**record, "usage_import": usage_import.name}).insert(ignore_permissions=True)
	except Exception:
		frappe.db.rollback(save_point="usage_import")
		raise
	usage_import.status = "Imported"
	usage_import.imported_rows = len(records)
	usage_import.total_amount = sum(flt(r["amount"]) for r in records)
	usage_import.save()
	return True
