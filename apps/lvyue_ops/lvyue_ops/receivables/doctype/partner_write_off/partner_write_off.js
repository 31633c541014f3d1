// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Partner Write-off", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Draft" || !lvyue_ops.has_step("partner_write_off.write_off")) return;
		frm.add_custom_button(__("Refresh Payments"), () => lvyue_ops.run_action(frm, "refresh_payments"));
		frm.add_custom_button(__("Written Off with the Partner"), () => {
			frappe.prompt(
				{ fieldname: "partner_reference", fieldtype: "Data", label: __("Partner's Reference"), reqd: 1, default: frm.doc.partner_reference },
				(values) => lvyue_ops.run_action(frm, "write_off", values),
				__("Written Off with the Partner"),
			);
		}).addClass("btn-primary");
	},
});
