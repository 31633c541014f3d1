// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Complaint Register", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status === "Open") {
			frm.add_custom_button(__("Send Reply"), () => lvyue_ops.run_action(frm, "send_reply")).addClass("btn-primary");
		}
	},
});
