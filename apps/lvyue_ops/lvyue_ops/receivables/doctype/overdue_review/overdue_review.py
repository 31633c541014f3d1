# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The monthly review of bills not paid on time (运营部管理规定 第四章 第二条 1-3): Customer
Service gives each one's reason and improvement measure; dunning follows after the Latest Payment
day."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_first_day, getdate, now_datetime

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.ops_calendar.ops_calendar import due_date

LATEST_PAYMENT_DUTY = "Latest Payment"


class OverdueReview(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.receivables.doctype.overdue_review_item.overdue_review_item import OverdueReviewItem

		as_of: DF.Date
		company: DF.Link
		items: DF.Table[OverdueReviewItem]
		month: DF.Date
		status: DF.Literal["Open", "Completed"]
	# end: auto-generated types
	status_flow = {"Open": ("Completed",)}

	def validate(self):
		self.month = get_first_day(self.month)
		self.validate_status_change()
		self.validate_locked(("Open",), {"items"})
		if self.is_new() and not self.items:
			self.add_overdue_bills()

	def add_overdue_bills(self):
		"""Every bill still unpaid after its due date."""
		known = {row.sales_invoice for row in self.items}
		for invoice in frappe.get_all(
			"Sales Invoice",
			filters={
				"company": self.company,
				"docstatus": 1,
				"outstanding_amount": (">", 0),
				"due_date": ("<", self.as_of),
			},
			fields=["name", "customer", "due_date", "outstanding_amount"],
			order_by="customer, due_date",
		):
			if invoice.name not in known:
				self.append(
					"items",
					{
						"customer": invoice.customer,
						"sales_invoice": invoice.name,
						"due_date": invoice.due_date,
						"outstanding_amount": invoice.outstanding_amount,
					},
				)

	@frappe.whitelist(methods=["POST"])
	def fetch_overdue(self):
		self.begin_action("overdue_review.review")
		self.require_status("Open")
		self.add_overdue_bills()
		self.save()

	@frappe.whitelist(methods=["POST"])
	def complete(self):
		self.begin_action("overdue_review.review")
		missing = [
			row.idx for row in self.items if not row.reason or not (row.improvement_measure or "").strip()
		]
		if missing:
			frappe.throw(
				_("Please give the reason and the improvement measure in rows {0}.").format(
					", ".join(map(str, missing))
				)
			)
		self.move_to("Completed")

	@frappe.whitelist(methods=["POST"])
	def create_dunnings(self, today=None) -> list[str]:
		"""ERPNext Dunning for every unpaid bill of the review, once dunning has started. Customer
		Service holds no accounting role: the step is checked, then the dunnings are made for it."""
		from erpnext.accounts.doctype.sales_invoice.sales_invoice import create_dunning

		self.begin_action("overdue_review.dunning")
		today = getdate(today or now_datetime())
		starts = dunning_starts(self.company, self.month)
		if today <= starts:
			frappe.throw(
				_("Dunning starts after {0}.").format(frappe.format_value(starts, {"fieldtype": "Date"}))
			)
		made = []
		for row in self.items:
			if row.dunning or not flt(
				frappe.db.get_value("Sales Invoice", row.sales_invoice, "outstanding_amount")
			):
				continue
			dunning = create_dunning(row.sales_invoice, ignore_permissions=True)
			dunning.posting_date = today
			dunning.insert(ignore_permissions=True)
			row.db_set("dunning", dunning.name)
			made.append(dunning.name)
		return made


def dunning_starts(company: str, month):
	"""Dunning starts after the Latest Payment day of the month (the 25th, brought forward)."""
	month = get_first_day(month)
	return due_date(LATEST_PAYMENT_DUTY, month.year, month.month, company).date()


def bill_dunning_day(invoice):
	"""The day after which a bill not paid is dunned: the Latest Payment day of the month the bill
	is due in, on its company's calendar (the 25th, brought forward on holidays, or whatever the
	duty says). A jinja method (hooks.py) for the Lvyue Bill print format."""
	due = invoice.get("due_date") or invoice.get("posting_date")
	if not (invoice.get("company") and due):
		return None
	return dunning_starts(invoice.get("company"), due)
