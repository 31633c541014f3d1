// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

const ORDER_ACTIONS = {
	Draft: [["accept", __("Accept and Hand Over")], ["cancel_order", __("Cancel Order")]],
	Accepted: [["cancel_order", __("Cancel Order")]],
	"Documents Complete": [["activate", __("Activate")], ["cancel_order", __("Cancel Order")]],
	Activated: [["archive", __("Archive")]],
};

frappe.ui.form.on("Business Order", {
	setup(frm) {
		frm.set_query("contract", () => ({
			filters: { docstatus: 1, party_type: "Customer", party_name: frm.doc.customer },
		}));
		frm.set_query("new_contract", () => ({
			filters: { docstatus: 1, party_type: "Customer", party_name: frm.doc.new_customer },
		}));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		for (const [method, label] of ORDER_ACTIONS[frm.doc.status] || []) {
			frm.add_custom_button(label, () => lvyue_ops.run_action(frm, method), __("Actions"));
		}
		if (frm.doc.customer) {
			frm.add_custom_button(__("Qualification Documents"), () =>
				frappe.set_route("Form", "Customer Qualification", frm.doc.customer)
			);
		}
	},
});
