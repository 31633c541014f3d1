"""Issue 23's new forms as their people use them, in a real Chromium against the served test site,
each user holding only their role and reading Chinese: a tariff goes from Operations to Finance and
the General Manager, each finding it among what waits for them; a service review's improvement
reaches its owner, who says it is done.

Data is committed (the server is another process) and removed after each test."""

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.tests.approval_helpers import act
from lvyue_ops.tests.browser import browser_page, login, screenshot
from lvyue_ops.tests.test_browser import PASSWORD
from lvyue_ops.tests.test_browser_work_arrives import desk_user, take_action
from lvyue_ops.tests.test_rules_c import item_group, item_in
from lvyue_ops.tests.utils import as_user, english_in

pytestmark = pytest.mark.browser

FORM = ".form-page:visible"
# frappe's own screen-reader status of a Link input (visually hidden, not the app's)
SCREEN_READER = "Begin typing for results."


def form_text(page) -> str:
	return page.locator(FORM).first.inner_text().replace(SCREEN_READER, "")


def open_form(page, doctype: str, name: str):
	page.goto(f"/app/{frappe.scrub(doctype).replace('_', '-')}/{name}")
	page.wait_for_function(f"() => window.cur_frm && cur_frm.doc.name === '{name}'")


def forget(committed, doctype: str, name: str):
	for related, field in (
		("Approval Step", "reference_name"),
		("ToDo", "reference_name"),
		("Notification Log", "document_name"),
	):
		committed += [(related, n) for n in frappe.get_all(related, filters={field: name}, pluck="name")]
	committed.append((doctype, name))


def test_a_tariff_reaches_finance_then_the_general_manager(site_url, base, committed):
	ops, finance, gm = (
		desk_user(role, base.company)
		for role in (R.OPERATIONS_SUPERVISOR, R.FINANCE_SUPERVISOR, R.GENERAL_MANAGER)
	)
	group = item_group("中继线")
	item = item_in(group)
	committed += [("User", u) for u in (ops, finance, gm)] + [("Item Group", group), ("Item", item)]
	with as_user(ops):
		doc = frappe.get_doc(
			{
				"doctype": "Tariff",
				"company": base.company,
				"item_code": item,
				"monthly_fee": 300,
				"per_minute_rate": 0.08,
				"valid_from": "2027-01-01",
				"review_by": "2027-07-01",
				"basis": "参照三大运营商 2027 年资费",
			}
		).insert()
	doc = act(doc, ops, "Submit for Approval")
	frappe.db.commit()
	try:
		for user, next_state, shot in (
			(finance, "Pending General Manager", "tariff-finance"),
			(gm, "Approved", "tariff-general-manager"),
		):
			with browser_page(site_url) as page:
				login(page, user, PASSWORD)
				page.locator(".lvyue-my-work-row", has_text=doc.name).first.wait_for()  # it waits for them
				open_form(page, "Tariff", doc.name)
				text = form_text(page)
				assert "每分钟费率" in text and "定价依据" in text and not english_in(text), english_in(text)
				take_action(page, "同意")
				page.wait_for_function(f"() => cur_frm.doc.workflow_state === '{next_state}'")
				screenshot(page, shot)
	finally:
		frappe.db.rollback()
		forget(committed, "Tariff", doc.name)
	assert frappe.db.get_value("Tariff", doc.name, ["docstatus", "workflow_state"]) == (1, "Approved")


def test_a_service_improvement_reaches_its_owner_who_says_it_is_done(site_url, base, committed):
	ops, cs = desk_user(R.OPERATIONS_SUPERVISOR, base.company), desk_user(R.CUSTOMER_SERVICE, base.company)
	committed += [("User", ops), ("User", cs)]
	with as_user(ops):
		review = frappe.get_doc(
			{
				"doctype": "Service Review",
				"company": base.company,
				"period_from": "2026-11-01",
				"period_to": "2026-11-30",
				"findings": "故障回复客户不及时",
				"actions": [
					{"action": "故障处理每 4 小时回复客户一次", "owner_user": cs, "due_date": "2026-12-31"}
				],
			}
		).insert()
		review.conclude()
	frappe.db.commit()
	try:
		with browser_page(site_url) as page:
			login(page, cs, PASSWORD)
			row = page.locator(".lvyue-my-work-row", has_text="服务改进").first
			row.wait_for()
			open_form(page, "Service Review", review.name)
			text = form_text(page)
			assert "改进计划" in text and not english_in(text), english_in(text)
			page.locator(".inner-group-button button", has_text="改进已完成").click()
			page.locator(".inner-group-button .dropdown-item", has_text="故障处理").click()
			page.wait_for_function("() => (cur_frm.doc.actions || [])[0] && cur_frm.doc.actions[0].done_on")
			screenshot(page, "service-improvement-done")
	finally:
		frappe.db.rollback()
		forget(committed, "Service Review", review.name)
	assert frappe.db.get_value("Service Improvement Action", {"parent": review.name}, "done_on")
