// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Tariff Audit", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Open") return;
		frm.add_custom_button(__("Refresh Lines"), () => frm.call("refresh_lines").then(() => frm.reload_doc()));
		frm.add_custom_button(__("Complete Audit"), () => frm.call("complete").then(() => frm.reload_doc())).addClass("btn-primary");
	},
});
