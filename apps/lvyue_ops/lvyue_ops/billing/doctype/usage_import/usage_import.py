# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A VOS usage file (话单) for a month: imported whole or not at all (importer.py)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_first_day

from lvyue_ops.billing.doctype.usage_import.importer import import_usage


class UsageImport(Document):
	def validate(self):
		self.period = get_first_day(self.period)
		if self.has_value_changed("import_file") and self.status != "Draft" and not self.is_new():
			frappe.throw(_("This import is done; make a new Usage Import for another file."))

	@frappe.whitelist()
	def import_file_now(self):
		if self.status == "Imported":
			frappe.throw(_("This file is already imported."))
		return import_usage(self)
