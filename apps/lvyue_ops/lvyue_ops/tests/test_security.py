"""One adversarial test per finding of the security review of c5c18a1 (../shared/review/security.md),
named after it. Where the finding is about requests, the attack goes through real HTTP against the
served test site (REST, `run_doc_method`, `frappe.client`, the portal) as the user who should not
succeed; otherwise in-process. Records the server must see are committed and removed after.

Findings tested elsewhere are named in each test's docstring here and in the closing note."""

import frappe
import pytest
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, nowdate

from lvyue_ops import roles as R
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.approval_helpers import (
	approve_through,
	ensure_item,
	make_contract,
	make_project_approval,
)
from lvyue_ops.tests.billing_helpers import csv_bytes
from lvyue_ops.tests.factories import make_customer, make_portal_user, make_supplier, make_user, unique_pdf
from lvyue_ops.tests.server import login
from lvyue_ops.tests.utils import as_user

PASSWORD = "Security-test-2026"
ROLES = (*R.DEPARTMENT_ROLES, R.SALES_USER, R.HR_USER, "Sales Manager", "Purchase Manager")


@pytest.fixture(scope="module")
def world(site_url, base):
	"""Desk users of each role, two customers with a portal user each; committed for the server."""
	from conftest import remove_committed

	made = []
	users = {role: make_user([role], password=PASSWORD, user_type="System User") for role in ROLES}
	a, b = make_customer(), make_customer()
	portal_a, portal_b = make_portal_user(a, password=PASSWORD), make_portal_user(b, password=PASSWORD)
	made += [("User", u) for u in users.values()]
	for user in (portal_a, portal_b):
		made += [("Contact", c) for c in frappe.get_all("Contact", filters={"user": user}, pluck="name")]
		made.append(("User", user))
	made += [("Customer", a), ("Customer", b)]
	frappe.db.commit()
	yield frappe._dict(
		url=site_url, company=base.company, users=users, a=a, b=b, portal_a=portal_a, portal_b=portal_b
	)
	for customer in (a, b):
		made += [
			("File", f) for f in frappe.get_all("File", filters={"attached_to_name": customer}, pluck="name")
		]
		made.append(("Customer Qualification", customer))
	remove_committed(made)


def session(world, user):
	return login(world.url, user, PASSWORD)


def post(s, world, path, **data):
	data = {k: frappe.as_json(v) if isinstance(v, dict | list) else v for k, v in data.items()}
	return s.post(
		f"{world.url}/api/method/{path}", data=data, headers={"Accept": "application/json"}, timeout=60
	)


def run_doc_method(s, world, doc, method, **args):
	return post(
		s, world, "run_doc_method", docs=frappe.as_json(doc), method=method, args=frappe.as_json(args)
	)


def refused(response) -> bool:
	"""The server said no: not permitted (403) or a validation error (417), never a 500."""
	assert response.status_code in (403, 417), (response.status_code, response.text[:500])
	return True


def fresh():
	frappe.db.rollback()  # read what the server committed


# --- High ------------------------------------------------------------------------------------------


def test_H1_a_portal_user_cannot_make_a_contact_into_another_customer(world, committed):
	s = session(world, world.portal_a)
	response = s.post(
		f"{world.url}/api/resource/Contact",
		json={
			"first_name": "x",
			"user": world.portal_a,
			"is_primary_contact": 1,
			"email_ids": [{"email_id": world.portal_a, "is_primary": 1}],
			"links": [{"link_doctype": "Customer", "link_name": world.b}],
		},
		timeout=30,
	)
	fresh()
	committed += [
		("Contact", c)
		for c in frappe.get_all("Contact", filters={"first_name": "x", "user": world.portal_a}, pluck="name")
	]
	assert refused(response)
	page = s.get(f"{world.url}/qualification", timeout=30).text
	assert world.a in page and world.b not in page
	upload = s.post(
		f"{world.url}/api/method/lvyue_ops.portal.upload_qualification_document",
		data={"customer": world.b, "document_type": "Business Licence"},
		files={"file": ("licence.pdf", unique_pdf(), "application/pdf")},
		timeout=30,
	)
	assert upload.status_code == 403


def test_H2_an_uploaded_file_name_is_the_servers_not_the_clients(world):
	"""The desk side (the review grid shows it as text) is the browser test
	test_browser_security.test_H2_a_script_in_a_file_name_stays_text; H5 (a price sheet's cells in
	the desk's dialog) is test_browser_security.test_H5_a_script_in_a_price_sheet_stays_text."""
	s = session(world, world.portal_a)
	response = s.post(
		f"{world.url}/api/method/lvyue_ops.portal.upload_qualification_document",
		data={"customer": world.a, "document_type": "Operator ID"},
		files={"file": ("<img src=x onerror=alert(1)>.pdf", unique_pdf(), "application/pdf")},
		timeout=30,
	)
	assert response.ok, response.text
	fresh()
	url = frappe.db.get_value(
		"Customer Qualification Document", {"parent": world.a, "document_type": "Operator ID"}, "file"
	)
	assert url.startswith("/private/files/operator_id-") and url.endswith(".pdf")
	assert not set(url) & set("<> =()")


