"""Monthly billing (营帐): VOS usage import and the billing run on ERPNext's Sales Invoice.

- A usage file is imported whole or not at all, with a row-level report of what is wrong.
- A billing run makes at most one Sales Invoice per company, customer and usage month: the
  invoice carries a unique billing key (a database constraint), so running twice, or two workers
  at once, cannot bill anyone twice.
"""

import re
from datetime import date

import frappe
from frappe import _
from frappe.utils import add_months, cint, flt, get_first_day, getdate, now_datetime

from lvyue_ops import roles as R
from lvyue_ops.lvyue_ops.ops_calendar import complete_task, due_date
from lvyue_ops.lvyue_ops.sheets import SheetError, cell, map_header, numbered_rows, parse_number, read_rows

USAGE_ITEM = "VOS-USAGE"
PAYMENT_DUE_DUTY = "Payment Due"
BILLS_DUTY = "Customer Bills"

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
	accounts = dict(frappe.get_all("Customer", filters={"vos_account": ("is", "set")}, fields=["vos_account", "name"], as_list=True))
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
				("period", _("The row is for {0}, the import for {1}.").format(row_period.strftime("%Y-%m"), period.strftime("%Y-%m")))
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
			error(row_no, "account", _("Duplicate row: account {0} line {1} appears twice.").format(account, line or "-"))
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
		existing = set(frappe.get_all("Usage Statement", filters={"usage_key": ("in", [r["usage_key"] for r in records])}, pluck="usage_key"))
		for record in records:
			if record["usage_key"] in existing:
				error(row_of[record["usage_key"]], "account", _("Account {0} line {1} is already imported for {2}.").format(record["vos_account"], record["line_or_number"] or "-", period.strftime("%Y-%m")))
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


# --- the billing run ------------------------------------------------------------------------------


def billing_key(company: str, customer: str, period) -> str:
	return f"{company}|{customer}|{getdate(period).strftime('%Y-%m')}"


def validate_billing_run(run):
	run.period = get_first_day(run.period)
	month = add_months(run.period, 1)
	if not run.posting_date:
		run.posting_date = due_date(BILLS_DUTY, month.year, month.month, run.company).date()
	run.due_date = payment_due(run.company, run.period)
	if getdate(run.posting_date) < month:
		frappe.throw(_("Bills for {0} are dated in the following month, not on {1}.").format(run.period.strftime("%Y-%m"), run.posting_date))
	if getdate(run.posting_date) > getdate(run.due_date):
		frappe.throw(_("The invoice date {0} is after the payment due date {1}.").format(run.posting_date, run.due_date))


def payment_due(company: str, period) -> date:
	"""Bills for a month's usage are due on the Payment Due duty of the following month."""
	month = add_months(get_first_day(period), 1)
	return due_date(PAYMENT_DUE_DUTY, month.year, month.month, company).date()


def customers_to_bill(company: str, period) -> list[str]:
	with_usage = frappe.get_all("Usage Statement", filters={"company": company, "period": period}, pluck="customer", distinct=True)
	with_fees = frappe.get_all("Business Order", filters={"company": company, "status": ("in", ("Activated", "Archived"))}, pluck="customer", distinct=True)
	return sorted(set(with_usage) | set(with_fees))


def invoice_items(company: str, customer: str, period) -> list[dict]:
	items = []
	usage = frappe.get_all(
		"Usage Statement",
		filters={"company": company, "customer": customer, "period": period},
		fields=["line_or_number", "calls", "minutes", "amount"],
		order_by="line_or_number",
	)
	month = getdate(period).strftime("%Y-%m")
	for u in usage:
		items.append(
			{
				"item_code": USAGE_ITEM,
				"qty": 1,
				"rate": u.amount,
				"description": _("VOS usage {0} {1}: {2} calls, {3} minutes").format(month, u.line_or_number or "", u.calls, flt(u.minutes, 2)),
			}
		)
	resources = frappe.db.sql(
		"""select r.item_code, r.quantity, r.monthly_fee, r.resource_numbers
		from `tabBusiness Order Resource` r join `tabBusiness Order` o on o.name = r.parent
		where o.company = %s and o.customer = %s and o.status in ('Activated', 'Archived') and r.monthly_fee > 0
		order by o.name, r.idx""",
		(company, customer),
		as_dict=True,
	)
	for r in resources:
		items.append({"item_code": r.item_code, "qty": r.quantity, "rate": r.monthly_fee, "description": _("Monthly fee {0}").format(month)})
	return items


def make_invoice(run, customer: str) -> str | None:
	"""One customer's bill; None when the customer is already billed for the month."""
	key = billing_key(run.company, customer, run.period)
	if frappe.db.exists("Sales Invoice", {"lvyue_billing_key": key}):
		return None
	items = invoice_items(run.company, customer, run.period)
	if not items:
		return None
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": run.company,
			"customer": customer,
			"posting_date": run.posting_date,
			"set_posting_time": 1,
			"due_date": run.due_date,
			"selling_price_list": selling_price_list(run.company),
			"lvyue_billing_run": run.name,
			"lvyue_billing_key": key,
			"items": items,
		}
	)
	frappe.db.savepoint("billing_invoice")
	try:
		invoice.insert(ignore_permissions=True)
		invoice.submit()
	except frappe.UniqueValidationError:
		# another worker billed this customer first: the unique key is the guard
		frappe.db.rollback(save_point="billing_invoice")
		return None
	return invoice.name


