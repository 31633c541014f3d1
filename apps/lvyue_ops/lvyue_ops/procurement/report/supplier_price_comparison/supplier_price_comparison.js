// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["Supplier Price Comparison"] = {
	filters: [
		{ fieldname: "item_code", label: __("Item"), fieldtype: "Link", options: "Item" },
		{ fieldname: "on_date", label: __("On Date"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
