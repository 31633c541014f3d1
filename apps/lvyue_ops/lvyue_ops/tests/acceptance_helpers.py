"""Builders for business-acceptance tests."""

import frappe

from lvyue_ops import roles as R
from lvyue_ops.business_acceptance.doctype.customer_qualification.customer_qualification import (
	get_qualification,
)
from lvyue_ops.tests.approval_helpers import (
	approve_through,
	approved_project_approval,
	ensure_item,
	make_contract,
	role_users,
)
from lvyue_ops.tests.factories import attach_url, make_user
from lvyue_ops.tests.utils import as_user


def users():
	found = role_users()
	found[R.BUSINESS_ASSISTANT] = make_user([R.BUSINESS_ASSISTANT])
	return found


def approved_contract(company: str, users: dict, customer: str, **fields):
	approval = approved_project_approval(company, users, customer)
	contract = make_contract(users[R.SALES_USER], customer, approval.name, **fields)
	contract = approve_through(contract, users)[0]
	contract.db_set("lvyue_stamped_original_received", 1)  # handed over with the order
	return contract


def approved_change(company: str, users: dict, customer: str, contract: str, change_type: str):
	"""The change approval (合同变更) of a 拆机 or 迁改, through the chain."""
	with as_user(users[R.SALES_USER]):
		doc = frappe.get_doc(
			{
				"doctype": "Project Approval",
				"company": company,
				"approval_type": "Contract Change",
				"customer": customer,
				"contract": contract,
				"change_type": change_type,
				"feasibility_assessment": "客户搬迁，原线路拆除后在新址开通。",
				"expected_monthly_revenue": 600,
				"services": [{"item_code": ensure_item(), "quantity": 2, "unit_price": 300}],
			}
		).insert()
	return approve_through(doc, users)[0]


def make_order(
	company: str, customer: str, order_type: str = "New Installation", user: str | None = None, **fields
):
	if order_type in ("Dismantle", "Relocation", "Ownership Transfer") and "resources" not in fields:
		# a change of the customer's line in service (the register)
		fields["resources"] = [{"service_line": active_line(company, customer)}]
	doc = frappe.get_doc(
		{
			"doctype": "Business Order",
			"company": company,
			"customer": customer,
			"order_type": order_type,
			"resources": [
				{
					"item_code": ensure_item(),
					"quantity": 2,
					"resource_numbers": "4008001001\n4008001002",
					"monthly_fee": 300,
				}
			],
			**fields,
		}
	)
	if user:
		with as_user(user):
			doc.insert()
	else:
		doc.insert()
	return doc


def complete_qualification(customer: str, reviewer: str):
	qualification = get_qualification(customer)
	for row in qualification.documents:
		row.file = attach_url(f"{frappe.scrub(row.document_type)}.pdf")  # no spaces: utils/files.py
	qualification.save()
	with as_user(reviewer):
		qualification = frappe.get_doc("Customer Qualification", customer)
		for row in qualification.documents:
			row.update({"status": "Approved", "sealed": 1})
		qualification.save()
	return qualification


def run_action(order, user: str, method: str):
	with as_user(user):
		doc = frappe.get_doc("Business Order", order.name)
		getattr(doc, method)()
		return doc


def assessed(customer: str, company: str, grade: str, note: str = "人工复评") -> str:
	"""The company graded the customer by hand (a Customer Credit Assessment's manual grade)."""
	return (
		frappe.get_doc(
			{
				"doctype": "Customer Credit Assessment",
				"customer": customer,
				"company": company,
				"manual_grade": grade,
				"note": note,
			}
		)
		.insert()
		.name
	)


def active_line(
	company: str,
	customer: str,
	numbers: str = "4008001001",
	monthly_fee: float = 300,
	since: str = "2026-09-01",
	status: str = "Active",
) -> str:
	"""A line of the register in service since `since` (as an activated order leaves it), or
	Suspended from the day after."""
	from frappe.utils import add_days

	line = frappe.get_doc(
		{
			"doctype": "Service Line",
			"company": company,
			"customer": customer,
			"item_code": ensure_item(),
			"numbers": numbers,
			"quantity": 1,
			"monthly_fee": monthly_fee,
		}
	)
	line.record("Activated", since, status="Active")
	if status == "Suspended":
		line.record("Suspended", since, add_days(since, 1), "Suspended")
	return line.insert().name
