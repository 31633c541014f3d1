# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import get_first_day

from lvyue_ops.lvyue_ops import receivables
from lvyue_ops.lvyue_ops.status import guard_status


class OverdueReview(Document):
	def validate(self):
		self.month = get_first_day(self.month)
		guard_status(self)
		if self.is_new() and not self.items:
			receivables.fetch_overdue(self)

	@frappe.whitelist()
	def fetch_overdue(self):
		receivables.fetch_overdue(self)
		self.save()

	@frappe.whitelist()
	def complete(self):
		receivables.complete_review(self)

	@frappe.whitelist()
	def create_dunnings(self):
		return receivables.create_dunnings(self)