def selling_price_list(company: str) -> str | None:
	"""A selling price list in the company's currency, so bills need no exchange rate."""
	currency = frappe.get_cached_value("Company", company, "default_currency")
	default = frappe.db.get_single_value("Selling Settings", "selling_price_list")
	if default and frappe.db.get_value("Price List", default, "currency") == currency:
		return default
	price_list = frappe.db.get_value("Price List", {"selling": 1, "enabled": 1, "currency": currency})
	if not price_list:
		frappe.throw(_("Please create an enabled selling Price List in {0} for the bills.").format(currency))
	return price_list


def ensure_usage_item():
	if not frappe.db.exists("Item", USAGE_ITEM):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": USAGE_ITEM,
				"item_name": _("VOS Usage"),
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}) or frappe.db.get_value("Item Group", {}),
				"stock_uom": "Nos",
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
			}
		).insert(ignore_permissions=True)


def start_billing_run(run):
	"""Queue the run as a background job (RQ); the form shows its progress."""
	if run.status not in ("Draft", "Failed"):
		frappe.throw(_("This billing run is already {0}.").format(_(run.status)))
	run.due_date = payment_due(run.company, run.period)
	run.status = "Queued"
	run.save()
	frappe.enqueue(
		"lvyue_ops.lvyue_ops.billing.execute_billing_run",
		queue="long",
		timeout=4 * 3600,
		run=run.name,
		enqueue_after_commit=True,
		job_id=f"billing-run::{run.name}",
		deduplicate=True,
	)


def execute_billing_run(run: str, commit_every: int = 1):
	"""The job: bill every customer of the month, committing as it goes."""
	doc = frappe.get_doc("Billing Run", run)
	doc.db_set({"status": "Running", "error": None, "progress": 0})
	frappe.db.commit()
	try:
		ensure_usage_item()
		customers = customers_to_bill(doc.company, doc.period)
		created = skipped = 0
		report_every = max(1, len(customers) // 100)  # at most a hundred progress updates
		for i, customer in enumerate(customers, start=1):
			if make_invoice(doc, customer):
				created += 1
			else:
				skipped += 1
			if i % report_every == 0 or i == len(customers):
				progress = 100.0 * i / len(customers)
				doc.db_set({"invoices_created": created, "already_billed": skipped, "progress": progress}, update_modified=False)
				frappe.publish_progress(progress, title=_("Billing {0}").format(doc.name), doctype="Billing Run", docname=doc.name)
			if i % commit_every == 0:
				frappe.db.commit()
		doc.db_set({"status": "Completed", "progress": 100, "invoices_created": created, "already_billed": skipped})
		complete_task(BILLS_DUTY, doc.company, doc)
		frappe.db.commit()
	except Exception:
		frappe.db.rollback()
		doc.db_set({"status": "Failed", "error": frappe.get_traceback(with_context=False)[-1000:]})
		frappe.db.commit()
		raise
	return {"created": created, "already_billed": skipped}


def clear_billing_key(invoice, method=None):
	"""A cancelled bill frees its customer and month for a new one."""
	if invoice.get("lvyue_billing_key"):
		invoice.db_set("lvyue_billing_key", None)


# --- statements ---------------------------------------------------------------------------------


def queue_statements(run) -> int:
	"""Customer Service sends each customer its bill with the Chinese print format (Email Queue)."""
	if not {R.CUSTOMER_SERVICE, R.ACCOUNTS_MANAGER, "System Manager"} & set(frappe.get_roles()):
		frappe.throw(_("Customer Service sends the statements."), frappe.PermissionError)
	if run.status != "Completed":
		frappe.throw(_("Statements go out once the billing run has completed."))
	if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
		frappe.throw(_("Please set up a default outgoing Email Account before sending statements."))
	queued = 0
	for invoice in frappe.get_all(
		"Sales Invoice", filters={"lvyue_billing_run": run.name, "docstatus": 1}, fields=["name", "customer", "contact_email", "grand_total", "due_date"]
	):
		email = invoice.contact_email or frappe.db.get_value("Customer", invoice.customer, "email_id")
		if not email:
			continue
		frappe.sendmail(
			recipients=[email],
			subject=_("Your bill {0} for {1}").format(invoice.name, getdate(run.period).strftime("%Y-%m")),
			message=_("Dear {0}, please find attached your bill of {1}, due on {2}.").format(
				invoice.customer, frappe.format_value(invoice.grand_total, {"fieldtype": "Currency"}), frappe.format_value(invoice.due_date, {"fieldtype": "Date"})
			),
			reference_doctype="Sales Invoice",
			reference_name=invoice.name,
			attachments=[{"print_format_attachment": 1, "doctype": "Sales Invoice", "name": invoice.name, "print_format": "Lvyue Bill", "lang": "zh"}],
		)
		queued += 1
	run.db_set("statements_queued", queued)
	return queued
