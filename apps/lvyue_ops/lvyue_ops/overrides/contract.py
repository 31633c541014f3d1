"""lvyue_ops on ERPNext's Contract (hooks.py: doc_events, doctype_js): the approval chain, its
rule that a contract goes for approval only with an approved Project Approval of the customer, and
the customer's invitation to the portal once the contract is approved (运营部管理规定 第四章
第一条 1-5)."""

import frappe
from frappe import _

from lvyue_ops.approvals.doctype.project_approval.project_approval import get_approved_project_approval
from lvyue_ops.portal import add_portal_user
from lvyue_ops.workflow import approval


def validate(doc, method=None):
	approval.validate(doc)
	if approval.state_of(doc) not in approval.DRAFT_STATES and _leaves_draft(doc):
		customer = doc.party_name if doc.party_type == "Customer" else None
		get_approved_project_approval(doc.get("lvyue_project_approval"), customer)


def before_update_after_submit(doc, method=None):
	approval.before_update_after_submit(doc)


def before_cancel(doc, method=None):
	approval.before_cancel(doc)


def on_trash(doc, method=None):
	approval.on_trash(doc)


def on_update(doc, method=None):
	approval.on_state_change(doc)


def on_submit(doc, method=None):
	invite_to_portal(doc)


def _leaves_draft(doc) -> bool:
	before = doc.get_doc_before_save()
	return not before or approval.state_of(before) in approval.DRAFT_STATES


def invite_to_portal(doc):
	"""The approved contract's customer contact gets the portal (/qualification) to upload the
	company's qualification documents: a website user, one of the customer's portal users, and
	frappe's welcome mail to set a password."""
	email = (doc.get("lvyue_portal_email") or "").strip()
	if doc.party_type != "Customer" or not email:
		return
	user = frappe.db.get_value("User", {"email": email})
	if not user:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": doc.party_full_name or doc.party_name,
				"user_type": "Website User",
				"language": "zh",
				"send_welcome_email": 1,
				"roles": [{"role": "Customer"}],
			}
		)
		user.insert(ignore_permissions=True)  # the approval's, whoever gave the last one
		user = user.name
	elif frappe.get_cached_value("User", user, "user_type") != "Website User":
		frappe.msgprint(_("{0} is a staff user: no portal invitation was sent.").format(email), alert=True)
		return
	add_portal_user(doc.party_name, user)
	doc.add_comment(
		"Info", _("{0} was invited to the portal to upload the qualification documents.").format(email)
	)
