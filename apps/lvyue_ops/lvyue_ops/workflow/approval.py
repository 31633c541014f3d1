"""The approval chains at work: no way around them, step tracking, the 24-hour SLA, on-behalf
approvals of urgent purchases and their confirmation.

The chains themselves (states, roles, the Technical Support branch) are the Workflow records admins
edit in desk (built first from the role table, workflow/chains.py). Everything here reads those
records, so an admin's change of a step's role takes effect without code.

Frappe checks a transition only when the state changes through a save: a direct submit or cancel
moves the document to the first state of that docstatus unchecked, and a state's "only this role
edits" holds only in the browser. `validate` closes both on the server.
"""

import frappe
from frappe import _
from frappe.model.workflow import (
	WorkflowTransitionError,
	get_transitions,
	get_workflow_name,
	has_approval_access,
)
from frappe.utils import add_to_date, cint, get_fullname, now_datetime, time_diff_in_hours

from lvyue_ops.controllers.status_flow import changed_fields
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.permissions import require_step
from lvyue_ops.permissions import step_roles as permission_step_roles
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import alert, assign, close_assignments, step_users, users_with_role, when

APPROVAL_DOCTYPES = ("Project Approval", "Contract", "Purchase Request", "Tariff")
REJECT = "Reject"
ON_BEHALF = "Approve on Behalf of General Manager"
REJECTED = "Rejected"
DRAFT_STATES = (None, "", "Draft", REJECTED)
OPEN, DONE = "Awaiting Action", "Completed"  # Approval Step status
AWAITING_CONFIRMATION = "Awaiting Confirmation"
# set only by this module (an on-behalf approval and its confirmation), never by a form
CONFIRMATION_FIELDS = (
	"approved_on_behalf",
	"on_behalf_approver",
	"gm_confirmation_status",
	"gm_confirmed_by",
	"gm_confirmed_on",
)
# fields the chain itself writes while a document waits at a step
WORKFLOW_FIELDS = {"workflow_state", "rejection_reason", *CONFIRMATION_FIELDS}


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


def transition_roles(doctype: str, state: str, action: str) -> tuple[str, ...]:
	workflow = get_workflow(doctype)
	if not workflow:
		return ()
	return tuple(sorted({t.allowed for t in workflow.transitions if t.state == state and t.action == action}))


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


# --- the rules of every approval document (called by their controllers / overrides) ---------


def validate(doc):
	"""Server-side rules of every approval document."""
	workflow = get_workflow(doc.doctype)
	if not workflow:
		return
	before = doc.get_doc_before_save()
	guard_transition(doc, workflow, before)
	guard_edits(doc, workflow, before)
	if not _state_changed(doc):
		return
	if state_of(doc) == REJECTED:
		if not (doc.get(field(doc.doctype, "rejection_reason")) or "").strip():
			frappe.throw(
				_(
					"Please give the reason for the rejection: reject from the form, or with Reject with Reason in the list's Actions menu."
				),
				title=_("Rejection Reason Required"),
			)
	elif _old_state(doc) == REJECTED:
		# resubmitted: the old reason stays in the approval steps and the comments
		doc.set(field(doc.doctype, "rejection_reason"), None)
	if _old_state(doc) not in DRAFT_STATES:
		guard_one_step_per_person(doc)


def before_cancel(doc):
	"""A cancel is a step of the chain too (the General Manager's)."""
	workflow = get_workflow(doc.doctype)
	if workflow:
		guard_transition(doc, workflow, doc.get_doc_before_save())


def before_update_after_submit(doc):
	workflow = get_workflow(doc.doctype)
	if workflow:
		before = doc.get_doc_before_save()
		guard_transition(doc, workflow, before)
		guard_edits(doc, workflow, before)


