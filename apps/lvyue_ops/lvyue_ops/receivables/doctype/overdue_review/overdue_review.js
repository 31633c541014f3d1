// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Overdue Review", {
	refresh(frm) {
		if (frm.is_new()) return;
		const call = (method) => lvyue_ops.run_action(frm, method);
		if (frm.doc.status === "Open") {
			frm.add_custom_button(__("Fetch Overdue Bills"), () => call("fetch_overdue"));
			frm.add_custom_button(__("Complete Review"), () => call("complete")).addClass("btn-primary");
		}
		if (lvyue_ops.has_step("overdue_review.dunning")) {
			frm.add_custom_button(__("Create Dunning"), () => call("create_dunnings"));
		}
	},
});
