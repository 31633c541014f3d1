// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Tariff Audit", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Open") return;
		frm.add_custom_button(__("Refresh Lines"), () => lvyue_ops.run_action(frm, "refresh_lines"));
		frm.add_custom_button(__("Complete Audit"), () => lvyue_ops.run_action(frm, "complete")).addClass("btn-primary");
	},
});
