// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Purchase Request", {
	setup(frm) {
		frm.set_query("project_approval", () => ({ filters: { docstatus: 1, customer: frm.doc.customer } }));
	},
	before_workflow_action: (frm) => lvyue_ops.approval.before_workflow_action(frm),
	refresh(frm) {
		lvyue_ops.approval.setup_form(frm);
		if (frm.doc.docstatus === 1 && lvyue_ops.has_step("purchase_request.assign_executor")) {
			frm.add_custom_button(__("Assign Executor"), () =>
				frappe.prompt(
					{ fieldname: "user", label: __("Executor"), fieldtype: "Link", options: "User", reqd: 1 },
					(values) => lvyue_ops.run_action(frm, "assign_executor", values),
					__("Assign Executor")
				)
			);
		}
	},
});
