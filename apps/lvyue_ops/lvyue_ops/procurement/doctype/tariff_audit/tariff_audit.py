# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The tariff audit of newly installed trunk lines (运营部管理规定 第四章 第三条 1-3): on the 25th
and the month's last day before 12:00; a line stays on the list until it is checked."""

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from lvyue_ops.controllers.status_flow import StatusFlow
from lvyue_ops.line_register.doctype.service_line.service_line import IN_SERVICE
from lvyue_ops.ops_calendar.ops_calendar import due_date

AUDIT_DUTIES = ("Tariff Audit (25th)", "Tariff Audit (Month End)")


class TariffAudit(StatusFlow, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.procurement.doctype.tariff_audit_line.tariff_audit_line import TariffAuditLine

		audit_date: DF.Date
		checker: DF.Link | None
		company: DF.Link
		due: DF.Datetime | None
		lines: DF.Table[TariffAuditLine]
		status: DF.Literal["Open", "Completed"]
	# end: auto-generated types
	status_flow = {"Open": ("Completed",)}

	def validate(self):
		self.validate_status_change()
		self.validate_locked(("Open",))
		if self.is_new():
			self.add_lines()
		self.due = audit_due(self.company, self.audit_date)
		before = {line.name: line for line in (self.get_doc_before_save() or frappe._dict(lines=[])).lines}
		for line in self.lines:
			old = before.get(line.name)
			if line.result != "Unchecked" and (not old or old.result != line.result):
				line.checked_by = frappe.session.user
			if line.result == "Discrepancy" and not (line.remarks or "").strip():
				frappe.throw(_("Row {0}: please describe the discrepancy.").format(line.idx))

	def add_lines(self):
		"""Lines opened since the last completed audit (the register), and every line still
		unchecked on an earlier audit (it stays on the list until it is checked)."""
		last = frappe.get_all(
			"Tariff Audit",
			filters={"company": self.company, "status": "Completed", "name": ("!=", self.name or "")},
			fields=["audit_date"],
			order_by="audit_date desc",
			limit=1,
		)
		since = getdate(last[0].audit_date) if last else date(2000, 1, 1)
		present = {(line.business_order, line.trunk_line) for line in self.lines}

		def add(line):
			if (line["business_order"], line["trunk_line"]) not in present:
				present.add((line["business_order"], line["trunk_line"]))
				self.append("lines", line)

		for previous in frappe.get_all(
			"Tariff Audit", filters={"company": self.company, "name": ("!=", self.name or "")}, pluck="name"
		):
			for line in frappe.get_all(
				"Tariff Audit Line",
				filters={"parent": previous, "result": "Unchecked"},
				fields=["business_order", "customer", "trunk_line", "activated_on"],
			):
				if not frappe.db.exists(
					"Tariff Audit Line",
					{
						"business_order": line.business_order,
						"trunk_line": line.trunk_line,
						"result": ("!=", "Unchecked"),
					},
				):
					add({**line, "result": "Unchecked"})
		# the lines opened since (the register): a 过户's line is the same line under a new customer
		for line in frappe.get_all(
			"Service Line",
			filters={
				"company": self.company,
				"status": ("in", IN_SERVICE),
				"active_from": (">", since),
				"transferred_from": ("is", "not set"),
			},
			fields=["name", "business_order", "customer", "numbers", "active_from"],
			order_by="active_from, name",
		):
			add(
				{
					"business_order": line.business_order,
					"customer": line.customer,
					"trunk_line": line.numbers or line.name,
					"activated_on": line.active_from,
					"result": "Unchecked",
				}
			)

	@frappe.whitelist(methods=["POST"])
	def refresh_lines(self):
		self.begin_action("tariff_audit.complete")
		self.require_status("Open")
		self.add_lines()
		self.save()

	@frappe.whitelist(methods=["POST"])
	def complete(self):
		"""Completed, the audit's duty of the day (the 25th's or the month end's) is done."""
		self.begin_action("tariff_audit.complete")
		self.checker = frappe.session.user
		self.move_to("Completed")


def audit_due(company: str, audit_date):
	"""The audit's deadline: the next of the two tariff-audit duties of the month (12:00)."""
	day = getdate(audit_date)
	dues = sorted(due_date(duty, day.year, day.month, company) for duty in AUDIT_DUTIES)
	return next((d for d in dues if d.date() >= day), dues[-1])
