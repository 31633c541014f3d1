"""What a customer asks on the portal (issue 22), through real HTTP as its portal user: a complaint
written on 投诉 is a written complaint the Operations Supervisor answers, and its reply is read
there; 发票申请 asks the VAT invoice of bills that reached the customer, and Customer Service gets
it; ERPNext's service request asks its category and grade. Another customer's complaint, bill,
request or issue is never shown or taken."""

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.tests import test_security
from lvyue_ops.tests.test_portal_bills import bill_of, run_of
from lvyue_ops.tests.test_security import fresh, post, refused, session
from lvyue_ops.tests.utils import english_in

world = test_security.world


def server_message(response) -> str:
	return frappe.parse_json(frappe.parse_json(response.json()["_server_messages"])[0])["message"]


def told(world, doctype: str, name: str) -> set[str]:
	"""The roles of the world's users who got an open ToDo of the document."""
	todos = frappe.get_all(
		"ToDo",
		filters={"reference_type": doctype, "reference_name": name, "status": "Open"},
		pluck="allocated_to",
	)
	return {role for role, user in world.users.items() if user in todos}


@pytest.fixture
def bills(world, committed):
	waiting = run_of(world.company, "2026-04-01", "Pending Review")
	reviewed = run_of(world.company, "2026-05-01", "Reviewed")
	made = frappe._dict(
		pending=bill_of(world, world.a, waiting, "2026-05-09"),
		done=bill_of(world, world.a, reviewed, "2026-06-09"),
		other=bill_of(world, world.b, reviewed, "2026-06-09"),
	)
	committed += [("Billing Run", waiting), ("Billing Run", reviewed)]
	frappe.db.commit()
	yield made
	frappe.db.rollback()
	for name in frappe.get_all(
		"Invoice Application Item", filters={"sales_invoice": ("in", list(made.values()))}, pluck="parent"
	):
		frappe.delete_doc("Invoice Application", name, force=True, ignore_permissions=True)
	for name in made.values():
		frappe.get_doc("Sales Invoice", name).cancel()
	frappe.db.commit()


def test_a_complaint_written_on_the_portal_is_answered_there(world, bills, committed):
	"""(The customer's bills make it the company's customer.)"""
	s = session(world, world.portal_a)
	empty = post(s, world, "lvyue_ops.portal.file_complaint", customer=world.a, content="  ")
	assert refused(empty) and server_message(empty) == "请填写投诉内容。"
	# another customer's name is refused
	assert refused(post(s, world, "lvyue_ops.portal.file_complaint", customer=world.b, content="冒名投诉"))

	made = post(
		s, world, "lvyue_ops.portal.file_complaint", customer=world.a, content="4008001234 昨晚无法呼入"
	)
	assert made.status_code == 200, made.text[:500]
	name = made.json()["message"]
	committed.append(("Complaint Register", name))
	fresh()
	complaint = frappe.get_doc("Complaint Register", name)
	assert (complaint.customer, complaint.channel, complaint.from_portal) == (world.a, "Written", 1)
	assert complaint.reply_email == world.portal_a and complaint.reply_due
	# the Operations Supervisor is told at once; nobody else
	assert told(world, "Complaint Register", name) == {R.OPERATIONS_SUPERVISOR}

	mine = s.get(f"{world.url}/complaints", timeout=60).text
	assert name in mine and "昨晚无法呼入" in mine and "投诉" in mine
	theirs = session(world, world.portal_b).get(f"{world.url}/complaints", timeout=60).text
	assert name not in theirs and "昨晚无法呼入" not in theirs

	# Customer Service tells the customer where it stands (第五条 2), and the portal shows it;
	# only Customer Service logs it, and only through its action
	from lvyue_ops.tests.utils import as_user

	with as_user(world.users[R.OPERATIONS_SUPERVISOR]), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Complaint Register", name).log_progress("已转技术支持部排查")
	with as_user(world.users[R.CUSTOMER_SERVICE]):
		frappe.get_doc("Complaint Register", name).log_progress("已转技术支持部排查", "Phone")
	forged = frappe.get_doc("Complaint Register", name)
	forged.append("progress", {"told_on": frappe.utils.now(), "update": "伪造进度"})
	with pytest.raises(frappe.ValidationError, match="Tell the Customer the Progress"):
		forged.save()
	frappe.db.commit()
	assert "已转技术支持部排查" in s.get(f"{world.url}/complaints", timeout=60).text

	# the reply shows once it is sent, not while it is written
	frappe.db.set_value("Complaint Register", name, "reply", "已排查：落地网关故障，已恢复。")
	frappe.db.commit()
	assert "落地网关故障" not in s.get(f"{world.url}/complaints", timeout=60).text
	frappe.db.set_value("Complaint Register", name, {"status": "Answered", "replied_on": frappe.utils.now()})
	frappe.db.commit()
	answered = s.get(f"{world.url}/complaints", timeout=60).text
	assert "落地网关故障" in answered and "已答复" in answered


