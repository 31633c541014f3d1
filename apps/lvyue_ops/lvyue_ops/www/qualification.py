import frappe
from frappe import _

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting, get_settings
from lvyue_ops.portal import customer_checklist, portal_customers

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/qualification"
		raise frappe.Redirect
	context.title = _("Qualification Documents")
	context.show_sidebar = True
	context.customers = [customer_checklist(c) for c in portal_customers()]
	context.max_upload_size_mb = get_setting("max_upload_size_mb")
	context.accept = ",".join(f".{e}" for e in get_settings().get_allowed_extensions())
	return context
