"""详单: the calls behind a customer's bill, as CSV or XLSX with the columns in the reader's language,
streamed from the CDR store a batch at a time (memory stays flat for a customer with hundreds of
thousands of calls).

Downloaded from the bill (Sales Invoice) by those who may read it — staff whose role reads bills,
and the customer's own portal users for a submitted bill; anyone else is refused."""

import csv
import io
import os
import tempfile
from datetime import date
from urllib.parse import quote

import frappe
from frappe import _
from frappe.utils import getdate
from werkzeug.wrappers import Response
from werkzeug.wsgi import wrap_file

from lvyue_ops.billing.billing import bill_released
from lvyue_ops.portal import portal_customers
from lvyue_ops.vos import call_records

FORMATS = {
	"csv": "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def headers() -> list[str]:
	return [
		_("Start Time"),
		_("End Time"),
		_("Caller Number"),
		_("Called Number"),
		_("Call Seconds"),
		_("Billed Seconds"),
		_("VOS Fee"),
		_("VOS Account"),
		_("Service Line"),
	]


def rows(company: str, customer: str, month: date):
	for start, stop, caller, callee, hold, fee_time, fee, account, line in call_records.customer_calls(
		company, customer, month
	):
		yield [
			start.strftime("%Y-%m-%d %H:%M:%S"),
			stop.strftime("%Y-%m-%d %H:%M:%S") if stop else "",
			caller or "",
			callee or "",
			hold,
			fee_time,
			f"{fee:.4f}",
			account,
			line or "",
		]


def csv_chunks(company: str, customer: str, month: date, batch: int = 2000):
	"""The CSV as bytes, a few thousand rows at a time (UTF-8 with BOM: Excel opens it as such)."""
	out = io.StringIO()
	out.write("\ufeff")
	writer = csv.writer(out)
	writer.writerow(headers())
	count = 0
	for row in rows(company, customer, month):
		writer.writerow(row)
		count += 1
		if count % batch == 0:
			yield out.getvalue().encode("utf-8")
			out.seek(0)
			out.truncate()
	yield out.getvalue().encode("utf-8")


def xlsx_file(company: str, customer: str, month: date) -> str:
	"""The XLSX written row by row (openpyxl's write-only mode) to a temporary file; its path."""
	from openpyxl import Workbook

	book = Workbook(write_only=True)
	sheet = book.create_sheet(_("Calls of the Bill"))
	sheet.append(headers())
	for row in rows(company, customer, month):
		row[6] = float(row[6])
		sheet.append(row)
	handle, path = tempfile.mkstemp(suffix=".xlsx")
	os.close(handle)
	book.save(path)
	return path


def bill_month(invoice) -> date:
	run = invoice.get("lvyue_billing_run")
	period = frappe.db.get_value("Billing Run", run, "period") if run else None
	if not period:
		frappe.throw(_("Bill {0} is not a bill of a billing run: it has no calls.").format(invoice.name))
	return getdate(period)


def check_bill_access(invoice) -> None:
	"""Staff who read the bill, or the bill's customer on the portal once the bill has reached it
	(submitted, and its run reviewed)."""
	user = frappe.session.user
	if frappe.get_cached_value("User", user, "user_type") == "System User":
		if frappe.has_permission("Sales Invoice", "read", doc=invoice, user=user):
			return
	elif (
		invoice.docstatus == 1 and invoice.customer in portal_customers(user) and bill_released(invoice.name)
	):
		return
	frappe.throw(_("You may not see the calls of this bill."), frappe.PermissionError)


@frappe.whitelist(methods=["GET"])
def download_calls(invoice: str, file_format: str = "csv"):
	"""The bill's 详单 as a download (GET: it changes nothing)."""
	if file_format not in FORMATS:
		frappe.throw(_("Choose CSV or XLSX."))
	if not frappe.db.exists("Sales Invoice", invoice):
		frappe.throw(_("You may not see the calls of this bill."), frappe.PermissionError)
	doc = frappe.get_doc("Sales Invoice", invoice)
	check_bill_access(doc)
	month = bill_month(doc)
	filename = f"{_('Calls of the Bill')}-{doc.customer_name or doc.customer}-{month:%Y-%m}.{file_format}"
	disposition = "attachment; filename*=UTF-8''" + quote(filename)
	if file_format == "csv":
		body = csv_chunks(doc.company, doc.customer, month)
		response = Response(body, mimetype=FORMATS["csv"], direct_passthrough=True)
	else:
		path = xlsx_file(doc.company, doc.customer, month)
		stream = open(path, "rb")
		os.unlink(path)  # the open handle keeps it readable until the response closes it
		response = Response(
			wrap_file(frappe.local.request.environ, stream), mimetype=FORMATS["xlsx"], direct_passthrough=True
		)
	response.headers["Content-Disposition"] = disposition
	return response
