app_name = "lvyue_ops"
app_title = "Lvyue Ops"
app_publisher = "lvyue_ops developers"
app_description = "Fulfilment operations (履约运营) for Chinese service companies on ERPNext"
app_email = "dev@lvyue.example"
app_license = "mit"

required_apps = ["erpnext"]

# One Frappe module per business area (modules.txt): Approvals, Business Acceptance, Billing,
# Receivables, Procurement, Customer Service, Ops Calendar, Fulfilment Tracking, Line Register
# (the lines and numbers the company sells, and what acts on them), VOS (the softswitch's call
# records: file import, API pull, the month's usage from them), and the core "Lvyue Ops" (settings).
# Tests are pytest (lvyue_ops/tests, and test_*.py beside the DocTypes), run by scripts/test;
# `bench run-tests` does not collect them.

add_to_apps_screen = [
	{
		"name": "lvyue_ops",
		"logo": "/assets/lvyue_ops/images/lvyue-ops-logo.svg",
		"title": "Lvyue Ops",
		"route": "/app/lvyue-ops",
		"has_permission": "lvyue_ops.permissions.has_app_permission",
	}
]

export_python_type_annotations = True

# Installation
# ------------
after_install = "lvyue_ops.install.after_install"
after_migrate = "lvyue_ops.install.after_migrate"
before_uninstall = "lvyue_ops.install.before_uninstall"

# Roles, workflows and ops duties are records admins may edit: they are seeded once from
# setup/records/ (see lvyue_ops.setup.records) instead of Frappe's fixtures, which are re-imported
# on every migrate.

# Desk
# ----
app_include_js = "lvyue_ops.bundle.js"
extend_bootinfo = "lvyue_ops.permissions.extend_bootinfo"
doctype_js = {
	"Contract": "public/js/erpnext/contract.js",
	"Issue": "public/js/erpnext/issue.js",
	"Holiday List": "public/js/erpnext/holiday_list.js",
	"Payment Entry": "public/js/erpnext/payment_entry.js",
	"Sales Invoice": "public/js/erpnext/sales_invoice.js",
}
doctype_list_js = {"Contract": "public/js/erpnext/contract_list.js"}

# Document events on ERPNext's DocTypes (lvyue_ops/overrides/<doctype>.py); the app's own
# DocTypes keep their rules in their controllers.
# ---------------
doc_events = {
	"*": {
		# a document an Ops Duty names completes that duty's task
		"on_update": "lvyue_ops.ops_calendar.ops_calendar.on_document_produced",
		"on_submit": "lvyue_ops.ops_calendar.ops_calendar.on_document_produced",
	},
	"Sales Invoice": {
		"on_cancel": "lvyue_ops.overrides.sales_invoice.on_cancel",
	},
	"Payment Entry": {
		"on_submit": "lvyue_ops.overrides.payment_entry.on_submit",
	},
	# a bad debt or a transfer Operations proposed is posted by Finance
	"Journal Entry": {
		"validate": "lvyue_ops.overrides.journal_entry.validate",
		"before_submit": "lvyue_ops.overrides.journal_entry.before_submit",
		"on_submit": "lvyue_ops.overrides.journal_entry.on_submit",
	},
	"Issue": {
		"validate": "lvyue_ops.overrides.issue.validate",
		"on_update": "lvyue_ops.overrides.issue.on_update",
	},
	"Contract": {
		"validate": "lvyue_ops.overrides.contract.validate",
		"on_update": "lvyue_ops.overrides.contract.on_update",
		"before_update_after_submit": "lvyue_ops.overrides.contract.before_update_after_submit",
		"on_update_after_submit": "lvyue_ops.overrides.contract.on_update",
		"on_submit": "lvyue_ops.overrides.contract.on_submit",
		"before_cancel": "lvyue_ops.overrides.contract.before_cancel",
		"on_trash": "lvyue_ops.overrides.contract.on_trash",
	},
	"Contact": {
		"validate": "lvyue_ops.overrides.contact.validate",
		"on_update": "lvyue_ops.overrides.contact.on_update",
		"on_trash": "lvyue_ops.overrides.contact.on_trash",
	},
	# a name change's ID scans go to the reviewer's Customer Qualification (security review N-M3)
	"File": {
		"after_insert": "lvyue_ops.overrides.file.after_insert",
	},
	"Purchase Order": {
		"validate": "lvyue_ops.overrides.purchase_order.validate",
	},
	"Company": {
		"on_update": "lvyue_ops.overrides.company.on_update",
	},
	# each department's person lands on their own workspace
	"User": {
		"validate": "lvyue_ops.overrides.user.validate",
	},
}

# print formats read the calendar's days (the Lvyue Bill's dunning day)
jinja = {
	"methods": [
		"lvyue_ops.receivables.doctype.overdue_review.overdue_review.bill_dunning_day",
		"lvyue_ops.billing.billing.bill_month",
		"lvyue_ops.billing.billing.bill_payee",
		"lvyue_ops.utils.money.amount_in_chinese",
	],
}

# the Customer's connections show its 履约 records
override_doctype_dashboards = {
	"Customer": "lvyue_ops.overrides.customer.get_dashboard_data",
	"Contract": "lvyue_ops.overrides.contract.get_dashboard_data",
}

