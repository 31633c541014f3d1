"""The approval chain: step tracking, the 24-hour SLA, on-behalf approvals and their confirmation.

The chain itself (states, roles, the Technical Support branch) lives in the Workflow records that
admins edit in desk (setup/records/10_workflow.json). Everything here reads those records, so an
admin's change of a step's role takes effect without code.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name
from frappe.utils import add_to_date, get_fullname, now_datetime, time_diff_in_hours

from lvyue_ops import roles as R
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.permissions import require_step
from lvyue_ops.utils.notify import alert, assign, close_assignments, users_with_role

APPROVAL_DOCTYPES = ("Project Approval", "Contract", "Purchase Request")
REJECT = "Reject"
ON_BEHALF = "Approve on Behalf of General Manager"
REJECTED = "Rejected"
OPEN, DONE = "Awaiting Action", "Completed"  # Approval Step status
AWAITING_CONFIRMATION = "Awaiting Confirmation"


def field(doctype: str, fieldname: str) -> str:
	"""The approval fields lvyue_ops adds to ERPNext's Contract carry the app's prefix; its own
	approval documents (Project Approval, Purchase Request) name them plainly."""
	return f"lvyue_{fieldname}" if doctype == "Contract" else fieldname


def state_of(doc) -> str | None:
	return doc.get(field(doc.doctype, "workflow_state"))


# --- reading the workflow ----------------------------------------------------------------


def get_workflow(doctype: str):
	name = get_workflow_name(doctype)
	return frappe.get_cached_doc("Workflow", name) if name else None


def step_roles(workflow, state: str) -> list[str]:
	"""Roles that act on a pending approval step: those allowed to approve or reject it, but
	not the leaders who may stand in for the General Manager."""
	return sorted({t.allowed for t in workflow.transitions if t.state == state and t.action != ON_BEHALF})


def approval_steps(doctype: str) -> list[str]:
	"""The approval steps of the doctype's workflow, in the workflow's order."""
	workflow = get_workflow(doctype)
	return [s.state for s in workflow.states if is_approval_step(workflow, s.state)] if workflow else []


def is_approval_step(workflow, state: str) -> bool:
	"""A step is an approval step when it can be rejected."""
	return any(t.state == state and t.action == REJECT for t in workflow.transitions)


def taken_action(workflow, old_state: str, new_state: str, user: str) -> str | None:
	"""The action that moved the document, read from the workflow and the user's roles."""
	roles = set(frappe.get_roles(user))
	candidates = [t for t in workflow.transitions if t.state == old_state and t.next_state == new_state]
	for t in candidates:
		if t.allowed in roles and t.action != ON_BEHALF:
			return t.action
	for t in candidates:
		if t.allowed in roles:
			return t.action
	return candidates[0].action if candidates else None


# --- called by the approval documents' controllers (and overrides/contract.py) -------------


def validate(doc, method=None):
	"""Server-side rules of every approval document."""
	if not _state_changed(doc):
		return
	if state_of(doc) == REJECTED:
		if not (doc.get(field(doc.doctype, "rejection_reason")) or "").strip():
			frappe.throw(_("Please give the reason for the rejection."), title=_("Rejection Reason Required"))
	elif _old_state(doc) == REJECTED:
		# resubmitted: the old reason stays in the approval steps and the comments
		doc.set(field(doc.doctype, "rejection_reason"), None)


def on_state_change(doc, method=None):
	"""Close the step the document leaves and open the one it enters (who, action, elapsed)."""
	if not _state_changed(doc):
		return
	workflow = get_workflow(doc.doctype)
	if not workflow:
		return
	now = now_datetime()
	old_state = _old_state(doc)
	new_state = state_of(doc)
	action = taken_action(workflow, old_state, new_state, frappe.session.user) if old_state else None
	remarks = doc.get(field(doc.doctype, "rejection_reason")) if new_state == REJECTED else None

	for step in _open_steps(doc.doctype, doc.name):
		close_step(step, action, frappe.session.user, now, remarks)
	if remarks:
		doc.add_comment("Comment", _("Rejected: {0}").format(remarks))

	if action == ON_BEHALF:
		record_on_behalf_approval(doc, frappe.session.user)

	if is_approval_step(workflow, new_state):
		open_step(doc, new_state, step_roles(workflow, new_state), now)


def _old_state(doc) -> str | None:
	before = doc.get_doc_before_save()
	return state_of(before) if before else None


def _state_changed(doc) -> bool:
	return bool(state_of(doc)) and state_of(doc) != _old_state(doc)


# --- steps ---------------------------------------------------------------------------------


def sla_hours() -> int:
	return get_setting("approval_sla_hours")


def open_step(doc, state: str, roles: list[str], now):
	step = frappe.get_doc(
		{
			"doctype": "Approval Step",
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"workflow_state": state,
			"role": roles[0] if roles else None,
			"started_at": now,
			"deadline": add_to_date(now, hours=sla_hours()),
			"status": OPEN,
		}
	)
	step.insert(ignore_permissions=True)
	return step


def close_step(step_name: str, action: str | None, user: str, now, remarks: str | None = None):
	step = frappe.get_doc("Approval Step", step_name)
	step.ended_at = now
	step.action = action
	step.remarks = remarks
	step.action_by = user
	step.status = DONE
	step.elapsed_hours = time_diff_in_hours(now, step.started_at)
	step.within_sla = int(now <= step.deadline)
	step.save(ignore_permissions=True)
	_close_todos(step)