@pytest.mark.parametrize(
	"doctype,role",
	[
		("Project Approval", R.MARKETING_MANAGER),
		("Project Approval", R.FINANCE_SUPERVISOR),
		("Contract", "Sales Manager"),
		("Contract", R.OPERATIONS_SUPERVISOR),
		("Purchase Request", R.MARKETING_MANAGER),  # a leader, on a request that is not urgent
		("Purchase Request", "Purchase Manager"),
	],
)
def test_H3_nobody_submits_past_the_chain(world, committed, doctype, role):
	"""A submit is only ever a transition the user may take from the stored state: on an urgent
	request a leader's submit is the on-behalf approval (test_purchase_request records it)."""
	users = world.users
	customer = make_customer()
	if doctype == "Project Approval":
		doc = approve_through(
			make_project_approval(world.company, users[R.SALES_USER], customer),
			users,
			"Pending Marketing Manager",
		)[0]
	elif doctype == "Contract":
		doc = make_contract(users[R.SALES_USER], customer)  # a Draft with no Project Approval at all
	else:
		doc = frappe.get_doc(
			{
				"doctype": "Purchase Request",
				"company": world.company,
				"urgent": 0,
				"required_by": add_days(nowdate(), 5),
				"reason": "扩容",
				"items": [{"item_code": ensure_item(), "qty": 1}],
			}
		)
		with as_user(users[R.BUSINESS_ASSISTANT]):
			doc = apply_workflow(doc.insert(), "Submit for Approval")
	committed += [("Customer", customer), (doctype, doc.name)]
	committed += [
		("Approval Step", s)
		for s in frappe.get_all("Approval Step", filters={"reference_name": doc.name}, pluck="name")
	]
	frappe.db.commit()
	s = session(world, users[role])
	state_field = "lvyue_workflow_state" if doctype == "Contract" else "workflow_state"
	before = frappe.db.get_value(doctype, doc.name, state_field)
	assert refused(post(s, world, "frappe.client.submit", doc=frappe.get_doc(doctype, doc.name).as_dict()))
	assert refused(
		post(
			s,
			world,
			"frappe.client.set_value",
			doctype=doctype,
			name=doc.name,
			fieldname=state_field,
			value="Approved",
		)
	)
	fresh()
	assert frappe.db.get_value(doctype, doc.name, ["docstatus", state_field]) == (0, before)


def purchase_request(world, owner: str, urgent: int, state: str = "Draft"):
	"""A Purchase Request of `owner`, committed, moved to `state` by its owner."""
	with as_user(owner):
		doc = frappe.get_doc(
			{
				"doctype": "Purchase Request",
				"company": world.company,
				"urgent": urgent,
				"required_by": add_days(nowdate(), 5),
				"reason": "扩容",
				"items": [{"item_code": ensure_item(), "qty": 1}],
			}
		).insert()
		if state != "Draft":
			doc = apply_workflow(doc, "Submit for Approval")
	return doc


def approval_log(doc) -> list:
	return [
		("Approval Step", s)
		for s in frappe.get_all("Approval Step", filters={"reference_name": doc.name}, pluck="name")
	]


def test_H3_a_submit_that_names_a_pending_state_does_not_approve(world, committed):
	"""A draft submitted with the state of its first step (a transition the user may take) would
	leave frappe to move it on to Approved: the state must be one of the submitted docstatus."""
	owner = world.users[R.MARKETING_MANAGER]
	doc = purchase_request(world, owner, urgent=0)
	committed.append(("Purchase Request", doc.name))
	frappe.db.commit()
	forged = frappe.get_doc("Purchase Request", doc.name).as_dict()
	forged["workflow_state"] = "Pending General Manager"
	assert refused(post(session(world, owner), world, "frappe.client.submit", doc=forged))
	fresh()
	committed += approval_log(doc)
	assert frappe.db.get_value("Purchase Request", doc.name, ["docstatus", "workflow_state"]) == (0, "Draft")
	assert not frappe.db.exists("Material Request", {"name": doc.material_request or ""})


def test_H3_nobody_approves_their_own_urgent_request(world, committed):
	"""C2: 由其他领导审批 — a leader who raised an urgent purchase does not approve it on the
	General Manager's behalf, neither by the action nor by submitting it with the approved state."""
	owner = world.users[R.OPERATIONS_SUPERVISOR]
	doc = purchase_request(world, owner, urgent=1, state="Pending General Manager")
	committed += [("Purchase Request", doc.name), *approval_log(doc)]
	frappe.db.commit()
	s = session(world, owner)
	assert refused(
		post(
			s,
			world,
			"frappe.model.workflow.apply_workflow",
			doc=frappe.get_doc("Purchase Request", doc.name).as_dict(),
			action="Approve on Behalf of General Manager",
		)
	)
	forged = frappe.get_doc("Purchase Request", doc.name).as_dict()
	forged["workflow_state"] = "Approved"
	assert refused(post(s, world, "frappe.client.submit", doc=forged))
	fresh()
	assert frappe.db.get_value("Purchase Request", doc.name, "docstatus") == 0
	# another leader may
	with as_user(world.users[R.FINANCE_SUPERVISOR]):
		done = apply_workflow(
			frappe.get_doc("Purchase Request", doc.name), "Approve on Behalf of General Manager"
		)
	assert (done.docstatus, done.approved_on_behalf) == (1, 1)
	frappe.db.rollback()


def test_M3_the_save_that_approves_does_not_change_what_was_asked(world, committed):
	"""A stand-in who approves on the General Manager's behalf signs the request as it stands: the
	same save does not raise its quantity (the General Manager edits it at that step, nobody else)."""
	doc = purchase_request(
		world, world.users[R.BUSINESS_ASSISTANT], urgent=1, state="Pending General Manager"
	)
	committed += [("Purchase Request", doc.name), *approval_log(doc)]
	frappe.db.commit()
	forged = frappe.get_doc("Purchase Request", doc.name).as_dict()
	forged["workflow_state"] = "Approved"
	forged["items"][0]["qty"] = 500
	assert refused(
		post(session(world, world.users[R.FINANCE_SUPERVISOR]), world, "frappe.client.submit", doc=forged)
	)
	fresh()
	assert frappe.db.get_value("Purchase Request", doc.name, "docstatus") == 0
	assert frappe.db.get_value("Purchase Request Item", {"parent": doc.name}, "qty") == 1


def test_H4_nobody_confirms_a_salespersons_revenue_for_them(world, committed):
	from frappe.utils.nestedset import get_root_of

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
			"company": world.company,
			"month": "2026-05-01",
			"sales_person": person.name,
			"salesperson_user": world.users[R.SALES_USER],
		}
	).insert()
	committed += [("Sales Person", person.name), ("Salesperson Revenue", revenue.name)]
	frappe.db.commit()
	forged = {
		**revenue.as_dict(),
		"salesperson_user": world.users[R.HR_USER],
		"collected": 9_999_999,
		"bills": 999,
	}
	assert refused(run_doc_method(session(world, world.users[R.HR_USER]), world, forged, "confirm"))
	fresh()
	assert frappe.db.get_value("Salesperson Revenue", revenue.name, ["status", "collected"]) == ("Draft", 0)
	# the salesperson's own confirmation takes the figure from the database, not from the request
	forged = {**frappe.get_doc("Salesperson Revenue", revenue.name).as_dict(), "collected": 9_999_999}
	response = run_doc_method(session(world, world.users[R.SALES_USER]), world, forged, "confirm")
	assert response.ok, response.text
	fresh()
	assert frappe.db.get_value("Salesperson Revenue", revenue.name, ["status", "collected"]) == (
		"Confirmed",
		0,
	)


