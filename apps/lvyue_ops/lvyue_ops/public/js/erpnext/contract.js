// lvyue_ops additions to ERPNext's Contract form (hooks.py: doctype_js).
frappe.ui.form.on("Contract", {
	before_workflow_action: (frm) => lvyue_ops.approval.before_workflow_action(frm),
	refresh(frm) {
		lvyue_ops.approval.setup_form(frm);
		frm.set_query("lvyue_project_approval", () => ({
			filters: {
				docstatus: 1,
				approval_type: "New Project", // a change's approval is not a new contract's 立项
				customer: frm.doc.party_type === "Customer" ? frm.doc.party_name : "",
			},
		}));
		const live = frm.doc.docstatus === 1 && !frm.doc.lvyue_terminated_on && !frm.doc.lvyue_renewed_by;
		if (live && !frm.doc.lvyue_portal_email && frm.doc.party_type === "Customer" && lvyue_ops.has_step("contract.submit")) {
			frm.add_custom_button(__("Invite the Customer's Contact"), () =>
				frappe.prompt(
					{ fieldname: "email", label: __("Customer's Portal Contact (Email)"), fieldtype: "Data", options: "Email", reqd: 1 },
					(values) =>
						frappe
							.xcall("lvyue_ops.overrides.contract.invite_customer_contact", { contract: frm.doc.name, email: values.email })
							.then(() => frm.reload_doc()),
					__("Invite the Customer's Contact")
				)
			);
		}
		if (live && lvyue_ops.has_step("contract.renew")) {
			frm.add_custom_button(__("Renew"), () =>
				frappe.model.open_mapped_doc({ method: "lvyue_ops.overrides.contract.make_renewal", frm })
			);
		}
		if (live && lvyue_ops.has_step("contract.terminate")) {
			frm.add_custom_button(__("Terminate"), () =>
				frappe.prompt(
					[
						{ fieldname: "terminated_on", label: __("Terminated on"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
						{ fieldname: "reason", label: __("Termination Reason"), fieldtype: "Small Text", reqd: 1 },
					],
					(values) =>
						frappe
							.xcall("lvyue_ops.overrides.contract.terminate", { contract: frm.doc.name, ...values })
							.then((orders) => {
								frappe.msgprint({
									title: __("Contract Terminated"),
									message: orders.length
										? __("Open Business Orders of the customer: {0}", [orders.map((o) => frappe.utils.escape_html(o)).join(", ")])
										: __("The customer has no active Business Orders."),
								});
								frm.reload_doc();
							}),
					__("Terminate Contract")
				)
			);
		}
	},
});