def test_only_the_portal_files_a_complaint_without_a_letter(world):
	"""The desk (or the API) cannot pass a written complaint off as the portal's to skip its letter."""
	s = session(world, world.users[R.CUSTOMER_SERVICE])
	response = s.post(
		f"{world.url}/api/resource/Complaint Register",
		json={
			"company": world.company,
			"customer": world.a,
			"received_on": "2026-12-01 10:00:00",
			"channel": "Written",
			"content": "无投诉函",
			"reply_email": "a@example.cn",
			"from_portal": 1,
		},
		headers={"Accept": "application/json"},
		timeout=60,
	)
	assert refused(response) and "投诉函" in server_message(response)


def test_the_customer_asks_the_vat_invoice_of_its_own_reviewed_bills(world, bills):
	s = session(world, world.portal_a)
	page = s.get(f"{world.url}/invoice-requests", timeout=60).text
	assert "发票申请" in page and bills.done in page
	assert bills.pending not in page and bills.other not in page

	nothing = post(s, world, "lvyue_ops.portal.request_invoice", customer=world.a)
	assert refused(nothing) and server_message(nothing) == "请选择要开票的账单。"
	for bill in (bills.pending, bills.other):  # not reviewed yet; another customer's
		assert refused(post(s, world, "lvyue_ops.portal.request_invoice", customer=world.a, bills=[bill]))
	assert refused(post(s, world, "lvyue_ops.portal.request_invoice", customer=world.b, bills=[bills.other]))

	made = post(
		s,
		world,
		"lvyue_ops.portal.request_invoice",
		customer=world.a,
		bills=[bills.done],
		taxpayer_id="91310000MA1FL00000",
		invoice_bank="招商银行上海分行 121900000010101",
		invoice_address="上海市浦东新区 021-50000000",
	)
	assert made.status_code == 200, made.text[:500]
	(name,) = made.json()["message"]
	fresh()
	application = frappe.get_doc("Invoice Application", name)
	assert application.status == "Draft" and [r.sales_invoice for r in application.items] == [bills.done]
	assert application.taxpayer_id == "91310000MA1FL00000" and application.total_amount == 300
	assert told(world, "Invoice Application", name) == {R.CUSTOMER_SERVICE}

	again = post(s, world, "lvyue_ops.portal.request_invoice", customer=world.a, bills=[bills.done])
	assert refused(again) and "已在发票申请" in server_message(again)

	page = s.get(f"{world.url}/invoice-requests", timeout=60).text
	assert name in page and "已受理" in page
	assert name not in session(world, world.portal_b).get(f"{world.url}/invoice-requests", timeout=60).text


def test_a_service_request_asks_its_category_and_grade_and_stays_the_customers(world, committed):
	s = session(world, world.portal_a)
	form = s.get(f"{world.url}/issues/new", timeout=60)
	assert form.status_code == 200 and "lvyue_category" in form.text
	made = post(
		s,
		world,
		"frappe.website.doctype.web_form.web_form.accept",
		web_form="issues",
		data={
			"doctype": "Issue",
			"subject": "中继线单通",
			"lvyue_category": "Product Problem",
			"priority": "Grade 2",
			"description": "主叫听不到被叫声音",
		},
	)
	assert made.status_code == 200, made.text[:500]
	name = made.json()["message"]["name"]
	committed.append(("Issue", name))
	fresh()
	issue = frappe.db.get_value("Issue", name, ["lvyue_category", "priority", "raised_by"], as_dict=True)
	assert (issue.lvyue_category, issue.priority, issue.raised_by) == (
		"Product Problem",
		"Grade 2",
		world.portal_a,
	)

	assert s.get(f"{world.url}/issues/{name}", timeout=60).status_code == 200
	assert refused(session(world, world.portal_b).get(f"{world.url}/issues/{name}", timeout=60))


def test_the_customers_request_pages_read_in_chinese(world):
	s = session(world, world.portal_a)
	for route in ("/complaints", "/invoice-requests"):
		page = s.get(f"{world.url}{route}", timeout=60)
		assert page.status_code == 200, route
		from bs4 import BeautifulSoup

		main = BeautifulSoup(page.text, "html.parser").select_one("main") or BeautifulSoup(
			page.text, "html.parser"
		)
		assert not english_in(main.get_text(" ")), (route, english_in(main.get_text(" ")))
