# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""Figures the Operations department hands to HR (运营部管理规定 第四章 第二条): the salesperson
revenue confirmed by the salespeople (by the 13th), the quarterly bonus data (within the first week
after the quarter's bills) and the collection rate of the partner business lines (锦新, by the
13th). HR is told and marks it received; the delivery completes the duty on the ops calendar."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, flt, get_first_day, getdate, now_datetime

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_settings
from lvyue_ops.ops_calendar.ops_calendar import QUARTER_MONTHS, due_date
from lvyue_ops.utils.notify import (
	alert,
	assign_step,
	close_step,
	step_users,
)

# hand-over -> the duty of the ops calendar it fulfils
DUTIES = {
	"Salesperson Revenue": "Salesperson Revenue to HR",
	"Quarterly Bonus": "Quarterly Bonus Data",
	"Partner Collection Rate": "Partner Collection Rate to HR",
}


class HRHandover(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.receivables.doctype.hr_handover_line.hr_handover_line import HRHandoverLine

		company: DF.Link
		delivered_by: DF.Link | None
		delivered_on: DF.Datetime | None
		due_by: DF.Date | None
		handover_type: DF.Literal["Salesperson Revenue", "Quarterly Bonus", "Partner Collection Rate"]
		lines: DF.Table[HRHandoverLine]
		notes: DF.SmallText | None
		on_time: DF.Check
		ops_duty: DF.Link | None
		period: DF.Date
		received_by: DF.Link | None
		received_on: DF.Datetime | None
		status: DF.Literal["Draft", "Delivered", "Received"]
		total_collected: DF.Currency
	# end: auto-generated types
	status_flow = {"Draft": ("Delivered",), "Delivered": ("Received",)}

	def validate(self):
		self.validate_status_change()
		self.validate_locked(("Draft",), {"notes"})
		self.period = get_first_day(self.period)
		if self.handover_type == "Quarterly Bonus" and (getdate(self.period).month - 1) % 3:
			frappe.throw(_("The quarterly bonus is handed over for a quarter: give its first month."))
		self.ops_duty = DUTIES[self.handover_type]
		due_month = add_months(self.period, 3 if self.handover_type == "Quarterly Bonus" else 1)
		if self.handover_type == "Quarterly Bonus" and due_month.month not in QUARTER_MONTHS:
			frappe.throw(_("The quarterly bonus is handed over for a quarter: give its first month."))
		due = due_date(self.ops_duty, due_month.year, due_month.month, self.company)
		self.due_by = due.date() if due else None
		duplicate = frappe.db.exists(
			"HR Handover",
			{
				"company": self.company,
				"handover_type": self.handover_type,
				"period": self.period,
				"name": ("!=", self.name or ""),
			},
		)
		if duplicate:
			frappe.throw(
				_("{0} of {1} is already handed over in {2}.").format(
					_(self.handover_type), self.period, duplicate
				)
			)
		self.total_collected = sum(flt(row.collected) for row in self.lines)

	@frappe.whitelist(methods=["POST"])
	def fetch_figures(self):
		self.begin_action("hr_handover.deliver")
		self.require_status("Draft")
		self.set("lines", self.figures())
		self.save()

	def figures(self) -> list[dict]:
		from lvyue_ops.receivables.report.business_line_collection.business_line_collection import (
			get_data as line_collection,
		)
		from lvyue_ops.receivables.report.salesperson_collections.salesperson_collections import (
			get_data as salesperson_collections,
		)

		if self.handover_type == "Salesperson Revenue":
			revenue = frappe.get_all(
				"Salesperson Revenue",
				filters={"company": self.company, "month": self.period},
				fields=["name", "sales_person", "status", "collected", "bills"],
				order_by="sales_person",
			)
			unconfirmed = [r.sales_person for r in revenue if r.status == "Draft"]
			if unconfirmed:
				frappe.throw(
					_(
						"The salespeople confirm their revenue before it goes to HR; still to confirm: {0}."
					).format(", ".join(unconfirmed))
				)
			return [
				{"sales_person": r.sales_person, "collected": r.collected, "bills": r.bills} for r in revenue
			]
		if self.handover_type == "Quarterly Bonus":
			return salesperson_collections([self.company], self.period, 3)
		partners = {row.business_line: row.partner for row in get_settings().partner_lines}
		if not partners:
			frappe.throw(_("Please name the partner business lines in Lvyue Ops Settings."))
		return [
			{**row, "partner": partners[row["business_line"]]}
			for row in line_collection([self.company], self.period)
			if row["business_line"] in partners
		]

	@frappe.whitelist(methods=["POST"])
	def deliver(self, now=None):
		"""Operations hands the figures to HR: HR is told; the duty of the month is done."""
		self.begin_action("hr_handover.deliver")
		self.require_status("Draft")
		self.set("lines", self.figures())
		if not self.lines:
			frappe.throw(_("There are no figures to hand over for {0}.").format(self.period))
		now = now or now_datetime()
		self.delivered_by, self.delivered_on = frappe.session.user, now
		self.on_time = int(getdate(now) <= getdate(self.due_by)) if self.due_by else 0
		self.move_to("Delivered")
		if self.handover_type == "Salesperson Revenue":
			for name in frappe.get_all(
				"Salesperson Revenue",
				filters={"company": self.company, "month": self.period, "status": "Confirmed"},
				pluck="name",
			):
				frappe.get_doc("Salesperson Revenue", name).delivered_to_hr(self, now)

		def subject():
			return _("{0} of {1} handed over to HR").format(
				_(self.handover_type), getdate(self.period).strftime("%Y-%m")
			)

		assign_step("hr_handover.receive", self.doctype, self.name, subject, company=self.company)
		alert(
			step_users("hr_handover.receive", self.company),
			subject,
			self.doctype,
			self.name,
			from_user=frappe.session.user,
		)

	@frappe.whitelist(methods=["POST"])
	def receive(self):
		self.begin_action("hr_handover.receive")
		self.received_by, self.received_on = frappe.session.user, now_datetime()
		self.move_to("Received")
		close_step(self.doctype, self.name, "hr_handover.receive", self.company)
