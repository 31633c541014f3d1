# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The month's operations in figures (月度运营报告), for the duty 每月第一个星期 经营情况统计分析
(运营部管理规定 第四章 第二条 2-2): made by the system when the duty opens, each figure against the
month before; the Operations Supervisor writes the analysis and submits it, which completes the
duty."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, get_first_day, getdate, nowdate, strip_html

from lvyue_ops.controllers.status_flow import begin_action
from lvyue_ops.fulfilment_tracking import figures as F
from lvyue_ops.line_register.margin import month_margin, month_movement
from lvyue_ops.permissions import system_rights
from lvyue_ops.utils.naming import name_from_series
from lvyue_ops.utils.notify import assign_step

PREPARE = "monthly_operations_report.prepare"
DUTY = "Operations Statistics"


# key -> (label, unit, what it counts): stored in English (the source language) and shown
# translated (the form's JS and the print format), so a report reads in each reader's language.
# "What it counts" names the documents and the date that puts them in the month.
CURRENCY = None  # an amount: its unit is the company's currency
MONTH_BILLS = "Bills of the month's usage, and bills made by hand by posting date"
AR = "ERPNext's Accounts Receivable at the month's last day"
FIGURES = {
	**{f"orders_{t}": (f"Orders: {t}", "", "Business Orders by hand-over date") for t in F.ORDER_TYPES},
	"billed": ("Billed", CURRENCY, MONTH_BILLS),
	"collected": ("Collected", CURRENCY, "Payment Entries from customers by posting date"),
	"collection_rate": ("Collection Rate of the Month's Bills", "%", MONTH_BILLS),
	"dso": ("Days Sales Outstanding", "days", AR),
	"receivables": ("Receivables at Month End", CURRENCY, AR),
	"overdue": ("Overdue at Month End", CURRENCY, AR),
	"approval_hours": ("Approval Step Cycle Time", "hours", "Approval Steps by the day they ended"),
	"approvals_within_sla": ("Approval Steps within 24 Hours", "%", "Approval Steps by the day they ended"),
	"duty_on_time": ("Duties Done on Time", "%", "Ops Duty Tasks of the month, due or done"),
	"complaints": ("Complaints Received", "", "Complaint Register by the day received"),
	"complaints_in_time": (
		"Written Complaints Answered within a Working Day",
		"%",
		"Complaint Register by the day received",
	),
	"satisfaction": ("Customer Satisfaction (1-5)", "", "Revisits, questionnaires and symposia by date"),
	# the register of lines: the month's movement and margin (line_register/margin.py)
	"lines_opened": ("Lines Opened", "", "Service Line history by the day of the change"),
	"lines_dismantled": ("Lines Dismantled", "", "Service Line history by the day of the change"),
	"mrr_change": (
		"Net Change in Monthly Recurring Revenue",
		CURRENCY,
		"Service Lines in service at the month's eve and end",
	),
	"gross_margin": ("Gross Margin", CURRENCY, "Bills and line costs by usage month"),
}


def month_figures(company: str, month) -> dict[str, float | None]:
	"""Every figure of the month, by key."""
	orders = F.orders_by_type(company, month)
	owed = F.receivables(company, F.month_range(month)[1])
	approvals = F.approvals(company, month)
	complaints = F.complaints(company, month)
	movement = month_movement(company, month)
	return {
		**{f"orders_{t}": orders[t] for t in F.ORDER_TYPES},
		"billed": F.billed(company, month),
		"collected": F.collected(company, month),
		"collection_rate": F.collection_rate(company, month),
		"dso": F.dso(company, month),
		"receivables": owed["owed"],
		"overdue": owed["overdue"],
		"approval_hours": approvals["average_hours"],
		"approvals_within_sla": approvals["within_sla"],
		"duty_on_time": F.duty_on_time(company, month),
		"complaints": complaints["received"],
		"complaints_in_time": complaints["replied_in_time"],
		"satisfaction": F.satisfaction(company, month),
		"lines_opened": movement["opened"],
		"lines_dismantled": movement["dismantled"],
		"mrr_change": movement["mrr_change"],
		"gross_margin": flt(sum(row["margin"] for row in month_margin(company, month)), 2),
	}


