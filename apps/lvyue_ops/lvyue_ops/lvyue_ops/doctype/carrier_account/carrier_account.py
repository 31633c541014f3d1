# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import procurement


class CarrierAccount(Document):
	def validate(self):
		procurement.validate_carrier_account(self)

	@frappe.whitelist()
	def raise_recharge_request(self, amount: float):
		return procurement.raise_recharge_request(self, amount)
