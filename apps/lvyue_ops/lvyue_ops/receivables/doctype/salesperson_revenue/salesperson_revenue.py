# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A salesperson's collected revenue of a month (运营部管理规定 第四章 第二条 2-3): confirmed by
the salesperson by the 5th, handed to HR by the 13th."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, get_first_day, getdate, now_datetime

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.ops_calendar.ops_calendar import complete_task
from lvyue_ops.receivables.receivables import calendar_day

REVENUE_RECONCILE_DUTY = "Salesperson Revenue Reconciliation"
REVENUE_HR_DUTY = "Salesperson Revenue to HR"


class SalespersonRevenue(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		bills: DF.Int
		collected: DF.Currency
		company: DF.Link
		confirm_by: DF.Date | None
		confirmed_by: DF.Link | None
		confirmed_on: DF.Datetime | None
		delivered_on: DF.Datetime | None
		hr_by: DF.Date | None
		month: DF.Date
		on_time: DF.Check
		sales_person: DF.Link
		salesperson_user: DF.Link | None
		status: DF.Literal["Draft", "Confirmed", "Delivered to HR"]
	# end: auto-generated types
	status_flow = {"Draft": ("Confirmed",), "Confirmed": ("Delivered to HR",)}
	# the HR duty is done when the figure is delivered, not when it is drafted
	completes_duty_itself = True

	def validate(self):
		"""Last month's collections of the salesperson, due to be confirmed by the 5th and with HR
		by the 13th of the following month (both on the ops calendar)."""
		from lvyue_ops.receivables.report.salesperson_collections.salesperson_collections import get_data

		self.validate_status_change()
		self.month = get_first_day(self.month)
		if self.status == "Draft":
			row = next(
				(r for r in get_data(self.company, self.month) if r["sales_person"] == self.sales_person),
				None,
			)
			self.collected = row["collected"] if row else 0
			self.bills = row["bills"] if row else 0
		following = add_months(self.month, 1)
		self.confirm_by = calendar_day(REVENUE_RECONCILE_DUTY, self.company, following)
		self.hr_by = calendar_day(REVENUE_HR_DUTY, self.company, following)

	@frappe.whitelist()
	def confirm(self):
		self.begin_action()
		self.require_status("Draft", message=_("Only a draft figure can be confirmed."))
		if self.salesperson_user and frappe.session.user not in (self.salesperson_user, "Administrator"):
			frappe.throw(
				_("Only {0} can confirm their own revenue.").format(self.salesperson_user),
				frappe.PermissionError,
			)
		self.confirmed_by = frappe.session.user
		self.confirmed_on = now_datetime()
		self.move_to("Confirmed", ignore_permissions=True)

	@frappe.whitelist()
	def deliver_to_hr(self, now=None):
		self.begin_action("salesperson_revenue.deliver")
		self.require_status(
			"Confirmed", message=_("The salesperson confirms the figure before it goes to HR.")
		)
		now = now or now_datetime()
		self.delivered_on = now
		self.on_time = int(getdate(now) <= getdate(self.hr_by))
		self.move_to("Delivered to HR")
		complete_task(REVENUE_HR_DUTY, self.company, self, now)
