// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

// the actions of each status (the server checks them again: business_order.py status_flow)
const ORDER_ACTIONS = {
	Draft: [["accept", __("Accept and Hand Over")], ["cancel_order", __("Cancel Order")]],
	Accepted: [["activate", __("Activate")], ["cancel_order", __("Cancel Order")]],
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
		frm.set_query("change_approval", () => ({
			filters: {
				docstatus: 1,
				approval_type: "Contract Change",
				customer: frm.doc.customer,
				contract: frm.doc.contract,
				change_type: frm.doc.order_type,
			},
		}));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		if (frappe.user.has_role("Business Assistant")) {
			for (const [method, label] of ORDER_ACTIONS[frm.doc.status] || []) {
				frm.add_custom_button(label, () => lvyue_ops.run_action(frm, method), __("Actions"));
			}
		}
		if (frm.doc.customer && frappe.user.has_role("Business Assistant")) {
			frm.add_custom_button(__("Qualification Documents"), () =>
				frappe.set_route("Form", "Customer Qualification", frm.doc.customer)
			);
		}
		if (["Activated", "Archived"].includes(frm.doc.status)) {
			for (const change of ["Dismantle", "Relocation"]) {
				frm.add_custom_button(
					__(change),
					() =>
						frappe.model.open_mapped_doc({
							method: "lvyue_ops.business_acceptance.doctype.business_order.business_order.make_change_approval",
							frm: frm,
							args: { change_type: change },
						}),
					__("Change Approval")
				);
			}
		}
	},
});
