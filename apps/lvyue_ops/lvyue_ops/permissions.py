"""Who does what: one row per step of the operations rules (运营部管理规定), and the one role check
of the app.

`STEPS` names each step (a key), the DocType it acts on, the action as the desk shows it, the
roles that own it by the rules, and the rights on the DocType it needs. Everything else follows
from it:

- the approval chains: their steps (`chain` set) build the seeded Workflow records
  (workflow/chains.py); an admin then edits a chain's roles in the Workflow itself;
- every other step is a **Lvyue Step** record, seeded once; an admin moves a step to another role
  there, without code, and `require_step` reads it;
- the DocPerms: of the app's DocTypes (their JSON, kept equal to `docperms()` by a test), and the
  Custom DocPerms the app adds to ERPNext's DocTypes.

Code checks a step with `require_step(key)`; it never names a role itself.
"""

from contextlib import contextmanager
from dataclasses import dataclass

import frappe
from frappe import _

from lvyue_ops import roles as R

READ = ("read", "report", "print", "email", "export")
WRITE = (*READ, "write")
CREATE = (*WRITE, "create")


@dataclass(frozen=True)
class Step:
	doctype: str
	action: str  # as the desk shows it (English source, translated)
	roles: tuple[str, ...]  # the roles that own the step by the rules
	rights: tuple[str, ...] = WRITE  # DocPerm rights on `doctype` the step needs
	rule: str = ""  # where the rules say so
	chain: str | None = None  # the workflow state the step acts on (approval chains)
	if_owner: bool = False  # the right covers only the user's own documents


SALES, MARKETING, OPS, TECH = R.SALES_USER, R.MARKETING_MANAGER, R.OPERATIONS_SUPERVISOR, R.TECHNICAL_SUPPORT
FINANCE, GM, BA, CS, HR = (
	R.FINANCE_SUPERVISOR,
	R.GENERAL_MANAGER,
	R.BUSINESS_ASSISTANT,
	R.CUSTOMER_SERVICE,
	R.HR_USER,
)


def _chain(doctype: str, prefix: str, rule: str) -> dict[str, Step]:
	"""The contract chain of 第一条: 销售 → 营销部经理 → 运营部主管 → (技术支持部) → 财务部主管 → 总经理."""
	return {
		f"{prefix}.submit": Step(
			doctype, "Submit for Approval", (SALES,), CREATE, rule, "Draft", if_owner=True
		),
		f"{prefix}.marketing": Step(
			doctype, "Approve", (MARKETING,), WRITE, rule, "Pending Marketing Manager"
		),
		f"{prefix}.operations": Step(
			doctype, "Approve", (OPS,), WRITE, rule, "Pending Operations Supervisor"
		),
		f"{prefix}.technical": Step(doctype, "Approve", (TECH,), WRITE, rule, "Pending Technical Support"),
		f"{prefix}.finance": Step(doctype, "Approve", (FINANCE,), WRITE, rule, "Pending Finance Supervisor"),
		f"{prefix}.general_manager": Step(
			doctype, "Approve", (GM,), (*WRITE, "submit"), rule, "Pending General Manager"
		),
		f"{prefix}.cancel": Step(doctype, "Cancel", (GM,), (*WRITE, "cancel", "amend"), rule, "Approved"),
	}


