// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Holiday Greeting", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status === "Open" && lvyue_ops.has_step("holiday_greeting.record")) {
			frm.add_custom_button(__("Complete"), () => lvyue_ops.run_action(frm, "complete")).addClass("btn-primary");
		}
	},
});
