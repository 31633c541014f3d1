# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The satisfaction questionnaire (问卷调查) a customer's portal user fills in (web form
/satisfaction-survey), or Customer Service enters when it comes back by email or fax."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, get_first_day, get_last_day, today

from lvyue_ops.customer_service.doctype.customer_symposium.customer_symposium import check_score
from lvyue_ops.customer_service.satisfaction import customer_company
from lvyue_ops.permissions import has_step
from lvyue_ops.utils.sheets import neutralise_formula


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
		company: DF.Link | None
		customer: DF.Link | None
		received_via: DF.Literal["Portal", "Email", "Fax"]
		satisfaction: DF.Int
		service_speed: DF.Int
		submitted_by: DF.Link | None
		survey_date: DF.Date | None

	# end: auto-generated types
	def validate(self):
		"""Filled by a customer's portal user for their own customer, or returned by email or fax
		and entered by Customer Service (第四章第四条 4-2); once a month per customer (the survey
		round); the date is the server's."""
		from lvyue_ops.portal import portal_customers

		if self.is_new():
			if has_step("satisfaction_survey.record"):
				if self.received_via not in ("Email", "Fax"):
					frappe.throw(_("Please say how the questionnaire came back: by email or by fax."))
			else:
				customers = portal_customers()
				if not customers:
					frappe.throw(
						_("Only a customer's portal user fills the questionnaire."), frappe.PermissionError
					)
				# a user of several customers names which one; never a customer not theirs
				self.customer = self.customer if self.customer in customers else customers[0]
				self.received_via = "Portal"
			self.submitted_by = frappe.session.user
			self.survey_date = today()
			self.company = customer_company(self.customer)  # whose satisfaction figure it counts in
			filled = frappe.db.exists(
				"Satisfaction Survey",
				{
					"customer": self.customer,
					"survey_date": (
						"between",
						(get_first_day(self.survey_date), get_last_day(self.survey_date)),
					),
				},
			)
			if filled:
				frappe.throw(
					_("{0} has answered this month's questionnaire already. Thank you!").format(self.customer)
				)
		elif any(self.has_value_changed(f) for f in ("survey_date", "customer", "received_via")):
			frappe.throw(_("A questionnaire's customer and date do not change."))
		if not self.customer:
			frappe.throw(_("The questionnaire needs the customer."))
		self.satisfaction, self.service_speed = (
			cint(self.satisfaction),
			cint(self.service_speed),
		)  # web forms send text
		if not 1 <= self.satisfaction <= 5:
			frappe.throw(_("Satisfaction is a score from 1 to 5."))
		check_score(self.service_speed, _("Speed of Service (1-5)"))
		self.comments = neutralise_formula(self.comments)
