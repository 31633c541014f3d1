"""lvyue_ops on ERPNext's Issue (hooks.py: doc_events, doctype_js): service requests routed to
their department, escalation when the customer does not accept the result, and a business need
turned into a Business Order (运营部管理规定 第四章 第四条)."""

import frappe
from frappe import _
from frappe.model.mapper import get_mapped_doc

from lvyue_ops.permissions import require_step
from lvyue_ops.utils.notify import assign, assign_step, step_users

ROUTE_STEPS = {"Technical Support": "issue.technical", "Supplier via Business Assistant": "issue.supplier"}
ESCALATION = ("Salesperson", "Operations Supervisor")


def on_update(doc, method=None):
	"""A newly routed issue goes to its department as a ToDo."""
	before = doc.get_doc_before_save()
	route = doc.get("lvyue_routing")
	if route in ROUTE_STEPS and (not before or before.get("lvyue_routing") != route):
		priority = "High" if route == "Technical Support" else "Medium"
		assign_step(
			ROUTE_STEPS[route],
			"Issue",
			doc.name,
			lambda: _("{0}: {1}").format(_(route), doc.subject),
			priority,
			doc.company,
		)


@frappe.whitelist(methods=["POST"])
def escalate(issue: str, reason: str) -> str:
	"""The customer does not accept the result: first to the salesperson, then to the company
	(the Operations Supervisor). Recorded on the issue."""
	require_step("issue.escalate")
	doc = frappe.get_doc("Issue", issue, for_update=True)
	doc.check_permission("write")
	if not (reason or "").strip():
		frappe.throw(_("Please record why the customer does not accept the result."))
	current = doc.get("lvyue_escalation") or ""
	if current == ESCALATION[-1]:
		frappe.throw(_("This issue is already with the Operations Supervisor."))
	level = ESCALATION[0] if not current else ESCALATION[ESCALATION.index(current) + 1]
	if level == "Salesperson":
		if not doc.get("lvyue_sales_user"):
			frappe.throw(_("Please set the salesperson of the issue first."))
		users = [doc.lvyue_sales_user]
	else:
		users = step_users("issue.take_unaccepted")
	assign(users, "Issue", doc.name, lambda: _("Escalated ({0}): {1}").format(_(level), reason), "High")
	doc.db_set("lvyue_escalation", level)
	doc.add_comment("Info", _("Escalated to {0}: {1}").format(_(level), reason))
	return level


@frappe.whitelist()
def make_business_order(source_name: str, target_doc=None):
	"""A business need becomes a Business Order (受理单) once the salesperson has confirmed it."""
	issue = frappe.get_doc("Issue", source_name)
	issue.check_permission("read")
	if issue.get("lvyue_category") != "Business Need":
		frappe.throw(_("Only a business need becomes a Business Order."))
	if not issue.get("lvyue_salesperson_confirmed"):
		frappe.throw(_("The salesperson confirms the business need first."))
	if not issue.customer:
		frappe.throw(_("Please set the customer of the issue."))

	def set_missing_values(source, target):
		target.order_type = "Add Quantity"
		target.company = source.company or frappe.defaults.get_user_default("Company")

	return get_mapped_doc(
		"Issue",
		source_name,
		{
			"Issue": {
				"doctype": "Business Order",
				"field_map": {"customer": "customer", "name": "issue"},
				"field_no_map": ["naming_series", "status"],
			}
		},
		target_doc,
		set_missing_values,
	)
