# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The monthly VAT invoice (发票) application to Finance (运营部管理规定 第四章 第二条 3): applied
for on the 25th (brought forward), issued by Finance, then mailed to the customer."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.receivables.receivables import VAT_DUTY, calendar_day

# the status an action moves to -> the step of the role table that takes it
MOVE_STEPS = {
	"Submitted to Finance": "invoice_application.submit",
	"Issued": "invoice_application.issue",
	"Delivered": "invoice_application.deliver",
}


class InvoiceApplication(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.receivables.doctype.invoice_application_item.invoice_application_item import (
			InvoiceApplicationItem,
		)

		application_date: DF.Date
		company: DF.Link
		courier: DF.Data | None
		customer: DF.Link
		delivered_on: DF.Date | None
		due_by: DF.Date | None
		invoice_address: DF.SmallText | None
		invoice_bank: DF.Data | None
		invoice_date: DF.Date | None
		invoice_number: DF.Data | None
		invoice_title: DF.Data | None
		items: DF.Table[InvoiceApplicationItem]
		status: DF.Literal["Draft", "Submitted to Finance", "Issued", "Delivered"]
		taxpayer_id: DF.Data | None
		total_amount: DF.Currency
		tracking_number: DF.Data | None
	# end: auto-generated types
	status_flow = {
		"Draft": ("Submitted to Finance",),
		"Submitted to Finance": ("Issued",),
		"Issued": ("Delivered",),
	}

	def validate(self):
		self.validate_status_change()
		self.validate_locked(
			("Draft",), {"invoice_number", "invoice_date", "courier", "tracking_number", "delivered_on"}
		)
		for row in self.items:
			invoice = frappe.db.get_value(
				"Sales Invoice", row.sales_invoice, ["customer", "docstatus", "grand_total"], as_dict=True
			)
			if not invoice or invoice.docstatus != 1 or invoice.customer != self.customer:
				frappe.throw(
					_("Row {0}: {1} is not a submitted bill of {2}.").format(
						row.idx, row.sales_invoice, self.customer
					)
				)
			other = frappe.db.sql(
				"""select a.name from `tabInvoice Application Item` i join `tabInvoice Application` a on a.name = i.parent
				where i.sales_invoice = %s and a.name != %s""",
				(row.sales_invoice, self.name or ""),
			)
			if other:
				frappe.throw(
					_("Row {0}: {1} is already in invoice application {2}.").format(
						row.idx, row.sales_invoice, other[0][0]
					)
				)
			row.amount = invoice.grand_total
		self.total_amount = sum(flt(r.amount) for r in self.items)
		customer = frappe.db.get_value(
			"Customer",
			self.customer,
			["customer_name", "tax_id", "lvyue_invoice_bank", "lvyue_invoice_address"],
			as_dict=True,
		)
		self.invoice_title = self.invoice_title or customer.customer_name
		self.taxpayer_id = self.taxpayer_id or customer.tax_id
		self.invoice_bank = self.invoice_bank or customer.lvyue_invoice_bank
		self.invoice_address = self.invoice_address or customer.lvyue_invoice_address
		if not self.due_by:
			self.due_by = calendar_day(VAT_DUTY, self.company, self.application_date)

	@frappe.whitelist(methods=["POST"])
	def move_to_status(self, status: str):
		"""The form's next-step button: to Finance (Customer Service), issued (Finance), mailed
		(Customer Service)."""
		if status not in MOVE_STEPS:
			frappe.throw(_("Unknown status: {0}.").format(status))
		self.begin_action(MOVE_STEPS[status])
		self.check_move(status)
		if status == "Submitted to Finance":
			if not (self.taxpayer_id and self.invoice_bank and self.invoice_address):
				frappe.throw(
					_("A VAT invoice needs the customer's taxpayer ID, bank and account, address and phone.")
				)
		elif status == "Issued":
			if not (self.invoice_number and self.invoice_date):
				frappe.throw(_("Please give the VAT invoice number and date."))
		elif status == "Delivered":
			if not (self.courier and self.tracking_number and self.delivered_on):
				frappe.throw(_("Please give the courier, the tracking number and the delivery date."))
		self.move_to(status)
