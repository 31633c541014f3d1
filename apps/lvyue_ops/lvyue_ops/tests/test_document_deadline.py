"""The 3-day rule as written: a service may run while documents are outstanding; documents missing
after handover + 3 days -> a risk assessment and a shutdown request due within 24 h, which escalates
when late; a decision to go on cancels the shutdown with its reason."""

import frappe
import pytest
from frappe.utils import add_to_date, get_datetime

from lvyue_ops import roles as R
from lvyue_ops.business_acceptance.document_deadline import check_document_deadlines, escalate_late_shutdowns
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.factories import make_customer, make_supplier, make_user
from lvyue_ops.tests.utils import as_user, frozen_time

HANDOVER = get_datetime("2026-12-07 10:00:00")


@pytest.fixture
def accepted(base):
	users = A.users()
	ops = make_user([R.OPERATIONS_SUPERVISOR])
	customer = make_customer()
	contract = A.approved_contract(base.company, users, customer)
	order = A.make_order(base.company, customer, contract=contract.name)
	with frozen_time(HANDOVER):
		order = A.run_action(order, users[R.BUSINESS_ASSISTANT], "accept")
	return frappe._dict(order=order, users=users, ops=ops, customer=customer)


def test_deadline_is_handover_plus_the_set_days(accepted):
	assert accepted.order.document_deadline == add_to_date(HANDOVER, days=3)


def test_nothing_happens_before_the_deadline(accepted):
	assert accepted.order.name not in check_document_deadlines(now=add_to_date(HANDOVER, days=3, seconds=-1))
	assert not frappe.db.get_value("Business Order", accepted.order.name, "risk_assessment")


def test_after_the_deadline_a_risk_assessment_and_a_shutdown_request(accepted):
	now = add_to_date(HANDOVER, days=3, hours=1)
	assert accepted.order.name in check_document_deadlines(now=now)
	order = frappe.get_doc("Business Order", accepted.order.name)
	risk = frappe.get_doc("Risk Assessment", order.risk_assessment)
	shutdown = frappe.get_doc("Suspension Request", order.suspension_request)
	assert (risk.customer, risk.status) == (accepted.customer, "Open")
	assert "Business Licence" in risk.reason
	assert (shutdown.request_type, shutdown.status, shutdown.risk_assessment) == (
		"Shutdown",
		"Draft",
		risk.name,
	)
	assert shutdown.due_by == add_to_date(now, hours=24)
	assert shutdown.lines_or_numbers == "4008001001\n4008001002"
	assert frappe.db.exists("ToDo", {"reference_name": risk.name, "allocated_to": accepted.ops})
	# once only
	assert accepted.order.name not in check_document_deadlines(now=add_to_date(now, hours=5))


def test_complete_documents_stop_the_rule(accepted):
	A.complete_qualification(accepted.customer, accepted.users[R.BUSINESS_ASSISTANT])
	assert frappe.db.get_value("Business Order", accepted.order.name, "status") == "Documents Complete"
	assert accepted.order.name not in check_document_deadlines(now=add_to_date(HANDOVER, days=10))


def test_deadline_days_come_from_settings(base):
	frappe.db.set_single_value("Lvyue Ops Settings", "document_deadline_days", 5)
	frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")
	users = A.users()
	customer = make_customer()
	contract = A.approved_contract(base.company, users, customer)
	with frozen_time(HANDOVER):
		order = A.run_action(
			A.make_order(base.company, customer, contract=contract.name),
			users[R.BUSINESS_ASSISTANT],
			"accept",
		)
	assert order.document_deadline == add_to_date(HANDOVER, days=5)


@pytest.mark.parametrize(
	"handover,deadline",
	[
		("2026-09-29 10:00:00", "2026-10-02 10:00:00"),  # into 国庆: calendar days, the rule's "3 days"
		("2026-10-09 15:00:00", "2026-10-12 15:00:00"),  # over the 调休 Saturday and a Sunday
	],
)
def test_the_three_days_are_calendar_days_on_holidays_too(base, handover, deadline):
	users = A.users()
	customer = make_customer()
	contract = A.approved_contract(base.company, users, customer)
	with frozen_time(handover):
		order = A.run_action(
			A.make_order(base.company, customer, contract=contract.name),
			users[R.BUSINESS_ASSISTANT],
			"accept",
		)
	assert str(order.document_deadline) == deadline


