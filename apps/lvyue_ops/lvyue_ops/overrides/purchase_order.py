"""lvyue_ops on ERPNext's Purchase Order (hooks.py: doc_events): only certified suppliers, unless
the General Manager overrides (recorded with who, when and why)."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from lvyue_ops.permissions import require_step
from lvyue_ops.procurement.doctype.supplier_certification.supplier_certification import certification_of


def validate(doc, method=None):
	if certification_of(doc.supplier, doc.transaction_date):
		return
	if not doc.get("lvyue_certification_override"):
		frappe.throw(
			_(
				"Supplier {0} has no valid certification on {1}. Certify the supplier first, or the General Manager may override."
			).format(doc.supplier, frappe.format_value(doc.transaction_date, {"fieldtype": "Date"})),
			title=_("Supplier Not Certified"),
		)
	before = doc.get_doc_before_save()
	# the override is the General Manager's for this supplier on this date: changing either asks again
	granted = (
		before
		and before.get("lvyue_certification_override")
		and before.supplier == doc.supplier
		and str(before.transaction_date) == str(doc.transaction_date)
	)
	if not granted:
		require_step("purchase_order.override_certification")
		if not (doc.get("lvyue_override_reason") or "").strip():
			frappe.throw(_("Please give the reason for buying from an uncertified supplier."))
		doc.lvyue_override_by = frappe.session.user
		doc.lvyue_override_on = now_datetime()
