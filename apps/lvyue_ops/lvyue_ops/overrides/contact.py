"""lvyue_ops on frappe's Contact (hooks.py: doc_events). Every logged-in user may make Contacts;
one linking its user to a Customer must not open that customer's portal (security review H1).

- A website (portal) user links a Contact only to their own customers.
- The Contact staff set up for a customer's person keeps the customer's portal users in step, both
  ways: linked, the user gets the customer's portal; unlinked (or the Contact deleted), loses it."""

import frappe
from frappe import _

from lvyue_ops.portal import add_portal_user, portal_customers, remove_portal_user


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
	before = doc.get_doc_before_save()
	if before and before.user:
		still = set(customer_links(doc)) if before.user == doc.user else set()
		unlink(before.user, set(customer_links(before)) - still, doc.name)
	if not doc.user or frappe.get_cached_value("User", doc.user, "user_type") != "Website User":
		return
	for customer in customer_links(doc):
		if frappe.has_permission("Customer", "write", customer):
			add_portal_user(customer, doc.user)


def on_trash(doc, method=None):
	if doc.user:
		unlink(doc.user, set(customer_links(doc)), doc.name)


def unlink(user: str, customers: set[str], contact: str):
	"""Staff took a customer off the user's Contact: the portal goes with it, unless another
	Contact of the user still links that customer."""
	for customer in customers:
		if not frappe.has_permission("Customer", "write", customer):
			continue
		other = frappe.db.sql(
			"""select 1 from `tabContact` c join `tabDynamic Link` l on l.parent = c.name
			and l.parenttype = 'Contact' and l.link_doctype = 'Customer' and l.link_name = %s
			where c.user = %s and c.name != %s limit 1""",
			(customer, user, contact),
		)
		if not other:
			remove_portal_user(customer, user)
