# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The risk assessment of a customer whose qualification documents are still missing after the
deadline (运营部管理规定 第四章 第一条 1-10): the Operations Supervisor decides to shut the service
down, to continue it, or to give more time; the last two cancel the shutdown with their reason."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.utils.notify import close_assignments

DECISIONS = ("Shut Down", "Grant Extension", "Continue Service")


class RiskAssessment(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		assessed_by: DF.Link | None
		assessment: DF.TextEditor | None
		business_order: DF.Link | None
		customer: DF.Link
		decided_on: DF.Datetime | None
		decision: DF.Literal["", "Shut Down", "Grant Extension", "Continue Service"]
		decision_reason: DF.SmallText | None
		extended_until: DF.Datetime | None
		reason: DF.SmallText
		status: DF.Literal["Open", "Closed"]
		suspension_request: DF.Link | None
	# end: auto-generated types
	status_flow = {"Open": ("Closed",)}

	def validate(self):
		self.validate_status_change()

	@frappe.whitelist(methods=["POST"])
	def decide(self, decision: str, reason: str, extended_until: str | None = None):
		self.begin_action("risk_assessment.decide")
		self.require_status("Open", message=_("This risk assessment is decided already."))
		if decision not in DECISIONS:
			frappe.throw(_("Unknown decision: {0}.").format(decision))
		if not (reason or "").strip():
			frappe.throw(_("Please give the reason for the decision."))
		now = now_datetime()
		if decision == "Grant Extension":
			if not extended_until or get_datetime(extended_until) <= now:
				frappe.throw(_("Please give the new deadline for the documents, after now."))
			self.extended_until = get_datetime(extended_until)
		self.decision, self.decision_reason = decision, reason.strip()
		self.assessed_by, self.decided_on = frappe.session.user, now
		self.move_to("Closed")
		if decision != "Shut Down" and self.suspension_request:
			frappe.get_doc("Suspension Request", self.suspension_request).cancel_request(
				_("{0}: {1}").format(_(decision), self.decision_reason)
			)
		if decision == "Grant Extension" and self.business_order:
			# the 3-day rule starts over at the new deadline
			frappe.db.set_value(
				"Business Order",
				self.business_order,
				{
					"document_deadline": self.extended_until,
					"risk_assessment": None,
					"suspension_request": None,
				},
			)
		close_assignments(self.doctype, self.name)
