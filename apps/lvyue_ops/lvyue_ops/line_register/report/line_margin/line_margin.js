// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["Line Margin"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company"), reqd: 1 },
		{ fieldname: "month", label: __("Month"), fieldtype: "Date", default: frappe.datetime.month_start(frappe.datetime.add_months(frappe.datetime.get_today(), -1)), reqd: 1 },
		{
			fieldname: "group_by",
			label: __("Figures By"),
			fieldtype: "Select",
			options: [
				{ value: "Customer", label: __("Customer") },
				{ value: "Sales Person", label: __("Sales Person") },
				{ value: "Line Type", label: __("Line Type") },
				{ value: "Carrier", label: __("Carrier") },
				{ value: "Line", label: __("Service Line") },
			],
			default: "Customer",
		},
	],
};
