"""Who looks after a customer, for the steps that go to them (a crisis reply, a fall in credit)."""

import frappe


def salesperson_users(customer: str) -> list[str]:
	"""The customer's account manager (Customer.account_manager) and the users of its salespeople:
	its sales team and the salesperson of its newest Business Order (Sales Person → Employee →
	User); enabled users only."""
	users = {frappe.db.get_value("Customer", customer, "account_manager")}
	people = set(
		frappe.get_all(
			"Sales Team", filters={"parenttype": "Customer", "parent": customer}, pluck="sales_person"
		)
	)
	people.add(
		frappe.db.get_value(
			"Business Order",
			{"customer": customer, "status": ("!=", "Cancelled"), "sales_person": ("is", "set")},
			"sales_person",
			order_by="creation desc",
		)
	)
	for person in people - {None, ""}:
		employee = frappe.db.get_value("Sales Person", person, "employee")
		if employee:
			users.add(frappe.db.get_value("Employee", employee, "user_id"))
	users -= {None, ""}
	return sorted(u for u in users if frappe.db.get_value("User", u, "enabled"))
