# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import acceptance
from lvyue_ops.naming import name_from_series


class BusinessOrder(Document):
	def autoname(self):
		name_from_series(self, "BO-.YYYY.-")

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
