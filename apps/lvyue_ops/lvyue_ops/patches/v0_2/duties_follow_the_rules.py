"""The ops calendar's duties as the rules give them (运营部管理规定): each has the role that owns it
and the event that completes it — a document reaching a status, or, without a document, the role's
"Done". Duties are records admins may edit, so a field is changed only while it still holds the
value the app shipped; an admin's own value stays."""

import frappe

# duty -> field -> (shipped before, the rules' value)
CHANGES = {
	"Customer Bills": {
		"responsible_role": ["Accounts User", "Business Assistant"],
		"completion_status": [None, "Completed"],
		"date_field": [None, "posting_date"],
	},
	"Salesperson Revenue Reconciliation": {
		"responsible_role": ["Accounts User", "Operations Supervisor"],
		"description": [
			"Salesperson revenue of last month reconciled and confirmed by the salespeople.",
			"Salesperson revenue of last month reconciled by Operations and confirmed by the salespeople (done when the last one confirms).",
		],
	},
	"Salesperson Revenue to HR": {
		"responsible_role": ["Accounts User", "Operations Supervisor"],
		"document_type": [None, "HR Handover"],
		"completion_status": [None, "Delivered"],
		"date_field": [None, "due_by"],
		"document_condition": [None, 'doc.handover_type == "Salesperson Revenue"'],
	},
	"Partner Collection Rate to HR": {
		"document_type": [None, "HR Handover"],
		"completion_status": [None, "Delivered"],
		"date_field": [None, "due_by"],
		"document_condition": [None, 'doc.handover_type == "Partner Collection Rate"'],
	},
	"Payment Due": {
		"description": [
			"Customers pay their bills.",
			"Customers pay their bills; Customer Service follows up those who have not.",
		]
	},
	"Latest Payment": {
		"description": [
			"The latest day for payment; dunning starts after it.",
			"The latest day for payment; Customer Service lists who has not paid, and dunning starts after it.",
		]
	},
	"Write-off and Payment Voucher": {
		"completion_status": [None, "Voucher Attached"],
		"date_field": [None, "due_by"],
	},
	"400-Number Partner Write-off": {
		"responsible_role": ["Finance Supervisor", "Business Assistant"],
		"description": [
			"Write-off of 400-number partners.",
			"The customers' confirmed 400-number payments written off with the partner's marketing department (锦新).",
		],
	},
	"VAT Invoice Applications": {
		"responsible_role": ["Business Assistant", "Customer Service Specialist"],
		"completion_status": [None, "Submitted to Finance"],
		"date_field": [None, "due_by"],
	},
	"Suspension Requests to Carriers": {
		"completion_status": [None, "Submitted to Carrier"],
		"date_field": [None, "due_by"],
		"document_condition": [None, 'doc.request_type == "Suspension"'],
	},
	"Tariff Audit (25th)": {
		"document_type": [None, "Tariff Audit"],
		"completion_status": [None, "Completed"],
		"date_field": [None, "due"],
	},
	"Tariff Audit (Month End)": {
		"document_type": [None, "Tariff Audit"],
		"completion_status": [None, "Completed"],
		"date_field": [None, "due"],
	},
	"Quarterly Bonus Data": {
		"responsible_role": ["Accounts User", "Operations Supervisor"],
		"document_type": [None, "HR Handover"],
		"completion_status": [None, "Delivered"],
		"date_field": [None, "due_by"],
		"document_condition": [None, 'doc.handover_type == "Quarterly Bonus"'],
		"working_day": [5, 0],
		"after_duty": [None, "Customer Bills"],
		"days_after": [None, 7],
		"holiday_rule": ["Postpone to Next Working Day", "Bring Forward to Previous Working Day"],
		"description": [
			"Bonus data of the quarter that closed.",
			"Bonus data of the quarter, to HR within the first week after the quarter's bills.",
		],
	},
}


def execute():
	from lvyue_ops.ops_calendar.ops_calendar import DUTY_DOCUMENTS_CACHE
	from lvyue_ops.setup.records import update_shipped

	update_shipped("Ops Duty", CHANGES)
	frappe.cache.delete_value(DUTY_DOCUMENTS_CACHE)
