# Copyright (c) 2026, lvyue_ops developers and contributors
# For license information, please see license.txt
"""The company's internal price system: each item's effective price from every certified
supplier, the lowest marked, and when each was last updated."""

import frappe
from frappe import _

from lvyue_ops.procurement.price_system import current_prices


def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = current_prices(filters.get("on_date"), filters.get("item_code"))
	for row in rows:
		row["lowest_label"] = _("Lowest") if row["lowest"] else ""
	columns = [
		{"fieldname": "item_code", "label": _("Item"), "fieldtype": "Link", "options": "Item", "width": 150},
		{"fieldname": "specification", "label": _("Specification"), "fieldtype": "Data", "width": 180},
		{
			"fieldname": "supplier",
			"label": _("Supplier"),
			"fieldtype": "Link",
			"options": "Supplier",
			"width": 220,
		},
		{
			"fieldname": "unit_price",
			"label": _("Unit Price"),
			"fieldtype": "Currency",
			"options": "currency",
			"width": 110,
		},
		{"fieldname": "lowest_label", "label": _("Lowest"), "fieldtype": "Data", "width": 80},
		{"fieldname": "min_order_qty", "label": _("Minimum Order"), "fieldtype": "Float", "width": 100},
		{"fieldname": "lead_time_days", "label": _("Lead Time (days)"), "fieldtype": "Int", "width": 100},
		{
			"fieldname": "price_list",
			"label": _("Supplier Price List"),
			"fieldtype": "Link",
			"options": "Supplier Price List",
			"width": 200,
		},
		{"fieldname": "updated_on", "label": _("Last Updated"), "fieldtype": "Date", "width": 110},
		{
			"fieldname": "currency",
			"label": _("Currency"),
			"fieldtype": "Link",
			"options": "Currency",
			"hidden": 1,
		},
	]
	return columns, rows
