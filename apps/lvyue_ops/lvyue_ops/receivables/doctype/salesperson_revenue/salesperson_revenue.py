# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A salesperson's collected revenue of a month (运营部管理规定 第四章 第二条 2-3): confirmed by
the salesperson by the 5th (the Operations Supervisor reconciles), handed to HR by the 13th (HR
Handover)."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, get_first_day, getdate, now_datetime

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.ops_calendar.ops_calendar import complete_task, open_task
from lvyue_ops.permissions import reads_only_own
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

	def validate(self):
		"""Last month's collections of the salesperson, due to be confirmed by the 5th and with HR
		by the 13th of the following month (both on the ops calendar)."""
		self.validate_status_change()
		self.month = get_first_day(self.month)
		if self.status == "Draft":
			self.set_collections()
		elif (
			self.has_value_changed("collected")
			or self.has_value_changed("bills")
			or self.has_value_changed("sales_person")
		):
			frappe.throw(_("A confirmed figure does not change."))
		following = add_months(self.month, 1)
		self.confirm_by = calendar_day(REVENUE_RECONCILE_DUTY, self.company, following)
		self.hr_by = calendar_day(REVENUE_HR_DUTY, self.company, following)

	def set_collections(self):
		from lvyue_ops.receivables.report.salesperson_collections.salesperson_collections import get_data

		row = next(
			(r for r in get_data([self.company], self.month) if r["sales_person"] == self.sales_person), None
		)
		self.collected = row["collected"] if row else 0
		self.bills = row["bills"] if row else 0

	@frappe.whitelist(methods=["POST"])
	def confirm(self):
		"""The salesperson confirms their own figure, as the database has it (recalculated now)."""
		self.begin_action()
		self.require_status("Draft", message=_("Only a draft figure can be confirmed."))
		if not self.salesperson_user:
			frappe.throw(_("Please set the salesperson's user before the figure is confirmed."))
		if frappe.session.user != self.salesperson_user:
			frappe.throw(
				_("Only {0} can confirm their own revenue.").format(self.salesperson_user),
				frappe.PermissionError,
			)
		self.set_collections()
		self.confirmed_by = frappe.session.user
		self.confirmed_on = now_datetime()
		# the salesperson's right to confirm is this check, not a write right on every figure
		self.move_to("Confirmed", ignore_permissions=True)
		self.reconciled()

	def reconciled(self):
		"""The month is reconciled once every salesperson has confirmed: the duty is done."""
		if frappe.db.exists(
			"Salesperson Revenue", {"company": self.company, "month": self.month, "status": "Draft"}
		):
			return
		task = open_task(REVENUE_RECONCILE_DUTY, self.company, self.confirm_by)
		if task:
			complete_task(task, self)

	def delivered_to_hr(self, handover, now):
		"""Part of an HR Handover (a system move, whoever delivered it)."""
		self.delivered_on = now
		self.on_time = int(getdate(now) <= getdate(self.hr_by))
		self.move_to("Delivered to HR", ignore_permissions=True)
		self.add_comment("Info", _("Handed to HR with {0}.").format(handover.name))


def has_permission(doc, ptype=None, user=None):
	"""A salesperson reads their own figure only (hooks.py has_permission)."""
	user = user or frappe.session.user
	if reads_only_own("Salesperson Revenue", user):
		return doc.salesperson_user == user
	return None


def permission_query_conditions(user=None):
	user = user or frappe.session.user
	if reads_only_own("Salesperson Revenue", user):
		return f"`tabSalesperson Revenue`.salesperson_user = {frappe.db.escape(user)}"
	return ""
