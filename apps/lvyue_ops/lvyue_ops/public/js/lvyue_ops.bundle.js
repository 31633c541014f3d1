// Shared desk helpers of lvyue_ops (hooks.py: app_include_js).
frappe.provide("lvyue_ops.approval");

lvyue_ops.approval.update_amount = function (frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	frappe.model.set_value(cdt, cdn, "amount", flt(row.quantity) * flt(row.unit_price));
	frm.set_value(
		"total_amount",
		(frm.doc.services || []).reduce((sum, r) => sum + flt(r.amount), 0)
	);
};

lvyue_ops.approval.setup_form = function (frm) {
	if (frm.doc.gm_confirmation_status === "Awaiting Confirmation" && frappe.user.has_role("General Manager")) {
		frm.add_custom_button(__("Confirm Approval on My Behalf"), () => {
			frappe
				.xcall("lvyue_ops.lvyue_ops.workflow.approval.confirm_on_behalf_approval", {
					doctype: frm.doctype,
					name: frm.doc.name,
				})
				.then(() => frm.reload_doc());
		});
	}
	if (!frm.is_new()) {
		frm.add_custom_button(__("Approval Steps"), () => {
			frappe.set_route("List", "Approval Step", {
				reference_doctype: frm.doctype,
				reference_name: frm.doc.name,
			});
		});
	}
};
