"""Procurement: the certification gate on purchase orders and its override, supplier price lists
as the internal price system (overlaps, current price, Item Price sync, refresh reminders, price
sheets), and the tariff audit checklist with its carry-over."""

from datetime import date

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.line_register.lines import carry_out
from lvyue_ops.procurement.doctype.carrier_account.carrier_account import check_carrier_balances
from lvyue_ops.procurement.price_system import current_prices, remind_stale_price_lists
from lvyue_ops.tests.approval_helpers import ensure_item
from lvyue_ops.tests.billing_helpers import csv_bytes
from lvyue_ops.tests.factories import CERTIFICATION_ITEMS, make_customer, make_supplier, make_user
from lvyue_ops.tests.utils import as_user


def certify(supplier, certified_on="2026-01-01", valid_until="2026-12-31"):
	return frappe.get_doc(
		{
			"doctype": "Supplier Certification",
			"supplier": supplier,
			"status": "Certified",
			"certified_on": certified_on,
			"valid_until": valid_until,
			**CERTIFICATION_ITEMS,
		}
	).insert()


def purchase_order(company, supplier, **fields):
	return frappe.get_doc(
		{
			"doctype": "Purchase Order",
			"company": company,
			"supplier": supplier,
			"transaction_date": "2026-11-10",
			"schedule_date": "2026-11-20",
			"items": [{"item_code": ensure_item(), "qty": 10, "rate": 380, "schedule_date": "2026-11-20"}],
			**fields,
		}
	)


def test_uncertified_supplier_is_refused(base):
	with pytest.raises(frappe.ValidationError, match="no valid certification"):
		purchase_order(base.company, make_supplier()).insert()


def test_an_office_supplier_needs_no_certification(base):
	"""Issue 14: the gate is the company's choice (Lvyue Company Settings): a supplier outside its
	carrier groups sells office paper without a certification."""
	from frappe.utils.nestedset import get_root_of

	stationer = make_supplier(supplier_group=get_root_of("Supplier Group"))
	assert purchase_order(base.company, stationer).insert().name


def test_an_item_group_can_need_certification_too(base):
	"""Equipment (an item group) needs a certified supplier whoever sells it."""
	from frappe.utils.nestedset import get_root_of

	stationer = make_supplier(supplier_group=get_root_of("Supplier Group"))
	settings = frappe.get_doc("Lvyue Company Settings", base.company)
	settings.append(
		"certified_item_groups", {"item_group": frappe.db.get_value("Item", ensure_item(), "item_group")}
	)
	settings.save()
	with pytest.raises(frappe.ValidationError, match="no valid certification"):
		purchase_order(base.company, stationer).insert()


def test_a_company_that_did_not_choose_the_gate_buys_freely(base):
	"""Another company of the site, without settings of its own: none of its purchases is gated."""
	from lvyue_ops.tests.factories import second_company

	other = second_company()
	assert purchase_order(other.company, make_supplier()).insert().name


def test_certified_supplier_is_allowed_and_expiry_counts(base):
	supplier = make_supplier()
	certify(supplier, valid_until="2026-11-30")
	assert purchase_order(base.company, supplier).insert().name
	with pytest.raises(frappe.ValidationError, match="no valid certification"):
		purchase_order(
			base.company,
			supplier,
			transaction_date="2026-12-01",
			schedule_date="2026-12-05",
			items=[{"item_code": ensure_item(), "qty": 1, "rate": 380, "schedule_date": "2026-12-05"}],
		).insert()


def test_general_manager_override_is_recorded(base):
	gm = make_user([R.GENERAL_MANAGER, "Purchase Manager"])
	with as_user(gm):
		with pytest.raises(frappe.ValidationError, match="reason"):
			purchase_order(base.company, make_supplier(), lvyue_certification_override=1).insert()
		order = purchase_order(
			base.company,
			make_supplier(),
			lvyue_certification_override=1,
			lvyue_override_reason="急需扩容，运营商资质审核中",
		).insert()
	assert (order.lvyue_override_by, bool(order.lvyue_override_on)) == (gm, True)


def test_others_cannot_override(base):
	buyer = make_user(["Purchase Manager"])
	with as_user(buyer), pytest.raises(frappe.PermissionError):
		purchase_order(
			base.company, make_supplier(), lvyue_certification_override=1, lvyue_override_reason="x"
		).insert()


