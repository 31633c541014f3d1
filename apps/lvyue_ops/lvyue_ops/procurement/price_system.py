"""The company's internal price system (内部价格体系表, 运营部管理规定 第四章 第三条 2-1): each
item's effective price from every certified supplier, read from the submitted Supplier Price
Lists, and the reminder to refresh old ones."""

import frappe
from frappe import _
from frappe.utils import getdate

from lvyue_ops.lvyue_ops.doctype.lvyue_ops_settings.lvyue_ops_settings import get_setting
from lvyue_ops.procurement.doctype.supplier_certification.supplier_certification import certified_suppliers
from lvyue_ops.utils.jobs import each
from lvyue_ops.utils.notify import alert, step_users


def current_prices(on=None, item_code: str | None = None) -> list[dict]:
	"""The internal price system: for each item, the effective price of every certified supplier
	(the newest submitted list whose validity covers the day)."""
	on = getdate(on)
	filters = {"docstatus": 1, "valid_from": ("<=", on)}
	lists = frappe.get_all(
		"Supplier Price List",
		filters=filters,
		fields=["name", "supplier", "valid_from", "valid_to", "currency", "modified"],
		order_by="valid_from desc, modified desc",
	)
	certified = certified_suppliers(on)
	seen, prices = set(), []
	for price_list in lists:
		if price_list.supplier not in certified or (
			price_list.valid_to and getdate(price_list.valid_to) < on
		):
			continue
		for row in frappe.get_all(
			"Supplier Price List Item",
			filters={"parent": price_list.name},
			fields=["item_code", "specification", "unit_price", "min_order_qty", "lead_time_days"],
		):
			if (item_code and row.item_code != item_code) or (row.item_code, price_list.supplier) in seen:
				continue
			seen.add((row.item_code, price_list.supplier))
			prices.append(
				{
					**row,
					"supplier": price_list.supplier,
					"currency": price_list.currency,
					"price_list": price_list.name,
					"valid_from": price_list.valid_from,
					"updated_on": getdate(price_list.modified),
				}
			)
	lowest = {}
	for p in prices:
		lowest[p["item_code"]] = min(lowest.get(p["item_code"], p["unit_price"]), p["unit_price"])
	for p in prices:
		p["lowest"] = int(p["unit_price"] == lowest[p["item_code"]])
	return sorted(prices, key=lambda p: (p["item_code"], p["unit_price"]))


def stale_price_lists(today=None) -> list[dict]:
	"""Certified suppliers whose newest price list is older than the set age (定期更新)."""
	today = getdate(today)
	max_age = get_setting("price_list_max_age_days") or 0
	stale = []
	for supplier in sorted(certified_suppliers(today)):
		newest = frappe.get_all(
			"Supplier Price List",
			filters={"supplier": supplier, "docstatus": 1},
			fields=["name", "valid_from"],
			order_by="valid_from desc",
			limit=1,
		)
		if not newest or (today - getdate(newest[0].valid_from)).days > max_age:
			stale.append({"supplier": supplier, "price_list": newest[0].name if newest else None})
	return stale


def remind_stale_price_lists(today=None) -> list[str]:
	"""Daily: the Operations Supervisor is told which suppliers' prices need refreshing (once a
	week per supplier at most)."""
	today = getdate(today)
	users = step_users("supplier_price_list.maintain")
	due = []
	for row in stale_price_lists(today):
		last = frappe.cache.get_value(f"lvyue_price_reminder::{row['supplier']}")
		if not (last and (today - getdate(last)).days < 7):
			due.append(row)

	def remind(row):
		alert(
			users,
			lambda: _("The prices of supplier {0} are due for a refresh.").format(row["supplier"]),
			"Supplier",
			row["supplier"],
		)
		frappe.cache.set_value(f"lvyue_price_reminder::{row['supplier']}", str(today))

	return [row["supplier"] for row in each(due, remind, "stale price lists")]
