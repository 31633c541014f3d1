"""The 3-day document rule (运营部管理规定 第四章 第一条 1-10): documents still missing three days
after the hand-over raise a risk assessment for the Operations Supervisor and a shutdown request
due within 24 hours. A scheduler job across Business Orders, Risk Assessments and Suspension
Requests."""

import frappe
from frappe import _
from frappe.utils import add_to_date, flt, getdate, now_datetime

from lvyue_ops import roles as R
from lvyue_ops.business_acceptance.doctype.customer_qualification.customer_qualification import (
	get_qualification,
	qualification_complete,
)
from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.utils.notify import assign, users_with_role


def check_document_deadlines(now=None) -> list[str]:
	"""Hourly: orders handed over with documents still missing after the deadline get a risk
	assessment and a shutdown request."""
	now = now or now_datetime()
	overdue = frappe.get_all(
		"Business Order",
		filters={"status": "Accepted", "document_deadline": ("<", now), "risk_assessment": ("is", "not set")},
		pluck="name",
	)
	for name in overdue:
		order = frappe.get_doc("Business Order", name)
		if qualification_complete(order.customer):
			continue
		raise_document_risk(order, now)
	return overdue


def raise_document_risk(order, now):
	missing = ", ".join(_(d) for d in get_qualification(order.customer).missing_documents())
	reason = _("Qualification documents still missing after the deadline {0}: {1}").format(
		frappe.utils.format_datetime(order.document_deadline), missing
	)
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
	frappe.db.set_value(
		"Business Order", order.name, {"risk_assessment": risk.name, "suspension_request": shutdown.name}
	)
	assign(
		users_with_role(R.OPERATIONS_SUPERVISOR),
		"Risk Assessment",
		risk.name,
		reason,
		"High",
		date=getdate(shutdown.due_by),
	)
	return risk, shutdown
