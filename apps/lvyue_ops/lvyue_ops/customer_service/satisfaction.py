"""The satisfaction scores customers give (客户满意度调查, 运营部管理规定 第四章 第四条 4): revisits,
questionnaires and symposia, each counted for one company, so that each company's figures (the
Monthly Operations Report, the Customer Satisfaction report) are its own.

A revisit or a questionnaire is about the company that serves the customer: the one of the issue
revisited, else of the customer's newest Business Order, else of its newest bill, else the
default company. A symposium is the company's that held it."""

import frappe

# every score, with its day, category and company
SCORES = """
	select revisit_date as day, category, satisfaction as score, company from `tabRevisit`
	union all select survey_date, category, satisfaction, company from `tabSatisfaction Survey`
	union all select s.symposium_date, '', a.satisfaction, s.company from `tabSymposium Attendee` a
		join `tabCustomer Symposium` s on s.name = a.parent where a.satisfaction > 0"""


def customer_company(customer: str | None) -> str | None:
	"""The company that serves the customer."""
	if customer:
		for doctype, filters in (
			("Business Order", {"customer": customer, "status": ("!=", "Cancelled")}),
			("Sales Invoice", {"customer": customer, "docstatus": 1}),
		):
			company = frappe.db.get_value(doctype, filters, "company", order_by="creation desc")
			if company:
				return company
	return default_company()


def default_company() -> str | None:
	return frappe.defaults.get_user_default("Company") or frappe.db.get_single_value(
		"Global Defaults", "default_company"
	)
