"""The 3-day rule: documents missing after handover + 3 days -> risk assessment and a shutdown
request due within 24 h."""

import frappe
import pytest
from frappe.utils import add_to_date, get_datetime

from lvyue_ops import roles as R
from lvyue_ops.business_acceptance.document_deadline import check_document_deadlines
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.factories import make_customer, make_user
from lvyue_ops.tests.utils import frozen_time

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
