"""Get-or-create helpers for the ERPNext records lvyue_ops builds on (company, fiscal year,
customers, suppliers, users). Used by the demo data and by the tests' factories."""

import frappe
from frappe.utils.nestedset import get_root_of


def make_company(name: str, abbr: str, holiday_list: str | None = None) -> str:
	if not frappe.db.exists("Company", name):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": name,
				"abbr": abbr,
				"default_currency": "CNY",
				"country": "China",
				"chart_of_accounts": "Standard",
			}
		).insert(ignore_permissions=True)
	if holiday_list:
		frappe.db.set_value("Company", name, "default_holiday_list", holiday_list)
	return name


def make_fiscal_year(year: int) -> None:
	if frappe.db.exists("Fiscal Year", {"year_start_date": f"{year}-01-01"}):
		return
	frappe.get_doc(
		{
			"doctype": "Fiscal Year",
			"year": str(year),
			"year_start_date": f"{year}-01-01",
			"year_end_date": f"{year}-12-31",
		}
	).insert(ignore_permissions=True)


def make_customer(name: str, **fields) -> str:
	if not frappe.db.exists("Customer", name):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": name,
				"customer_type": "Company",
				"customer_group": get_root_of("Customer Group"),
				"territory": get_root_of("Territory"),
				**fields,
			}
		).insert(ignore_permissions=True)
	return name


def make_supplier(name: str, **fields) -> str:
	if not frappe.db.exists("Supplier", name):
		frappe.get_doc(
			{
				"doctype": "Supplier",
				"supplier_name": name,
				"supplier_type": "Company",
				"supplier_group": get_root_of("Supplier Group"),
				**fields,
			}
		).insert(ignore_permissions=True)
	return name


def make_payment_terms(name: str, credit_days: int = 30) -> str:
	"""A Payment Terms Template paying the whole invoice `credit_days` after it (a supplier's terms)."""
	if not frappe.db.exists("Payment Terms Template", name):
		frappe.get_doc(
			{
				"doctype": "Payment Terms Template",
				"template_name": name,
				"terms": [
					{
						"invoice_portion": 100,
						"due_date_based_on": "Day(s) after invoice date",
						"credit_days": credit_days,
					}
				],
			}
		).insert(ignore_permissions=True)
	return name


def make_user(email: str, full_name: str, roles=(), password: str | None = None, **fields) -> str:
	"""A desk user in Chinese with the given roles (no welcome mail)."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"language": "zh",
				"send_welcome_email": 0,
				**fields,
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
		if roles:
			user.add_roles(*roles)
		if password:
			from frappe.utils.password import update_password

			update_password(email, password)
	return email


def make_portal_user(customer: str, email: str, password: str | None = None) -> str:
	"""A website user of the customer (role Customer) with their Contact, made by staff: the
	Contact puts the user among the customer's portal users (overrides/contact.py)."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "客户联系人",
				"user_type": "Website User",
				"send_welcome_email": 0,
				"language": "zh",
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
		user.add_roles("Customer")
		if password:
			from frappe.utils.password import update_password

			update_password(email, password)
		contact = frappe.get_doc(
			{
				"doctype": "Contact",
				"first_name": "客户联系人",
				"user": email,
				"email_ids": [{"email_id": email, "is_primary": 1}],
			}
		)
		contact.append("links", {"link_doctype": "Customer", "link_name": customer})
		contact.insert(ignore_permissions=True)
	return email
