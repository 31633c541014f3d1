# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import procurement
from lvyue_ops.naming import name_from_series


class PurchaseRequest(Document):
	def autoname(self):
		name_from_series(self, "PR-.YYYY.-")

	def validate(self):
		procurement.validate_purchase_request(self)

	def on_submit(self):
		procurement.make_material_request(self)

	@frappe.whitelist()
	def assign_executor(self, user: str):
		procurement.assign_executor(self, user)
