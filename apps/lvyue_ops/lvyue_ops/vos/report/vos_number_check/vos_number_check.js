// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.query_reports["VOS Number Check"] = {
	filters: [{ fieldname: "vos_server", label: __("VOS Server"), fieldtype: "Link", options: "VOS Server", reqd: 1 }],
};