STEPS: dict[str, Step] = {
	# --- 第一条 业务受理: the approval chains ---------------------------------------------------------
	**_chain("Project Approval", "project_approval", "第四章第一条 1-1"),
	**_chain("Contract", "contract", "第四章第一条 1-2"),
	"project_approval.link_customer": Step(
		"Project Approval", "Link the Customer", (SALES, MARKETING), WRITE, "第四章第一条 1-1"
	),
	# --- 第一条 业务受理: the order ---------------------------------------------------------------------
	"business_order.create": Step(
		"Business Order", "New Business Order", (SALES, CS, BA), CREATE, "第四章第一条 1-3, 第四条 1"
	),
	"business_order.accept": Step("Business Order", "Accept and Hand Over", (BA,), WRITE, "第四章第一条 1-3"),
	"business_order.activate": Step("Business Order", "Activate", (BA,), WRITE, "第四章第一条 1-11"),
	"business_order.archive": Step("Business Order", "Archive", (BA,), WRITE, "第四章第一条 1-11"),
	"business_order.cancel": Step("Business Order", "Cancel Order", (BA,), WRITE, "第四章第一条 1-3"),
	"customer_qualification.review": Step(
		"Customer Qualification", "Review Qualification Documents", (BA,), CREATE, "第四章第一条 1-10"
	),
	"risk_assessment.decide": Step("Risk Assessment", "Decide", (OPS,), CREATE, "第四章第一条 1-10"),
	# --- 第二条 营帐管理 -----------------------------------------------------------------------------------
	"tariff.submit": Step("Tariff", "Submit for Approval", (OPS,), CREATE, "002 收费标准", "Draft"),
	"tariff.finance": Step(
		"Tariff", "Approve", (FINANCE,), WRITE, "002 收费标准", "Pending Finance Supervisor"
	),
	"tariff.general_manager": Step(
		"Tariff", "Approve", (GM,), (*WRITE, "submit"), "002 收费标准", "Pending General Manager"
	),
	"tariff.cancel": Step("Tariff", "Cancel", (GM,), (*WRITE, "cancel", "amend"), "002 收费标准", "Approved"),
	"tariff.review": Step("Tariff", "Record the Tariff Review", (OPS,), WRITE, "002 定期审查收费标准"),
	"business_order.price_override": Step(
		"Business Order", "Accept a Price off the Tariff", (GM,), WRITE, "002 收费标准"
	),
	"usage_import.import": Step("Usage Import", "Import", (BA,), CREATE, "第四章第二条 1-4"),
	"billing_run.start": Step("Billing Run", "Run Billing", (BA,), CREATE, "第四章第二条 1-4, 3-1"),
	"billing_run.send_statements": Step(
		"Billing Run", "Send Statements", (CS,), READ, "第四章第二条 1-4, 3-1"
	),
	"unidentified_receipt.record": Step(
		"Unidentified Receipt", "New Unidentified Receipt", (BA,), CREATE, "第四章第二条 1-2"
	),
	"unidentified_receipt.confirm": Step(
		"Unidentified Receipt", "Confirm Payer and Type", (CS,), WRITE, "第四章第二条 1-2"
	),
	"unidentified_receipt.post": Step("Unidentified Receipt", "Post", (BA,), WRITE, "第四章第二条 1-2"),
	"unidentified_receipt.update_vos": Step(
		"Unidentified Receipt", "VOS Balance Updated", (BA,), WRITE, "第四章第二条 2-1"
	),
	"payment_entry.update_vos": Step("Payment Entry", "VOS Balance Updated", (BA,), READ, "第四章第二条 2-1"),
	"overdue_review.review": Step("Overdue Review", "Complete Review", (CS,), CREATE, "第四章第二条 1-3"),
	"overdue_review.dunning": Step(
		"Overdue Review", "Create Dunnings", (CS,), WRITE, "第四章第二条 1-3, 3-1"
	),
	"receivables_reconciliation.reconcile": Step(
		"Receivables Reconciliation", "Reconcile with Finance", (OPS,), CREATE, "第四章第二条 1-1"
	),
	"invoice_application.submit": Step(
		"Invoice Application", "Submit to Finance", (CS,), CREATE, "第四章第二条 3-2"
	),
	"invoice_application.issue": Step(
		"Invoice Application", "Mark Issued", (FINANCE,), WRITE, "第四章第二条 3-2"
	),
	"invoice_application.deliver": Step(
		"Invoice Application", "Mark Delivered", (CS,), WRITE, "第四章第二条 3"
	),
	"write_off_request.request": Step(
		"Write-off Request", "Request Write-off", (BA,), CREATE, "第四章第二条 3-3"
	),
	"write_off_request.attach_voucher": Step(
		"Write-off Request", "Voucher Attached", (FINANCE,), WRITE, "第四章第二条 3-3"
	),
	"write_off_request.carrier": Step(
		"Write-off Request", "Write-off Requested from Carrier", (BA,), WRITE, "第四章第二条 3-3"
	),
	"partner_write_off.write_off": Step(
		"Partner Write-off", "Written Off with the Partner", (BA,), CREATE, "第四章第二条 3-3"
	),
	"journal_entry.propose": Step(
		"Journal Entry", "Propose a Bad Debt or Transfer", (OPS,), READ, "第四章第二条 (营帐: 坏账、转账)"
	),
	"journal_entry.post": Step(
		"Journal Entry",
		"Post a Proposed Bad Debt or Transfer",
		(FINANCE,),
		(*WRITE, "submit"),
		"第四章第二条 (营帐: 坏账、转账)",
	),
	"salesperson_revenue.prepare": Step(
		"Salesperson Revenue", "New Salesperson Revenue", (OPS,), CREATE, "第四章第二条 2-3"
	),
	"hr_handover.deliver": Step("HR Handover", "Deliver to HR", (OPS,), CREATE, "第四章第二条 2-3, 2-4, 2-5"),
	"hr_handover.receive": Step("HR Handover", "Mark Received", (HR,), WRITE, "第四章第二条 2-3"),
	# --- 第三条 资源采购 -----------------------------------------------------------------------------------
	"purchase_request.submit": Step(
		"Purchase Request",
		"Submit for Approval",
		(MARKETING, BA, OPS),
		CREATE,
		"第四章第三条 1-1, 2-2; 第六条",
		"Draft",
	),
	"purchase_request.general_manager": Step(
		"Purchase Request",
		"Approve",
		(GM,),
		(*WRITE, "submit"),
		"第四章第三条 2-2",
		"Pending General Manager",
	),
	"purchase_request.on_behalf": Step(
		"Purchase Request",
		"Approve on Behalf of General Manager",
		(OPS, FINANCE, MARKETING),
		(*WRITE, "submit"),
		"第四章第三条 2-2 (紧急采购)",
		"Pending General Manager",
	),
	"purchase_request.cancel": Step(
		"Purchase Request", "Cancel", (GM,), (*WRITE, "cancel", "amend"), "第四章第三条 2-2", "Approved"
	),
	"purchase_request.confirm_on_behalf": Step(
		"Purchase Request", "Confirm Approval on My Behalf", (GM,), WRITE, "第四章第三条 2-2"
	),
	"purchase_request.publicity": Step(
		"Purchase Request", "Review the Publicity Design", (OPS,), WRITE, "第六条 4"
	),
	"purchase_request.assign_executor": Step(
		"Purchase Request", "Assign Executor", (OPS,), WRITE, "第四章第三条 2-2"
	),
	"supplier_certification.certify": Step(
		"Supplier Certification", "Certify Supplier", (OPS,), CREATE, "第四章第三条 2-1"
	),
	"supplier_price_list.maintain": Step(
		"Supplier Price List", "Submit", (OPS,), (*CREATE, "submit", "cancel", "amend"), "第四章第三条 2-1"
	),
	"purchase_order.override_certification": Step(
		"Purchase Order", "Override Supplier Certification", (GM,), WRITE, "第四章第三条 2-1"
	),
	"carrier_account.maintain": Step("Carrier Account", "Update Balance", (BA,), CREATE, "第四章第三条 1-1"),
	"carrier_account.recharge": Step("Carrier Account", "Request Recharge", (BA,), WRITE, "第四章第三条 1-1"),
	"suspension_request.submit": Step(
		"Suspension Request", "Submit to Carrier", (BA,), CREATE, "第四章第三条 1-2"
	),
	"suspension_request.answer": Step(
		"Suspension Request", "Carrier Confirmed", (BA,), WRITE, "第四章第三条 1-2"
	),
	"suspension_request.resume": Step(
		"Suspension Request", "Resume the Lines", (BA,), WRITE, "第四章第三条 1-2"
	),
	# --- the register of lines (what the company sells) ------------------------------------------------
	"service_line.maintain": Step(
		"Service Line", "Keep the Line's VOS and Carrier Details", (BA,), WRITE, "第四章第二条 1-4"
	),
	# --- VOS: the softswitch's call records (话单) ----------------------------------------------------
	"vos_server.maintain": Step("VOS Server", "Keep the VOS Server", (BA,), CREATE, "第四章第二条 1-4"),
	"vos_server.pull": Step("VOS Server", "Pull Call Records", (BA,), WRITE, "第四章第二条 1-4"),
	"tariff_audit.complete": Step("Tariff Audit", "Complete Audit", (OPS,), CREATE, "第四章第三条 1-3"),
	# --- 第四条 客户服务, 第五条 应急处理 --------------------------------------------------------------------
	"issue.handle": Step("Issue", "New Issue", (CS,), CREATE, "第四章第四条 2-1"),
	"issue.technical": Step("Issue", "Handle a Technical Problem", (TECH,), WRITE, "第四章第四条 2-2"),
	"issue.supplier": Step("Issue", "Follow Up with the Supplier", (BA,), WRITE, "第四章第四条 2-3"),
	"issue.escalate": Step("Issue", "Customer Does Not Accept", (CS,), WRITE, "第四章第四条 2-5"),
	"issue.follow_up": Step("Issue", "Follow Up a Routed Request", (CS,), READ, "第四章第四条 2-2"),
	"issue.reply": Step("Issue", "Log the Reply to the Customer", (CS,), WRITE, "第四章第四条 2-2, 2-5"),
	"revisit.record": Step("Revisit", "New Revisit", (CS,), CREATE, "第四章第四条 2-4, 4-1"),
	"revisit.spot_check": Step("Revisit", "Record Spot Check", (OPS,), WRITE, "第四章第四条 2-6"),
	"holiday_greeting.record": Step(
		"Holiday Greeting", "Record Holiday Greetings", (CS,), WRITE, "第四章第四条 3"
	),
	"customer_symposium.hold": Step(
		"Customer Symposium", "New Customer Symposium", (CS,), CREATE, "第四章第四条 4-3"
	),
	"service_review.conclude": Step(
		"Service Review", "Conclude the Service Review", (OPS,), CREATE, "第四章第四条 3"
	),
	"complaint_register.register": Step(
		"Complaint Register", "New Complaint", (CS,), CREATE, "第四章第五条 2-2"
	),
	"complaint_register.reply_oral": Step(
		"Complaint Register", "Send Reply (Oral Complaint)", (CS,), WRITE, "第四章第五条 2-2"
	),
	"complaint_register.reply_written": Step(
		"Complaint Register", "Send Reply (Written Complaint)", (OPS,), WRITE, "第四章第五条 2-3"
	),
	"complaint_register.archive": Step("Complaint Register", "Archive", (BA,), WRITE, "第四章第五条 2-4"),
	"complaint_register.progress": Step(
		"Complaint Register", "Tell the Customer the Progress", (CS,), WRITE, "第四章第五条 2-1"
	),
	"public_crisis.notify": Step("Public Crisis", "Notify All Departments", (OPS,), CREATE, "第四章第五条 3"),
	"public_crisis.close": Step("Public Crisis", "Close the Crisis", (OPS,), WRITE, "第四章第五条 3"),
	"satisfaction_survey.fill": Step(
		"Satisfaction Survey",
		"Fill the Questionnaire",
		(R.CUSTOMER,),
		("read", "create"),
		"第四章第四条 4-2",
		if_owner=True,
	),
	"satisfaction_survey.record": Step(
		"Satisfaction Survey", "Enter a Returned Questionnaire", (CS,), CREATE, "第四章第四条 4-2"
	),
	# --- who takes up what is late (escalations) -------------------------------------------------------
	"approval_step.take_overdue": Step(
		"Approval Step", "Take Up an Overdue Approval", (OPS,), READ, "第四章第一条 (审批不超过 24 小时)"
	),
	"approval_step.take_overdue_of_operations": Step(
		"Approval Step",
		"Take Up an Overdue Approval of the Operations Supervisor",
		(GM,),
		READ,
		"第四章第一条 (审批不超过 24 小时)",
	),
	"complaint_register.take_overdue": Step(
		"Complaint Register", "Take Up an Overdue Complaint Reply", (OPS, GM), READ, "第四章第五条 2-3"
	),
	"suspension_request.take_late_shutdown": Step(
		"Suspension Request", "Take Up a Late Shutdown", (OPS, GM), READ, "第四章第一条 1-10"
	),
	"issue.take_unaccepted": Step(
		"Issue", "Take Up an Issue the Customer Does Not Accept", (OPS,), READ, "第四章第四条 2-5"
	),
	# --- 第六条 公司宣传、市场策划 -------------------------------------------------------------------
	"publicity_item.hand_in": Step(
		"Publicity Item",
		"Hand In Publicity",
		(SALES, MARKETING, OPS, TECH, FINANCE, BA, CS, HR),
		CREATE,
		"第六条 1",
	),
	"publicity_item.select": Step("Publicity Item", "Select and Edit Publicity", (OPS,), WRITE, "第六条 1-5"),
	"publicity_item.review": Step("Publicity Item", "Approve Publication", (GM,), WRITE, "第六条 2-3"),
	"publicity_item.wechat": Step("Publicity Item", "Record the WeChat Article", (OPS,), WRITE, "第六条 2-3"),
	# --- 履约 tracking: contracts, reviews, credit, bills, the month's report (seeds 000/001/002/004) --
	"contract.renew": Step("Contract", "Renew", (SALES,), CREATE, "履约: 合同续签", if_owner=True),
	"contract.terminate": Step("Contract", "Terminate", (OPS,), READ, "履约: 合同终止"),
	"contract.expiry": Step("Contract", "Take Up an Expiring Contract", (OPS,), READ, "履约: 关键日期提醒"),
	"contract_review.complete": Step(
		"Contract Review", "Conclude the Review", (OPS,), CREATE, "履约: 合同履行审查"
	),
	"customer_credit_assessment.assess": Step(
		"Customer Credit Assessment", "Reassess the Customer", (OPS, FINANCE), CREATE, "履约: 客户信用评估"
	),
	"customer_credit_assessment.apply_limit": Step(
		"Customer Credit Assessment", "Apply Credit Limit", (FINANCE,), READ, "履约: 客户信用评估"
	),
	"business_order.credit_override": Step(
		"Business Order", "Accept the Credit Risk", (GM,), CREATE, "履约: 客户信用评估"
	),
	"business_order.stalled": Step(
		"Business Order", "Take Up a Stalled Order", (BA, OPS), READ, "履约: 订单滞留预警"
	),
	"billing_run.review": Step("Billing Run", "Complete Bill Review", (BA,), WRITE, "履约: 账单审核 (002)"),
	"monthly_operations_report.prepare": Step(
		"Monthly Operations Report",
		"Submit the Analysis",
		(OPS,),
		(*CREATE, "submit"),
		"第四章第二条 2-2 (每月第一个星期 经营情况统计分析)",
	),
	# --- the ops calendar ------------------------------------------------------------------------------
	"ops_duty.maintain": Step(
		"Ops Duty", "Edit a Duty", (OPS,), CREATE, "第四章 (the dates of every article)"
	),
	"holiday_list.extend": Step(
		"Holiday List", "Extend with 调休", (OPS,), WRITE, "第四章 (the dates of every article)"
	),
	"lvyue_ops_settings.edit": Step("Lvyue Ops Settings", "Edit the Settings", (OPS,), WRITE, "第四章"),
	"lvyue_company_settings.edit": Step(
		"Lvyue Company Settings", "Edit a Company's Settings", (OPS,), CREATE, "第四章"
	),
	"lvyue_company_settings.accounts": Step(
		"Lvyue Company Settings", "Set the Deposit Accounts", (FINANCE,), WRITE, "第四章第二条 1-2"
	),
}

