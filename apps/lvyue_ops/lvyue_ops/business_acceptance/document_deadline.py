"""The 3-day document rule (运营部管理规定 第四章 第一条 1-10): a service may run while the
customer's qualification documents are outstanding; documents still missing three days after the
hand-over raise a risk assessment for the Operations Supervisor and a shutdown request due within
24 hours, which escalates when it is late. The supervisor's decision to continue, or to give more
time, cancels the shutdown with its reason. Scheduler jobs across Business Orders, Risk
Assessments and Suspension Requests; each reads only the documents due."""

import frappe
from frappe import _
from frappe.utils import add_to_date, flt, getdate, now_datetime

from lvyue_ops.business_acceptance.doctype.customer_qualification.customer_qualification import (
	get_qualification,
)
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.permissions import step_roles
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import alert, assign, assign_step, users_with_role, when


def check_document_deadlines(now=None) -> list[str]:
	"""Hourly: accepted or activated orders past their document deadline, with the customer's
	documents still incomplete and no risk assessment yet."""
	now = now or now_datetime()
	order, qualification = frappe.qb.DocType("Business Order"), frappe.qb.DocType("Customer Qualification")
	overdue = (
		frappe.qb.from_(order)
		.left_join(qualification)
		.on(qualification.name == order.customer)
		.select(order.name)
		.where(order.status.isin(("Accepted", "Activated")))
		.where(order.document_deadline < now)
		.where(order.risk_assessment.isnull() | (order.risk_assessment == ""))
		.where(
			qualification.qualification_status.isnull() | (qualification.qualification_status != "Complete")
		)
		.run(pluck=True)
	)
	return each(
		overdue,
		lambda name: raise_document_risk(frappe.get_doc("Business Order", name), now),
		"document deadline",
	)


def raise_document_risk(order, now):
	missing = get_qualification(order.customer).missing_documents()

	def message():
		return _("Qualification documents still missing after the deadline {0}: {1}").format(
			when(order.document_deadline), ", ".join(_(d) for d in missing)
		)

	reason = message()  # the record's own text, in the site's language
	risk = frappe.get_doc(
		{
			"doctype": "Risk Assessment",
			"customer": order.customer,
			"business_order": order.name,
			"reason": reason,
		}
	).insert(ignore_permissions=True)
	lines = "\n".join(
		filter(None, ((row.resource_numbers or "").strip() for row in order.resources))
	) or "\n".join(f"{row.item_code} × {flt(row.quantity):g}" for row in order.resources)
	shutdown = frappe.get_doc(
		{
			"doctype": "Suspension Request",
			"request_type": "Shutdown",
			"company": order.company,
			"customer": order.customer,
			"lines_or_numbers": lines,
			"reason": reason,
			"requested_date": now.date(),
			"due_by": add_to_date(now, hours=get_setting("shutdown_request_hours")),
			"business_order": order.name,
			"risk_assessment": risk.name,
		}
	).insert(ignore_permissions=True)
	risk.db_set("suspension_request", shutdown.name)
	frappe.db.set_value(
		"Business Order", order.name, {"risk_assessment": risk.name, "suspension_request": shutdown.name}
	)
	due = getdate(shutdown.due_by)
	assign_step("risk_assessment.decide", "Risk Assessment", risk.name, message, "High", order.company, due)
	assign_step(
		"suspension_request.submit", "Suspension Request", shutdown.name, message, "High", order.company, due
	)
	return risk, shutdown


def escalate_late_shutdowns(now=None) -> list[str]:
	"""Hourly: a shutdown not sent to the carrier by its due time (24 hours) goes to the Operations
	Supervisor and the General Manager, once."""
	now = now or now_datetime()
	late = frappe.get_all(
		"Suspension Request",
		filters={
			"request_type": "Shutdown",
			"status": "Draft",
			"due_by": ("<", now),
			"escalated_on": ("is", "not set"),
		},
		fields=["name", "customer", "due_by"],
	)

	def escalate(request):
		frappe.db.set_value("Suspension Request", request.name, "escalated_on", now)

		def message():
			return _("Shutdown {0} of {1} was due at the carrier by {2} and has not been sent.").format(
				request.name, request.customer, when(request.due_by)
			)

		for role in step_roles("suspension_request.take_late_shutdown"):
			assign(users_with_role(role), "Suspension Request", request.name, message, "High", role)
			alert(users_with_role(role), message, "Suspension Request", request.name)

	return [r.name for r in each(late, escalate, "late shutdowns")]
