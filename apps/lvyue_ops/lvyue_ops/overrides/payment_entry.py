"""lvyue_ops on ERPNext's Payment Entry (hooks.py: doc_events, doctype_js): a prepaid customer's
recharge asks the Business Assistant to update the balance on VOS (运营部管理规定 第四章 第二条
2-1) and closes Customer Service's low-balance request once the balance is back."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from lvyue_ops.permissions import require_step
from lvyue_ops.receivables.receivables import close_low_balance_request
from lvyue_ops.utils.notify import assign_step, close_step

UPDATE_VOS = "payment_entry.update_vos"


def is_recharge(doc) -> bool:
	return (
		doc.party_type == "Customer"
		and doc.payment_type == "Receive"
		and bool(frappe.db.get_value("Customer", doc.party, "lvyue_is_prepaid"))
	)


def on_submit(doc, method=None):
	if not is_recharge(doc):
		return
	close_low_balance_request(doc.party, doc.company)
	if not doc.flags.lvyue_vos_task_elsewhere:  # an Unidentified Receipt asks for it itself
		assign_step(
			UPDATE_VOS,
			doc.doctype,
			doc.name,
			lambda: _("Recharge of {0} ({1}): update the balance on VOS.").format(
				doc.party, doc.get_formatted("paid_amount")
			),
			"High",
			doc.company,
		)


@frappe.whitelist(methods=["POST"])
def mark_vos_updated(payment_entry: str):
	"""The Business Assistant has put the recharge on the VOS softswitch."""
	doc = frappe.get_doc("Payment Entry", payment_entry, for_update=True)
	require_step(UPDATE_VOS, doc.company)
	doc.check_permission("read")
	if doc.docstatus != 1 or not is_recharge(doc):
		frappe.throw(_("{0} is not a prepaid customer's recharge.").format(doc.name))
	if doc.get("lvyue_vos_updated_on"):
		frappe.throw(_("The VOS balance was updated already."))
	doc.db_set({"lvyue_vos_updated_on": now_datetime(), "lvyue_vos_updated_by": frappe.session.user})
	close_step(doc.doctype, doc.name, UPDATE_VOS, doc.company)
	return doc.lvyue_vos_updated_on
