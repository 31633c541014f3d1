"""Security review of a23a2f2 (../shared/review/security.md), the findings about the customer
portal and the customers' papers: N-H1, N-H2, N-M3 and N-M5, each named after it. The attacks go
through real HTTP against the served test site as the user who should not succeed; the records
the server must see are committed and removed after."""

import io
import zipfile

import frappe
import pytest

from lvyue_ops import roles as R
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests import test_security
from lvyue_ops.tests.billing_helpers import attach
from lvyue_ops.tests.factories import make_customer, make_portal_user, unique_pdf
from lvyue_ops.tests.test_security import PASSWORD, fresh, post, refused, session
from lvyue_ops.tests.utils import as_user

world = test_security.world  # its users of each role and two customers with their portal users

SCRIPT = "<img src=x onerror=alert(1)>"


def files_of(doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"File", filters={"attached_to_doctype": doctype, "attached_to_name": name}, pluck="name"
	)


# --- N-H1 ------------------------------------------------------------------------------------------


def test_N_H1_a_portal_user_lists_no_customers(world):
	"""The questionnaire's customer is set on the server: the portal role picks no Customer, so a
	portal user reads nothing of the company's customer list (names, mobile numbers)."""
	from lvyue_ops.permissions import docperms

	fresh()
	assert R.CUSTOMER not in docperms("Customer", app_doctype=False)
	assert not frappe.db.exists("Custom DocPerm", {"parent": "Customer", "role": R.CUSTOMER})
	assert not frappe.has_permission("Customer", "select", user=world.portal_a)
	assert not frappe.has_permission("Customer", "read", user=world.portal_a)

	s = session(world, world.portal_a)
	listed = s.get(
		f"{world.url}/api/resource/Customer",
		params={"fields": '["name","mobile_no","territory"]', "limit_page_length": 0},
		timeout=30,
	)
	assert refused(listed)
	assert world.b not in listed.text
	for txt in (world.b, ""):
		found = post(s, world, "frappe.desk.search.search_link", doctype="Customer", txt=txt)
		assert found.status_code in (403, 417) or not found.json().get("message"), found.text[:500]
		assert world.b not in found.text
	# the portal itself still shows the user's own company
	page = s.get(f"{world.url}/qualification", timeout=30).text
	assert world.a in page and world.b not in page


# --- N-H2 ------------------------------------------------------------------------------------------


def name_change(world, customer: str, **fields):
	"""A Name Change order with its papers, made by the Sales User."""
	from lvyue_ops.business_acceptance.doctype.business_order.test_business_order import rename_fields

	with as_user(world.users[R.SALES_USER]):
		return A.make_order(world.company, customer, "Name Change", **rename_fields(**fields))


def test_N_H2_a_staff_upload_keeps_no_markup_on_the_way_to_the_review(world, committed):
	"""A Sales User's desk upload named `<img src=x onerror=…>.pdf` on a Name Change order is not
	taken onto the order; what the Business Assistant accepts reaches the qualification under a
	name the server made; the qualification refuses such a name too."""
	customer = make_customer()
	order = name_change(world, customer)
	committed += [("Customer", customer), ("Business Order", order.name)]
	committed.append(("Customer Qualification", customer))
	frappe.db.commit()

	s = session(world, world.users[R.SALES_USER])
	upload = s.post(
		f"{world.url}/api/method/upload_file",
		data={
			"doctype": "Business Order",
			"docname": order.name,
			"fieldname": "new_legal_rep_id",
			"is_private": 1,
		},
		files={"file": (f"{SCRIPT}.pdf", unique_pdf(), "application/pdf")},
		headers={"Accept": "application/json"},
		timeout=30,
	)
	assert upload.ok, upload.text[:500]
	url = upload.json()["message"]["file_url"]
	assert "<img" in url  # frappe keeps the name as given
	saved = s.put(
		f"{world.url}/api/resource/Business Order/{order.name}",
		json={"new_legal_rep_id": url},
		headers={"Accept": "application/json"},
		timeout=30,
	)
	fresh()
	committed += [("File", f) for f in frappe.get_all("File", filters={"file_url": url}, pluck="name")]
	assert refused(saved)
	assert frappe.db.get_value("Business Order", order.name, "new_legal_rep_id") != url

	# what the Business Assistant accepts is copied under the server's names
	order = A.run_action(order, world.users[R.BUSINESS_ASSISTANT], "accept")
	new_name = order.customer
	committed += [("Customer", new_name), ("Customer Qualification", new_name)]
	rows = {
		row.document_type: row.file
		for row in frappe.get_doc("Customer Qualification", new_name).documents
		if row.file
	}
	assert rows["Business Licence"].startswith("/private/files/business_licence-")
	assert rows["Legal Representative ID"].startswith("/private/files/legal_representative_id-")
	assert rows["Legal Representative ID"].endswith(".jpg")
	assert not set("".join(rows.values())) & set("<> =()\"'")
	for file_url in rows.values():
		assert frappe.db.exists(
			"File",
			{
				"file_url": file_url,
				"attached_to_doctype": "Customer Qualification",
				"attached_to_name": new_name,
			},
		)

	# and no Attach value of the order or the qualification carries markup, whoever sets it
	qualification = frappe.get_doc("Customer Qualification", new_name)
	qualification.documents[0].file = f"/private/files/{SCRIPT}.pdf"
	with pytest.raises(frappe.ValidationError, match="file name"):
		qualification.save(ignore_permissions=True)
	draft = A.make_order(
		world.company, make_customer(), "Name Change", new_customer_name="另一新名称有限公司"
	)
	draft.new_business_licence = f"/private/files/licence {SCRIPT}.pdf"
	with pytest.raises(frappe.ValidationError, match="file name"):
		draft.save()
	frappe.db.rollback()


