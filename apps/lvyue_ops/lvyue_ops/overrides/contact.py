"""lvyue_ops on frappe's Contact (hooks.py: doc_events). Every logged-in user may make Contacts;
one linking its user to a Customer must not open that customer's portal (security review H1).

- A website (portal) user links a Contact only to their own customers.
- The Contact staff set up for a customer's person keeps the customer's portal users in step, both
  ways: linked, the user gets the customer's portal; unlinked (or the Contact deleted), loses it.
  A Contact the user made for themselves keeps nothing open, and is never the primary contact
  (who receives the bills): security review N-M5."""

import frappe
from frappe import _
from frappe.utils import cint

from lvyue_ops.portal import add_portal_user, portal_customers, remove_portal_user


def customer_links(doc) -> list[str]:
	return [link.link_name for link in doc.links if link.link_doctype == "Customer" and link.link_name]


def is_website_user(user: str | None) -> bool:
	return bool(user) and frappe.get_cached_value("User", user, "user_type") == "Website User"


def validate(doc, method=None):
	if cint(doc.is_primary_contact) and is_website_user(doc.owner):
		frappe.throw(
			_("Only a contact made by our staff can be the customer's primary contact."),
			frappe.PermissionError,
		)
	if frappe.session.user == "Administrator" or not is_website_user(frappe.session.user):
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
	Contact of the user made by staff still links that customer (one the user made for themselves
	does not count)."""
	for customer in customers:
		if not frappe.has_permission("Customer", "write", customer):
			continue
		other = frappe.db.sql(
			"""select 1 from `tabContact` c join `tabDynamic Link` l on l.parent = c.name
			and l.parenttype = 'Contact' and l.link_doctype = 'Customer' and l.link_name = %s
			left join `tabUser` u on u.name = c.owner
			where c.user = %s and c.name != %s and coalesce(u.user_type, '') != 'Website User' limit 1""",
			(customer, user, contact),
		)
		if not other:
			remove_portal_user(customer, user)
