"""The approval chains as Workflow records, built from the chain steps of the role table
(permissions.STEPS). Seeded once (setup/records.py); from then on admins edit them in desk.

- Project Approval and Contract (运营部管理规定 第四章 第一条): 销售 → 营销部经理 → 运营部主管 →
  (技术支持部, when equipment or technology is involved) → 财务部主管 → 总经理. No stand-in: a
  contract ends with the General Manager.
- Purchase Request (第三条 2-2): the General Manager approves; for an urgent purchase another
  leader may approve on the General Manager's behalf (confirmed by the General Manager later).
- Every approval step can reject with a reason; nobody approves their own request; the General
  Manager may cancel an approved document.
- Tariff (002 收费标准): Operations → 财务部主管 → 总经理.
"""

from lvyue_ops.permissions import STEPS

REJECT, ON_BEHALF, SUBMIT, APPROVE, CANCEL = (
	"Reject",
	"Approve on Behalf of General Manager",
	"Submit for Approval",
	"Approve",
	"Cancel",
)
DRAFT, REJECTED, APPROVED, CANCELLED = "Draft", "Rejected", "Approved", "Cancelled"


def _roles(key: str) -> tuple[str, ...]:
	return STEPS[key].roles


def _transition(state, action, next_state, role, condition=None, self_approval=0):
	return {
		"state": state,
		"action": action,
		"next_state": next_state,
		"allowed": role,
		"allow_self_approval": self_approval,
		"condition": condition,
	}


def contract_chain(doctype: str, name: str, prefix: str, state_field: str, equipment_field: str) -> dict:
	steps = [
		("Pending Marketing Manager", f"{prefix}.marketing"),
		("Pending Operations Supervisor", f"{prefix}.operations"),
		("Pending Technical Support", f"{prefix}.technical"),
		("Pending Finance Supervisor", f"{prefix}.finance"),
		("Pending General Manager", f"{prefix}.general_manager"),
	]
	(submitter,) = _roles(f"{prefix}.submit")
	states = [{"state": DRAFT, "doc_status": "0", "allow_edit": submitter}]
	states += [{"state": state, "doc_status": "0", "allow_edit": _roles(key)[0]} for state, key in steps]
	(gm,) = _roles(f"{prefix}.cancel")
	states += [
		{"state": APPROVED, "doc_status": "1", "allow_edit": gm},
		{"state": REJECTED, "doc_status": "0", "allow_edit": submitter},
		{"state": CANCELLED, "doc_status": "2", "allow_edit": gm},
	]
	first = steps[0][0]
	transitions = [_transition(DRAFT, SUBMIT, first, submitter, self_approval=1)]
	transitions.append(_transition(REJECTED, SUBMIT, first, submitter, self_approval=1))
	equipment = f"doc.{equipment_field}"
	nexts = {
		"Pending Marketing Manager": [("Pending Operations Supervisor", None)],
		"Pending Operations Supervisor": [
			("Pending Technical Support", equipment),
			("Pending Finance Supervisor", f"not {equipment}"),
		],
		"Pending Technical Support": [("Pending Finance Supervisor", None)],
		"Pending Finance Supervisor": [("Pending General Manager", None)],
		"Pending General Manager": [(APPROVED, None)],
	}
	for state, key in steps:
		for role in _roles(key):
			for next_state, condition in nexts[state]:
				transitions.append(_transition(state, APPROVE, next_state, role, condition))
			transitions.append(_transition(state, REJECT, REJECTED, role))
	transitions.append(_transition(APPROVED, CANCEL, CANCELLED, gm))
	return _workflow(name, doctype, state_field, states, transitions)


def purchase_request_chain() -> dict:
	submitters = _roles("purchase_request.submit")
	(gm,) = _roles("purchase_request.general_manager")
	pending = "Pending General Manager"
	states = [
		{"state": DRAFT, "doc_status": "0", "allow_edit": "All"},
		{"state": pending, "doc_status": "0", "allow_edit": gm},
		{"state": APPROVED, "doc_status": "1", "allow_edit": gm},
		{"state": REJECTED, "doc_status": "0", "allow_edit": "All"},
		{"state": CANCELLED, "doc_status": "2", "allow_edit": gm},
	]
	transitions = []
	for state in (DRAFT, REJECTED):
		transitions += [_transition(state, SUBMIT, pending, role, self_approval=1) for role in submitters]
	transitions.append(_transition(pending, APPROVE, APPROVED, gm))
	transitions.append(_transition(pending, REJECT, REJECTED, gm))
	transitions += [
		_transition(pending, ON_BEHALF, APPROVED, role, "doc.urgent")
		for role in _roles("purchase_request.on_behalf")
	]
	transitions.append(_transition(APPROVED, CANCEL, CANCELLED, gm))
	return _workflow("Purchase Request Approval", "Purchase Request", "workflow_state", states, transitions)


def tariff_chain() -> dict:
	"""A tariff (002 收费标准): Operations drafts it, Finance and the General Manager approve."""
	(submitter,) = _roles("tariff.submit")
	(gm,) = _roles("tariff.cancel")
	steps = [
		("Pending Finance Supervisor", "tariff.finance"),
		("Pending General Manager", "tariff.general_manager"),
	]
	states = [{"state": DRAFT, "doc_status": "0", "allow_edit": submitter}]
	states += [{"state": state, "doc_status": "0", "allow_edit": _roles(key)[0]} for state, key in steps]
	states += [
		{"state": APPROVED, "doc_status": "1", "allow_edit": gm},
		{"state": REJECTED, "doc_status": "0", "allow_edit": submitter},
		{"state": CANCELLED, "doc_status": "2", "allow_edit": gm},
	]
	transitions = [
		_transition(state, SUBMIT, steps[0][0], submitter, self_approval=1) for state in (DRAFT, REJECTED)
	]
	for (state, key), next_state in zip(steps, [steps[1][0], APPROVED], strict=True):
		for role in _roles(key):
			transitions.append(_transition(state, APPROVE, next_state, role))
			transitions.append(_transition(state, REJECT, REJECTED, role))
	transitions.append(_transition(APPROVED, CANCEL, CANCELLED, gm))
	return _workflow("Tariff Approval", "Tariff", "workflow_state", states, transitions)


def _workflow(name, doctype, state_field, states, transitions) -> dict:
	return {
		"doctype": "Workflow",
		"name": name,
		"workflow_name": name,
		"document_type": doctype,
		"is_active": 1,
		"override_status": 0,
		"send_email_alert": 0,
		"workflow_state_field": state_field,
		"states": states,
		"transitions": transitions,
	}


def workflow_records() -> list[dict]:
	return [
		contract_chain(
			"Project Approval",
			"Project Approval Chain",
			"project_approval",
			"workflow_state",
			"involves_equipment",
		),
		contract_chain(
			"Contract",
			"Contract Approval Chain",
			"contract",
			"lvyue_workflow_state",
			"lvyue_involves_equipment",
		),
		purchase_request_chain(),
		tariff_chain(),
	]
