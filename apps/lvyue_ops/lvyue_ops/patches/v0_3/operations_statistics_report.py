"""The duty "Operations Statistics" (每月第一个星期 经营情况统计分析) is done by submitting the
Monthly Operations Report; an admin's own choice of document for it is kept."""

import frappe

from lvyue_ops.ops_calendar.ops_calendar import DUTY_DOCUMENTS_CACHE


def execute():
	if frappe.db.exists("Ops Duty", "Operations Statistics") and not frappe.db.get_value(
		"Ops Duty", "Operations Statistics", "document_type"
	):
		frappe.db.set_value(
			"Ops Duty",
			"Operations Statistics",
			{
				"document_type": "Monthly Operations Report",
				"date_field": "report_date",
				"completion_status": None,
			},
		)
		frappe.cache.delete_value(DUTY_DOCUMENTS_CACHE)
