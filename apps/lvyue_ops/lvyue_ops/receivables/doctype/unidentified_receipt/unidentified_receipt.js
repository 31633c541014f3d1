// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Unidentified Receipt", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Unidentified") {
			frm.add_custom_button(__("Confirm Payer and Type"), () => lvyue_ops.run_action(frm, "confirm")).addClass("btn-primary");
		}
		if (frm.doc.status === "Posted" && frm.doc.receipt_type === "Prepayment" && !frm.doc.vos_updated_on) {
			frm.add_custom_button(__("VOS Balance Updated"), () => lvyue_ops.run_action(frm, "update_vos")).addClass("btn-primary");
		}
		if (frm.doc.status === "Confirmed") {
			frm.add_custom_button(__("Post"), () => lvyue_ops.run_action(frm, "post")).addClass("btn-primary");
		}
	},
});
