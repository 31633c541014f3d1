"""lvyue_ops on ERPNext's Sales Invoice (hooks.py: doc_events)."""

import frappe

from lvyue_ops.billing.billing import bill_released


def on_cancel(doc, method=None):
	"""A cancelled bill frees its customer and usage month for a new one (the billing key is
	unique), and its usage to be billed again."""
	if doc.get("lvyue_billing_key"):
		doc.db_set("lvyue_billing_key", None)
		frappe.db.set_value("Usage Statement", {"sales_invoice": doc.name}, "sales_invoice", None)


def has_website_permission(doc, ptype="read", user=None, verbose=False) -> bool:
	"""ERPNext lets a customer's portal users read its bills (its own has_website_permission, which
	must allow too); a bill of a billing run only once the run's bills are reviewed (hooks.py)."""
	return bill_released(doc.name)
