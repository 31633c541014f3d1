"""The customer portal: a customer's qualification checklist, its orders, and document uploads.

Portal users are ERPNext website users linked to their Customer through a Contact; they only ever
see the customers they are linked to."""

import os

import frappe
from frappe import _
from frappe.query_builder import DocType

from lvyue_ops.business_acceptance.doctype.customer_qualification.customer_qualification import (
	QUALIFICATION_DOCUMENTS,
	get_qualification,
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
	"""Customers the user is linked to through a Contact."""
	user = user or frappe.session.user
	if user == "Guest":
		return []
	contact, link = DocType("Contact"), DocType("Dynamic Link")
	rows = (
		frappe.qb.from_(link)
		.join(contact)
		.on(link.parent == contact.name)
		.select(link.link_name)
		.distinct()
		.where((contact.user == user) & (link.parenttype == "Contact") & (link.link_doctype == "Customer"))
		.run(pluck=True)
	)
	return sorted(rows)


def check_portal_access(customer: str):
	if customer not in portal_customers():
		frappe.throw(_("You can only see the documents of your own company."), frappe.PermissionError)


def customer_checklist(customer: str) -> dict:
	qualification = get_qualification(customer)
	order = {d: i for i, d in enumerate(QUALIFICATION_DOCUMENTS)}
	return {
		"customer": customer,
		"customer_name": frappe.db.get_value("Customer", customer, "customer_name"),
		"complete": qualification.qualification_status == "Complete",
		"documents": [
			{
				"document_type": row.document_type,
				"status": row.status,
				"rejection_reason": row.rejection_reason,
				"reviewed_on": row.reviewed_on,
				"can_upload": row.status in ("Missing", "Rejected", "Pending Review"),
			}
			for row in sorted(qualification.documents, key=lambda r: order.get(r.document_type, 99))
		],
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
	"""Upload (or replace) one of the customer's qualification documents; it goes to review."""
	check_portal_access(customer)
	if document_type not in QUALIFICATION_DOCUMENTS:
		frappe.throw(_("Unknown document type: {0}.").format(document_type))
	upload = frappe.request.files.get("file") if frappe.request else None
	content = upload.stream.read() if upload else None
	validate_upload(upload.filename if upload else None, content)

	qualification = get_qualification(customer)
	row = next(r for r in qualification.documents if r.document_type == document_type)
	if row.status == "Approved":
		frappe.throw(_("{0} is already approved; there is nothing to upload.").format(_(document_type)))
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{document_type.replace(' ', '_')}_{os.path.basename(upload.filename)}",
			"content": content,
			"is_private": 1,
			"attached_to_doctype": "Customer Qualification",
			"attached_to_name": qualification.name,
			"attached_to_field": "documents",
		}
	).insert(ignore_permissions=True)
	row.file = file.file_url
	qualification.flags.ignore_permissions = True
	qualification.save()
	return {"document_type": document_type, "status": row.status}