# Reading without a step of one's own: the General Manager reads everything (but the customers'
# ID scans, which only their reviewer sees), and each role what its own work needs.
READERS: dict[str, tuple[str, ...]] = {
	"Project Approval": (BA,),
	"Contract": (BA, CS),
	"Approval Step": (SALES, MARKETING, OPS, TECH, FINANCE, BA),
	"Business Order": (OPS, TECH, FINANCE, CS),
	"Risk Assessment": (BA,),
	"Usage Import": (FINANCE, OPS),
	"Usage Statement": (BA, CS, FINANCE, OPS),
	"Billing Run": (FINANCE, OPS),
	"Unidentified Receipt": (FINANCE,),
	"Overdue Review": (OPS, FINANCE, BA),
	"Receivables Reconciliation": (FINANCE, BA),
	"Dunning": (CS,),  # the letters of her dunning (made by the step overdue_review.dunning)
	"Invoice Application": (BA,),
	"Write-off Request": (CS,),
	"Partner Write-off": (OPS, FINANCE),
	"Salesperson Revenue": (HR, FINANCE, SALES),  # a salesperson reads their own only (has_permission)
	"HR Handover": (FINANCE,),
	"Purchase Request": (R.PURCHASE_USER, R.PURCHASE_MANAGER, FINANCE),
	"Supplier Certification": (R.PURCHASE_USER, R.PURCHASE_MANAGER, MARKETING),
	"Supplier Price List": (R.PURCHASE_USER, R.PURCHASE_MANAGER, MARKETING),
	"Carrier Account": (CS, OPS),
	"Suspension Request": (OPS, CS),
	"Service Line": (OPS, FINANCE, CS, TECH, SALES),
	"VOS Server": (OPS, FINANCE),
	"VOS Pull Day": (BA, OPS, FINANCE),
	"VOS Call Record": (BA, CS, FINANCE, OPS),
	"Tariff Audit": (BA, TECH),
	"Tariff": (BA, CS, SALES, MARKETING),
	"Issue": (OPS, SALES),
	"Revisit": (OPS,),
	"Customer Symposium": (OPS,),
	"Service Review": (CS, TECH, BA),
	"Holiday Greeting": (OPS, SALES),
	"Complaint Register": (OPS, BA, SALES, TECH),  # the case library: 联合相关部门进行案例分析
	"Public Crisis": (CS, BA, SALES, MARKETING, TECH, FINANCE),
	"Satisfaction Survey": (CS, OPS),
	"Ops Duty": (BA, CS, FINANCE, HR),
	"Ops Duty Task": (SALES, MARKETING, OPS, TECH, FINANCE, BA, CS, HR),
	# ERPNext's Issue form reads its settings: everyone who works service requests
	"Support Settings": (CS, TECH, BA, OPS, SALES, GM),
	"Sales Invoice": (BA, CS, OPS, FINANCE),
	"Payment Entry": (BA, CS, OPS, FINANCE),
	"Customer": (BA, CS, OPS, TECH, FINANCE),
	"Supplier": (OPS, BA),
	"Material Request": (OPS,),
	"Purchase Order": (OPS,),
	"Lvyue Ops Settings": (OPS, GM),
	# the role table, who does what, is read by every department (and so the 履约运营 workspaces show
	# in every department's sidebar: frappe shows a workspace to whoever reads a DocType of its module)
	"Lvyue Step": (OPS, SALES, MARKETING, TECH, FINANCE, BA, CS, HR),
	"Contract Review": (SALES, FINANCE),
	"Customer Credit Assessment": (SALES, BA, CS),
	"Monthly Operations Report": (FINANCE, BA, CS, MARKETING, TECH),
}
# the General Manager reads these ERPNext documents too (the app's own are all read by the GM)
GM_READS_ERPNEXT = (
	"Sales Invoice",
	"Payment Entry",
	"Issue",
	"Customer",
	"Supplier",
	"Material Request",
	"Purchase Order",
	"Dunning",
)
# private to the role that reviews them (个人信息保护法): not even the General Manager reads them
PRIVATE_DOCTYPES = ("Customer Qualification",)


