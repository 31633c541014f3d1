"""A portal user completes a document upload, and a department head approves a step in desk,
both in a real headless Chromium against the served test site."""

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.tests.approval_helpers import act, make_project_approval
from lvyue_ops.tests.browser import browser_page, login, screenshot
from lvyue_ops.tests.factories import make_customer, make_portal_user, make_user, unique_pdf

pytestmark = pytest.mark.browser
PASSWORD = "Browser-test-2026"


def test_portal_user_uploads_a_document(site_url, committed, tmp_path):
	customer = make_customer(f"浏览器测试客户 {frappe.generate_hash(length=6)}")
	user = make_portal_user(customer, password=PASSWORD)
	contact = frappe.get_all("Contact", filters={"user": user}, pluck="name")[0]
	committed += [
		("Customer", customer),
		("User", user),
		("Contact", contact),
		("Customer Qualification", customer),
	]
	frappe.db.commit()

	licence = tmp_path / "营业执照.pdf"
	licence.write_bytes(unique_pdf())
	with browser_page(site_url) as page:
		login(page, user, PASSWORD)
		page.goto("/qualification")
		row = page.locator('tr[data-document-type="Business Licence"]')
		assert row.locator(".lvyue-status").get_attribute("data-status") == "Missing"
		row.locator('input[type="file"]').set_input_files(str(licence))
		with page.expect_navigation():
			row.locator('button[type="submit"]').click()
		row = page.locator('tr[data-document-type="Business Licence"]')
		assert row.locator(".lvyue-status").get_attribute("data-status") == "Pending Review"
		screenshot(page, "portal-qualification")

		# a wrong file type is refused with a Chinese message in the row the customer uploads in,
		# and nothing changes
		bad = tmp_path / "合同.docx"
		bad.write_bytes(b"PK\x03\x04 not allowed")
		other = page.locator('tr[data-document-type="Operator ID"]')
		other.locator('input[type="file"]').set_input_files(str(bad))
		other.locator('button[type="submit"]').click()
		error = other.locator(".lvyue-message.alert-danger")
		error.wait_for()
		assert "只能上传" in error.inner_text()

	frappe.db.rollback()
	for f in frappe.get_all("File", filters={"attached_to_name": customer}, pluck="name"):
		committed.append(("File", f))
	status = frappe.db.get_value(
		"Customer Qualification Document", {"parent": customer, "document_type": "Business Licence"}, "status"
	)
	assert status == "Pending Review"
	assert (
		frappe.db.get_value(
			"Customer Qualification Document", {"parent": customer, "document_type": "Operator ID"}, "status"
		)
		== "Missing"
	)


def test_marketing_manager_approves_a_step_in_desk(site_url, base, committed):
	sales = make_user([R.SALES_USER], password=PASSWORD)
	manager = make_user([R.MARKETING_MANAGER], password=PASSWORD, user_type="System User")
	doc = make_project_approval(base.company, sales)
	doc = act(doc, sales, "Submit for Approval")
	committed += [
		("User", sales),
		("User", manager),
		("Customer", doc.customer),
		("Project Approval", doc.name),
	]
	committed += [
		("Approval Step", s)
		for s in frappe.get_all("Approval Step", filters={"reference_name": doc.name}, pluck="name")
	]
	frappe.db.commit()

	with browser_page(site_url) as page:
		login(page, manager, PASSWORD)
		page.goto(f"/app/project-approval/{doc.name}")
		page.wait_for_selector(".form-page")
		actions = page.locator(".page-actions .actions-btn-group button.btn-primary:visible").first
		actions.click()
		page.locator(".page-actions .dropdown-menu.show .dropdown-item", has_text="同意").click()
		page.wait_for_function(
			"() => cur_frm && cur_frm.doc.workflow_state === 'Pending Operations Supervisor'"
		)
		screenshot(page, "desk-project-approval")

	frappe.db.rollback()
	assert (
		frappe.db.get_value("Project Approval", doc.name, "workflow_state") == "Pending Operations Supervisor"
	)
	step = frappe.get_all(
		"Approval Step",
		filters={"reference_name": doc.name, "status": "Completed"},
		fields=["action", "action_by"],
	)
	assert step == [{"action": "Approve", "action_by": manager}]
	committed += [
		("Approval Step", s)
		for s in frappe.get_all("Approval Step", filters={"reference_name": doc.name}, pluck="name")
	]