def guard_transition(doc, workflow, before):
	"""A submit, a cancel or a change of state is one of the workflow's transitions for this user,
	from the state stored in the database, into a state of the docstatus the document gets (frappe
	would otherwise move a submitted document on to the first approved state), and never the
	approval of one's own request."""
	moving = doc._action in ("submit", "cancel") or (before and state_of(before) != state_of(doc))
	if not moving:
		return
	target = state_of(doc)
	target_docstatus = next((cint(s.doc_status) for s in workflow.states if s.state == target), None)
	allowed = (
		before
		and target_docstatus == doc.docstatus
		and any(
			t.next_state == target and has_approval_access(frappe.session.user, before, t)
			for t in get_transitions(before, workflow)
		)
	)
	if not allowed:
		frappe.throw(
			_(
				"{0} {1} can only move through its approval chain ({2} → {3} is not a step you may take)."
			).format(_(doc.doctype), doc.name, _(state_of(before) or "Draft"), _(state_of(doc) or "")),
			WorkflowTransitionError,
		)


def guard_edits(doc, workflow, before):
	"""While the document waits at a step, only that state's editor changes its content (the
	approvers after it sign what those before them saw), also in the save that moves it on; once
	approved, the General Manager's confirmation fields are the chain's own."""
	if not before or doc.is_new():
		return
	if doc.docstatus == 1 and before.docstatus == 1:
		protected = [field(doc.doctype, f) for f in CONFIRMATION_FIELDS]
		if doc.doctype == "Contract":
			protected.append("lvyue_is_framework_contract")
		changed = [f for f in protected if (doc.get(f) or None) != (before.get(f) or None)]
		if changed:
			frappe.throw(
				_("{0} are set by the approval chain, not by hand.").format(
					", ".join(_(doc.meta.get_label(f)) for f in changed)
				)
			)
		return
	state = state_of(before)  # a transition moves the document on as the step's editor left it
	if before.docstatus != 0 or state in DRAFT_STATES:
		return
	editor = next((s.allow_edit for s in workflow.states if s.state == state), None)
	if editor and editor in frappe.get_roles():
		return
	changed = changed_fields(doc, before, ignore={field(doc.doctype, f) for f in WORKFLOW_FIELDS})
	if changed:
		frappe.throw(
			_("{0} waits at {1}: only the {2} may change it ({3}).").format(
				doc.name, _(state), _(editor), ", ".join(changed)
			),
			frappe.PermissionError,
		)


def on_trash(doc):
	"""A deleted draft takes its approval log with it."""
	frappe.db.delete("Approval Step", {"reference_doctype": doc.doctype, "reference_name": doc.name})


def guard_one_step_per_person(doc):
	"""One person does not approve two steps of one document (since it was last submitted)."""
	steps = frappe.get_all(
		"Approval Step",
		filters={
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"status": DONE,
			"creation": (">=", doc.creation),  # never the log of a deleted document of the same name
		},
		fields=["action", "action_by"],
		order_by="ended_at desc, creation desc",
	)
	for step in steps:
		if step.action == REJECT:
			break
		if step.action_by == frappe.session.user and frappe.session.user != "Administrator":
			frappe.throw(
				_("You have already approved a step of {0}: another person approves this one.").format(
					doc.name
				),
				frappe.PermissionError,
			)


def on_state_change(doc):
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
		step = open_step(doc, new_state, step_roles(workflow, new_state), now)
		assign_approvers(doc, workflow, step)
	elif old_state not in DRAFT_STATES and (new_state == REJECTED or doc.docstatus == 1):
		tell_requester(doc, new_state, remarks)


def requester(doc) -> str:
	"""Who asked for the approval: the document's requester, else whoever made it."""
	return doc.get(field(doc.doctype, "requested_by")) or doc.owner


def assign_approvers(doc, workflow, step):
	"""The step is theirs now: each user who may take it gets a ToDo due at its deadline, and
	frappe's notification of it (mailed to those with an email address), in their language. The
	requester is not asked to approve their own request."""
	transitions = [
		t for t in workflow.transitions if t.state == step.workflow_state and t.action != ON_BEHALF
	]
	users = [
		user
		for user in {u for t in transitions for u in users_with_role(t.allowed)}
		if any(t.allowed in frappe.get_roles(user) and has_approval_access(user, doc, t) for t in transitions)
	]
	assign(
		users,
		doc.doctype,
		doc.name,
		lambda: _("{0} {1} waits for your approval at {2}: please approve or reject it by {3}.").format(
			_(doc.doctype), doc.name, _(step.workflow_state), when(step.deadline)
		),
		"High",
		step.role,
		frappe.utils.getdate(step.deadline),
	)


