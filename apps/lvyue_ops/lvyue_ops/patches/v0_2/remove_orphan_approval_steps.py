"""Approval Steps of approval documents that were deleted (a deleted draft left its log behind)."""

import frappe


def execute():
	for doctype in ("Project Approval", "Contract", "Purchase Request"):
		frappe.db.sql(
			f"""delete s from `tabApproval Step` s
			where s.reference_doctype = %s
			and not exists (select 1 from `tab{doctype}` d where d.name = s.reference_name)""",
			doctype,
		)
