# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A public crisis (公共危机, 运营部管理规定 第四章 第五条 3): the meeting, one external statement,
the internal notice to every department, and the letter to the affected customers."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from lvyue_ops import roles as R
from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.utils.notify import alert, users_with_role

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

	@frappe.whitelist(methods=["POST"])
	def notify_departments(self) -> list[str]:
		"""Send the internal notice to every department (every user holding a department role)."""
		self.begin_action("public_crisis.notify")
		if not ((self.external_statement or "").strip() and (self.internal_notice or "").strip()):
			frappe.throw(_("Please write the unified external statement and the internal notice first."))
		self.notified_on = now_datetime()
		self.move_to("Notified")
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
