// lvyue_ops additions to ERPNext's Contract form (hooks.py: doctype_js).
frappe.ui.form.on("Contract", {
	refresh(frm) {
		lvyue_ops.approval.setup_form(frm);
		frm.set_query("lvyue_project_approval", () => ({
			filters: { docstatus: 1, customer: frm.doc.party_type === "Customer" ? frm.doc.party_name : "" },
		}));
	},
});
