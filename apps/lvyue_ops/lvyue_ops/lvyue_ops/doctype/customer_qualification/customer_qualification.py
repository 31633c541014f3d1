# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from lvyue_ops.lvyue_ops import acceptance


class CustomerQualification(Document):
	def validate(self):
		acceptance.validate_qualification(self)

	def on_update(self):
		acceptance.on_qualification_update(self)
