from frappe import _

from lvyue_ops.portal import customer_page, customer_usage

no_cache = 1


def get_context(context):
	"""用量趋势: the customer's usage of the last twelve months."""
	customer_page(context, "/usage", _("Usage Trend"), customer_usage)
	return context
