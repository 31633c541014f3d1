// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Write-off Request", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status === "Requested" && frm.doc.payment_voucher) {
			frm.add_custom_button(__("Voucher Attached"), () =>
				lvyue_ops.run_action(frm, "attach_voucher")
			).addClass("btn-primary");
		}
	},
});
