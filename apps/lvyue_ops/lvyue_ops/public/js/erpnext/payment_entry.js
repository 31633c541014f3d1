// lvyue_ops additions to ERPNext's Payment Entry form (hooks.py: doctype_js).
frappe.ui.form.on("Payment Entry", {
	refresh(frm) {
		if (
			frm.doc.docstatus === 1 &&
			frm.doc.party_type === "Customer" &&
			frm.doc.payment_type === "Receive" &&
			!frm.doc.lvyue_vos_updated_on &&
			lvyue_ops.has_step("payment_entry.update_vos")
		) {
			frm.add_custom_button(__("VOS Balance Updated"), () =>
				frappe
					.xcall("lvyue_ops.overrides.payment_entry.mark_vos_updated", { payment_entry: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
	},
});
