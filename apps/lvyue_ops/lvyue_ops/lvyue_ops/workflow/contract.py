"""Rules lvyue_ops adds to ERPNext's Contract (hooks.py: doc_events)."""

from lvyue_ops.lvyue_ops.doctype.project_approval.project_approval import get_approved_project_approval
from lvyue_ops.lvyue_ops.workflow import approval

DRAFT_STATES = (None, "", "Draft", approval.REJECTED)


def validate(doc, method=None):
	approval.validate(doc)
	if doc.get("workflow_state") not in DRAFT_STATES and _leaves_draft(doc):
		customer = doc.party_name if doc.party_type == "Customer" else None
		get_approved_project_approval(doc.get("project_approval"), customer)


def _leaves_draft(doc) -> bool:
	before = doc.get_doc_before_save()
	return not before or before.get("workflow_state") in DRAFT_STATES
