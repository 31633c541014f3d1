"""The Project Approval chain: every path, a refused role at each step, reject and resubmit,
approval on behalf of the General Manager, and the step log."""

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError

from lvyue_ops import roles as R
from lvyue_ops.tests.approval_helpers import act, approve_through, make_project_approval, role_users

PLAIN_PATH = [
	"Draft",
	"Pending Marketing Manager",
	"Pending Operations Supervisor",
	"Pending Finance Supervisor",
	"Pending General Manager",
	"Approved",
]
TECH_PATH = [*PLAIN_PATH[:3], "Pending Technical Support", *PLAIN_PATH[3:]]


@pytest.fixture
def users():
	return role_users()


@pytest.mark.parametrize("involves_equipment,expected", [(0, PLAIN_PATH), (1, TECH_PATH)])
def test_full_chain(base, users, involves_equipment, expected):
	doc = make_project_approval(base.company, users[R.SALES_USER], involves_equipment=involves_equipment)
	doc, path = approve_through(doc, users)
	assert path == expected
	assert doc.docstatus == 1


# (step, a role that may not act there)
REFUSALS = [
	("Draft", R.MARKETING_MANAGER, "Submit for Approval"),
	("Pending Marketing Manager", R.SALES_USER, "Approve"),
	("Pending Marketing Manager", R.OPERATIONS_SUPERVISOR, "Approve"),
	("Pending Operations Supervisor", R.MARKETING_MANAGER, "Approve"),
	("Pending Technical Support", R.OPERATIONS_SUPERVISOR, "Approve"),
	("Pending Finance Supervisor", R.TECHNICAL_SUPPORT, "Approve"),
	("Pending General Manager", R.FINANCE_SUPERVISOR, "Approve"),
	("Pending General Manager", R.SALES_USER, "Approve on Behalf of General Manager"),
]


@pytest.mark.parametrize("state,role,action", REFUSALS)
def test_each_step_refuses_other_roles(base, users, state, role, action):
	doc = make_project_approval(base.company, users[R.SALES_USER], involves_equipment=1)
	doc, _ = approve_through(doc, users, until_state=state)
	with pytest.raises(WorkflowTransitionError):
		act(doc, users[role], action)
	with pytest.raises(WorkflowTransitionError):
		act(doc, users[role], "Reject")
	assert frappe.db.get_value("Project Approval", doc.name, "workflow_state") == state


@pytest.mark.parametrize("state", TECH_PATH[1:-1])
def test_every_step_can_reject_with_a_reason_and_the_requester_resubmits(base, users, state):
	doc = make_project_approval(base.company, users[R.SALES_USER], involves_equipment=1)
	doc, _ = approve_through(doc, users, until_state=state)
	role = frappe.get_cached_doc("Workflow", "Project Approval Chain")
	approver = users[next(t.allowed for t in role.transitions if t.state == state and t.action == "Reject")]

	with pytest.raises(frappe.ValidationError, match="reason"):
		act(doc, approver, "Reject")
	doc = act(doc, approver, "Reject", rejection_reason="价格低于成本")
	assert (doc.workflow_state, doc.docstatus) == ("Rejected", 0)

	doc = act(doc, users[R.SALES_USER], "Submit for Approval", expected_monthly_revenue=15000)
	assert doc.workflow_state == "Pending Marketing Manager"
	assert not doc.rejection_reason
	steps = frappe.get_all(
		"Approval Step",
		filters={"reference_name": doc.name, "action": "Reject"},
		fields=["workflow_state", "remarks", "action_by"],
	)
	assert steps == [{"workflow_state": state, "remarks": "价格低于成本", "action_by": approver}]


def test_steps_record_who_acted_and_how_long(base, users):
	doc = make_project_approval(base.company, users[R.SALES_USER])
	doc, _ = approve_through(doc, users)
	steps = frappe.get_all(
		"Approval Step",
		filters={"reference_doctype": "Project Approval", "reference_name": doc.name},
		fields=["workflow_state", "role", "status", "action", "action_by", "within_sla", "elapsed_hours"],
		order_by="creation",
	)
	assert [s.workflow_state for s in steps] == PLAIN_PATH[1:-1]
	for step in steps:
		assert step.status == "Completed"
		assert step.action == "Approve"
		assert step.action_by == users[step.role]
		assert step.within_sla == 1
		assert step.elapsed_hours >= 0


@pytest.mark.parametrize("leader", [R.OPERATIONS_SUPERVISOR, R.FINANCE_SUPERVISOR, R.MARKETING_MANAGER])
def test_nobody_stands_in_for_the_general_manager(base, users, leader):
	"""The rules allow a stand-in only for an urgent purchase: a project ends with the GM."""
	doc = make_project_approval(base.company, users[R.SALES_USER])
	doc, _ = approve_through(doc, users, until_state="Pending General Manager")
	with pytest.raises(frappe.ValidationError, match="Not a valid Workflow Action"):
		act(doc, users[leader], "Approve on Behalf of General Manager")
	with pytest.raises(frappe.ValidationError, match="Not a valid Workflow Action"):
		act(doc, users[leader], "Approve")
	assert frappe.db.get_value("Project Approval", doc.name, "workflow_state") == "Pending General Manager"


def test_gm_approval_is_not_on_behalf(base, users):
	doc = make_project_approval(base.company, users[R.SALES_USER])
	doc, _ = approve_through(doc, users)
	doc.reload()
	assert not doc.approved_on_behalf
	assert not doc.gm_confirmation_status


def test_customer_or_prospect_is_required(base, users):
	from lvyue_ops.tests.approval_helpers import ensure_item
	from lvyue_ops.tests.utils import as_user

	ensure_item()
	with as_user(users[R.SALES_USER]), pytest.raises(frappe.ValidationError, match="prospect"):
		frappe.get_doc(
			{
				"doctype": "Project Approval",
				"company": base.company,
				"expected_monthly_revenue": 1,
				"feasibility_assessment": "x",
				"services": [{"item_code": "LV-TRUNK", "quantity": 1}],
			}
		).insert()


def test_amounts_are_computed_on_the_server(base, users):
	doc = make_project_approval(base.company, users[R.SALES_USER])
	assert doc.services[0].amount == 12000
	assert doc.total_amount == 12000
