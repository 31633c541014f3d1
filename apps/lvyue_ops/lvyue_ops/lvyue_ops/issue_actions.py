"""Whitelisted actions on ERPNext's Issue (called from public/js/issue.js)."""

import frappe

from lvyue_ops.lvyue_ops import service


@frappe.whitelist()
def escalate(issue: str, reason: str):
	doc = frappe.get_doc("Issue", issue)
	doc.check_permission("write")
	return service.escalate_issue(doc, reason)


@frappe.whitelist()
def make_business_order(issue: str, company: str):
	doc = frappe.get_doc("Issue", issue)
	doc.check_permission("read")
	return service.make_business_order(doc, company)
