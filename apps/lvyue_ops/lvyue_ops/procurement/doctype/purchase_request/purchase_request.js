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
		design_buttons(frm);
	},
});

// publicity material (第六条 4): the design firm's draft handed in, then Operations reviews it
function design_buttons(frm) {
	if (frm.doc.docstatus !== 1 || !frm.doc.publicity_material || frm.doc.design_review_status === "Approved") return;
	const reviewer = lvyue_ops.has_step("purchase_request.publicity");
	if (frm.doc.design_review_status !== "Pending Review" && (reviewer || frm.doc.executor === frappe.session.user)) {
		frm.add_custom_button(__("Hand In the Design"), () =>
			new frappe.ui.FileUploader({
				doctype: frm.doctype,
				docname: frm.doc.name,
				on_success: (file) => lvyue_ops.run_action(frm, "submit_design", { file_url: file.file_url }),
			})
		);
	}
	if (frm.doc.design_review_status === "Pending Review" && reviewer) {
		frm.add_custom_button(__("Approve the Design"), () => lvyue_ops.run_action(frm, "review_design", { approve: 1 }), __("Design Review"));
		frm.add_custom_button(
			__("Send the Design Back"),
			() =>
				frappe.prompt(
					{ fieldname: "note", label: __("What to Change"), fieldtype: "Small Text", reqd: 1 },
					(values) => lvyue_ops.run_action(frm, "review_design", { approve: 0, note: values.note }),
					__("Send the Design Back")
				),
			__("Design Review")
		);
	}
}
