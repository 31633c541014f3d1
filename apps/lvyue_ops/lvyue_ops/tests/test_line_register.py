"""The register of lines (issue 19): each order type acts on the customer's lines on its activation
day, and the month's fees come from the days each line was in service, against hand-computed
figures. Each step is taken by a user holding only the role that owns it; the dates fall on the
test company's 国庆 holidays (Oct 1-7 2026) and its 调休 working Saturday (Oct 10).

Fees are per unit (300 a month); a month's fee of a line is fee × billed days / days of the month,
rounded to the cent."""

from datetime import date

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.billing.bill_review import NOT_IN_SERVICE, find_anomalies
from lvyue_ops.billing.billing import ShardBiller
from lvyue_ops.line_register.fees import WHOLE_MONTH, month_fees
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.approval_helpers import ensure_item
from lvyue_ops.tests.factories import attach_url, make_customer, make_supplier, make_user
from lvyue_ops.tests.utils import as_user, frozen_time

SEP, OCT, NOV, DEC = date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)


@pytest.fixture
def world(base):
	users = A.users()
	customer = make_customer()
	return frappe._dict(
		company=base.company,
		users=users,
		ba=users[R.BUSINESS_ASSISTANT],
		customer=customer,
		contract=A.approved_contract(base.company, users, customer),
	)


def act(world, order, on: str, *methods):
	"""The Business Assistant takes the order's steps on the day `on`."""
	with frozen_time(f"{on} 10:00"):
		for method in methods:
			if method == "activate":
				order.db_set("completion_form", attach_url("completion.pdf"))
			order = A.run_action(order, world.ba, method)
	return order


def opened(world, on: str, customer=None, contract=None, **fields):
	"""A 新装 of two 400 numbers at 300 a month each, accepted and activated on `on`."""
	order = A.make_order(
		world.company, customer or world.customer, contract=(contract or world.contract).name, **fields
	)
	act(world, order, on, "accept", "activate")
	return frappe.get_all(
		"Service Line", filters={"business_order": order.name}, pluck="name", order_by="numbers"
	)


def changed(world, order_type: str, lines: list[str], on: str, **fields):
	"""A 拆机, 迁改 or 过户 of `lines`, with its approved change where it needs one."""
	if order_type in ("Dismantle", "Relocation"):
		fields["change_approval"] = A.approved_change(
			world.company, world.users, world.customer, world.contract.name, order_type
		).name
	rows = fields.pop("rows", [{} for _ in lines])
	order = A.make_order(
		world.company,
		world.customer,
		order_type,
		contract=world.contract.name,
		resources=[{"service_line": line, **row} for line, row in zip(lines, rows, strict=True)],
		**fields,
	)
	return act(world, order, on, "accept", "activate")


def fees(world, period, customer=None) -> dict[str, float]:
	"""line -> its fee for the month (per unit × quantity)."""
	return {
		fee.line: round(fee.rate * fee.quantity, 2)
		for fee in month_fees(world.company, period, [customer or world.customer]).get(
			customer or world.customer, []
		)
	}


def line(name):
	return frappe.get_doc("Service Line", name)


def usage(world, number: str, amount: float, period=NOV):
	"""The month's VOS usage of one of the customer's numbers, as the import stores it."""
	from lvyue_ops.billing.doctype.usage_import.importer import usage_key

	frappe.get_doc(
		{
			"doctype": "Usage Statement",
			"company": world.company,
			"customer": world.customer,
			"vos_account": "GZ-8001",
			"period": period,
			"line_or_number": number,
			"amount": amount,
			"usage_key": usage_key("GZ-8001", period, number),
		}
	).insert()


