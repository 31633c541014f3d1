"""What customers see, configured once (admins may change it after): ERPNext's standard portal
items that a telecom customer has no use for are turned off, not deleted (Portal Settings); the
login page names the company instead of "Frappe"; a bill opens and prints as the Lvyue Bill."""

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
