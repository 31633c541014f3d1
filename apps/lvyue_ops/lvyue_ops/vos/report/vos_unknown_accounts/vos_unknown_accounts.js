// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["VOS Unknown Accounts"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company"), reqd: 1 },
		{ fieldname: "month", label: __("Usage Month"), fieldtype: "Date", default: frappe.datetime.month_start(frappe.datetime.add_months(frappe.datetime.get_today(), -1)), reqd: 1 },
	],
};
