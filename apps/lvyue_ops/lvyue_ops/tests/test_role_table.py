"""The role table walked whole (permissions.STEPS): every step is taken by a user holding exactly
the role that owns it — allowed — and by a user of each other role of the rules — refused, with a
message in Chinese. Nobody here is Administrator.

"Allowed" is what the table says: for an action, the roles of its step; for creating or editing a
document, every role the table gives that right on the DocType."""

import re
from contextlib import contextmanager

import frappe
import pytest
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, nowdate

from lvyue_ops import roles as R
from lvyue_ops.permissions import STEPS, docperms
from lvyue_ops.tests import acceptance_helpers as A
from lvyue_ops.tests.approval_helpers import (
	approve_through,
	ensure_item,
	make_contract,
	make_project_approval,
)
from lvyue_ops.tests.billing_helpers import attach, csv_bytes, usage_import, vos_customer
from lvyue_ops.tests.factories import (
	CERTIFICATION_ITEMS,
	PHONE_REVISIT,
	attach_url,
	make_customer,
	make_supplier,
	make_user,
	unique_pdf,
)
from lvyue_ops.tests.utils import as_user

ROLES = (*R.DEPARTMENT_ROLES, R.SALES_USER, R.HR_USER)
CJK = re.compile(r"[\u4e00-\u9fff]")


class World(frappe._dict):
	"""One user per role, and the company."""


@pytest.fixture
def world(base):
	return World(company=base.company, users={role: make_user([role]) for role in ROLES})


# --- performers: prepare(world) returns act(user) ------------------------------------------------


def chain_doc(world, doctype, until, involves_equipment=0):
	users = world.users
	customer = make_customer()
	if doctype == "Project Approval":
		doc = make_project_approval(world.company, users[R.SALES_USER], customer, involves_equipment)
	else:
		approval = approve_through(
			make_project_approval(world.company, users[R.SALES_USER], customer), users
		)[0]
		doc = make_contract(
			users[R.SALES_USER], customer, approval.name, lvyue_involves_equipment=involves_equipment
		)
	return approve_through(doc, users, until_state=until)[0]


def workflow_action(doctype, state, action="Approve", equipment=0):
	def prepare(world):
		doc = chain_doc(world, doctype, state, equipment)
		return lambda user: apply_workflow(frappe.get_doc(doctype, doc.name), action)

	return prepare


def submit_for_approval(doctype):
	def prepare(world):
		customer = make_customer()
		approval = None
		if doctype == "Contract":
			approval = approve_through(
				make_project_approval(world.company, world.users[R.SALES_USER], customer), world.users
			)[0].name

		def act(user):
			if doctype == "Project Approval":
				doc = make_project_approval(world.company, user, customer)
			else:
				doc = make_contract(user, customer, approval)
			return apply_workflow(frappe.get_doc(doctype, doc.name), "Submit for Approval")

		return act

	return prepare


def purchase_request(world, urgent=0, submitted=False, approve=None):
	doc = frappe.get_doc(
		{
			"doctype": "Purchase Request",
			"company": world.company,
			"customer": make_customer(),
			"urgent": urgent,
			"required_by": add_days(nowdate(), 10),
			"reason": "客户新增中继",
			"items": [{"item_code": ensure_item(), "qty": 2, "expected_price": 300}],
		}
	)
	with as_user(world.users[R.BUSINESS_ASSISTANT]):  # a requester who is none of the leaders
		doc.insert()
		if submitted:
			doc = apply_workflow(doc, "Submit for Approval")
	if approve:
		with as_user(world.users[approve[0]]):
			doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), approve[1])
	return doc


def publicity_fields(world, **fields):
	return {
		"company": world.company,
		"title": "新平台上线",
		"source_department": "Marketing",
		"content": "<p>新平台上线</p>",
		**fields,
	}


def publicity(world, status="Submitted", **fields):
	doc = frappe.get_doc({"doctype": "Publicity Item", **publicity_fields(world, **fields)}).insert()
	doc.db_set("status", status)
	return doc


