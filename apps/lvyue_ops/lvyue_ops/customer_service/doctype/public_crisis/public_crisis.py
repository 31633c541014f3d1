# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A public crisis (公共危机, 运营部管理规定 第四章 第五条 3): the departments' meeting first, then
one external statement; the internal notice to every department; each affected customer's
salesperson replies to it with that statement (a ToDo), and the letter's delivery is recorded per
customer before the crisis is closed."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime, nowdate

from lvyue_ops import roles as R
from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.permissions import require_step
from lvyue_ops.utils.customers import salesperson_users
from lvyue_ops.utils.notify import alert, assign, assign_step, close_assignments, users_with_role

NOTICE_ROLES = (*R.DEPARTMENT_ROLES, R.SALES_USER)


class PublicCrisis(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.customer_service.doctype.crisis_customer.crisis_customer import CrisisCustomer

		carrier: DF.Link | None
		carrier_follow_up: DF.Text | None
		crisis_type: DF.Literal["Carrier Outage", "Municipal Outage", "Policy Change", "Other"]
		customer_letter: DF.TextEditor | None
		customers: DF.Table[CrisisCustomer]
		external_statement: DF.Text | None
		internal_notice: DF.Text | None
		letter_sealed: DF.Check
		letter_sealed_by: DF.Link | None
		meeting_date: DF.Date | None
		meeting_decision: DF.Text | None
		notified_on: DF.Datetime | None
		occurred_on: DF.Datetime
		status: DF.Literal["Open", "Notified", "Closed"]
		title: DF.Data
	# end: auto-generated types
	status_flow = {"Open": ("Notified",), "Notified": ("Closed",)}

	def validate(self):
		self.validate_status_change()
		if self.has_value_changed("letter_sealed"):
			if self.letter_sealed:
				require_step("public_crisis.notify")  # Operations, whose letter it is, has it sealed
				if not (self.customer_letter or "").strip():
					frappe.throw(_("Please draft the letter to the customers before it is sealed."))
			self.letter_sealed_by = frappe.session.user if self.letter_sealed else None
		for row in self.customers:
			if row.letter_delivered and not self.letter_sealed:
				frappe.throw(
					_("Row {0}: the letter goes out sealed: please record the seal first.").format(row.idx)
				)
			if row.letter_delivered and not row.delivered_on:
				row.delivered_on = nowdate()
			if not row.letter_delivered:
				row.delivered_on = None
			if row.delivered_on and getdate(row.delivered_on) > getdate(nowdate()):
				frappe.throw(
					_("Row {0}: the letter to {1} cannot be delivered in the future.").format(
						row.idx, row.customer
					)
				)

	@frappe.whitelist(methods=["POST"])
	def notify_departments(self) -> list[str]:
		"""Send the internal notice to every department (every user holding a department role)."""
		self.begin_action("public_crisis.notify")
		if not (self.meeting_date and (self.meeting_decision or "").strip()):
			frappe.throw(
				_(
					"The departments meet before anyone is told: please record the meeting's date and decision."
				)
			)
		if not ((self.external_statement or "").strip() and (self.internal_notice or "").strip()):
			frappe.throw(_("Please write the unified external statement and the internal notice first."))
		if self.customers and not frappe.utils.strip_html(self.customer_letter or "").strip():
			frappe.throw(_("Please draft the letter to the affected customers first."))
		self.notified_on = now_datetime()
		replies = self.give_customers_to_their_salespeople()
		self.move_to("Notified")
		for row, users, role in replies:
			assign(
				users,
				self.doctype,
				self.name,
				lambda row=row: _("Crisis {0}: please reply to {1} with the unified statement: {2}").format(
					self.title, row.customer, self.external_statement
				),
				"High",
				role,
			)
		if self.carrier:  # 第五条 3-3: Operations talks to the upstream carrier
			assign_step(
				"public_crisis.close",
				self.doctype,
				self.name,
				lambda: _("Crisis {0}: talk to {1} and record what was agreed.").format(
					self.title, self.carrier
				),
				"High",
			)
		users = sorted({u for role in NOTICE_ROLES for u in users_with_role(role)})
		alert(
			users,
			lambda: _("Crisis notice: {0}").format(self.title),
			self.doctype,
			self.name,
			email_content=self.internal_notice,
			from_user=frappe.session.user,
		)
		return users

	def give_customers_to_their_salespeople(self) -> list[tuple]:
		"""Each affected customer is answered by its salesperson, with the one statement (第五条 3-3);
		a customer with none goes to the Marketing Manager, whose department hands out the letters."""
		replies = []
		for row in self.customers:
			users, role = salesperson_users(row.customer), R.SALES_USER
			if not users:
				users, role = users_with_role(R.MARKETING_MANAGER), R.MARKETING_MANAGER
			row.salesperson = users[0] if users else None
			replies.append((row, users, role))
		return replies

	@frappe.whitelist(methods=["POST"])
	def close(self):
		"""Closed once the letter has reached every affected customer."""
		self.begin_action("public_crisis.close")
		self.require_status("Notified", message=_("Only a crisis whose notice went out can be closed."))
		if self.carrier and not (self.carrier_follow_up or "").strip():
			frappe.throw(_("Please record what was agreed with {0} first.").format(self.carrier))
		waiting = [row.customer for row in self.customers if not row.letter_delivered]
		if waiting:
			frappe.throw(
				_("The letter has not reached {0} yet: please record its delivery first.").format(
					", ".join(waiting)
				)
			)
		self.move_to("Closed")
		close_assignments(self.doctype, self.name)