def app_doctypes() -> list[str]:
	return frappe.get_all(
		"DocType",
		filters={"module": ("in", frappe.get_module_list("lvyue_ops")), "istable": 0, "issingle": 0},
		pluck="name",
	)


def app_reports() -> list[str]:
	return frappe.get_all(
		"Report",
		filters={"module": ("in", frappe.get_module_list("lvyue_ops")), "is_standard": "Yes"},
		pluck="name",
	)


def docperms(doctype: str, app_doctype: bool = True) -> dict[str, set[str]]:
	"""role -> the rights the table gives it on `doctype` (System Manager's own are not listed)."""
	rights: dict[str, set[str]] = {}
	for step in STEPS.values():
		if step.doctype == doctype:
			for role in step.roles:
				rights.setdefault(role, set()).update(step.rights)
	for role in READERS.get(doctype, ()):
		rights.setdefault(role, set()).update(READ)
	if (app_doctype or doctype in GM_READS_ERPNEXT) and doctype not in PRIVATE_DOCTYPES:
		rights.setdefault(GM, set()).update(READ)
	for role in link_pickers().get(doctype, ()):
		rights.setdefault(role, set()).add("select")
	return rights


def link_pickers() -> dict[str, set[str]]:
	"""DocType -> the roles that pick it in a form their steps fill (desk checks each link the
	user sets with their own rights: `frappe.client.validate_link`, the search list). Portal users
	fill web forms, whose links the server sets: they pick nothing (security review N-H1)."""
	if getattr(frappe.local, "lvyue_link_pickers", None) is None:
		pickers: dict[str, set[str]] = {}
		for step in STEPS.values():
			if {"write", "create"} & set(step.rights) and frappe.db.exists("DocType", step.doctype):
				for role in set(step.roles) - {R.CUSTOMER}:
					for target in form_links(step.doctype, role):
						pickers.setdefault(target, set()).add(role)
		frappe.local.lvyue_link_pickers = pickers
	return frappe.local.lvyue_link_pickers


