"""Write the app's DocTypes, reports, print formats, web forms and workspaces as the desk writes
them (frappe's own export: sorted keys, defaults stripped) and the `# begin: auto-generated types`
block of every controller (hooks.py: export_python_type_annotations). Run by scripts/export on the
test site after a migrate; the script copies the files back into the checkout."""

import frappe
from frappe.modules.export_file import export_to_files
from frappe.types.exporter import TypeExporter

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
