# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from lvyue_ops.lvyue_ops.procurement import validate_certification


class SupplierCertification(Document):
	def validate(self):
		validate_certification(self)
