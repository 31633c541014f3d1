"""A billing shard that has billed all its customers is Completed (it said Done, which frappe's
Chinese reads as "DONE")."""

import frappe


def execute():
	frappe.db.sql("update `tabBilling Run Shard` set status = 'Completed' where status = 'Done'")
