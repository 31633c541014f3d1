"""Run in another process by the numbering test (`bench execute`)."""

import frappe


def make_complaints(company: str, customer: str, count: int = 5):
	try:
		_make(company, customer, count)
	except Exception:
		print(frappe.get_traceback())  # `bench execute` would hide it behind a NameError
		raise


def _make(company, customer, count):
	names = []
	for _ in range(count):
		doc = frappe.get_doc(
			{
				"doctype": "Complaint Register",
				"company": company,
				"customer": customer,
				"channel": "Oral",
				"content": "并发编号测试",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		names.append(doc.name)
	print("\n".join(names))
