# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A line or number the company sells (中继线, 400 号码, DID): whose it is, under which contract and
order, on which carrier and VOS account, at what fee and upstream cost, and its dated history.

The line changes only through the documents that act on it (line_register/lines.py: a Business
Order on its activation, a confirmed 关停 and its resumption): each change is a history row with
its date, the day it takes effect and the document that made it. Billing reads the history
(line_register/fees.py). The Business Assistant keeps the line's VOS and carrier details."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, flt, getdate

from lvyue_ops.permissions import require_step
from lvyue_ops.utils.naming import name_from_series

# what the Business Assistant keeps on the line by hand (service_line.maintain)
MAINTAINED_FIELDS = (
	"line_type",
	"vos_account",
	"vos_line",
	"address",
	"supplier",
	"carrier_account",
	"upstream_cost",
)
# statuses a line is the customer's in (an order acts on it; its usage is expected)
IN_SERVICE = ("Active", "Suspended")


class ServiceLine(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.line_register.doctype.service_line_event.service_line_event import ServiceLineEvent

		active_from: DF.Date | None
		address: DF.SmallText | None
		business_order: DF.Link | None
		carrier_account: DF.Link | None
		company: DF.Link
		contract: DF.Link | None
		customer: DF.Link
		ended_on: DF.Date | None
		history: DF.Table[ServiceLineEvent]
		item_code: DF.Link
		line_type: DF.Literal["Trunk Line", "400 Number", "DID", "Other"]
		monthly_fee: DF.Currency
		numbers: DF.Data | None
		quantity: DF.Float
		sales_person: DF.Link | None
		status: DF.Literal["Pending", "Active", "Suspended", "Dismantled"]
		supplier: DF.Link | None
		transferred_from: DF.Link | None
		transferred_to: DF.Link | None
		upstream_cost: DF.Currency
		vos_account: DF.Data | None
		vos_line: DF.Data | None
	# end: auto-generated types

	def autoname(self):
		name_from_series(self, "LN-.YYYY.-")

	def validate(self):
		if flt(self.quantity) <= 0:
			frappe.throw(_("The quantity must be greater than zero."))
		if self.carrier_account and self.supplier:
			carrier = frappe.db.get_value("Carrier Account", self.carrier_account, "carrier")
			if carrier != self.supplier:
				frappe.throw(
					_("Carrier Account {0} is an account with {1}, not with {2}.").format(
						self.carrier_account, carrier, self.supplier
					)
				)
		if self.flags.register_action:
			return
		changed = self.changed_by_hand()
		if self.is_new() or changed - set(MAINTAINED_FIELDS):
			frappe.throw(
				_(
					"A line is opened, changed and ended by the documents that act on it (Business Order, Suspension Request)."
				),
				title=_("Not Allowed"),
			)
		if changed:
			require_step("service_line.maintain", self.company)

	def changed_by_hand(self) -> set[str]:
		from lvyue_ops.controllers.status_flow import changed_fields

		before = self.get_doc_before_save()
		return set(changed_fields(self, before)) if before else set()

	def record(
		self,
		event: str,
		on_date,
		effective_from=None,
		status: str | None = None,
		monthly_fee: float | None = None,
		reference=None,
		note: str | None = None,
	) -> None:
		"""A change of the line: its history row, then the line's status, fee and dates as from
		`effective_from` (the day of `on_date` unless said). Saved by the caller's action."""
		effective_from = getdate(effective_from or on_date)
		last = self.history[-1] if self.history else None
		if last and effective_from < getdate(last.effective_from):
			frappe.throw(
				_("Line {0} changed on {1} already: a change cannot take effect before it.").format(
					self.title(), last.effective_from
				)
			)
		status = status or self.status
		monthly_fee = self.monthly_fee if monthly_fee is None else monthly_fee
		self.append(
			"history",
			{
				"event_date": getdate(on_date),
				"event": event,
				"status": status,
				"effective_from": effective_from,
				"monthly_fee": monthly_fee,
				"reference_doctype": reference.doctype if reference else None,
				"reference_name": reference.name if reference else None,
				"note": note,
			},
		)
		if status == "Active" and not self.active_from:
			self.active_from = effective_from
		if status == "Dismantled":
			self.ended_on = add_days(effective_from, -1)
		self.status, self.monthly_fee = status, monthly_fee
		self.flags.register_action = True

	def title(self) -> str:
		return self.numbers or self.name
