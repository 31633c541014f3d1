// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["Customer Value"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company"), reqd: 1 },
		{ fieldname: "month", label: __("Month"), fieldtype: "Date", default: frappe.datetime.month_start(frappe.datetime.add_months(frappe.datetime.get_today(), -1)), reqd: 1 },
		{ fieldname: "months", label: __("Months"), fieldtype: "Select", options: ["12", "6", "3"], default: "12" },
		{ fieldname: "value_class", label: __("Value Class"), fieldtype: "Select", options: ["", "A", "B", "C"] },
	],
};
