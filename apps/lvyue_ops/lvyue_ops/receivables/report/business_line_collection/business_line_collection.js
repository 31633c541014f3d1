// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["Business Line Collection"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "month", label: __("Month"), fieldtype: "Date", default: frappe.datetime.month_start(frappe.datetime.add_months(frappe.datetime.get_today(), -1)), reqd: 1 },
	],
};
