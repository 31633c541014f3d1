# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import receivables
from lvyue_ops.lvyue_ops.status import guard_status


class WriteoffRequest(Document):
	# its duty is done when Finance attaches the voucher, not when the request is made
	completes_duty_itself = True

	def validate(self):
		guard_status(self)
		receivables.validate_write_off(self)

	@frappe.whitelist()
	def attach_voucher(self, file_url: str | None = None):
		receivables.attach_voucher(self, file_url)
