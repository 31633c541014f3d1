// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

// 合同履行审查: the system filled in the figures; the reviewer concludes and lists the measures.
frappe.ui.form.on("Contract Review", {
	refresh(frm) {
		if (frm.doc.status !== "Open" || frm.is_new() || !lvyue_ops.has_step("contract_review.complete")) return;
		frm.add_custom_button(__("Refresh Figures"), () => lvyue_ops.run_action(frm, "refresh_figures"));
		frm.add_custom_button(__("Conclude the Review"), () => lvyue_ops.run_action(frm, "complete")).addClass(
			"btn-primary"
		);
	},
});
