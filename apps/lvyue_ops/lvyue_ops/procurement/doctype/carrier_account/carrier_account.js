// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Carrier Account", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Request Recharge"), () =>
			frappe.prompt(
				[
					{ fieldname: "amount", label: __("Amount"), fieldtype: "Currency", reqd: 1 },
					{
						fieldname: "customer_payment",
						label: __("Customer Payment"),
						fieldtype: "Link",
						options: "Payment Entry",
						description: __("The customer's remittance this recharge is bought with."),
						get_query: () => ({
							filters: {
								docstatus: 1,
								payment_type: "Receive",
								party_type: "Customer",
								party: frm.doc.customer,
								company: frm.doc.company,
							},
						}),
					},
					{
						fieldname: "urgent",
						label: __("Urgent"),
						fieldtype: "Check",
						description: __("Before the customer's payment only an urgent recharge goes, for the General Manager's own approval."),
					},
				],
				(values) =>
					frm.call("raise_recharge_request", values).then((r) => frappe.set_route("Form", "Purchase Request", r.message)),
				__("Request Recharge")
			)
		);
	},
});
