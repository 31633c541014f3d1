"""Each department's person, holding only their own role, does one step of theirs in desk, in a
real headless Chromium against the served test site (运营部管理规定 第四章):

- the 客服专员 turns a customer's business need (an Issue) into a 受理单 (Business Order);
- the 商务助理 starts the month's billing run and watches a real `bench worker` bill it;
- the 运营部主管 hands the salespeople's revenue to HR;
- the 总经理 confirms an urgent purchase approved on their behalf;
- the 运营部主管 and the 总经理 open the home workspace and see its figures (KPI cards, charts).

Data is committed (the server and the worker are other processes) and removed after each test."""

from datetime import date
from urllib.parse import quote

import frappe
import pytest
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, nowdate
from frappe.utils.nestedset import get_root_of

from lvyue_ops import roles as R
from lvyue_ops.tests.approval_helpers import ensure_item
from lvyue_ops.tests.billing_helpers import vos_customer
from lvyue_ops.tests.browser import browser_page, login, screenshot
from lvyue_ops.tests.factories import make_customer, make_user
from lvyue_ops.tests.server import run_worker
from lvyue_ops.tests.test_browser import PASSWORD
from lvyue_ops.tests.utils import as_user

pytestmark = pytest.mark.browser


def desk_user(role: str) -> str:
	return make_user([role], password=PASSWORD, user_type="System User")


def click_button(page, label: str, group: str | None = None):
	"""A form's custom button (in its group's dropdown when it has one), as a person clicks it."""
	actions = page.locator(".page-head .page-actions .custom-actions")
	if group:
		menu = actions.locator(f'.inner-group-button[data-label="{quote(group, safe="")}"]')
		menu.locator("button").click()
		menu.locator(".dropdown-item", has_text=label).click()
	else:
		actions.locator("button:visible", has_text=label).first.click()


def test_customer_service_turns_a_business_need_into_a_business_order(site_url, base, committed):
	cs, sales = desk_user(R.CUSTOMER_SERVICE), make_user([R.SALES_USER])
	customer = make_customer()
	issue = frappe.get_doc(
		{
			"doctype": "Issue",
			"subject": "客户新增 10 条中继",
			"customer": customer,
			"company": base.company,
			"lvyue_category": "Business Need",
			"lvyue_channel": "Phone",
			"lvyue_sales_user": sales,
			"lvyue_salesperson_confirmed": 1,
		}
	).insert()
	ensure_item()
	committed += [("User", cs), ("User", sales), ("Customer", customer), ("Issue", issue.name)]
	frappe.db.commit()

	with browser_page(site_url) as page:
		login(page, cs, PASSWORD)
		page.goto(f"/app/issue/{issue.name}")
		page.wait_for_selector(".form-page")
		click_button(page, "业务受理单", group="创建")
		page.wait_for_function("() => cur_frm && cur_frm.doctype === 'Business Order' && cur_frm.is_new()")
		page.evaluate(
			"""() => {
				const row = cur_frm.add_child("resources", {item_code: "LV-TRUNK", quantity: 10});
				cur_frm.refresh_field("resources");
				return cur_frm.save();
			}"""
		)
		page.wait_for_function("() => cur_frm && !cur_frm.is_new() && cur_frm.doc.issue")
		screenshot(page, "journey-cs-issue-to-business-order")

	frappe.db.rollback()
	order = frappe.get_all(
		"Business Order", filters={"issue": issue.name}, fields=["name", "customer", "owner", "status"]
	)
	committed.append(("Business Order", order[0].name))
	assert order[0].customer == customer and order[0].owner == cs and order[0].status == "Draft"


