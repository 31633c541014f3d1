# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The satisfaction questionnaire (问卷调查) a customer's portal user fills in (web form
/satisfaction-survey)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from lvyue_ops.customer_service.doctype.customer_symposium.customer_symposium import check_score


class SatisfactionSurvey(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Literal[
			"", "Business Need", "Product Problem", "Customer Complaint", "Service Request", "Enquiry"
		]
		comments: DF.SmallText | None
		customer: DF.Link | None
		satisfaction: DF.Int
		service_speed: DF.Int
		submitted_by: DF.Link | None
		survey_date: DF.Date | None

	# end: auto-generated types
	def validate(self):
		"""The customer is the portal user's own, never chosen."""
		from lvyue_ops.portal import portal_customers

		if self.is_new():
			customers = portal_customers()
			if frappe.session.user != "Administrator" and "System Manager" not in frappe.get_roles():
				if not customers:
					frappe.throw(
						_("Only a customer's portal user fills the questionnaire."), frappe.PermissionError
					)
				self.customer = customers[0]
			self.submitted_by = frappe.session.user
		if not self.customer:
			frappe.throw(_("The questionnaire needs the customer."))
		self.satisfaction, self.service_speed = (
			cint(self.satisfaction),
			cint(self.service_speed),
		)  # web forms send text
		if not 1 <= self.satisfaction <= 5:
			frappe.throw(_("Satisfaction is a score from 1 to 5."))
		check_score(self.service_speed, _("Speed of Service (1-5)"))