def _open_steps(doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"Approval Step",
		filters={"reference_doctype": doctype, "reference_name": name, "status": OPEN},
		pluck="name",
	)


# --- SLA: reminders and escalation (scheduler) ----------------------------------------------


def escalation_role(step_role: str | None) -> str:
	"""Overdue steps go to the Operations Supervisor; the Operations Supervisor's own go to the
	General Manager."""
	return R.GENERAL_MANAGER if step_role == R.OPERATIONS_SUPERVISOR else R.OPERATIONS_SUPERVISOR


def check_approval_deadlines(now=None) -> dict:
	"""Remind the pending role before a step expires; escalate steps that have expired.
	Runs hourly; `now` can be given (tests, back-filling)."""
	now = now or now_datetime()
	reminder_hours = get_setting("sla_reminder_hours") or 0
	reminded, escalated = [], []
	for step in frappe.get_all(
		"Approval Step",
		filters={"status": OPEN},
		fields=[
			"name",
			"reference_doctype",
			"reference_name",
			"workflow_state",
			"role",
			"deadline",
			"reminded_at",
			"escalated_at",
		],
	):
		if now >= step.deadline and not step.escalated_at:
			role = escalation_role(step.role)
			_notify(step, users_with_role(role), escalate=True)
			frappe.db.set_value("Approval Step", step.name, {"escalated_at": now, "escalated_to": role})
			escalated.append(step.name)
		elif (
			now < step.deadline
			and not step.reminded_at
			and now >= add_to_date(step.deadline, hours=-reminder_hours)
		):
			_notify(step, users_with_role(step.role), escalate=False)
			frappe.db.set_value("Approval Step", step.name, "reminded_at", now)
			reminded.append(step.name)
	return {"reminded": reminded, "escalated": escalated}


def _notify(step, users: list[str], escalate: bool):
	if not users:
		return
	if escalate:
		subject = _("Overdue approval: {0} {1} has waited past its deadline at step {2}").format(
			_(step.reference_doctype), step.reference_name, _(step.workflow_state)
		)
	else:
		subject = _("Approval due soon: {0} {1} at step {2}, deadline {3}").format(
			_(step.reference_doctype),
			step.reference_name,
			_(step.workflow_state),
			frappe.utils.format_datetime(step.deadline),
		)
	alert(users, subject, step.reference_doctype, step.reference_name)
	if escalate:
		# tagged with the escalation role, so acting on the step closes exactly these
		assign(
			users,
			step.reference_doctype,
			step.reference_name,
			subject,
			"High",
			escalation_role(step.role),
			frappe.utils.getdate(step.deadline),
		)


def _close_todos(step):
	if step.escalated_at:
		close_assignments(
			step.reference_doctype, step.reference_name, priority="High", role=step.escalated_to
		)


# --- approvals on behalf of the General Manager ---------------------------------------------


def record_on_behalf_approval(doc, user: str):
	values = {
		field(doc.doctype, "approved_on_behalf"): 1,
		field(doc.doctype, "on_behalf_approver"): user,
		field(doc.doctype, "gm_confirmation_status"): AWAITING_CONFIRMATION,
	}
	doc.db_set(values, notify=True)


@frappe.whitelist()
def confirm_on_behalf_approval(doctype: str, name: str):
	"""The General Manager confirms afterwards an approval given on their behalf."""
	if doctype not in APPROVAL_DOCTYPES:
		frappe.throw(_("{0} is not an approval document.").format(_(doctype)))
	require_step("approval.confirm_on_behalf")
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	if doc.get(field(doctype, "gm_confirmation_status")) != AWAITING_CONFIRMATION:
		frappe.throw(
			_("{0} {1} has no approval waiting for the General Manager's confirmation.").format(
				_(doctype), name
			)
		)
	doc.db_set(
		{
			field(doctype, "gm_confirmation_status"): "Confirmed",
			field(doctype, "gm_confirmed_by"): frappe.session.user,
			field(doctype, "gm_confirmed_on"): now_datetime(),
		},
		notify=True,
	)
	doc.add_comment(
		"Info",
		_("The General Manager confirmed the approval given on their behalf by {0}.").format(
			get_fullname(doc.get(field(doctype, "on_behalf_approver")))
		),
	)
	return doc.get(field(doctype, "gm_confirmation_status"))


def remind_pending_gm_confirmations(now=None) -> list[str]:
	"""Daily: tell the General Manager which on-behalf approvals still wait for confirmation."""
	now = now or now_datetime()
	due = add_to_date(now, days=-(get_setting("gm_confirmation_days") or 0))
	pending = []
	for doctype in APPROVAL_DOCTYPES:
		for name in frappe.get_all(
			doctype,
			filters={
				field(doctype, "gm_confirmation_status"): AWAITING_CONFIRMATION,
				"modified": ("<=", due),
			},
			pluck="name",
		):
			pending.append(name)
			alert(
				users_with_role(R.GENERAL_MANAGER),
				_("{0} {1} was approved on your behalf and waits for your confirmation.").format(
					_(doctype), name
				),
				doctype,
				name,
			)
	return pending
