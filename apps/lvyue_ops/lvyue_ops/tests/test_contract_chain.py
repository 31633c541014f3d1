"""ERPNext's Contract goes through the same chain, and only with an Approved Project Approval of
the same customer."""

import frappe
import pytest
from frappe.model.workflow import WorkflowTransitionError

from lvyue_ops import roles as R
from lvyue_ops.tests.approval_helpers import (
	act,
	approve_through,
	approved_project_approval,
	make_contract,
	make_project_approval,
	role_users,
)
from lvyue_ops.tests.factories import make_customer
from lvyue_ops.tests.utils import as_user


@pytest.fixture
def users():
	return role_users()


def test_contract_without_project_approval_cannot_go_for_approval(base, users):
	contract = make_contract(users[R.SALES_USER], make_customer())
	with pytest.raises(frappe.ValidationError, match="approved Project Approval is required"):
		act(contract, users[R.SALES_USER], "Submit for Approval")


def test_contract_with_an_unapproved_project_approval_is_refused(base, users):
	customer = make_customer()
	pending = make_project_approval(base.company, users[R.SALES_USER], customer)
	contract = make_contract(users[R.SALES_USER], customer, pending.name)
	with pytest.raises(frappe.ValidationError, match="not approved yet"):
		act(contract, users[R.SALES_USER], "Submit for Approval")


def test_contract_with_another_customers_project_approval_is_refused(base, users):
	approval = approved_project_approval(base.company, users)
	contract = make_contract(users[R.SALES_USER], make_customer(), approval.name)
	with pytest.raises(frappe.ValidationError, match="another customer"):
		act(contract, users[R.SALES_USER], "Submit for Approval")


@pytest.mark.parametrize("involves_equipment", [0, 1])
def test_contract_goes_through_the_chain(base, users, involves_equipment):
	customer = make_customer()
	approval = approved_project_approval(base.company, users, customer, involves_equipment)
	contract = make_contract(users[R.SALES_USER], customer, approval.name)
	assert contract.lvyue_involves_equipment == involves_equipment  # taken from the approval
	contract, path = approve_through(contract, users)
	assert ("Pending Technical Support" in path) == bool(involves_equipment)
	assert contract.docstatus == 1


def test_contract_step_refuses_another_role(base, users):
	customer = make_customer()
	approval = approved_project_approval(base.company, users, customer)
	contract = make_contract(users[R.SALES_USER], customer, approval.name)
	contract, _ = approve_through(contract, users, until_state="Pending Finance Supervisor")
	with pytest.raises(WorkflowTransitionError):
		act(contract, users[R.GENERAL_MANAGER], "Approve")


def test_contract_rejection_needs_a_reason(base, users):
	customer = make_customer()
	approval = approved_project_approval(base.company, users, customer)
	contract = make_contract(users[R.SALES_USER], customer, approval.name)
	contract, _ = approve_through(contract, users, until_state="Pending Operations Supervisor")
	with pytest.raises(frappe.ValidationError, match="reason"):
		act(contract, users[R.OPERATIONS_SUPERVISOR], "Reject")
	contract = act(contract, users[R.OPERATIONS_SUPERVISOR], "Reject", lvyue_rejection_reason="资源不足")
	assert contract.lvyue_workflow_state == "Rejected"


def test_an_approved_contract_invites_the_customers_contact_to_the_portal(base, users):
	"""运营部管理规定 1-5/1-10: the customer uploads its qualification documents on the portal; the
	approval of the contract sends the contact frappe's welcome mail to set a password."""
	customer = make_customer()
	approval = approved_project_approval(base.company, users, customer)
	email = f"{frappe.generate_hash(length=8)}@kehu.example.cn"
	contract = make_contract(users[R.SALES_USER], customer, approval.name, lvyue_portal_email=email)
	contract, _path = approve_through(contract, users)
	user = frappe.get_doc("User", email)
	assert user.user_type == "Website User" and "Customer" in frappe.get_roles(email)
	assert email in [row.user for row in frappe.get_doc("Customer", customer).portal_users]
	assert frappe.db.exists("Email Queue", {"message": ("like", f"%{email}%")}) or frappe.db.exists(
		"Email Queue Recipient", {"recipient": email}
	)
	from lvyue_ops.portal import portal_customers

	assert portal_customers(email) == [customer]


def test_a_contract_approved_without_the_contacts_email_asks_the_salesperson_for_it(base, users):
	"""The customer enters its documents on the portal once the contract passes (1-9): with no
	contact given, the salesperson is asked; the email given on the approved contract invites."""
	customer = make_customer()
	approval = approved_project_approval(base.company, users, customer)
	contract, _path = approve_through(make_contract(users[R.SALES_USER], customer, approval.name), users)
	sales = users[R.SALES_USER]
	todo = frappe.get_all(
		"ToDo",
		filters={"reference_name": contract.name, "allocated_to": sales, "status": "Open"},
		pluck="name",
	)
	assert len(todo) == 1
	email = f"{frappe.generate_hash(length=8)}@kehu.example.cn"
	from lvyue_ops.overrides.contract import invite_customer_contact

	with as_user(users[R.FINANCE_SUPERVISOR]):
		with pytest.raises(frappe.PermissionError):
			invite_customer_contact(contract.name, email)
	with as_user(sales):
		invite_customer_contact(contract.name, email)
	assert email in [row.user for row in frappe.get_doc("Customer", customer).portal_users]
	assert frappe.db.get_value("ToDo", todo[0], "status") == "Closed"


def test_a_staff_address_is_not_made_a_portal_user(base, users):
	customer = make_customer()
	approval = approved_project_approval(base.company, users, customer)
	staff = users[R.MARKETING_MANAGER]
	contract = make_contract(users[R.SALES_USER], customer, approval.name, lvyue_portal_email=staff)
	approve_through(contract, users)
	assert frappe.get_cached_value("User", staff, "user_type") == "System User"
	assert staff not in [row.user for row in frappe.get_doc("Customer", customer).portal_users]
