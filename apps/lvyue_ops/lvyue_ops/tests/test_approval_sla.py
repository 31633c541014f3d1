"""The 24-hour SLA: reminders before expiry, escalation after, with frozen time."""

import frappe
import pytest
from frappe.utils import add_to_date, get_datetime

from lvyue_ops import roles as R
from lvyue_ops.tests.approval_helpers import act, approve_through, make_project_approval, role_users
from lvyue_ops.tests.factories import make_user
from lvyue_ops.tests.utils import frozen_time
from lvyue_ops.workflow.approval import check_approval_deadlines

T0 = get_datetime("2026-12-07 09:00:00")


@pytest.fixture
def users():
	return role_users()


def open_step(doc):
	return frappe.get_all(
		"Approval Step",
		filters={"reference_name": doc.name, "status": "Awaiting Action"},
		fields=["name", "role", "started_at", "deadline", "reminded_at", "escalated_at", "escalated_to"],
	)[0]


def test_step_deadline_follows_the_setting(base, users):
	frappe.db.set_single_value("Lvyue Ops Settings", "approval_sla_hours", 8)
	frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")
	with frozen_time(T0):
		doc = make_project_approval(base.company, users[R.SALES_USER])
		doc = act(doc, users[R.SALES_USER], "Submit for Approval")
	step = open_step(doc)
	assert (step.started_at, step.deadline) == (T0, add_to_date(T0, hours=8))


def test_reminder_then_escalation_to_the_operations_supervisor(base, users):
	with frozen_time(T0):
		doc = make_project_approval(base.company, users[R.SALES_USER])
		doc = act(doc, users[R.SALES_USER], "Submit for Approval")

	assert check_approval_deadlines(now=add_to_date(T0, hours=10)) == {"reminded": [], "escalated": []}

	result = check_approval_deadlines(now=add_to_date(T0, hours=21))
	step = open_step(doc)
	assert result["reminded"] == [step.name] and step.reminded_at
	assert frappe.db.exists(
		"Notification Log", {"for_user": users[R.MARKETING_MANAGER], "document_name": doc.name}
	)
	# a second run does not remind again
	assert check_approval_deadlines(now=add_to_date(T0, hours=22))["reminded"] == []

	result = check_approval_deadlines(now=add_to_date(T0, hours=25))
	step = open_step(doc)
	assert result["escalated"] == [step.name]
	assert step.escalated_to == R.OPERATIONS_SUPERVISOR
	todo = frappe.get_all(
		"ToDo",
		filters={
			"reference_name": doc.name,
			"allocated_to": users[R.OPERATIONS_SUPERVISOR],
			"status": "Open",
		},
	)
	assert len(todo) == 1
	assert check_approval_deadlines(now=add_to_date(T0, hours=30))["escalated"] == []

	# acting on the step closes it late and closes the escalation ToDo
	with frozen_time(add_to_date(T0, hours=26)):
		act(doc, users[R.MARKETING_MANAGER], "Approve")
	done = frappe.get_all(
		"Approval Step",
		filters={"reference_name": doc.name, "status": "Completed"},
		fields=["within_sla", "elapsed_hours"],
	)
	assert done == [{"within_sla": 0, "elapsed_hours": 26.0}]
	assert frappe.db.get_value("ToDo", todo[0].name, "status") == "Closed"


def test_operations_supervisor_steps_escalate_to_the_general_manager(base, users):
	doc = make_project_approval(base.company, users[R.SALES_USER])
	with frozen_time(T0):
		doc, _ = approve_through(doc, users, until_state="Pending Operations Supervisor")
	check_approval_deadlines(now=add_to_date(T0, hours=24, seconds=1))
	assert open_step(doc).escalated_to == R.GENERAL_MANAGER
	assert frappe.db.exists("ToDo", {"reference_name": doc.name, "allocated_to": users[R.GENERAL_MANAGER]})


def test_deadline_uses_the_role_an_admin_put_on_the_step(base, users):
	workflow = frappe.get_doc("Workflow", "Project Approval Chain")
	for t in workflow.transitions:
		if t.state == "Pending Marketing Manager":
			t.allowed = R.FINANCE_SUPERVISOR
	workflow.save()
	with frozen_time(T0):
		doc = make_project_approval(base.company, users[R.SALES_USER])
		doc = act(doc, users[R.SALES_USER], "Submit for Approval")
	assert open_step(doc).role == R.FINANCE_SUPERVISOR
	doc = act(doc, users[R.FINANCE_SUPERVISOR], "Approve")
	assert doc.workflow_state == "Pending Operations Supervisor"


def test_on_behalf_approvals_waiting_for_the_gm_are_reminded(base, users):
	from lvyue_ops.tests.test_purchase_request import request
	from lvyue_ops.workflow.approval import remind_pending_gm_confirmations

	users[R.MARKETING_MANAGER] = make_user([R.MARKETING_MANAGER])
	doc = act(request(base.company, users, urgent=1), users[R.MARKETING_MANAGER], "Submit for Approval")
	act(doc, users[R.FINANCE_SUPERVISOR], "Approve on Behalf of General Manager")
	assert doc.name not in remind_pending_gm_confirmations()  # not due yet
	assert doc.name in remind_pending_gm_confirmations(now=add_to_date(frappe.utils.now_datetime(), days=4))
	assert frappe.db.exists(
		"Notification Log", {"for_user": users[R.GENERAL_MANAGER], "document_name": doc.name}
	)


@pytest.mark.parametrize(
	"started,deadline",
	[
		("2026-09-30 17:00:00", "2026-10-01 17:00:00"),  # the 24 hours run into 国庆: wall-clock hours
		("2026-10-09 09:00:00", "2026-10-10 09:00:00"),  # onto the 调休 Saturday
	],
)
def test_the_24_hours_are_clock_hours_on_holidays_too(base, users, started, deadline):
	with frozen_time(started):
		doc = make_project_approval(base.company, users[R.SALES_USER])
		doc = act(doc, users[R.SALES_USER], "Submit for Approval")
	assert str(open_step(doc).deadline) == deadline
