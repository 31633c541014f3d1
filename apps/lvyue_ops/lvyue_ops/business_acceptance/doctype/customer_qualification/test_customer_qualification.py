"""Qualification documents: upload, review by the Business Assistant, reuse across orders."""

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.business_acceptance.doctype.customer_qualification.customer_qualification import (
	QUALIFICATION_DOCUMENTS,
	get_qualification,
)
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.factories import attach_url, make_customer, make_user
from lvyue_ops.tests.utils import as_user


def test_every_customer_gets_the_four_documents():
	qualification = get_qualification(make_customer())
	assert [r.document_type for r in qualification.documents] == list(QUALIFICATION_DOCUMENTS)
	assert {r.status for r in qualification.documents} == {"Missing"}
	assert qualification.qualification_status == "Incomplete"


def test_upload_goes_to_review_and_the_assistant_approves_or_rejects(base):
	assistant = make_user([R.BUSINESS_ASSISTANT])
	customer = make_customer()
	qualification = get_qualification(customer)
	qualification.documents[0].file = attach_url()
	qualification.save()
	assert qualification.documents[0].status == "Pending Review"

	with as_user(assistant):
		doc = frappe.get_doc("Customer Qualification", customer)
		doc.documents[0].status = "Rejected"
		with pytest.raises(frappe.ValidationError, match="reason"):
			doc.save()
		doc = frappe.get_doc("Customer Qualification", customer)
		doc.documents[0].status = "Rejected"
		doc.documents[0].rejection_reason = "营业执照已过期"
		doc.save()
		assert (doc.documents[0].reviewed_by, doc.documents[0].status) == (assistant, "Rejected")

	# a new upload after rejection goes back to review and clears the old review
	doc.documents[0].file = attach_url("licence-2026.pdf")
	doc.save()
	assert (doc.documents[0].status, doc.documents[0].rejection_reason, doc.documents[0].reviewed_by) == (
		"Pending Review",
		None,
		None,
	)

	# 第三条 1-2: the copies handed over carry the customer's seal; a copy without it is not approved
	with as_user(assistant):
		doc = frappe.get_doc("Customer Qualification", customer)
		doc.documents[0].status = "Approved"
		with pytest.raises(frappe.ValidationError, match="seal"):
			doc.save()
		doc = frappe.get_doc("Customer Qualification", customer)
		doc.documents[0].update({"status": "Approved", "sealed": 1})
		doc.save()
	# only the reviewer says a copy is sealed; a new copy is looked at afresh
	doc.documents[0].file = attach_url("licence-2027.pdf")
	doc.save()
	assert (doc.documents[0].status, doc.documents[0].sealed) == ("Pending Review", 0)
	with as_user(make_user([R.SALES_USER])), pytest.raises(frappe.PermissionError):
		doc = frappe.get_doc("Customer Qualification", customer)
		doc.documents[0].sealed = 1
		doc.save()


@pytest.mark.parametrize("role", [R.SALES_USER, R.OPERATIONS_SUPERVISOR])
def test_other_roles_cannot_review(base, role):
	customer = make_customer()
	qualification = get_qualification(customer)
	qualification.documents[0].file = attach_url()
	qualification.save()
	# the Operations Supervisor may edit the record but not review; a Sales User may not write
	with as_user(make_user([role])), pytest.raises(frappe.PermissionError):
		_save_as_reviewer(customer)


def _save_as_reviewer(customer):
	doc = frappe.get_doc("Customer Qualification", customer)
	doc.documents[0].update({"status": "Approved", "sealed": 1})
	doc.save()


def test_documents_without_a_file_cannot_be_approved(base):
	assistant = make_user([R.BUSINESS_ASSISTANT])
	customer = make_customer()
	get_qualification(customer)
	with as_user(assistant):
		doc = frappe.get_doc("Customer Qualification", customer)
		doc.documents[0].status = "Approved"
		doc.save()
		assert doc.documents[0].status == "Missing"


def test_approved_documents_are_reused_by_later_orders(base):
	users = A.users()
	customer = make_customer()
	A.complete_qualification(customer, users[R.BUSINESS_ASSISTANT])
	for _ in range(2):
		contract = A.approved_contract(base.company, users, customer)
		order = A.run_action(
			A.make_order(base.company, customer, contract=contract.name),
			users[R.BUSINESS_ASSISTANT],
			"accept",
		)
		assert order.status == "Documents Complete"
	assert len(
		frappe.get_all(
			"File", filters={"attached_to_name": customer, "attached_to_doctype": "Customer Qualification"}
		)
	) <= len(QUALIFICATION_DOCUMENTS)


def test_a_document_type_cannot_be_listed_twice():
	qualification = get_qualification(make_customer())
	qualification.append("documents", {"document_type": "Operator ID"})
	with pytest.raises(frappe.ValidationError, match="twice"):
		qualification.save()
