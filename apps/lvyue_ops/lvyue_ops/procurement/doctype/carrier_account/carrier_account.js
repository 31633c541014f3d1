// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Carrier Account", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Request Recharge"), () =>
			frappe.prompt(
				[
					{ fieldname: "amount", label: __("Amount"), fieldtype: "Currency", reqd: 1 },
					{ fieldname: "urgent", label: __("Urgent"), fieldtype: "Check" },
				],
				(values) =>
					frm.call("raise_recharge_request", values).then((r) => frappe.set_route("Form", "Purchase Request", r.message)),
				__("Request Recharge")
			)
		);
	},
});
