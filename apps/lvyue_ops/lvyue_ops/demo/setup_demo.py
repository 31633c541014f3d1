"""Demo data for a site a person can click through in Chinese.

Run by scripts/setup: `bench --site SITE execute lvyue_ops.demo.setup_demo.run`.
Idempotent: records that exist are left as they are.
"""

import os
from contextlib import contextmanager

import frappe

from lvyue_ops import roles as R
from lvyue_ops.setup.base_records import (
	make_company,
	make_customer,
	make_fiscal_year,
	make_payment_terms,
	make_portal_user,
	make_supplier,
	make_user,
)
from lvyue_ops.utils.holiday_calendar import make_cn_holiday_list

COMPANY = "示例通信科技有限公司"
COMPANY_ABBR = "SLTX"
HOLIDAY_LIST = "中国法定节假日 2026"
DEMO_YEAR = 2026
EMAIL_DOMAIN = "demo.lvyue.cn"

# (login, full name, roles): each holds only the role the rules give them
DEMO_USERS = [
	("sales", "销售 王明", [R.SALES_USER]),
	("marketing", "营销部经理 李娜", [R.MARKETING_MANAGER]),
	("ops", "运营部主管 张伟", [R.OPERATIONS_SUPERVISOR]),
	("tech", "技术支持 刘洋", [R.TECHNICAL_SUPPORT]),
	("finance", "财务部主管 陈静", [R.FINANCE_SUPERVISOR]),
	("accounts", "会计 周敏", [R.ACCOUNTS_USER]),
	("gm", "总经理 赵强", [R.GENERAL_MANAGER]),
	("assistant", "商务助理 孙丽", [R.BUSINESS_ASSISTANT]),
	("cs", "客服专员 吴芳", [R.CUSTOMER_SERVICE]),
	("hr", "人事 郑洁", [R.HR_USER]),
]

PORTAL_USER = f"kehu@{EMAIL_DOMAIN}"
DEMO_CUSTOMERS = ["华南物流有限公司", "星辰教育科技有限公司", "远航国际贸易有限公司"]
# supplier groups whose purchases need a certified supplier (the company's Lvyue Company Settings)
CARRIERS, EQUIPMENT = "电信运营商", "通信设备供应商"
DEMO_SUPPLIERS = [
	"中国电信股份有限公司广州分公司",
	"中国联合网络通信有限公司广州市分公司",
	"中国移动通信集团广东有限公司",
]


def run():
	frappe.set_user("Administrator")
	complete_setup_wizard()
	make_demo_company()
	for name in DEMO_CUSTOMERS:
		make_customer(name)
	for name in DEMO_SUPPLIERS:
		make_supplier(name, supplier_group=CARRIERS)
	password = os.environ.get("LVYUE_DEMO_PASSWORD") or "lvyue-demo"
	for login, full_name, role_list in DEMO_USERS:
		make_user(f"{login}@{EMAIL_DOMAIN}", full_name, role_list, password, user_type="System User")
		keep_only_roles(f"{login}@{EMAIL_DOMAIN}", role_list)
	frappe.flags.lvyue_jobs_inline = True  # no workers run while the demo is loaded
	make_demo_salespeople()
	make_demo_outbox()
	make_demo_approvals()
	make_portal_user(DEMO_CUSTOMERS[0], PORTAL_USER, password)
	make_demo_orders()
	make_demo_billing()
	make_demo_procurement()
	make_demo_service()
	make_demo_tracking()
	frappe.db.commit()
	print(f"Demo users (password {password!r}): " + ", ".join(f"{u[0]}@{EMAIL_DOMAIN}" for u in DEMO_USERS))
	print(f"Portal user of {DEMO_CUSTOMERS[0]}: {PORTAL_USER} (same password), at /qualification")


def user(login: str) -> str:
	return f"{login}@{EMAIL_DOMAIN}"


