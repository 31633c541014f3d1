# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import service
from lvyue_ops.naming import name_from_series


class ComplaintRegister(Document):
	def autoname(self):
		name_from_series(self, "TS-.YYYY.-")

	def validate(self):
		service.validate_complaint(self)

	def after_insert(self):
		service.after_complaint_insert(self)

	@frappe.whitelist()
	def send_reply(self):
		service.reply_to_complaint(self)
