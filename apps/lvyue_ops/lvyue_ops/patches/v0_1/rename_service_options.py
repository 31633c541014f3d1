import frappe

CATEGORY = {"Complaint": "Customer Complaint", "Consultation": "Enquiry"}


def execute():
	"""Service options renamed so their Chinese is not frappe's generic word (投诉, 咨询, 已答复, 有效)."""
	for doctype, field in (
		("Revisit", "category"),
		("Satisfaction Survey", "category"),
		("Issue", "lvyue_category"),
	):
		if frappe.db.has_column(doctype, field):
			for old, new in CATEGORY.items():
				frappe.db.set_value(doctype, {field: old}, field, new, update_modified=False)
	for field, mapping in (
		("status", {"Replied": "Answered"}),
		("is_valid", {"Yes": "Valid", "No": "Not Valid"}),
	):
		for old, new in mapping.items():
			frappe.db.set_value("Complaint Register", {field: old}, field, new, update_modified=False)