# Fields of a form that only some of its editors change (permlevel 1; everyone who reads the form
# reads them): which document completes a duty is the app's wiring, set by the System Manager.
LEVEL_ONE_EDITORS = {
	"Ops Duty": ("System Manager",),
	# the GL accounts receipts are posted to are Finance's (security review L4)
	"Lvyue Company Settings": (FINANCE, "System Manager"),
}

# The fields of ERPNext's forms a step fills (beyond the app's own custom fields): their link
# targets are picked in desk, so the step's roles select them.
ERPNEXT_FORM_FIELDS = {
	"Issue": ("customer", "priority", "company"),
	"Contract": ("party_type",),
	"Holiday List": (),
	"Purchase Order": (),
}


def form_links(doctype: str, role: str | None = None) -> set[str]:
	"""The DocTypes a user (of `role`) picks in the form of `doctype`: every link of the app's own
	DocTypes (and of their tables), and on ERPNext's the fields the steps fill."""
	meta = frappe.get_meta(doctype)
	ours = meta.module in frappe.get_module_list("lvyue_ops")
	levels = (0, 1) if role in LEVEL_ONE_EDITORS.get(doctype, ()) else (0,)

	def picked(df, filled: bool) -> bool:
		if df.fieldtype != "Link" or df.hidden or df.read_only or df.fieldname == "amended_from":
			return False
		if (df.permlevel or 0) not in levels:
			return False
		return (
			filled
			or df.fieldname.startswith("lvyue_")
			or df.fieldname in ERPNEXT_FORM_FIELDS.get(doctype, ())
		)

	links = {df.options for df in meta.fields if picked(df, ours)}
	for table in meta.get_table_fields():
		links |= {df.options for df in frappe.get_meta(table.options).fields if picked(df, ours)}
	return links


