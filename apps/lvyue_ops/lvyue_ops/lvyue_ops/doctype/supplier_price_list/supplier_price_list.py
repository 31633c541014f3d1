# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.lvyue_ops import procurement


class SupplierPriceList(Document):
	def validate(self):
		procurement.validate_price_list(self)

	def on_submit(self):
		procurement.sync_item_prices(self)

	def on_cancel(self):
		procurement.remove_item_prices(self)

	@frappe.whitelist()
	def import_price_sheet(self):
		if not self.price_sheet:
			frappe.throw(frappe._("Please attach the supplier's price sheet first."))
		file = frappe.get_doc("File", {"file_url": self.price_sheet})
		with open(file.get_full_path(), "rb") as f:
			return procurement.import_price_sheet(self, file.file_name, f.read())
