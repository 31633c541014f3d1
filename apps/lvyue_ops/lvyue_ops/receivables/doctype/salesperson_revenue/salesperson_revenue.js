// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Salesperson Revenue", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Draft" && frm.doc.salesperson_user === frappe.session.user) {
			frm.add_custom_button(__("Confirm My Revenue"), () => lvyue_ops.run_action(frm, "confirm")).addClass(
				"btn-primary"
			);
		}
		if (frm.doc.status === "Confirmed" && lvyue_ops.has_step("hr_handover.deliver")) {
			frm.add_custom_button(__("HR Handover"), () =>
				frappe.new_doc("HR Handover", {
					company: frm.doc.company,
					handover_type: "Salesperson Revenue",
					period: frm.doc.month,
				})
			);
		}
	},
});
