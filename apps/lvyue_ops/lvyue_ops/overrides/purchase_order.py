"""lvyue_ops on ERPNext's Purchase Order (hooks.py: doc_events): where the company chose it (its
Lvyue Company Settings name the supplier groups and item groups of carriers and equipment), only
certified suppliers, unless the General Manager overrides (recorded with who, when and why). Every
other purchase of the company — office paper — is none of the app's business."""

import frappe
from frappe import _
from frappe.utils import now_datetime
from frappe.utils.nestedset import get_ancestors_of

from lvyue_ops.lvyue_ops.doctype.lvyue_company_settings.lvyue_company_settings import company_settings
from lvyue_ops.permissions import require_step
from lvyue_ops.procurement.doctype.supplier_certification.supplier_certification import certification_of


def needs_certification(doc) -> bool:
	settings = company_settings(doc.company)
	supplier_groups = set(settings.get("certified_supplier_groups") or ())
	item_groups = set(settings.get("certified_item_groups") or ())
	if supplier_groups:
		group = frappe.get_cached_value("Supplier", doc.supplier, "supplier_group")
		if group and {group, *get_ancestors_of("Supplier Group", group)} & supplier_groups:
			return True
	if item_groups:
		for group in {row.item_group for row in doc.items if row.item_group}:
			if {group, *get_ancestors_of("Item Group", group)} & item_groups:
				return True
	return False


def validate(doc, method=None):
	if not needs_certification(doc) or certification_of(doc.supplier, doc.transaction_date):
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
