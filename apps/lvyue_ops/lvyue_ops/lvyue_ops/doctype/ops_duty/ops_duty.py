# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from lvyue_ops.lvyue_ops.ops_calendar import validate_duty


class OpsDuty(Document):
	def validate(self):
		validate_duty(self)