@contextmanager
def acting_as(login: str):
	"""Demo records are made by the demo user whose step it is, as in desk."""
	frappe.set_user(user(login))
	try:
		yield
	finally:
		frappe.set_user("Administrator")


def keep_only_roles(email: str, roles) -> None:
	"""Demo sites loaded by earlier versions gave some users extra roles: take them away."""
	doc = frappe.get_doc("User", email)
	extra = {r.role for r in doc.roles} - set(roles)
	if extra:
		doc.remove_roles(*extra)


def complete_setup_wizard():
	if frappe.is_setup_complete():
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete(
		{
			"language": frappe.db.get_value("Language", "zh", "language_name") or "简体中文",
			"country": "China",
			"timezone": "Asia/Shanghai",
			"currency": "CNY",
			"full_name": "系统管理员",
			"email": f"admin@{EMAIL_DOMAIN}",
			"company_name": COMPANY,
			"company_abbr": COMPANY_ABBR,
			"company_tagline": "履约运营演示",
			"industry": "Telecommunications",
			"chart_of_accounts": "Standard",
			"fy_start_date": f"{DEMO_YEAR}-01-01",
			"fy_end_date": f"{DEMO_YEAR}-12-31",
			"setup_demo": 0,
		}
	)
	frappe.db.commit()


def make_demo_company():
	make_company(COMPANY, COMPANY_ABBR)
	holiday_list = make_cn_holiday_list(HOLIDAY_LIST, DEMO_YEAR)
	make_company(COMPANY, COMPANY_ABBR, holiday_list.name)
	for year in (DEMO_YEAR, DEMO_YEAR + 1):
		make_fiscal_year(year)
	from frappe.utils.nestedset import get_root_of

	for group in (CARRIERS, EQUIPMENT):
		if not frappe.db.exists("Supplier Group", group):
			frappe.get_doc(
				{
					"doctype": "Supplier Group",
					"supplier_group_name": group,
					"parent_supplier_group": get_root_of("Supplier Group"),
				}
			).insert(ignore_permissions=True)
	if not frappe.db.exists("Lvyue Company Settings", COMPANY):
		frappe.get_doc(
			{
				"doctype": "Lvyue Company Settings",
				"company": COMPANY,
				"certified_supplier_groups": [{"supplier_group": CARRIERS}, {"supplier_group": EQUIPMENT}],
			}
		).insert(ignore_permissions=True)


# Demo approvals: (customer, involves equipment, hours each step took, stop at state)
DEMO_APPROVALS = [
	(DEMO_CUSTOMERS[0], 0, [3, 20, 30, 6], "Approved"),
	(DEMO_CUSTOMERS[1], 1, [5, 26, 12, 4, 2], "Approved"),
	(DEMO_CUSTOMERS[2], 0, [2, 8], "Pending Finance Supervisor"),
]


def make_demo_salespeople():
	"""The salespeople by name (the picker lists people, not only the team)."""
	from frappe.utils.nestedset import get_root_of

	for _login, full_name, roles in DEMO_USERS:
		name = full_name.split()[-1]
		if R.SALES_USER in roles and not frappe.db.exists("Sales Person", name):
			frappe.get_doc(
				{
					"doctype": "Sales Person",
					"sales_person_name": name,
					"parent_sales_person": get_root_of("Sales Person"),
					"is_group": 0,
				}
			).insert(ignore_permissions=True)


def make_demo_outbox():
	"""Statements go out by email: the demo sends to a local mail sink (127.0.0.1:1025, e.g.
	`python -m aiosmtpd -n`), never to the internet."""
	if frappe.db.exists("Email Account", {"default_outgoing": 1}):
		return
	account = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "Demo Outbox",
			"email_id": f"billing@{EMAIL_DOMAIN}",
			"smtp_server": "127.0.0.1",
			"smtp_port": 1025,
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)
	# turned on without frappe's connection check: the sink need not run while the demo loads
	frappe.db.set_value("Email Account", account.name, {"enable_outgoing": 1, "default_outgoing": 1})


