"""Revisits, questionnaires and symposia count in one company's satisfaction figures: the rows from
before get their company as new ones do (customer_service/satisfaction.py) — a symposium, with no
user to take the company from, that serving its first attendee."""

import frappe

from lvyue_ops.customer_service.satisfaction import customer_company, default_company


def execute():
	for revisit in frappe.get_all(
		"Revisit", filters={"company": ("is", "not set")}, fields=["name", "customer", "issue"]
	):
		company = (
			revisit.issue and frappe.db.get_value("Issue", revisit.issue, "company")
		) or customer_company(revisit.customer)
		if company:
			frappe.db.set_value("Revisit", revisit.name, "company", company, update_modified=False)
	for survey in frappe.get_all(
		"Satisfaction Survey", filters={"company": ("is", "not set")}, fields=["name", "customer"]
	):
		company = customer_company(survey.customer)
		if company:
			frappe.db.set_value("Satisfaction Survey", survey.name, "company", company, update_modified=False)
	for symposium in frappe.get_all(
		"Customer Symposium", filters={"company": ("is", "not set")}, pluck="name"
	):
		attendee = frappe.db.get_value(
			"Symposium Attendee", {"parent": symposium, "customer": ("is", "set")}, "customer", order_by="idx"
		)
		company = customer_company(attendee) if attendee else default_company()
		if company:
			frappe.db.set_value("Customer Symposium", symposium, "company", company, update_modified=False)
