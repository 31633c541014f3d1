// Shared desk helpers of lvyue_ops (hooks.py: app_include_js).
frappe.provide("lvyue_ops.approval");

// An action of a document whose status moves only through its actions (controllers/status_flow.py):
// unsaved edits are saved first, since the server acts on the stored document.
lvyue_ops.run_action = function (frm, method, args) {
	const saved = frm.is_dirty() ? frm.save() : Promise.resolve();
	return saved.then(() => frm.call(method, args)).then((r) => {
		frm.reload_doc();
		return r;
	});
};

lvyue_ops.approval.update_amount = function (frm, cdt, cdn) {
	const row = locals[cdt][cdn];
	frappe.model.set_value(cdt, cdn, "amount", flt(row.quantity) * flt(row.unit_price));
	frm.set_value(
		"total_amount",
		(frm.doc.services || []).reduce((sum, r) => sum + flt(r.amount), 0)
	);
};

lvyue_ops.approval.setup_form = function (frm) {
	const confirmation = frm.doctype === "Contract" ? "lvyue_gm_confirmation_status" : "gm_confirmation_status";
	if (frm.doc[confirmation] === "Awaiting Confirmation" && frappe.user.has_role("General Manager")) {
		frm.add_custom_button(__("Confirm Approval on My Behalf"), () => {
			frappe
				.xcall("lvyue_ops.workflow.approval.confirm_on_behalf_approval", {
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