def make_demo_approvals():
	"""Project Approvals taken through the chain by the demo users; their steps are then spread
	over the past days so that the Approval SLA report has a history to show."""
	if frappe.db.exists("Project Approval", {"company": COMPANY}):
		return
	from frappe.utils import add_to_date, now_datetime

	item = ensure_demo_item()
	start = add_to_date(now_datetime(), days=-12)
	for customer, equipment, hours, stop_at in DEMO_APPROVALS:
		with acting_as("sales"):
			doc = frappe.get_doc(
				{
					"doctype": "Project Approval",
					"company": COMPANY,
					"customer": customer,
					"involves_equipment": equipment,
					"expected_monthly_revenue": 8000 + 4000 * equipment,
					"feasibility_assessment": "资源可用，线路可在 7 个工作日内开通。",
					"services": [{"item_code": item, "quantity": 20, "unit_price": 400}],
				}
			).insert()
		doc = approve_until(doc, stop_at)
		_spread_steps(doc, start, hours)
		start = add_to_date(start, days=3)


def approve_until(doc, stop_at: str | None = None):
	"""Submit as the salesperson, then approve as each step's demo user (until `stop_at`)."""
	from frappe.model.workflow import apply_workflow

	from lvyue_ops.workflow.approval import state_of, transition_roles

	login_of_role = {role: login for login, _name, roles in DEMO_USERS for role in roles}
	with acting_as("sales"):
		doc = apply_workflow(doc, "Submit for Approval")
	while doc.docstatus == 0 and state_of(doc) != stop_at:
		role = transition_roles(doc.doctype, state_of(doc), "Approve")[0]
		with acting_as(login_of_role[role]):
			doc = apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Approve")
	return doc


def _spread_steps(doc, start, hours):
	from frappe.utils import add_to_date

	sla = frappe.db.get_single_value("Lvyue Ops Settings", "approval_sla_hours") or 24
	steps = frappe.get_all(
		"Approval Step", filters={"reference_name": doc.name}, fields=["name", "status"], order_by="creation"
	)
	for step, elapsed in zip(steps, [*hours, None], strict=False):
		values = {"started_at": start, "deadline": add_to_date(start, hours=sla)}
		if step.status == "Completed" and elapsed is not None:
			end = add_to_date(start, hours=elapsed)
			values.update(ended_at=end, elapsed_hours=elapsed, within_sla=int(elapsed <= sla))
			start = end
		frappe.db.set_value("Approval Step", step.name, values, update_modified=False)


def ensure_demo_item() -> str:
	code = "TRUNK-SIP"
	if not frappe.db.exists("Item", code):
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": code,
				"item_name": "SIP 中继线",
				"item_group": frappe.db.get_value("Item Group", {"is_group": 0}),
				"stock_uom": "Nos",
				"is_stock_item": 0,
			}
		).insert(ignore_permissions=True)
	return code


def make_demo_orders():
	"""The first demo customer's contract taken through the chain, and its Business Order
	accepted by the Business Assistant with the qualification documents still to come (the
	portal user uploads them)."""
	customer = DEMO_CUSTOMERS[0]
	if frappe.db.exists("Business Order", {"customer": customer}):
		return
	approval = frappe.db.get_value("Project Approval", {"customer": customer, "docstatus": 1})
	if not approval:
		return
	with acting_as("sales"):
		contract = frappe.get_doc(
			{
				"doctype": "Contract",
				"party_type": "Customer",
				"party_name": customer,
				"lvyue_project_approval": approval,
				"lvyue_is_framework_contract": 1,
				# signed 11 months ago: it ends within the first reminder period (see make_demo_tracking)
				"start_date": frappe.utils.add_months(frappe.utils.nowdate(), -11),
				"end_date": frappe.utils.add_days(frappe.utils.nowdate(), 25),
				"contract_terms": "SIP 中继线 20 条，月租每条 400 元，按月结算。",
			}
		).insert()
	contract = approve_until(contract)
	# the sales team hands the customer's stamped original to the Business Assistant
	contract.db_set("lvyue_stamped_original_received", 1)
	with acting_as("sales"):
		order = frappe.get_doc(
			{
				"doctype": "Business Order",
				"company": COMPANY,
				"customer": customer,
				"order_type": "New Installation",
				"contract": contract.name,
				"resources": [
					{
						"item_code": ensure_demo_item(),
						"quantity": 20,
						"resource_numbers": "4008009001\n4008009002",
						"monthly_fee": 400,
					}
				],
			}
		).insert()
	with acting_as("assistant"):
		frappe.get_doc("Business Order", order.name).accept()


