# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import service
from lvyue_ops.lvyue_ops.status import guard_status


class PublicCrisis(Document):
	def validate(self):
		guard_status(self)

	@frappe.whitelist()
	def notify_departments(self):
		return service.notify_departments(self)
