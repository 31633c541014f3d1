"""The customer portal over real HTTP: isolation between two customers, uploads and their errors
(portal users read Chinese, so the errors are checked in Chinese).

The served site runs in another process, so this data is committed and removed afterwards."""

import json

import frappe
import pytest

from lvyue_ops.tests.factories import JPG, PNG, attach_url, make_customer, make_portal_user, unique_pdf
from lvyue_ops.tests.server import login

PASSWORD = "Portal-test-2026"
UPLOAD = "/api/method/lvyue_ops.portal.upload_qualification_document"


@pytest.fixture(scope="module")
def portal(site_url, base):
	customers, users = [], []
	for label in ("甲", "乙"):
		customer = make_customer(f"门户测试客户{label} {frappe.generate_hash(length=6)}")
		customers.append(customer)
		users.append(make_portal_user(customer, password=PASSWORD))
	frappe.db.commit()
	yield frappe._dict(url=site_url, a=customers[0], b=customers[1], user_a=users[0], user_b=users[1])
	frappe.db.rollback()
	for user in users:
		for contact in frappe.get_all("Contact", filters={"user": user}, pluck="name"):
			frappe.delete_doc("Contact", contact, force=True, ignore_permissions=True)
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for customer in customers:
		for f in frappe.get_all("File", filters={"attached_to_name": customer}, pluck="name"):
			frappe.delete_doc("File", f, force=True, ignore_permissions=True)
		frappe.delete_doc(
			"Customer Qualification", customer, force=True, ignore_permissions=True, ignore_missing=True
		)
		frappe.delete_doc("Customer", customer, force=True, ignore_permissions=True)
	frappe.db.commit()


def files_of(customer):
	frappe.db.rollback()  # read what the server committed
	return frappe.db.count(
		"File", {"attached_to_doctype": "Customer Qualification", "attached_to_name": customer}
	)


def upload(session, url, customer, document_type, filename, content, mime="application/pdf"):
	return session.post(
		url + UPLOAD,
		data={"customer": customer, "document_type": document_type},
		files={"file": (filename, content, mime)},
		headers={"Accept": "application/json"},
		timeout=30,
	)


def server_message(response) -> str:
	body = response.json()
	messages = json.loads(body.get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages) or body.get("exception", "")


def test_portal_page_shows_only_the_users_own_customer(portal):
	session = login(portal.url, portal.user_a, PASSWORD)
	page = session.get(portal.url + "/qualification", timeout=30)
	assert page.ok
	assert portal.a in page.text
	assert portal.b not in page.text
	assert page.text.count('data-document-type="Business Licence"') >= 1


def test_guest_is_sent_to_login(portal):
	import requests

	response = requests.get(portal.url + "/qualification", allow_redirects=False, timeout=30)
	assert response.status_code in (301, 302)
	assert "/login" in response.headers["Location"]


def test_upload_for_another_customer_is_refused(portal):
	session = login(portal.url, portal.user_a, PASSWORD)
	before = files_of(portal.b)
	response = upload(session, portal.url, portal.b, "Business Licence", "licence.pdf", unique_pdf())
	assert response.status_code == 403
	assert files_of(portal.b) == before


def test_rest_api_does_not_leak_another_customers_documents(portal):
	session = login(portal.url, portal.user_a, PASSWORD)
	upload(
		login(portal.url, portal.user_b, PASSWORD),
		portal.url,
		portal.b,
		"Operator ID",
		"op.png",
		PNG,
		"image/png",
	)
	response = session.get(f"{portal.url}/api/resource/Customer Qualification/{portal.b}", timeout=30)
	assert response.status_code == 403
	listing = session.get(f"{portal.url}/api/resource/Customer Qualification", timeout=30)
	assert portal.b not in listing.text


def test_valid_upload_goes_to_review(portal):
	session = login(portal.url, portal.user_a, PASSWORD)
	response = upload(session, portal.url, portal.a, "Handler ID", "handler.jpg", JPG, "image/jpeg")
	assert response.ok, response.text
	frappe.db.rollback()
	row = frappe.get_all(
		"Customer Qualification Document",
		filters={"parent": portal.a, "document_type": "Handler ID"},
		fields=["status", "file", "uploaded_by"],
	)[0]
	assert (row.status, row.uploaded_by) == ("Pending Review", portal.user_a)
	assert row.file.startswith("/private/files/")