# --- Medium ----------------------------------------------------------------------------------------


def test_M1_an_action_reads_the_database_not_the_request(world, committed):
	"""The Business Assistant sends an order that is still a Draft as 'Documents Complete' and asks
	to activate it; sends an unconfirmed receipt as 'Confirmed' and asks to post it."""
	customer = make_customer()
	contract = A.approved_contract(world.company, world.users, customer)
	order = A.make_order(
		world.company, customer, contract=contract.name, completion_form="/private/files/x.pdf"
	)
	receipt = frappe.get_doc(
		{
			"doctype": "Unidentified Receipt",
			"company": world.company,
			"received_on": nowdate(),
			"amount": 500,
			"payer_name": "某公司",
		}
	).insert()
	committed += [
		("Customer", customer),
		("Contract", contract.name),
		("Business Order", order.name),
		("Unidentified Receipt", receipt.name),
	]
	frappe.db.commit()
	s = session(world, world.users[R.BUSINESS_ASSISTANT])
	assert refused(run_doc_method(s, world, {**order.as_dict(), "status": "Documents Complete"}, "activate"))
	assert refused(
		run_doc_method(
			s,
			world,
			{**receipt.as_dict(), "status": "Confirmed", "customer": customer, "receipt_type": "Prepayment"},
			"post",
		)
	)
	fresh()
	assert frappe.db.get_value("Business Order", order.name, "status") == "Draft"
	assert frappe.db.get_value("Unidentified Receipt", receipt.name, ["status", "payment_entry"]) == (
		"Unidentified",
		None,
	)


def test_M2_an_order_changes_only_through_its_actions(world, committed):
	"""Over the REST API: a draft is not made with the fields the actions write (a forged hand-over,
	a deadline pushed away); an accepted order does not change but for its archive."""
	users = world.users
	customer = make_customer()
	contract = A.approved_contract(world.company, users, customer)
	order = A.run_action(
		A.make_order(world.company, customer, contract=contract.name), users[R.BUSINESS_ASSISTANT], "accept"
	)
	committed += [("Customer", customer), ("Contract", contract.name), ("Business Order", order.name)]
	frappe.db.commit()
	sales, assistant = session(world, users[R.SALES_USER]), session(world, users[R.BUSINESS_ASSISTANT])
	forged = {
		"doctype": "Business Order",
		"company": world.company,
		"customer": customer,
		"order_type": "Add Quantity",
		"activated_on": nowdate(),
		"resources": [{"item_code": ensure_item(), "quantity": 1}],
	}
	assert refused(sales.post(f"{world.url}/api/resource/Business Order", json=forged, timeout=30))
	url = f"{world.url}/api/resource/Business Order/{order.name}"
	assert refused(
		sales.put(url, json={"resources": [{"item_code": ensure_item(), "quantity": 9}]}, timeout=30)
	)
	assert refused(
		assistant.put(url, json={"document_deadline": f"{add_days(nowdate(), 90)} 00:00:00"}, timeout=30)
	)
	fresh()
	stored = frappe.get_doc("Business Order", order.name)
	assert (stored.document_deadline, stored.resources[0].quantity) == (order.document_deadline, 2)
	assert not frappe.db.exists("Business Order", {"customer": customer, "order_type": "Add Quantity"})


def test_M3_a_document_in_the_chain_is_not_edited_halfway(world, committed):
	users = world.users
	customer = make_customer()
	doc = approve_through(
		make_project_approval(world.company, users[R.SALES_USER], customer, involves_equipment=1),
		users,
		"Pending Operations Supervisor",
	)[0]
	committed += [("Customer", customer), ("Project Approval", doc.name)]
	frappe.db.commit()
	s = session(world, users[R.SALES_USER])
	response = s.put(
		f"{world.url}/api/resource/Project Approval/{doc.name}",
		json={"involves_equipment": 0, "expected_monthly_revenue": 1},
		timeout=30,
	)
	assert refused(response)
	fresh()
	assert frappe.db.get_value("Project Approval", doc.name, "involves_equipment") == 1


def test_M4_the_general_managers_confirmation_is_not_forged(world, committed):
	users = world.users
	request = frappe.get_doc(
		{
			"doctype": "Purchase Request",
			"company": world.company,
			"urgent": 1,
			"required_by": add_days(nowdate(), 5),
			"reason": "紧急扩容",
			"items": [{"item_code": ensure_item(), "qty": 1}],
		}
	)
	with as_user(users[R.BUSINESS_ASSISTANT]):
		request = apply_workflow(request.insert(), "Submit for Approval")
	with as_user(users[R.MARKETING_MANAGER]):
		request = apply_workflow(
			frappe.get_doc(request.doctype, request.name), "Approve on Behalf of General Manager"
		)
	customer = make_customer()
	contract = A.approved_contract(world.company, users, customer)
	committed += [("Purchase Request", request.name), ("Customer", customer), ("Contract", contract.name)]
	committed += [
		("Approval Step", s)
		for s in frappe.get_all(
			"Approval Step", filters={"reference_name": ("in", (request.name, contract.name))}, pluck="name"
		)
	]
	frappe.db.commit()
	s = session(world, users[R.MARKETING_MANAGER])
	for field, value in (
		("gm_confirmation_status", "Confirmed"),
		("gm_confirmed_by", users[R.GENERAL_MANAGER]),
		("approved_on_behalf", 0),
	):
		assert refused(
			post(
				s,
				world,
				"frappe.client.set_value",
				doctype="Purchase Request",
				name=request.name,
				fieldname=field,
				value=value,
			)
		)
	s = session(world, users[R.FINANCE_SUPERVISOR])
	assert refused(
		post(
			s,
			world,
			"frappe.client.set_value",
			doctype="Contract",
			name=contract.name,
			fieldname="lvyue_is_framework_contract",
			value=1,
		)
	)
	fresh()
	assert (
		frappe.db.get_value("Purchase Request", request.name, "gm_confirmation_status")
		== "Awaiting Confirmation"
	)
	assert not frappe.db.get_value("Contract", contract.name, "lvyue_is_framework_contract")


