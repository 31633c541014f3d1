"""Work arrives (issue 21), in a real Chromium against the served test site: each approver of the
Project Approval chain, holding only their role, lands on their own workspace with the step first
in what waits for them, finds it in their notifications, opens the document from it and approves; the requester reads the outcome there; a rejection asks for its
reason in the dialog that rejects. Every text is Chinese.

Data is committed (the server is another process) and removed after each test."""

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.tests.approval_helpers import act, make_project_approval
from lvyue_ops.tests.browser import browser_page, login, screenshot
from lvyue_ops.tests.factories import make_user
from lvyue_ops.tests.server import run_worker, wait_until
from lvyue_ops.tests.test_browser import PASSWORD
from lvyue_ops.tests.utils import CJK, english_in

pytestmark = pytest.mark.browser

CHAIN = (
	(R.MARKETING_MANAGER, "Pending Operations Supervisor"),
	(R.OPERATIONS_SUPERVISOR, "Pending Finance Supervisor"),
	(R.FINANCE_SUPERVISOR, "Pending General Manager"),
	(R.GENERAL_MANAGER, "Approved"),
)


def desk_user(role: str, company: str | None = None) -> str:
	user = make_user([role], password=PASSWORD, user_type="System User")
	if company:  # the figures of their landing workspace are their company's
		frappe.defaults.set_user_default("Company", company, user)
	return user


def submitted_approval(base, committed, users: list[str]):
	sales = make_user([R.SALES_USER], password=PASSWORD, user_type="System User")
	doc = act(make_project_approval(base.company, sales), sales, "Submit for Approval")
	committed += [("User", u) for u in (sales, *users)]
	committed += [("Customer", doc.customer), ("Project Approval", doc.name)]
	frappe.db.commit()
	return sales, doc


def forget(committed, doc):
	"""The steps, ToDos and notifications the chain made, removed with the document."""
	for doctype, field in (
		("Approval Step", "reference_name"),
		("ToDo", "reference_name"),
		("Notification Log", "document_name"),
	):
		committed += [(doctype, n) for n in frappe.get_all(doctype, filters={field: doc.name}, pluck="name")]


def notified(doc, user: str) -> bool:
	frappe.db.rollback()  # read what the server and the worker committed since
	return bool(frappe.db.exists("Notification Log", {"document_name": doc.name, "for_user": user}))


def open_from_notification(page, name: str) -> str:
	"""Open the bell's list and follow the notification of the document; returns what it said."""
	page.locator(".navbar .notifications-icon:visible").first.click()
	item = page.locator(f'.notification-item[href*="{name}"]').first
	text = item.inner_text()
	item.click()
	page.wait_for_function(f"() => window.cur_frm && cur_frm.doc.name === '{name}'")
	return text


def take_action(page, label: str):
	"""The form's 操作 menu (frappe's workflow actions)."""
	page.locator(".page-actions .actions-btn-group button.btn-primary:visible").first.click()
	page.locator(".page-actions .dropdown-menu.show .dropdown-item", has_text=label).click()


def test_each_approver_finds_the_step_in_their_notifications(site_url, base, committed):
	approvers = {role: desk_user(role, base.company) for role, _next in CHAIN}
	sales, doc = submitted_approval(base, committed, list(approvers.values()))
	try:
		# the server queues notifications for a worker, as in production
		with run_worker(frappe.local.sites_path, queue="default") as worker:
			for role, next_state in CHAIN:
				wait_until(lambda role=role: notified(doc, approvers[role]), worker, "the notification")
				with browser_page(site_url) as page:
					login(page, approvers[role], PASSWORD)
					# they land on their own workspace, what waits for them first
					page.locator(".lvyue-my-work-row", has_text=doc.name).wait_for()
					screenshot(page, f"landing-{frappe.scrub(role)}")
					told = open_from_notification(page, doc.name)
					assert CJK.search(told) and not english_in(told), told
					take_action(page, "同意")
					page.wait_for_function(f"() => cur_frm.doc.workflow_state === '{next_state}'")
					screenshot(page, f"work-arrives-{frappe.scrub(role)}")
			wait_until(lambda: notified(doc, sales), worker, "the requester's notification")
		with browser_page(site_url) as page:
			login(page, sales, PASSWORD)
			told = open_from_notification(page, doc.name)
			assert "已审批通过" in told, told
	finally:
		frappe.db.rollback()
		forget(committed, doc)
	assert frappe.db.get_value("Project Approval", doc.name, "workflow_state") == "Approved"
	steps = frappe.get_all(
		"Approval Step", filters={"reference_name": doc.name}, order_by="started_at", pluck="action_by"
	)
	assert steps == [approvers[role] for role, _next in CHAIN]


def test_the_rejecting_dialog_asks_for_the_reason(site_url, base, committed):
	manager = desk_user(R.MARKETING_MANAGER)
	_sales, doc = submitted_approval(base, committed, [manager])
	try:
		with browser_page(site_url) as page:
			login(page, manager, PASSWORD)
			page.goto(f"/app/project-approval/{doc.name}")
			page.wait_for_function(f"() => window.cur_frm && cur_frm.doc.name === '{doc.name}'")
			take_action(page, "拒绝")
			dialog = page.locator(".modal.show")
			dialog.locator("textarea[data-fieldname='reason']").fill("单价低于公司底价")
			dialog.locator(".btn-primary", has_text="拒绝").click()
			page.wait_for_function("() => cur_frm.doc.workflow_state === 'Rejected'")
			screenshot(page, "work-arrives-rejected")
	finally:
		frappe.db.rollback()
		forget(committed, doc)
	assert frappe.db.get_value("Project Approval", doc.name, "rejection_reason") == "单价低于公司底价"


def test_the_list_rejects_the_selected_with_the_reason_it_asks(site_url, base, committed):
	manager = desk_user(R.MARKETING_MANAGER)
	_sales, doc = submitted_approval(base, committed, [manager])
	try:
		with browser_page(site_url) as page:
			login(page, manager, PASSWORD)
			page.goto("/app/project-approval?workflow_state=Pending%20Marketing%20Manager")
			row = page.locator(f".list-row-container:has(a[data-name='{doc.name}'])")
			row.locator("input.list-row-checkbox").check()
			page.locator(".actions-btn-group button", has_text="操作").click()
			page.locator(".actions-btn-group .dropdown-item", has_text="驳回（填写原因）").click()
			dialog = page.locator(".modal.show")
			dialog.locator("textarea[data-fieldname='reason']").fill("本季度暂停立项")
			dialog.locator(".btn-primary", has_text="拒绝").click()
			page.locator(".modal.show .msgprint", has_text="已驳回 1 份").wait_for()
			screenshot(page, "work-arrives-list-rejected")
	finally:
		frappe.db.rollback()
		forget(committed, doc)
	assert frappe.db.get_value("Project Approval", doc.name, ["workflow_state", "rejection_reason"]) == (
		"Rejected",
		"本季度暂停立项",
	)
