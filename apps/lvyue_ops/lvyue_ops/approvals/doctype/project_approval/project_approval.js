// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Project Approval", {
	setup(frm) {
		frm.set_query("contract", () => ({
			filters: { docstatus: 1, party_type: "Customer", party_name: frm.doc.customer || "" },
		}));
	},
	before_workflow_action: (frm) => lvyue_ops.approval.before_workflow_action(frm),
	refresh(frm) {
		lvyue_ops.approval.setup_form(frm);
		if (frm.doc.docstatus === 1 && !frm.doc.customer && frm.doc.prospect_name) {
			frm.add_custom_button(__("Link the Customer"), () =>
				frappe.prompt(
					{ fieldname: "customer", label: __("Customer"), fieldtype: "Link", options: "Customer", reqd: 1 },
					(values) =>
						// the prospect and the customer side by side before the link is made
						frappe.confirm(
							__("Link the prospect {0} to customer {1}?", [
								frappe.utils.escape_html(frm.doc.prospect_name),
								frappe.utils.escape_html(values.customer),
							]),
							() => frm.call("link_customer", values).then(() => frm.reload_doc())
						),
					__("Link the Customer")
				)
			);
		}
	},
});

frappe.ui.form.on("Project Approval Service", {
	quantity: (frm, cdt, cdn) => lvyue_ops.approval.update_amount(frm, cdt, cdn),
	unit_price: (frm, cdt, cdn) => lvyue_ops.approval.update_amount(frm, cdt, cdn),
});
