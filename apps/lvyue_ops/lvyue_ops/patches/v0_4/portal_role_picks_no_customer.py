"""The portal role (Customer) was given select on ERPNext's Customer, because the questionnaire's
customer field counted as one it picks: every portal user listed the company's customers with
their mobile numbers (security review N-H1). The row goes, and the app's record of what it granted
(setup/permissions.py, read on uninstall) forgets it."""

import json

import frappe

from lvyue_ops import roles as R
from lvyue_ops.setup.permissions import GRANTED_KEY, granted


def execute():
	record = granted()
	for name in frappe.get_all(
		"Custom DocPerm", filters={"parent": "Customer", "role": R.CUSTOMER}, pluck="name"
	):
		frappe.db.delete("Custom DocPerm", name)
		record["added"].pop(name, None)
		if name in record["inserted"]:
			record["inserted"].remove(name)
	frappe.db.set_global(GRANTED_KEY, json.dumps(record))
	frappe.clear_cache(doctype="Customer")
