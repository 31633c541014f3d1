app_name = "lvyue_ops"
app_title = "Lvyue Ops"
app_publisher = "lvyue_ops developers"
app_description = "Fulfilment operations (履约运营) for Chinese service companies on ERPNext"
app_email = "dev@lvyue.example"
app_license = "mit"

required_apps = ["erpnext"]

add_to_apps_screen = [{"name": "lvyue_ops", "logo": "/assets/erpnext/images/erpnext-logo.svg", "title": "Lvyue Ops", "route": "/app/lvyue-ops"}]

# Installation
# ------------
after_install = "lvyue_ops.install.after_install"
after_migrate = "lvyue_ops.install.after_migrate"
before_uninstall = "lvyue_ops.install.before_uninstall"

# Roles and workflows are records admins may edit: they are seeded once from setup/records/
# (see lvyue_ops.setup.records) instead of Frappe's fixtures, which are re-imported on every migrate.

# Desk
# ----
app_include_js = "lvyue_ops.bundle.js"
doctype_js = {"Contract": "public/js/contract.js", "Issue": "public/js/issue.js"}

# Document events
# ---------------
doc_events = {
	"*": {
		"after_insert": "lvyue_ops.lvyue_ops.ops_calendar.on_document_produced",
		"on_submit": "lvyue_ops.lvyue_ops.ops_calendar.on_document_produced",
	},
	"Ops Duty": {
		"on_update": "lvyue_ops.lvyue_ops.ops_calendar.clear_duty_cache",
		"on_trash": "lvyue_ops.lvyue_ops.ops_calendar.clear_duty_cache",
	},
	"Sales Invoice": {
		"on_cancel": "lvyue_ops.lvyue_ops.billing.clear_billing_key",
	},
	"Issue": {
		"on_update": "lvyue_ops.lvyue_ops.service.route_issue",
	},
	"Purchase Order": {
		"validate": "lvyue_ops.lvyue_ops.procurement.check_purchase_order",
	},
	"Payment Entry": {
		"on_submit": "lvyue_ops.lvyue_ops.receivables.on_payment_entry_submit",
	},
	"Project Approval": {
		"validate": "lvyue_ops.lvyue_ops.workflow.approval.validate",
		"on_update": "lvyue_ops.lvyue_ops.workflow.approval.on_state_change",
		"on_update_after_submit": "lvyue_ops.lvyue_ops.workflow.approval.on_state_change",
	},
	"Purchase Request": {
		"validate": "lvyue_ops.lvyue_ops.workflow.approval.validate",
		"on_update": "lvyue_ops.lvyue_ops.workflow.approval.on_state_change",
		"on_update_after_submit": "lvyue_ops.lvyue_ops.workflow.approval.on_state_change",
	},
	"Contract": {
		"validate": "lvyue_ops.lvyue_ops.workflow.contract.validate",
		"on_update": "lvyue_ops.lvyue_ops.workflow.approval.on_state_change",
		"on_update_after_submit": "lvyue_ops.lvyue_ops.workflow.approval.on_state_change",
	},
}

# Scheduled tasks
# ---------------
scheduler_events = {
	"hourly": [
		"lvyue_ops.lvyue_ops.workflow.approval.check_approval_deadlines",
		"lvyue_ops.lvyue_ops.acceptance.check_document_deadlines",
		"lvyue_ops.lvyue_ops.ops_calendar.flag_overdue_tasks",
		"lvyue_ops.lvyue_ops.service.escalate_overdue_complaints",
	],
	"monthly": [
		"lvyue_ops.lvyue_ops.service.monthly_spot_checks",
	],
	"daily": [
		"lvyue_ops.lvyue_ops.workflow.approval.remind_pending_gm_confirmations",
		"lvyue_ops.lvyue_ops.ops_calendar.open_duty_tasks",
		"lvyue_ops.lvyue_ops.receivables.check_low_balances",
		"lvyue_ops.lvyue_ops.receivables.make_monthly_invoice_applications",
		"lvyue_ops.lvyue_ops.procurement.remind_stale_price_lists",
		"lvyue_ops.lvyue_ops.procurement.check_carrier_balances",
	],
}

# Portal
# ------
portal_menu_items = [
	{"title": "Qualification Documents", "route": "/qualification", "reference_doctype": "Customer Qualification", "role": "Customer"},
	{"title": "Satisfaction Questionnaire", "route": "/satisfaction-survey/new", "reference_doctype": "Satisfaction Survey", "role": "Customer"},
]
