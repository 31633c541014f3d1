# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The VOS accounts of a month's call records that no customer or line has: calls the company
carried and cannot bill until the Business Assistant gives the account to its customer (a revenue
leak, never dropped silently)."""

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, nowdate

from lvyue_ops.utils.reports import report_companies
from lvyue_ops.vos import call_records


def execute(filters=None):
	filters = frappe._dict(filters or {})
	company = report_companies(filters, required=True)[0]
	month = get_first_day(filters.get("month") or add_months(nowdate(), -1))
	columns = [
		{"fieldname": "account", "label": _("VOS Account"), "fieldtype": "Data", "width": 160},
		{"fieldname": "account_name", "label": _("VOS Account Name"), "fieldtype": "Data", "width": 200},
		{"fieldname": "calls", "label": _("Calls"), "fieldtype": "Int", "width": 100},
		{"fieldname": "fee", "label": _("VOS Fee"), "fieldtype": "Float", "precision": 2, "width": 120},
	]
	return columns, call_records.unknown_accounts(company, month)
