# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import receivables
from lvyue_ops.lvyue_ops.status import guard_status


class InvoiceApplication(Document):
	def validate(self):
		guard_status(self)
		receivables.validate_invoice_application(self)

	@frappe.whitelist()
	def move_to(self, status: str):
		receivables.move_invoice_application(self, status)
