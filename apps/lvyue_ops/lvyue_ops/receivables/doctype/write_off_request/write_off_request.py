# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The write-off request to Finance for a customer's confirmed payment (销帐申请, 运营部管理规定
第四章 第二条 3-3): Finance answers with the payment voucher by the 23rd, brought forward."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.ops_calendar.ops_calendar import complete_task
from lvyue_ops.permissions import require_step
from lvyue_ops.receivables.receivables import WRITE_OFF_DUTY, calendar_day


class WriteoffRequest(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		company: DF.Link
		customer: DF.Link | None
		due_by: DF.Date | None
		on_time: DF.Check
		payment_entry: DF.Link
		payment_voucher: DF.Attach | None
		status: DF.Literal["Requested", "Voucher Attached"]
		voucher_attached_on: DF.Datetime | None
	# end: auto-generated types
	status_flow = {"Requested": ("Voucher Attached",)}
	# its duty is done when Finance attaches the voucher, not when the request is made
	completes_duty_itself = True

	def validate(self):
		self.validate_status_change()
		entry = frappe.db.get_value(
			"Payment Entry", self.payment_entry, ["docstatus", "party_type", "company"], as_dict=True
		)
		if not entry or entry.docstatus != 1 or entry.party_type != "Customer":
			frappe.throw(_("Write-off is requested for a submitted customer payment."))
		if entry.company != self.company:
			frappe.throw(_("Payment Entry {0} belongs to another company.").format(self.payment_entry))
		if self.is_new():
			require_step("write_off_request.request")
			self.due_by = calendar_day(WRITE_OFF_DUTY, self.company)

	@frappe.whitelist()
	def attach_voucher(self, file_url: str | None = None, now=None):
		"""Finance attaches the payment voucher; on time if by the write-off day (the 23rd, brought forward)."""
		self.begin_action("write_off_request.attach_voucher")
		self.payment_voucher = file_url or self.payment_voucher
		if not self.payment_voucher:
			frappe.throw(_("Please attach the payment voucher."))
		now = now or now_datetime()
		self.voucher_attached_on = now
		self.on_time = int(getdate(now) <= getdate(self.due_by))
		self.move_to("Voucher Attached")
		complete_task(WRITE_OFF_DUTY, self.company, self, now)
