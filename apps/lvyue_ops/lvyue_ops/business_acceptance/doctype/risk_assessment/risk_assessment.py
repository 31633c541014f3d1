# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class RiskAssessment(Document):
	def validate(self):
		if self.status == "Closed" and not self.decision:
			frappe.throw(_("Please record the decision before closing the risk assessment."))
		if self.has_value_changed("decision") and self.decision:
			self.assessed_by = frappe.session.user