def test_M5_a_portal_user_reads_and_files_only_their_own_questionnaires(world):
	s_a, s_b = session(world, world.portal_a), session(world, world.portal_b)
	form = "frappe.website.doctype.web_form.web_form.accept"
	answer = {
		"satisfaction": "5",
		"service_speed": "4",
		"category": "Enquiry",
		"comments": '=HYPERLINK("x")',
		"survey_date": "2020-01-01",
	}
	try:
		assert post(s_b, world, form, web_form="satisfaction-survey", data=answer).ok
		assert post(s_a, world, form, web_form="satisfaction-survey", data=answer).ok
		assert refused(post(s_a, world, form, web_form="satisfaction-survey", data=answer))  # one a month
		listing = s_a.get(
			f"{world.url}/api/resource/Satisfaction Survey",
			params={"fields": '["customer","survey_date","comments"]', "limit_page_length": 0},
			timeout=30,
		).json()["data"]
		assert {row["customer"] for row in listing} == {world.a}
		assert listing[0]["survey_date"] == nowdate()  # the server's date, not the one sent
		assert not listing[0]["comments"].startswith("=")  # no formula in an export
	finally:
		fresh()
		frappe.db.delete("Satisfaction Survey", {"customer": ("in", (world.a, world.b))})
		frappe.db.commit()


def test_M6_one_customer_that_fails_does_not_stop_the_run_and_a_rerun_bills_only_it(base):
	"""The stale shard whose worker died is
	test_billing_faults.test_two_workers_bill_a_run_and_a_killed_one_loses_nothing."""
	from lvyue_ops.tests.billing_helpers import bill, vos_customer

	customers = []
	for amount in (10, 20, 30):
		customer, account = vos_customer()
		customers.append(customer)
		frappe.get_doc(
			{
				"doctype": "Usage Statement",
				"company": base.company,
				"customer": customer,
				"vos_account": account,
				"period": "2026-06-01",
				"amount": amount,
			}
		).insert()
	frappe.db.set_value("Customer", customers[1], "is_frozen", 1)  # ERPNext refuses its invoice
	run = frappe.get_doc({"doctype": "Billing Run", "company": base.company, "period": "2026-06-01"}).insert()
	frappe.db.commit()
	try:
		run = bill(run)
		assert (run.status, run.invoices_created, run.failed_customers) == ("Completed with Errors", 2, 1)
		assert [e.customer for e in run.errors] == [customers[1]]
		frappe.db.set_value("Customer", customers[1], "is_frozen", 0)
		frappe.db.commit()
		run = bill(run)
		assert run.status == "Completed" and not run.errors
		billed = frappe.get_all(
			"Sales Invoice", filters={"customer": ("in", customers), "docstatus": 1}, pluck="customer"
		)
		assert sorted(billed) == sorted(customers)  # each once
	finally:
		frappe.db.rollback()
		for name in frappe.get_all(
			"Sales Invoice", filters={"customer": ("in", customers), "docstatus": 1}, pluck="name"
		):
			frappe.get_doc("Sales Invoice", name).cancel()
		frappe.db.delete("Usage Statement", {"customer": ("in", customers)})
		for task in frappe.get_all("Ops Duty Task", filters={"reference_name": run.name}, pluck="name"):
			frappe.db.delete("ToDo", {"reference_name": task})
			frappe.db.delete("Ops Duty Task", {"name": task})
		frappe.db.commit()


def test_M8_a_scheduler_job_goes_on_past_a_bad_record_and_logs_it_once(base):
	"""The VAT-day catch-up is test_receivables.test_a_vat_day_the_job_missed_is_caught_up_once."""
	from frappe.utils import add_to_date, now_datetime

	from lvyue_ops.business_acceptance.document_deadline import check_document_deadlines

	users = A.users()
	orders = []
	for _ in range(2):
		customer = make_customer()
		contract = A.approved_contract(base.company, users, customer)
		orders.append(
			A.run_action(
				A.make_order(base.company, customer, contract=contract.name),
				users[R.BUSINESS_ASSISTANT],
				"accept",
			)
		)
	frappe.db.delete("Business Order Resource", {"parent": orders[0].name})  # its shutdown cannot be made
	now = add_to_date(now_datetime(), days=10)
	frappe.cache.delete_keys("lvyue_job_failure::document deadline")

	def logged():
		return frappe.db.count("Error Log", {"method": ("like", f"%document deadline ({orders[0].name})%")})

	before = logged()
	assert check_document_deadlines(now=now) == [orders[1].name]
	assert logged() == before + 1
	check_document_deadlines(now=add_to_date(now, hours=1))  # the next hour: not logged again
	assert logged() == before + 1


def test_M10_bad_usage_files_are_row_errors_never_a_500(base):
	"""Dimension bombs, nan/inf/1e20, overlong cells, runaway CSV fields, empty sheets and the error
	cap: test_usage_import (test_an_xlsx_that_declares_a_billion_cells_is_read_as_it_is,
	test_numbers_that_are_not_finite_or_not_in_range_are_row_errors,
	test_overlong_cells_are_row_errors_and_a_runaway_field_a_file_error,
	test_unreadable_files_are_reported, test_the_first_thousand_errors_are_listed_and_all_are_counted);
	the size limit here."""
	from lvyue_ops.tests.billing_helpers import usage_import

	frappe.db.set_single_value("Lvyue Ops Settings", "max_import_size_mb", 1)
	doc = usage_import(base.company, "big.csv", csv_bytes([("vos1", "2026-11", 1, 1, 1, "x" * 100)] * 12_000))
	with pytest.raises(frappe.ValidationError, match="larger than 1 MB"):
		doc.start_import()
	assert frappe.db.get_value("Usage Import", doc.name, "status") == "Draft"


