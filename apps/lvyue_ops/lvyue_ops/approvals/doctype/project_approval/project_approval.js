// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Project Approval", {
	refresh(frm) {
		lvyue_ops.approval.setup_form(frm);
	},
});

frappe.ui.form.on("Project Approval Service", {
	quantity: (frm, cdt, cdn) => lvyue_ops.approval.update_amount(frm, cdt, cdn),
	unit_price: (frm, cdt, cdn) => lvyue_ops.approval.update_amount(frm, cdt, cdn),
});