def test_a_supplier_is_certified_on_its_five_items(base):
	"""第三条 3-1: 公司情况、价格体系、产品类型、交货期、付款方式, each on record."""
	with as_user(make_user([R.OPERATIONS_SUPERVISOR])):
		for item in CERTIFICATION_ITEMS:
			given = {k: v for k, v in CERTIFICATION_ITEMS.items() if k != item}
			doc = frappe.get_doc(
				{
					"doctype": "Supplier Certification",
					"supplier": make_supplier(),
					"status": "Certified",
					**given,
				}
			)
			label = doc.meta.get_label(item)
			with pytest.raises(frappe.ValidationError, match=label.split(" (")[0]):
				doc.insert()
		# a supplier under review may be recorded with what is known so far
		assert frappe.get_doc(
			{"doctype": "Supplier Certification", "supplier": make_supplier(), "status": "Under Review"}
		).insert()


def test_only_operations_certifies(base):
	with as_user(make_user(["Purchase Manager", R.MARKETING_MANAGER])), pytest.raises(frappe.PermissionError):
		certify(make_supplier())
	with as_user(make_user([R.OPERATIONS_SUPERVISOR])):
		doc = frappe.get_doc(
			{
				"doctype": "Supplier Certification",
				"supplier": make_supplier(),
				"status": "Certified",
				**CERTIFICATION_ITEMS,
			}
		).insert()
	assert doc.valid_until and doc.reviewed_by


def price_list(supplier, valid_from, valid_to=None, price=400, submit=True, **fields):
	doc = frappe.get_doc(
		{
			"doctype": "Supplier Price List",
			"supplier": supplier,
			"currency": "CNY",
			"valid_from": valid_from,
			"valid_to": valid_to,
			"items": [
				{
					"item_code": ensure_item(),
					"specification": "SIP 中继线，30 路",
					"unit_price": price,
					"min_order_qty": 10,
					"lead_time_days": 7,
				}
			],
			**fields,
		}
	).insert()
	if submit:
		doc.submit()
	return doc


def test_submit_syncs_item_prices_and_cancel_removes_them(base):
	supplier = make_supplier()
	doc = price_list(supplier, "2026-11-01", "2026-12-31")
	prices = frappe.get_all(
		"Item Price",
		filters={"lvyue_supplier_price_list": doc.name},
		fields=[
			"item_code",
			"supplier",
			"price_list_rate",
			"price_list",
			"valid_from",
			"valid_upto",
			"buying",
		],
	)
	assert prices == [
		{
			"item_code": "LV-TRUNK",
			"supplier": supplier,
			"price_list_rate": 400,
			"price_list": "Standard Buying",
			"valid_from": date(2026, 11, 1),
			"valid_upto": date(2026, 12, 31),
			"buying": 1,
		}
	]
	doc.cancel()
	assert not frappe.get_all("Item Price", filters={"lvyue_supplier_price_list": doc.name})


@pytest.mark.parametrize(
	"fields,message",
	[
		({"valid_to": "2026-10-01"}, "cannot end before"),
		({"items": [{"item_code": "LV-TRUNK", "unit_price": 0}]}, "greater than zero"),
		(
			{
				"items": [
					{"item_code": "LV-TRUNK", "unit_price": 1},
					{"item_code": "LV-TRUNK", "unit_price": 2},
				]
			},
			"listed twice",
		),
	],
)
def test_bad_price_lists_are_refused(base, fields, message):
	ensure_item()
	with pytest.raises(frappe.ValidationError, match=message):
		price_list(make_supplier(), "2026-11-01", submit=False, **fields)


def test_current_price_is_the_newest_list_covering_the_day_and_the_lowest_is_marked(base):
	a, b, uncertified = make_supplier(), make_supplier(), make_supplier()
	for s in (a, b):
		certify(s)
	price_list(a, "2026-11-01", "2026-12-31", 400)
	price_list(a, "2026-12-01", None, 380)  # overlaps the first from December
	price_list(b, "2026-10-01", None, 390)
	price_list(uncertified, "2026-10-01", None, 100)

	def prices(on):
		return {
			p["supplier"]: (p["unit_price"], p["lowest"])
			for p in current_prices(on, "LV-TRUNK")
			if p["supplier"] in (a, b, uncertified)
		}

	assert prices("2026-11-15") == {a: (400, 0), b: (390, 1)}
	assert prices("2026-12-15") == {a: (380, 1), b: (390, 0)}


