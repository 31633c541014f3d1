"""The customer portal: a customer's qualification checklist, its orders, and document uploads.

A portal user belongs to the customers whose ERPNext `portal_users` name them (Customer → Portal
Users), which only staff who may edit the Customer set; a Contact the user could make for
themselves grants nothing. The Contact the Business Assistant sets up for a customer's person is
kept in step (overrides/contact.py)."""

import os

import frappe
from frappe import _
from frappe.utils import add_months, flt, get_first_day, getdate, now_datetime, nowdate

from lvyue_ops.business_acceptance.doctype.customer_qualification.customer_qualification import (
	QUALIFICATION_DOCUMENTS,
	get_qualification,
	store_document,
)
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting, get_settings

# What a file of each type starts with: the extension alone is not trusted.
SIGNATURES = {
	"pdf": (b"%PDF-",),
	"jpg": (b"\xff\xd8\xff",),
	"jpeg": (b"\xff\xd8\xff",),
	"png": (b"\x89PNG\r\n\x1a\n",),
}


def portal_customers(user: str | None = None) -> list[str]:
	"""Customers whose portal users include the user."""
	user = user or frappe.session.user
	if user == "Guest":
		return []
	return sorted(
		frappe.get_all(
			"Portal User", filters={"parenttype": "Customer", "user": user}, pluck="parent", distinct=True
		)
	)


def add_portal_user(customer: str, user: str):
	"""Give the user the customer's portal (by staff only: ERPNext's Portal User row)."""
	if user in portal_customers_of(customer):
		return
	doc = frappe.get_doc("Customer", customer)
	doc.append("portal_users", {"user": user})
	doc.flags.ignore_permissions = True
	doc.save()


def remove_portal_user(customer: str, user: str):
	"""Take the customer's portal from the user (the staff unlinked their Contact)."""
	if user not in portal_customers_of(customer):
		return
	doc = frappe.get_doc("Customer", customer)
	doc.set("portal_users", [row for row in doc.portal_users if row.user != user])
	doc.flags.ignore_permissions = True
	doc.save()


def portal_customers_of(customer: str) -> list[str]:
	return frappe.get_all("Portal User", filters={"parenttype": "Customer", "parent": customer}, pluck="user")


def check_portal_access(customer: str):
	if customer not in portal_customers():
		frappe.throw(_("You can only see the documents of your own company."), frappe.PermissionError)


def customer_checklist(customer: str) -> dict:
	"""What the portal shows of a customer; read only (a GET makes nothing)."""
	rows = {
		row.document_type: row
		for row in frappe.get_all(
			"Customer Qualification Document",
			filters={"parent": customer, "parenttype": "Customer Qualification"},
			fields=["document_type", "status", "rejection_reason", "reviewed_on"],
		)
	}
	documents = []
	for document_type in QUALIFICATION_DOCUMENTS:
		row = rows.get(document_type) or frappe._dict(status="Missing")
		documents.append(
			{
				"document_type": document_type,
				"status": row.status,
				"rejection_reason": row.rejection_reason,
				"reviewed_on": row.reviewed_on,
				"can_upload": row.status in ("Missing", "Rejected", "Pending Review"),
			}
		)
	return {
		"customer": customer,
		"customer_name": frappe.db.get_value("Customer", customer, "customer_name"),
		"complete": frappe.db.get_value("Customer Qualification", customer, "qualification_status")
		== "Complete",
		"documents": documents,
		"orders": frappe.get_all(
			"Business Order",
			filters={"customer": customer},
			fields=["name", "order_type", "status", "order_date"],
			order_by="order_date desc",
		),
	}


def validate_upload(filename: str | None, content: bytes | None) -> str:
	"""Only PDF/JPG/PNG (by name and by content) within the size limit; returns the extension."""
	if not filename or not content:
		frappe.throw(_("Please choose a file to upload."))
	allowed = get_settings().get_allowed_extensions()
	extension = os.path.splitext(filename)[1].lstrip(".").lower()
	if extension not in allowed:
		frappe.throw(
			_("Only these file types can be uploaded: {0}.").format(", ".join(a.upper() for a in allowed))
		)
	limit_mb = get_setting("max_upload_size_mb")
	if len(content) > limit_mb * 1024 * 1024:
		frappe.throw(_("The file is larger than {0} MB.").format(limit_mb))
	if not content.startswith(SIGNATURES.get(extension, (b"",))) or not _readable(extension, content):
		frappe.throw(_("The file's content is not a valid {0} file.").format(extension.upper()))
	return extension


