// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("HR Handover", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Draft" && lvyue_ops.has_step("hr_handover.deliver")) {
			frm.add_custom_button(__("Fetch Figures"), () => lvyue_ops.run_action(frm, "fetch_figures"));
			frm.add_custom_button(__("Deliver to HR"), () => lvyue_ops.run_action(frm, "deliver")).addClass("btn-primary");
		}
		if (frm.doc.status === "Delivered" && lvyue_ops.has_step("hr_handover.receive")) {
			frm.add_custom_button(__("Mark Received"), () => lvyue_ops.run_action(frm, "receive")).addClass("btn-primary");
		}
	},
});
