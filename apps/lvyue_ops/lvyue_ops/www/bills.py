import frappe
from frappe import _

from lvyue_ops.billing.billing import customer_bills
from lvyue_ops.portal import customer_page

no_cache = 1


def get_context(context):
	"""我的账单: the customer's bills that have reached it (reviewed), paid or owed, with the PDF of
	each and the calls behind it."""
	customer_page(context, "/bills", _("My Bills"), customer_bill_list)
	return context


def customer_bill_list(customer: str) -> dict:
	return {
		"customer": customer,
		"customer_name": frappe.db.get_value("Customer", customer, "customer_name"),
		"bills": customer_bills(customer),
	}
