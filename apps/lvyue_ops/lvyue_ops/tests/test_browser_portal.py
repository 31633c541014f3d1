"""The customer's portal on a phone (issue 22): a portal user opens each of its pages at 390 px and
reads it without the page scrolling sideways (wide tables scroll inside their own box), in Chinese,
with the telecom customer's menu."""

import frappe
import pytest

from lvyue_ops.tests.browser import PHONE, browser_page, login, screenshot
from lvyue_ops.tests.factories import make_customer, make_portal_user
from lvyue_ops.tests.test_browser import PASSWORD
from lvyue_ops.tests.utils import english_in

pytestmark = pytest.mark.browser

PAGES = {
	"/bills": "我的账单",
	"/usage": "用量趋势",
	"/lines": "线路与号码",
	"/invoice-requests": "发票申请",
	"/complaints": "投诉",
	"/qualification": "资质",
}


def test_the_portal_reads_on_a_phone(site_url, committed):
	customer = make_customer(f"手机客户 {frappe.generate_hash(length=6)}")
	user = make_portal_user(customer, password=PASSWORD)
	committed += [("Customer", customer), ("User", user), ("Customer Qualification", customer)]
	committed += [("Contact", c) for c in frappe.get_all("Contact", filters={"user": user}, pluck="name")]
	frappe.db.commit()

	with browser_page(site_url, viewport=PHONE) as page:
		login(page, user, PASSWORD)
		for route, title in PAGES.items():
			page.goto(route)
			page.locator("h1", has_text=title).wait_for()
			overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
			assert overflow <= 1, (route, overflow)
			assert not english_in(page.locator("main, .page-content-wrapper").first.inner_text()), route
			screenshot(page, f"portal-phone{route.replace('/', '-')}")


def in_view(page, locator) -> bool:
	box = locator.bounding_box()
	return bool(box) and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


def test_a_complaint_is_written_on_a_phone_and_a_mistake_is_told_where_the_customer_looks(
	site_url, committed
):
	from lvyue_ops.customer_service.satisfaction import default_company
	from lvyue_ops.tests.test_receivables import make_bill

	customer = make_customer(f"投诉客户 {frappe.generate_hash(length=6)}")
	user = make_portal_user(customer, password=PASSWORD)
	bill = make_bill(default_company() or frappe.get_all("Company", pluck="name")[0], customer, 120)
	committed += [("Customer", customer), ("User", user), ("Customer Qualification", customer)]
	committed += [("Contact", c) for c in frappe.get_all("Contact", filters={"user": user}, pluck="name")]
	frappe.db.commit()

	with browser_page(site_url, viewport=PHONE) as page:
		login(page, user, PASSWORD)
		page.goto("/complaints")
		form = page.locator("form.lvyue-complaint")
		form.locator("button[type=submit]").click()
		error = form.locator(".lvyue-message.alert-danger")
		error.wait_for()
		assert "请填写投诉内容" in error.inner_text() and in_view(page, error)
		form.locator("textarea").fill("400 号码今天上午无法接通")
		with page.expect_navigation():
			form.locator("button[type=submit]").click()
		row = page.locator("table.lvyue-complaints tbody tr").first
		assert "400 号码今天上午无法接通" in row.inner_text() and row.get_attribute("data-status") == "Open"
		screenshot(page, "portal-phone-complaint-filed")

		page.goto("/issues/new")
		page.locator("[data-fieldname=lvyue_category]").first.wait_for()
		assert "请求类别" in page.locator("main, .page-content-wrapper").first.inner_text()
		screenshot(page, "portal-phone-service-request")

	frappe.db.rollback()
	committed += [
		("Complaint Register", c)
		for c in frappe.get_all("Complaint Register", filters={"customer": customer}, pluck="name")
	]
	frappe.get_doc("Sales Invoice", bill.name).cancel()
	frappe.db.commit()
