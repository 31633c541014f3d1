"""Customer service (客户服务) and crises (应急处理): service requests on ERPNext's Issue, revisits
with risk-control spot checks, the Complaint Register (附表一) and public crises."""

import math
import random

import frappe
from frappe import _
from frappe.utils import cint, get_first_day, get_last_day, getdate, now_datetime

from lvyue_ops import roles as R
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.lvyue_ops.notify import alert, assign, close_assignments, users_with_role
from lvyue_ops.lvyue_ops.ops_calendar import WorkingCalendar
from lvyue_ops.lvyue_ops.status import guard_status


def _require_role(roles, message):
	if not set(roles) & set(frappe.get_roles()):
		frappe.throw(message, frappe.PermissionError)


# --- complaints -----------------------------------------------------------------------------------


def validate_complaint(doc):
	if doc.channel == "Written" and not doc.reply_due:
		working = WorkingCalendar(doc.company)
		doc.reply_due = working.add_working_days(doc.received_on, get_setting("complaint_reply_working_days") or 1)
	if doc.channel == "Oral":
		doc.reply_due = None
	guard_status(doc, _("The status changes only through the complaint's actions."))


def after_complaint_insert(doc, method=None):
	"""Written complaints go to the Operations Supervisor."""
	if doc.channel == "Written":
		message = _("Written complaint {0} from {1}: reply by {2}").format(doc.name, doc.customer, doc.reply_due)
		assign(users_with_role(R.OPERATIONS_SUPERVISOR), doc.doctype, doc.name, message, "High", R.OPERATIONS_SUPERVISOR)


def reply_to_complaint(doc, now=None):
	if doc.status != "Open":
		frappe.throw(_("This complaint has already been answered."))
	if doc.channel == "Written" and not doc.oral_confirmation:
		frappe.throw(_("Please confirm the written complaint with the customer by phone before replying."))
	if not (doc.reply or "").strip():
		frappe.throw(_("Please write the reply: the findings and the remedy."))
	if not doc.is_valid:
		frappe.throw(_("Please record whether the complaint is valid."))
	doc.replied_on = now or now_datetime()
	doc.status = "Answered"
	doc.flags.status_change_allowed = True
	doc.save()
	close_assignments(doc.doctype, doc.name)


def escalate_overdue_complaints(now=None) -> list[str]:
	"""Hourly: written complaints not answered within the working day go to the General Manager
	and the Operations Supervisor (once)."""
	now = now or now_datetime()
	overdue = frappe.get_all(
		"Complaint Register",
		filters={"status": "Open", "channel": "Written", "reply_due": ("<", now), "escalated_on": ("is", "not set")},
		fields=["name", "customer", "reply_due"],
	)
	for complaint in overdue:
		message = _("Overdue complaint reply: {0} from {1} was due {2}").format(complaint.name, complaint.customer, complaint.reply_due)
		for role in (R.GENERAL_MANAGER, R.OPERATIONS_SUPERVISOR):
			assign(users_with_role(role), "Complaint Register", complaint.name, message, "High", role)
		frappe.db.set_value("Complaint Register", complaint.name, "escalated_on", now)
	return [c.name for c in overdue]


# --- public crises ----------------------------------------------------------------------------------

NOTICE_ROLES = (*R.DEPARTMENT_ROLES, R.SALES_USER)


def notify_departments(crisis):
	"""Send the internal notice to every department (every user holding a department role)."""
	_require_role((R.OPERATIONS_SUPERVISOR, R.GENERAL_MANAGER, "System Manager"), _("Operations or the General Manager notify the departments."))
	if not ((crisis.external_statement or "").strip() and (crisis.internal_notice or "").strip()):
		frappe.throw(_("Please write the unified external statement and the internal notice first."))
	users = sorted({u for role in NOTICE_ROLES for u in users_with_role(role)})
	alert(users, _("Crisis notice: {0}").format(crisis.title), crisis.doctype, crisis.name, email_content=crisis.internal_notice, from_user=frappe.session.user)
	crisis.status = "Notified"
	crisis.notified_on = now_datetime()
	crisis.flags.status_change_allowed = True
	crisis.save()
	return users


# --- revisits and spot checks ----------------------------------------------------------------------


def validate_revisit(doc):
	if not 1 <= (doc.satisfaction or 0) <= 5:
		frappe.throw(_("Satisfaction is a score from 1 to 5."))
	if doc.has_value_changed("spot_check_result") and doc.spot_check_result:
		_require_role((R.OPERATIONS_SUPERVISOR, "System Manager"), _("A supervisor records the spot check."))
		doc.spot_checked_by = frappe.session.user


def select_spot_checks(month, seed: str | int | None = None) -> list[str]:
	"""Pick the set share of the month's revisits at random for a supervisor's spot check. The
	same month (and seed) always picks the same revisits, so a check can be reproduced."""
	month = get_first_day(month)
	revisits = frappe.get_all(
		"Revisit", filters={"revisit_date": ("between", (month, get_last_day(month)))}, pluck="name", order_by="name asc"
	)
	share = float(get_setting("revisit_spot_check_percent") or 0) / 100
	count = min(len(revisits), math.ceil(len(revisits) * share))
	chosen = sorted(random.Random(str(seed if seed is not None else month.isoformat())).sample(revisits, count))
	for name in chosen:
		if not frappe.db.get_value("Revisit", name, "spot_check"):
			frappe.db.set_value("Revisit", name, "spot_check", 1)
			assign(users_with_role(R.OPERATIONS_SUPERVISOR), "Revisit", name, _("Spot check revisit {0}").format(name), role=R.OPERATIONS_SUPERVISOR)
	return chosen


