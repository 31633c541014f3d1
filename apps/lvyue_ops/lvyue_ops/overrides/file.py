"""lvyue_ops on frappe's File (hooks.py: doc_events)."""

from lvyue_ops.business_acceptance.doctype.business_order.business_order import file_attached


def after_insert(doc, method=None):
	file_attached(doc)
