"""The rights the role table gives the department roles on ERPNext's DocTypes (Issue for Customer
Service, Sales Invoice and Payment Entry for the people who follow the bills, …)."""

from lvyue_ops.setup.permissions import grant_erpnext_permissions


def execute():
	grant_erpnext_permissions()
