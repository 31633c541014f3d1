"""What customers see (setup/portal.py), once: ERPNext's portal items that do not apply turned off,
the login page named after the company, the Lvyue Bill as the bill's print format."""

import frappe

from lvyue_ops.setup.portal import configure_portal_menu, make_the_bill_default, name_the_login_page


def execute():
	configure_portal_menu()
	make_the_bill_default()
	company = frappe.db.get_single_value("Global Defaults", "default_company") or frappe.db.get_value(
		"Company", {}, "company_name"
	)
	if company:
		name_the_login_page(company)
