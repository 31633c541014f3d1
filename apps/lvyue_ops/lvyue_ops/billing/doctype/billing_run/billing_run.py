# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A month's billing run (出账批次): started by the form's button, billed by a background job
(billing/billing.py), its statements sent by Customer Service."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, get_first_day, getdate

from lvyue_ops.billing.billing import BILLS_DUTY, payment_due
from lvyue_ops.ops_calendar.ops_calendar import due_date
from lvyue_ops.permissions import require_step


class BillingRun(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		already_billed: DF.Int
		company: DF.Link
		due_date: DF.Date | None
		error: DF.SmallText | None
		invoices_created: DF.Int
		period: DF.Date
		posting_date: DF.Date | None
		progress: DF.Percent
		statements_queued: DF.Int
		status: DF.Literal["Draft", "Queued", "Running", "Completed", "Failed"]
	# end: auto-generated types
	# its duty (Customer Bills) is done when the run completes, not when it is created
	completes_duty_itself = True

	def validate(self):
		self.period = get_first_day(self.period)
		month = add_months(self.period, 1)
		if not self.posting_date:
			self.posting_date = due_date(BILLS_DUTY, month.year, month.month, self.company).date()
		self.due_date = payment_due(self.company, self.period)
		if getdate(self.posting_date) < month:
			frappe.throw(
				_("Bills for {0} are dated in the following month, not on {1}.").format(
					self.period.strftime("%Y-%m"), self.posting_date
				)
			)
		if getdate(self.posting_date) > getdate(self.due_date):
			frappe.throw(
				_("The invoice date {0} is after the payment due date {1}.").format(
					self.posting_date, self.due_date
				)
			)

	@frappe.whitelist()
	def start(self):
		"""Queue the run as a background job (RQ); the form shows its progress."""
		if self.status not in ("Draft", "Failed"):
			frappe.throw(_("This billing run is already {0}.").format(_(self.status)))
		self.due_date = payment_due(self.company, self.period)
		self.status = "Queued"
		self.save()
		frappe.enqueue(
			"lvyue_ops.billing.billing.execute_billing_run",
			queue="long",
			timeout=4 * 3600,
			run=self.name,
			enqueue_after_commit=True,
			job_id=f"billing-run::{self.name}",
			deduplicate=True,
		)

	@frappe.whitelist()
	def send_statements(self) -> int:
		"""Customer Service sends each customer its bill with the Chinese print format (Email Queue)."""
		require_step("billing_run.send_statements")
		if self.status != "Completed":
			frappe.throw(_("Statements go out once the billing run has completed."))
		if not frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
			frappe.throw(_("Please set up a default outgoing Email Account before sending statements."))
		queued = 0
		for invoice in frappe.get_all(
			"Sales Invoice",
			filters={"lvyue_billing_run": self.name, "docstatus": 1},
			fields=["name", "customer", "contact_email", "grand_total", "due_date"],
		):
			email = invoice.contact_email or frappe.db.get_value("Customer", invoice.customer, "email_id")
			if not email:
				continue
			frappe.sendmail(
				recipients=[email],
				subject=_("Your bill {0} for {1}").format(
					invoice.name, getdate(self.period).strftime("%Y-%m")
				),
				message=_("Dear {0}, please find attached your bill of {1}, due on {2}.").format(
					invoice.customer,
					frappe.format_value(invoice.grand_total, {"fieldtype": "Currency"}),
					frappe.format_value(invoice.due_date, {"fieldtype": "Date"}),
				),
				reference_doctype="Sales Invoice",
				reference_name=invoice.name,
				attachments=[
					{
						"print_format_attachment": 1,
						"doctype": "Sales Invoice",
						"name": invoice.name,
						"print_format": "Lvyue Bill",
						"lang": "zh",
					}
				],
			)
			queued += 1
		self.db_set("statements_queued", queued)
		return queued