@pytest.mark.browser
def test_N_H2_the_review_grid_draws_a_file_name_as_text(world, committed):
	"""The grid's Attach column escapes whatever the data's source: a row holding markup (written
	before the checks, or straight into the table) shows as text in the Business Assistant's
	review; a Sales User's desk upload with that name never reaches it (the test above)."""
	from lvyue_ops.tests.browser import browser_page, login, screenshot

	customer = make_customer()
	order = name_change(world, customer)
	with as_user(world.users[R.BUSINESS_ASSISTANT]):
		frappe.get_doc("Business Order", order.name).accept()
	new_name = frappe.db.get_value("Business Order", order.name, "customer")
	row = frappe.db.get_value(
		"Customer Qualification Document",
		{"parent": new_name, "document_type": "Business Licence"},
		"name",
	)
	frappe.db.set_value("Customer Qualification Document", row, "file", f"/private/files/{SCRIPT}.pdf")
	committed += [
		("Customer", new_name),
		("Business Order", order.name),
		("Customer Qualification", new_name),
	]
	committed += [("File", f) for f in files_of("Customer Qualification", new_name)]
	frappe.db.commit()

	with browser_page(world.url) as page:
		alerts = []
		page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
		login(page, world.users[R.BUSINESS_ASSISTANT], PASSWORD)
		page.goto(f"/app/customer-qualification/{new_name}")
		grid = page.locator('.frappe-control[data-fieldname="documents"]')
		grid.locator(".grid-row").first.wait_for()
		page.wait_for_timeout(1000)  # let every formatter run
		screenshot(page, "security-n-h2-review-grid")
		assert alerts == []
		assert grid.locator("img[onerror], img[src='x']").count() == 0
		assert SCRIPT in grid.inner_text()
		assert "legal_representative_id-" in grid.inner_text()


# --- N-M3 ------------------------------------------------------------------------------------------