def test_M11_id_scans_are_private_to_the_business_assistant(world, committed):
	s = session(world, world.portal_a)
	s.post(
		f"{world.url}/api/method/lvyue_ops.portal.upload_qualification_document",
		data={"customer": world.a, "document_type": "Legal Representative ID"},
		files={"file": ("id.pdf", unique_pdf(), "application/pdf")},
		timeout=30,
	)
	fresh()
	url = frappe.db.get_value(
		"Customer Qualification Document",
		{"parent": world.a, "document_type": "Legal Representative ID"},
		"file",
	)
	for role in (R.SALES_USER, R.MARKETING_MANAGER, R.GENERAL_MANAGER):
		reader = session(world, world.users[role])
		assert (
			reader.get(f"{world.url}/api/resource/Customer Qualification/{world.a}", timeout=30).status_code
			== 403
		)
		assert reader.get(f"{world.url}{url}", timeout=30).status_code == 403, role
	reviewer = session(world, world.users[R.BUSINESS_ASSISTANT])
	assert reviewer.get(f"{world.url}{url}", timeout=30).ok
	assert s.get(f"{world.url}{url}", timeout=30).ok  # the customer's own portal user


def test_M11_a_name_changes_scans_are_not_for_every_reader_of_the_order(world, committed):
	"""The new company's licence and legal representative's ID, attached to a Name Change order:
	its readers (Sales, Operations, the General Manager …) do not download them."""
	from lvyue_ops.tests.billing_helpers import attach

	customer = make_customer()
	order = A.make_order(world.company, customer, "Name Change", new_customer_name="新名称有限公司")
	url = attach(order, "legal_rep_id.pdf", unique_pdf(), "new_legal_rep_id")
	order.new_legal_rep_id = url  # as the form's upload sets the field and saves
	order.save()
	committed += [("Customer", customer), ("Business Order", order.name)]
	committed += [("File", f) for f in frappe.get_all("File", filters={"file_url": url}, pluck="name")]
	committed.append(("Customer Qualification", customer))
	frappe.db.commit()
	for role in (R.SALES_USER, R.OPERATIONS_SUPERVISOR, R.GENERAL_MANAGER, R.CUSTOMER_SERVICE):
		reader = session(world, world.users[role])
		assert reader.get(f"{world.url}/api/resource/Business Order/{order.name}", timeout=30).ok, role
		assert reader.get(f"{world.url}{url}", timeout=30).status_code == 403, role
	assert session(world, world.users[R.BUSINESS_ASSISTANT]).get(f"{world.url}{url}", timeout=30).ok


# --- Low -------------------------------------------------------------------------------------------


def test_L1_the_portal_page_escapes_what_it_shows(world, committed):
	customer = make_customer(f'x" autofocus onfocus="alert(1) {frappe.generate_hash(length=5)}')
	user = make_portal_user(customer, password=PASSWORD)
	committed += [("Contact", c) for c in frappe.get_all("Contact", filters={"user": user}, pluck="name")]
	committed += [("User", user), ("Customer", customer)]
	frappe.db.commit()
	page = session(world, user).get(f"{world.url}/qualification", timeout=30).text
	assert 'onfocus="alert(1)' not in page
	assert "&#34; autofocus onfocus=&#34;alert(1)" in page or "&quot; autofocus" in page


def test_L3_an_import_reads_only_its_own_attachment(base):
	from lvyue_ops.tests.billing_helpers import usage_import

	other = usage_import(base.company, "other.csv", csv_bytes([("vos1", "2026-11", 1, 1, 1, "L")]))
	doc = frappe.get_doc(
		{"doctype": "Usage Import", "company": base.company, "period": "2026-11-01"}
	).insert()
	doc.db_set("import_file", other.import_file)  # a file of another record
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Usage Import", doc.name).start_import()


def test_L5_a_salesperson_reads_only_their_own_steps_and_figures(world, committed):
	users = world.users
	colleague = make_user([R.SALES_USER])
	own = make_project_approval(world.company, users[R.SALES_USER], make_customer())
	theirs = make_project_approval(world.company, colleague, make_customer())
	for doc, user in ((own, users[R.SALES_USER]), (theirs, colleague)):
		with as_user(user):
			apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Submit for Approval")
	committed += [("User", colleague), ("Project Approval", own.name), ("Project Approval", theirs.name)]
	committed += [("Customer", own.customer), ("Customer", theirs.customer)]
	committed += [
		("Approval Step", s)
		for s in frappe.get_all(
			"Approval Step", filters={"reference_name": ("in", (own.name, theirs.name))}, pluck="name"
		)
	]
	frappe.db.commit()
	s = session(world, users[R.SALES_USER])
	steps = s.get(
		f"{world.url}/api/resource/Approval Step",
		params={"fields": '["reference_name"]', "limit_page_length": 0},
		timeout=30,
	).json()["data"]
	names = {row["reference_name"] for row in steps}
	assert own.name in names and theirs.name not in names
	step = frappe.get_all("Approval Step", filters={"reference_name": theirs.name}, pluck="name")[0]
	assert s.get(f"{world.url}/api/resource/Approval Step/{step}", timeout=30).status_code == 403


def test_L5_peer_pay_is_not_for_every_salesperson(world):
	"""The Salesperson Collections report (every salesperson's collected money, HR's bonus data)
	is refused to a salesperson over HTTP; their own figure they confirm on their Salesperson
	Revenue (test_L5_a_salesperson_reads_only_their_own_steps_and_figures, test_H4)."""
	s = session(world, world.users[R.SALES_USER])
	response = post(
		s,
		world,
		"frappe.desk.query_report.run",
		report_name="Salesperson Collections",
		filters={"company": world.company, "month": "2026-06-01"},
	)
	assert refused(response)
	hr = post(
		session(world, world.users[R.HR_USER]),
		world,
		"frappe.desk.query_report.run",
		report_name="Salesperson Collections",
		filters={"company": world.company, "month": "2026-06-01"},
	)
	assert hr.ok, hr.text[:300]