# Readers who see only their own records of a doctype (a has_permission / permission query hook of
# the doctype applies it): a salesperson's own revenue figure, the approval steps of their own
# requests — not their colleagues' pay nor every rejection remark.
OWN_RECORDS_ONLY = {"Salesperson Revenue": SALES, "Approval Step": SALES}


def reads_only_own(doctype: str, user: str | None = None) -> bool:
	"""The user reads the doctype only through its own-records role (no other role of theirs
	reads it)."""
	role = OWN_RECORDS_ONLY[doctype]
	roles = set(frappe.get_roles(user))
	if role not in roles or "System Manager" in roles:
		return False
	return not roles & {r for r, rights in docperms(doctype).items() if r != role and "read" in rights}


def owner_only(doctype: str, role: str) -> bool:
	steps = [s for s in STEPS.values() if s.doctype == doctype and role in s.roles]
	return bool(steps) and all(s.if_owner for s in steps) and role not in READERS.get(doctype, ())


# --- the check ---------------------------------------------------------------------------------------


step_roles_cache_key = "lvyue_step_roles"


def step_roles(step: str, company: str | None = None) -> tuple[str, ...]:
	"""The roles holding the step now: the workflow's for a chain step; for any other the Lvyue
	Step record's (admins may move it, for one company or all), the table's when there is none."""
	definition = STEPS[step]
	if definition.chain:
		from lvyue_ops.workflow.approval import transition_roles

		return transition_roles(definition.doctype, definition.chain, definition.action) or definition.roles
	rows = frappe.cache.hget(step_roles_cache_key, step, lambda: _assigned_roles(step))
	for_company = [role for role, row_company in rows if company and row_company == company]
	everywhere = [role for role, row_company in rows if not row_company]
	return tuple(for_company or everywhere) or definition.roles