def test_business_assistant_starts_the_billing_run_and_sees_it_billed(site_url, base, committed):
	"""The run posts as the system: the Business Assistant holds no accounting role."""
	from lvyue_ops.billing.billing import ensure_usage_item

	ba = desk_user(R.BUSINESS_ASSISTANT)
	period = date(2026, 3, 1)
	customers = []
	for i in range(3):
		customer, account = vos_customer()
		customers.append(customer)
		frappe.get_doc(
			{
				"doctype": "Usage Statement",
				"company": base.company,
				"customer": customer,
				"vos_account": account,
				"period": period,
				"calls": 10 + i,
				"minutes": 30,
				"amount": 45.5 + i,
			}
		).insert(ignore_permissions=True)
	ensure_usage_item()
	run = frappe.get_doc({"doctype": "Billing Run", "company": base.company, "period": period}).insert()
	committed += [("User", ba), ("Billing Run", run.name)]
	frappe.db.commit()

	try:
		with run_worker(frappe.local.sites_path), browser_page(site_url) as page:
			login(page, ba, PASSWORD)
			page.goto(f"/app/billing-run/{run.name}")
			page.wait_for_selector(".form-page")
			click_button(page, "开始出账")
			page.wait_for_selector(".form-dashboard .progress")  # the shards' progress while it bills
			page.wait_for_function(
				"() => cur_frm && cur_frm.doc.status === 'Completed'", timeout=900_000, polling=1000
			)
			screenshot(page, "journey-ba-billing-run")
			assert not page.locator(".modal.show", has_text="服务器错误").count()
			# usage on no line: each bill waits for a look, on its own row with its state
			rows = page.locator(".lvyue-review-board tbody tr")
			rows.nth(2).wait_for()
			assert rows.count() == 3
			customer = rows.first.locator("td").first.inner_text()
			rows.first.locator("button", has_text="确认").click()
			dialog = page.locator(".modal.show")
			dialog.locator("textarea[data-fieldname='note']").fill("已核对话单，用量属实")
			dialog.locator(".btn-primary").click()
			confirmed = page.locator(".lvyue-review-board tbody tr", has_text=customer)
			confirmed.locator(".review-state", has_text="已确认").wait_for()
			assert page.locator(".lvyue-review-board .review-state", has_text="待核查").count() == 2
			screenshot(page, "journey-ba-bill-review")
	finally:
		frappe.db.rollback()
		invoices = frappe.get_all(
			"Sales Invoice", filters={"lvyue_billing_run": run.name, "docstatus": 1}, pluck="name"
		)
		for name in invoices:
			frappe.get_doc("Sales Invoice", name).cancel()
		frappe.db.delete("Usage Statement", {"customer": ("in", customers)})
		for task in frappe.get_all("Ops Duty Task", filters={"reference_name": run.name}, pluck="name"):
			frappe.db.delete("ToDo", {"reference_name": task})
			frappe.db.delete("Ops Duty Task", {"name": task})
		frappe.db.commit()
	assert len(invoices) == 3
	assert frappe.db.get_value("Billing Run", run.name, ["status", "invoices_created", "started_by"]) == (
		"Completed",
		3,
		ba,
	)
	owners = set(frappe.get_all("Sales Invoice", filters={"name": ("in", invoices)}, pluck="owner"))
	assert owners == {"Administrator"}  # posted as the system, not as the assistant
	resolved = frappe.get_all(
		"Billing Anomaly",
		filters={"parent": run.name, "resolution": "Confirmed"},
		fields=["customer", "note"],
	)
	assert resolved == [{"customer": customer, "note": "已核对话单，用量属实"}]


