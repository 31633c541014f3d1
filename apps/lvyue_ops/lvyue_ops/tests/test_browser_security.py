"""Stored script stays text, in a real headless Chromium (security review H2, H5): a file the
customer names `<img src=x onerror=alert(1)>.pdf` and a supplier's price sheet with that cell reach
the desk of the person who reviews them, and nothing runs."""

import frappe
import pytest
from frappe.utils import nowdate

from lvyue_ops import roles as R
from lvyue_ops.tests.approval_helpers import ensure_item
from lvyue_ops.tests.billing_helpers import attach
from lvyue_ops.tests.browser import browser_page, login, screenshot
from lvyue_ops.tests.factories import make_customer, make_portal_user, make_supplier, make_user, unique_pdf
from lvyue_ops.tests.test_browser import PASSWORD

pytestmark = pytest.mark.browser
SCRIPT = "<img src=x onerror=alert(1)>"


def watch_dialogs(page) -> list[str]:
	"""Every alert() the page opens (there must be none)."""
	opened = []
	page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
	return opened


def test_H2_a_script_in_a_file_name_stays_text(site_url, committed, tmp_path):
	customer = make_customer()
	portal = make_portal_user(customer, password=PASSWORD)
	assistant = make_user([R.BUSINESS_ASSISTANT], password=PASSWORD, user_type="System User")
	committed += [("Contact", c) for c in frappe.get_all("Contact", filters={"user": portal}, pluck="name")]
	committed += [("User", portal), ("User", assistant), ("Customer", customer)]
	frappe.db.commit()
	named = tmp_path / f"{SCRIPT}.pdf"
	named.write_bytes(unique_pdf())

	with browser_page(site_url) as page:
		alerts = watch_dialogs(page)
		login(page, portal, PASSWORD)
		page.goto("/qualification")
		row = page.locator('tr[data-document-type="Operator ID"]')
		row.locator('input[type="file"]').set_input_files(str(named))
		with page.expect_navigation():
			row.locator('button[type="submit"]').click()
		page.context.clear_cookies()

		login(page, assistant, PASSWORD)
		page.goto(f"/app/customer-qualification/{customer}")
		grid = page.locator('.frappe-control[data-fieldname="documents"]')
		grid.locator(".grid-row").first.wait_for()
		page.wait_for_timeout(1000)  # let every formatter run
		screenshot(page, "security-h2-review-grid")
		assert alerts == []
		assert grid.locator("img[onerror], img[src='x']").count() == 0
		assert "operator_id-" in grid.inner_text()

	frappe.db.rollback()
	committed += [
		("File", f) for f in frappe.get_all("File", filters={"attached_to_name": customer}, pluck="name")
	]
	committed.append(("Customer Qualification", customer))


def test_H5_a_script_in_a_price_sheet_stays_text(site_url, committed):
	from lvyue_ops.tests.test_procurement import certify

	ops = make_user([R.OPERATIONS_SUPERVISOR], password=PASSWORD, user_type="System User")
	supplier = make_supplier()
	certification = certify(supplier)
	price_list = frappe.get_doc(
		{
			"doctype": "Supplier Price List",
			"supplier": supplier,
			"currency": "CNY",
			"valid_from": nowdate(),
			"items": [{"item_code": ensure_item(), "unit_price": 1}],
		}
	).insert()
	price_list.db_set("price_sheet", attach(price_list, "报价单.csv", f"item,price\n{SCRIPT},1\n".encode()))
	committed += [("User", ops), ("Supplier", supplier), ("Supplier Certification", certification.name)]
	committed += [("Supplier Price List", price_list.name)]
	committed += [
		("File", f)
		for f in frappe.get_all("File", filters={"attached_to_name": price_list.name}, pluck="name")
	]
	frappe.db.commit()

	with browser_page(site_url) as page:
		alerts = watch_dialogs(page)
		login(page, ops, PASSWORD)
		page.goto(f"/app/supplier-price-list/{price_list.name}")
		page.wait_for_selector(".form-page")
		page.locator(".page-head .custom-actions button:visible", has_text="导入报价单").first.click()
		message = page.locator(".modal.show .msgprint")
		message.wait_for()
		page.wait_for_timeout(500)
		screenshot(page, "security-h5-price-sheet")
		assert alerts == []
		assert message.locator("img[onerror], img[src='x']").count() == 0
		assert SCRIPT in message.inner_text()  # shown as the text the supplier wrote