def _readable(extension: str, content: bytes) -> bool:
	"""Frappe itself opens PDFs and images on upload; a broken one must fail here, clearly."""
	from io import BytesIO

	try:
		if extension == "pdf":
			from pypdf import PdfReader

			PdfReader(BytesIO(content))
		else:
			from PIL import Image

			Image.open(BytesIO(content)).verify()
	except Exception:
		return False
	return True


@frappe.whitelist(methods=["POST"])
def upload_qualification_document(customer: str, document_type: str):
	"""Upload (or replace) one of the customer's qualification documents; it goes to review. The
	stored file is named by the server, never by the browser (the name is shown to reviewers)."""
	check_portal_access(customer)
	if document_type not in QUALIFICATION_DOCUMENTS:
		frappe.throw(_("Unknown document type: {0}.").format(document_type))
	upload = frappe.request.files.get("file") if frappe.request else None
	content = upload.stream.read() if upload else None
	extension = validate_upload(upload.filename if upload else None, content)

	qualification = get_qualification(customer)
	row = next((r for r in qualification.documents if r.document_type == document_type), None)
	if not row:
		frappe.throw(_("Unknown document type: {0}.").format(document_type))
	if row.status == "Approved":
		frappe.throw(_("{0} is already approved; there is nothing to upload.").format(_(document_type)))
	previous = row.file
	row.file = store_document(qualification.name, document_type, content, extension)
	qualification.flags.ignore_permissions = True
	qualification.save()
	if previous:
		# a replaced upload is not kept: one file per document awaiting review
		for name in frappe.get_all(
			"File", filters={"file_url": previous, "attached_to_name": qualification.name}, pluck="name"
		):
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)
	return {"document_type": document_type, "status": row.status}


def customer_lines(customer: str) -> dict:
	"""The customer's lines and numbers in service or ended (the register), as the portal shows
	them; read only."""
	return {
		"customer": customer,
		"customer_name": frappe.db.get_value("Customer", customer, "customer_name"),
		"lines": frappe.get_all(
			"Service Line",
			filters={"customer": customer, "status": ("!=", "Pending")},
			fields=["numbers", "line_type", "status", "active_from", "ended_on", "quantity", "monthly_fee"],
			order_by="status, numbers",
		),
	}


def customer_usage(customer: str, months: int = 12) -> dict:
	"""The customer's usage of the last `months` months (its Usage Statements, by usage month):
	calls, billed minutes and amount, oldest first; read only."""
	first = getdate(add_months(get_first_day(nowdate()), -(months - 1)))
	rows = frappe.db.sql(
		"""select period, sum(calls) as calls, sum(minutes) as minutes, sum(amount) as amount
		from `tabUsage Statement` where customer = %s and period >= %s
		group by period order by period""",
		(customer, first),
		as_dict=True,
	)
	top = max((flt(r.amount) for r in rows), default=0)
	for row in rows:
		row.share = round(100 * flt(row.amount) / top) if top else 0
	return {
		"customer": customer,
		"customer_name": frappe.db.get_value("Customer", customer, "customer_name"),
		"months": rows,
	}


def customer_complaints(customer: str) -> dict:
	"""The customer's complaints, newest first, with their reply once answered; read only."""
	complaints = frappe.get_all(
		"Complaint Register",
		filters={"customer": customer},
		fields=["name", "received_on", "content", "status", "reply", "replied_on"],
		order_by="received_on desc",
		limit=50,
	)
	for complaint in complaints:
		if complaint.status == "Open":
			complaint.reply = None
		complaint.progress = frappe.get_all(
			"Complaint Progress",
			filters={"parenttype": "Complaint Register", "parent": complaint.name},
			fields=["told_on", "update"],
			order_by="idx",
		)
	return {
		"customer": customer,
		"customer_name": frappe.db.get_value("Customer", customer, "customer_name"),
		"complaints": complaints,
	}


@frappe.whitelist(methods=["POST"])
def file_complaint(customer: str, content: str | None = None) -> str:
	"""A complaint the customer writes on the portal: a written complaint (第五条 2-3) whose letter is
	what they wrote; it goes to the Operations Supervisor for a written reply to the user's email."""
	from lvyue_ops.customer_service.satisfaction import customer_company

	check_portal_access(customer)
	content = (content or "").strip()
	if not content:
		frappe.throw(_("Please write what your complaint is about."))
	if len(content) > 5000:
		frappe.throw(_("Please keep the complaint under {0} characters.").format(5000))
	company = customer_company(customer)
	if not company:
		frappe.throw(_("Your account is not linked to a customer yet. Please contact your account manager."))
	complaint = frappe.get_doc(
		{
			"doctype": "Complaint Register",
			"company": company,
			"customer": customer,
			"received_on": now_datetime(),
			"channel": "Written",
			"content": content,
			"reply_email": frappe.db.get_value("User", frappe.session.user, "email"),
		}
	)
	complaint.flags.from_portal = True
	complaint.insert(ignore_permissions=True)
	return complaint.name


