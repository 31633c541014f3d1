"""The app's records moved from the one module "Lvyue Ops" to a module per business area
(Approvals, Business Acceptance, Billing, …). Runs before the model sync, so that frappe finds
every DocType's controller in its new folder: the Module Defs are made and each record's `module`
follows the folder its file now lives in. No record is deleted or re-created."""

import json
import os

import frappe
from frappe.modules import scrub

# the folders of a module whose records carry a `module` field
KINDS = {
	"doctype": "DocType",
	"report": "Report",
	"print_format": "Print Format",
	"web_form": "Web Form",
	"workspace": "Workspace",
	"dashboard_chart": "Dashboard Chart",
	"number_card": "Number Card",
}


def execute():
	for module in frappe.get_module_list("lvyue_ops"):
		if not frappe.db.exists("Module Def", module):
			frappe.get_doc({"doctype": "Module Def", "module_name": module, "app_name": "lvyue_ops"}).insert(
				ignore_permissions=True
			)
		folder = frappe.get_app_path("lvyue_ops", scrub(module))
		for kind, doctype in KINDS.items():
			for name in records_in(os.path.join(folder, kind)):
				if frappe.db.exists(doctype, name):
					frappe.db.set_value(doctype, name, "module", module, update_modified=False)
	frappe.clear_cache()


def records_in(path: str) -> list[str]:
	names = []
	if not os.path.isdir(path):
		return names
	for entry in sorted(os.listdir(path)):
		file = os.path.join(path, entry, f"{entry}.json")
		if os.path.isfile(file):
			with open(file, encoding="utf-8") as f:
				names.append(json.load(f)["name"])
	return names
