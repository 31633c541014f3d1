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

PAGES = {"/bills": "我的账单", "/usage": "用量趋势", "/lines": "线路与号码", "/qualification": "资质"}


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
