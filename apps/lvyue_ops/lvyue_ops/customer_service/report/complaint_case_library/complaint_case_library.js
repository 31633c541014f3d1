// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["Complaint Case Library"] = {
	filters: [{ fieldname: "handling_department", label: __("Handling Department"), fieldtype: "Link", options: "Role" }],
};