def test_a_new_installation_opens_its_lines_pending_then_active_on_the_holiday(world):
	order = A.make_order(world.company, world.customer, contract=world.contract.name)
	act(world, order, "2026-09-30", "accept")
	pending = frappe.get_all(
		"Service Line",
		filters={"business_order": order.name},
		fields=["numbers", "status"],
		order_by="numbers",
	)
	assert [(p.numbers, p.status) for p in pending] == [("4008001001", "Pending"), ("4008001002", "Pending")]
	act(world, frappe.get_doc("Business Order", order.name), "2026-10-01", "activate")  # 国庆
	for name in frappe.get_all("Service Line", filters={"business_order": order.name}, pluck="name"):
		doc = line(name)
		assert (doc.status, doc.active_from, doc.line_type) == ("Active", date(2026, 10, 1), "400 Number")
		assert [(h.event, h.status) for h in doc.history] == [("Opened", "Pending"), ("Activated", "Active")]
		assert doc.history[-1].reference_name == order.name
	assert sorted(fees(world, SEP).values()) == []  # pending in September: nothing billed
	assert sorted(fees(world, OCT).values()) == [300, 300]  # from the 1st, a holiday


def test_a_line_opened_on_the_20th_is_billed_from_the_20th(world):
	lines = opened(world, "2026-11-20")
	assert sorted(fees(world, NOV).values()) == [110.0, 110.0]  # 300 × 11/30
	assert sorted(fees(world, DEC).values()) == [300, 300]
	frappe.db.set_single_value("Lvyue Ops Settings", "fee_proration", WHOLE_MONTH)
	try:
		assert fees(world, NOV) == {}  # not in service on the 1st: billed from December
		assert sorted(fees(world, DEC).values()) == [300, 300]
	finally:
		frappe.db.set_single_value("Lvyue Ops Settings", "fee_proration", "By Day")
	assert len(lines) == 2


def test_a_dismantle_on_the_10th_bills_the_line_to_the_10th_and_not_after(world):
	kept, ended = opened(world, "2026-09-01")
	changed(world, "Dismantle", [ended], "2026-10-10")  # the 调休 working Saturday
	doc = line(ended)
	assert (doc.status, doc.ended_on) == ("Dismantled", date(2026, 10, 10))
	assert doc.history[-1].effective_from == date(2026, 10, 11)
	assert fees(world, OCT) == {kept: 300, ended: 96.77}  # 300 × 10/31
	assert fees(world, NOV) == {kept: 300}

	# the bill itself: the fee lines and their days, as the customer reads them
	run = frappe.get_doc({"doctype": "Billing Run", "company": world.company, "period": OCT}).insert()
	ShardBiller(run, [world.customer], reserve_names_at_once=False).bill(world.customer, commit=False)
	invoice = frappe.get_doc("Sales Invoice", {"lvyue_billing_run": run.name, "customer": world.customer})
	assert invoice.grand_total == 396.77
	assert sorted(i.description for i in invoice.items) == [
		"Monthly fee 2026-10 4008001001",
		"Monthly fee 2026-10 4008001002 (10 of 31 days)",
	]

	# a dismantled line is not acted on again
	with pytest.raises(frappe.ValidationError, match="only a line in service"):
		changed(world, "Dismantle", [ended], "2026-10-12")


def test_a_transfer_bills_the_old_customer_to_the_day_and_the_new_one_from_the_next(world):
	first, second = opened(world, "2026-09-01")
	new_customer = make_customer()
	new_contract = A.approved_contract(world.company, world.users, new_customer)
	changed(
		world,
		"Ownership Transfer",
		[first],
		"2026-10-07",  # the last day of 国庆
		new_customer=new_customer,
		new_contract=new_contract.name,
	)
	old, new = line(first), line(line(first).transferred_to)
	assert (old.status, old.ended_on, new.customer, new.contract) == (
		"Dismantled",
		date(2026, 10, 7),
		new_customer,
		new_contract.name,
	)
	assert (new.status, new.active_from, new.transferred_from, new.numbers) == (
		"Active",
		date(2026, 10, 8),
		first,
		"4008001001",
	)
	assert fees(world, OCT) == {first: 67.74, second: 300}  # 300 × 7/31
	assert fees(world, OCT, new_customer) == {new.name: 232.26}  # 300 × 24/31
	assert fees(world, NOV) == {second: 300}
	assert fees(world, NOV, new_customer) == {new.name: 300}


