# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""A purchase for a customer's need (采购立项, 运营部管理规定 第四章 第三条 2-2): approved through
its chain by the General Manager (urgently: by phone or another leader, confirmed afterwards);
approved, it becomes ERPNext's purchase Material Request and Operations assigns who executes it."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import escape_html, flt

from lvyue_ops import roles as R
from lvyue_ops.controllers.approval_chain import ApprovalChain
from lvyue_ops.controllers.status_flow import begin_action
from lvyue_ops.permissions import has_step, require_step
from lvyue_ops.utils.files import attached_file
from lvyue_ops.utils.naming import name_from_series
from lvyue_ops.utils.notify import alert, assign, assign_step, close_step

PUBLICITY = "purchase_request.publicity"


class PurchaseRequest(ApprovalChain, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.procurement.doctype.purchase_request_item.purchase_request_item import (
			PurchaseRequestItem,
		)

		amended_from: DF.Link | None
		approved_on_behalf: DF.Check
		before_customer_payment: DF.Check
		company: DF.Link
		customer: DF.Link | None
		customer_payment: DF.Link | None
		design_draft: DF.Attach | None
		design_review_note: DF.SmallText | None
		design_review_status: DF.Literal["", "Pending Review", "Approved", "Rejected"]
		design_reviewed_by: DF.Link | None
		design_reviewed_on: DF.Datetime | None
		executor: DF.Link | None
		gm_confirmation_status: DF.Literal["", "Awaiting Confirmation", "Confirmed"]
		gm_confirmed_by: DF.Link | None
		gm_confirmed_on: DF.Datetime | None
		items: DF.Table[PurchaseRequestItem]
		material_request: DF.Link | None
		naming_series: DF.Literal["PR-.YYYY.-"]
		on_behalf_approver: DF.Link | None
		phone_approval: DF.Check
		phone_approved_at: DF.Datetime | None
		phone_approver: DF.Link | None
		phone_recorded_by: DF.Link | None
		project_approval: DF.Link | None
		publicity_material: DF.Check
		reason: DF.SmallText
		rejection_reason: DF.SmallText | None
		request_date: DF.Date
		requested_by: DF.Link | None
		required_by: DF.Date
		urgent: DF.Check
		workflow_state: DF.Link | None

	# end: auto-generated types
	def autoname(self):
		name_from_series(self, "PR-.YYYY.-")

	def validate(self):
		for row in self.items:
			if flt(row.qty) <= 0:
				frappe.throw(_("Row {0}: the quantity must be greater than zero.").format(row.idx))
		if self.project_approval and self.customer:
			if frappe.db.get_value("Project Approval", self.project_approval, "customer") != self.customer:
				frappe.throw(
					_("Project Approval {0} belongs to another customer.").format(self.project_approval)
				)
		if self.phone_approval:
			if not self.urgent:
				frappe.throw(_("Only an urgent purchase is approved by phone."))
			if not (self.phone_approver and self.phone_approved_at):
				frappe.throw(_("Please record who approved by phone and when."))
			if not self.phone_recorded_by:
				self.phone_recorded_by = frappe.session.user
		if self.is_new() and self.publicity_material:
			require_step(PUBLICITY, self.company)  # 第六条 4: 由运营部提出采购申请
		self.validate_approval()
		self.validate_recharge_approver()

	def validate_recharge_approver(self):
		"""A recharge bought before the customer has paid is the General Manager's own decision
		(第三条 2-2, 客户汇款后): approved by them in the system or by phone, never on their behalf."""
		if not (self.before_customer_payment and self.workflow_state == "Approved"):
			return
		if not self.has_value_changed("workflow_state") or self.phone_approval:
			return
		if R.GENERAL_MANAGER not in frappe.get_roles():
			frappe.throw(
				_(
					"This recharge comes before the customer's payment: only the General Manager approves it, in the system or by phone."
				),
				frappe.PermissionError,
			)

	def on_submit(self):
		"""The approved request becomes ERPNext's purchase Material Request, for the buyers."""
		request = frappe.get_doc(
			{
				"doctype": "Material Request",
				"material_request_type": "Purchase",
				"company": self.company,
				"transaction_date": self.request_date,
				"schedule_date": self.required_by,
				"items": [
					{
						"item_code": row.item_code,
						"qty": row.qty,
						"schedule_date": self.required_by,
						"description": row.specification or row.item_code,
					}
					for row in self.items
				],
			}
		)
		request.flags.ignore_permissions = True
		request.insert()
		request.submit()
		self.db_set("material_request", request.name)

	@frappe.whitelist(methods=["POST"])
	def assign_executor(self, user: str):
		"""Operations assigns who executes an approved purchase."""
		begin_action(self, "purchase_request.assign_executor")
		if self.docstatus != 1:
			frappe.throw(_("A purchase request is assigned once it is approved."))
		self.db_set("executor", user)
		assign(
			[user],
			self.doctype,
			self.name,
			lambda: _("Execute purchase {0}: {1}").format(self.name, escape_html(self.reason)),
			date=self.required_by,
		)

	# --- publicity material: the design firm's draft reviewed before it is printed (第六条 4) ----------

	@frappe.whitelist(methods=["POST"])
	def submit_design(self, file_url: str):
		"""Whoever executes the purchase (or Operations) hands in the design firm's draft, attached
		to the request; Operations reviews it."""
		begin_action(self)
		if not self.publicity_material or self.docstatus != 1:
			frappe.throw(_("A design is reviewed on an approved purchase of publicity material."))
		if frappe.session.user != self.executor and not has_step(PUBLICITY, company=self.company):
			frappe.throw(
				_("The purchase's executor or Operations hands in the design."), frappe.PermissionError
			)
		if self.design_review_status == "Approved":
			frappe.throw(_("The design is approved already."))
		attached_file(self, file_url)
		self.db_set(
			{
				"design_draft": file_url,
				"design_review_status": "Pending Review",
				"design_reviewed_by": None,
				"design_reviewed_on": None,
				"design_review_note": None,
			}
		)
		assign_step(
			PUBLICITY,
			self.doctype,
			self.name,
			lambda: _("Review the design of {0}: {1}").format(self.name, escape_html(self.reason)),
			company=self.company,
		)

	@frappe.whitelist(methods=["POST"])
	def review_design(self, approve: bool | int | str, note: str | None = None):
		"""Operations approves the draft for printing, or sends it back with what to change."""
		begin_action(self, PUBLICITY)
		if self.design_review_status != "Pending Review":
			frappe.throw(_("There is no design waiting for review."))
		approve = frappe.utils.sbool(approve)
		note = (note or "").strip()
		if not approve and not note:
			frappe.throw(_("Please say what the design firm should change."))
		self.db_set(
			{
				"design_review_status": "Approved" if approve else "Rejected",
				"design_reviewed_by": frappe.session.user,
				"design_reviewed_on": frappe.utils.now_datetime(),
				"design_review_note": note or None,
			}
		)
		close_step(self.doctype, self.name, PUBLICITY, self.company)
		if self.executor:
			alert(
				[self.executor],
				lambda: (
					_("The design of {0} is approved: it may be printed.")
					if approve
					else _("The design of {0} goes back to the design firm: {1}")
				).format(self.name, escape_html(note)),
				self.doctype,
				self.name,
				from_user=frappe.session.user,
			)
