# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from lvyue_ops.lvyue_ops import service


class SatisfactionSurvey(Document):
	def validate(self):
		service.validate_survey(self)
