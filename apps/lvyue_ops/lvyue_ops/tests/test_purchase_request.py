"""Purchase requests for a customer need: approval, urgent approval by another leader or by phone
with the General Manager's confirmation tracked, and Operations assigning the executor."""

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError

from lvyue_ops import roles as R
from lvyue_ops.procurement.report.urgent_purchases_awaiting_confirmation.urgent_purchases_awaiting_confirmation import (
	execute,
)
from lvyue_ops.tests.approval_helpers import act, ensure_item
from lvyue_ops.tests.factories import make_customer, make_user
from lvyue_ops.tests.utils import as_user
from lvyue_ops.workflow.approval import confirm_on_behalf_approval


@pytest.fixture
def users():
	return {
		role: make_user([role])
		for role in (
			R.MARKETING_MANAGER,
			R.GENERAL_MANAGER,
			R.OPERATIONS_SUPERVISOR,
			R.FINANCE_SUPERVISOR,
			R.SALES_USER,
		)
	}


def request(company, users, urgent=0, **fields):
	with as_user(users[R.MARKETING_MANAGER]):
		return frappe.get_doc(
			{
				"doctype": "Purchase Request",
				"company": company,
				"customer": make_customer(),
				"urgent": urgent,
				"required_by": "2026-12-10",
				"reason": "客户新增 30 路中继",
				"items": [
					{
						"item_code": ensure_item(),
						"qty": 30,
						"specification": "SIP 中继",
						"expected_price": 380,
					}
				],
				**fields,
			}
		).insert()


def test_approved_by_the_general_manager_becomes_a_material_request(base, users):
	doc = act(request(base.company, users), users[R.MARKETING_MANAGER], "Submit for Approval")
	doc = act(doc, users[R.GENERAL_MANAGER], "Approve")
	doc.reload()
	assert (doc.docstatus, doc.workflow_state, doc.approved_on_behalf) == (1, "Approved", 0)
	mr = frappe.get_doc("Material Request", doc.material_request)
	assert (mr.material_request_type, mr.docstatus, mr.items[0].qty) == ("Purchase", 1, 30)


def test_a_normal_request_cannot_be_approved_on_behalf(base, users):
	doc = act(request(base.company, users), users[R.MARKETING_MANAGER], "Submit for Approval")
	with pytest.raises(WorkflowTransitionError):
		act(doc, users[R.OPERATIONS_SUPERVISOR], "Approve on Behalf of General Manager")


@pytest.mark.parametrize("role", [R.SALES_USER, R.FINANCE_SUPERVISOR])
def test_other_roles_cannot_approve(base, users, role):
	doc = act(request(base.company, users), users[R.MARKETING_MANAGER], "Submit for Approval")
	with pytest.raises((WorkflowTransitionError, frappe.PermissionError)):
		act(doc, users[role], "Approve")


def test_urgent_request_approved_by_phone_waits_for_the_gm_confirmation(base, users):
	doc = request(
		base.company,
		users,
		urgent=1,
		phone_approval=1,
		phone_approver=users[R.GENERAL_MANAGER],
		phone_approved_at="2026-11-22 21:30:00",
	)
	assert doc.phone_recorded_by == users[R.MARKETING_MANAGER]
	doc = act(doc, users[R.MARKETING_MANAGER], "Submit for Approval")
	doc = act(doc, users[R.OPERATIONS_SUPERVISOR], "Approve on Behalf of General Manager")
	doc.reload()
	assert (doc.docstatus, doc.gm_confirmation_status, doc.on_behalf_approver) == (
		1,
		"Awaiting Confirmation",
		users[R.OPERATIONS_SUPERVISOR],
	)
	assert doc.name in [r.name for r in execute()[1]]
	with as_user(users[R.GENERAL_MANAGER]):
		confirm_on_behalf_approval("Purchase Request", doc.name)
	assert doc.name not in [r.name for r in execute()[1]]


@pytest.mark.parametrize(
	"fields,message",
	[
		({"phone_approval": 1, "phone_approver": None}, "who approved by phone"),
		({"urgent": 0, "phone_approval": 1}, "Only an urgent purchase"),
	],
)
def test_phone_approval_must_be_complete(base, users, fields, message):
	with pytest.raises(frappe.ValidationError, match=message):
		request(
			base.company,
			users,
			**{
				"urgent": 1,
				"phone_approver": users[R.GENERAL_MANAGER],
				"phone_approved_at": "2026-11-22 21:30:00",
				**fields,
			},
		)


def test_operations_assigns_the_executor(base, users):
	doc = act(request(base.company, users), users[R.MARKETING_MANAGER], "Submit for Approval")
	doc = act(doc, users[R.GENERAL_MANAGER], "Approve")
	buyer = make_user(["Purchase User"])
	with as_user(users[R.MARKETING_MANAGER]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Purchase Request", doc.name).assign_executor(buyer)
	with as_user(users[R.OPERATIONS_SUPERVISOR]):
		frappe.get_doc("Purchase Request", doc.name).assign_executor(buyer)
	assert frappe.db.get_value("Purchase Request", doc.name, "executor") == buyer
	assert frappe.db.exists("ToDo", {"reference_name": doc.name, "allocated_to": buyer})
