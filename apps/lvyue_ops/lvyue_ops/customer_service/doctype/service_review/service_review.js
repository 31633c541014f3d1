// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Service Review", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.status === "Draft" && lvyue_ops.has_step("service_review.conclude")) {
			frm.add_custom_button(__("Conclude the Review"), () => lvyue_ops.run_action(frm, "conclude")).addClass("btn-primary");
		}
		if (frm.doc.status !== "Concluded") return;
		for (const row of frm.doc.actions || []) {
			if (row.done_on || (row.owner_user !== frappe.session.user && !lvyue_ops.has_step("service_review.conclude"))) continue;
			frm.add_custom_button(
				`${row.idx}. ${row.action}`.slice(0, 40),
				() => lvyue_ops.run_action(frm, "mark_action_done", { row: row.name }),
				__("Improvement Done")
			);
		}
	},
});
