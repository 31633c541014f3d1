# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from lvyue_ops.controllers.approval_chain import ApprovalChain
from lvyue_ops.utils.naming import name_from_series


class ProjectApproval(ApprovalChain, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from lvyue_ops.approvals.doctype.project_approval_service.project_approval_service import (
			ProjectApprovalService,
		)

		amended_from: DF.Link | None
		approval_type: DF.Literal["New Project", "Contract Change"]
		approved_on_behalf: DF.Check
		attachment: DF.Attach | None
		change_type: DF.Literal["", "Dismantle", "Relocation"]
		company: DF.Link
		contract: DF.Link | None
		customer: DF.Link | None
		expected_monthly_revenue: DF.Currency
		feasibility_assessment: DF.TextEditor
		gm_confirmation_status: DF.Literal["", "Awaiting Confirmation", "Confirmed"]
		gm_confirmed_by: DF.Link | None
		gm_confirmed_on: DF.Datetime | None
		involves_equipment: DF.Check
		naming_series: DF.Literal["PA-.YYYY.-"]
		on_behalf_approver: DF.Link | None
		posting_date: DF.Date
		prospect_name: DF.Data | None
		rejection_reason: DF.SmallText | None
		requested_by: DF.Link | None
		sales_person: DF.Link | None
		services: DF.Table[ProjectApprovalService]
		title: DF.Data | None
		total_amount: DF.Currency
		workflow_state: DF.Link | None

	# end: auto-generated types
	def autoname(self):
		name_from_series(self, "PA-.YYYY.-")

	def validate(self):
		if not self.customer and not (self.prospect_name or "").strip():
			frappe.throw(_("Please select the customer or give the prospect's name."))
		for row in self.services:
			if flt(row.quantity) <= 0:
				frappe.throw(_("Row {0}: the quantity must be greater than zero.").format(row.idx))
			row.amount = flt(row.quantity) * flt(row.unit_price)
		self.total_amount = sum(flt(row.amount) for row in self.services)
		self.title = self.customer or self.prospect_name
		if self.approval_type == "Contract Change":
			self.validate_change()
		self.validate_approval()

	def validate_change(self):
		"""A change (拆机, 迁改) of an approved contract of the customer."""
		if not self.customer:
			frappe.throw(_("A contract change is approved for a customer."))
		contract = frappe.db.get_value(
			"Contract", self.contract, ["docstatus", "party_type", "party_name"], as_dict=True
		)
		if not contract or contract.docstatus != 1:
			frappe.throw(_("Contract {0} has not been approved.").format(self.contract))
		if contract.party_type != "Customer" or contract.party_name != self.customer:
			frappe.throw(_("Contract {0} belongs to another customer.").format(self.contract))

	@frappe.whitelist(methods=["POST"])
	def link_customer(self, customer: str):
		"""The prospect of an approved project became a Customer: the approval leads to its contract."""
		from lvyue_ops import roles as R
		from lvyue_ops.controllers.status_flow import begin_action

		begin_action(self, "project_approval.link_customer")
		doc = self
		if doc.owner != frappe.session.user and R.MARKETING_MANAGER not in frappe.get_roles():
			# another salesperson's approval is not theirs to give to a customer of their own
			frappe.throw(
				_("Only {0}, who asked for Project Approval {1}, or the Marketing Manager links it.").format(
					frappe.utils.get_fullname(doc.owner), doc.name
				),
				frappe.PermissionError,
			)
		if doc.docstatus != 1:
			frappe.throw(_("Only an approved project approval is linked to its customer."))
		if doc.customer:
			frappe.throw(_("Project Approval {0} is for {1} already.").format(doc.name, doc.customer))
		if not frappe.db.exists("Customer", customer):
			frappe.throw(_("Customer {0} does not exist.").format(customer))
		doc.db_set({"customer": customer, "title": customer})
		doc.add_comment(
			"Info", _("The prospect {0} became customer {1}.").format(doc.prospect_name, customer)
		)


def get_approved_project_approval(name: str | None, customer: str | None):
	"""The Approved Project Approval `name` of `customer` for a new contract (立项), or a clear
	error: a change's approval (拆机, 迁改 of a contract) is not the feasibility approval of a new
	contract."""
	if not name:
		frappe.throw(_("An approved Project Approval is required before the contract goes for approval."))
	project_approval = frappe.db.get_value(
		"Project Approval",
		name,
		["name", "docstatus", "customer", "workflow_state", "approval_type"],
		as_dict=True,
	)
	if not project_approval or project_approval.docstatus != 1:
		frappe.throw(_("Project Approval {0} is not approved yet.").format(name))
	if project_approval.customer != customer:
		frappe.throw(_("Project Approval {0} belongs to another customer.").format(name))
	if (project_approval.approval_type or "New Project") != "New Project":
		frappe.throw(
			_(
				"Project Approval {0} approves a change of a contract: a new contract needs the approval of a new project."
			).format(name)
		)
	return project_approval
