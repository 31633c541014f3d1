"""The 400-number write-off with 锦新 (第四章第二条 3-3) is now a record, the Partner Write-off, that
completes its duty; the duty was closed by hand before."""

import frappe


def execute():
	from lvyue_ops.ops_calendar.ops_calendar import DUTY_DOCUMENTS_CACHE
	from lvyue_ops.setup.records import update_shipped

	update_shipped(
		"Ops Duty",
		{
			"400-Number Partner Write-off": {
				"document_type": [None, "Partner Write-off"],
				"completion_status": [None, "Written Off"],
				"date_field": [None, "written_off_on"],
			}
		},
	)
	frappe.cache.delete_value(DUTY_DOCUMENTS_CACHE)
