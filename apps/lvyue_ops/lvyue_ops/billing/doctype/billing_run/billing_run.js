// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Billing Run", {
	setup(frm) {
		let waiting = false;
		frappe.realtime.on("lvyue_billing_progress", (data) => {
			if (data.run !== frm.doc.name || waiting) return;
			waiting = true; // at most one refresh every two seconds, however many workers report
			setTimeout(() => {
				waiting = false;
				if (data.done) frm.reload_doc();
				else lvyue_ops.billing.show_progress(frm);
			}, 2000);
		});
	},
	refresh(frm) {
		if (frm.is_new()) return;
		if (["Queued", "Running"].includes(frm.doc.status)) {
			lvyue_ops.billing.show_progress(frm);
			lvyue_ops.follow_job(frm, ["Queued", "Running"], () => lvyue_ops.billing.show_progress(frm));
		}
		if (lvyue_ops.has_step("billing_run.start")) {
			const label = {
				Draft: __("Run Billing"),
				Failed: __("Start Again"),
				"Completed with Errors": __("Bill the Missing Customers"),
				Queued: __("Start Again"),
				Running: __("Start Again"),
			}[frm.doc.status];
			if (label) {
				frm.add_custom_button(label, () => lvyue_ops.run_action(frm, "start")).addClass(
					["Draft", "Failed"].includes(frm.doc.status) ? "btn-primary" : ""
				);
			}
		}
		if (frm.doc.review_status === "Pending Review") lvyue_ops.billing.review_buttons(frm);
		if (["Completed", "Completed with Errors"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Invoices"), () =>
				frappe.set_route("List", "Sales Invoice", { lvyue_billing_run: frm.doc.name })
			);
			if (lvyue_ops.has_step("billing_run.send_statements")) {
				frm.add_custom_button(__("Send Statements"), () =>
					frm.call("send_statements").then((r) => frappe.show_alert(__("{0} statements queued", [r.message])))
				);
			}
		}
	},
});

frappe.provide("lvyue_ops.billing");
lvyue_ops.billing.show_progress = function (frm) {
	frm.call("shard_progress").then(({ message: p }) => {
		const percent = p.customers ? (100 * p.done) / p.customers : 0;
		frm.dashboard.show_progress(
			__("Billing"),
			percent,
			__("{0} of {1} customers, {2} bills, {3} failed", [p.done, p.customers, p.created, p.failed])
		);
		if (p.stalled) frm.set_intro(__("No worker is billing this run: start it again."), "orange");
	});
};

// The bills that look wrong (billing/bill_review.py): the Business Assistant confirms or corrects each.
lvyue_ops.billing.review_buttons = function (frm) {
	const pending = (frm.doc.anomalies || []).filter((row) => !row.resolution);
	frm.set_intro(__("{0} bills to look at before the statements go out.", [pending.length]), "orange");
	if (!lvyue_ops.has_step("billing_run.review")) return;
	const ask = (title, method) =>
		frappe.prompt(
			[
				{
					fieldname: "row",
					label: __("Bill"),
					fieldtype: "Select",
					reqd: 1,
					options: pending.map((row) => ({
						value: row.name,
						label: `${row.customer} · ${__(row.kind)}`,
					})),
				},
				{ fieldname: "note", label: __("Note"), fieldtype: "Small Text", reqd: 1 },
			],
			(values) => lvyue_ops.run_action(frm, method, values),
			title
		);
	const group = __("Bill Review");
	frm.add_custom_button(__("Confirm a Bill"), () => ask(__("Confirm a Bill"), "confirm_anomaly"), group);
	frm.add_custom_button(__("Bill Again"), () => ask(__("Cancel and Bill Again"), "rebill"), group);
	frm.add_custom_button(__("Complete Bill Review"), () => lvyue_ops.run_action(frm, "complete_review"), group);
};