DEMO_VOS_ACCOUNTS = {DEMO_CUSTOMERS[0]: "hn0001", DEMO_CUSTOMERS[1]: "xc0002", DEMO_CUSTOMERS[2]: "yh0003"}


def make_demo_billing():
	"""Last month's VOS usage imported and billed, a few receipts, and this month's duties, so the
	billing screens and the ops calendar have something to show."""
	from frappe.utils import add_months, get_first_day, nowdate

	from lvyue_ops.ops_calendar import ops_calendar

	for customer, account in DEMO_VOS_ACCOUNTS.items():
		frappe.db.set_value("Customer", customer, "lvyue_vos_account", account)
	frappe.db.set_value(
		"Customer",
		DEMO_CUSTOMERS[1],
		{
			"lvyue_needs_vat_invoice": 1,
			"tax_id": "91440101MA59XXXX1X",
			"lvyue_invoice_bank": "工商银行广州天河支行 3602000109200000001",
			"lvyue_invoice_address": "广州市天河区天河路 100 号 020-88886666",
		},
	)
	frappe.db.set_value(
		"Customer", DEMO_CUSTOMERS[2], {"lvyue_is_prepaid": 1, "lvyue_low_balance_threshold": 1000}
	)
	make_demo_liability_accounts()
	period = get_first_day(add_months(nowdate(), -1))
	if not frappe.db.exists("Usage Import", {"company": COMPANY, "period": period, "status": "Imported"}):
		import_demo_usage(period)
	if not frappe.db.exists("Billing Run", {"company": COMPANY, "period": period}):
		with acting_as("assistant"):
			run = frappe.get_doc({"doctype": "Billing Run", "company": COMPANY, "period": period}).insert()
			frappe.db.commit()
			run.start()  # the shards are billed at once here (flags.lvyue_jobs_inline)
		ops_calendar.open_duty_tasks()
	if not frappe.db.exists("Unidentified Receipt", {"company": COMPANY}):
		with acting_as("assistant"):
			frappe.get_doc(
				{
					"doctype": "Unidentified Receipt",
					"company": COMPANY,
					"amount": 2000,
					"payer_name": "远航贸易（网银转账）",
					"bank_reference": "ICBC-20261118-0001",
				}
			).insert()


def import_demo_usage(period):
	"""Last month's VOS export (GBK CSV), imported by the Business Assistant."""
	rows = ["account,period,calls,minutes,amount,line"]
	for i, account in enumerate(DEMO_VOS_ACCOUNTS.values(), start=1):
		for line in range(1, 3):
			rows.append(
				f"{account},{period:%Y-%m},{120 * i * line},{310.5 * i * line},{148.9 * i * line:.2f},40080{i}900{line}"
			)
	with acting_as("assistant"):
		usage = frappe.get_doc({"doctype": "Usage Import", "company": COMPANY, "period": period}).insert()
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"VOS话单-{period:%Y%m}.csv",
				"content": "\n".join(rows).encode("gbk"),
				"is_private": 1,
				"attached_to_doctype": "Usage Import",
				"attached_to_name": usage.name,
			}
		).insert()
		usage.db_set("import_file", file.file_url)
		frappe.get_doc("Usage Import", usage.name).start_import()  # inline here