def test_a_relocation_moves_the_line_and_its_new_fee_counts_from_the_day(world):
	moved, other = opened(world, "2026-09-01")
	changed(
		world,
		"Relocation",
		[moved],
		"2026-11-16",
		rows=[{"monthly_fee": 450, "new_address": "广州市天河区新址 8 楼"}],
	)
	doc = line(moved)
	assert (doc.status, doc.monthly_fee, doc.address) == ("Active", 450, "广州市天河区新址 8 楼")
	assert fees(world, NOV) == {moved: 375.0, other: 300}  # 300 × 15/30 + 450 × 15/30
	assert fees(world, DEC) == {moved: 450, other: 300}


def test_a_shutdown_confirmed_on_the_20th_and_resumed_on_the_5th(world):
	suspended, other = opened(world, "2026-09-01")
	request = frappe.get_doc(
		{
			"doctype": "Suspension Request",
			"company": world.company,
			"customer": world.customer,
			"request_type": "Shutdown",
			"requested_date": "2026-11-19",
			"lines_or_numbers": "4008001001",
			"reason": "客户欠费关停",
			"carrier": make_supplier(),
		}
	).insert()
	with frozen_time("2026-11-19 10:00"), as_user(world.ba):
		frappe.get_doc("Suspension Request", request.name).submit_to_carrier()
	with frozen_time("2026-11-20 10:00"), as_user(world.ba):
		frappe.get_doc("Suspension Request", request.name).confirm(carrier_reference="CT-1120")
	assert line(suspended).status == "Suspended"
	with frozen_time("2026-12-05 10:00"), as_user(world.ba):  # a Saturday
		frappe.get_doc("Suspension Request", request.name).resume()
	assert line(suspended).status == "Active"
	assert fees(world, NOV) == {suspended: 200.0, other: 300}  # 300 × 20/30
	assert fees(world, DEC) == {suspended: 261.29, other: 300}  # 300 × 27/31
	frappe.db.set_single_value("Lvyue Ops Settings", "bill_suspended_days", 1)
	try:
		assert fees(world, NOV) == {suspended: 300, other: 300}
	finally:
		frappe.db.set_single_value("Lvyue Ops Settings", "bill_suspended_days", 0)


def test_a_request_names_lines_of_the_customer_only(world):
	opened(world, "2026-09-01")
	request = frappe.get_doc(
		{
			"doctype": "Suspension Request",
			"company": world.company,
			"customer": world.customer,
			"request_type": "Shutdown",
			"requested_date": "2026-11-19",
			"lines_or_numbers": "4008001001\n02099990000",
			"reason": "客户欠费关停",
		}
	).insert()
	request.db_set("status", "Submitted to Carrier")
	with (
		as_user(world.ba),
		pytest.raises(frappe.ValidationError, match="no line in service numbered 02099990000"),
	):
		frappe.get_doc("Suspension Request", request.name).confirm(carrier_reference="CT-1")


def test_a_contract_is_not_terminated_while_its_lines_are_in_service(world):
	from lvyue_ops.overrides.contract import terminate

	lines = opened(world, "2026-09-01")
	operations = make_user([R.OPERATIONS_SUPERVISOR])
	with as_user(operations), pytest.raises(frappe.ValidationError, match="4008001001, 4008001002"):
		terminate(world.contract.name, "2026-12-31", "客户提前解约")
	changed(world, "Dismantle", lines, "2026-12-31")
	with as_user(operations):
		terminate(world.contract.name, "2026-12-31", "客户提前解约")
	assert frappe.db.get_value("Contract", world.contract.name, "lvyue_terminated_on") == date(2026, 12, 31)
	assert sorted(fees(world, DEC).values()) == [300, 300]
	assert fees(world, date(2027, 1, 1)) == {}


def test_an_order_names_only_the_customers_lines_in_service(world):
	others = opened(
		world,
		"2026-09-01",
		customer=(other := make_customer()),
		contract=A.approved_contract(world.company, world.users, other),
	)
	with pytest.raises(frappe.ValidationError, match="is not a line of"):
		changed(world, "Dismantle", others[:1], "2026-10-10")
	change = A.approved_change(world.company, world.users, world.customer, world.contract.name, "Dismantle")
	order = A.make_order(
		world.company,
		world.customer,
		"Dismantle",
		contract=world.contract.name,
		change_approval=change.name,
		resources=[{"item_code": ensure_item(), "quantity": 1}],
	)
	with pytest.raises(frappe.ValidationError, match="please select the line"):
		A.run_action(order, world.ba, "accept")


