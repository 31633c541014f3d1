// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Suspension Request", {
	refresh(frm) {
		if (frm.is_new()) return;
		const call = (method, args) => lvyue_ops.run_action(frm, method, args);
		if (["Draft", "Rejected"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Submit to Carrier"), () => call("submit_to_carrier"), __("Actions"));
		}
		if (frm.doc.status === "Submitted to Carrier") {
			frm.add_custom_button(__("Carrier Confirmed"), () =>
				frappe.prompt(
					{ fieldname: "carrier_reference", label: __("Carrier Reference"), fieldtype: "Data", reqd: 1 },
					(values) => call("confirm", values),
					__("Carrier Confirmed")
				), __("Actions"));
			frm.add_custom_button(__("Carrier Rejected"), () => call("reject"), __("Actions"));
		}
		if (frm.doc.status === "Confirmed" && lvyue_ops.has_step("suspension_request.resume")) {
			frm.add_custom_button(__("Resume the Lines"), () => call("resume"), __("Actions"));
		}
	},
});
