# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import acceptance


class BusinessOrder(Document):
	def validate(self):
		acceptance.validate_order(self)

	@frappe.whitelist()
	def accept(self):
		acceptance.accept_order(self)

	@frappe.whitelist()
	def activate(self):
		acceptance.activate_order(self)

	@frappe.whitelist()
	def archive(self):
		acceptance.archive_order(self)

	@frappe.whitelist()
	def cancel_order(self):
		acceptance.cancel_order(self)