def _assigned_roles(step: str) -> list[tuple[str, str | None]]:
	rows = frappe.get_all(
		"Lvyue Step Role", filters={"parent": step}, fields=["role", "company"], order_by="idx"
	)
	return [(row.role, row.company) for row in rows]


def user_steps(user: str | None = None) -> list[str]:
	"""The steps the user takes in some company: the desk shows their buttons (the server checks
	each action again, for the document's company)."""
	roles = set(frappe.get_roles(user))
	steps = []
	for key, definition in STEPS.items():
		if definition.chain:
			holders = set(step_roles(key))
		else:
			rows = frappe.cache.hget(step_roles_cache_key, key, lambda key=key: _assigned_roles(key))
			holders = {role for role, _company in rows} or set(definition.roles)
		if holders & roles:
			steps.append(key)
	return steps


def extend_bootinfo(bootinfo) -> None:
	"""hooks.py extend_bootinfo: `frappe.boot.lvyue_steps`, read by `lvyue_ops.has_step` in desk."""
	if frappe.session.user != "Guest":
		bootinfo.lvyue_steps = user_steps()


def has_role(roles, user: str | None = None) -> bool:
	roles = (roles,) if isinstance(roles, str) else roles
	return bool(set(roles) & set(frappe.get_roles(user)))


