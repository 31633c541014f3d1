"""Bill review reads the register of lines: usage of a customer with no line in service."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabBilling Anomaly` set kind = 'Usage without an Active Line'
		where kind = 'Usage without an Active Order'"""
	)
