"""Write the app's DocTypes, reports, print formats, web forms and workspaces as the desk writes
them (frappe's own export: sorted keys, defaults stripped) and the `# begin: auto-generated types`
block of every controller (hooks.py: export_python_type_annotations). Run by scripts/export on the
test site after a migrate; the script copies the files back into the checkout."""

import frappe
from frappe.modules.export_file import export_to_files
from frappe.types.exporter import TypeExporter

SYSTEM_MANAGER = (
	"read",
	"write",
	"create",
	"delete",
	"report",
	"export",
	"import",
	"print",
	"email",
	"share",
)
RECORD_DOCTYPES = ("Report", "Print Format", "Web Form", "Workspace", "Number Card", "Dashboard Chart")


def export_all():
	modules = frappe.get_module_list("lvyue_ops")
	for name in frappe.get_all(
		"DocType", filters={"module": ("in", modules), "custom": 0}, pluck="name", order_by="name"
	):
		doc = frappe.get_doc("DocType", name)
		export_to_files(record_list=[["DocType", name]], create_init=True)
		exporter = TypeExporter(doc)
		# frappe looks for the class by the name without spaces; "Write-off Request" is WriteoffRequest
		exporter.doctype = name.replace("-", "")
		exporter.export_types()
	for doctype in RECORD_DOCTYPES:
		filters = {"module": ("in", modules)}
		if frappe.get_meta(doctype).has_field("is_standard"):
			filters["is_standard"] = "Yes" if doctype in ("Report", "Print Format") else 1
		for name in frappe.get_all(doctype, filters=filters, pluck="name", order_by="name"):
			export_to_files(record_list=[[doctype, name]], create_init=False)


def write_docperms():
	"""The permissions of every app DocType, as the role table (permissions.STEPS) gives them,
	written into its JSON (System Manager keeps every right)."""
	import json
	import os

	from lvyue_ops.permissions import docperms, owner_only

	for module in frappe.get_module_list("lvyue_ops"):
		folder = frappe.get_app_path("lvyue_ops", frappe.scrub(module), "doctype")
		for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
			path = os.path.join(folder, name, f"{name}.json")
			if not os.path.isfile(path):
				continue
			with open(path, encoding="utf-8") as f:
				doctype = json.load(f)
			if doctype.get("istable"):
				continue
			doctype["permissions"] = table_permissions(doctype, docperms(doctype["name"]), owner_only)
			with open(path, "w", encoding="utf-8") as f:
				f.write(frappe.as_json(doctype))


def table_permissions(doctype: dict, rights: dict, owner_only) -> list[dict]:
	from lvyue_ops.permissions import LEVEL_ONE_EDITORS
	from lvyue_ops.setup.permissions import SINGLE_RIGHTS

	submittable = doctype.get("is_submittable")
	manager = {right: 1 for right in SYSTEM_MANAGER}
	if submittable:
		manager.update(submit=1, cancel=1, amend=1)
	if doctype.get("issingle"):
		manager = {"read": 1, "write": 1, "create": 1, "print": 1, "email": 1, "share": 1}
	rows = [{"role": "System Manager", **manager}]
	for role in sorted(rights):
		row = {"role": role, **{right: 1 for right in sorted(rights[role])}}
		if doctype.get("issingle"):
			row = {k: v for k, v in row.items() if k == "role" or k in SINGLE_RIGHTS}
		if owner_only(doctype["name"], role):
			row["if_owner"] = 1
		rows.append(row)
	if editors := LEVEL_ONE_EDITORS.get(doctype["name"]):
		readers = {"System Manager", *(role for role in rights if "read" in rights[role])}
		for role in sorted(readers):
			rows.append(
				{"permlevel": 1, "read": 1, "role": role, **({"write": 1} if role in editors else {})}
			)
	return rows
