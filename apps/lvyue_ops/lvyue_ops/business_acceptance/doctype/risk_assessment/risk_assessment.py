# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class RiskAssessment(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessed_by: DF.Link | None
		assessment: DF.TextEditor | None
		business_order: DF.Link | None
		customer: DF.Link
		decision: DF.Literal["", "Shut Down", "Grant Extension", "Continue Service"]
		reason: DF.SmallText
		status: DF.Literal["Open", "Closed"]

	# end: auto-generated types
	def validate(self):
		if self.status == "Closed" and not self.decision:
			frappe.throw(_("Please record the decision before closing the risk assessment."))
		if self.has_value_changed("decision") and self.decision:
			self.assessed_by = frappe.session.user
