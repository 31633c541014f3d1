// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Public Crisis", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status === "Open") {
			frm.add_custom_button(__("Notify All Departments"), () => lvyue_ops.run_action(frm, "notify_departments")).addClass("btn-primary");
		}
		if (frm.doc.status === "Notified" && lvyue_ops.has_step("public_crisis.close")) {
			frm.add_custom_button(__("Close the Crisis"), () => lvyue_ops.run_action(frm, "close"));
		}
	},
});
