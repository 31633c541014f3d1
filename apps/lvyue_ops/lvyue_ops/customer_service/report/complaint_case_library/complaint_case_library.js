// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["Complaint Case Library"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{ fieldname: "handling_department", label: __("Handling Department"), fieldtype: "Link", options: "Role" },
	],
};
