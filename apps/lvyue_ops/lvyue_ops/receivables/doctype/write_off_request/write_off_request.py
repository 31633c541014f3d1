# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The write-off request to Finance for a customer's confirmed payment (销帐申请, 运营部管理规定
第四章 第二条 3-3): Finance answers with the payment voucher by the 23rd, brought forward."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.ops_calendar.ops_calendar import next_due_date
from lvyue_ops.permissions import require_step
from lvyue_ops.receivables.receivables import WRITE_OFF_DUTY
from lvyue_ops.utils.files import attached_file


class WriteoffRequest(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		carrier: DF.Link | None
		carrier_reference: DF.Data | None
		carrier_requested_by: DF.Link | None
		carrier_requested_on: DF.Datetime | None
		company: DF.Link
		customer: DF.Link | None
		due_by: DF.Date | None
		on_time: DF.Check
		payment_entry: DF.Link
		payment_voucher: DF.Attach | None
		status: DF.Literal["Requested", "Voucher Attached", "Write-off Requested from Carrier"]
		voucher_attached_on: DF.Datetime | None
	# end: auto-generated types
	status_flow = {
		"Requested": ("Voucher Attached",),
		"Voucher Attached": ("Write-off Requested from Carrier",),
	}

	def validate(self):
		self.validate_status_change()
		self.validate_locked(("Requested",), {"payment_voucher", "carrier", "carrier_reference"})
		entry = frappe.db.get_value(
			"Payment Entry", self.payment_entry, ["docstatus", "party_type", "company"], as_dict=True
		)
		if not entry or entry.docstatus != 1 or entry.party_type != "Customer":
			frappe.throw(_("Write-off is requested for a submitted customer payment."))
		if entry.company != self.company:
			frappe.throw(_("Payment Entry {0} belongs to another company.").format(self.payment_entry))
		if self.is_new():
			require_step("write_off_request.request", self.company)
			# the month's write-off day, or next month's for a request raised after it
			self.due_by = next_due_date(WRITE_OFF_DUTY, self.company, now_datetime()).date()

	@frappe.whitelist(methods=["POST"])
	def attach_voucher(self, file_url: str | None = None, now=None):
		"""Finance attaches the payment voucher; on time if by the write-off day (the 23rd, brought
		forward). The voucher is a file attached to this request."""
		self.begin_action("write_off_request.attach_voucher")
		self.require_status("Requested", message=_("The voucher of this request is attached already."))
		self.payment_voucher = file_url or self.payment_voucher
		if not self.payment_voucher:
			frappe.throw(_("Please attach the payment voucher."))
		attached_file(self, self.payment_voucher)
		now = now or now_datetime()
		self.voucher_attached_on = now
		self.on_time = int(getdate(now) <= getdate(self.due_by))
		self.move_to("Voucher Attached")

	@frappe.whitelist(methods=["POST"])
	def request_carrier_write_off(self, carrier: str, carrier_reference: str | None = None):
		"""With Finance's voucher, the Business Assistant asks the carrier (or the 400-number
		partner) to write off and invoice (销帐及开票申请)."""
		self.begin_action("write_off_request.carrier")
		if not frappe.db.exists("Supplier", carrier):
			frappe.throw(_("Supplier {0} does not exist.").format(carrier))
		self.carrier, self.carrier_reference = carrier, carrier_reference
		self.carrier_requested_on, self.carrier_requested_by = now_datetime(), frappe.session.user
		self.move_to("Write-off Requested from Carrier")
