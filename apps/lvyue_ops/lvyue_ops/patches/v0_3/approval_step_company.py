"""Approval Steps carry the company of the document they approve (the Approval SLA report by
company): filled for the steps made before."""

import frappe


def execute():
	for doctype in ("Project Approval", "Purchase Request"):
		frappe.db.sql(
			f"""update `tabApproval Step` s join `tab{doctype}` d on d.name = s.reference_name
			set s.company = d.company where s.reference_doctype = %s and (s.company is null or s.company = '')""",
			doctype,
		)
	frappe.db.sql(
		"""update `tabApproval Step` s join `tabContract` c on c.name = s.reference_name
		join `tabProject Approval` p on p.name = c.lvyue_project_approval
		set s.company = p.company where s.reference_doctype = 'Contract' and (s.company is null or s.company = '')"""
	)