def test_L6_duty_kpis_are_not_set_by_hand_and_an_action_counts_once(base):
	from datetime import date

	from lvyue_ops.ops_calendar.ops_calendar import open_duty_tasks, task_name

	open_duty_tasks(today=date(2026, 11, 20))
	task = frappe.get_doc("Ops Duty Task", task_name("Payment Due", base.company, date(2026, 11, 1)))
	with as_user(make_user([R.CUSTOMER_SERVICE])):
		task.update({"status": "Completed", "on_time": 1})
		with pytest.raises((frappe.ValidationError, frappe.PermissionError)):
			task.save()
	audit = frappe.get_doc(
		{"doctype": "Tariff Audit", "company": base.company, "audit_date": "2026-11-25"}
	).insert()
	with as_user(make_user([R.OPERATIONS_SUPERVISOR])):
		frappe.get_doc("Tariff Audit", audit.name).complete()
		with pytest.raises(frappe.ValidationError):
			frappe.get_doc("Tariff Audit", audit.name).complete()  # a second time completes no other month


def test_L7_the_certification_override_holds_for_its_supplier_and_date_only(base):
	"""test_procurement.test_general_manager_override_is_recorded gives the override; here it is moved."""
	from lvyue_ops.tests.test_procurement import purchase_order

	with as_user(make_user([R.GENERAL_MANAGER, "Purchase Manager"])):
		order = purchase_order(
			base.company, make_supplier(), lvyue_certification_override=1, lvyue_override_reason="紧急设备"
		).insert()
	with as_user(make_user(["Purchase Manager"])):
		for change in ({"supplier": make_supplier()}, {"transaction_date": "2026-11-12"}):
			doc = frappe.get_doc("Purchase Order", order.name)
			doc.update(change)
			with pytest.raises(frappe.PermissionError):
				doc.save()


def test_L8_a_crisis_notice_and_the_statements_go_out_once(base):
	"""Statements: test_billing_run.test_statements_are_queued_with_the_chinese_bill sends twice."""
	crisis = frappe.get_doc(
		{
			"doctype": "Public Crisis",
			"title": "光缆中断",
			"crisis_type": "Carrier Outage",
			"occurred_on": "2026-11-20 10:00:00",
			"meeting_date": "2026-11-20",
			"meeting_decision": "统一口径",
			"external_statement": "抢修中",
			"internal_notice": "统一口径",
		}
	).insert()
	with as_user(make_user([R.OPERATIONS_SUPERVISOR])):
		frappe.get_doc("Public Crisis", crisis.name).notify_departments()
		with pytest.raises(frappe.ValidationError):
			frappe.get_doc("Public Crisis", crisis.name).notify_departments()


def test_L10_the_portal_keeps_one_file_per_document_and_a_get_writes_nothing(world):
	fresh()
	s = session(world, world.portal_b)
	frappe.delete_doc(
		"Customer Qualification", world.b, force=True, ignore_permissions=True, ignore_missing=True
	)
	frappe.db.commit()
	assert s.get(f"{world.url}/qualification", timeout=30).ok
	fresh()
	assert not frappe.db.exists("Customer Qualification", world.b)  # a GET made nothing
	for _ in range(2):
		response = s.post(
			f"{world.url}/api/method/lvyue_ops.portal.upload_qualification_document",
			data={"customer": world.b, "document_type": "Handler ID"},
			files={"file": ("h.pdf", unique_pdf(), "application/pdf")},
			timeout=30,
		)
		assert response.ok, response.text
	fresh()
	assert frappe.db.count("File", {"attached_to_name": world.b}) == 1  # the replaced upload is gone


def test_L11_one_person_approves_one_step_of_a_document(base):
	users = A.users()
	both = make_user([R.MARKETING_MANAGER, R.OPERATIONS_SUPERVISOR])
	doc = approve_through(
		make_project_approval(base.company, users[R.SALES_USER], make_customer()),
		users,
		"Pending Marketing Manager",
	)[0]
	with as_user(both):
		doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Approve")
		assert doc.workflow_state == "Pending Operations Supervisor"
		with pytest.raises(frappe.PermissionError, match="another person"):
			apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Approve")


# --- Review of a23a2f2 (2026-12-02): new findings -------------------------------------------------
# N-H1, N-H2, N-M3 and N-M5 are in test_security_portal.py.


def restricted_user(role: str, company: str) -> str:
	"""A desk user of `role` whom a User Permission keeps to `company`."""
	user = make_user([role], password=PASSWORD, user_type="System User")
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user,
			"allow": "Company",
			"for_value": company,
			"is_default": 1,
		}
	).insert()
	return user


def test_N_M1_an_action_acts_on_the_stored_record_with_the_users_own_rights(world, committed):
	"""Finance sends an assessment with a forged customer and limit; a Customer Service user kept to
	one company sends the other company's duty task as their own company's: nothing of it acts."""
	from lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment import (
		assess,
	)
	from lvyue_ops.tests.factories import second_company

	other = second_company().company
	task = frappe.get_doc(
		{
			"doctype": "Ops Duty Task",
			"duty": "Payment Due",
			"company": other,
			"period": "2031-01-01",
			"due": "2031-01-25 17:00:00",
			"responsible_role": R.CUSTOMER_SERVICE,
			"status": "Open",
		}
	).insert(ignore_permissions=True)
	customer, victim = make_customer(), make_customer()
	assessment = frappe.get_doc("Customer Credit Assessment", assess(customer, world.company, "2026-07-31"))
	cs = restricted_user(R.CUSTOMER_SERVICE, world.company)
	committed += [("Ops Duty Task", task.name), ("Customer Credit Assessment", assessment.name), ("User", cs)]
	committed += [("Customer", customer), ("Customer", victim)]
	frappe.db.commit()

	forged = {**task.as_dict(), "company": world.company}
	assert refused(run_doc_method(session(world, cs), world, forged, "mark_done", note="已催收"))
	response = run_doc_method(
		session(world, world.users[R.FINANCE_SUPERVISOR]),
		world,
		{**assessment.as_dict(), "customer": victim, "suggested_credit_limit": 88_888_888},
		"apply_credit_limit",
	)
	fresh()
	assert frappe.db.get_value("Ops Duty Task", task.name, "status") == "Open"
	assert not frappe.get_all("Customer Credit Limit", filters={"parent": victim})
	if response.ok:  # the stored assessment's own customer and limit
		limits = frappe.get_all("Customer Credit Limit", filters={"parent": customer}, pluck="credit_limit")
		assert limits == [assessment.suggested_credit_limit]


