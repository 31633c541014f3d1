// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

// the actions of each status and their step (the server checks both again: business_order.py)
const ACCEPT = ["accept", "business_order.accept", __("Accept and Hand Over")];
const CANCEL = ["cancel_order", "business_order.cancel", __("Cancel Order")];
const ACTIVATE = ["activate", "business_order.activate", __("Activate")];
const ORDER_ACTIONS = {
	Draft: [ACCEPT, CANCEL],
	Accepted: [ACTIVATE, CANCEL],
	"Documents Complete": [ACTIVATE, CANCEL],
	Activated: [["archive", "business_order.archive", __("Archive")]],
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
		// a 拆机, 迁改 or 过户 acts on the customer's lines in service (the register)
		frm.set_query("service_line", "resources", () => ({
			filters: {
				customer: frm.doc.customer,
				company: frm.doc.company,
				status: ["in", ["Active", "Suspended"]],
			},
		}));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		for (const [method, step, label] of ORDER_ACTIONS[frm.doc.status] || []) {
			if (lvyue_ops.has_step(step)) {
				frm.add_custom_button(label, () => lvyue_ops.run_action(frm, method), __("Actions"));
			}
		}
		if (frm.doc.customer && lvyue_ops.has_step("customer_qualification.review")) {
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
	customer: show_credit_grade,
	company: show_credit_grade,
});

// the grade the order's company gave the customer, shown on a new order (the server reads it again)
function show_credit_grade(frm) {
	if (!frm.is_new() || !frm.doc.customer || !frm.doc.company) return;
	frappe
		.call({
			method: "lvyue_ops.fulfilment_tracking.doctype.customer_credit_assessment.customer_credit_assessment.get_credit_grade",
			args: { customer: frm.doc.customer, company: frm.doc.company },
		})
		.then((r) => frm.set_value("credit_grade", r.message || ""));
}
