"""Builders for approval-chain tests: a Project Approval or Contract and one user per role."""

import frappe
from frappe.model.workflow import apply_workflow

from lvyue_ops import roles as R
from lvyue_ops.tests.factories import make_customer, make_user
from lvyue_ops.tests.utils import as_user
from lvyue_ops.workflow.approval import state_of

CHAIN_ROLES = (
	R.SALES_USER,
	R.MARKETING_MANAGER,
	R.OPERATIONS_SUPERVISOR,
	R.TECHNICAL_SUPPORT,
	R.FINANCE_SUPERVISOR,
	R.GENERAL_MANAGER,
)


def role_users() -> dict[str, str]:
	"""One user per role of the chain (created once per test, rolled back after)."""
	return {role: make_user([role]) for role in CHAIN_ROLES}


def ensure_item(code: str = "LV-TRUNK") -> str:
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": "中继线",
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}) or "All Item Groups",
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return code


def make_project_approval(
	company: str, sales_user: str, customer: str | None = None, involves_equipment: int = 0
):
	with as_user(sales_user):
		doc = frappe.get_doc(
			{
				"doctype": "Project Approval",
				"company": company,
				"customer": customer or make_customer(),
				"involves_equipment": involves_equipment,
				"expected_monthly_revenue": 12000,
				"feasibility_assessment": "资源充足，可行。",
				"services": [{"item_code": ensure_item(), "quantity": 30, "unit_price": 400}],
			}
		)
		doc.insert()
	return doc


def act(doc, user: str, action: str, **values):
	"""Take a workflow action as `user`, as the desk's action button does."""
	with as_user(user):
		doc = frappe.get_doc(doc.doctype, doc.name)
		if values:  # the desk saves edits first; workflow actions apply to the saved document
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)


def approve_through(doc, users: dict[str, str], until_state: str = "Approved"):
	"""Approve step by step with the right role until the document reaches `until_state`."""
	role_of_state = {
		"Pending Marketing Manager": R.MARKETING_MANAGER,
		"Pending Operations Supervisor": R.OPERATIONS_SUPERVISOR,
		"Pending Technical Support": R.TECHNICAL_SUPPORT,
		"Pending Finance Supervisor": R.FINANCE_SUPERVISOR,
		"Pending General Manager": R.GENERAL_MANAGER,
	}
	path = [state_of(doc)]
	while state_of(doc) != until_state:
		if state_of(doc) in ("Draft", "Rejected"):
			doc = act(doc, users[R.SALES_USER], "Submit for Approval")
		else:
			doc = act(doc, users[role_of_state[state_of(doc)]], "Approve")
		path.append(state_of(doc))
	return doc, path


def make_contract(sales_user: str, customer: str, project_approval: str | None = None, **fields):
	with as_user(sales_user):
		doc = frappe.get_doc(
			{
				"doctype": "Contract",
				"party_type": "Customer",
				"party_name": customer,
				"start_date": "2026-12-01",
				"end_date": "2027-11-30",
				"contract_terms": "中继线 30 条，月租 400 元/条。",
				"lvyue_project_approval": project_approval,
				**fields,
			}
		)
		doc.insert()
	return doc


def approved_project_approval(
	company: str, users: dict[str, str], customer: str | None = None, involves_equipment: int = 0
):
	doc = make_project_approval(company, users[R.SALES_USER], customer, involves_equipment)
	return approve_through(doc, users)[0]
