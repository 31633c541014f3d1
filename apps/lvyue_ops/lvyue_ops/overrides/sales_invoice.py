"""lvyue_ops on ERPNext's Sales Invoice (hooks.py: doc_events)."""

import frappe


def on_cancel(doc, method=None):
	"""A cancelled bill frees its customer and usage month for a new one (the billing key is
	unique), and its usage to be billed again."""
	if doc.get("lvyue_billing_key"):
		doc.db_set("lvyue_billing_key", None)
		frappe.db.set_value("Usage Statement", {"sales_invoice": doc.name}, "sales_invoice", None)
