from frappe import _

from lvyue_ops.portal import customer_complaints, customer_page

no_cache = 1


def get_context(context):
	"""投诉: the customer writes a complaint and reads the reply."""
	customer_page(context, "/complaints", _("Complaints"), customer_complaints)
	return context