def test_N_M3_a_name_changes_scans_are_not_for_every_reader_of_the_order(world, committed):
	"""The order's readers get neither the scan's URL (403), nor the file through `download_file`
	or `zip_files`: the scans are kept on the customer's qualification, which only the Business
	Assistant reads. A replaced scan does not stay behind; the acceptance still files the papers."""
	customer = make_customer()
	order = A.make_order(
		world.company, customer, "Name Change", new_customer_name=f"新名称{frappe.generate_hash(length=6)}"
	)
	old = attach(order, "legal_rep_id.pdf", unique_pdf(), "new_legal_rep_id")
	order.new_legal_rep_id = old  # as the form's upload sets the field and saves
	order.save()
	url = attach(order, "legal_rep_id_2.pdf", unique_pdf(), "new_legal_rep_id")  # a better scan
	order.reload()
	order.new_legal_rep_id = url
	order.save()
	committed += [("Customer", customer), ("Business Order", order.name)]
	committed += [
		("File", f) for f in frappe.get_all("File", filters={"file_url": ("in", (url, old))}, pluck="name")
	]
	committed.append(("Customer Qualification", customer))
	frappe.db.commit()

	scan = frappe.db.get_value("File", {"file_url": url})
	for role in (R.SALES_USER, R.OPERATIONS_SUPERVISOR, R.GENERAL_MANAGER, R.CUSTOMER_SERVICE):
		reader = session(world, world.users[role])
		assert reader.get(f"{world.url}/api/resource/Business Order/{order.name}", timeout=30).ok, role
		assert reader.get(f"{world.url}{url}", timeout=30).status_code == 403, role
		download = reader.get(f"{world.url}/api/method/download_file", params={"file_url": url}, timeout=30)
		assert download.status_code == 403, (role, download.status_code)
		zipped = post(reader, world, "frappe.core.api.file.zip_files", files=[scan])
		assert zipped.status_code in (200, 403, 417), (role, zipped.status_code)
		if zipped.ok:  # frappe leaves out what the user may not read
			assert zipfile.ZipFile(io.BytesIO(zipped.content)).namelist() == [], role
		docinfo = post(
			reader, world, "frappe.desk.form.load.getdoc", doctype="Business Order", name=order.name
		).json()
		assert url not in str(docinfo.get("docinfo", {}).get("attachments")), role
	assert not frappe.get_all(
		"File", filters={"attached_to_doctype": "Business Order", "attached_to_name": order.name}
	)
	assert not frappe.db.exists("File", {"file_url": old})  # the replaced scan is gone
	assert frappe.db.get_value("File", scan, ["attached_to_doctype", "attached_to_name"]) == (
		"Customer Qualification",
		customer,
	)
	assert frappe.db.get_value("Business Order", order.name, "new_legal_rep_id") == url

	assistant = session(world, world.users[R.BUSINESS_ASSISTANT])
	assert assistant.get(f"{world.url}{url}", timeout=30).ok
	assert assistant.get(f"{world.url}/api/method/download_file", params={"file_url": url}, timeout=30).ok

	# the Business Assistant's acceptance files the papers (read from the qualification)
	order = frappe.get_doc("Business Order", order.name)
	order.update(other_papers())
	order.save()
	order = A.run_action(order, world.users[R.BUSINESS_ASSISTANT], "accept")
	committed += [("Customer", order.customer), ("Customer Qualification", order.customer)]
	committed += [("File", f) for f in files_of("Customer Qualification", order.customer)]
	frappe.db.commit()
	pending = {
		row.document_type
		for row in frappe.get_doc("Customer Qualification", order.customer).documents
		if row.status == "Pending Review"
	}
	assert pending == {"Business Licence", "Legal Representative ID"}
	assert not files_of("Business Order", order.name)


def other_papers() -> dict:
	from lvyue_ops.business_acceptance.doctype.business_order.test_business_order import rename_fields

	fields = rename_fields()
	return {k: v for k, v in fields.items() if k not in ("new_customer_name", "new_legal_rep_id")}


# --- N-M5 ------------------------------------------------------------------------------------------


def test_N_M5_staff_revoke_the_portal_whatever_contact_the_user_made(world, committed):
	"""A portal user makes a Contact of their own for their customer (never the primary contact);
	staff then take the customer off the Contact they set up: the portal is gone."""
	customer = make_customer()
	user = make_portal_user(customer, password=PASSWORD)
	staff_contacts = frappe.get_all("Contact", filters={"user": user}, pluck="name")
	committed += [("Contact", c) for c in staff_contacts]
	committed += [("User", user), ("Customer", customer)]
	frappe.db.commit()

	s = session(world, user)
	contact = {
		"first_name": "Self",
		"user": user,
		"email_ids": [{"email_id": user, "is_primary": 1}],
		"links": [{"link_doctype": "Customer", "link_name": customer}],
	}
	primary = s.post(
		f"{world.url}/api/resource/Contact", json={**contact, "is_primary_contact": 1}, timeout=30
	)
	own = s.post(f"{world.url}/api/resource/Contact", json=contact, timeout=30)
	fresh()
	committed += [
		("Contact", c)
		for c in frappe.get_all("Contact", filters={"user": user, "first_name": "Self"}, pluck="name")
	]
	assert refused(primary)
	assert own.ok, own.text[:500]
	assert customer in s.get(f"{world.url}/qualification", timeout=30).text

	# staff (the Sales User) take the customer off the Contact they set up
	staff = session(world, world.users[R.SALES_USER])
	for name in staff_contacts:
		response = staff.put(f"{world.url}/api/resource/Contact/{name}", json={"links": []}, timeout=30)
		assert response.ok, response.text[:500]
	fresh()
	assert user not in frappe.get_all(
		"Portal User", filters={"parenttype": "Customer", "parent": customer}, pluck="user"
	)
	assert customer not in s.get(f"{world.url}/qualification", timeout=30).text
	upload = s.post(
		f"{world.url}/api/method/lvyue_ops.portal.upload_qualification_document",
		data={"customer": customer, "document_type": "Business Licence"},
		files={"file": ("licence.pdf", unique_pdf(), "application/pdf")},
		timeout=30,
	)
	assert upload.status_code == 403