def monthly_spot_checks():
	"""Monthly: the spot checks of the month that just ended."""
	from frappe.utils import add_months

	return select_spot_checks(add_months(getdate(), -1))


# --- service requests on ERPNext's Issue --------------------------------------------------------------

ROUTE_ROLES = {"Technical Support": R.TECHNICAL_SUPPORT, "Supplier via Business Assistant": R.BUSINESS_ASSISTANT}
ESCALATION = ("Salesperson", "Operations Supervisor")


def route_issue(issue, method=None):
	"""Issue on_update: a newly routed issue goes to its department as a ToDo."""
	before = issue.get_doc_before_save()
	route = issue.get("lvyue_routing")
	if route in ROUTE_ROLES and (not before or before.get("lvyue_routing") != route):
		priority = "High" if route == "Technical Support" else "Medium"
		assign(users_with_role(ROUTE_ROLES[route]), "Issue", issue.name, _("{0}: {1}").format(_(route), issue.subject), priority, ROUTE_ROLES[route])


def escalate_issue(issue, reason: str):
	"""The customer does not accept the result: first to the salesperson, then to the company
	(the Operations Supervisor). Recorded on the issue."""
	if not (reason or "").strip():
		frappe.throw(_("Please record why the customer does not accept the result."))
	current = issue.get("lvyue_escalation") or ""
	if current == ESCALATION[-1]:
		frappe.throw(_("This issue is already with the Operations Supervisor."))
	level = ESCALATION[0] if not current else ESCALATION[ESCALATION.index(current) + 1]
	if level == "Salesperson":
		if not issue.get("lvyue_sales_user"):
			frappe.throw(_("Please set the salesperson of the issue first."))
		users = [issue.lvyue_sales_user]
	else:
		users = users_with_role(R.OPERATIONS_SUPERVISOR)
	assign(users, "Issue", issue.name, _("Escalated ({0}): {1}").format(_(level), reason), "High")
	issue.db_set("lvyue_escalation", level)
	issue.add_comment("Info", _("Escalated to {0}: {1}").format(_(level), reason))
	return level


def make_business_order(issue, company: str):
	"""A business need becomes a Business Order once the salesperson has confirmed it."""
	if issue.get("lvyue_category") != "Business Need":
		frappe.throw(_("Only a business need becomes a Business Order."))
	if not issue.get("lvyue_salesperson_confirmed"):
		frappe.throw(_("The salesperson confirms the business need first."))
	if not issue.customer:
		frappe.throw(_("Please set the customer of the issue."))
	order = frappe.new_doc("Business Order")
	order.company = company
	order.customer = issue.customer
	order.order_type = "Add Quantity"
	return order


# --- service levels ----------------------------------------------------------------------------------

# grade -> (response hours, resolution hours), counted in working hours of the Holiday List
GRADE_HOURS = {"Grade 1": (1, 8), "Grade 2": (4, 24), "Grade 3": (8, 72)}
WORKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def make_service_level_agreement(name: str, holiday_list: str, start="09:00:00", end="18:00:00"):
	"""ERPNext's Service Level Agreement for Issues by grade. Every day of the week is a support
	day and the Holiday List takes the weekends and holidays out, so a 调休 working weekend counts
	as a working day."""
	existing = frappe.db.get_value("Service Level Agreement", {"service_level": name})
	if existing:
		return frappe.get_doc("Service Level Agreement", existing)
	frappe.db.set_single_value("Support Settings", "track_service_level_agreement", 1)
	doc = frappe.get_doc(
		{
			"doctype": "Service Level Agreement",
			"service_level": name,
			"document_type": "Issue",
			"holiday_list": holiday_list,
			"enabled": 1,
			"apply_sla_for_resolution": 1,
			"default_priority": "Grade 3",
			"support_and_resolution": [{"workday": day, "start_time": start, "end_time": end} for day in WORKDAYS],
			"priorities": [
				{"priority": grade, "response_time": response * 3600, "resolution_time": resolution * 3600, "default_priority": int(grade == "Grade 3")}
				for grade, (response, resolution) in GRADE_HOURS.items()
			],
			"sla_fulfilled_on": [{"status": "Resolved"}, {"status": "Closed"}],
		}
	)
	doc.insert(ignore_permissions=True)
	return doc


# --- questionnaires and symposia ---------------------------------------------------------------------


def _check_score(value, label):
	value = cint(value)
	if value and not 1 <= value <= 5:
		frappe.throw(_("{0} is a score from 1 to 5.").format(label))


def validate_survey(doc):
	"""A questionnaire filled by a customer's portal user: the customer is theirs, never chosen."""
	from lvyue_ops.portal import portal_customers

	if doc.is_new():
		customers = portal_customers()
		if frappe.session.user != "Administrator" and "System Manager" not in frappe.get_roles():
			if not customers:
				frappe.throw(_("Only a customer's portal user fills the questionnaire."), frappe.PermissionError)
			doc.customer = customers[0]
		doc.submitted_by = frappe.session.user
	if not doc.customer:
		frappe.throw(_("The questionnaire needs the customer."))
	doc.satisfaction, doc.service_speed = cint(doc.satisfaction), cint(doc.service_speed)  # web forms send text
	if not 1 <= doc.satisfaction <= 5:
		frappe.throw(_("Satisfaction is a score from 1 to 5."))
	_check_score(doc.service_speed, _("Speed of Service (1-5)"))


def validate_symposium(doc):
	from frappe.utils import add_months

	for row in doc.attendees:
		_check_score(row.satisfaction, _("Satisfaction (1-5)"))
	doc.next_symposium = add_months(doc.symposium_date, int(doc.interval_months or 6))
