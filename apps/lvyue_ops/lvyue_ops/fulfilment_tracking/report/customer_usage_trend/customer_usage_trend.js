// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["Customer Usage Trend"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company"), reqd: 1 },
		{ fieldname: "month", label: __("Month"), fieldtype: "Date", default: frappe.datetime.month_start(frappe.datetime.add_months(frappe.datetime.get_today(), -1)), reqd: 1 },
		{
			fieldname: "signal",
			label: __("Signal"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Churned", label: __("Churned") },
				{ value: "Usage Falling", label: __("Usage Falling") },
				{ value: "Usage Growing", label: __("Usage Growing") },
			],
		},
	],
};
