"""Several companies on one site (issue 14): each runs on its own calendar with its own settings
(Lvyue Company Settings), the rules on ERPNext's documents apply where a company chose them, and a
user whom a User Permission keeps to one company sees only that company — in lists and in the
app's reports."""

from datetime import date

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.lvyue_ops.doctype.lvyue_company_settings.lvyue_company_settings import company_setting
from lvyue_ops.ops_calendar.ops_calendar import due_date
from lvyue_ops.tests.factories import make_user, second_company
from lvyue_ops.tests.utils import as_user


@pytest.fixture
def two(base):
	return frappe._dict(first=base.company, second=second_company().company)


def test_each_company_keeps_its_own_calendar(two):
	"""Customer Bills on the 5th, postponed past a holiday: 国庆 is Oct 1-7 for the first company,
	Oct 1-3 for the second, so their October bills are dated three days apart."""
	assert due_date("Customer Bills", 2026, 10, two.first).date() == date(2026, 10, 8)
	assert due_date("Customer Bills", 2026, 10, two.second).date() == date(2026, 10, 5)
	for company, expected in ((two.first, date(2026, 10, 8)), (two.second, date(2026, 10, 5))):
		run = frappe.get_doc({"doctype": "Billing Run", "company": company, "period": "2026-09-01"}).insert()
		assert run.posting_date == expected


def test_settings_are_each_companys_own(two):
	settings = frappe.get_doc("Lvyue Company Settings", two.first)
	settings.low_balance_threshold = 100
	settings.save()
	assert company_setting(two.first, "low_balance_threshold") == 100
	default = frappe.db.get_single_value("Lvyue Ops Settings", "low_balance_threshold")
	assert company_setting(two.second, "low_balance_threshold") == default  # none of its own
	account = frappe.db.get_value("Account", {"company": two.first, "is_group": 0, "root_type": "Liability"})
	other = frappe.get_doc(
		{"doctype": "Lvyue Company Settings", "company": two.second, "deposit_account": account}
	)
	with pytest.raises(frappe.ValidationError, match="does not belong"):
		other.insert()


def test_finance_sets_the_deposit_accounts_and_operations_the_rest(two):
	"""Security review L4: the GL accounts receipts are posted to are Finance's to set."""
	account = frappe.db.get_value("Account", {"company": two.first, "is_group": 0, "root_type": "Liability"})
	with as_user(make_user([R.OPERATIONS_SUPERVISOR])):
		doc = frappe.get_doc("Lvyue Company Settings", two.first)
		doc.update({"low_balance_threshold": 300, "deposit_account": account})
		doc.save()
	stored = frappe.db.get_value(
		"Lvyue Company Settings", two.first, ["low_balance_threshold", "deposit_account"]
	)
	assert stored == (300, None)  # frappe keeps the fields of a level the user may not write
	with as_user(make_user([R.FINANCE_SUPERVISOR])):
		doc = frappe.get_doc("Lvyue Company Settings", two.first)
		doc.deposit_account = account
		doc.save()
	assert frappe.db.get_value("Lvyue Company Settings", two.first, "deposit_account") == account


def test_a_user_kept_to_one_company_sees_only_it(two):
	from lvyue_ops.ops_calendar.report.ops_calendar.ops_calendar import execute as ops_calendar
	from lvyue_ops.receivables.report.business_line_collection.business_line_collection import (
		execute as business_lines,
	)

	ops = make_user([R.OPERATIONS_SUPERVISOR, R.FINANCE_SUPERVISOR])
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": ops,
			"allow": "Company",
			"for_value": two.first,
			"is_default": 1,
		}
	).insert()
	runs = {
		company: frappe.get_doc({"doctype": "Billing Run", "company": company, "period": "2026-08-01"})
		.insert()
		.name
		for company in (two.first, two.second)
	}
	with as_user(ops):
		seen = set(frappe.get_list("Billing Run", pluck="name"))
		assert runs[two.first] in seen and runs[two.second] not in seen
		with pytest.raises(frappe.PermissionError):
			ops_calendar({"company": two.second, "from_month": "2026-10-01"})
		assert ops_calendar({"from_month": "2026-10-01"})[1]  # their own company, by default
		with pytest.raises(frappe.PermissionError):
			business_lines({"company": two.second, "month": "2026-09-01"})
		business_lines({"month": "2026-09-01"})  # every company they may see: the first only
