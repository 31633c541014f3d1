from frappe import _

from lvyue_ops.portal import customer_lines, customer_page

no_cache = 1


def get_context(context):
	customer_page(context, "/lines", _("Lines and Numbers"), customer_lines)
	return context
