"""lvyue_ops on frappe's Contact (hooks.py: doc_events). Every logged-in user may make Contacts;
one linking its user to a Customer must not open that customer's portal (security review H1).

- A website (portal) user links a Contact only to their own customers.
- The Contact staff set up for a customer's person keeps the customer's portal users in step."""

import frappe
from frappe import _

from lvyue_ops.portal import add_portal_user, portal_customers


def customer_links(doc) -> list[str]:
	return [link.link_name for link in doc.links if link.link_doctype == "Customer" and link.link_name]


def validate(doc, method=None):
	if (
		frappe.session.user == "Administrator"
		or frappe.get_cached_value("User", frappe.session.user, "user_type") != "Website User"
	):
		return
	own = set(portal_customers())
	foreign = [c for c in customer_links(doc) if c not in own]
	if foreign:
		frappe.throw(_("You can only link a contact to your own company."), frappe.PermissionError)


def on_update(doc, method=None):
	if not doc.user or frappe.get_cached_value("User", doc.user, "user_type") != "Website User":
		return
	for customer in customer_links(doc):
		if frappe.has_permission("Customer", "write", customer):
			add_portal_user(customer, doc.user)