def test_N_M2_a_card_that_reads_with_system_rights_keeps_the_viewers_session(world):
	"""The overdue receivables card reads ERPNext's Accounts Receivable with system rights. On the
	request that writes the session back (every 10 minutes; forced here), the session stays the
	viewer's: their next request is still theirs."""
	viewer = world.users[R.OPERATIONS_SUPERVISOR]
	s = session(world, viewer)
	frappe.cache.hdel("last_db_session_update", s.cookies["sid"])  # this request writes the session
	card = s.get(
		f"{world.url}/api/method/lvyue_ops.fulfilment_tracking.kpi.overdue_receivables",
		params={"filters": frappe.as_json({"company": world.company})},
		timeout=60,
	)
	assert card.ok, card.text[:500]
	again = s.get(f"{world.url}/api/method/frappe.auth.get_logged_user", timeout=30)
	assert again.ok and again.json()["message"] == viewer, again.text[:500]


def test_N_M2_a_step_with_system_rights_leaves_the_users_session_as_it_was(base):
	"""The Business Assistant posts a confirmed receipt without accounting rights of their own: the
	request's session (its object, sid, data and user) and form are the same after as before."""
	assistant = make_user([R.BUSINESS_ASSISTANT])
	customer = make_customer()
	receipt = frappe.get_doc(
		{
			"doctype": "Unidentified Receipt",
			"company": base.company,
			"received_on": nowdate(),
			"amount": 500,
			"payer_name": "某公司",
		}
	).insert()
	receipt.db_set({"customer": customer, "receipt_type": "Prepayment", "status": "Confirmed"})
	with as_user(assistant):
		session, form = frappe.local.session, frappe.local.form_dict
		session.data = frappe._dict(csrf_token="token-of-the-request", user=assistant)
		before = frappe.as_json(session)
		frappe.get_doc("Unidentified Receipt", receipt.name).post()
		assert frappe.local.session is session and frappe.as_json(session) == before
		assert frappe.local.form_dict is form and frappe.session.user == assistant
	assert frappe.db.get_value("Unidentified Receipt", receipt.name, "payment_entry")


def test_N_M4_a_usage_lines_markup_is_a_row_error(base):
	from lvyue_ops.tests.billing_helpers import import_usage, usage_import, vos_customer

	_customer, account = vos_customer()
	doc = usage_import(
		base.company,
		"vos.csv",
		csv_bytes([(account, "2026-11", 1, 1, 1, "<img src=x onerror=alert(document.domain)>")]),
	)
	assert import_usage(doc) is False
	assert [(e.row_no, e.column) for e in doc.errors] == [(2, "Line or Number")]
	assert not frappe.db.count("Usage Statement", {"vos_account": account})


# read-only whitelisted functions: the only ones a GET may call
READ_ONLY = {
	"make_renewal",  # mappers: return an unsaved document
	"make_business_order",
	"make_change_approval",
	"shard_progress",
	"collection_rate",  # the cards' and charts' figures
	"overdue_receivables",
	"days_sales_outstanding",
	"approvals_within_sla",
	"duty_on_time_rate",
	"complaints_past_reply",
	"stalled_orders",
	"get",
	"download_calls",  # a bill's 详单, a download
	"my_work",  # what waits for the reader (a workspace block)
	"duty_calendar",  # the ops calendar view
}


def test_N_M6_every_action_that_changes_state_is_post_only(world, committed):
	"""A link (a GET, which needs no CSRF token) cancels nothing; and every whitelisted function of
	the app but the read-only ones takes POST only."""
	import importlib
	import pkgutil

	import lvyue_ops

	customer = make_customer()
	order = A.make_order(world.company, customer)
	committed += [("Customer", customer), ("Business Order", order.name)]
	frappe.db.commit()
	s = session(world, world.users[R.BUSINESS_ASSISTANT])
	response = s.get(
		f"{world.url}/api/method/run_doc_method",
		params={"dt": "Business Order", "dn": order.name, "method": "cancel_order"},
		timeout=30,
	)
	assert response.status_code == 403, response.text[:300]
	fresh()
	assert frappe.db.get_value("Business Order", order.name, "status") == "Draft"

	for module in pkgutil.walk_packages(lvyue_ops.__path__, "lvyue_ops."):
		if ".tests" not in module.name and ".patches" not in module.name:
			importlib.import_module(module.name)
	ours = [fn for fn in frappe.whitelisted if fn.__module__.startswith("lvyue_ops.")]
	assert len(ours) > 40
	open_to_get = sorted(
		f"{fn.__module__}.{fn.__qualname__}"
		for fn in ours
		if fn.__name__ not in READ_ONLY and frappe.allowed_http_methods_for_whitelisted_func[fn] != ["POST"]
	)
	assert open_to_get == []


def test_N_L3_an_import_whose_worker_died_starts_again(base):
	from lvyue_ops.tests.billing_helpers import import_usage, usage_import, vos_customer

	_customer, account = vos_customer()
	doc = usage_import(base.company, "vos.csv", csv_bytes([(account, "2026-11", 1, 1, 1, "L1")]))
	doc.db_set("status", "Queued")  # queued, and its job gone with its worker
	with as_user(make_user([R.BUSINESS_ASSISTANT])):
		assert import_usage(frappe.get_doc("Usage Import", doc.name)) is True
	assert frappe.db.count("Usage Statement", {"vos_account": account}) == 1


def test_N_L4_company_cards_are_for_readers_of_the_whole_company(world):
	from lvyue_ops.fulfilment_tracking import kpi

	filters = {"company": world.company}
	with as_user(world.users[R.SALES_USER]), pytest.raises(frappe.PermissionError):
		kpi.approvals_within_sla(filters)  # they read their own steps only
	some_customers = make_user([R.OPERATIONS_SUPERVISOR])
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": some_customers,
			"allow": "Customer",
			"for_value": make_customer(),
		}
	).insert()
	with as_user(some_customers), pytest.raises(frappe.PermissionError):
		kpi.collection_rate(filters)
	with as_user(make_user([R.OPERATIONS_SUPERVISOR])):
		assert "value" in kpi.collection_rate(filters)
	with as_user(world.users[R.OPERATIONS_SUPERVISOR]):
		assert "value" in kpi.approvals_within_sla(filters)


