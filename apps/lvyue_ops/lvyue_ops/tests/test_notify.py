"""ToDos go through frappe's assignment API: the document's `_assign` follows them."""

import json

import frappe

from lvyue_ops.tests.factories import make_customer, make_user
from lvyue_ops.utils.notify import assign, close_assignments


def assigned_to(doctype: str, name: str) -> list[str]:
	return json.loads(frappe.db.get_value(doctype, name, "_assign") or "[]")


def test_closing_an_assignment_clears_it_from_the_document(base):
	customer = make_customer()
	a, b = make_user(["Customer Service Specialist"]), make_user(["Customer Service Specialist"])
	opened = assign([a, b], "Customer", customer, "请客户预付", role="Customer Service Specialist")
	assert len(opened) == 2
	assert sorted(assigned_to("Customer", customer)) == sorted([a, b])
	assert frappe.db.get_value("ToDo", opened[0], "role") == "Customer Service Specialist"

	close_assignments("Customer", customer, role="Customer Service Specialist")
	assert assigned_to("Customer", customer) == []
	assert set(frappe.get_all("ToDo", filters={"name": ("in", opened)}, pluck="status")) == {"Closed"}


def test_a_second_assignment_of_the_same_user_is_not_duplicated(base):
	customer = make_customer()
	user = make_user(["Customer Service Specialist"])
	assert len(assign([user], "Customer", customer, "一")) == 1
	assert assign([user], "Customer", customer, "二") == []
	assert frappe.db.count("ToDo", {"reference_name": customer, "allocated_to": user, "status": "Open"}) == 1
