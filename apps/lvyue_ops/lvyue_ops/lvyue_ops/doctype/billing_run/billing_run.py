# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import get_first_day

from lvyue_ops.lvyue_ops import billing


class BillingRun(Document):
	# its duty (Customer Bills) is done when the run completes, not when it is created
	completes_duty_itself = True

	def validate(self):
		billing.validate_billing_run(self)

	@frappe.whitelist()
	def start(self):
		billing.start_billing_run(self)

	@frappe.whitelist()
	def send_statements(self):
		return billing.queue_statements(self)
