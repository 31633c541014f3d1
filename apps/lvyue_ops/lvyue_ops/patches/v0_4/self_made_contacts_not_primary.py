"""A Contact a portal user made for themselves is not the customer's primary contact, who receives
the bills (security review N-M5): cleared on the Contacts made so far."""

import frappe


def execute():
	frappe.db.sql(
		"""update `tabContact` c join `tabUser` u on u.name = c.owner
		set c.is_primary_contact = 0 where c.is_primary_contact = 1 and u.user_type = 'Website User'"""
	)