class MonthlyOperationsReport(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.fulfilment_tracking.doctype.monthly_operations_figure.monthly_operations_figure import (
			MonthlyOperationsFigure,
		)

		amended_from: DF.Link | None
		analysis: DF.TextEditor | None
		company: DF.Link
		figures: DF.Table[MonthlyOperationsFigure]
		month: DF.Date
		overdue_1_30: DF.Currency
		overdue_31_60: DF.Currency
		overdue_61_90: DF.Currency
		overdue_over_90: DF.Currency
		report_date: DF.Date | None

	# end: auto-generated types
	def autoname(self):
		name_from_series(self, "MOR-.YYYY.-")

	def validate(self):
		self.month = get_first_day(self.month)
		if self.is_new():
			if frappe.db.exists(
				"Monthly Operations Report",
				{
					"company": self.company,
					"month": self.month,
					"docstatus": ("<", 2),
					"name": ("!=", self.name),
				},
			):
				frappe.throw(
					_("{0} has a report for {1} already.").format(self.company, self.month.strftime("%Y-%m"))
				)
			self.fill_figures()

	def fill_figures(self):
		"""Read with system rights (the figures need ERPNext's Accounts Receivable, which reads with
		accounting rights the Operations Supervisor does not hold)."""
		with system_rights():
			self.read_figures()

	def read_figures(self):
		self.report_date = getdate(nowdate())
		currency = frappe.get_cached_value("Company", self.company, "default_currency")
		previous = month_figures(self.company, F.previous_month(self.month))
		self.set("figures", [])
		for key, value in month_figures(self.company, self.month).items():
			label, unit, counts = FIGURES[key]
			unit = currency if unit is CURRENCY else unit
			last = previous.get(key)
			self.append(
				"figures",
				{
					"figure_key": key,
					"figure": label,
					"this_month": value,
					"last_month": last,
					"change": flt(flt(value) - flt(last), 2)
					if value is not None and last is not None
					else None,
					"unit": unit,
					"counts": counts,
				},
			)
		ageing = F.receivables(self.company, F.month_range(self.month)[1])["ageing"]
		self.overdue_1_30, self.overdue_31_60 = ageing["1-30"], ageing["31-60"]
		self.overdue_61_90, self.overdue_over_90 = ageing["61-90"], ageing["90+"]

	@frappe.whitelist(methods=["POST"])
	def refresh_figures(self):
		"""Read the figures again (a payment or a bill came in since)."""
		begin_action(self, PREPARE)
		if self.docstatus != 0:
			frappe.throw(_("A submitted report keeps its figures."))
		self.fill_figures()
		self.save()

	def before_submit(self):
		if not strip_html(self.analysis or "").strip():
			frappe.throw(_("Please write the analysis of the month before submitting the report."))

	def figure(self, key: str):
		return next((row.this_month for row in self.figures if row.figure_key == key), None)


def make_monthly_reports(today=None) -> list[str]:
	"""Daily: when the month's statistics duty opens, the report of the month before is made for
	each company with a calendar and given to the Operations Supervisor."""
	from frappe.utils import add_days

	from lvyue_ops.ops_calendar.ops_calendar import companies_with_calendar, due_date
	from lvyue_ops.utils.jobs import each

	today = getdate(today or nowdate())
	made = []
	opens = frappe.db.get_value("Ops Duty", DUTY, "opens_days_before") or 0
	for company in companies_with_calendar():
		due = due_date(DUTY, today.year, today.month, company)
		if not due or today < getdate(add_days(due, -opens)):
			continue
		month = F.previous_month(today)
		if frappe.db.exists(
			"Monthly Operations Report", {"company": company, "month": month, "docstatus": ("<", 2)}
		):
			continue

		def make(company, month=month, due=due):
			doc = frappe.get_doc({"doctype": "Monthly Operations Report", "company": company, "month": month})
			doc.insert(ignore_permissions=True)
			assign_step(
				PREPARE,
				doc.doctype,
				doc.name,
				lambda month=month: _(
					"The operations report of {0}: write the analysis and submit it."
				).format(month.strftime("%Y-%m")),
				"Medium",
				company,
				getdate(due),
			)
			made.append(doc.name)

		each([company], make, "monthly operations report")
	return made
