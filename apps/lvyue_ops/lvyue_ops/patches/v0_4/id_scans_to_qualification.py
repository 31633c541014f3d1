"""A name change's ID scans were attached to the Business Order, and so downloadable by every
reader of the order (security review N-M3): they go to the customer's Customer Qualification,
which only the reviewer reads; the orders keep the URLs."""

import frappe

from lvyue_ops.business_acceptance.doctype.business_order.business_order import (
	ID_SCAN_FIELDS,
	keep_id_scans_private,
)


def execute():
	orders = set(
		frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Business Order", "attached_to_field": ("in", ID_SCAN_FIELDS)},
			pluck="attached_to_name",
		)
	)
	orders |= set(
		frappe.get_all("Business Order", or_filters={f: ("is", "set") for f in ID_SCAN_FIELDS}, pluck="name")
	)
	for name in sorted(orders):
		if frappe.db.exists("Business Order", name):
			keep_id_scans_private(frappe.get_doc("Business Order", name))
