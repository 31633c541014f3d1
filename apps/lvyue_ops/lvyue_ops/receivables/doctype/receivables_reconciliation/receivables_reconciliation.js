// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Receivables Reconciliation", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Draft" || !lvyue_ops.has_step("receivables_reconciliation.reconcile")) return;
		frm.add_custom_button(__("Refresh Balances"), () => lvyue_ops.run_action(frm, "refresh_balances"));
		frm.add_custom_button(__("Reconcile the Month"), () => lvyue_ops.run_action(frm, "reconcile")).addClass("btn-primary");
	},
});
