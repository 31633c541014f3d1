"""lvyue_ops on ERPNext's Issue (hooks.py: doc_events, doctype_js): service requests routed to
their department, escalation when the customer does not accept the result, and a business need
turned into a Business Order (运营部管理规定 第四章 第四条)."""

from datetime import datetime

import frappe
from frappe import _
from frappe.model.mapper import get_mapped_doc
from frappe.utils import add_to_date, get_datetime, now_datetime

from lvyue_ops.customer_service.service_level import GRADE_HOURS
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.permissions import require_step
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import assign, assign_step, close_step, step_users

ROUTE_STEPS = {"Technical Support": "issue.technical", "Supplier via Business Assistant": "issue.supplier"}
# who follows a routed request up (第四条 2-2: 客服 tracks the technical problem; 2-3: the supplier's
# goes through the Business Assistant, who feeds back to 客服)
FOLLOW_UP_STEPS = {
	"Technical Support": "issue.follow_up",
	"Supplier via Business Assistant": "issue.supplier",
}
ESCALATION = ("Salesperson", "Operations Supervisor")
DONE = ("Resolved", "Closed")
REPLY_CHANNELS = ("Phone", "Email", "Letter", "Fax", "Visit")


def validate(doc, method=None):
	"""A request leaves Customer Service (to Technical Support or a supplier), and is resolved or
	closed, with its category and its grade (第四条 2-1); a routed request is resolved once the
	customer has been told (2-2)."""
	route = doc.get("lvyue_routing")
	if route in ROUTE_STEPS and (doc.is_new() or doc.has_value_changed("lvyue_routing")):
		if not (doc.get("lvyue_category") and doc.priority in GRADE_HOURS):
			frappe.throw(
				_(
					"Before the request leaves Customer Service, please set its category and its grade (Grade 1-3)."
				)
			)
	closing = doc.status in DONE and not doc.is_new() and doc.has_value_changed("status")
	if closing and not (doc.get("lvyue_category") and doc.priority in GRADE_HOURS):
		frappe.throw(
			_("Please set the request's category and its grade (Grade 1-3) before it is {0}.").format(
				_(doc.status)
			)
		)
	if closing and route in ROUTE_STEPS and not customer_told(doc):
		frappe.throw(
			_(
				"Please log the reply to the customer (what was done, and the result) before the request is {0}."
			).format(_(doc.status))
		)


def customer_told(doc) -> bool:
	"""The customer was answered: a reply logged by Customer Service, or an email sent from the issue."""
	return bool(doc.get("lvyue_customer_replied_on")) or bool(
		frappe.db.exists(
			"Communication",
			{"reference_doctype": "Issue", "reference_name": doc.name, "sent_or_received": "Sent"},
		)
	)


def on_update(doc, method=None):
	"""A newly routed issue goes to its department as a ToDo; a resolved one marked for a revisit
	goes to Customer Service for the revisit (第四条 2-4)."""
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
	complaint = "Customer Complaint"
	if doc.get("lvyue_category") == complaint and (not before or before.get("lvyue_category") != complaint):
		register_complaint(doc)
	if doc.get("lvyue_revisit_needed") and doc.status in DONE and (not before or before.status not in DONE):
		assign_step(
			"revisit.record",
			"Issue",
			doc.name,
			lambda: _("Revisit {0}: is {1} solved to their satisfaction?").format(
				doc.customer or doc.raised_by, doc.subject
			),
			"Medium",
			doc.company,
		)


def register_complaint(doc) -> str | None:
	"""A request classified as a complaint goes on to the Complaint Register (第四条 2-1: 分类后转不同
	流程; 第五条 2-2: 填写客户投诉登记表), once, tied to the request."""
	from lvyue_ops.customer_service.satisfaction import customer_company

	if not doc.customer or frappe.db.exists("Complaint Register", {"issue": doc.name}):
		return None
	company = doc.company or customer_company(doc.customer)
	if not company:
		frappe.throw(_("Please set the request's company: a complaint is registered for a company."))
	register = frappe.get_doc(
		{
			"doctype": "Complaint Register",
			"company": company,
			"customer": doc.customer,
			"channel": "Oral",
			"issue": doc.name,
			"content": frappe.utils.strip_html(doc.description or "") or doc.subject,
		}
	)
	register.flags.ignore_permissions = True  # the request's classification registers it
	register.insert()
	doc.add_comment("Info", _("Registered as complaint {0}.").format(register.name))
	return register.name


@frappe.whitelist(methods=["POST"])
def log_customer_reply(issue: str, reply: str, channel: str = "Phone") -> str:
	"""Customer Service tells the customer where the request stands or how it was solved, and logs
	it on the issue (第四条 2-2: 及时反馈客户)."""
	require_step("issue.reply")
	doc = frappe.get_doc("Issue", issue, for_update=True)
	doc.check_permission("write")
	if not (reply or "").strip():
		frappe.throw(_("Please write what the customer was told."))
	if channel not in REPLY_CHANNELS:
		frappe.throw(_("Unknown channel: {0}.").format(channel))
	now = now_datetime()
	doc.db_set("lvyue_customer_replied_on", now)
	doc.add_comment("Info", _("Replied to the customer ({0}): {1}").format(_(channel), reply.strip()))
	close_step("Issue", doc.name, "issue.follow_up", doc.company)  # followed up: the reminder is done
	return str(now)


def follow_up_routed_issues(now=None) -> list[str]:
	"""Hourly: a request with Technical Support or a supplier that has had no update for the set
	hours reminds whoever follows it up (Customer Service; the Business Assistant for a supplier's),
	once per quiet period."""
	hours = get_setting("issue_follow_up_hours")
	if not hours:
		return []
	now = get_datetime(now or now_datetime())
	quiet_since = add_to_date(now, hours=-hours)
	issues = frappe.get_all(
		"Issue",
		filters={"lvyue_routing": ("in", list(ROUTE_STEPS)), "status": ("not in", DONE)},
		fields=["name", "subject", "customer", "company", "lvyue_routing", "modified"],
	)

	def remind(issue):
		step = FOLLOW_UP_STEPS[issue.lvyue_routing]
		assign_step(
			step,
			"Issue",
			issue.name,
			lambda: _(
				"Follow up {0} ({1}): no update for {2} hours; tell the customer where it stands."
			).format(issue.name, issue.subject, hours),
			"High",
			issue.company,
		)

	quiet = [issue for issue in issues if last_update(issue) < quiet_since]
	return [issue.name for issue in each(quiet, remind, "service request follow-up")]


def last_update(issue) -> datetime:
	"""The newest of the issue's own change, a comment or an email on it, and the last reminder."""
	times = [get_datetime(issue.modified)]
	for doctype, filters in (
		("Comment", {"reference_doctype": "Issue", "reference_name": issue.name}),
		("Communication", {"reference_doctype": "Issue", "reference_name": issue.name}),
		("ToDo", {"reference_type": "Issue", "reference_name": issue.name}),
	):
		newest = frappe.db.get_value(doctype, filters, "creation", order_by="creation desc")
		if newest:
			times.append(get_datetime(newest))
	return max(times)


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
