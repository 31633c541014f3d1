// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Write-off Request", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Requested" && frm.doc.payment_voucher && lvyue_ops.has_step("write_off_request.attach_voucher")) {
			frm.add_custom_button(__("Voucher Attached"), () => lvyue_ops.run_action(frm, "attach_voucher")).addClass(
				"btn-primary"
			);
		}
		if (frm.doc.status === "Voucher Attached" && lvyue_ops.has_step("write_off_request.carrier")) {
			frm.add_custom_button(__("Write-off Requested from Carrier"), () =>
				frappe.prompt(
					[
						{ fieldname: "carrier", label: __("Carrier or Partner"), fieldtype: "Link", options: "Supplier", reqd: 1 },
						{ fieldname: "carrier_reference", label: __("Carrier's Reference"), fieldtype: "Data" },
					],
					(values) => lvyue_ops.run_action(frm, "request_carrier_write_off", values),
					__("Write-off Requested from Carrier")
				)
			).addClass("btn-primary");
		}
	},
});