# Who reads which record, beyond the role's DocPerm
# ---------------
# readers who see only their own records (permissions.OWN_RECORDS_ONLY)
has_permission = {
	"Salesperson Revenue": "lvyue_ops.receivables.doctype.salesperson_revenue.salesperson_revenue.has_permission",
	"Approval Step": "lvyue_ops.approvals.doctype.approval_step.approval_step.has_permission",
	"Business Order": "lvyue_ops.business_acceptance.doctype.business_order.business_order.has_permission",
	"Contract": "lvyue_ops.overrides.contract.has_permission",
}
# a bill of a billing run reaches the customer's portal once its run is reviewed (every app's
# has_website_permission must allow: ERPNext's keeps it to the customer's own)
has_website_permission = {
	"Sales Invoice": "lvyue_ops.overrides.sales_invoice.has_website_permission",
}
permission_query_conditions = {
	"Salesperson Revenue": "lvyue_ops.receivables.doctype.salesperson_revenue.salesperson_revenue.permission_query_conditions",
	"Approval Step": "lvyue_ops.approvals.doctype.approval_step.approval_step.permission_query_conditions",
}

# Background jobs write in the site's language (frappe starts them in English)
before_job = ["lvyue_ops.utils.jobs.site_language"]

# Scheduled tasks
# ---------------
scheduler_events = {
	"hourly": [
		"lvyue_ops.workflow.approval.check_approval_deadlines",
		"lvyue_ops.business_acceptance.document_deadline.check_document_deadlines",
		"lvyue_ops.business_acceptance.document_deadline.escalate_late_shutdowns",
		"lvyue_ops.ops_calendar.ops_calendar.flag_overdue_tasks",
		"lvyue_ops.customer_service.doctype.complaint_register.complaint_register.escalate_overdue_complaints",
		"lvyue_ops.overrides.issue.follow_up_routed_issues",
	],
	"daily": [
		"lvyue_ops.workflow.approval.remind_pending_gm_confirmations",
		"lvyue_ops.ops_calendar.ops_calendar.open_duty_tasks",
		"lvyue_ops.ops_calendar.holiday_lists.check_holiday_lists",
		"lvyue_ops.receivables.receivables.make_monthly_invoice_applications",
		"lvyue_ops.procurement.price_system.remind_stale_price_lists",
		"lvyue_ops.billing.doctype.tariff.tariff.remind_tariff_reviews",
		"lvyue_ops.customer_service.relations.make_holiday_greetings",
		"lvyue_ops.customer_service.relations.remind_next_symposium",
		"lvyue_ops.publicity.publicity.remind_quiet_website",
		# 履约 tracking
		"lvyue_ops.fulfilment_tracking.contracts.remind_expiring_contracts",
		"lvyue_ops.fulfilment_tracking.contracts.make_contract_reviews",
		"lvyue_ops.fulfilment_tracking.doctype.contract_review.contract_review.remind_open_reviews",
		"lvyue_ops.fulfilment_tracking.orders.alert_stalled_orders",
		"lvyue_ops.fulfilment_tracking.doctype.monthly_operations_report.monthly_operations_report.make_monthly_reports",
	],
	"daily_long": [
		"lvyue_ops.receivables.receivables.check_low_balances",
		"lvyue_ops.procurement.doctype.carrier_account.carrier_account.check_carrier_balances",
		# VOS: yesterday's call records, and every day not pulled whole before
		"lvyue_ops.vos.pull.pull_all",
		"lvyue_ops.vos.pull.drop_old_call_records",
	],
	"cron": {
		# a billing shard whose worker died is taken up again
		"*/5 * * * *": ["lvyue_ops.billing.billing.requeue_stale_shards"],
	},
	"monthly": [
		"lvyue_ops.customer_service.doctype.revisit.revisit.monthly_spot_checks",
		"lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment.assess_customers",
	],
}

# Portal
# ------
# www/ pages are named as Python modules; their address reads as the customer's
website_route_rules = [{"from_route": "/invoice-requests", "to_route": "invoice_requests"}]
# ERPNext's list of invoices would list a bill before its review: a customer's bills are 我的账单
website_redirects = [{"source": "/invoices", "target": "/bills"}]

portal_menu_items = [
	{
		"title": "My Bills",
		"route": "/bills",
		"reference_doctype": "Sales Invoice",
		"role": "Customer",
	},
	{
		"title": "Usage Trend",
		"route": "/usage",
		"reference_doctype": "Usage Statement",
		"role": "Customer",
	},
	{
		"title": "Lines and Numbers",
		"route": "/lines",
		"reference_doctype": "Service Line",
		"role": "Customer",
	},
	{
		"title": "Invoice Requests",
		"route": "/invoice-requests",
		"reference_doctype": "Invoice Application",
		"role": "Customer",
	},
	{
		"title": "Complaints",
		"route": "/complaints",
		"reference_doctype": "Complaint Register",
		"role": "Customer",
	},
	{
		"title": "Qualification Documents",
		"route": "/qualification",
		"reference_doctype": "Customer Qualification",
		"role": "Customer",
	},
	{
		"title": "Satisfaction Questionnaire",
		"route": "/satisfaction-survey/new",
		"reference_doctype": "Satisfaction Survey",
		"role": "Customer",
	},
]
