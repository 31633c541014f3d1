"""What customers see, configured once (admins may change it after): ERPNext's standard portal
items that a telecom customer has no use for are turned off, not deleted (Portal Settings); the
login page names the company instead of "Frappe"; a bill opens and prints as the Lvyue Bill; the
customer's service request (ERPNext's Issue web form) asks its category and its grade."""

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

# ERPNext's portal items a telecom customer uses; the app adds its own (hooks.py portal_menu_items)
KEEP = ("/issues",)


def configure_portal_menu() -> None:
	settings = frappe.get_single("Portal Settings")
	settings.sync_menu()
	for row in settings.menu:
		if row.route not in KEEP:
			row.enabled = 0
	settings.flags.ignore_permissions = True
	settings.save()


def name_the_login_page(company: str) -> None:
	"""The login page says 登录到 <the company>, once (an admin's name is kept)."""
	if not frappe.db.get_single_value("Website Settings", "app_name"):
		frappe.db.set_single_value("Website Settings", "app_name", company)


def make_the_bill_default() -> None:
	"""Sales Invoice prints as the Lvyue Bill unless an admin chose another format."""
	if not frappe.db.exists(
		"Property Setter", {"doc_type": "Sales Invoice", "property": "default_print_format"}
	):
		make_property_setter(
			"Sales Invoice", None, "default_print_format", "Lvyue Bill", "Data", for_doctype=True
		)


# the grades a customer picks from on its service request (Issue Priority records of the app)
GRADES = ("Grade 1", "Grade 2", "Grade 3")


def ask_category_and_grade() -> None:
	"""ERPNext's service request form (Web Form "issues") asks the request's category (the Issue's
	lvyue_category) and its grade from the app's three, instead of ERPNext's Low/Medium/High; once,
	so that an admin's change is kept."""
	if not frappe.db.exists("Web Form", "issues"):
		return
	form = frappe.get_doc("Web Form", "issues")
	if any(f.fieldname == "lvyue_category" for f in form.web_form_fields):
		return
	category = frappe.get_meta("Issue").get_field("lvyue_category")
	fields = []
	for row in form.web_form_fields:
		fields.append(row)
		if row.fieldname == "subject":
			fields.append(
				frappe.new_doc(
					"Web Form Field",
					fieldname="lvyue_category",
					fieldtype="Select",
					label=category.label,
					options=category.options,
					reqd=1,
				)
			)
		if row.fieldname == "priority":
			row.update(
				{
					"fieldtype": "Select",
					"options": "\n".join(GRADES),
					"default": GRADES[-1],
					"label": "Urgency",
					"description": "Grade 1: service down; Grade 2: service impaired; Grade 3: questions and requests",
				}
			)
	form.set("web_form_fields", fields)
	form.flags.ignore_permissions = True
	form.save()


def restore_issue_form() -> None:
	"""On uninstall: ERPNext's service request form as it was (the category field goes with the
	app). Written to the rows directly: frappe lets a standard web form be saved only by a
	developer, an install or a patch, and an uninstall is none of these."""
	if not frappe.db.exists("Web Form", "issues"):
		return
	frappe.db.delete("Web Form Field", {"parent": "issues", "fieldname": "lvyue_category"})
	frappe.db.set_value(
		"Web Form Field",
		{"parent": "issues", "fieldname": "priority", "fieldtype": "Select"},
		{
			"fieldtype": "Link",
			"options": "Issue Priority",
			"default": "Medium",
			"label": "Priority",
			"description": None,
		},
	)
	frappe.clear_document_cache("Web Form", "issues")
