// lvyue_ops additions to ERPNext's Issue form (hooks.py: doctype_js).
frappe.ui.form.on("Issue", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status !== "Closed" && frm.doc.lvyue_escalation !== "Operations Supervisor") {
			frm.add_custom_button(__("Customer Does Not Accept"), () =>
				frappe.prompt(
					{ fieldname: "reason", label: __("Reason"), fieldtype: "Small Text", reqd: 1 },
					(values) =>
						frappe
							.xcall("lvyue_ops.lvyue_ops.issue_actions.escalate", { issue: frm.doc.name, reason: values.reason })
							.then(() => frm.reload_doc()),
					__("Escalate")
				)
			);
		}
		if (frm.doc.lvyue_category === "Business Need" && frm.doc.lvyue_salesperson_confirmed) {
			frm.add_custom_button(__("Business Order"), () =>
				frappe
					.xcall("lvyue_ops.lvyue_ops.issue_actions.make_business_order", {
						issue: frm.doc.name,
						company: frappe.defaults.get_user_default("Company"),
					})
					.then((doc) => {
						frappe.model.sync(doc);
						frappe.set_route("Form", doc.doctype, doc.name);
					}),
				__("Create")
			);
		}
	},
});
