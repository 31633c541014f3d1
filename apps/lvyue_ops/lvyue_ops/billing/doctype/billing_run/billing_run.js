// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Billing Run", {
	setup(frm) {
		frappe.realtime.on("progress", (data) => {
			if (data.doctype === "Billing Run" && data.docname === frm.doc.name) {
				frm.dashboard.show_progress(data.title, data.percent);
				if (data.percent >= 100) frm.reload_doc();
			}
		});
	},
	refresh(frm) {
		if (frm.is_new()) return;
		if (["Draft", "Failed"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Run Billing"), () =>
				lvyue_ops.run_action(frm, "start")
			).addClass("btn-primary");
		}
		if (["Queued", "Running"].includes(frm.doc.status)) {
			frm.dashboard.show_progress(__("Billing"), frm.doc.progress || 0);
		}
		if (frm.doc.status === "Completed") {
			frm.add_custom_button(__("Invoices"), () =>
				frappe.set_route("List", "Sales Invoice", { lvyue_billing_run: frm.doc.name })
			);
			frm.add_custom_button(__("Send Statements"), () =>
				frm.call("send_statements").then((r) =>
					frappe.show_alert(__("{0} statements queued", [r.message]))
				)
			);
		}
	},
});
