// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

const INVOICE_APPLICATION_NEXT = {
	Draft: ["Submitted to Finance", __("Submit to Finance")],
	"Submitted to Finance": ["Issued", __("Mark Issued")],
	Issued: ["Delivered", __("Mark Delivered")],
};

frappe.ui.form.on("Invoice Application", {
	setup(frm) {
		frm.set_query("sales_invoice", "items", () => ({ filters: { docstatus: 1, customer: frm.doc.customer } }));
	},
	refresh(frm) {
		const next = INVOICE_APPLICATION_NEXT[frm.doc.status];
		if (!frm.is_new() && next) {
			frm.add_custom_button(next[1], () =>
				lvyue_ops.run_action(frm, "move_to", { status: next[0] })
			).addClass("btn-primary");
		}
	},
});
