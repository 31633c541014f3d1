# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from lvyue_ops.permissions import reads_only_own
from lvyue_ops.workflow.approval import APPROVAL_DOCTYPES


class ApprovalStep(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Autocomplete | None
		action_by: DF.Link | None
		company: DF.Link | None
		deadline: DF.Datetime | None
		elapsed_hours: DF.Float
		ended_at: DF.Datetime | None
		escalated_at: DF.Datetime | None
		escalated_to: DF.Autocomplete | None
		reference_doctype: DF.Link
		reference_name: DF.DynamicLink
		remarks: DF.SmallText | None
		reminded_at: DF.Datetime | None
		role: DF.Link | None
		started_at: DF.Datetime | None
		status: DF.Literal["Awaiting Action", "Completed"]
		within_sla: DF.Check
		workflow_state: DF.Autocomplete | None
	# end: auto-generated types
	pass


def has_permission(doc, ptype=None, user=None):
	"""A salesperson reads the steps of their own requests only (hooks.py has_permission)."""
	user = user or frappe.session.user
	if reads_only_own("Approval Step", user):
		return frappe.db.get_value(doc.reference_doctype, doc.reference_name, "owner") == user
	return None


def permission_query_conditions(user=None):
	user = user or frappe.session.user
	if not reads_only_own("Approval Step", user):
		return ""
	owner = frappe.db.escape(user)
	return "({})".format(
		" or ".join(
			f"(`tabApproval Step`.reference_doctype = '{doctype}' and `tabApproval Step`.reference_name in "
			f"(select name from `tab{doctype}` where owner = {owner}))"
			for doctype in APPROVAL_DOCTYPES
		)
	)
