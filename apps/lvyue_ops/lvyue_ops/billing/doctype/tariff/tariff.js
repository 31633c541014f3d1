// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Tariff", {
	before_workflow_action: (frm) => lvyue_ops.approval.before_workflow_action(frm),
	refresh(frm) {
		lvyue_ops.approval.setup_form(frm);
		if (frm.doc.docstatus !== 1 || frm.doc.valid_to || !lvyue_ops.has_step("tariff.review")) return;
		frm.add_custom_button(__("Record the Tariff Review"), () =>
			frappe.prompt(
				[
					{ fieldname: "note", label: __("What the Review Found"), fieldtype: "Small Text", reqd: 1 },
					{ fieldname: "next_review_by", label: __("Next Review By"), fieldtype: "Date", reqd: 1 },
				],
				(values) =>
					frappe.call({ doc: frm.doc, method: "record_review", args: values }).then(() => frm.reload_doc()),
				__("Record the Tariff Review")
			)
		);
	},
});
