import frappe
import pytest

from lvyue_ops.tests.acceptance_helpers import active_line
from lvyue_ops.tests.factories import TEST_COMPANY, make_customer, make_supplier


def make_request(**fields):
	customer = make_customer()
	active_line(fields.get("company") or TEST_COMPANY, customer, "02088886666")
	return frappe.get_doc(
		{
			"doctype": "Suspension Request",
			"request_type": "Suspension",
			"customer": customer,
			"lines_or_numbers": "02088886666",
			"reason": "客户申请缓停三个月",
			**fields,
		}
	).insert()


def test_transitions_to_the_carrier_and_back(base):
	request = make_request()
	with pytest.raises(frappe.ValidationError, match="carrier"):
		request.submit_to_carrier()
	request.carrier = make_supplier()
	request.save()
	request.submit_to_carrier()
	assert request.status == "Submitted to Carrier"
	with pytest.raises(frappe.ValidationError, match="reference"):
		request.confirm()
	request.confirm(carrier_reference="CT-20261207-001")
	assert request.status == "Confirmed"
	with pytest.raises(frappe.ValidationError, match="cannot become"):
		request.reject()


def test_rejected_request_can_be_submitted_again(base):
	request = make_request(carrier=make_supplier())
	request.submit_to_carrier()
	request.reject()
	request.submit_to_carrier()
	assert request.status == "Submitted to Carrier"


def test_status_cannot_be_edited_directly(base):
	request = make_request()
	request.status = "Confirmed"
	with pytest.raises(frappe.ValidationError, match="actions"):
		request.save()


@pytest.mark.parametrize(
	"requested,due",
	[
		("2026-01-08", "2026-01-23 23:59:59"),
		("2026-03-02", "2026-03-24 23:59:59"),
		("2026-10-09", "2026-10-23 23:59:59"),
	],
	ids=["24th on a Saturday", "plain Tuesday", "24th on a Saturday after 国庆"],
)
def test_monthly_suspension_requests_are_due_before_the_25th(base, requested, due):
	request = make_request(company=base.company, requested_date=requested)
	assert str(request.due_by) == due
