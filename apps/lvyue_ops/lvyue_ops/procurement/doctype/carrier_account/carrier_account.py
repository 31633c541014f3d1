# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A carrier (upstream) account with its balance (运营部管理规定 第四章 第三条 1-1): below its
threshold, Customer Service asks the customer to prepay; once paid, the recharge goes through
purchase approval."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, getdate

from lvyue_ops.controllers.status_flow import begin_action
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import assign, step_users

RECHARGE_ITEM = "CARRIER-RECHARGE"


class CarrierAccount(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		account_no: DF.Data
		balance: DF.Currency
		balance_updated_on: DF.Datetime | None
		carrier: DF.Link
		company: DF.Link
		customer: DF.Link | None
		low_balance: DF.Check
		purchase_request: DF.Link | None
		threshold: DF.Currency

	# end: auto-generated types
	def validate(self):
		self.low_balance = int(flt(self.balance) < flt(self.threshold))

	@frappe.whitelist(methods=["POST"])
	def raise_recharge_request(
		self, amount: float, urgent: int = 0, customer_payment: str | None = None
	) -> str:
		"""After the customer has paid (客户汇款后, 第三条 2-2): the recharge names the customer's
		payment and goes through purchase approval (urgent only when the Business Assistant says
		so: only then may another leader approve it). Before the payment only an urgent recharge
		goes, for the General Manager's own approval."""
		begin_action(self, "carrier_account.recharge")
		if not amount or flt(amount) <= 0:
			frappe.throw(_("Please give the recharge amount."))
		if customer_payment:
			self.check_customer_payment(customer_payment, flt(amount))
		elif self.customer and not cint(urgent):
			frappe.throw(
				_(
					"A carrier account is recharged after the customer's payment: please choose it, or mark the recharge urgent for the General Manager's approval."
				)
			)
		request = frappe.get_doc(
			{
				"doctype": "Purchase Request",
				"company": self.company,
				"customer": self.customer,
				"customer_payment": customer_payment,
				"before_customer_payment": int(bool(self.customer and not customer_payment)),
				"urgent": cint(urgent),
				"required_by": getdate(),
				"reason": _("Recharge carrier account {0} of {1}").format(self.account_no, self.carrier),
				"items": [
					{
						"item_code": recharge_item(),
						"qty": 1,
						"expected_price": amount,
						"specification": self.account_no,
					}
				],
			}
		).insert()
		self.db_set("purchase_request", request.name, update_modified=False)
		return request.name

	def check_customer_payment(self, payment: str, amount: float):
		"""The customer's own received payment in the company, covering the recharge, and not
		already spent on another recharge."""
		entry = frappe.db.get_value(
			"Payment Entry",
			payment,
			["docstatus", "payment_type", "party_type", "party", "company", "paid_amount"],
			as_dict=True,
		)
		if not (
			entry
			and entry.docstatus == 1
			and entry.payment_type == "Receive"
			and (entry.party_type, entry.party, entry.company) == ("Customer", self.customer, self.company)
		):
			frappe.throw(_("{0} is not a payment received from {1}.").format(payment, self.customer))
		if flt(entry.paid_amount) < amount:
			frappe.throw(
				_("The customer's payment {0} of {1} does not cover a recharge of {2}.").format(
					payment, entry.paid_amount, amount
				)
			)
		used = frappe.db.get_value(
			"Purchase Request", {"customer_payment": payment, "docstatus": ("<", 2)}, "name"
		)
		if used:
			frappe.throw(_("The customer's payment {0} already paid for recharge {1}.").format(payment, used))


def recharge_item() -> str:
	if not frappe.db.exists("Item", RECHARGE_ITEM):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": RECHARGE_ITEM,
				"item_name": _("Carrier Account Recharge"),
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}),
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return RECHARGE_ITEM


def check_carrier_balances() -> list[str]:
	"""Daily: carrier accounts below their threshold -> Customer Service asks the customer to
	prepay (one open ToDo per account)."""
	users = step_users("overdue_review.review")  # Customer Service, who dun the customers
	low = frappe.get_all(
		"Carrier Account",
		filters={"low_balance": 1},
		fields=["name", "carrier", "account_no", "customer", "balance", "threshold"],
	)
	asked = set(
		frappe.get_all(
			"ToDo",
			filters={
				"reference_type": "Carrier Account",
				"reference_name": ("in", [a.name for a in low] or [""]),
				"status": "Open",
			},
			pluck="reference_name",
		)
	)

	def warn(account):
		def message():
			return _(
				"Carrier account {0} of {1} is low ({2} left, threshold {3}): ask {4} to prepay."
			).format(
				account.account_no,
				account.carrier,
				flt(account.balance, 2),
				flt(account.threshold, 2),
				account.customer or "-",
			)

		assign(users, "Carrier Account", account.name, message, "High")

	return [a.name for a in each([a for a in low if a.name not in asked], warn, "carrier balances")]