def test_old_price_lists_raise_a_refresh_reminder_once_a_week(base):
	supplier = make_supplier()
	certify(supplier)
	price_list(supplier, "2026-07-01")  # 90 days is the default age
	make_user([R.OPERATIONS_SUPERVISOR])
	assert supplier not in remind_stale_price_lists(today="2026-09-20")
	assert supplier in remind_stale_price_lists(today="2026-10-05")
	assert supplier not in remind_stale_price_lists(today="2026-10-07")
	assert supplier in remind_stale_price_lists(today="2026-10-13")
	frappe.cache.delete_value(f"lvyue_price_reminder::{supplier}")


SHEET_HEADER = ("物料", "规格", "单价", "起订量", "交期")


def test_price_sheet_import(base):
	ensure_item()
	doc = price_list(make_supplier(), "2026-11-01", submit=False)
	errors = doc.import_sheet(
		"prices.csv", csv_bytes([("LV-TRUNK", "SIP 60 路", "350.5", "20", "5")], "gbk", SHEET_HEADER)
	)
	assert errors == []
	assert [(r.item_code, r.unit_price, r.min_order_qty, r.lead_time_days) for r in doc.items] == [
		("LV-TRUNK", 350.5, 20, 5)
	]


@pytest.mark.parametrize(
	"rows,column,message",
	[
		([("NOPE", "", "1", "", "")], "item", "Unknown item"),
		([("LV-TRUNK", "", "1", "", ""), ("LV-TRUNK", "", "2", "", "")], "item", "appears twice"),
		([("LV-TRUNK", "", "0", "", "")], "unit_price", "greater than zero"),
		([("LV-TRUNK", "", "abc", "", "")], "unit_price", "greater than zero"),
		([("LV-TRUNK", "", "5", "-2", "")], "min_order_qty", "not a valid number"),
		([("LV-TRUNK", "", "5", "", "1.5")], "lead_time_days", "not a valid number"),
	],
)
def test_bad_price_sheets_change_nothing(base, rows, column, message):
	ensure_item()
	doc = price_list(make_supplier(), "2026-11-01", submit=False)
	errors = doc.import_sheet("prices.csv", csv_bytes(rows, "utf-8", SHEET_HEADER))
	assert any(e["column"] == column and message in e["message"] for e in errors), errors
	assert [r.unit_price for r in frappe.get_doc("Supplier Price List", doc.name).items] == [400]


def test_price_sheet_without_the_price_column(base):
	doc = price_list(make_supplier(), "2026-11-01", submit=False)
	errors = doc.import_sheet("prices.csv", csv_bytes([("LV-TRUNK",)], "utf-8", ("物料",)))
	assert "Missing columns: 单价" in errors[0]["message"]


def activated_order(company, numbers, activated_on):
	order = frappe.get_doc(
		{
			"doctype": "Business Order",
			"company": company,
			"customer": make_customer(),
			"order_type": "New Installation",
			"resources": [
				{"item_code": ensure_item(), "quantity": len(numbers), "resource_numbers": "\n".join(numbers)}
			],
		}
	).insert()
	order.db_set({"status": "Activated", "activated_on": activated_on})
	carry_out(order, activated_on)  # as the order's activation does: its lines in the register
	return order


def test_tariff_audit_lists_new_lines_and_carries_unchecked_ones_over(base):
	first_order = activated_order(base.company, ["02088880001", "02088880002"], "2026-11-10")
	audit = frappe.get_doc(
		{"doctype": "Tariff Audit", "company": base.company, "audit_date": "2026-11-25"}
	).insert()
	mine = [l for l in audit.lines if l.business_order == first_order.name]
	assert [l.trunk_line for l in mine] == ["02088880001", "02088880002"]
	assert str(audit.due) == "2026-11-25 12:00:00"
	mine[0].result = "Matches Tariff Rules"
	mine[1].result = "Discrepancy"
	with pytest.raises(frappe.ValidationError, match="describe the discrepancy"):
		audit.save()
	audit = frappe.get_doc("Tariff Audit", audit.name)
	next(l for l in audit.lines if l.trunk_line == "02088880001").result = "Matches Tariff Rules"
	audit.save()
	audit.complete()

	second_order = activated_order(base.company, ["02088880009"], "2026-11-27")
	month_end = frappe.get_doc(
		{"doctype": "Tariff Audit", "company": base.company, "audit_date": "2026-11-30"}
	).insert()
	lines = {
		l.trunk_line for l in month_end.lines if l.business_order in (first_order.name, second_order.name)
	}
	assert lines == {"02088880002", "02088880009"}  # the unchecked one stays; the checked one is done
	assert str(month_end.due) == "2026-11-30 12:00:00"


