"""Orders that stall (订单滞留预警, seed 001): a Business Order longer than the days of Settings in
one state — not handed over, accepted and waiting for documents, or complete and not activated —
alerts the Business Assistant and the Operations Supervisor, once per state it stalls in."""

import frappe
from frappe import _
from frappe.utils import add_days, now_datetime

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.permissions import step_roles
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import alert, assign, users_with_role

STALLING = ("Draft", "Accepted", "Documents Complete")


def alert_stalled_orders(now=None) -> list[str]:
	"""Daily."""
	now = now or now_datetime()
	days = get_setting("stalled_order_days") or 7
	order = frappe.qb.DocType("Business Order")
	stalled = (
		frappe.qb.from_(order)
		.select(order.name, order.customer, order.status, order.status_since, order.company)
		.where(order.status.isin(STALLING))
		.where(order.status_since < add_days(now, -days))
		.where(order.stalled_alerted_on.isnull() | (order.stalled_alerted_on < order.status_since))
		.run(as_dict=True)
	)

	def warn(row):
		def message():
			return _("Business Order {0} of {1} has been {2} for more than {3} days.").format(
				row.name, row.customer, _(row.status), days
			)

		for role in step_roles("business_order.stalled", row.company):
			users = users_with_role(role)
			alert(users, message, "Business Order", row.name)
			assign(users, "Business Order", row.name, message, "High", role)
		frappe.db.set_value("Business Order", row.name, "stalled_alerted_on", now, update_modified=False)

	return [row.name for row in each(stalled, warn, "stalled orders")]
