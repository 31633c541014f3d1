# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import procurement
from lvyue_ops.lvyue_ops.status import guard_status


class TariffAudit(Document):
	# its duty is done when the audit is completed
	completes_duty_itself = True

	def validate(self):
		guard_status(self)
		if self.is_new():
			procurement.fill_audit(self)
		procurement.validate_audit(self)

	@frappe.whitelist()
	def refresh_lines(self):
		procurement.fill_audit(self)
		self.save()

	@frappe.whitelist()
	def complete(self):
		procurement.complete_audit(self)