def test_tariff_audit_due_time_on_a_holiday(base):
	audit = frappe.get_doc(
		{"doctype": "Tariff Audit", "company": base.company, "audit_date": "2026-10-20"}
	).insert()
	assert str(audit.due) == "2026-10-23 12:00:00"  # Oct 25 2026 is a Sunday: brought forward


def test_low_carrier_balance_asks_customer_service_and_recharge_goes_to_approval(base):
	cs = make_user([R.CUSTOMER_SERVICE])
	account = frappe.get_doc(
		{
			"doctype": "Carrier Account",
			"carrier": make_supplier(),
			"account_no": frappe.generate_hash(length=8),
			"customer": make_customer(),
			"company": base.company,
			"balance": 300,
			"threshold": 1000,
		}
	).insert()
	assert account.low_balance == 1
	assert account.name in check_carrier_balances()
	assert account.name not in check_carrier_balances()
	assert frappe.db.exists("ToDo", {"reference_name": account.name, "allocated_to": cs, "status": "Open"})
	with as_user(make_user([R.MARKETING_MANAGER])), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Carrier Account", account.name).raise_recharge_request(5000)
	assistant = make_user([R.BUSINESS_ASSISTANT])
	with as_user(assistant), pytest.raises(frappe.ValidationError, match="after the customer's payment"):
		frappe.get_doc("Carrier Account", account.name).raise_recharge_request(5000)
	payment, other = paid(base.company, account.customer, 6000), paid(base.company, make_customer(), 9000)
	with as_user(assistant):
		for wrong, message in ((other, "not a payment received from"), (payment, "does not cover")):
			with pytest.raises(frappe.ValidationError, match=message):
				frappe.get_doc("Carrier Account", account.name).raise_recharge_request(
					7000, customer_payment=wrong
				)
		name = frappe.get_doc("Carrier Account", account.name).raise_recharge_request(
			5000, customer_payment=payment
		)
		with pytest.raises(frappe.ValidationError, match="already paid for recharge"):
			frappe.get_doc("Carrier Account", account.name).raise_recharge_request(
				500, customer_payment=payment
			)
	request = frappe.get_doc("Purchase Request", name)
	# urgent only when the Business Assistant says so: only then may another leader approve it
	assert (request.urgent, request.items[0].expected_price, request.workflow_state) == (0, 5000, "Draft")
	assert (request.customer_payment, request.before_customer_payment) == (payment, 0)


def paid(company: str, customer: str, amount: float) -> str:
	"""The customer's payment of a bill of `amount` (a submitted Payment Entry received)."""
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry

	from lvyue_ops.tests.test_receivables import make_bill

	entry = get_payment_entry("Sales Invoice", make_bill(company, customer, amount).name)
	entry.update({"reference_no": "BANK-2", "reference_date": "2026-11-18"})
	entry.insert()
	entry.submit()
	return entry.name


def test_an_urgent_recharge_before_the_customer_pays_is_the_general_managers_own(base):
	"""客户汇款后, unless urgent with the General Manager: no leader approves it on their behalf."""
	from lvyue_ops.tests.approval_helpers import act

	account = frappe.get_doc(
		{
			"doctype": "Carrier Account",
			"carrier": make_supplier(),
			"account_no": frappe.generate_hash(length=8),
			"customer": make_customer(),
			"company": base.company,
			"balance": 100,
			"threshold": 1000,
		}
	).insert()
	assistant = make_user([R.BUSINESS_ASSISTANT])
	with as_user(assistant):
		name = frappe.get_doc("Carrier Account", account.name).raise_recharge_request(3000, urgent=1)
	request = frappe.get_doc("Purchase Request", name)
	assert (request.urgent, request.before_customer_payment, request.customer_payment) == (1, 1, None)
	request = act(request, assistant, "Submit for Approval")
	with pytest.raises(frappe.PermissionError):
		act(request, make_user([R.OPERATIONS_SUPERVISOR]), "Approve on Behalf of General Manager")
	request = act(request, make_user([R.GENERAL_MANAGER]), "Approve")
	assert (request.workflow_state, request.docstatus) == ("Approved", 1)
