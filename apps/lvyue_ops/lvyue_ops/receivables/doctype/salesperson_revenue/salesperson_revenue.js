// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Salesperson Revenue", {
	refresh(frm) {
		if (frm.is_new()) return;
		const call = (method) => lvyue_ops.run_action(frm, method);
		if (frm.doc.status === "Draft") {
			frm.add_custom_button(__("Confirm My Revenue"), () => call("confirm")).addClass("btn-primary");
		}
		if (frm.doc.status === "Confirmed") {
			frm.add_custom_button(__("Deliver to HR"), () => call("deliver_to_hr")).addClass("btn-primary");
		}
	},
});
