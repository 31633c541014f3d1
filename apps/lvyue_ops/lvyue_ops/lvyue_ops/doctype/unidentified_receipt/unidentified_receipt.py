# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import receivables
from lvyue_ops.lvyue_ops.status import guard_status


class UnidentifiedReceipt(Document):
	def validate(self):
		guard_status(self)

	@frappe.whitelist()
	def confirm(self):
		receivables.confirm_receipt(self)

	@frappe.whitelist()
	def post(self):
		receivables.post_receipt(self)