@pytest.mark.parametrize(
	"filename,content,message",
	[
		("licence.exe", b"MZ\x90\x00", "只能上传以下类型的文件"),
		("licence.docx", b"PK\x03\x04", "只能上传以下类型的文件"),
		("licence.pdf", PNG, "不是有效的 PDF 文件"),
		("licence.png", b"just text, not an image", "不是有效的 PNG 文件"),
		("licence.pdf", b"%PDF-1.4 truncated", "不是有效的 PDF 文件"),
		("licence", unique_pdf(), "只能上传以下类型的文件"),
	],
)
def test_malformed_uploads_are_refused_and_nothing_is_stored(portal, filename, content, message):
	session = login(portal.url, portal.user_a, PASSWORD)
	before = files_of(portal.a)
	response = upload(session, portal.url, portal.a, "Business Licence", filename, content)
	assert response.status_code == 417, response.text
	assert message in server_message(response)
	assert files_of(portal.a) == before


def test_too_large_upload_is_refused(portal):
	frappe.db.set_single_value("Lvyue Ops Settings", "max_upload_size_mb", 1)
	frappe.db.commit()
	try:
		session = login(portal.url, portal.user_a, PASSWORD)
		before = files_of(portal.a)
		big = unique_pdf() + b"%" + b"x" * (1024 * 1024)
		response = upload(session, portal.url, portal.a, "Legal Representative ID", "id.pdf", big)
		assert response.status_code == 417
		assert "文件超过 1 MB" in server_message(response)
		assert files_of(portal.a) == before
	finally:
		frappe.db.set_single_value("Lvyue Ops Settings", "max_upload_size_mb", 10)
		frappe.db.commit()


def test_unknown_document_type_and_empty_file_are_refused(portal):
	session = login(portal.url, portal.user_a, PASSWORD)
	response = upload(session, portal.url, portal.a, "Tax Certificate", "x.pdf", unique_pdf())
	assert response.status_code == 417 and "未知的资料类型" in server_message(response)
	response = upload(session, portal.url, portal.a, "Operator ID", "x.pdf", b"")
	assert response.status_code == 417 and "请选择要上传的文件" in server_message(response)


def test_approved_document_is_not_uploaded_again(portal):
	doc = frappe.get_doc("Customer Qualification", portal.a)
	row = next(r for r in doc.documents if r.document_type == "Operator ID")
	row.file = attach_url()
	doc.save()
	row = next(r for r in doc.documents if r.document_type == "Operator ID")
	row.update({"status": "Approved", "sealed": 1})
	doc.save()
	frappe.db.commit()
	session = login(portal.url, portal.user_a, PASSWORD)
	before = files_of(portal.a)
	response = upload(session, portal.url, portal.a, "Operator ID", "op.pdf", unique_pdf())
	assert response.status_code == 417 and "已审核通过" in server_message(response)
	assert files_of(portal.a) == before


def test_questionnaire_is_filed_for_the_users_own_customer(portal):
	session = login(portal.url, portal.user_a, PASSWORD)
	data = {
		"satisfaction": "4",
		"service_speed": "3",
		"category": "Customer Complaint",
		"comments": "处理及时",
		"customer": portal.b,
	}
	response = session.post(
		portal.url + "/api/method/frappe.website.doctype.web_form.web_form.accept",
		data={"web_form": "satisfaction-survey", "data": json.dumps(data)},
		headers={"Accept": "application/json"},
		timeout=30,
	)
	assert response.ok, response.text
	frappe.db.rollback()
	surveys = frappe.get_all(
		"Satisfaction Survey",
		filters={"submitted_by": portal.user_a},
		fields=["name", "customer", "satisfaction"],
	)
	assert [(s.customer, s.satisfaction) for s in surveys] == [(portal.a, 4)]  # never the customer posted
	frappe.db.delete("Satisfaction Survey", {"submitted_by": portal.user_a})
	frappe.db.commit()


def test_a_contact_staff_unlink_takes_the_portal_away(base):
	"""H1, the other way: the Business Assistant takes the customer off the person's Contact (or
	deletes it); the person no longer sees the customer's portal."""
	from lvyue_ops.portal import portal_customers

	customer, other = make_customer(), make_customer()
	user = make_portal_user(customer)
	contact = frappe.get_doc("Contact", frappe.db.get_value("Contact", {"user": user}))
	contact.append("links", {"link_doctype": "Customer", "link_name": other})
	contact.save()
	assert portal_customers(user) == sorted([customer, other])
	contact.set("links", [link for link in contact.links if link.link_name != other])
	contact.save()
	assert portal_customers(user) == [customer]
	frappe.delete_doc("Contact", contact.name)
	assert portal_customers(user) == []
