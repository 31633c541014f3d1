"""The bill as a Chinese customer reads it: the amount in 大写 (one helper for every print format)
and the month billed."""

import frappe
import pytest

from lvyue_ops.utils.money import amount_in_chinese


@pytest.mark.parametrize(
	"amount, words",
	[
		(0, "人民币零元整"),
		(0.05, "人民币伍分"),
		(10.00, "人民币壹拾元整"),
		(10.05, "人民币壹拾元零伍分"),
		(0.3, "人民币叁角"),
		(1001, "人民币壹仟零壹元整"),
		(2232, "人民币贰仟贰佰叁拾贰元整"),
		(100_010.30, "人民币壹拾万零壹拾元叁角"),
		(100_000_001, "人民币壹亿零壹元整"),
		(1_234_567.89, "人民币壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"),
		(1_000_000_000.00, "人民币壹拾亿元整"),
		(-2232, "人民币负贰仟贰佰叁拾贰元整"),
		(-0.004, "人民币零元整"),  # rounds to nothing: no sign
		(0.005, "人民币壹分"),  # half up
	],
)
def test_amounts_in_chinese_capitals(amount, words):
	assert amount_in_chinese(amount) == words


def test_the_bill_states_its_month_and_its_amount_in_chinese_capitals(base):
	from lvyue_ops.tests.factories import make_customer
	from lvyue_ops.tests.test_receivables import make_bill

	bill = make_bill(base.company, make_customer(), 2232, due="2026-12-20", posting="2026-12-05")
	run = frappe.get_doc({"doctype": "Billing Run", "company": base.company, "period": "2026-11-01"}).insert()
	bill.db_set("lvyue_billing_run", run.name)
	frappe.local.lang = "zh"
	try:
		html = frappe.get_print("Sales Invoice", bill.name, print_format="Lvyue Bill")
	finally:
		frappe.local.lang = "en"
	assert "2026年11月" in html
	assert "人民币贰仟贰佰叁拾贰元整" in html
	assert "Two Thousand" not in html