def crisis(status="Open"):
	doc = frappe.get_doc(
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
	doc.db_set("status", status)
	return doc


def method(make, name, **kwargs):
	"""A whitelisted action of the document `make(world)` returns."""

	def prepare(world):
		doc = make(world)
		return lambda user: getattr(frappe.get_doc(doc.doctype, doc.name), name)(**kwargs)

	return prepare


def create(doctype, values):
	def prepare(world):
		fields = values(world)
		return lambda user: frappe.get_doc({"doctype": doctype, **fields}).insert()

	return prepare


def edit(make, changes):
	def prepare(world):
		doc = make(world)

		def act(user):
			fresh = frappe.get_doc(doc.doctype, doc.name)
			fresh.update(changes(world))
			fresh.save()

		return act

	return prepare


def vos_server_of(world):
	"""A VOS server no one answers at (a pull of it is recorded as failed, at once)."""
	return frappe.get_doc(
		{
			"doctype": "VOS Server",
			"server_name": f"VOS-{frappe.generate_hash(length=6)}",
			"company": world.company,
			"base_url": "http://127.0.0.1:9",
			"pull_from": "2026-11-28",
			"retries": 1,
		}
	).insert()


def accepted_order(world, status="Draft", **fields):
	customer = make_customer()
	contract = A.approved_contract(world.company, world.users, customer)
	order = A.make_order(world.company, customer, contract=contract.name, **fields)
	if status != "Draft":
		A.complete_qualification(customer, world.users[R.BUSINESS_ASSISTANT])
		order = A.run_action(order, world.users[R.BUSINESS_ASSISTANT], "accept")
		order.db_set("completion_form", attach_url("竣工单.pdf"))
	if status == "Activated":
		order = A.run_action(order, world.users[R.BUSINESS_ASSISTANT], "activate")
		for field, _label in (
			("contract_original_archived", 0),
			("qualification_copies_archived", 0),
			("completion_form_archived", 0),
		):
			order.db_set(field, 1)
		order.db_set({"original_to_finance": 1, "original_to_finance_date": nowdate()})
	return order


def bill(world):
	from lvyue_ops.tests.test_receivables import make_bill

	return make_bill(
		world.company,
		make_customer(
			lvyue_needs_vat_invoice=1,
			tax_id="9144XXXX",
			lvyue_invoice_bank="工行",
			lvyue_invoice_address="广州",
		),
	)


def receipt(world, status="Unidentified", receipt_type="Prepayment"):
	doc = frappe.get_doc(
		{
			"doctype": "Unidentified Receipt",
			"company": world.company,
			"received_on": "2026-11-18",
			"amount": 300,
			"customer": make_customer(),
			"receipt_type": receipt_type,
		}
	).insert()
	if status != "Unidentified":
		doc.db_set("status", "Confirmed")
	if status == "Posted":
		with as_user(world.users[R.BUSINESS_ASSISTANT]):
			frappe.get_doc(doc.doctype, doc.name).post()
	return frappe.get_doc(doc.doctype, doc.name)


def recharge(world):
	"""A prepaid customer's recharge Finance posted directly (no Unidentified Receipt)."""
	from erpnext.accounts.party import get_party_account

	from lvyue_ops.receivables.doctype.unidentified_receipt.unidentified_receipt import receipts_account

	customer = make_customer(lvyue_is_prepaid=1)
	entry = frappe.get_doc(
		{
			"doctype": "Payment Entry",
			"payment_type": "Receive",
			"company": world.company,
			"posting_date": nowdate(),
			"party_type": "Customer",
			"party": customer,
			"paid_from": get_party_account("Customer", customer, world.company),
			"paid_to": receipts_account(world.company),
			"paid_amount": 500,
			"received_amount": 500,
			"source_exchange_rate": 1,
			"target_exchange_rate": 1,
			"reference_no": "BANK-1",
			"reference_date": nowdate(),
		}
	)
	entry.insert().submit()
	return entry


def invoice_application(world, status="Draft"):
	doc = frappe.get_doc(
		{
			"doctype": "Invoice Application",
			"company": world.company,
			"customer": (b := bill(world)).customer,
			"items": [{"sales_invoice": b.name}],
		}
	).insert()
	values = {"invoice_number": "4400001", "invoice_date": nowdate()}  # the finance entry
	if status != "Draft":
		doc.db_set(
			{
				"status": status,
				"courier": "顺丰",
				"tracking_number": "SF1",
				"delivered_on": nowdate(),
				**values,
			}
		)
	return doc


def write_off(world, status="Requested"):
	payment = frappe.get_doc("Payment Entry", receipt(world, "Posted").payment_entry)
	with as_user(world.users[R.BUSINESS_ASSISTANT]):
		doc = frappe.get_doc(
			{"doctype": "Write-off Request", "company": world.company, "payment_entry": payment.name}
		).insert()
	doc.db_set("payment_voucher", attach(doc, "voucher.pdf", unique_pdf()))
	if status != "Requested":
		doc.db_set("status", status)
	return doc


def hr_handover(world, status="Draft"):
	from frappe.utils.nestedset import get_root_of

	person = frappe.get_doc(
		{
			"doctype": "Sales Person",
			"sales_person_name": f"销售 {frappe.generate_hash(length=5)}",
			"parent_sales_person": get_root_of("Sales Person"),
		}
	).insert()
	revenue = frappe.get_doc(
		{
			"doctype": "Salesperson Revenue",
			"company": world.company,
			"month": "2026-06-01",
			"sales_person": person.name,
			"salesperson_user": world.users[R.SALES_USER],
		}
	).insert()
	revenue.db_set("status", "Confirmed")
	frappe.db.delete(
		"Salesperson Revenue", {"month": "2026-06-01", "name": ("!=", revenue.name), "company": world.company}
	)
	doc = frappe.get_doc(
		{
			"doctype": "HR Handover",
			"company": world.company,
			"handover_type": "Salesperson Revenue",
			"period": "2026-06-01",
		}
	).insert()
	if status != "Draft":
		doc.db_set("status", status)
	return doc


def order_with_risk(world):
	order = accepted_order(world)
	from lvyue_ops.business_acceptance.document_deadline import raise_document_risk

	risk, _shutdown = raise_document_risk(order, frappe.utils.now_datetime())
	return risk


def suspension(world, status="Draft", line_status="Active"):
	customer = make_customer()
	A.active_line(world.company, customer, status=line_status)
	doc = frappe.get_doc(
		{
			"doctype": "Suspension Request",
			"company": world.company,
			"customer": customer,
			"carrier": make_supplier(),
			"lines_or_numbers": "4008001001",
			"reason": "月度缓停",
		}
	).insert()
	if status != "Draft":
		doc.db_set("status", status)
	return doc


def complaint(world, channel="Oral", **fields):
	written = (
		{"complaint_letter": attach_url("letter.pdf"), "reply_email": "a@b.example"}
		if channel == "Written"
		else {}
	)
	return frappe.get_doc(
		{
			"doctype": "Complaint Register",
			"company": world.company,
			"customer": make_customer(),
			"channel": channel,
			"received_on": "2026-11-20 10:00:00",
			"content": "线路掉线",
			"oral_confirmation": 1,
			"reply": "已修复并减免月租",
			"is_valid": "Valid",
			**written,
			**fields,
		}
	).insert()


def issue(world, **fields):
	return frappe.get_doc(
		{
			"doctype": "Issue",
			"subject": "线路故障",
			"customer": make_customer(),
			"company": world.company,
			"lvyue_sales_user": world.users[R.SALES_USER],
			**fields,
		}
	).insert()


def purchase_order_for_uncertified(world):
	from lvyue_ops.tests.test_procurement import certify

	certified = make_supplier()
	certify(certified)
	doc = frappe.get_doc(
		{
			"doctype": "Purchase Order",
			"company": world.company,
			"supplier": certified,
			"transaction_date": nowdate(),
			"schedule_date": add_days(nowdate(), 7),
			"items": [
				{"item_code": ensure_item(), "qty": 1, "rate": 100, "schedule_date": add_days(nowdate(), 7)}
			],
		}
	).insert()
	return doc


def outbox(world):
	run = frappe.get_doc(
		{"doctype": "Billing Run", "company": world.company, "period": "2026-02-01"}
	).insert()
	run.db_set("status", "Completed")
	return run


def set_deposit_account(world):
	"""Fields of a level only some editors write (permlevel 1): frappe keeps them as they were
	for anyone else, without an error; a refusal is the value staying."""
	account = frappe.db.get_value(
		"Account", {"company": world.company, "is_group": 0, "root_type": "Liability"}
	)

	def act(user):
		doc = frappe.get_doc("Lvyue Company Settings", world.company)
		doc.deposit_account = account
		doc.save()
		if frappe.db.get_value("Lvyue Company Settings", world.company, "deposit_account") != account:
			raise LevelKept

	return act


class LevelKept(frappe.PermissionError):
	"""The value of a field of a higher level stayed as it was."""


def contract_review(world):
	contract = chain_doc(world, "Contract", "Approved")
	doc = frappe.get_doc(
		{
			"doctype": "Contract Review",
			"contract": contract.name,
			"period_from": "2026-07-01",
			"period_to": "2026-09-30",
		}
	).insert()
	doc.db_set("conclusion", "Fulfilled as Agreed")
	return doc


def credit_override(world):
	"""A grade D customer's new order, where Settings refuse them: the General Manager accepts."""
	customer = make_customer()
	A.assessed(customer, world.company, "D", "多次逾期")  # the company graded the customer D
	frappe.db.set_single_value("Lvyue Ops Settings", "low_credit_policy", "Refuse")
	frappe.clear_document_cache("Lvyue Ops Settings", "Lvyue Ops Settings")
	return lambda user: frappe.get_doc(
		{
			"doctype": "Business Order",
			"company": world.company,
			"customer": customer,
			"order_type": "New Installation",
			"credit_override": 1,
			"credit_override_reason": "战略客户，总经理批准",
			"resources": [{"item_code": ensure_item(), "quantity": 1}],
		}
	).insert()


def run_to_review(world):
	run = frappe.get_doc(
		{"doctype": "Billing Run", "company": world.company, "period": "2026-04-01"}
	).insert()
	run.append("anomalies", {"customer": make_customer(), "kind": "Usage Spike", "detail": "x"})
	run.status, run.review_status, run.flags.status_change_allowed = "Completed", "Pending Review", True
	run.save()
	return run


def overdue_review_with_a_late_bill(world):
	from lvyue_ops.tests.test_receivables import make_bill

	make_bill(world.company, make_customer())
	return frappe.get_doc(
		{"doctype": "Overdue Review", "company": world.company, "month": "2026-11-01", "as_of": "2026-11-26"}
	).insert()


# --- issue 23's second part: the 锦新 write-off, bad debts, publicity design, service review, tariffs


def partner_write_off(world):
	from lvyue_ops.tests.test_rules_c import item_group, item_in, paid_bill

	group = item_group("400 号码业务")
	settings = frappe.get_single("Lvyue Ops Settings")
	settings.append("partner_lines", {"business_line": group, "partner": "锦新"})
	settings.save()
	paid_bill(world.company, make_customer(), [(item_in(group), 300)], 300)

	def act(user):
		doc = frappe.get_doc(
			{"doctype": "Partner Write-off", "company": world.company, "business_line": group}
		).insert()
		doc.write_off("JX-1")

	return act


def proposed_bad_debt(world):
	from lvyue_ops.receivables.receivables import propose_journal_entry
	from lvyue_ops.tests.test_rules_c import paid_bill

	customer = make_customer()
	paid_bill(world.company, customer, [(ensure_item(), 500)], 0)
	with as_user(world.users[R.OPERATIONS_SUPERVISOR]):
		return propose_journal_entry(world.company, "Bad Debt", customer, 100, "客户已注销")


def propose_bad_debt(world):
	from lvyue_ops.receivables.receivables import propose_journal_entry
	from lvyue_ops.tests.test_rules_c import paid_bill

	customer = make_customer()
	paid_bill(world.company, customer, [(ensure_item(), 500)], 0)
	return lambda user: propose_journal_entry(world.company, "Bad Debt", customer, 50, "客户已注销")


def design_to_review(world):
	doc = purchase_request(world)
	doc.db_set({"publicity_material": 1, "docstatus": 1, "workflow_state": "Approved"})
	doc.db_set({"design_draft": attach_url("design.pdf"), "design_review_status": "Pending Review"})
	return doc


def service_review(world):
	def act(user):
		doc = frappe.get_doc(
			{
				"doctype": "Service Review",
				"company": world.company,
				"period_from": "2026-11-01",
				"period_to": "2026-11-30",
				"findings": "回复不及时",
				"actions": [
					{
						"action": "每日回复",
						"owner_user": world.users[R.CUSTOMER_SERVICE],
						"due_date": "2026-12-31",
					}
				],
			}
		).insert()
		doc.conclude()

	return act


def tariff_at(state):
	def prepare(world):
		from lvyue_ops.tests.test_rules_c import item_group, item_in, tariff

		doc = tariff(
			{**world.users, "company": world.company},
			item_in(item_group("中继线")),
			300,
			"2026-01-01",
			approve=False,
		)
		doc = approve_through(
			doc, {**world.users, R.SALES_USER: world.users[R.OPERATIONS_SUPERVISOR]}, state
		)[0]
		action = "Cancel" if state == "Approved" else "Approve"
		return lambda user: apply_workflow(frappe.get_doc("Tariff", doc.name), action)

	return prepare


def tariff_submit(world):
	from lvyue_ops.tests.test_rules_c import item_group, item_in

	item = item_in(item_group("中继线"))

	def act(user):
		doc = frappe.get_doc(
			{
				"doctype": "Tariff",
				"company": world.company,
				"item_code": item,
				"monthly_fee": 300,
				"valid_from": "2026-01-01",
				"review_by": "2026-07-01",
			}
		).insert()
		apply_workflow(doc, "Submit for Approval")

	return act


def tariff_review(world):
	from lvyue_ops.tests.test_rules_c import item_group, item_in, tariff

	doc = tariff({**world.users, "company": world.company}, item_in(item_group("中继线")), 300, "2026-01-01")
	return lambda user: frappe.get_doc("Tariff", doc.name).record_review(add_days(nowdate(), 90), "价格合理")


def price_override(world):
	order = A.make_order(world.company, make_customer())
	return lambda user: (
		lambda doc: (doc.update({"price_override": 1, "price_override_reason": "战略客户"}), doc.save())
	)(frappe.get_doc("Business Order", order.name))


PERFORM = {
	# approval chains
	**{
		f"{prefix}.{name}": workflow_action(doctype, state, equipment=int(name == "technical"))
		for prefix, doctype in (("project_approval", "Project Approval"), ("contract", "Contract"))
		for name, state in (
			("marketing", "Pending Marketing Manager"),
			("operations", "Pending Operations Supervisor"),
			("technical", "Pending Technical Support"),
			("finance", "Pending Finance Supervisor"),
			("general_manager", "Pending General Manager"),
		)
	},
	"project_approval.submit": submit_for_approval("Project Approval"),
	"contract.submit": submit_for_approval("Contract"),
	"project_approval.cancel": workflow_action("Project Approval", "Approved", "Cancel"),
	"contract.cancel": workflow_action("Contract", "Approved", "Cancel"),
	"project_approval.link_customer": lambda world: (
		lambda doc: lambda user: frappe.get_doc(doc.doctype, doc.name).link_customer(make_customer())
	)(approve_through(_prospect(world), world.users)[0]),
	"purchase_request.submit": lambda world: (
		lambda user: apply_workflow(
			frappe.get_doc(
				{
					"doctype": "Purchase Request",
					"company": world.company,
					"required_by": add_days(nowdate(), 5),
					"reason": "充值",
					"items": [{"item_code": ensure_item(), "qty": 1}],
				}
			).insert(),
			"Submit for Approval",
		)
	),
	"purchase_request.general_manager": lambda world: (
		lambda doc: lambda user: apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Approve")
	)(purchase_request(world, submitted=True)),
	"purchase_request.on_behalf": lambda world: (
		lambda doc: (
			lambda user: apply_workflow(
				frappe.get_doc(doc.doctype, doc.name), "Approve on Behalf of General Manager"
			)
		)
	)(purchase_request(world, urgent=1, submitted=True)),
	"purchase_request.cancel": lambda world: (
		lambda doc: lambda user: apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Cancel")
	)(purchase_request(world, submitted=True, approve=(R.GENERAL_MANAGER, "Approve"))),
	"purchase_request.confirm_on_behalf": lambda world: (
		lambda doc: (
			lambda user: __import__("lvyue_ops.workflow.approval", fromlist=["x"]).confirm_on_behalf_approval(
				"Purchase Request", doc.name
			)
		)
	)(
		purchase_request(
			world,
			urgent=1,
			submitted=True,
			approve=(R.OPERATIONS_SUPERVISOR, "Approve on Behalf of General Manager"),
		)
	),
	"purchase_request.assign_executor": lambda world: (
		lambda doc: (
			lambda user: frappe.get_doc(doc.doctype, doc.name).assign_executor(
				world.users[R.BUSINESS_ASSISTANT]
			)
		)
	)(purchase_request(world, submitted=True, approve=(R.GENERAL_MANAGER, "Approve"))),
	# business acceptance
	"business_order.create": create(
		"Business Order",
		lambda world: {
			"company": world.company,
			"customer": make_customer(),
			"order_type": "New Installation",
			"resources": [{"item_code": ensure_item(), "quantity": 1}],
		},
	),
	"business_order.accept": method(
		lambda world: A.make_order(
			world.company,
			(c := make_customer()),
			contract=A.approved_contract(world.company, world.users, c).name,
		),
		"accept",
	),
	"business_order.activate": method(lambda world: accepted_order(world, "Accepted"), "activate"),
	"business_order.archive": method(lambda world: accepted_order(world, "Activated"), "archive"),
	"business_order.cancel": method(
		lambda world: A.make_order(world.company, make_customer()), "cancel_order"
	),
	"customer_qualification.review": lambda world: _review(world),
	"risk_assessment.decide": method(
		order_with_risk, "decide", decision="Continue Service", reason="客户已承诺本周补齐"
	),
	# billing and receivables
	"usage_import.import": lambda world: (
		lambda doc: lambda user: frappe.get_doc(doc.doctype, doc.name).start_import()
	)(usage_import(world.company, "vos.csv", csv_bytes([(vos_customer()[1], "2026-11", 1, 1, 1, "L")]))),
	"billing_run.start": lambda world: (
		lambda doc: lambda user: queued_only(frappe.get_doc(doc.doctype, doc.name).start)
	)(frappe.get_doc({"doctype": "Billing Run", "company": world.company, "period": "2026-01-01"}).insert()),
	"billing_run.send_statements": method(outbox, "send_statements"),
	"unidentified_receipt.record": create(
		"Unidentified Receipt",
		lambda world: {
			"company": world.company,
			"received_on": nowdate(),
			"amount": 10,
			"payer_name": "某公司",
		},
	),
	"unidentified_receipt.confirm": method(lambda world: receipt(world), "confirm"),
	"unidentified_receipt.post": method(lambda world: receipt(world, "Confirmed"), "post"),
	"unidentified_receipt.update_vos": method(lambda world: receipt(world, "Posted"), "update_vos"),
	"overdue_review.review": method(
		lambda world: frappe.get_doc(
			{
				"doctype": "Overdue Review",
				"company": world.company,
				"month": "2026-11-01",
				"as_of": "2020-01-01",
			}
		).insert(),
		"complete",
	),
	"payment_entry.update_vos": lambda world: (
		lambda entry: (
			lambda user: __import__("lvyue_ops.overrides.payment_entry", fromlist=["x"]).mark_vos_updated(
				entry.name
			)
		)
	)(recharge(world)),
	"satisfaction_survey.record": create(
		"Satisfaction Survey",
		lambda world: {"customer": make_customer(), "received_via": "Fax", "satisfaction": 4},
	),
	"overdue_review.dunning": method(overdue_review_with_a_late_bill, "create_dunnings", today="2026-11-26"),
	"invoice_application.submit": method(
		invoice_application, "move_to_status", status="Submitted to Finance"
	),
	"invoice_application.issue": method(
		lambda world: invoice_application(world, "Submitted to Finance"), "move_to_status", status="Issued"
	),
	"invoice_application.deliver": method(
		lambda world: invoice_application(world, "Issued"), "move_to_status", status="Delivered"
	),
	"write_off_request.request": lambda world: (
		lambda payment: (
			lambda user: frappe.get_doc(
				{"doctype": "Write-off Request", "company": world.company, "payment_entry": payment}
			).insert()
		)
	)(receipt(world, "Posted").payment_entry),
	"write_off_request.attach_voucher": method(write_off, "attach_voucher"),
	"write_off_request.carrier": lambda world: (
		lambda doc, carrier: (
			lambda user: frappe.get_doc(doc.doctype, doc.name).request_carrier_write_off(carrier, "CT-1")
		)
	)(write_off(world, "Voucher Attached"), make_supplier()),
	"salesperson_revenue.prepare": lambda world: _revenue_create(world),
	"hr_handover.deliver": method(hr_handover, "deliver"),
	"hr_handover.receive": method(lambda world: hr_handover(world, "Delivered"), "receive"),
	# procurement
	"supplier_certification.certify": create(
		"Supplier Certification",
		lambda world: {"supplier": make_supplier(), "status": "Certified", **CERTIFICATION_ITEMS},
	),
	"supplier_price_list.maintain": lambda world: (
		lambda supplier: (
			lambda user: (
				frappe.get_doc(
					{
						"doctype": "Supplier Price List",
						"supplier": supplier,
						"currency": "CNY",
						"valid_from": nowdate(),
						"items": [{"item_code": ensure_item(), "unit_price": 300}],
					}
				)
				.insert()
				.submit()
			)
		)
	)(make_supplier()),
	"purchase_order.override_certification": edit(
		purchase_order_for_uncertified,
		lambda world: {
			"supplier": make_supplier(),
			"lvyue_certification_override": 1,
			"lvyue_override_reason": "紧急设备",
		},
	),
	"carrier_account.maintain": create(
		"Carrier Account",
		lambda world: {
			"carrier": make_supplier(),
			"account_no": frappe.generate_hash(length=8),
			"company": world.company,
			"balance": 10,
			"threshold": 5,
		},
	),
	"carrier_account.recharge": method(
		lambda world: frappe.get_doc(
			{
				"doctype": "Carrier Account",
				"carrier": make_supplier(),
				"account_no": frappe.generate_hash(length=8),
				"company": world.company,
				"customer": make_customer(),
				"balance": 10,
				"threshold": 5,
			}
		).insert(),
		"raise_recharge_request",
		amount=1000,
		urgent=1,  # before the customer's payment (test_procurement: with it)
	),
	"suspension_request.submit": method(suspension, "submit_to_carrier"),
	"suspension_request.answer": method(
		lambda world: suspension(world, "Submitted to Carrier"), "confirm", carrier_reference="CT-9"
	),
	"suspension_request.resume": method(
		lambda world: suspension(world, "Confirmed", line_status="Suspended"), "resume"
	),
	"service_line.maintain": edit(
		lambda world: frappe.get_doc("Service Line", A.active_line(world.company, make_customer())),
		lambda world: {"vos_line": "GZ-8001-1", "upstream_cost": 120},
	),
	"vos_server.maintain": create(
		"VOS Server",
		lambda world: {
			"server_name": f"VOS-{frappe.generate_hash(length=6)}",
			"company": world.company,
			"base_url": "http://127.0.0.1:9",
			"pull_from": "2026-11-28",
		},
	),
	"vos_server.pull": method(
		lambda world: vos_server_of(world),
		"pull_range",
		from_date="2026-11-28",
		to_date="2026-11-28",
	),
	"tariff_audit.complete": method(
		lambda world: frappe.get_doc(
			{"doctype": "Tariff Audit", "company": world.company, "audit_date": "2026-11-25"}
		).insert(),
		"complete",
	),
	# customer service
	"issue.handle": create(
		"Issue",
		lambda world: {
			"subject": "咨询资费",
			"customer": make_customer(),
			"lvyue_category": "Enquiry",
			"lvyue_channel": "Phone",
		},
	),
	"issue.technical": edit(issue, lambda world: {"resolution_details": "已更换板卡"}),
	"issue.supplier": edit(issue, lambda world: {"resolution_details": "运营商已处理"}),
	"receivables_reconciliation.reconcile": method(
		lambda world: frappe.get_doc(
			{"doctype": "Receivables Reconciliation", "company": world.company, "month": "2026-01-01"}
		).insert(),
		"refresh_balances",
	),
	"publicity_item.hand_in": create("Publicity Item", lambda world: publicity_fields(world)),
	"publicity_item.select": method(lambda world: publicity(world), "select"),
	"publicity_item.review": method(
		lambda world: publicity(world, "In Review"), "return_for_editing", note="补充日期"
	),
	"publicity_item.wechat": method(
		lambda world: publicity(world, "Selected", channel="WeChat"), "record_wechat", published_on=nowdate()
	),
	"holiday_greeting.record": method(
		lambda world: frappe.get_doc(
			{
				"doctype": "Holiday Greeting",
				"company": world.company,
				"holiday": "国庆节",
				"holiday_date": "2036-10-01",
				"customers": [{"customer": make_customer(), "greeted": 1, "channel": "Phone"}],
			}
		).insert(),
		"complete",
	),
	"issue.reply": lambda world: (
		lambda doc: (
			lambda user: __import__("lvyue_ops.overrides.issue", fromlist=["x"]).log_customer_reply(
				doc.name, "已告知客户处理进度", "Phone"
			)
		)
	)(issue(world)),
	"issue.escalate": lambda world: (
		lambda doc: (
			lambda user: __import__("lvyue_ops.overrides.issue", fromlist=["x"]).escalate(
				doc.name, "客户不认可"
			)
		)
	)(issue(world)),
	"revisit.record": create(
		"Revisit",
		lambda world: {
			**PHONE_REVISIT,
			"customer": make_customer(),
			"revisit_date": nowdate(),
			"method": "Phone",
			"satisfaction": 4,
			"result": "客户满意",
		},
	),
	"revisit.spot_check": edit(
		lambda world: frappe.get_doc(
			{
				"doctype": "Revisit",
				**PHONE_REVISIT,
				"customer": make_customer(),
				"revisit_date": nowdate(),
				"method": "Phone",
				"satisfaction": 4,
				"result": "客户满意",
			}
		).insert(),
		lambda world: {"spot_check_result": "Confirmed"},
	),
	"customer_symposium.hold": create(
		"Customer Symposium",
		lambda world: {"title": "座谈会", "symposium_date": nowdate(), "interval_months": "6"},
	),
	"complaint_register.register": create(
		"Complaint Register",
		lambda world: {
			"company": world.company,
			"customer": make_customer(),
			"channel": "Oral",
			"content": "占线",
			"received_on": "2026-11-20 10:00:00",
		},
	),
	"complaint_register.reply_oral": method(lambda world: complaint(world), "send_reply"),
	"complaint_register.reply_written": method(lambda world: complaint(world, "Written"), "send_reply"),
	"complaint_register.archive": edit(lambda world: complaint(world), lambda world: {"archived": 1}),
	"complaint_register.progress": method(
		lambda world: complaint(world), "log_progress", update="已转技术支持部"
	),
	"public_crisis.notify": method(lambda world: crisis(), "notify_departments"),
	"public_crisis.close": method(lambda world: crisis("Notified"), "close"),
	# the calendar and the settings
	"ops_duty.maintain": edit(
		lambda world: frappe.get_doc("Ops Duty", "Payment Due"), lambda world: {"opens_days_before": 6}
	),
	"holiday_list.extend": lambda world: (
		lambda name: (
			lambda user: __import__(
				"lvyue_ops.ops_calendar.holiday_lists", fromlist=["x"]
			).extend_holiday_list(name, "2028-01-31")
		)
	)(world.holiday_list),
	"lvyue_ops_settings.edit": edit(
		lambda world: frappe.get_doc("Lvyue Ops Settings"), lambda world: {"revisit_spot_check_percent": 11}
	),
	"lvyue_company_settings.edit": edit(
		lambda world: frappe.get_doc("Lvyue Company Settings", world.company),
		lambda world: {"low_balance_threshold": 321},
	),
	"lvyue_company_settings.accounts": lambda world: set_deposit_account(world),
	# 履约 tracking
	"contract.renew": lambda world: (
		lambda doc: (
			lambda user: (
				__import__("lvyue_ops.overrides.contract", fromlist=["x"]).make_renewal(doc.name).insert()
			)
		)
	)(chain_doc(world, "Contract", "Approved")),
	"contract.terminate": lambda world: (
		lambda doc: (
			lambda user: __import__("lvyue_ops.overrides.contract", fromlist=["x"]).terminate(
				doc.name, "2027-01-15", "客户停止合作"
			)
		)
	)(chain_doc(world, "Contract", "Approved")),
	"contract_review.complete": method(lambda world: contract_review(world), "complete"),
	"customer_credit_assessment.assess": create(
		"Customer Credit Assessment",
		lambda world: {"customer": make_customer(), "company": world.company, "note": "客户补交了保证金"},
	),
	"customer_credit_assessment.apply_limit": method(
		lambda world: frappe.get_doc(
			"Customer Credit Assessment",
			__import__(
				"lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment",
				fromlist=["x"],
			).assess(make_customer(), world.company),
		),
		"apply_credit_limit",
	),
	"business_order.credit_override": lambda world: credit_override(world),
	"billing_run.review": lambda world: (
		lambda run: (
			lambda user: frappe.get_doc("Billing Run", run.name).confirm_anomaly(
				run.anomalies[0].name, "已核对话单"
			)
		)
	)(run_to_review(world)),
	"partner_write_off.write_off": partner_write_off,
	"journal_entry.propose": propose_bad_debt,
	"journal_entry.post": lambda world: (
		lambda name: lambda user: frappe.get_doc("Journal Entry", name).submit()
	)(proposed_bad_debt(world)),
	"purchase_request.publicity": method(design_to_review, "review_design", approve=1),
	"service_review.conclude": service_review,
	"tariff.submit": tariff_submit,
	"tariff.finance": tariff_at("Pending Finance Supervisor"),
	"tariff.general_manager": tariff_at("Pending General Manager"),
	"tariff.cancel": tariff_at("Approved"),
	"tariff.review": tariff_review,
	"business_order.price_override": price_override,
	"monthly_operations_report.prepare": lambda world: (
		lambda user: (
			frappe.get_doc(
				{
					"doctype": "Monthly Operations Report",
					"company": world.company,
					"month": "2026-05-01",
					"analysis": "<p>本月新装增加。</p>",
				}
			)
			.insert()
			.submit()
		)
	),
}
# tested over HTTP by the portal tests: a customer's portal user is not a desk role; the steps that
# take up what is late are whom the escalation jobs tell (tested with each job)
NOT_WALKED = {
	"satisfaction_survey.fill",
	"approval_step.take_overdue",
	"approval_step.take_overdue_of_operations",
	"complaint_register.take_overdue",
	"suspension_request.take_late_shutdown",
	"issue.take_unaccepted",
	"issue.follow_up",
	"contract.expiry",
	"business_order.stalled",
}


def _prospect(world):
	with as_user(world.users[R.SALES_USER]):
		doc = frappe.get_doc(
			{
				"doctype": "Project Approval",
				"company": world.company,
				"prospect_name": "未来客户有限公司",
				"expected_monthly_revenue": 1000,
				"feasibility_assessment": "可行",
				"services": [{"item_code": ensure_item(), "quantity": 1, "unit_price": 100}],
			}
		).insert()
	return doc


def _review(world):
	from lvyue_ops.business_acceptance.doctype.customer_qualification.customer_qualification import (
		get_qualification,
	)

	qualification = get_qualification(make_customer())
	qualification.documents[0].file = attach_url("licence.pdf")
	qualification.save()

	def act(user):
		doc = frappe.get_doc("Customer Qualification", qualification.name)
		doc.documents[0].update({"status": "Approved", "sealed": 1})
		doc.save()

	return act


def _revenue_create(world):
	from frappe.utils.nestedset import get_root_of

	person = (
		frappe.get_doc(
			{
				"doctype": "Sales Person",
				"sales_person_name": f"销售 {frappe.generate_hash(length=5)}",
				"parent_sales_person": get_root_of("Sales Person"),
			}
		)
		.insert()
		.name
	)
	return lambda user: frappe.get_doc(
		{
			"doctype": "Salesperson Revenue",
			"company": world.company,
			"month": "2026-01-01",
			"sales_person": person,
			"salesperson_user": world.users[R.SALES_USER],
		}
	).insert()


def allowed_roles(key: str) -> set[str]:
	"""Roles the table allows to take the step: its own roles; and, where the step is creating or
	editing a document, every role the table gives that right."""
	step = STEPS[key]
	kind = PLAIN_RIGHT.get(key)
	if not kind:
		return set(step.roles)
	return {role for role, rights in docperms(step.doctype, app_doctype=True).items() if kind in rights}


# steps that are a plain create or write of the document, checked by its DocPerms
PLAIN_RIGHT = {
	"business_order.create": "create",
	"unidentified_receipt.record": "create",
	"salesperson_revenue.prepare": "create",
	"carrier_account.maintain": "create",
	"issue.handle": "create",
	"issue.technical": "write",
	"issue.supplier": "write",
	"revisit.record": "create",
	"customer_symposium.hold": "create",
	"complaint_register.register": "create",
	"satisfaction_survey.record": "create",
	"lvyue_company_settings.edit": "write",
	"ops_duty.maintain": "write",
	"lvyue_ops_settings.edit": "write",
}


def queued_only(action):
	"""Take the action as outside tests, where its jobs are queued after the commit, not run at once
	(the run's jobs commit); the attempt's rollback then drops them."""
	frappe.flags.in_test = False
	try:
		return action()
	finally:
		frappe.flags.in_test = True


@contextmanager
def attempt(user):
	frappe.db.savepoint("role_table")
	frappe.local.lang = "zh"
	frappe.local.message_log = []
	try:
		with as_user(user):
			yield
	finally:
		frappe.local.lang = "en"
		frappe.db.rollback(save_point="role_table")
		frappe.db.after_commit.reset()


def refusal_message(error) -> str:
	messages = [str(error)] + [
		str(m.get("message", "")) if isinstance(m, dict) else str(m) for m in frappe.local.message_log
	]
	return " ".join(messages)


WALKED = sorted(set(STEPS) - NOT_WALKED)


def test_every_step_of_the_table_is_walked():
	assert set(PERFORM) == set(WALKED)


@pytest.mark.parametrize("key", WALKED)
def test_each_step_is_its_roles_and_no_one_elses(world, key):
	world.holiday_list = frappe.db.get_value("Company", world.company, "default_holiday_list")
	act = PERFORM[key](world)
	allowed = allowed_roles(key) & set(ROLES)
	assert allowed, key
	for role in ROLES:
		if role in allowed:
			continue
		with attempt(world.users[role]):
			with pytest.raises((frappe.PermissionError, frappe.ValidationError)) as refused:
				act(world.users[role])
			if refused.type is LevelKept:
				continue  # frappe's own field-level rule: nothing to read
			message = refusal_message(refused.value)
			assert CJK.search(message), f"{key}: {role} refused without a Chinese message: {message!r}"
	for role in sorted(allowed):
		with attempt(world.users[role]):
			act(world.users[role])


def test_the_general_manager_reads_everything_but_the_id_scans(world):
	from lvyue_ops.permissions import GM_READS_ERPNEXT, PRIVATE_DOCTYPES, app_doctypes

	with as_user(world.users[R.GENERAL_MANAGER]):
		for doctype in [*app_doctypes(), *GM_READS_ERPNEXT]:
			assert frappe.has_permission(doctype, "read") == (doctype not in PRIVATE_DOCTYPES), doctype


def test_seeded_workflows_follow_the_table():
	from lvyue_ops.workflow.approval import transition_roles

	for key, step in STEPS.items():
		if step.chain:
			assert set(transition_roles(step.doctype, step.chain, step.action)) == set(step.roles), key


def form_links(doctype: str, role: str) -> set[str]:
	"""The DocTypes a user of `role` picks in the form of `doctype` (its link fields and its
	tables')."""
	from lvyue_ops.permissions import form_links as table_form_links

	return table_form_links(doctype, role)


@pytest.mark.parametrize("key", sorted(k for k, s in STEPS.items() if {"write", "create"} & set(s.rights)))
def test_whoever_fills_a_form_can_pick_its_links(base, key):
	"""Desk checks each link the user types (`frappe.client.validate_link`, the search list) with
	their own rights: a step that fills a form gives select on what its fields link to."""
	step = STEPS[key]
	missing = []
	for role in set(step.roles) & set(ROLES):
		with as_user(make_user([role])):
			for target in sorted(form_links(step.doctype, role)):
				if not (frappe.has_permission(target, "select") or frappe.has_permission(target, "read")):
					missing.append((role, target))
	assert not missing, f"{key}: {missing}"


def test_every_role_a_report_names_can_open_it(world):
	"""A report lists the roles it is for; each of them also needs the report right on the report's
	DocType, or frappe refuses it ("You don't have access to Report")."""
	from frappe.desk.query_report import get_report_doc

	from lvyue_ops.permissions import app_reports

	refused = []
	for report in app_reports():
		for role in frappe.get_all(
			"Has Role", filters={"parent": report, "parenttype": "Report"}, pluck="role"
		):
			if role == "System Manager":
				continue
			with as_user(world.users.get(role) or make_user([role])):
				try:
					get_report_doc(report)
				except frappe.PermissionError:
					refused.append((report, role))
				finally:
					frappe.local.message_log = []
	assert not refused