def test_only_the_business_assistant_keeps_a_lines_details_and_nobody_its_customer(world):
	name = opened(world, "2026-09-01")[0]
	with as_user(world.ba):
		doc = line(name)
		doc.vos_account, doc.vos_line, doc.upstream_cost = "GZ-8001", "GZ-8001-1", 120
		doc.save()
	for user in (make_user([R.CUSTOMER_SERVICE]), make_user([R.OPERATIONS_SUPERVISOR])):
		with as_user(user), pytest.raises(frappe.PermissionError):
			doc = line(name)
			doc.vos_line = "X"
			doc.save()
	with as_user(world.ba), pytest.raises(frappe.ValidationError, match="documents that act on it"):
		doc = line(name)
		doc.customer = make_customer()
		doc.save()


def test_usage_on_a_dismantled_line_is_a_bill_review_anomaly(world):
	from lvyue_ops.billing.bill_review import SILENT_LINE
	from lvyue_ops.billing.billing import ensure_usage_item

	kept, ended = opened(world, "2026-09-01")
	changed(world, "Dismantle", [ended], "2026-10-10")
	usage(world, "4008001002", 42)  # the dismantled line still makes calls in November
	ensure_usage_item()
	run = frappe.get_doc({"doctype": "Billing Run", "company": world.company, "period": NOV}).insert()
	ShardBiller(run, [world.customer], reserve_names_at_once=False).bill(world.customer, commit=False)
	found = {(row["kind"], row["detail"]) for row in find_anomalies(run)}
	assert (
		NOT_IN_SERVICE,
		"Usage on 4008001002, a line that was not in service this month (Dismantled).",
	) in found
	assert (SILENT_LINE, f"4008001001 (line {kept}): no usage this month.") in found


def test_the_upgrade_makes_lines_that_bill_what_the_orders_billed(world):
	"""Orders activated the old way (no lines) bill, after the patch, what the old billing billed:
	every row's quantity × monthly fee, every month."""
	from lvyue_ops.patches.v0_5.lines_from_orders import execute

	order = frappe.get_doc(
		{
			"doctype": "Business Order",
			"company": world.company,
			"customer": world.customer,
			"order_type": "New Installation",
			"contract": world.contract.name,
			"resources": [
				{"item_code": ensure_item(), "quantity": 2, "monthly_fee": 400},
				{
					"item_code": ensure_item(),
					"quantity": 2,
					"monthly_fee": 50,
					"resource_numbers": "4008002001\n4008002002",
				},
			],
		}
	).insert()
	order.db_set({"status": "Activated", "activated_on": "2026-10-20"})
	execute()
	execute()  # run again: nothing twice
	made = frappe.get_all(
		"Service Line", filters={"business_order": order.name}, fields=["numbers", "quantity", "monthly_fee"]
	)
	assert sorted((m.numbers or "", m.quantity, m.monthly_fee) for m in made) == [
		("", 2, 400),
		("4008002001", 1, 50),
		("4008002002", 1, 50),
	]
	assert sum(fees(world, NOV).values()) == 2 * 400 + 2 * 50
	assert sum(fees(world, OCT).values()) == 2 * 400 + 2 * 50  # as the old billing did