def tell_requester(doc, new_state: str, reason: str | None):
	"""The requester hears the outcome: approved, or rejected with the reason."""
	if new_state == REJECTED:

		def subject():
			return _("{0} {1} was rejected: {2}").format(_(doc.doctype), doc.name, reason or "")
	else:

		def subject():
			return _("{0} {1} is approved.").format(_(doc.doctype), doc.name)

	alert([requester(doc)], subject, doc.doctype, doc.name, from_user=frappe.session.user)


def _old_state(doc) -> str | None:
	before = doc.get_doc_before_save()
	return state_of(before) if before else None


def _state_changed(doc) -> bool:
	return bool(state_of(doc)) and state_of(doc) != _old_state(doc)


# --- steps ---------------------------------------------------------------------------------


def sla_hours() -> int:
	return get_setting("approval_sla_hours")


def approval_company(doc) -> str | None:
	"""The company a document is approved for (a Contract's is its Project Approval's)."""
	if doc.get("company"):
		return doc.company
	if doc.get("lvyue_project_approval"):
		return frappe.db.get_value("Project Approval", doc.lvyue_project_approval, "company")
	return None


def open_step(doc, state: str, roles: list[str], now):
	step = frappe.get_doc(
		{
			"doctype": "Approval Step",
			"reference_doctype": doc.doctype,
			"reference_name": doc.name,
			"workflow_state": state,
			"role": roles[0] if roles else None,
			"company": approval_company(doc),
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
	# the step is done: nobody is asked any more to take it
	close_assignments(step.reference_doctype, step.reference_name, role=step.role)
	if step.escalated_at:
		close_assignments(
			step.reference_doctype, step.reference_name, priority="High", role=step.escalated_to
		)


def _open_steps(doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"Approval Step",
		filters={"reference_doctype": doctype, "reference_name": name, "status": OPEN},
		pluck="name",
	)


# --- SLA: reminders and escalation (scheduler) ----------------------------------------------


def escalation_role(step_role: str | None) -> str:
	"""Overdue steps go to the Operations Supervisor; the Operations Supervisor's own go to the
	General Manager (the steps approval_step.take_overdue…, which admins may give other roles)."""
	supervisors = permission_step_roles("approval_step.take_overdue")
	if step_role in supervisors:
		return permission_step_roles("approval_step.take_overdue_of_operations")[0]
	return supervisors[0]


STEP_FIELDS = [
	"name",
	"reference_doctype",
	"reference_name",
	"workflow_state",
	"role",
	"deadline",
	"escalated_to",
]


def check_approval_deadlines(now=None) -> dict:
	"""Hourly: remind the pending role before a step expires; escalate steps that have expired.
	Only the steps due for either are read, however many wait."""
	now = now or now_datetime()
	reminder_hours = get_setting("sla_reminder_hours") or 0
	to_escalate = frappe.get_all(
		"Approval Step",
		filters={"status": OPEN, "deadline": ("<=", now), "escalated_at": ("is", "not set")},
		fields=STEP_FIELDS,
	)
	to_remind = frappe.get_all(
		"Approval Step",
		filters={
			"status": OPEN,
			"deadline": ("between", (now, add_to_date(now, hours=reminder_hours))),
			"reminded_at": ("is", "not set"),
		},
		fields=STEP_FIELDS,
	)
	to_remind = [s for s in to_remind if s.deadline > now]

	def escalate(step):
		role = escalation_role(step.role)
		frappe.db.set_value("Approval Step", step.name, {"escalated_at": now, "escalated_to": role})
		_notify(step, users_with_role(role), escalate=True)

	def remind(step):
		frappe.db.set_value("Approval Step", step.name, "reminded_at", now)
		_notify(step, users_with_role(step.role), escalate=False)

	escalated = each(to_escalate, escalate, "approval escalation")
	reminded = each(to_remind, remind, "approval reminder")
	return {"reminded": [s.name for s in reminded], "escalated": [s.name for s in escalated]}


def _notify(step, users: list[str], escalate: bool):
	if not users:
		return
	if escalate:

		def subject():
			return _("Overdue approval: {0} {1} has waited past its deadline at step {2}").format(
				_(step.reference_doctype), step.reference_name, _(step.workflow_state)
			)
	else:

		def subject():
			return _("Approval due soon: {0} {1} at step {2}, deadline {3}").format(
				_(step.reference_doctype), step.reference_name, _(step.workflow_state), when(step.deadline)
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


@frappe.whitelist(methods=["POST"])
def reject(doctype: str, name: str, reason: str) -> str:
	"""Reject with the reason asked in the dialog that rejects (frappe's apply_workflow reads the
	document again from the database, so a reason typed into the form first would not reach it).
	The same transition as the workflow's Reject action, checked the same way."""
	if doctype not in APPROVAL_DOCTYPES:
		frappe.throw(_("{0} is not an approval document.").format(_(doctype)))
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Please give the reason for the rejection."), title=_("Rejection Reason Required"))
	doc = frappe.get_doc(doctype, name)
	workflow = get_workflow(doctype)
	transition = next((t for t in get_transitions(doc, workflow) if t.action == REJECT), None)
	if not transition or not has_approval_access(frappe.session.user, doc, transition):
		frappe.throw(
			_("{0} {1} is not waiting for your approval.").format(_(doctype), name), WorkflowTransitionError
		)
	doc.set(field(doctype, "rejection_reason"), reason)
	doc.set(workflow.workflow_state_field, transition.next_state)
	doc.save()
	doc.add_comment("Workflow", _(transition.next_state))
	return state_of(doc)


@frappe.whitelist(methods=["POST"])
def reject_many(doctype: str, names: str | list, reason: str) -> dict:
	"""The list's 驳回（填写原因）: reject each selected document with one reason, as `reject` does
	one; a document that cannot be rejected is reported and the others go on."""
	names = frappe.parse_json(names) if isinstance(names, str) else names
	rejected, failed = [], []
	for name in names or []:
		frappe.db.savepoint("lvyue_reject")
		try:
			reject(doctype, name, reason)
			rejected.append(name)
		except frappe.ValidationError as e:
			frappe.db.rollback(save_point="lvyue_reject")
			frappe.clear_messages()
			failed.append({"name": name, "message": str(e)})
	return {"rejected": rejected, "failed": failed}


# --- urgent purchases approved on behalf of the General Manager -------------------------------


def record_on_behalf_approval(doc, user: str):
	values = {
		field(doc.doctype, "approved_on_behalf"): 1,
		field(doc.doctype, "on_behalf_approver"): user,
		field(doc.doctype, "gm_confirmation_status"): AWAITING_CONFIRMATION,
	}
	doc.db_set(values, notify=True)


@frappe.whitelist(methods=["POST"])
def confirm_on_behalf_approval(doctype: str, name: str):
	"""The General Manager confirms afterwards an urgent purchase approved on their behalf."""
	if doctype not in APPROVAL_DOCTYPES:
		frappe.throw(_("{0} is not an approval document.").format(_(doctype)))
	require_step("purchase_request.confirm_on_behalf")
	doc = frappe.get_doc(doctype, name, for_update=True)
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
	users = step_users("purchase_request.confirm_on_behalf")
	pending = [
		(doctype, name)
		for doctype in APPROVAL_DOCTYPES
		if frappe.get_meta(doctype).has_field(field(doctype, "gm_confirmation_status"))  # not a tariff
		for name in frappe.get_all(
			doctype,
			filters={
				field(doctype, "gm_confirmation_status"): AWAITING_CONFIRMATION,
				"modified": ("<=", due),
			},
			pluck="name",
		)
	]

	def remind(document):
		doctype, name = document
		alert(
			users,
			lambda: _("{0} {1} was approved on your behalf and waits for your confirmation.").format(
				_(doctype), name
			),
			doctype,
			name,
		)

	return [name for _doctype, name in each(pending, remind, "on-behalf confirmations")]