def raised(accepted):
	now = add_to_date(HANDOVER, days=3, hours=1)
	check_document_deadlines(now=now)
	order = frappe.get_doc("Business Order", accepted.order.name)
	return order, frappe.get_doc("Risk Assessment", order.risk_assessment), now


def test_a_service_runs_on_while_the_risk_is_assessed(accepted):
	"""Activation does not wait for the documents; the rule follows the activated order."""
	accepted.order.db_set("completion_form", "/private/files/竣工单.pdf")
	with frozen_time(add_to_date(HANDOVER, days=1)):  # the day after the handover
		order = A.run_action(accepted.order, accepted.users[R.BUSINESS_ASSISTANT], "activate")
	assert order.status == "Activated"
	assert order.name in check_document_deadlines(now=add_to_date(HANDOVER, days=4))


@pytest.mark.parametrize("decision", ["Continue Service", "Grant Extension"])
def test_a_decision_to_go_on_cancels_the_shutdown_with_its_reason(accepted, decision):
	order, risk, now = raised(accepted)
	extended = add_to_date(now, days=5)
	with as_user(accepted.ops), frozen_time(add_to_date(now, hours=2)):
		risk.decide(decision, "客户已快递营业执照原件", extended_until=str(extended))
	shutdown = frappe.get_doc("Suspension Request", order.suspension_request)
	assert shutdown.status == "Cancelled"
	assert "客户已快递营业执照原件" in shutdown.cancel_reason
	assert frappe.db.get_value("Risk Assessment", risk.name, ["status", "decision"]) == ("Closed", decision)
	assert not frappe.db.exists("ToDo", {"reference_name": risk.name, "status": "Open"})
	assert not escalate_late_shutdowns(now=add_to_date(now, days=2))  # nothing left to escalate
	order.reload()
	if decision == "Grant Extension":  # the rule starts over at the new deadline
		assert (order.document_deadline, order.risk_assessment) == (extended, None)
		assert order.name in check_document_deadlines(now=add_to_date(extended, minutes=1))
	else:
		assert order.risk_assessment == risk.name


def test_a_decision_to_shut_down_keeps_the_shutdown_due(accepted):
	order, risk, _now = raised(accepted)
	with as_user(accepted.ops):
		risk.decide("Shut Down", "资料无法补齐")
	assert frappe.db.get_value("Suspension Request", order.suspension_request, "status") == "Draft"


def test_a_decision_needs_its_reason_and_a_later_deadline(accepted):
	_order, risk, now = raised(accepted)
	with as_user(accepted.ops), pytest.raises(frappe.ValidationError, match="reason"):
		risk.decide("Continue Service", "  ")
	with as_user(accepted.ops), frozen_time(now), pytest.raises(frappe.ValidationError, match="new deadline"):
		risk.decide("Grant Extension", "再给两天", extended_until=str(add_to_date(now, days=-1)))


def test_a_late_shutdown_goes_to_the_supervisor_and_the_general_manager_once(accepted):
	gm = make_user([R.GENERAL_MANAGER])
	order, _risk, now = raised(accepted)
	assert not escalate_late_shutdowns(now=add_to_date(now, hours=23))
	late = add_to_date(now, hours=25)
	assert escalate_late_shutdowns(now=late) == [order.suspension_request]
	for user in (accepted.ops, gm):
		assert frappe.db.exists(
			"ToDo", {"reference_name": order.suspension_request, "allocated_to": user, "status": "Open"}
		)
	assert not escalate_late_shutdowns(now=add_to_date(late, hours=1))


def test_a_shutdown_sent_in_time_is_not_escalated(accepted):
	order, _risk, now = raised(accepted)
	shutdown = frappe.get_doc("Suspension Request", order.suspension_request)
	shutdown.db_set("carrier", make_supplier())
	with as_user(accepted.users[R.BUSINESS_ASSISTANT]):
		frappe.get_doc("Suspension Request", shutdown.name).submit_to_carrier()
	assert not escalate_late_shutdowns(now=add_to_date(now, days=2))
