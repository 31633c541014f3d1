from frappe import _

from lvyue_ops.portal import customer_invoice_requests, customer_page

no_cache = 1


def get_context(context):
	"""发票申请: the customer asks for the VAT invoice of its bills and follows it to the mail."""
	customer_page(context, "/invoice-requests", _("Invoice Requests"), customer_invoice_requests)
	return context
