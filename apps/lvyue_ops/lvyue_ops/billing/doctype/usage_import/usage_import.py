# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A VOS usage file (话单) for a month: imported whole or not at all (importer.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_first_day

from lvyue_ops.billing.doctype.usage_import.importer import import_usage


class UsageImport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.billing.doctype.usage_import_error.usage_import_error import UsageImportError

		company: DF.Link
		errors: DF.Table[UsageImportError]
		import_file: DF.Attach
		imported_rows: DF.Int
		period: DF.Date
		status: DF.Literal["Draft", "Imported", "Failed"]
		total_amount: DF.Currency

	# end: auto-generated types
	def validate(self):
		self.period = get_first_day(self.period)
		if self.has_value_changed("import_file") and self.status != "Draft" and not self.is_new():
			frappe.throw(_("This import is done; make a new Usage Import for another file."))

	@frappe.whitelist()
	def import_file_now(self):
		if self.status == "Imported":
			frappe.throw(_("This file is already imported."))
		return import_usage(self)
