// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["Approval SLA"] = {
	filters: [
		{ fieldname: "company", label: __("Company"), fieldtype: "Link", options: "Company", default: frappe.defaults.get_user_default("Company") },
		{
			fieldname: "reference_doctype",
			label: __("Document Type"),
			fieldtype: "Select",
			options: ["", "Project Approval", "Contract", "Purchase Request"],
		},
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date" },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date" },
	],
};