def test_operations_supervisor_hands_the_revenue_to_hr(site_url, base, committed):
	ops, hr, sales = desk_user(R.OPERATIONS_SUPERVISOR), make_user([R.HR_USER]), make_user([R.SALES_USER])
	person = frappe.get_doc(
		{
			"doctype": "Sales Person",
			"sales_person_name": f"销售 {frappe.generate_hash(length=6)}",
			"parent_sales_person": get_root_of("Sales Person"),
		}
	).insert()
	revenue = frappe.get_doc(
		{
			"doctype": "Salesperson Revenue",
			"company": base.company,
			"month": "2026-04-01",
			"sales_person": person.name,
			"salesperson_user": sales,
		}
	).insert()
	with as_user(sales):
		frappe.get_doc("Salesperson Revenue", revenue.name).confirm()
	handover = frappe.get_doc(
		{
			"doctype": "HR Handover",
			"company": base.company,
			"handover_type": "Salesperson Revenue",
			"period": "2026-04-01",
		}
	).insert()
	committed += [
		("User", ops),
		("User", hr),
		("User", sales),
		("Sales Person", person.name),
		("Salesperson Revenue", revenue.name),
		("HR Handover", handover.name),
	]
	frappe.db.commit()

	with browser_page(site_url) as page:
		login(page, ops, PASSWORD)
		page.goto(f"/app/hr-handover/{handover.name}")
		page.wait_for_selector(".form-page")
		click_button(page, "报送人事")
		page.wait_for_function("() => cur_frm && cur_frm.doc.status === 'Delivered'")
		screenshot(page, "journey-ops-hr-handover")

	frappe.db.rollback()
	assert frappe.db.get_value("HR Handover", handover.name, ["status", "delivered_by"]) == ("Delivered", ops)
	assert frappe.db.get_value("Salesperson Revenue", revenue.name, "status") == "Delivered to HR"
	assert frappe.db.exists("ToDo", {"reference_name": handover.name, "allocated_to": hr, "status": "Open"})
	committed += [
		("ToDo", t) for t in frappe.get_all("ToDo", filters={"reference_name": handover.name}, pluck="name")
	]


def test_general_manager_confirms_an_urgent_purchase(site_url, base, committed):
	gm, ops, ba = (
		desk_user(R.GENERAL_MANAGER),
		make_user([R.OPERATIONS_SUPERVISOR]),
		make_user([R.BUSINESS_ASSISTANT]),
	)
	request = frappe.get_doc(
		{
			"doctype": "Purchase Request",
			"company": base.company,
			"customer": make_customer(),
			"urgent": 1,
			"required_by": add_days(nowdate(), 2),
			"reason": "客户线路紧急扩容",
			"items": [{"item_code": ensure_item(), "qty": 2, "expected_price": 300}],
		}
	)
	with as_user(ba):
		request.insert()
		request = apply_workflow(request, "Submit for Approval")
	with as_user(ops):  # the stand-in, by phone, for the absent General Manager
		request = apply_workflow(
			frappe.get_doc(request.doctype, request.name), "Approve on Behalf of General Manager"
		)
	committed += [
		("User", gm),
		("User", ops),
		("User", ba),
		("Customer", request.customer),
		("Purchase Request", request.name),
	]
	committed += [
		("Approval Step", s)
		for s in frappe.get_all("Approval Step", filters={"reference_name": request.name}, pluck="name")
	]
	frappe.db.commit()

	with browser_page(site_url) as page:
		login(page, gm, PASSWORD)
		page.goto(f"/app/purchase-request/{request.name}")
		page.wait_for_selector(".form-page")
		click_button(page, "确认代批")
		page.wait_for_function("() => cur_frm && cur_frm.doc.gm_confirmation_status === 'Confirmed'")
		screenshot(page, "journey-gm-confirms-urgent-purchase")

	frappe.db.rollback()
	assert frappe.db.get_value(
		"Purchase Request", request.name, ["gm_confirmation_status", "gm_confirmed_by"]
	) == (
		"Confirmed",
		gm,
	)


