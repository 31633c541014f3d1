// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Lvyue Ops Settings", {
	refresh(frm) {
		frm.set_intro(__("Defaults follow the operations department's rules."), "blue");
	},
});
