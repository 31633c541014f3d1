"""Who does what: one row per step of the operations rules, and the one role check of the app.

`STEPS` names each step (a key), the DocType it acts on, the action as the desk shows it, and the
role that owns it by the rules. Code checks a step with `require_step(key)`; it never names a role
itself.
"""

from dataclasses import dataclass

import frappe
from frappe import _

from lvyue_ops import roles as R


@dataclass(frozen=True)
class Step:
	doctype: str
	action: str  # as the desk shows it (English source, translated)
	roles: tuple[str, ...]  # the roles that own the step by the rules


STEPS: dict[str, Step] = {
	# business acceptance (第四章 第一条)
	"customer_qualification.review": Step(
		"Customer Qualification", "Review Qualification Documents", (R.BUSINESS_ASSISTANT,)
	),
	"business_order.accept": Step("Business Order", "Accept and Hand Over", (R.BUSINESS_ASSISTANT,)),
	"business_order.activate": Step("Business Order", "Activate", (R.BUSINESS_ASSISTANT,)),
	"business_order.archive": Step("Business Order", "Archive", (R.BUSINESS_ASSISTANT,)),
	"business_order.cancel": Step("Business Order", "Cancel Order", (R.BUSINESS_ASSISTANT,)),
	# approvals
	"approval.confirm_on_behalf": Step(
		"Project Approval", "Confirm Approval on My Behalf", (R.GENERAL_MANAGER,)
	),
	# billing and receivables (第二条)
	"billing_run.send_statements": Step(
		"Billing Run", "Send Statements", (R.CUSTOMER_SERVICE, R.ACCOUNTS_MANAGER)
	),
	"unidentified_receipt.confirm": Step(
		"Unidentified Receipt", "Confirm Payer and Type", (R.CUSTOMER_SERVICE,)
	),
	"unidentified_receipt.post": Step("Unidentified Receipt", "Post", (R.BUSINESS_ASSISTANT,)),
	"accounting.post_entry": Step("Unidentified Receipt", "Post", (R.ACCOUNTS_USER, R.ACCOUNTS_MANAGER)),
	"overdue_review.complete": Step("Overdue Review", "Complete Review", (R.CUSTOMER_SERVICE,)),
	"invoice_application.submit": Step("Invoice Application", "Submit to Finance", (R.BUSINESS_ASSISTANT,)),
	"invoice_application.issue": Step(
		"Invoice Application", "Mark Issued", (R.FINANCE_SUPERVISOR, R.ACCOUNTS_MANAGER)
	),
	"write_off_request.request": Step("Write-off Request", "Request Write-off", (R.BUSINESS_ASSISTANT,)),
	"write_off_request.attach_voucher": Step(
		"Write-off Request", "Voucher Attached", (R.FINANCE_SUPERVISOR, R.ACCOUNTS_MANAGER)
	),
	"salesperson_revenue.deliver": Step(
		"Salesperson Revenue", "Deliver to HR", (R.ACCOUNTS_USER, R.FINANCE_SUPERVISOR)
	),
	# procurement (第三条)
	"supplier_certification.certify": Step(
		"Supplier Certification", "Certify Supplier", (R.OPERATIONS_SUPERVISOR,)
	),
	"purchase_order.override_certification": Step(
		"Purchase Order", "Override Supplier Certification", (R.GENERAL_MANAGER,)
	),
	"purchase_request.assign_executor": Step(
		"Purchase Request", "Assign Executor", (R.OPERATIONS_SUPERVISOR,)
	),
	# customer service and crises (第四条, 第五条)
	"revisit.spot_check": Step("Revisit", "Record Spot Check", (R.OPERATIONS_SUPERVISOR,)),
	"public_crisis.notify": Step(
		"Public Crisis", "Notify All Departments", (R.OPERATIONS_SUPERVISOR, R.GENERAL_MANAGER)
	),
}


def step_roles(step: str) -> tuple[str, ...]:
	return STEPS[step].roles


def has_step(step: str, user: str | None = None) -> bool:
	return bool(set(step_roles(step)) & set(frappe.get_roles(user)))


def require_step(step: str, user: str | None = None) -> None:
	"""Refuse, with a translated message naming the owner, a user who does not hold the step's role."""
	if has_step(step, user):
		return
	owners = " / ".join(_(role) for role in step_roles(step))
	frappe.throw(
		_("Only the {0} may do this: {1}.").format(owners, _(STEPS[step].action)),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


def has_app_permission() -> bool:
	"""The apps screen shows Lvyue Ops to the people of the operations rules."""
	roles = set(frappe.get_roles())
	return bool(roles & {*R.DEPARTMENT_ROLES, *R.REUSED_ERPNEXT_ROLES, "System Manager"} - {R.CUSTOMER})
