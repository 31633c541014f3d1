"""lvyue_ops on ERPNext's Contract (hooks.py: doc_events, doctype_js): the approval chain and its
rule that a contract goes for approval only with an approved Project Approval of the customer."""

from lvyue_ops.approvals.doctype.project_approval.project_approval import get_approved_project_approval
from lvyue_ops.workflow import approval

DRAFT_STATES = (None, "", "Draft", approval.REJECTED)


def validate(doc, method=None):
	approval.validate(doc)
	if approval.state_of(doc) not in DRAFT_STATES and _leaves_draft(doc):
		customer = doc.party_name if doc.party_type == "Customer" else None
		get_approved_project_approval(doc.get("lvyue_project_approval"), customer)


def on_update(doc, method=None):
	approval.on_state_change(doc)


def _leaves_draft(doc) -> bool:
	before = doc.get_doc_before_save()
	return not before or approval.state_of(before) in DRAFT_STATES