def has_step(step: str, user: str | None = None, company: str | None = None) -> bool:
	return has_role(step_roles(step, company), user)


def require_role(roles, action: str, user: str | None = None) -> None:
	"""The app's one refusal by role: a translated message naming the roles that may `action`.
	Steps of the role table go through `require_step`; this takes roles an admin set on a record
	(an Ops Duty's responsible role)."""
	if has_role(roles, user):
		return
	roles = (roles,) if isinstance(roles, str) else roles
	frappe.throw(
		_("Only the {0} may do this: {1}.").format(" / ".join(_(role) for role in roles if role), _(action)),
		frappe.PermissionError,
		title=_("Not Permitted"),
	)


def require_step(step: str, company: str | None = None, user: str | None = None) -> None:
	"""Refuse, with a translated message naming the owner, a user who does not hold the step's role."""
	require_role(step_roles(step, company), STEPS[step].action, user)


def step_records() -> list[dict]:
	"""The Lvyue Step records seeded from the table (setup/records.py)."""
	return [
		{
			"doctype": "Lvyue Step",
			"name": key,
			"step": key,
			"document_type": step.doctype,
			"action": step.action,
			"rule": step.rule,
			"roles": [{"role": role} for role in step.roles],
		}
		for key, step in STEPS.items()
		if not step.chain
	]


@contextmanager
def system_rights():
	"""A step the role table gives to a role without ERPNext's accounting rights (the Business
	Assistant posts receipts, the billing run bills, Operations reads the receivables) runs its
	accounting, once the step's own check has passed, with the system's rights: ERPNext's Payment
	Entry and Sales Invoice call their own whitelisted helpers (`get_account_details`, party
	details), which check the caller's rights whatever the document's `ignore_permissions`.

	The request's session is never touched: `frappe.set_user` empties the session it is given
	(sid, CSRF token, user), and a request that then writes its session back logs its user out.
	So the system works on a copy of the session, and the request's own session object, form and
	user come back as they were."""
	session, form_dict, user = frappe.local.session, frappe.local.form_dict, frappe.session.user
	lifted = frappe.flags.ignore_account_permission
	frappe.local.session = frappe._dict(session, data=frappe._dict(session.get("data") or {}))
	frappe.set_user("Administrator")
	frappe.flags.ignore_account_permission = True
	try:
		yield
	finally:
		frappe.flags.ignore_account_permission = lifted
		frappe.set_user(user)  # resets the per-user caches (roles, permissions) on the copy
		frappe.local.session, frappe.local.form_dict = session, form_dict


def has_app_permission() -> bool:
	"""The apps screen shows Lvyue Ops to the people of the operations rules."""
	roles = set(frappe.get_roles())
	return bool(roles & ({*R.DEPARTMENT_ROLES, *R.REUSED_ERPNEXT_ROLES, "System Manager"} - {R.CUSTOMER}))
