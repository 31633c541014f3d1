// lvyue_ops additions to ERPNext's Sales Invoice form (hooks.py: doctype_js): the calls behind a bill of a
// billing run (详单), for whoever reads the bill; how a bill reached a customer with no email address;
// Operations proposes a bad debt (坏账) or a transfer (转账) of what is still owed, for Finance to post.
frappe.ui.form.on("Sales Invoice", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 1) return;
		if (lvyue_ops.has_step("billing_run.send_statements") && !frm.doc.lvyue_statement_channel) {
			frm.add_custom_button(__("Record Statement Delivery"), () =>
				frappe.prompt(
					[
						{
							fieldname: "channel",
							label: __("Delivery Channel"),
							fieldtype: "Select",
							reqd: 1,
							options: ["By Post", "Fax", "WeChat", "By Hand", "Email"].map((v) => ({ value: v, label: __(v) })),
						},
						{ fieldname: "delivered_on", label: __("Delivered on"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
					],
					(values) =>
						frappe
							.xcall("lvyue_ops.billing.doctype.billing_run.billing_run.record_statement_delivery", {
								invoice: frm.doc.name,
								...values,
							})
							.then(() => frm.reload_doc()),
					__("Record Statement Delivery")
				)
			);
		}
		if (lvyue_ops.has_step("journal_entry.propose") && frm.doc.outstanding_amount > 0) {
			for (const purpose of ["Bad Debt", "Transfer"]) {
				frm.add_custom_button(__(purpose), () => propose_journal_entry(frm, purpose), __("Propose to Finance"));
			}
		}
		if (!frm.doc.lvyue_billing_run) return;
		for (const format of ["csv", "xlsx"]) {
			frm.add_custom_button(
				format.toUpperCase(),
				() => window.open(`/api/method/lvyue_ops.vos.detail.download_calls?invoice=${encodeURIComponent(frm.doc.name)}&file_format=${format}`),
				__("Calls of the Bill")
			);
		}
	},
});

function propose_journal_entry(frm, purpose) {
	const fields = [
		{ fieldname: "amount", label: __("Amount"), fieldtype: "Currency", reqd: 1, default: frm.doc.outstanding_amount },
		{ fieldname: "reason", label: __("Reason for the Proposal"), fieldtype: "Small Text", reqd: 1 },
	];
	if (purpose === "Transfer") {
		fields.splice(1, 0, { fieldname: "to_customer", label: __("Transfer to Customer"), fieldtype: "Link", options: "Customer", reqd: 1 });
	}
	frappe.prompt(
		fields,
		(values) =>
			frappe
				.xcall("lvyue_ops.receivables.receivables.propose_journal_entry", {
					company: frm.doc.company,
					purpose,
					customer: frm.doc.customer,
					sales_invoice: frm.doc.name,
					...values,
				})
				.then((name) => frappe.show_alert({ message: __("{0} goes to Finance to post.", [name]), indicator: "green" })),
		__(purpose)
	);
}
