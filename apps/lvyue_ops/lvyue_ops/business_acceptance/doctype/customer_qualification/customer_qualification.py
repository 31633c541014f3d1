# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A customer's qualification documents (营业执照, 法人/经营人/经办人身份证): one record per
customer, reviewed by the Business Assistant and reused by every later order."""

import os
import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from lvyue_ops.permissions import require_step
from lvyue_ops.utils.files import check_file_name

QUALIFICATION_DOCUMENTS = ("Business Licence", "Legal Representative ID", "Operator ID", "Handler ID")


class CustomerQualification(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.business_acceptance.doctype.customer_qualification_document.customer_qualification_document import (
			CustomerQualificationDocument,
		)

		customer: DF.Link
		customer_name: DF.Data | None
		documents: DF.Table[CustomerQualificationDocument]
		qualification_status: DF.Literal["Incomplete", "Complete"]

	# end: auto-generated types
	def validate(self):
		"""One row per document type; uploads go to review; only reviewers approve or reject."""
		seen = set()
		for row in self.documents:
			if row.document_type in seen:
				frappe.throw(_("{0} is listed twice.").format(_(row.document_type)))
			seen.add(row.document_type)
		for document_type in QUALIFICATION_DOCUMENTS:
			if document_type not in seen:
				self.append("documents", {"document_type": document_type, "status": "Missing"})

		before = {
			row.name: row for row in (self.get_doc_before_save() or frappe._dict(documents=[])).documents
		}
		for row in self.documents:
			old = before.get(row.name)
			file_changed = not old or old.file != row.file
			status_changed = not old or old.status != row.status
			if file_changed and row.file:
				check_file_name(row.file, _("Row {0}: {1}").format(row.idx, _(row.document_type)))
				row.status = "Pending Review"
				row.uploaded_on = now_datetime()
				row.uploaded_by = frappe.session.user
				row.rejection_reason = None
				row.reviewed_by = row.reviewed_on = None
				row.sealed = 0  # a new copy is looked at afresh
			elif not row.file:
				row.status = "Missing"
			elif status_changed and row.status in ("Approved", "Rejected"):
				self.review(row)
			elif status_changed and old:
				frappe.throw(_("Row {0}: a document can only be approved or rejected.").format(row.idx))
			elif old and old.sealed != row.sealed:
				require_step("customer_qualification.review")
		self.qualification_status = "Complete" if self.is_complete() else "Incomplete"

	def review(self, row):
		require_step("customer_qualification.review")
		if row.status == "Rejected" and not (row.rejection_reason or "").strip():
			frappe.throw(
				_("Row {0}: please give the reason for rejecting {1}.").format(row.idx, _(row.document_type))
			)
		if row.status == "Approved":
			if not row.sealed:
				frappe.throw(
					_(
						"Row {0}: a copy of {1} is approved only with the customer's seal on it: please check that it is sealed."
					).format(row.idx, _(row.document_type))
				)
			row.rejection_reason = None
		row.reviewed_by = frappe.session.user
		row.reviewed_on = now_datetime()

	def is_complete(self) -> bool:
		approved = {row.document_type for row in self.documents if row.status == "Approved"}
		return approved >= set(QUALIFICATION_DOCUMENTS)

	def on_update(self):
		"""Orders of the customer follow its qualification: Accepted -> Documents Complete."""
		for order in frappe.get_all(
			"Business Order",
			filters={"customer": self.customer, "status": ("in", ("Draft", "Accepted"))},
			fields=["name", "status", "qualification_status"],
		):
			if order.status == "Accepted" and self.qualification_status == "Complete":
				frappe.get_doc("Business Order", order.name).documents_completed()
			elif order.qualification_status != self.qualification_status:
				frappe.db.set_value(
					"Business Order", order.name, "qualification_status", self.qualification_status
				)

	def record_documents(self, files: dict[str, str]):
		"""Put files (document type -> file URL) into the qualification for review: each as a copy
		the server names, as the portal's uploads are (the name is shown to the reviewer, security
		review N-H2)."""
		for row in self.documents:
			if files.get(row.document_type):
				source = qualification_file(files[row.document_type])
				extension = os.path.splitext(source.file_name or source.file_url)[1].lstrip(".").lower()
				row.file = store_document(self.name, row.document_type, source.get_content(), extension)
		self.save(ignore_permissions=True)

	def missing_documents(self) -> list[str]:
		return [row.document_type for row in self.documents if row.status != "Approved"]


def get_qualification(customer: str) -> CustomerQualification:
	"""The customer's qualification record, created with one row per required document."""
	if frappe.db.exists("Customer Qualification", customer):
		return frappe.get_doc("Customer Qualification", customer)
	doc = frappe.new_doc("Customer Qualification")
	doc.customer = customer
	doc.insert(ignore_permissions=True)
	return doc


def qualification_file(file_url: str):
	"""The File of a paper handed in on an order: one the app keeps for the reviewer (attached to a
	Customer Qualification) or attached to a Business Order, never any other file of the site."""
	name = frappe.db.get_value(
		"File",
		{
			"file_url": file_url,
			"attached_to_doctype": ("in", ("Customer Qualification", "Business Order")),
			"is_folder": 0,
		},
	)
	if not name:
		frappe.throw(
			_("{0} is not a file handed in with the order.").format(frappe.utils.escape_html(file_url)),
			frappe.PermissionError,
		)
	return frappe.get_doc("File", name)


def store_document(qualification: str, document_type: str, content: bytes | str, extension: str) -> str:
	"""Store a qualification document as a private file named by the server and attached to the
	qualification; returns its URL. The name the browser gave is never kept (it is shown to the
	reviewer: security review H2, N-H2)."""
	extension = re.sub(r"[^a-z0-9]", "", (extension or "").lower())[:8] or "bin"
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{frappe.scrub(document_type)}-{frappe.generate_hash(length=8)}.{extension}",
			"content": content,
			"is_private": 1,
			"attached_to_doctype": "Customer Qualification",
			"attached_to_name": qualification,
			"attached_to_field": "documents",
		}
	).insert(ignore_permissions=True)
	if file.file_url != f"/private/files/{file.file_name}":
		# frappe reused a stored file of the same content, and with it the name its uploader gave
		file.save_file(content=content, ignore_existing_file_check=True)
		file.db_set({"file_url": file.file_url, "file_name": file.file_name})
	return file.file_url


def qualification_complete(customer: str) -> bool:
	return frappe.db.get_value("Customer Qualification", customer, "qualification_status") == "Complete"