def make_demo_liability_accounts():
	parent = frappe.db.get_value(
		"Account",
		{
			"company": COMPANY,
			"is_group": 1,
			"root_type": "Liability",
			"account_name": ("like", "%Current Liabilities%"),
		},
	)
	if not parent:
		return
	abbr = frappe.get_cached_value("Company", COMPANY, "abbr")
	settings = frappe.get_doc("Lvyue Company Settings", COMPANY)
	for setting, name in (("deposit_account", "客户押金"), ("margin_account", "客户保证金")):
		account = f"{name} - {abbr}"
		if not frappe.db.exists("Account", account):
			frappe.get_doc(
				{
					"doctype": "Account",
					"account_name": name,
					"company": COMPANY,
					"parent_account": parent,
					"root_type": "Liability",
				}
			).insert(ignore_permissions=True)
		if not settings.get(setting):
			settings.set(setting, account)
	settings.save(ignore_permissions=True)


def make_demo_procurement():
	"""Two carriers certified with their price lists (to compare), one not yet certified: the
	Operations Supervisor's."""
	from frappe.utils import add_days, nowdate

	item = ensure_demo_item()
	for supplier, price in ((DEMO_SUPPLIERS[0], 400), (DEMO_SUPPLIERS[1], 385)):
		with acting_as("ops"):
			if not frappe.db.exists("Supplier Certification", {"supplier": supplier}):
				frappe.get_doc(
					{
						"doctype": "Supplier Certification",
						"supplier": supplier,
						"status": "Certified",
						"certified_on": add_days(nowdate(), -60),
						"product_types": "SIP 中继线、400 号码",
						"lead_time_days": 7,
						"company_profile": "基础电信运营商，本地网资源充足。",
						"price_system": "月租加分钟计费，按季度调价。",
						"payment_terms": make_payment_terms("月结30天"),
					}
				).insert()
			if not frappe.db.exists("Supplier Price List", {"supplier": supplier, "docstatus": 1}):
				frappe.get_doc(
					{
						"doctype": "Supplier Price List",
						"supplier": supplier,
						"currency": "CNY",
						"valid_from": add_days(nowdate(), -30),
						"items": [
							{
								"item_code": item,
								"specification": "SIP 中继线，30 路",
								"unit_price": price,
								"min_order_qty": 10,
								"lead_time_days": 7,
							}
						],
					}
				).insert().submit()


def demo_complaint_letter() -> dict:
	"""A written complaint comes with the customer's letter and the address the reply goes to."""
	letter = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "客户投诉函.txt",
			"content": "本月 400 号码多次无法呼入，影响业务，要求说明原因并赔偿。".encode(),
			"is_private": 1,
		}
	).insert()
	return {"complaint_letter": letter.file_url, "reply_email": "kefu@xingchen-edu.example"}