@pytest.mark.parametrize("role", [R.OPERATIONS_SUPERVISOR, R.GENERAL_MANAGER])
def test_the_home_workspace_shows_the_months_figures(site_url, base, committed, role):
	"""Every KPI card shows its figure and every chart draws, for the viewer's company."""
	person = desk_user(role)
	frappe.defaults.set_user_default("Company", base.company, person)
	committed.append(("User", person))
	frappe.db.commit()
	cards = frappe.get_all("Number Card", filters={"module": "Fulfilment Tracking"}, pluck="name")
	workspace = frappe.get_doc("Workspace", "Lvyue Ops")
	charts = [row.chart_name for row in workspace.charts]

	with browser_page(site_url) as page:
		login(page, person, PASSWORD)
		failed = []  # every request the workspace makes answers (a 500 is an error dialog)
		page.on("response", lambda r: r.status >= 500 and failed.append((r.url, r.request.post_data)))
		page.goto("/app/lvyue-ops")
		page.wait_for_function(
			"""(count) => {
				const numbers = [...document.querySelectorAll('.number-widget-box .number')];
				return numbers.length >= count && numbers.every((n) => n.textContent.trim() !== '');
			}""",
			arg=len(workspace.number_cards),
		)
		# each chart has its data (a failed source leaves "Loading..." and opens an error dialog)
		page.wait_for_function(
			"""(count) => {
				const boxes = [...document.querySelectorAll('.dashboard-widget-box')];
				return boxes.length >= count && boxes.every((box) => {
					const states = box.querySelectorAll('.chart-loading-state');
					return states.length && states[0].style.display === 'none';
				});
			}""",
			arg=len(charts),
		)
		drawn = page.locator(".dashboard-widget-box svg.frappe-chart").count()
		page.wait_for_load_state("networkidle")
		shown = page.eval_on_selector_all(
			".number-widget-box",
			"""(boxes) => boxes.map((box) => [
				box.querySelector('.widget-title').textContent.trim(),
				box.querySelector('.number').textContent.trim(),
			])""",
		)
		screenshot(page, f"workspace-{frappe.scrub(role)}")
	print(role, shown, f"{drawn} charts drawn")
	assert len(shown) == len(cards) >= 6
	assert not page_errors(shown) and not failed, failed
	assert drawn >= 2  # billed vs collected and the ageing always have their months and ages


def page_errors(shown: list) -> list:
	"""Cards whose figure did not come (frappe shows the method's error instead of a number)."""
	return [title for title, number in shown if not any(ch.isdigit() for ch in number)]


def test_business_assistant_keeps_a_line_and_reads_its_history_in_chinese(site_url, base, committed):
	"""The 商务助理 finds the customer's line from the Customer's connections, records its VOS
	line and upstream cost, and reads the line's history and fees in Chinese."""
	from lvyue_ops.tests.acceptance_helpers import active_line
	from lvyue_ops.tests.billing_helpers import delete_lines

	ba = desk_user(R.BUSINESS_ASSISTANT)
	customer = make_customer()
	line = active_line(base.company, customer, "4008001001")
	committed += [("User", ba), ("Customer", customer)]
	frappe.db.commit()
	try:
		with browser_page(site_url) as page:
			login(page, ba, PASSWORD)
			page.goto(f"/app/customer/{quote(customer)}")
			page.wait_for_selector(
				".form-dashboard .document-link[data-doctype='Service Line']", state="attached"
			)
			page.goto(f"/app/service-line/{line}")
			page.wait_for_function(f"() => cur_frm && cur_frm.doc.name === '{line}'")
			page.evaluate(
				"""() => {
					cur_frm.set_value("vos_line", "GZ-8001-1");
					cur_frm.set_value("upstream_cost", 120);
					cur_frm.save();  // not awaited: a save that fails shows a dialog, never settles
				}"""
			)
			page.wait_for_function("() => !cur_frm.is_dirty() && cur_frm.doc.vos_line === 'GZ-8001-1'")
			text = page.locator(".form-page").inner_text()
			screenshot(page, "journey-ba-service-line")
	finally:
		frappe.db.rollback()
		stored = frappe.db.get_value("Service Line", line, ["vos_line", "upstream_cost"])
		delete_lines([customer])
		frappe.db.commit()
	assert stored == ("GZ-8001-1", 120)
	for chinese in ("核定月租", "上游月成本", "VOS 线路", "开通日期", "已开通", "在网"):
		assert chinese in text
	for english in ("Approved Monthly Fee", "Upstream Monthly Cost", "Active From", "Activated", "History"):
		assert english not in text
	for generic in ("活动", "已打开"):  # frappe's words for Active and Opened, not a line's
		assert generic not in text
