# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A suspension (缓停, monthly, before the 25th) or shutdown (关停, the 3-day document rule) request
to a carrier, submitted by the Business Assistant (运营部管理规定 第四章 第三条 1-2)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import nowdate

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.line_register import lines
from lvyue_ops.ops_calendar.ops_calendar import next_due_date
from lvyue_ops.utils.notify import close_assignments

SUSPENSION_DUTY = "Suspension Requests to Carriers"


class SuspensionRequest(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		business_order: DF.Link | None
		cancel_reason: DF.SmallText | None
		carrier: DF.Link | None
		carrier_reference: DF.Data | None
		company: DF.Link | None
		confirmed_on: DF.Date | None
		customer: DF.Link
		due_by: DF.Datetime | None
		escalated_on: DF.Datetime | None
		lines_or_numbers: DF.SmallText
		reason: DF.SmallText
		request_type: DF.Literal["Suspension", "Shutdown"]
		requested_date: DF.Date
		resumed_on: DF.Date | None
		risk_assessment: DF.Link | None
		status: DF.Literal["Draft", "Submitted to Carrier", "Confirmed", "Rejected", "Cancelled", "Resumed"]
	# end: auto-generated types
	status_flow = {
		"Draft": ("Submitted to Carrier", "Cancelled"),
		"Submitted to Carrier": ("Confirmed", "Rejected"),
		"Rejected": ("Submitted to Carrier",),
		"Confirmed": ("Resumed",),
	}

	def validate(self):
		if not self.due_by and self.request_type == "Suspension" and self.company:
			# monthly suspension requests reach the carriers before the 25th (the ops calendar); one
			# requested after the month's day goes with next month's
			self.due_by = next_due_date(SUSPENSION_DUTY, self.company, self.requested_date)
		self.validate_status_change(_("The status changes only through the request's actions."))
		self.validate_action_fields(("confirmed_on", "resumed_on"))

	def cancel_request(self, reason: str):
		"""The risk assessment decided against the shutdown (a system move)."""
		if self.status != "Draft":
			frappe.throw(
				_("Shutdown {0} is with the carrier already ({1}).").format(self.name, _(self.status))
			)
		self.cancel_reason = reason
		self.move_to("Cancelled", ignore_permissions=True)
		close_assignments(self.doctype, self.name)

	@frappe.whitelist(methods=["POST"])
	def submit_to_carrier(self):
		self.begin_action("suspension_request.submit")
		if not self.carrier:
			frappe.throw(_("Please select the carrier the request goes to."))
		self.move_to("Submitted to Carrier")
		close_assignments(self.doctype, self.name)

	@frappe.whitelist(methods=["POST"])
	def confirm(self, carrier_reference: str | None = None):
		self.begin_action("suspension_request.answer")
		self.carrier_reference = carrier_reference or self.carrier_reference
		if not self.carrier_reference:
			frappe.throw(_("Please give the carrier's reference for the confirmation."))
		self.confirmed_on = nowdate()
		# the named lines are billed to the day and suspended from the next (the register)
		lines.suspend_lines(self, self.confirmed_on)
		self.move_to("Confirmed")

	@frappe.whitelist(methods=["POST"])
	def resume(self):
		"""The carrier opened the lines again: they are Active, and billed, from the day."""
		self.begin_action("suspension_request.resume")
		self.require_status("Confirmed", message=_("Only a confirmed suspension can be resumed."))
		self.resumed_on = nowdate()
		lines.resume_lines(self, self.resumed_on)
		self.move_to("Resumed")

	@frappe.whitelist(methods=["POST"])
	def reject(self):
		self.begin_action("suspension_request.answer")
		self.move_to("Rejected")
