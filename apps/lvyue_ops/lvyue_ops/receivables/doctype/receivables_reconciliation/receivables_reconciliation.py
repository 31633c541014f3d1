# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Operations checks its receivables against 计财部's ledger once a month (运营部管理规定 第四章
第二条 1-1: 收入实时登记, 定期与计财部对帐; 002 定期与财务对账): per customer, what Operations
knows (its bills less the receipts against its receivable) against ERPNext's Payment Ledger, to
the month's end. What differs (a bad debt, a transfer or an adjustment Finance posted) is listed
and explained before the month is reconciled."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_first_day, get_last_day, getdate, nowdate

from lvyue_ops.controllers.status_flow import StatusFlow

RECONCILE = "receivables_reconciliation.reconcile"


class ReceivablesReconciliation(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.receivables.doctype.receivables_reconciliation_line.receivables_reconciliation_line import (
			ReceivablesReconciliationLine,
		)

		company: DF.Link
		lines: DF.Table[ReceivablesReconciliationLine]
		month: DF.Date
		reconciled_by: DF.Link | None
		reconciled_on: DF.Date | None
		status: DF.Literal["Draft", "Reconciled"]
		total_difference: DF.Currency
	# end: auto-generated types
	status_flow = {"Draft": ("Reconciled",)}

	def validate(self):
		self.month = get_first_day(self.month)
		if getdate(get_last_day(self.month)) >= getdate(nowdate()):
			frappe.throw(_("A month is reconciled once it has ended."))
		self.validate_status_change(_("A month is reconciled through its Reconcile the Month button."))
		self.validate_locked(("Draft",))
		if self.is_new():
			self.read_balances()
		if not self.flags.pop("figures_read", False):
			self.check_figures_unchanged()

	def read_balances(self):
		"""The customers whose two balances differ at the month's end, explanations kept."""
		explained = {row.customer: row.explanation for row in self.lines}
		self.set("lines", [])
		for customer, app, ledger in receivable_balances(self.company, get_last_day(self.month)):
			self.append(
				"lines",
				{
					"customer": customer,
					"app_balance": app,
					"ledger_balance": ledger,
					"difference": flt(ledger - app, 2),
					"explanation": explained.get(customer),
				},
			)
		self.total_difference = flt(sum(flt(row.difference) for row in self.lines), 2)
		self.flags.figures_read = True

	def check_figures_unchanged(self):
		"""The figures are the system's: only the explanations are written by hand."""
		before = self.get_doc_before_save()

		def figures(doc):
			return [
				(r.customer, flt(r.app_balance), flt(r.ledger_balance), flt(r.difference))
				for r in (doc.lines if doc else [])
			]

		if before and figures(self) != figures(before):
			frappe.throw(_("The balances are read from the records; refresh them instead of typing them."))

	@frappe.whitelist(methods=["POST"])
	def refresh_balances(self):
		"""Read the balances again (Finance posted something since)."""
		self.begin_action(RECONCILE)
		self.require_status("Draft", message=_("This month is already reconciled."))
		self.read_balances()
		self.save()

	@frappe.whitelist(methods=["POST"])
	def reconcile(self):
		"""Every difference explained: the month is reconciled (and the duty done)."""
		self.begin_action(RECONCILE)
		self.require_status("Draft", message=_("This month is already reconciled."))
		self.read_balances()
		unexplained = [row.customer for row in self.lines if not (row.explanation or "").strip()]
		if unexplained:
			frappe.throw(
				_("Please explain each difference with Finance's ledger first: {0}").format(
					"、".join(unexplained[:10])
				)
			)
		self.reconciled_on = nowdate()
		self.reconciled_by = frappe.session.user
		self.move_to("Reconciled")


def receivable_balances(company: str, end) -> list[tuple[str, float, float]]:
	"""(customer, bills less receipts, Payment Ledger balance) to `end`, for each customer whose
	two balances differ. Bills count at what they put on the receivable (rounded where rounded);
	receipts and refunds count when they pass through the customer's receivable account."""
	params = {"company": company, "end": end}
	app = {}
	for customer, amount in frappe.db.sql(
		"""select customer, sum(if(rounding_adjustment != 0 and base_rounded_total != 0,
			base_rounded_total, base_grand_total))
		from `tabSales Invoice` where docstatus = 1 and company = %(company)s and posting_date <= %(end)s
		group by customer""",
		params,
	):
		app[customer] = flt(amount)
	for customer, amount in frappe.db.sql(
		"""select party, sum(case
			when payment_type = 'Receive' and paid_from_account_type = 'Receivable' then -paid_amount
			when payment_type = 'Pay' and paid_to_account_type = 'Receivable' then received_amount
			else 0 end)
		from `tabPayment Entry` where docstatus = 1 and party_type = 'Customer' and company = %(company)s
			and posting_date <= %(end)s
		group by party""",
		params,
	):
		app[customer] = app.get(customer, 0) + flt(amount)
	ledger = dict(
		frappe.db.sql(
			"""select party, sum(amount) from `tabPayment Ledger Entry`
			where company = %(company)s and party_type = 'Customer' and account_type = 'Receivable'
				and delinked = 0 and posting_date <= %(end)s
			group by party""",
			params,
		)
	)
	return [
		(customer, flt(app.get(customer), 2), flt(ledger.get(customer), 2))
		for customer in sorted(set(app) | set(ledger))
		if abs(flt(app.get(customer)) - flt(ledger.get(customer))) >= 0.01
	]
