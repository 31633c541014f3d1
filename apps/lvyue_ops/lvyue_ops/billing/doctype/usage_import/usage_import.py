# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A VOS usage file imported by the Business Assistant (运营部管理规定 第四章第二条 1-4): a month's
totals per account (importer.py), or VOS's call records (话单) export (vos/cdr_file.py), from which
the month's statements are then made (vos/usage.py). The form's button queues a background job
that reads the file whole or not at all, with a progress bar."""

import os

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_first_day, now_datetime

from lvyue_ops.billing.doctype.usage_import.importer import UsageFile
from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.utils import local_files
from lvyue_ops.utils.files import attached_file
from lvyue_ops.utils.jobs import enqueue_long, forget_job, job_alive

CALL_RECORDS = "VOS Call Records"


class UsageImport(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.billing.doctype.usage_import_error.usage_import_error import UsageImportError

		company: DF.Link
		duplicate_rows: DF.Int
		error_count: DF.Int
		errors: DF.Table[UsageImportError]
		file_format: DF.Literal["Monthly Totals", "VOS Call Records"]
		finished_at: DF.Datetime | None
		import_file: DF.Attach | None
		imported_rows: DF.Int
		period: DF.Date | None
		processed_rows: DF.Int
		started_at: DF.Datetime | None
		status: DF.Literal["Draft", "Queued", "Importing", "Imported", "Failed"]
		supplementary_rows: DF.Int
		total_amount: DF.Currency
		unknown_account_rows: DF.Int
		vos_server: DF.Link | None
	# end: auto-generated types
	status_flow = {
		"Draft": ("Queued",),
		"Failed": ("Queued",),
		"Queued": ("Importing", "Failed"),
		"Importing": ("Imported", "Failed"),
	}

	def validate(self):
		if self.file_format == CALL_RECORDS:
			self.period = None
			if frappe.db.get_value("VOS Server", self.vos_server, "company") != self.company:
				frappe.throw(_("VOS Server {0} is not of company {1}.").format(self.vos_server, self.company))
		else:
			self.vos_server = None
			self.period = get_first_day(self.period)
		self.validate_status_change()
		self.validate_locked(("Draft", "Failed"))

	@frappe.whitelist(methods=["POST"])
	def start_import(self):
		"""Queue the import (the request returns at once); the form shows its progress."""
		self.begin_action("usage_import.import")
		lost = self.status in ("Queued", "Importing") and not job_alive(self.job_id)
		if not lost:
			self.require_status(
				"Draft", "Failed", message=_("This import is {0} already.").format(_(self.status))
			)
		self.check_file()
		self.set("errors", [])
		self.error_count = self.processed_rows = self.imported_rows = 0
		self.duplicate_rows = self.unknown_account_rows = 0
		if lost:  # its worker died (the job commits nothing until it ends): start it again
			forget_job(self.job_id)
			self.status = "Draft"
		self.move_to("Queued")
		enqueue_long(
			"lvyue_ops.billing.doctype.usage_import.usage_import.run_import", self.job_id, name=self.name
		)

	@property
	def job_id(self) -> str:
		return f"usage-import::{self.name}"

	def check_file(self):
		if not self.import_file:
			frappe.throw(_("Please attach the usage file first."))
		attached_file(self, self.import_file, limit_size=True)

	def set_progress(self, rows: int, percent: int | None = None):
		self.db_set("processed_rows", rows, update_modified=False)
		frappe.publish_realtime(
			"lvyue_usage_import_progress",
			{"name": self.name, "rows": rows, "percent": percent},
			doctype=self.doctype,
			docname=self.name,
			after_commit=False,
		)


def reader_of(doc, progress):
	if doc.file_format == CALL_RECORDS:
		from lvyue_ops.vos.cdr_file import CdrFile

		return CdrFile(doc, progress=progress)
	return UsageFile(doc, progress=progress)


def run_import(name: str):
	"""The job: read the file and store its usage, or nothing and the errors (the worker commits
	at the end; a failure is recorded and committed here)."""
	local_files.allow()  # the call records are stored as files (before the job's first write)
	doc = frappe.get_doc("Usage Import", name)
	if doc.status != "Queued":  # a job run twice (or after the import was started again)
		return
	doc.started_at = now_datetime()
	doc.move_to("Importing", ignore_permissions=True)
	file = attached_file(doc, doc.import_file)
	try:
		with open(file.get_full_path(), "rb") as stream:  # raw bytes: the encoding is ours to find
			size = os.fstat(stream.fileno()).st_size or 1
			csv_file = file.file_name.lower().endswith(".csv")

			def progress(rows):  # how far through a CSV; an XLSX (a zip) counts its rows only
				read = csv_file and not stream.closed  # the reader closes the file at its end
				doc.set_progress(rows, min(99, int(100 * stream.tell() / size)) if read else None)

			reader = reader_of(doc, progress)
			complete = reader.run(file.file_name, stream)
	except Exception:
		frappe.db.rollback()
		doc.reload()
		doc.append(
			"errors",
			{
				"row_no": 0,
				"column": "",
				"message": _("The import stopped: {0}").format(
					frappe.get_traceback(with_context=False)[-300:]
				),
			},
		)
		doc.error_count = 1
		doc.finished_at = now_datetime()
		doc.move_to("Failed", ignore_permissions=True)
		frappe.db.commit()
		raise
	doc.reload()
	doc.set("errors", reader.errors)
	doc.update(
		{
			"processed_rows": reader.rows,
			"imported_rows": reader.stored,
			"supplementary_rows": reader.supplementary,
			"total_amount": reader.total,
			"error_count": reader.error_count,
			"duplicate_rows": getattr(reader, "duplicates", 0),
			"unknown_account_rows": getattr(reader, "unknown", 0),
			"finished_at": now_datetime(),
		}
	)
	doc.move_to("Imported" if complete else "Failed", ignore_permissions=True)
	if complete and doc.file_format == CALL_RECORDS:
		from lvyue_ops.vos.usage import remake_later

		remake_later(doc.company, reader.months, usage_import=doc.name)
	frappe.publish_realtime(
		"lvyue_usage_import_progress", {"name": name, "done": True}, doctype=doc.doctype, docname=name
	)
	return complete
