// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Satisfaction Survey", {
	refresh(frm) {
		// the server sets a portal questionnaire's customer; Customer Service names the customer of
		// one returned by email or fax, when entering it (security review N-H1)
		frm.set_df_property("customer", "read_only", frm.is_new() ? 0 : 1);
	},
});