def test_the_margin_and_the_months_movement_against_hand_computed_figures(world):
	from lvyue_ops.billing.billing import ensure_usage_item
	from lvyue_ops.line_register.margin import month_movement
	from lvyue_ops.line_register.report.line_margin.line_margin import execute

	first, second = opened(world, "2026-09-01")  # 2 × 300 a month
	trunk = opened(  # a trunk line at 600 a month from Nov 16: 600 × 15/30 = 300 in November
		world,
		"2026-11-16",
		resources=[
			{"item_code": ensure_item(), "quantity": 1, "resource_numbers": "02088880001", "monthly_fee": 600}
		],
	)[0]
	carrier_a, carrier_b = make_supplier(), make_supplier()
	with as_user(world.ba):  # the upstream cost, each month, per unit
		for name, carrier, cost in (
			(first, carrier_a, 100),
			(second, carrier_b, 50),
			(trunk, carrier_a, 200),
		):
			doc = line(name)
			doc.supplier, doc.upstream_cost, doc.line_type = (
				carrier,
				cost,
				"Trunk Line" if name == trunk else doc.line_type,
			)
			doc.save()
	usage(world, "4008001001", 42)  # usage on a line
	usage(world, "02000000000", 8)  # and on none
	ensure_usage_item()
	run = frappe.get_doc({"doctype": "Billing Run", "company": world.company, "period": NOV}).insert()
	ShardBiller(run, [world.customer], reserve_names_at_once=False).bill(world.customer, commit=False)
	assert frappe.db.get_value("Sales Invoice", {"lvyue_billing_run": run.name}, "grand_total") == 950

	operations = make_user([R.OPERATIONS_SUPERVISOR])
	with as_user(operations):
		_columns, rows, _m, _c, summary = execute(
			{"company": world.company, "month": NOV, "group_by": "Carrier"}
		)
	by_carrier = {r["group"]: (r["revenue"], r["cost"], r["margin"]) for r in rows}
	# carrier A: 300 + 42 usage, cost 100; the trunk line 300, cost 200 × 15/30 = 100
	assert by_carrier[carrier_a] == (642, 200, 442)
	assert by_carrier[carrier_b] == (300, 50, 250)
	with as_user(operations):
		_columns, rows, *_rest = execute({"company": world.company, "month": NOV, "group_by": "Customer"})
	assert next(r for r in rows if r["group"] == world.customer) == {
		"group": world.customer,
		"revenue": 950,
		"cost": 250,
		"margin": 700,
		"margin_rate": 73.7,
	}
	with as_user(operations):
		_columns, rows, *_rest = execute({"company": world.company, "month": NOV, "group_by": "Line Type"})
	# (translated for the reader: this test's process reads English)
	assert {"group": "Trunk Line", "revenue": 300, "cost": 100, "margin": 200, "margin_rate": 66.7} in rows

	# the movement: the company's figures hold the customer's (other tests' lines are the site's)
	movement = month_movement(world.company, NOV)
	assert movement["opened"] >= 1 and movement["mrr_change"] == summary[-1]["value"]
	assert month_movement_of(world, NOV) == {"eve": 600, "end": 1200}  # +600: the trunk line


def month_movement_of(world, period) -> dict:
	"""The monthly recurring revenue of the customer's lines at the month's eve and end."""
	from frappe.utils import add_days, get_last_day

	from lvyue_ops.line_register.fees import histories
	from lvyue_ops.line_register.margin import fee_on

	names = frappe.get_all("Service Line", filters={"customer": world.customer}, pluck="name")
	found = histories(names)
	return {
		"eve": sum(fee_on(found[n], add_days(period, -1)) for n in names),
		"end": sum(fee_on(found[n], get_last_day(period)) for n in names),
	}


def test_the_customer_sees_its_own_lines_on_the_portal_in_chinese(world):
	from frappe.utils import set_request
	from frappe.website.serve import get_response

	from lvyue_ops.tests.factories import make_portal_user

	mine = opened(world, "2026-09-01")
	changed(world, "Dismantle", mine[1:], "2026-10-10")
	other = make_customer()
	A.active_line(world.company, other, "02099990001")
	portal = make_portal_user(world.customer)
	frappe.db.set_value("User", portal, "language", "zh")
	lang, had_request = frappe.local.lang, hasattr(frappe.local, "request")
	request = getattr(frappe.local, "request", None)
	try:
		with as_user(portal):
			frappe.local.lang = "zh"
			set_request(method="GET", path="/lines")
			html = get_response().get_data(as_text=True)
	finally:  # as it was: later code asks whether there is a request at all
		frappe.local.lang = lang
		if had_request:
			frappe.local.request = request
		else:
			del frappe.local.request
	assert "4008001001" in html and "4008001002" in html and "02099990001" not in html
	assert "线路与号码" in html and "已拆机" in html and "400 号码" in html
