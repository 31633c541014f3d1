# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from lvyue_ops.lvyue_ops.ops_calendar import due_date
from lvyue_ops.lvyue_ops.status import guard_status

SUSPENSION_DUTY = "Suspension Requests to Carriers"

# status -> the statuses it may move to, and the action that moves it
TRANSITIONS = {
	"Draft": {"Submitted to Carrier"},
	"Submitted to Carrier": {"Confirmed", "Rejected"},
	"Rejected": {"Submitted to Carrier"},
	"Confirmed": set(),
}


class SuspensionRequest(Document):
	def validate(self):
		if not self.due_by and self.request_type == "Suspension" and self.company:
			# monthly suspension requests reach the carriers before the 25th (the ops calendar)
			day = getdate(self.requested_date)
			self.due_by = due_date(SUSPENSION_DUTY, day.year, day.month, self.company)
		guard_status(self, _("The status changes only through the request's actions."))

	@frappe.whitelist()
	def submit_to_carrier(self):
		if not self.carrier:
			frappe.throw(_("Please select the carrier the request goes to."))
		move(self, "Submitted to Carrier")

	@frappe.whitelist()
	def confirm(self, carrier_reference: str | None = None):
		self.carrier_reference = carrier_reference or self.carrier_reference
		if not self.carrier_reference:
			frappe.throw(_("Please give the carrier's reference for the confirmation."))
		move(self, "Confirmed")

	@frappe.whitelist()
	def reject(self):
		move(self, "Rejected")


def move(doc, status: str):
	if status not in TRANSITIONS[doc.status]:
		frappe.throw(_("A request that is {0} cannot become {1}.").format(_(doc.status), _(status)))
	doc.check_permission("write")
	doc.status = status
	doc.flags.status_change_allowed = True
	doc.save()