def test_N_L5_a_price_sheet_stops_at_its_row_limit(base):
	from lvyue_ops.utils.sheets import SheetError, read_rows

	rows = "\n".join(f"item{i},1" for i in range(5001))
	with pytest.raises(SheetError, match="5000"):
		read_rows("prices.csv", f"item,unit_price\n{rows}".encode())
	assert len(read_rows("prices.csv", b"item,unit_price\n" + b"\n".join([b"a,1"] * 4999))) == 5000


def test_N_L6_only_the_owner_or_marketing_links_a_prospects_approval(world, committed):
	from lvyue_ops.tests.approval_helpers import approve_through, ensure_item

	users = world.users
	with as_user(users[R.SALES_USER]):
		approval = frappe.get_doc(
			{
				"doctype": "Project Approval",
				"company": world.company,
				"prospect_name": "某意向客户有限公司",
				"expected_monthly_revenue": 1000,
				"feasibility_assessment": "可行",
				"services": [{"item_code": ensure_item(), "quantity": 1, "unit_price": 100}],
			}
		).insert()
	approval = approve_through(approval, users)[0]
	customer = make_customer()
	colleague = make_user([R.SALES_USER])
	with as_user(colleague), pytest.raises(frappe.PermissionError):
		frappe.get_doc("Project Approval", approval.name).link_customer(customer)
	with as_user(users[R.SALES_USER]):
		frappe.get_doc("Project Approval", approval.name).link_customer(customer)
	assert frappe.db.get_value("Project Approval", approval.name, "customer") == customer


def test_N_L2_uninstall_keeps_an_admins_change_of_a_doctypes_rights(base):
	"""The app was first to customise Supplier Group's rights; an admin then took a right away.
	Uninstalling gives back what the app added, and keeps the admin's change."""
	from lvyue_ops.setup import permissions as P

	untouched = set(P.stored(P.UNTOUCHED_KEY, "[]"))
	doctype = next(d for d in ("Supplier Group", "Item Group", "Price List") if d in untouched)
	row = frappe.get_all(
		"Custom DocPerm",
		filters={"parent": doctype, "read": 1, "permlevel": 0, "role": ("not in", R.DEPARTMENT_ROLES)},
		fields=["name", "role"],
	)[0]  # a standard role's row, copied from ERPNext's
	standard = frappe.db.get_value("DocPerm", {"parent": doctype, "role": row.role, "permlevel": 0}, "export")
	frappe.db.set_value("Custom DocPerm", row.name, "export", 0 if standard else 1)  # unlike ERPNext's
	kept = frappe.db.get_value("Custom DocPerm", row.name, ["role", "read", "export"], as_dict=True)
	try:
		P.remove_erpnext_permissions()
		assert frappe.db.exists("Custom DocPerm", row.name)
		assert (
			frappe.db.get_value("Custom DocPerm", row.name, ["role", "read", "export"], as_dict=True) == kept
		)
	finally:
		frappe.db.rollback()
		frappe.clear_cache()


def test_L12_a_contract_changes_only_through_the_roles_of_its_chain(world, committed):
	"""Sales Manager, Purchase Manager and HR Manager keep reading contracts as ERPNext lets them,
	but neither make, edit, delete nor share one: a contract changes through its chain only."""
	from frappe.share import add as share

	from lvyue_ops.tests.approval_helpers import make_contract

	customer = make_customer()
	draft = make_contract(world.users[R.SALES_USER], customer)
	for role in ("Sales Manager", "Purchase Manager", "HR Manager"):
		user = make_user([role])
		with as_user(user):
			assert frappe.has_permission("Contract", "read", draft.name)
			with pytest.raises(frappe.PermissionError):
				frappe.get_doc(
					{
						"doctype": "Contract",
						"party_type": "Customer",
						"party_name": customer,
						"start_date": "2026-12-01",
					}
				).insert()
			doc = frappe.get_doc("Contract", draft.name)
			doc.contract_terms = "改过"
			with pytest.raises(frappe.PermissionError):
				doc.save()
			with pytest.raises(frappe.PermissionError):
				frappe.delete_doc("Contract", draft.name)
			with pytest.raises(frappe.PermissionError):
				share("Contract", draft.name, world.users[R.HR_USER], write=1)
	with as_user(world.users[R.SALES_USER]):
		doc = frappe.get_doc("Contract", draft.name)
		doc.contract_terms = "中继线 20 条"
		doc.save()  # its salesperson still drafts it


def test_N_L1_the_credit_gate_holds_when_the_customer_changes_and_at_acceptance(world, committed):
	"""With the policy Refuse: a draft made for a customer in good standing and switched to a grade
	D one is refused; a draft made before its customer was graded D is not accepted without the
	General Manager's acceptance of the risk."""
	from lvyue_ops.tests.approval_helpers import ensure_item

	def grade_d(customer):
		A.assessed(customer, world.company, "D", "多次逾期")

	good, bad, later = make_customer(), make_customer(), make_customer()
	grade_d(bad)
	frappe.db.set_single_value("Lvyue Ops Settings", "low_credit_policy", "Refuse")
	frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")
	order = {
		"doctype": "Business Order",
		"company": world.company,
		"order_type": "New Installation",
		"resources": [{"item_code": ensure_item(), "quantity": 1}],
	}
	try:
		with as_user(make_user([R.SALES_USER])):
			draft = frappe.get_doc({**order, "customer": good}).insert()
			draft.customer = bad
			with pytest.raises(frappe.ValidationError, match="credit grade D"):
				draft.save()
			before_grading = frappe.get_doc({**order, "customer": later}).insert()
		grade_d(later)
		with as_user(make_user([R.BUSINESS_ASSISTANT])):
			with pytest.raises(frappe.ValidationError, match="credit grade D"):
				frappe.get_doc("Business Order", before_grading.name).check_acceptance()
	finally:
		frappe.db.rollback()
		frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")
