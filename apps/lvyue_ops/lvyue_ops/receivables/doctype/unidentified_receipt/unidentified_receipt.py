# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Money received that nobody has identified yet (运营部管理规定 第四章 第二条 1-2): Customer
Service confirms who paid and what for, the Business Assistant posts it as the right accounting
document."""

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, now_datetime

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.lvyue_ops.doctype.lvyue_company_settings.lvyue_company_settings import company_setting
from lvyue_ops.permissions import system_rights
from lvyue_ops.utils.notify import assign_step, close_step

# a word of a bank's remark that may be a bill number (ACC-SINV-2026-00012)
REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{4,}")
# 保证金 and 押金 are owed back to the customer
LIABILITY_SETTING = {"Margin Deposit": "margin_account", "Refundable Deposit": "deposit_account"}


class UnidentifiedReceipt(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		bank_reference: DF.Data | None
		company: DF.Link
		confirmed_by: DF.Link | None
		customer: DF.Link | None
		journal_entry: DF.Link | None
		payer_name: DF.Data | None
		payment_entry: DF.Link | None
		receipt_type: DF.Literal[
			"Unknown", "Prepayment", "Margin Deposit", "Refundable Deposit", "Receivable"
		]
		received_on: DF.Date
		remarks: DF.SmallText | None
		status: DF.Literal["Unidentified", "Confirmed", "Posted"]
		vos_updated_by: DF.Link | None
		vos_updated_on: DF.Datetime | None
	# end: auto-generated types
	status_flow = {"Unidentified": ("Confirmed",), "Confirmed": ("Posted",)}

	def before_insert(self):
		self.recognise_bill()

	def validate(self):
		self.validate_status_change()

	def recognise_bill(self):
		"""The payment reference the bill asks for (its number, on the Lvyue Bill) names who paid and
		what for: Customer Service confirms it instead of searching."""
		if self.customer:
			return
		text = " ".join(filter(None, (self.bank_reference, self.payer_name, self.remarks)))
		for token in dict.fromkeys(REFERENCE.findall(text)):
			customer = frappe.db.get_value(
				"Sales Invoice", {"name": token, "docstatus": 1, "company": self.company}, "customer"
			)
			if customer:
				self.customer, self.receipt_type = customer, "Receivable"
				return

	@frappe.whitelist(methods=["POST"])
	def confirm(self):
		"""Customer Service confirms who paid and what the money is for."""
		self.begin_action("unidentified_receipt.confirm")
		self.require_status("Unidentified", message=_("Only an unidentified receipt can be confirmed."))
		if not self.customer or self.receipt_type == "Unknown":
			frappe.throw(_("Please select the customer and the receipt type before confirming."))
		self.confirmed_by = frappe.session.user
		self.move_to("Confirmed")

	@frappe.whitelist(methods=["POST"])
	def post(self):
		"""The Business Assistant posts a confirmed receipt as the right accounting document."""
		self.begin_action("unidentified_receipt.post")
		self.require_status(
			"Confirmed", message=_("A receipt is posted after Customer Service has confirmed it.")
		)
		with system_rights():
			if self.receipt_type in LIABILITY_SETTING:
				self.journal_entry = self.post_liability()
			else:
				self.payment_entry = self.post_payment()
		self.move_to("Posted")
		if self.receipt_type == "Prepayment":
			assign_step(
				"unidentified_receipt.update_vos",
				self.doctype,
				self.name,
				lambda: _("Recharge of {0} ({1}): update the balance on VOS.").format(
					self.customer, self.get_formatted("amount")
				),
				"High",
				self.company,
			)

	@frappe.whitelist(methods=["POST"])
	def update_vos(self):
		"""The customer's recharge is on the VOS softswitch (第二条 2-1)."""
		self.begin_action("unidentified_receipt.update_vos")
		self.require_status("Posted")
		if self.receipt_type != "Prepayment" or self.vos_updated_on:
			frappe.throw(_("There is no recharge to update on VOS."))
		self.vos_updated_on, self.vos_updated_by = now_datetime(), frappe.session.user
		self.save(ignore_permissions=True)
		close_step(self.doctype, self.name, "unidentified_receipt.update_vos", self.company)

	def post_payment(self) -> str:
		"""Prepayment: an unallocated advance. Receivable: allocated to the oldest open bills."""
		from erpnext.accounts.party import get_party_account

		entry = frappe.get_doc(
			{
				"doctype": "Payment Entry",
				"payment_type": "Receive",
				"company": self.company,
				"posting_date": self.received_on,
				"party_type": "Customer",
				"party": self.customer,
				"paid_from": get_party_account("Customer", self.customer, self.company),
				"paid_to": receipts_account(self.company),
				"paid_amount": self.amount,
				"received_amount": self.amount,
				"source_exchange_rate": 1,
				"target_exchange_rate": 1,
				"reference_no": self.bank_reference or self.name,
				"reference_date": self.received_on,
				"remarks": _("{0} from {1} ({2})").format(
					_(self.receipt_type), self.payer_name or self.customer, self.name
				),
			}
		)
		if self.receipt_type == "Receivable":
			left = flt(self.amount)
			for invoice in frappe.get_all(
				"Sales Invoice",
				filters={
					"customer": self.customer,
					"company": self.company,
					"docstatus": 1,
					"outstanding_amount": (">", 0),
				},
				fields=["name", "outstanding_amount", "grand_total", "due_date"],
				order_by="due_date asc, posting_date asc",
			):
				if left <= 0:
					break
				allocated = min(left, flt(invoice.outstanding_amount))
				entry.append(
					"references",
					{
						"reference_doctype": "Sales Invoice",
						"reference_name": invoice.name,
						"total_amount": invoice.grand_total,
						"outstanding_amount": invoice.outstanding_amount,
						"allocated_amount": allocated,
						"due_date": invoice.due_date,
					},
				)
				left -= allocated
		entry.setup_party_account_field()
		entry.set_missing_values()
		entry.set_amounts()
		entry.flags.lvyue_vos_task_elsewhere = True  # the receipt asks for the VOS update itself
		entry.insert(ignore_permissions=True)
		entry.submit()
		return entry.name

	def post_liability(self) -> str:
		"""Margin (保证金) and deposit (押金) are owed back to the customer: a liability, not income."""
		account = company_setting(self.company, LIABILITY_SETTING[self.receipt_type])
		if not account:
			frappe.throw(
				_("Finance sets the {0} account of {1} in its Lvyue Company Settings first.").format(
					_(self.receipt_type), self.company
				)
			)
		entry = frappe.get_doc(
			{
				"doctype": "Journal Entry",
				"voucher_type": "Bank Entry",
				"company": self.company,
				"posting_date": self.received_on,
				"cheque_no": self.bank_reference or self.name,
				"cheque_date": self.received_on,
				"user_remark": _("{0} from {1} ({2})").format(_(self.receipt_type), self.customer, self.name),
				"accounts": [
					{"account": receipts_account(self.company), "debit_in_account_currency": self.amount},
					{"account": account, "credit_in_account_currency": self.amount},
				],
			}
		)
		entry.insert(ignore_permissions=True)
		entry.submit()
		return entry.name


def receipts_account(company: str) -> str:
	account = frappe.get_cached_value("Company", company, "default_bank_account") or frappe.get_cached_value(
		"Company", company, "default_cash_account"
	)
	if not account:
		frappe.throw(_("Please set a default bank or cash account on company {0}.").format(company))
	return account
