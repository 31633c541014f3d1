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
		if (frm.doc.status !== "Closed" && lvyue_ops.has_step("issue.reply")) {
			frm.add_custom_button(__("Log Reply to Customer"), () =>
				frappe.prompt(
					[
						{ fieldname: "reply", label: __("What the Customer Was Told"), fieldtype: "Small Text", reqd: 1 },
						{
							fieldname: "channel",
							label: __("Channel"),
							fieldtype: "Select",
							options: ["Phone", "Email", "Letter", "Fax", "Visit"].map((v) => ({ value: v, label: __(v) })),
							default: "Phone",
						},
					],
					(values) =>
						frappe
							.xcall("lvyue_ops.overrides.issue.log_customer_reply", { issue: frm.doc.name, ...values })
							.then(() => frm.reload_doc()),
					__("Log Reply to Customer")
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