# an invoice application's status, as the customer reads it
INVOICE_REQUEST_STATUS = {
	"Draft": "Request Received",
	"Submitted to Finance": "Being Issued",
	"Issued": "Invoice Issued",
	"Delivered": "Invoice Mailed",
}
# what the customer may give for the VAT invoice (the Customer's own are the default)
INVOICE_DETAILS = ("invoice_title", "taxpayer_id", "invoice_bank", "invoice_address")


def customer_invoice_requests(customer: str) -> dict:
	"""The customer's VAT invoice applications (发票申请) with their status and mailing, and the
	bills that have reached it and are not in one yet; read only."""
	from lvyue_ops.billing.billing import customer_bills

	applications = frappe.get_all(
		"Invoice Application",
		filters={"customer": customer},
		fields=[
			"name",
			"application_date",
			"status",
			"total_amount",
			"invoice_number",
			"invoice_date",
			"courier",
			"tracking_number",
		],
		order_by="application_date desc, creation desc",
		limit=50,
	)
	for application in applications:
		application.shown_status = INVOICE_REQUEST_STATUS.get(application.status, application.status)
	bills = customer_bills(customer)
	applied = set(
		frappe.get_all(
			"Invoice Application Item",
			filters={
				"parenttype": "Invoice Application",
				"sales_invoice": ("in", [b.name for b in bills] or [""]),
			},
			pluck="sales_invoice",
		)
	)
	details = frappe.db.get_value(
		"Customer",
		customer,
		["customer_name", "tax_id", "lvyue_invoice_bank", "lvyue_invoice_address"],
		as_dict=True,
	)
	return {
		"customer": customer,
		"customer_name": details.customer_name,
		"applications": applications,
		"bills": [b for b in bills if b.name not in applied],
		"details": {
			"invoice_title": details.customer_name,
			"taxpayer_id": details.tax_id,
			"invoice_bank": details.lvyue_invoice_bank,
			"invoice_address": details.lvyue_invoice_address,
		},
	}


@frappe.whitelist(methods=["POST"])
def request_invoice(customer: str, bills: str | list | None = None, **details) -> list[str]:
	"""The customer asks for the VAT invoice of some of its bills (those that have reached it):
	one application per company, received by Customer Service, who submits it to Finance."""
	from lvyue_ops.billing.billing import customer_bills
	from lvyue_ops.utils.notify import assign_step

	check_portal_access(customer)
	ticked = frappe.request.form.getlist("bills") if frappe.request else []
	if len(ticked) > 1:  # the form's ticked boxes (one alone is `bills` itself)
		bills = ticked
	elif isinstance(bills, str):
		bills = frappe.parse_json(bills) if bills.startswith("[") else [bills]
	bills = sorted(set(bills or []))
	if not bills:
		frappe.throw(_("Please choose the bills to invoice."))
	released = {b.name: b for b in customer_bills(customer, limit=1000)}
	unknown = [b for b in bills if b not in released]
	if unknown:
		frappe.throw(_("{0} is not one of your bills.").format(unknown[0]), frappe.PermissionError)
	by_company: dict[str, list[str]] = {}
	for bill in bills:
		by_company.setdefault(frappe.db.get_value("Sales Invoice", bill, "company"), []).append(bill)
	given = {key: (details.get(key) or "").strip() for key in INVOICE_DETAILS}
	made = []
	for company, company_bills in sorted(by_company.items()):
		application = frappe.get_doc(
			{
				"doctype": "Invoice Application",
				"company": company,
				"customer": customer,
				"application_date": nowdate(),
				"items": [{"sales_invoice": b} for b in company_bills],
				**{key: value for key, value in given.items() if value},
			}
		).insert(ignore_permissions=True)
		assign_step(
			"invoice_application.submit",
			application.doctype,
			application.name,
			lambda application=application: _(
				"{0} asks on the portal for the VAT invoice of {1}: please submit it to Finance"
			).format(customer, application.name),
			company=company,
		)
		made.append(application.name)
	return made


def customer_page(context, route: str, title: str, of_customer) -> dict:
	"""A portal page of the user's customers (www/): signed in, with the portal's menu, one section
	per customer the user belongs to (`of_customer` reads it)."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = f"/login?redirect-to={route}"
		raise frappe.Redirect
	context.title = title
	context.show_sidebar = True
	context.customers = [of_customer(customer) for customer in portal_customers()]
	return context
