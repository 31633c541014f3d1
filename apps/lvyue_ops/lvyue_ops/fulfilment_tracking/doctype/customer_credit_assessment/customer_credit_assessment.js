// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

// 客户信用评估: Finance applies the suggested credit limit to the customer in ERPNext.
frappe.ui.form.on("Customer Credit Assessment", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (lvyue_ops.has_step("customer_credit_assessment.apply_limit")) {
			frm.add_custom_button(__("Apply Credit Limit"), () =>
				frappe.confirm(
					__("Set the credit limit of {0} to {1}?", [
						frm.doc.customer,
						format_currency(frm.doc.suggested_credit_limit),
					]),
					() => lvyue_ops.run_action(frm, "apply_credit_limit")
				)
			);
		}
		frm.add_custom_button(__("History"), () =>
			frappe.set_route("List", "Customer Credit Assessment", { customer: frm.doc.customer })
		);
	},
});
