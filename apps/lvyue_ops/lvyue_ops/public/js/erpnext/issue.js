// lvyue_ops additions to ERPNext's Issue form (hooks.py: doctype_js; server side: overrides/issue.py).
frappe.ui.form.on("Issue", {
	setup(frm) {
		// one grade scale: the rules' grades 1-3 (setup/records/04_issue_priority.json), not ERPNext's
		// Low/Medium/High
		frm.set_query("priority", () => ({ filters: { name: ["like", "Grade %"] } }));
	},
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status !== "Closed" && frm.doc.lvyue_escalation !== "Operations Supervisor") {
			frm.add_custom_button(__("Customer Does Not Accept"), () =>
				frappe.prompt(
					{ fieldname: "reason", label: __("Reason"), fieldtype: "Small Text", reqd: 1 },
					(values) =>
						frappe
							.xcall("lvyue_ops.overrides.issue.escalate", { issue: frm.doc.name, reason: values.reason })
							.then(() => frm.reload_doc()),
					__("Escalate")
				)
			);
		}
		if (frm.doc.lvyue_category === "Business Need" && frm.doc.lvyue_salesperson_confirmed) {
			frm.add_custom_button(
				__("Business Order"),
				() =>
					frappe.model.open_mapped_doc({
						method: "lvyue_ops.overrides.issue.make_business_order",
						frm: frm,
					}),
				__("Create")
			);
		}
	},
});
