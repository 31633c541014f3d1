import frappe
from frappe import _

from lvyue_ops.portal import customer_lines, portal_customers

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/lines"
		raise frappe.Redirect
	context.title = _("Lines and Numbers")
	context.show_sidebar = True
	context.customers = [customer_lines(c) for c in portal_customers()]
	return context
