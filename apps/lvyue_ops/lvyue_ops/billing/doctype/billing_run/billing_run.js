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
		lvyue_ops.billing.review_board(frm);
		if (frm.doc.review_status === "Pending Review") lvyue_ops.billing.review_buttons(frm);
		if (["Completed", "Completed with Errors"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Invoices"), () =>
				frappe.set_route("List", "Sales Invoice", { lvyue_billing_run: frm.doc.name })
			);
			if (lvyue_ops.has_step("billing_run.send_statements")) {
				frm.add_custom_button(__("Send Statements"), () =>
					frm.call("send_statements").then(({ message: m }) => {
						frappe.show_alert(__("{0} statements queued", [m.queued]));
						if (m.undeliverable.length) {
							frappe.msgprint(
								__("These customers have no email address: deliver their bills another way and record it on each bill (Record Statement Delivery): {0}", [
									m.undeliverable.map((c) => frappe.utils.escape_html(c)).join("、"),
								]),
								__("Send Statements")
							);
						}
						frm.reload_doc();
					})
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

// The bills that look wrong (billing/bill_review.py), one row each with its state: the Business
// Assistant confirms or corrects that bill from its own row, and completes the review.
lvyue_ops.billing.review_board = function (frm) {
	const field = frm.get_field("review_board");
	const rows = frm.doc.anomalies || [];
	frm.toggle_display("anomalies", !rows.length);
	if (!rows.length) return field.$wrapper.empty();
	const can_review = frm.doc.review_status === "Pending Review" && lvyue_ops.has_step("billing_run.review");
	const esc = frappe.utils.escape_html;
	const state = (row) =>
		row.resolution
			? `<span class="indicator-pill ${row.resolution === "Confirmed" ? "green" : "blue"}">${__(row.resolution)}</span>`
			: `<span class="indicator-pill orange">${__("To Look At")}</span>`;
	const actions = (row) =>
		can_review && !row.resolution
			? `<button class="btn btn-xs btn-default" data-action="confirm_anomaly" data-row="${esc(row.name)}">${__("Confirm")}</button>
			   <button class="btn btn-xs btn-default" data-action="rebill" data-row="${esc(row.name)}">${__("Bill Again")}</button>`
			: esc(row.note || "");
	const body = rows
		.map(
			(row) => `<tr data-row="${esc(row.name)}">
				<td>${esc(row.customer)}</td>
				<td><a href="/app/sales-invoice/${encodeURIComponent(row.sales_invoice || "")}">${esc(row.sales_invoice || "")}</a></td>
				<td>${esc(__(row.kind))}</td><td>${esc(row.detail || "")}</td>
				<td class="review-state">${state(row)}</td><td>${actions(row)}</td></tr>`
		)
		.join("");
	field.$wrapper.html(`<table class="table table-bordered lvyue-review-board" style="font-size: var(--text-sm)">
		<thead><tr><th>${__("Customer")}</th><th>${__("Bill")}</th><th>${__("Anomaly")}</th>
		<th>${__("Detail")}</th><th>${__("Review")}</th><th>${__("Remarks")}</th></tr></thead>
		<tbody>${body}</tbody></table>`);
	field.$wrapper.find("button[data-action]").on("click", (event) => {
		const { action, row } = event.currentTarget.dataset;
		const anomaly = rows.find((r) => r.name === row);
		const rebill = action === "rebill";
		frappe.prompt(
			{
				fieldname: "note",
				label: rebill ? __("What was corrected") : __("What was checked"),
				fieldtype: "Small Text",
				reqd: 1,
			},
			(values) => lvyue_ops.run_action(frm, action, { row, note: values.note }),
			`${rebill ? __("Cancel and Bill Again") : __("Confirm a Bill")}: ${anomaly.customer}`,
			rebill ? __("Bill Again") : __("Confirm")
		);
	});
};

lvyue_ops.billing.review_buttons = function (frm) {
	const pending = (frm.doc.anomalies || []).filter((row) => !row.resolution);
	frm.set_intro(__("{0} bills to look at before the statements go out.", [pending.length]), "orange");
	if (!lvyue_ops.has_step("billing_run.review")) return;
	frm.add_custom_button(__("Complete Bill Review"), () => lvyue_ops.run_action(frm, "complete_review")).addClass(
		pending.length ? "" : "btn-primary"
	);
};