def make_demo_service():
	"""The service level agreement, a phone and a written complaint, revisits for the
	satisfaction report (Customer Service's), and a crisis record (the Operations Supervisor's)."""
	from frappe.utils import add_days, add_to_date, now_datetime, nowdate

	from lvyue_ops.customer_service.service_level import SERVICE_LEVEL, make_service_level_agreement

	make_service_level_agreement(SERVICE_LEVEL, HOLIDAY_LIST)
	with acting_as("cs"):
		if not frappe.db.exists("Complaint Register", {"company": COMPANY}):
			for channel, content, department in (
				("Oral", "客服电话多次占线，报障不及时。", R.CUSTOMER_SERVICE),
				("Written", "本月 400 号码多次无法呼入，影响业务，要求说明原因并赔偿。", R.TECHNICAL_SUPPORT),
			):
				frappe.get_doc(
					{
						"doctype": "Complaint Register",
						"company": COMPANY,
						"customer": DEMO_CUSTOMERS[1],
						"channel": channel,
						"received_on": add_to_date(now_datetime(), hours=-3),
						"content": content,
						"handling_department": department,
						"customer_address": "广州市天河区天河路 100 号",
						**(demo_complaint_letter() if channel == "Written" else {}),
					}
				).insert()
		if not frappe.db.count("Revisit"):
			scores = [
				(5, "Business Need"),
				(4, "Service Request"),
				(3, "Customer Complaint"),
				(4, "Product Problem"),
				(5, "Enquiry"),
				(2, "Customer Complaint"),
			]
			for i, (score, category) in enumerate(scores):
				frappe.get_doc(
					{
						"doctype": "Revisit",
						"customer": DEMO_CUSTOMERS[i % len(DEMO_CUSTOMERS)],
						"revisit_date": add_days(nowdate(), -7 * i),
						"method": "Phone",
						"product_use": "中继线和 400 号码使用正常。",
						"work_efficiency": "故障处理及时。",
						"service_attitude": "客服态度好。",
						"customer_opinion": "希望夜间也有值班电话。",
						"category": category,
						"satisfaction": score,
						"result": "客户对处理结果基本满意。" if score >= 4 else "客户希望缩短故障处理时间。",
					}
				).insert()
	with acting_as("ops"):
		if not frappe.db.exists("Public Crisis"):
			frappe.get_doc(
				{
					"doctype": "Public Crisis",
					"title": "电信城域网光缆中断",
					"crisis_type": "Carrier Outage",
					"occurred_on": add_to_date(now_datetime(), days=-2),
					"carrier": DEMO_SUPPLIERS[0],
					"meeting_date": add_to_date(now_datetime(), days=-2).date(),
					"meeting_decision": "运营部牵头，技术支持部跟进运营商抢修，营销部按统一口径回复客户。",
					"external_statement": "因运营商城域网光缆被施工挖断，部分中继线路中断，现已全力抢修。",
					"internal_notice": "各部门对外统一使用上述口径，客服做好来电登记。",
					"customer_letter": "<p>因运营商光缆故障，贵司部分线路于近日中断，给您带来不便，深表歉意。</p>",
					"customers": [{"customer": DEMO_CUSTOMERS[0], "lines_affected": "4008009001"}],
				}
			).insert()


def make_demo_tracking():
	"""Something for each figure of the workspace and the tracking screens: a customer pays its
	bill, the order waits too long in one state, the daily reminders run, every customer's credit is
	assessed, and last month's operations report is made for the Operations Supervisor."""
	from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
	from frappe.utils import add_days, getdate, now_datetime, nowdate

	from lvyue_ops.fulfilment_tracking.contracts import remind_expiring_contracts
	from lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment import (
		assess_customers,
	)
	from lvyue_ops.fulfilment_tracking.doctype.monthly_operations_report.monthly_operations_report import (
		make_monthly_reports,
	)
	from lvyue_ops.fulfilment_tracking.orders import alert_stalled_orders

	bill = frappe.db.get_value(
		"Sales Invoice",
		{"company": COMPANY, "customer": DEMO_CUSTOMERS[1], "docstatus": 1, "outstanding_amount": (">", 0)},
		["name", "posting_date", "due_date"],
		as_dict=True,
	)
	if bill:  # paid before its due date (a good payer's credit grade)
		paid_on = min(
			getdate(nowdate()), max(getdate(bill.posting_date), getdate(add_days(bill.due_date, -3)))
		)
		payment = get_payment_entry("Sales Invoice", bill.name)
		payment.posting_date = payment.reference_date = paid_on
		payment.reference_no = "ICBC-DEMO-0001"
		payment.insert().submit()
	order = frappe.db.get_value("Business Order", {"company": COMPANY, "status": "Accepted"})
	if order:  # accepted ten days ago and no document since
		frappe.db.set_value(
			"Business Order", order, "status_since", add_days(now_datetime(), -10), update_modified=False
		)
	remind_expiring_contracts()
	alert_stalled_orders()
	if not frappe.db.exists("Customer Credit Assessment", {"company": COMPANY}):
		assess_customers()
	make_monthly_reports()  # last month's, once this month's statistics duty has opened
