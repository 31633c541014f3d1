"""Every field lvyue_ops adds to an ERPNext DocType is named `lvyue_…` (Contract's `archived`,
`rejection_reason`, Customer's `vos_account` … were not). The column, the Custom Field, the
property setters and the fields placed after it follow; the data stays in its column."""

import frappe

from lvyue_ops.setup.custom_fields import RENAMED_FIELDS


def execute():
	for doctype, fields in RENAMED_FIELDS.items():
		for old in fields:
			rename_custom_field(doctype, old, f"lvyue_{old}")
		frappe.clear_cache(doctype=doctype)
	update_contract_workflow()


def rename_custom_field(doctype: str, old: str, new: str):
	name = frappe.db.get_value("Custom Field", {"dt": doctype, "fieldname": old})
	if not name or frappe.db.exists("Custom Field", {"dt": doctype, "fieldname": new}):
		return
	if frappe.db.has_column(doctype, old) and not frappe.db.has_column(doctype, new):
		frappe.db.rename_column(doctype, old, new)
	custom_field = frappe.qb.DocType("Custom Field")
	frappe.qb.update(custom_field).set(custom_field.name, f"{doctype}-{new}").set(
		custom_field.fieldname, new
	).where(custom_field.name == name).run()
	frappe.db.set_value(
		"Custom Field", {"dt": doctype, "insert_after": old}, "insert_after", new, update_modified=False
	)
	property_setter = frappe.qb.DocType("Property Setter")
	frappe.qb.update(property_setter).set(property_setter.field_name, new).where(
		(property_setter.doc_type == doctype) & (property_setter.field_name == old)
	).run()


def update_contract_workflow():
	"""The contract chain reads its state and its Technical Support condition from the renamed fields."""
	for workflow in frappe.get_all("Workflow", filters={"document_type": "Contract"}, pluck="name"):
		if frappe.db.get_value("Workflow", workflow, "workflow_state_field") == "workflow_state":
			frappe.db.set_value(
				"Workflow", workflow, "workflow_state_field", "lvyue_workflow_state", update_modified=False
			)
		for transition in frappe.get_all(
			"Workflow Transition", filters={"parent": workflow}, fields=["name", "condition"]
		):
			condition = transition.condition or ""
			if "doc.involves_equipment" in condition:
				frappe.db.set_value(
					"Workflow Transition",
					transition.name,
					"condition",
					condition.replace("doc.involves_equipment", "doc.lvyue_involves_equipment"),
					update_modified=False,
				)
	frappe.clear_cache(doctype="Contract")
