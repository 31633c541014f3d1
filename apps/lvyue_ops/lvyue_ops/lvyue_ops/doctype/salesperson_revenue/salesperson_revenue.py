# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import receivables
from lvyue_ops.lvyue_ops.status import guard_status


class SalespersonRevenue(Document):
	# the HR duty is done when the figure is delivered, not when it is drafted
	completes_duty_itself = True

	def validate(self):
		guard_status(self)
		receivables.prepare_salesperson_revenue(self)

	@frappe.whitelist()
	def confirm(self):
		receivables.confirm_salesperson_revenue(self)

	@frappe.whitelist()
	def deliver_to_hr(self):
		receivables.deliver_salesperson_revenue(self)
