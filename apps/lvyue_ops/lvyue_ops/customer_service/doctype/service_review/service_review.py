# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The periodic review of the service (运营部管理规定 第四章 第四条 3, 服务评估与改善流程: 对服务水平
组织定期的回顾和评价, 分析存在的问题和改进点, 并形成有效的改进计划): the period's figures read from
the records, the problems found, and an improvement plan whose every action has an owner and a date.
Concluded, each owner has the action as a ToDo; an action is done when its owner says so."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html, flt, getdate, nowdate

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.permissions import has_step, require_step
from lvyue_ops.utils.naming import name_from_series
from lvyue_ops.utils.notify import assign, close_assignments

CONCLUDE = "service_review.conclude"


class ServiceReview(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.customer_service.doctype.service_improvement_action.service_improvement_action import (
			ServiceImprovementAction,
		)

		actions: DF.Table[ServiceImprovementAction]
		average_satisfaction: DF.Float
		company: DF.Link
		complaints: DF.Int
		concluded_by: DF.Link | None
		concluded_on: DF.Date | None
		findings: DF.Text | None
		naming_series: DF.Literal["SR-.YYYY.-"]
		period_from: DF.Date
		period_to: DF.Date
		requests: DF.Int
		requests_resolved: DF.Int
		revisits: DF.Int
		status: DF.Literal["Draft", "Concluded"]
	# end: auto-generated types
	status_flow = {"Draft": ("Concluded",)}

	def autoname(self):
		name_from_series(self, "SR-.YYYY.-")

	def validate(self):
		if self.is_new():
			require_step(CONCLUDE, self.company)
		if getdate(self.period_to) < getdate(self.period_from):
			frappe.throw(_("The period ends before it starts."))
		self.validate_status_change(_("A service review is concluded through its Conclude button."))
		self.validate_locked(("Draft",))
		if self.status == "Draft":
			self.read_figures()

	def read_figures(self):
		period = {"company": self.company}
		dates = ("between", [self.period_from, self.period_to])
		self.requests = frappe.db.count("Issue", {**period, "opening_date": dates})
		self.requests_resolved = frappe.db.count(
			"Issue", {**period, "opening_date": dates, "status": ("in", ("Resolved", "Closed"))}
		)
		self.complaints = frappe.db.count("Complaint Register", {**period, "received_on": dates})
		self.revisits = frappe.db.count("Revisit", {**period, "revisit_date": dates})
		scores = frappe.get_all(
			"Satisfaction Survey",
			filters={**period, "survey_date": dates, "satisfaction": (">", 0)},
			pluck="satisfaction",
		)
		self.average_satisfaction = flt(sum(scores) / len(scores), 2) if scores else 0

	@frappe.whitelist(methods=["POST"])
	def conclude(self):
		"""The review concluded: each action goes to its owner as a ToDo due on its date."""
		self.begin_action(CONCLUDE)
		self.require_status("Draft", message=_("This review is concluded already."))
		if not (self.findings or "").strip():
			frappe.throw(_("Please write down the problems the review found."))
		if not self.actions:
			frappe.throw(_("Please give the improvement plan: each action with its owner and date."))
		self.concluded_by, self.concluded_on = frappe.session.user, nowdate()
		self.move_to("Concluded")
		for row in self.actions:
			assign(
				[row.owner_user],
				self.doctype,
				self.name,
				lambda row=row: _("Service improvement (by {0}): {1}").format(
					frappe.format(row.due_date, {"fieldtype": "Date"}), escape_html(row.action)
				),
				date=row.due_date,
			)

	@frappe.whitelist(methods=["POST"])
	def mark_action_done(self, row: str):
		"""The owner (or Operations) says an action of the plan is carried out."""
		self.begin_action()
		action = next((r for r in self.actions if r.name == row), None)
		if not action or self.status != "Concluded":
			frappe.throw(_("There is no such action in a concluded plan."))
		if frappe.session.user != action.owner_user and not has_step(CONCLUDE, company=self.company):
			frappe.throw(_("The action's owner says it is done."), frappe.PermissionError)
		if action.done_on:
			frappe.throw(_("This action is done already."))
		action.db_set("done_on", nowdate())
		if not any(r.owner_user == action.owner_user and not r.done_on for r in self.actions):
			close_assignments(self.doctype, self.name, allocated_to=action.owner_user)
