"""Business Order rules, each allowed and refused, and the status flow."""

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.factories import JPG, attach_url, make_customer


@pytest.fixture
def users():
	return A.users()


@pytest.mark.parametrize("order_type", ["New Installation"])
def test_needs_an_approved_contract(base, users, order_type):
	customer = make_customer()
	order = A.make_order(base.company, customer, order_type)
	with pytest.raises(frappe.ValidationError, match="needs an approved contract"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")

	contract = A.approved_contract(base.company, users, customer)
	order = A.make_order(base.company, customer, order_type, contract=contract.name)
	order = A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")
	assert order.status == "Accepted"
	assert order.handover_date and order.document_deadline


@pytest.mark.parametrize("order_type", ["Dismantle", "Relocation"])
def test_dismantle_and_relocation_need_their_own_change_approval(base, users, order_type):
	"""拆机、迁改 change the contract: they go through the chain themselves (第一条 1-7)."""
	customer = make_customer()
	contract = A.approved_contract(base.company, users, customer)
	order = A.make_order(base.company, customer, order_type, contract=contract.name)
	with pytest.raises(frappe.ValidationError, match="approved change approval"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")

	other_change = "Relocation" if order_type == "Dismantle" else "Dismantle"
	wrong = A.approved_change(base.company, users, customer, contract.name, other_change)
	order.db_set("change_approval", wrong.name)
	with pytest.raises(frappe.ValidationError, match="does not approve"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")

	change = A.approved_change(base.company, users, customer, contract.name, order_type)
	order.db_set("change_approval", change.name)
	assert A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept").status == "Accepted"

	again = A.make_order(
		base.company, customer, order_type, contract=contract.name, change_approval=change.name
	)
	with pytest.raises(frappe.ValidationError, match="carried out by"):
		A.run_action(again, users[R.BUSINESS_ASSISTANT], "accept")


def test_unapproved_or_foreign_contract_is_refused(base, users):
	customer = make_customer()
	other = A.approved_contract(base.company, users, make_customer())
	order = A.make_order(base.company, customer, contract=other.name)
	with pytest.raises(frappe.ValidationError, match="another customer"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")


def test_add_quantity_needs_a_framework_contract_and_the_stamped_form(base, users):
	customer = make_customer()
	plain = A.approved_contract(base.company, users, customer)
	order = A.make_order(
		base.company, customer, "Add Quantity", contract=plain.name, stamped_order_form=attach_url()
	)
	with pytest.raises(frappe.ValidationError, match="not a framework contract"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")

	framework = A.approved_contract(base.company, users, customer, lvyue_is_framework_contract=1)
	order = A.make_order(base.company, customer, "Add Quantity", contract=framework.name)
	with pytest.raises(frappe.ValidationError, match="stamped order form"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")

	order.db_set("stamped_order_form", attach_url("stamped.pdf"))
	assert A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept").status == "Accepted"


def rename_fields(**overrides):
	fields = {
		"new_customer_name": f"新名称科技有限公司 {frappe.generate_hash(length=6)}",
		"name_change_certificate": attach_url("certificate.pdf"),
		"old_seal_confirmed": 1,
		"new_seal_confirmed": 1,
		"new_business_licence": attach_url("licence.pdf"),
		"new_legal_rep_id": attach_url("id.jpg", JPG),
	}
	fields.update(overrides)
	return fields


@pytest.mark.parametrize(
	"overrides,message",
	[
		({"name_change_certificate": None}, "A rename needs"),
		({"new_business_licence": None}, "A rename needs"),
		({"new_customer_name": None}, "A rename needs"),
		({"old_seal_confirmed": 0}, "seals of both"),
		({"new_seal_confirmed": 0}, "seals of both"),
	],
)
def test_rename_refused_without_its_documents(base, users, overrides, message):
	customer = make_customer()
	order = A.make_order(base.company, customer, "Name Change", **rename_fields(**overrides))
	with pytest.raises(frappe.ValidationError, match=message):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")
	assert frappe.db.exists("Customer", customer)


def test_rename_renames_the_customer_only_on_acceptance(base, users):
	customer = make_customer()
	fields = rename_fields()
	order = A.make_order(base.company, customer, "Name Change", **fields)
	assert frappe.db.exists("Customer", customer)  # saving the order renames nothing
	order = A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")
	new_name = fields["new_customer_name"]
	assert not frappe.db.exists("Customer", customer)
	assert frappe.db.get_value("Customer", new_name, "customer_name") == new_name
	assert frappe.db.get_value("Business Order", order.name, "customer") == new_name
	qualification = frappe.get_doc("Customer Qualification", new_name)
	pending = {r.document_type for r in qualification.documents if r.status == "Pending Review"}
	assert pending == {"Business Licence", "Legal Representative ID"}


def test_rename_to_an_existing_customer_is_refused(base, users):
	customer, existing = make_customer(), make_customer()
	order = A.make_order(base.company, customer, "Name Change", **rename_fields(new_customer_name=existing))
	with pytest.raises(frappe.ValidationError, match="already exists"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")


def test_transfer_needs_an_approved_contract_of_the_new_customer(base, users):
	customer, new_customer = make_customer(), make_customer()
	old_contract = A.approved_contract(base.company, users, customer)
	order = A.make_order(
		base.company,
		customer,
		"Ownership Transfer",
		new_customer=new_customer,
		new_contract=old_contract.name,
	)
	with pytest.raises(frappe.ValidationError, match="another customer"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")
	new_contract = A.approved_contract(base.company, users, new_customer)
	order = A.make_order(
		base.company,
		customer,
		"Ownership Transfer",
		new_customer=new_customer,
		new_contract=new_contract.name,
	)
	assert A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept").status == "Accepted"


def test_transfer_to_the_same_customer_is_refused(base, users):
	customer = make_customer()
	with pytest.raises(frappe.ValidationError, match="another customer"):
		A.make_order(base.company, customer, "Ownership Transfer", new_customer=customer)


def test_disputed_customer_needs_the_meeting_decision(base, users):
	customer = make_customer()
	contract = A.approved_contract(base.company, users, customer)
	order = A.make_order(
		base.company, customer, contract=contract.name, disputed=1, meeting_date="2026-12-01"
	)
	with pytest.raises(frappe.ValidationError, match="meeting decision"):
		A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")
	order.db_set(
		{"meeting_attendees": "总经理、运营部主管、营销部经理", "meeting_decision": "同意受理，预付三个月。"}
	)
	assert A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept").status == "Accepted"


@pytest.mark.parametrize("role", [R.SALES_USER, R.OPERATIONS_SUPERVISOR, R.MARKETING_MANAGER])
def test_only_the_business_assistant_accepts(base, users, role):
	customer = make_customer()
	contract = A.approved_contract(base.company, users, customer)
	order = A.make_order(base.company, customer, contract=contract.name)
	with pytest.raises(frappe.PermissionError):
		A.run_action(order, users[role], "accept")


def test_an_order_is_accepted_once_the_stamped_original_is_handed_over(base, users):
	"""第三条 1-2: the sales team hands the customer's stamped original to the Business Assistant
	with the order; a new installation or a transfer (the new contract) is accepted only after."""
	assistant = users[R.BUSINESS_ASSISTANT]
	customer, new_customer = make_customer(), make_customer()
	contract = A.approved_contract(base.company, users, customer)
	new_contract = A.approved_contract(base.company, users, new_customer)
	for doc in (contract, new_contract):
		doc.db_set("lvyue_stamped_original_received", 0)
	install = A.make_order(base.company, customer, contract=contract.name)
	transfer = A.make_order(
		base.company,
		customer,
		"Ownership Transfer",
		new_customer=new_customer,
		new_contract=new_contract.name,
	)
	for order, held in ((install, contract), (transfer, new_contract)):
		with pytest.raises(frappe.ValidationError, match="stamped original"):
			A.run_action(order, assistant, "accept")
		held.db_set("lvyue_stamped_original_received", 1)
		assert A.run_action(order, assistant, "accept").status == "Accepted"


def test_status_flow_to_archive_and_its_checks(base, users):
	assistant = users[R.BUSINESS_ASSISTANT]
	customer = make_customer()
	contract = A.approved_contract(base.company, users, customer)
	order = A.run_action(A.make_order(base.company, customer, contract=contract.name), assistant, "accept")
	assert order.status == "Accepted"
	with pytest.raises(frappe.ValidationError, match="Only an activated order"):
		A.run_action(order, assistant, "archive")

	A.complete_qualification(customer, assistant)
	order.reload()
	assert (order.status, order.qualification_status) == ("Documents Complete", "Complete")
	with pytest.raises(frappe.ValidationError, match="completion form"):
		A.run_action(order, assistant, "activate")
	order.db_set("completion_form", attach_url("completion.pdf"))
	order = A.run_action(order, assistant, "activate")
	assert order.status == "Activated" and order.activated_on

	with pytest.raises(frappe.ValidationError, match="Before archiving"):
		A.run_action(order, assistant, "archive")
	order.db_set(
		{
			"contract_original_archived": 1,
			"qualification_copies_archived": 1,
			"completion_form_archived": 1,
			"original_to_finance": 1,
			"original_to_finance_date": "2026-12-10",
		}
	)
	assert A.run_action(order, assistant, "archive").status == "Archived"
	with pytest.raises(frappe.ValidationError):
		A.run_action(order, assistant, "cancel_order")


def test_order_with_complete_documents_goes_straight_to_documents_complete(base, users):
	customer = make_customer()
	A.complete_qualification(customer, users[R.BUSINESS_ASSISTANT])
	contract = A.approved_contract(base.company, users, customer)
	order = A.run_action(
		A.make_order(base.company, customer, contract=contract.name), users[R.BUSINESS_ASSISTANT], "accept"
	)
	assert order.status == "Documents Complete"
	assert not order.document_deadline


def test_a_service_is_activated_while_documents_are_outstanding(base, users):
	"""The 3-day rule as written: activation does not wait for the documents; their deadline stays,
	and the order is archived only with them."""
	assistant = users[R.BUSINESS_ASSISTANT]
	customer = make_customer()
	contract = A.approved_contract(base.company, users, customer)
	order = A.run_action(A.make_order(base.company, customer, contract=contract.name), assistant, "accept")
	deadline = order.document_deadline
	order.db_set("completion_form", attach_url("completion.pdf"))
	order = A.run_action(order, assistant, "activate")
	assert (order.status, order.document_deadline) == ("Activated", deadline)
	order.db_set(
		{
			"contract_original_archived": 1,
			"qualification_copies_archived": 1,
			"completion_form_archived": 1,
			"original_to_finance": 1,
			"original_to_finance_date": "2026-12-10",
		}
	)
	with pytest.raises(frappe.ValidationError, match="not complete yet"):
		A.run_action(order, assistant, "archive")


def test_status_cannot_be_edited_directly(base, users):
	order = A.make_order(base.company, make_customer())
	order.status = "Activated"
	with pytest.raises(frappe.ValidationError, match="actions"):
		order.save()
