# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The periodic review of how a contract is being fulfilled (合同履行审查): the system fills in the
period's figures — orders delivered and their lead times, billed and collected, overdue,
complaints and service requests past their SLA — and the reviewer (the Operations Supervisor)
concludes, with measures that have an owner and a due date."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_days, date_diff, flt, formatdate, getdate, now_datetime, nowdate

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.naming import name_from_series
from lvyue_ops.utils.notify import alert, assign, assign_step, close_step, step_users

REVIEW = "contract_review.complete"
REMIND_AFTER_DAYS = 14  # an open review is chased this long after its period, then weekly
# the system's, from the records (refresh_figures); never typed in
FIGURES = (
	"orders_delivered",
	"average_lead_days",
	"complaints",
	"sla_breaches",
	"billed",
	"collected",
	"overdue",
	"completed_by",
	"completed_on",
)


class ContractReview(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.fulfilment_tracking.doctype.contract_review_measure.contract_review_measure import (
			ContractReviewMeasure,
		)

		average_lead_days: DF.Float
		billed: DF.Currency
		collected: DF.Currency
		company: DF.Link | None
		complaints: DF.Int
		completed_by: DF.Link | None
		completed_on: DF.Datetime | None
		conclusion: DF.Literal["", "Fulfilled as Agreed", "Needs Improvement", "At Risk"]
		contract: DF.Link
		customer: DF.Link | None
		findings: DF.Text | None
		measures: DF.Table[ContractReviewMeasure]
		orders_delivered: DF.Int
		overdue: DF.Currency
		period_from: DF.Date
		period_to: DF.Date
		reminded_on: DF.Date | None
		sla_breaches: DF.Int
		status: DF.Literal["Open", "Completed"]
	# end: auto-generated types
	status_flow = {"Open": ("Completed",)}

	def autoname(self):
		name_from_series(self, "CRV-.YYYY.-")

	def validate(self):
		if getdate(self.period_to) < getdate(self.period_from):
			frappe.throw(_("The period ends before it starts."))
		contract = frappe.db.get_value(
			"Contract",
			self.contract,
			["party_type", "party_name", "docstatus", "lvyue_project_approval"],
			as_dict=True,
		)
		if not contract or contract.docstatus != 1 or contract.party_type != "Customer":
			frappe.throw(_("Only an approved contract with a customer is reviewed."))
		self.customer = contract.party_name
		self.company = (
			self.company
			or (
				contract.lvyue_project_approval
				and frappe.db.get_value("Project Approval", contract.lvyue_project_approval, "company")
			)
			or frappe.defaults.get_user_default("Company")
		)
		self.validate_status_change()
		self.validate_action_fields(FIGURES)
		self.validate_locked(("Open",))
		if self.is_new():
			self.fill_figures()

	def fill_figures(self):
		"""The period's figures, from the customer's own records."""
		start, end = getdate(self.period_from), getdate(self.period_to)
		orders = frappe.get_all(
			"Business Order",
			filters={"customer": self.customer, "activated_on": ("between", (start, end))},
			fields=["handover_date", "activated_on"],
		)
		leads = [date_diff(o.activated_on, o.handover_date) for o in orders if o.handover_date]
		self.orders_delivered = len(orders)
		self.average_lead_days = flt(sum(leads) / len(leads), 1) if leads else 0
		bills = {"customer": self.customer, "company": self.company, "docstatus": 1}
		self.billed = flt(
			frappe.db.get_value(
				"Sales Invoice", {**bills, "posting_date": ("between", (start, end))}, "sum(grand_total)"
			)
		)
		self.overdue = flt(
			frappe.db.get_value(
				"Sales Invoice",
				{**bills, "due_date": ("<=", end), "outstanding_amount": (">", 0)},
				"sum(outstanding_amount)",
			)
		)
		self.collected = flt(
			frappe.db.get_value(
				"Payment Entry",
				{
					"party_type": "Customer",
					"party": self.customer,
					"company": self.company,
					"payment_type": "Receive",
					"docstatus": 1,
					"posting_date": ("between", (start, end)),
				},
				"sum(paid_amount)",
			)
		)
		self.complaints = frappe.db.count(
			"Complaint Register",
			{"customer": self.customer, "received_on": ("between", (start, f"{end} 23:59:59"))},
		)
		self.sla_breaches = frappe.db.count(
			"Issue",
			{
				"customer": self.customer,
				"opening_date": ("between", (start, end)),
				"agreement_status": "Failed",
			},
		)

	def after_insert(self):
		assign_step(
			REVIEW,
			self.doctype,
			self.name,
			lambda: _("Review how contract {0} of {1} was fulfilled from {2} to {3}.").format(
				self.contract, self.customer, formatdate(self.period_from), formatdate(self.period_to)
			),
			"Medium",
			self.company,
		)

	@frappe.whitelist(methods=["POST"])
	def refresh_figures(self):
		self.begin_action(REVIEW)
		self.require_status("Open")
		self.fill_figures()
		self.flags.status_change_allowed = True  # the action's own change of the figures
		self.save()

	@frappe.whitelist(methods=["POST"])
	def complete(self):
		"""The reviewer's conclusion stands; each measure's owner gets a ToDo due on its date."""
		self.begin_action(REVIEW)
		self.require_status("Open")
		if not self.conclusion:
			frappe.throw(_("Please give the review's conclusion."))
		if self.conclusion != "Fulfilled as Agreed" and not self.measures:
			frappe.throw(_("A contract not fulfilled as agreed needs measures: what, who and by when."))
		self.completed_by, self.completed_on = frappe.session.user, now_datetime()
		self.move_to("Completed")
		close_step(self.doctype, self.name, REVIEW, self.company)
		for row in self.measures:
			assign(
				[row.owner_user],
				self.doctype,
				self.name,
				lambda row=row: _("Measure of the review of contract {0}: {1}").format(
					self.contract, row.measure
				),
				"Medium",
				date=row.due_date,
			)


def make_review(contract: str, period_from, period_to) -> str:
	"""The system's review of the period (scheduler: fulfilment_tracking.contracts)."""
	doc = frappe.get_doc(
		{
			"doctype": "Contract Review",
			"contract": contract,
			"period_from": period_from,
			"period_to": period_to,
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def remind_open_reviews(today=None) -> list[str]:
	"""Daily: reviews still open two weeks after their period tell the reviewer, once a week."""
	today = getdate(today or nowdate())
	due = frappe.get_all(
		"Contract Review",
		filters={"status": "Open", "period_to": ("<", add_days(today, -REMIND_AFTER_DAYS))},
		or_filters=[["reminded_on", "is", "not set"], ["reminded_on", "<=", add_days(today, -7)]],
		fields=["name", "contract", "company"],
	)

	def remind(review):
		alert(
			step_users(REVIEW, review.company),
			lambda: _("The review of contract {0} is still open.").format(review.contract),
			"Contract Review",
			review.name,
		)
		frappe.db.set_value("Contract Review", review.name, "reminded_on", today, update_modified=False)

	return [r.name for r in each(due, remind, "contract review reminders")]
