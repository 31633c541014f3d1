from frappe import _

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting, get_settings
from lvyue_ops.portal import customer_checklist, customer_page

no_cache = 1


def get_context(context):
	customer_page(context, "/qualification", _("Qualification Documents"), customer_checklist)
	context.max_upload_size_mb = get_setting("max_upload_size_mb")
	context.accept = ",".join(f".{e}" for e in get_settings().get_allowed_extensions())
	return context
