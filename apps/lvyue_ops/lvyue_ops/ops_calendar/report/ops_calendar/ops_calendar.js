// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["Ops Calendar"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company"), reqd: 1 },
		{ fieldname: "from_month", label: __("From Month"), fieldtype: "Date", default: frappe.datetime.month_start() },
		{ fieldname: "to_month", label: __("To Month"), fieldtype: "Date", default: frappe.datetime.month_start() },
	],
	onload(report) {
		report.page.add_inner_button(__("Calendar View"), () => frappe.set_route("List", "Ops Duty Task", "Calendar", "Default"));
	},
};
