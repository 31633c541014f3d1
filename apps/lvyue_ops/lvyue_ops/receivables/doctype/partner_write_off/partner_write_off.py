# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The month's write-off with a partner (运营部管理规定 第四章 第二条 3-3: 400 业务每月 23 日(逢节假日
则提前)前确认客户付款后向锦新市场部进行销帐处理): the customers' confirmed payments of the partner's
business line, each tied to its bill, not yet written off. Written off, it completes the calendar's
duty of the month; a payment is written off once."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, nowdate

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_settings
from lvyue_ops.permissions import require_step
from lvyue_ops.utils.naming import name_from_series

WRITE_OFF = "partner_write_off.write_off"


class PartnerWriteoff(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.receivables.doctype.partner_write_off_payment.partner_write_off_payment import (
			PartnerWriteoffPayment,
		)

		business_line: DF.Link
		company: DF.Link
		naming_series: DF.Literal["PWO-.YYYY.-"]
		partner: DF.Data | None
		partner_reference: DF.Data | None
		payments: DF.Table[PartnerWriteoffPayment]
		status: DF.Literal["Draft", "Written Off"]
		total_amount: DF.Currency
		written_off_by: DF.Link | None
		written_off_on: DF.Date | None
	# end: auto-generated types
	status_flow = {"Draft": ("Written Off",)}

	def autoname(self):
		name_from_series(self, "PWO-.YYYY.-")

	def validate(self):
		self.validate_status_change(_("A write-off is made through its Written Off with the Partner button."))
		self.validate_locked(("Draft",))
		if self.is_new():
			require_step(WRITE_OFF, self.company)
			self.partner = partner_of(self.business_line)
			self.read_payments()
		elif not self.flags.pop("payments_read", False):
			before = self.get_doc_before_save()
			if before and payment_keys(before) != payment_keys(self):
				frappe.throw(
					_("The payments are read from the records; refresh them instead of typing them.")
				)

	def read_payments(self):
		self.set("payments", confirmed_payments(self.company, self.business_line, exclude=self.name))
		self.total_amount = flt(sum(flt(row.amount) for row in self.payments), 2)
		self.flags.payments_read = True

	@frappe.whitelist(methods=["POST"])
	def refresh_payments(self):
		"""Read the payments again (customers paid since)."""
		self.begin_action(WRITE_OFF)
		self.require_status("Draft", message=_("This write-off is done already."))
		self.read_payments()
		self.save()

	@frappe.whitelist(methods=["POST"])
	def write_off(self, partner_reference: str | None = None):
		"""The partner's marketing department wrote the payments off: the duty of the month is done."""
		self.begin_action(WRITE_OFF)
		self.require_status("Draft", message=_("This write-off is done already."))
		self.read_payments()
		if not self.payments:
			frappe.throw(_("There is no confirmed customer payment to write off with the partner."))
		self.partner_reference = (partner_reference or self.partner_reference or "").strip()
		if not self.partner_reference:
			frappe.throw(_("Please give the partner's reference of the write-off."))
		self.written_off_on, self.written_off_by = nowdate(), frappe.session.user
		self.move_to("Written Off")


def payment_keys(doc) -> list[tuple]:
	return [(row.payment_entry, row.sales_invoice, flt(row.amount)) for row in doc.payments]


def partner_of(business_line: str) -> str:
	partners = {row.business_line: row.partner for row in get_settings().partner_lines}
	if business_line not in partners:
		frappe.throw(
			_("{0} is not a partner business line (Lvyue Ops Settings: partner business lines).").format(
				business_line
			)
		)
	return partners[business_line]


def confirmed_payments(company: str, business_line: str, exclude: str | None = None) -> list[dict]:
	"""Each confirmed (submitted) customer payment allocated to a bill with lines of the business
	line, for the part that paid those lines (the allocation times the lines' share of the bill),
	not yet in a write-off with the partner."""
	rows = frappe.db.sql(
		"""select pe.name as payment_entry, pe.party as customer, pe.posting_date,
			ref.reference_name as sales_invoice,
			ref.allocated_amount * line.amount / si.base_net_total as amount
		from `tabPayment Entry` pe
		join `tabPayment Entry Reference` ref on ref.parent = pe.name and ref.parenttype = 'Payment Entry'
			and ref.reference_doctype = 'Sales Invoice'
		join `tabSales Invoice` si on si.name = ref.reference_name
		join (select parent, sum(base_net_amount) as amount from `tabSales Invoice Item`
			where item_group = %(line)s group by parent) line on line.parent = si.name
		where pe.docstatus = 1 and pe.party_type = 'Customer' and pe.company = %(company)s
			and si.base_net_total != 0
			and not exists (select 1 from `tabPartner Write-off Payment` done
				join `tabPartner Write-off` w on w.name = done.parent
				where w.status = 'Written Off' and w.name != %(exclude)s
					and done.payment_entry = pe.name and done.sales_invoice = si.name)
		order by pe.posting_date, pe.name, si.name""",
		{"company": company, "line": business_line, "exclude": exclude or ""},
		as_dict=True,
	)
	return [{**row, "amount": flt(row.amount, 2)} for row in rows if flt(row.amount, 2)]
