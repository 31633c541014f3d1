"""lvyue_ops on ERPNext's Payment Entry (hooks.py: doc_events)."""

import frappe

from lvyue_ops.receivables.receivables import close_low_balance_request


def on_submit(doc, method=None):
	"""A prepaid customer's recharge: Customer Service's low-balance request closes once the
	balance is back above its threshold."""
	if doc.party_type != "Customer" or doc.payment_type != "Receive":
		return
	if frappe.db.get_value("Customer", doc.party, "lvyue_is_prepaid"):
		close_low_balance_request(doc.party, doc.company)
