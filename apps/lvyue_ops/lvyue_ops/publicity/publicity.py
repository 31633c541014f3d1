"""Company publicity across documents (运营部管理规定 第六条): the website is kept up to date."""

import frappe
from frappe import _
from frappe.utils import add_days, formatdate, getdate, nowdate

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.utils.notify import assign_step


def remind_quiet_website(today=None) -> bool:
	"""Daily: when the company website has published nothing for the set days, Operations is
	reminded to update it (第六条 3: 官网实时更新), once while it stays quiet."""
	days = get_setting("website_update_days")
	if not days:
		return False
	today = getdate(today or nowdate())
	last = frappe.db.get_value("Blog Post", {"published": 1}, "published_on", order_by="published_on desc")
	if last and getdate(last) > add_days(today, -days):
		return False
	assign_step(
		"publicity_item.select",
		"Website Settings",
		"Website Settings",
		lambda: _(
			"The company website has published nothing since {0}: please select news to publish."
		).format(formatdate(last) if last else _("it was set up")),
		"Medium",
	)
	return True
