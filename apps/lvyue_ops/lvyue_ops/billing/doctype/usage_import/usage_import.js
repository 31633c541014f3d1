// Copyright (c) 2026, lvyue_ops developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Usage Import", {
	setup(frm) {
		frappe.realtime.on("lvyue_usage_import_progress", (data) => {
			if (data.name !== frm.doc.name) return;
			if (data.done) {
				frm.dashboard.hide_progress();
				frm.reload_doc();
				return;
			}
			frm.dashboard.show_progress(__("Importing"), data.percent ?? 100, __("{0} rows read", [data.rows]));
		});
	},
	company(frm) {
		frm.set_value("vos_server", null);
	},
	refresh(frm) {
		frm.set_query("vos_server", () => ({ filters: { company: frm.doc.company } }));
		if (frm.is_new()) return;
		if (["Draft", "Failed"].includes(frm.doc.status) && frm.doc.import_file) {
			frm.add_custom_button(__("Import"), () =>
				lvyue_ops.run_action(frm, "start_import").then(() =>
					frappe.show_alert({ message: __("The import runs in the background."), indicator: "blue" })
				)
			).addClass("btn-primary");
		}
		if (["Queued", "Importing"].includes(frm.doc.status)) {
			// a worker that died leaves the import queued: the server starts it again only then
			frm.add_custom_button(__("Start Again"), () => lvyue_ops.run_action(frm, "start_import"));
			const show = (rows) => frm.dashboard.show_progress(__("Importing"), 100, __("{0} rows read", [rows || 0]));
			show(frm.doc.processed_rows);
			lvyue_ops.follow_job(frm, ["Queued", "Importing"], () =>
				frappe.db.get_value(frm.doctype, frm.doc.name, "processed_rows").then(({ message }) => show(message.processed_rows))
			);
		}
		if (frm.doc.error_count > (frm.doc.errors || []).length) {
			frm.set_intro(__("{0} rows have errors; the first {1} are listed.", [frm.doc.error_count, frm.doc.errors.length]), "red");
		}
	},
});
