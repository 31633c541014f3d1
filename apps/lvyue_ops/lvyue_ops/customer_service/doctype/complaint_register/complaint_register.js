// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Complaint Register", {
	refresh(frm) {
		if (!frm.is_new() && frm.doc.status === "Open") {
			frm.add_custom_button(__("Send Reply"), () => lvyue_ops.run_action(frm, "send_reply")).addClass("btn-primary");
		}
		if (!frm.is_new() && frm.doc.status === "Open" && lvyue_ops.has_step("complaint_register.progress")) {
			frm.add_custom_button(__("Tell the Customer the Progress"), () =>
				frappe.prompt(
					[
						{ fieldname: "update", label: __("What the Customer Was Told"), fieldtype: "Small Text", reqd: 1 },
						{
							fieldname: "channel",
							label: __("Channel"),
							fieldtype: "Select",
							options: ["Phone", "Email", "Letter", "Fax", "Visit", "Portal"].map((v) => ({ value: v, label: __(v) })),
							default: "Phone",
						},
					],
					(values) => frm.call("log_progress", values).then(() => frm.reload_doc()),
					__("Tell the Customer the Progress")
				)
			);
		}
	},
});
